/* fuzz_snippet: the snippet builder (and its table-of-contents reader,
 * snippet_is_contents) on arbitrary text and queries. The
 * input's first line is the query (through query_parse), the rest the
 * document text, normalised as the extractors store chunks (text_normalize). Checks the contract of
 * snippet.h and INTERFACE.md: valid UTF-8, the text HTML-escaped (no '<', '>' or '"' except the
 * <mark> tags, every '&' an entity), <mark> tags balanced and not nested, and at most
 * SNIPPET_MAX_CHARS characters besides the marks and the "…" of the cuts. */
#include "fuzz_util.h"
#include "query.h"
#include "snippet.h"
#include "synonyms.h"
#include "text.h"

static synonyms *sn_syn;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (synonyms_load("corpus/synonymes.txt", &sn_syn, err, sizeof err) != 0)
        sn_syn = NULL;
    return 0;
}

static void sn_check(const char *s)
{
    size_t n = strlen(s), chars = 0;
    int open = 0;
    if (!fuzz_utf8_ok(s, n))
        fuzz_fail("snippet is not valid UTF-8");
    for (size_t i = 0; i < n;) {
        if (strncmp(s + i, "<mark>", 6) == 0) {
            if (open)
                fuzz_fail("nested <mark> in \"%s\"", s);
            open = 1;
            i += 6;
            continue;
        }
        if (strncmp(s + i, "</mark>", 7) == 0) {
            if (!open)
                fuzz_fail("</mark> without <mark> in \"%s\"", s);
            open = 0;
            i += 7;
            continue;
        }
        if (strncmp(s + i, "\xE2\x80\xA6", 3) == 0) { /* … added at cuts */
            i += 3;
            continue;
        }
        char c = s[i];
        if (c == '<' || c == '>' || c == '"')
            fuzz_fail("unescaped '%c' in \"%s\"", c, s);
        if (c == '&') {
            static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
                                               "&#x27;", "&apos;"};
            size_t k = 0, m = sizeof ents / sizeof ents[0];
            while (k < m && strncmp(s + i, ents[k], strlen(ents[k])) != 0)
                k++;
            if (k == m)
                fuzz_fail("unescaped '&' in \"%s\"", s);
            i += strlen(ents[k]);
            chars++;
            continue;
        }
        if (((unsigned char)c & 0xC0) != 0x80)
            chars++;
        i++;
    }
    if (open)
        fuzz_fail("unclosed <mark> in \"%s\"", s);
    if (chars > SNIPPET_MAX_CHARS)
        fuzz_fail("snippet of %zu characters (max %d): \"%s\"", chars, SNIPPET_MAX_CHARS, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t qlen = nl ? (size_t)(nl - (const char *)data) : size;
    const char *raw = nl ? nl + 1 : (const char *)data + size;
    char *text = text_normalize(raw, size - (size_t)(raw - (const char *)data), TEXT_PARAGRAPHS);
    size_t tlen = strlen(text);
    query *q = NULL;
    char err[256];
    if (query_parse((const char *)data, qlen, sn_syn, &q, err, sizeof err) != QUERY_OK)
        q = NULL;
    char *s = snippet_from_text(text, tlen, q);
    if (!s)
        fuzz_fail("snippet_from_text returned NULL");
    sn_check(s);
    free(s);
    s = snippet_from_text(text, tlen, NULL);
    sn_check(s);
    free(s);
    /* The table-of-contents reader, on the stored text and on raw bytes. */
    (void)snippet_is_contents(text, tlen);
    (void)snippet_is_contents((const char *)data, size);
    query_free(q);
    free(text);
    return 0;
}
