/* test_snippet: the passage under a result. HTML in the document comes
 * out escaped, marks land on the document's own words (case, accents,
 * elisions), cuts fall between words with "…", UTF-8 is never split, the
 * best passage is chosen, and the page of a PDF chunk is reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "buf.h"
#include "index_fixture.h"
#include "query.h"
#include "rank.h"
#include "snippet.h"
#include "vocab.h"

static query *parse(const char *text)
{
    query *q = NULL;
    char err[256];
    assert_int_equal(query_parse(text, strlen(text), NULL, &q, err, sizeof err), QUERY_OK);
    return q;
}

static char *snip(const char *text, const char *qtext)
{
    query *q = qtext ? parse(qtext) : NULL;
    char *s = snippet_from_text(text, strlen(text), q);
    query_free(q);
    assert_non_null(s);
    return s;
}

/* Characters of s, marks and "…" excluded. */
static size_t visible_chars(const char *s)
{
    size_t n = 0;
    while (*s) {
        if (!strncmp(s, "<mark>", 6)) {
            s += 6;
            continue;
        }
        if (!strncmp(s, "</mark>", 7)) {
            s += 7;
            continue;
        }
        if (!strncmp(s, "…", strlen("…"))) {
            s += strlen("…");
            continue;
        }
        n += ((unsigned char)*s & 0xC0) != 0x80;
        s++;
    }
    return n;
}

static int valid_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, len, &c);
        if (n <= 0)
            return 0;
        p += n;
        len -= n;
    }
    return 1;
}

static void test_escapes_markup(void **state)
{
    (void)state;
    char *s = snip("Avant <script>alert(1)</script> & \"après\" l'équipe, mineurs.", "mineurs");
    assert_null(strstr(s, "<script"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(s, "&amp;"));
    assert_non_null(strstr(s, "&quot;après&quot;"));
    assert_non_null(strstr(s, "l&#39;équipe"));
    assert_non_null(strstr(s, "<mark>mineurs</mark>"));
    free(s);
    /* A matched word inside markup-looking text is escaped, then marked. */
    s = snip("<b>script</b> & co", "script");
    assert_string_equal(s, "&lt;b&gt;<mark>script</mark>&lt;/b&gt; &amp; co");
    free(s);
}

static void test_only_marks(void **state)
{
    (void)state;
    char *s = snip("a < b > c & d <mark>x</mark>", "mark");
    /* The document's own "<mark>" is text; the only tags are ours. */
    const char *p = s;
    int tags = 0;
    while ((p = strchr(p, '<'))) {
        assert_true(!strncmp(p, "<mark>", 6) || !strncmp(p, "</mark>", 7));
        tags++;
        p++;
    }
    assert_int_equal(tags, 4);
    assert_non_null(strstr(s, "&lt;<mark>mark</mark>&gt;x&lt;/<mark>mark</mark>&gt;"));
    free(s);
}

static void test_marks_original_forms(void **state)
{
    (void)state;
    char *s = snip("Les MINEURS Non Accompagnés, l’Exploitation.",
                   "mineurs non accompagnes exploitation");
    assert_string_equal(s, "Les <mark>MINEURS</mark> <mark>Non</mark> <mark>Accompagnés</mark>, "
                           "l’<mark>Exploitation</mark>.");
    free(s);
    /* Stemmed variants are marked as written. */
    s = snip("Une mineure accompagnée.", "mineurs accompagnés");
    assert_string_equal(s, "Une <mark>mineure</mark> <mark>accompagnée</mark>.");
    free(s);
}

static void test_cut_at_word_boundaries(void **state)
{
    (void)state;
    char *before = ixf_filler(1, 120), *after = ixf_filler(2, 120);
    size_t n = strlen(before) + strlen(after) + 64;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%s les mineurs accompagnés %s", before, after);
    char *s = snip(text, "mineurs accompagnés");
    assert_true(!strncmp(s, "… ", strlen("… ")));
    assert_true(strlen(s) > strlen(" …") && !strcmp(s + strlen(s) - strlen(" …"), " …"));
    assert_non_null(strstr(s, "<mark>mineurs</mark> <mark>accompagnés</mark>"));
    size_t chars = visible_chars(s);
    assert_true(chars >= 160 && chars <= 240);
    /* Every word shown is a whole word of the text. */
    char *copy = strdup(s + strlen("… "));
    assert_non_null(copy);
    copy[strlen(copy) - strlen(" …")] = 0;
    char *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (strstr(w, "mark>"))
            continue;
        char pat[64];
        snprintf(pat, sizeof pat, " %s ", w);
        assert_non_null(strstr(text, pat));
    }
    free(copy);
    free(s);
    /* Nothing matched: the start of the text, cut after a word. */
    s = snip(text, "xyzzyplugh");
    assert_true(!strncmp(s, "lorem", 5) || !strncmp(s, before, 5));
    assert_null(strstr(s, "<mark>"));
    assert_true(!strcmp(s + strlen(s) - strlen(" …"), " …"));
    free(s);
    free(text);
    free(before);
    free(after);
}

static void test_short_text_whole(void **state)
{
    (void)state;
    char *s = snip("  Un   texte\n\ncourt  sur les mineurs.\n", "mineurs");
    assert_string_equal(s, "Un texte court sur les <mark>mineurs</mark>.");
    free(s);
    s = snip("", "mineurs");
    assert_string_equal(s, "");
    free(s);
    s = snip("Sans requête.", NULL);
    assert_string_equal(s, "Sans requête.");
    free(s);
}

static void test_utf8_safety(void **state)
{
    (void)state;
    /* 600 two-byte characters without a space: the cut must fall between
     * characters. */
    char text[2000] = "";
    for (int i = 0; i < 600; i++)
        strcat(text, "é");
    char *s = snip(text, "mineurs");
    assert_true(valid_utf8(s));
    assert_true(visible_chars(s) <= 240);
    free(s);
    /* Accented words around the match, cut on both sides. */
    char *t = malloc(8000);
    assert_non_null(t);
    t[0] = 0;
    for (int i = 0; i < 60; i++)
        strcat(t, "élève réfugiée ");
    strcat(t, "mineurs ");
    for (int i = 0; i < 60; i++)
        strcat(t, "œuvre à côté ");
    s = snip(t, "mineurs");
    assert_true(valid_utf8(s));
    assert_non_null(strstr(s, "<mark>mineurs</mark>"));
    free(s);
    free(t);
}

static void test_best_passage(void **state)
{
    (void)state;
    char *a = ixf_filler(3, 80), *b = ixf_filler(4, 80), *c = ixf_filler(5, 80);
    size_t n = strlen(a) + strlen(b) + strlen(c) + 200;
    char *text = malloc(n);
    assert_non_null(text);
    /* One word alone early, both words together later: the later wins. */
    snprintf(text, n, "%s mineurs %s les mineurs isolés et accompagnés %s", a, b, c);
    char *s = snip(text, "mineurs accompagnés");
    assert_non_null(strstr(s, "<mark>mineurs</mark> isolés et <mark>accompagnés</mark>"));
    free(s);
    free(text);
    free(a);
    free(b);
    free(c);
}

/* The window takes a phrase whole even when the best run starts inside
 * one: « humains » … « victimes » fits the run, « traite des êtres humains »
 * … « victimes » does not, yet the whole phrase is shown. */
static void test_phrase_not_cut(void **state)
{
    (void)state;
    char *a = ixf_filler(6, 60), *b = ixf_filler(7, 60);
    buf gap = BUF_INIT;
    for (int i = 0; i < 11; i++)
        buf_puts(&gap, "lorem ipsum "); /* 132 characters */
    size_t n = strlen(a) + strlen(b) + gap.len + 200;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%s la traite des êtres humains %svictimes %s", a, gap.data, b);
    char *s = snip(text, "\"traite des êtres humains\" victimes");
    assert_non_null(
        strstr(s, "<mark>traite</mark> <mark>des</mark> <mark>êtres</mark> <mark>humains</mark>"));
    assert_non_null(strstr(s, "<mark>victimes</mark>"));
    free(s);
    free(text);
    free(a);
    free(b);
    buf_free(&gap);
}

static void test_document_pages(void **state)
{
    (void)state;
    ixf_index ix;
    char err[256];
    sqlite3 *db;
    assert_int_equal(ixf_create(&ix), 0);
    const char *pages[] = {"Page une sur le travail.", "Page deux sur la traite.",
                           "Page trois : les mineurs non accompagnés et la traite."};
    assert_int_equal(ixf_add(&ix, 7, "pdf", 2020, "Guide", pages, 3), 0);
    const char *html[] = {"Une page web sans rapport."};
    assert_int_equal(ixf_add(&ix, 8, "html", 2020, "Page web sur les mineurs", html, 1), 0);
    const char *phrase[] = {"La traite des personnes et des enfants, ou traite des êtres humains."};
    assert_int_equal(ixf_add(&ix, 9, "text", 2020, "Définitions", phrase, 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    assert_int_equal(schema_open(ix.path, SCHEMA_READONLY, &db, err, sizeof err), 0);
    assert_int_equal(rank_register(db, err, sizeof err), 0);
    snippet_maker *sm = snippet_open(db, err, sizeof err);
    assert_non_null(sm);
    vocab *v;
    assert_int_equal(vocab_open(db, &v, err, sizeof err), 0);
    query_vocab qv = {vocab_forms, v};

    struct {
        const char *q;
        long long doc;
        int page;
        const char *want;
    } cases[] = {
        {"traite", 7, 2, "Page deux sur la <mark>traite</mark>."},
        {"mineurs traite", 7, 3, NULL}, /* both words: page 3, not 2 */
        {"travail", 7, 1, "Page une sur le <mark>travail</mark>."},
        /* Matched in the title only: the start of the text, no page. */
        {"mineurs", 8, 0, "Une page web sans rapport."},
        /* A phrase is marked where it stands whole, not word by word. */
        {"\"traite des êtres humains\"", 9, 0,
         "La traite des personnes et des enfants, ou <mark>traite</mark> <mark>des</mark> "
         "<mark>êtres</mark> <mark>humains</mark>."},
        /* Through a stem and a fold, as the document writes it. */
        {"enfant personne", 9, 0,
         "La traite des <mark>personnes</mark> et des <mark>enfants</mark>, ou traite des êtres "
         "humains."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        query *q = parse(cases[i].q);
        query_expr *any = query_compile(q, QUERY_ANY, &qv);
        char *out;
        int page = -1;
        assert_int_equal(snippet_documents(sm, 1, &cases[i].doc, q, any, NULL, &out, &page), SQLITE_OK);
        assert_int_equal(page, cases[i].page);
        if (cases[i].want)
            assert_string_equal(out, cases[i].want);
        free(out);
        /* A page of results at once gives each document's snippet and page
         * as one at a time (twice: the second from the token cache). */
        long long docs[] = {9, 7, 999, 8};
        for (int round = 0; round < 2; round++) {
            char *outs[4];
            int pages[4];
            assert_int_equal(snippet_documents(sm, 4, docs, q, any, NULL, outs, pages), SQLITE_OK);
            for (size_t d = 0; d < 4; d++) {
                char *one;
                int onepage;
                assert_int_equal(snippet_documents(sm, 1, &docs[d], q, any, NULL, &one, &onepage),
                                 SQLITE_OK);
                assert_string_equal(outs[d], one);
                assert_int_equal(pages[d], onepage);
                free(one);
                free(outs[d]);
            }
        }
        query_expr_free(any);
        query_free(q);
    }
    /* A document without chunks gives an empty snippet. */
    char *out;
    int page;
    long long missing = 999;
    query *q = parse("mineurs");
    assert_int_equal(snippet_documents(sm, 1, &missing, q, NULL, NULL, &out, &page), SQLITE_OK);
    assert_string_equal(out, "");
    assert_int_equal(page, 0);
    free(out);
    query_free(q);
    snippet_close(sm);
    vocab_close(v);
    sqlite3_close(db);
    ixf_remove(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_markup),       cmocka_unit_test(test_only_marks),
        cmocka_unit_test(test_marks_original_forms), cmocka_unit_test(test_cut_at_word_boundaries),
        cmocka_unit_test(test_short_text_whole),     cmocka_unit_test(test_utf8_safety),
        cmocka_unit_test(test_best_passage),         cmocka_unit_test(test_phrase_not_cut),
        cmocka_unit_test(test_document_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
