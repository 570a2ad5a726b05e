/* fuzz_title: the readable form of titles in capitals (lib/title.c) on
 * arbitrary input: the first line is the title, the rest the document's
 * texts, separated by form feeds (as many chunks), given raw and as the
 * extractors store them (text_normalize). */
#include "fuzz_util.h"
#include "text.h"
#include "title.h"

/* Checks title.h's promises: NULL exactly when the title is not in capitals
 * or longer than TITLE_MAX_LEN; otherwise valid UTF-8 when the title is, and
 * the same letters as the title, in the same order, once folded (lowercase,
 * unaccented): only case, accents and the spaces between glued words change. */

#define TI_MAX_TEXTS 16

/* The next folded letter of s from *i on (non-letters and spaces skipped),
 * into f[0..) with *nf and *k as a queue; -1 at the end. */
typedef struct {
    const char *s;
    size_t len, i;
    int32_t f[TEXT_FOLD_MAX];
    size_t nf, k;
} ti_letters;

static int32_t ti_next(ti_letters *l)
{
    while (l->k == l->nf) {
        if (l->i >= l->len)
            return -1;
        int32_t c;
        size_t m = text_cp_at(l->s, l->len, l->i, &c);
        l->i += m ? m : 1;
        utf8proc_category_t cat = m ? utf8proc_category(c) : UTF8PROC_CATEGORY_CN;
        l->k = 0;
        l->nf =
            cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO ? text_fold_cp(c, l->f) : 0;
    }
    return l->f[l->k++];
}

static void ti_check(const char *title, const char *const *texts, size_t n)
{
    size_t len = strlen(title);
    char *t = title_from_capitals(title, texts, n);
    int upper = len > 0 && len <= TITLE_MAX_LEN && text_is_upper_line(title, len);
    if (!t != !upper)
        fuzz_fail("title_from_capitals gave %s for a title %sin capitals: \"%s\"",
                  t ? "a title" : "NULL", upper ? "" : "not ", title);
    if (!t)
        return;
    size_t tl = strlen(t);
    if (fuzz_utf8_ok(title, len) && !fuzz_utf8_ok(t, tl))
        fuzz_fail("\"%s\" became invalid UTF-8", title);
    ti_letters a = {title, len, 0, {0}, 0, 0}, b = {t, tl, 0, {0}, 0, 0};
    for (;;) {
        int32_t x = ti_next(&a), y = ti_next(&b);
        if (x != y)
            fuzz_fail("\"%s\" became \"%s\": letters differ (U+%04X, U+%04X)", title, t,
                      (unsigned)x, (unsigned)y);
        if (x < 0)
            break;
    }
    free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    char *nl = strchr(s, '\n');
    char *rest = nl ? nl + 1 : s + strlen(s);
    if (nl)
        *nl = '\0';
    const char *texts[TI_MAX_TEXTS];
    char *norm[TI_MAX_TEXTS];
    size_t n = 0;
    while (n < TI_MAX_TEXTS) {
        texts[n++] = rest;
        char *ff = strchr(rest, '\f');
        if (!ff)
            break;
        *ff = '\0';
        rest = ff + 1;
    }
    ti_check(s, texts, n);
    char *title = text_normalize(s, strlen(s), TEXT_ONE_LINE);
    for (size_t i = 0; i < n; i++)
        norm[i] = text_normalize(texts[i], strlen(texts[i]), TEXT_PARAGRAPHS);
    ti_check(title, (const char *const *)norm, n);
    ti_check(title, NULL, 0);
    for (size_t i = 0; i < n; i++)
        free(norm[i]);
    free(title);
    free(s);
    return 0;
}
