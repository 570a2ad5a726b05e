/* test_snippet: the passage under a result. HTML in the document comes
 * out escaped, marks land on the document's own words (case, accents,
 * elisions), cuts fall between words with "…", UTF-8 is never split, the
 * best passage is chosen (content words before « de », « des »; the words
 * the title lacks first), and the page of a PDF chunk is reported. */
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
#include "synonyms.h"
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

/* A snippet maker over a closed test index, as searchd opens one. */
typedef struct {
    sqlite3 *db;
    snippet_maker *sm;
    vocab *v;
    query_vocab qv;
} snippet_env;

static void env_open(snippet_env *env, const ixf_index *ix)
{
    char err[256];
    assert_int_equal(schema_open(ix->path, SCHEMA_READONLY, &env->db, err, sizeof err), 0);
    assert_int_equal(rank_register(env->db, err, sizeof err), 0);
    env->sm = snippet_open(env->db, err, sizeof err);
    assert_non_null(env->sm);
    assert_int_equal(vocab_open(env->db, &env->v, err, sizeof err), 0);
    env->qv = (query_vocab){vocab_forms, env->v, 0};
}

static void env_close(snippet_env *env)
{
    snippet_close(env->sm);
    vocab_close(env->v);
    sqlite3_close(env->db);
}

static void test_document_pages(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    const char *pages[] = {"Page une sur le travail.", "Page deux sur la traite.",
                           "Page trois : les mineurs non accompagnés et la traite."};
    assert_int_equal(ixf_add(&ix, 7, "pdf", 2020, "Guide", pages, 3), 0);
    const char *html[] = {"Une page web sans rapport."};
    assert_int_equal(ixf_add(&ix, 8, "html", 2020, "Page web sur les mineurs", html, 1), 0);
    const char *phrase[] = {"La traite des personnes et des enfants, ou traite des êtres humains."};
    assert_int_equal(ixf_add(&ix, 9, "text", 2020, "Définitions", phrase, 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    snippet_maker *sm = env.sm;

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
        query_expr *any = query_compile(q, QUERY_ANY, &env.qv);
        char *out;
        int page = -1;
        assert_int_equal(snippet_documents(sm, 1, &cases[i].doc, q, any, NULL, &out, &page),
                         SQLITE_OK);
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
    env_close(&env);
    ixf_remove(&ix);
}

/* The snippet of document doc for qtext (read with syn, may be NULL),
 * with the expression query_compile gives for flags. */
static char *doc_snippet_with(snippet_maker *sm, const query_vocab *qv, const synonyms *syn,
                              const char *qtext, long long doc, int flags, int *page)
{
    query *q = NULL;
    char err[256];
    assert_int_equal(query_parse(qtext, strlen(qtext), syn, &q, err, sizeof err), QUERY_OK);
    query_expr *e = query_compile(q, flags, qv);
    char *out = NULL;
    assert_int_equal(snippet_documents(sm, 1, &doc, q, e, NULL, &out, page), SQLITE_OK);
    query_expr_free(e);
    query_free(q);
    assert_non_null(out);
    return out;
}

/* doc_snippet_with with the expression of QUERY_ANY. */
static char *doc_snippet(snippet_maker *sm, const query_vocab *qv, const synonyms *syn,
                         const char *qtext, long long doc, int *page)
{
    return doc_snippet_with(sm, qv, syn, qtext, doc, QUERY_ANY, page);
}

/* The page of document doc's snippet for qtext, the snippet dropped. */
static int doc_page(snippet_env *env, const char *qtext, long long doc)
{
    int page = -1;
    free(doc_snippet(env->sm, &env->qv, NULL, qtext, doc, &page));
    return page;
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* Issue 10: a passage where only « de », « des » are marked shows nothing
 * of the query; a query that is one synonym clause (« traite des êtres
 * humains », a side of TEH) still prefers its content words and its
 * phrase; and the words the title lacks come first. */
static void test_passage_choice(void **state)
{
    (void)state;
    ixf_index ix;
    char err[256], path[] = "/tmp/test_snippet.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *syntext = "TEH = traite des êtres humains\nMNA = mineurs non accompagnés\n";
    assert_int_equal(write(fd, syntext, strlen(syntext)), (ssize_t)strlen(syntext));
    close(fd);
    synonyms *syn = NULL;
    assert_int_equal(synonyms_load(path, &syn, err, sizeof err), 0);
    unlink(path);

    char *a = ixf_filler(8, 60), *b = ixf_filler(9, 60);
    size_t n = strlen(a) + strlen(b) + 200;
    char *far = malloc(n);
    assert_non_null(far);
    snprintf(far, n, "Le rôle des %s engagements non tenus %s la traite des êtres humains.", a, b);
    assert_int_equal(ixf_create(&ix), 0);
    const char *fn[] = {"Le rôle des associations et des bénévoles."};
    assert_int_equal(ixf_add(&ix, 11, "text", 2020, "Traite des êtres humains", fn, 1), 0);
    const char *phrase[] = {far};
    assert_int_equal(ixf_add(&ix, 12, "text", 2020, "Rapport", phrase, 1), 0);
    const char *pages[] = {"Les mineurs non accompagnés, encore les mineurs non accompagnés.",
                           "Les victimes."};
    assert_int_equal(ixf_add(&ix, 13, "pdf", 2020, "Les mineurs non accompagnés", pages, 2), 0);
    const char *du[] = {"L’inspection du travail et le code des douanes."};
    assert_int_equal(ixf_add(&ix, 14, "text", 2020, "Contrôles", du, 1), 0);
    size_t tn = strlen(a) + 200;
    char *typed = malloc(tn);
    assert_non_null(typed);
    snprintf(typed, tn, "Exporter dialogue. %s la boîte de dialogue exporter suit.", a);
    const char *order[] = {typed};
    assert_int_equal(ixf_add(&ix, 15, "text", 2020, "Macros", order, 1), 0);
    const char *order_pages[] = {"Exporter dialogue puis tout de suite exporter dialogue.",
                                 "Le dialogue exporter seul."};
    assert_int_equal(ixf_add(&ix, 16, "pdf", 2020, "Macros", order_pages, 2), 0);
    size_t cn = strlen(b) + 200;
    char *common = malloc(cn);
    assert_non_null(common);
    snprintf(common, cn, "Avec vos amis. %s La connexion est lente. Vous pouvez le faire.", b);
    const char *commons[] = {common};
    assert_int_equal(ixf_add(&ix, 17, "text", 2020, "Réseau", commons, 1), 0);
    const char *straddle[] = {"Un élément décisif de la", "procédure est longue.",
                              "Puis vient la procédure pénale."};
    assert_int_equal(ixf_add(&ix, 18, "pdf", 2020, "Guide", straddle, 3), 0);
    const char *participle[] = {"Elle a été reçue.", "Les conditions d’hébergement indignes."};
    assert_int_equal(ixf_add(&ix, 19, "pdf", 2020, "Questions", participle, 2), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    snippet_maker *sm = env.sm;
    int page;

    /* The body has only « des »: its start, nothing marked. */
    for (int s = 0; s < 2; s++) {
        char *out = doc_snippet(sm, &env.qv, s ? syn : NULL, "traite des êtres humains", 11, &page);
        assert_string_equal(out, "Le rôle des associations et des bénévoles.");
        free(out);
    }
    /* One clause (the TEH side): the phrase, far from the first « des »,
     * not « non » alone nor « des » alone. */
    char *out = doc_snippet(sm, &env.qv, syn, "traite des êtres humains", 12, &page);
    assert_non_null(strstr(
        out, "<mark>traite</mark> <mark>des</mark> <mark>êtres</mark> <mark>humains</mark>"));
    assert_int_equal(count(out, "<mark>des</mark>"), 1);
    free(out);
    out = doc_snippet(sm, &env.qv, syn, "mineurs non accompagnés", 12, &page);
    assert_non_null(strstr(out, "engagements <mark>non</mark> tenus"));
    free(out);
    /* The title says « mineurs non accompagnés »: the page with the other
     * word, even though page 1 has the phrase twice. */
    out = doc_snippet(sm, &env.qv, syn, "mineurs non accompagnés victimes", 13, &page);
    assert_string_equal(out, "Les <mark>victimes</mark>.");
    assert_int_equal(page, 2);
    free(out);
    out = doc_snippet(sm, &env.qv, syn, "mineurs non accompagnés", 13, &page);
    assert_int_equal(page, 1);
    assert_int_equal(count(out, "<mark>"), 6);
    free(out);
    /* A function word is marked next to a content word only. */
    out = doc_snippet(sm, &env.qv, NULL, "inspection du travail des douanes", 14, &page);
    assert_string_equal(out, "L’<mark>inspection</mark> <mark>du</mark> <mark>travail</mark> et "
                             "le code <mark>des</mark> <mark>douanes</mark>.");
    free(out);
    out = doc_snippet(sm, &env.qv, NULL, "inspection des mineurs", 14, &page);
    assert_string_equal(out, "L’<mark>inspection</mark> du travail et le code des douanes.");
    free(out);
    /* A query of function words only marks them. */
    out = doc_snippet(sm, &env.qv, NULL, "des", 14, &page);
    assert_string_equal(out, "L’inspection du travail et le code <mark>des</mark> douanes.");
    free(out);
    /* The query's words as typed, side by side (the audit's « together »,
     * tests/audit): in a chunk, over a passage with the same words apart
     * or in another order; and the page where they stand so over one
     * with more of them. */
    out = doc_snippet(sm, &env.qv, NULL, "dialogue exporter", 15, &page);
    assert_non_null(strstr(out, "<mark>dialogue</mark> <mark>exporter</mark> suit"));
    free(out);
    out = doc_snippet(sm, &env.qv, NULL, "dialogue exporter", 16, &page);
    assert_string_equal(out, "Le <mark>dialogue</mark> <mark>exporter</mark> seul.");
    assert_int_equal(page, 2);
    free(out);
    /* Words a question passes over (« avec », « vos ») weigh as function
     * words: the passage with « connexion », not « Avec vos amis »; and
     * they are marked in a run of query words with a content word. */
    out = doc_snippet(sm, &env.qv, NULL, "connexion avec vos", 17, &page);
    assert_non_null(strstr(out, "La <mark>connexion</mark> est lente"));
    assert_null(strstr(out, "<mark>vos</mark>"));
    free(out);
    /* « de la | procédure » across a page break shows as « la » alone:
     * the page where the phrase stands whole. */
    out = doc_snippet(sm, &env.qv, NULL, "\"la procédure\"", 18, &page);
    assert_string_equal(out, "Puis vient <mark>la</mark> <mark>procédure</mark> pénale.");
    assert_int_equal(page, 3);
    free(out);
    /* « été » (a participle) says as little as « a ». */
    out = doc_snippet(sm, &env.qv, NULL, "d hébergement a été", 19, &page);
    assert_int_equal(page, 2);
    free(out);
    out = doc_snippet(sm, &env.qv, NULL, "vous pouvez le faire", 17, &page);
    assert_non_null(strstr(out, "<mark>Vous</mark> <mark>pouvez</mark> <mark>le</mark> "
                                "<mark>faire</mark>."));
    free(out);

    env_close(&env);
    ixf_remove(&ix);
    synonyms_free(syn);
    free(typed);
    free(common);
    free(far);
    free(a);
    free(b);
}

/* A table of contents names a section where the section's own page says
 * the same words: on a tie, the page to open is the section's (dot leaders
 * spaced or not, ellipses); a table that says more of the query still
 * wins, and two leaders do not make one. */
static void test_contents_page(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    const char *contents = "Sommaire Les victimes . . . . . . . . 2 Le titre de séjour . . . . "
                           ". . . . 3 L’hébergement d’urgence . . . . . . . . 4";
    const char *report[] = {contents, "Les victimes sont accompagnées.",
                            "Le titre de séjour est délivré.", "L’hébergement est assuré."};
    assert_int_equal(ixf_add(&ix, 21, "pdf", 2020, "Rapport", report, 4), 0);
    const char *guide[] = {"Table Les victimes…… 2 Le titre de séjour........ 3 Fin………… 4",
                           "Le titre de séjour est délivré."};
    assert_int_equal(ixf_add(&ix, 22, "pdf", 2020, "Guide", guide, 2), 0);
    const char *notes[] = {"Notes . . . . 2 et le titre de séjour . . . . 3",
                           "Le titre de séjour est délivré."};
    assert_int_equal(ixf_add(&ix, 23, "pdf", 2020, "Notes", notes, 2), 0);
    /* The report's text as HTML sections: no page to open, no text read on
     * a tie, which the best passage (the list's, with the words closest)
     * wins as before. */
    assert_int_equal(ixf_add(&ix, 24, "html", 2020, "Rapport", report, 4), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    int page;

    char *out = doc_snippet(env.sm, &env.qv, NULL, "titre de séjour", 21, &page);
    assert_int_equal(page, 3);
    assert_string_equal(out,
                        "Le <mark>titre</mark> <mark>de</mark> <mark>séjour</mark> est délivré.");
    free(out);
    assert_int_equal(doc_page(&env, "titre de séjour hébergement", 21), 1);
    assert_int_equal(doc_page(&env, "titre de séjour", 22), 2);
    assert_int_equal(doc_page(&env, "titre de séjour", 23), 1);
    out = doc_snippet(env.sm, &env.qv, NULL, "titre de séjour", 24, &page);
    assert_int_equal(page, 0);
    assert_non_null(strstr(out, ". . . ."));
    free(out);

    env_close(&env);
    ixf_remove(&ix);
}

/* A list names a topic an item (a glossary's « • CIVI : commission
 * d'indemnisation des victimes d'infractions », a bibliography's « [1] … »):
 * in a PDF, of pages that say as many of the query's clauses, words in a
 * list's items count for that only, so the page about the topic wins over
 * the item that has the words side by side; a page whose items say more
 * still wins; a question asking what a word means keeps the glossary; an
 * HTML page's sections compare as before. */
static void test_list_items(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    const char *report[] = {
        "Sigles\n• AEM : aide à l’évaluation de la minorité\n"
        "• CIVI : commission d’indemnisation des victimes d’infractions\n"
        "• OQTF : obligation de quitter le territoire",
        "Le Collectif a insisté sur l’indemnisation, rare pour les victimes étrangères."};
    assert_int_equal(ixf_add(&ix, 31, "pdf", 2020, "Rapport", report, 2), 0);
    const char *faq[] = {"Les motifs de césure sont chargés avec la langue : français, anglais.",
                         "Références\n[1] A. Auteur, Motifs de césure français, 1994.\n"
                         "[2] B. Autre, Guide d’utilisation, 2011."};
    assert_int_equal(ixf_add(&ix, 32, "pdf", 2020, "FAQ", faq, 2), 0);
    assert_int_equal(ixf_add(&ix, 33, "html", 2020, "Rapport", report, 2), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    int page;

    assert_int_equal(doc_page(&env, "indemnisation des victimes", 31), 2);
    assert_int_equal(doc_page(&env, "indemnisation des victimes infractions", 31), 1);
    assert_int_equal(doc_page(&env, "qu'est-ce que l'indemnisation des victimes ?", 31), 1);
    assert_int_equal(doc_page(&env, "motifs de césure français", 32), 1);
    char *out = doc_snippet(env.sm, &env.qv, NULL, "indemnisation des victimes", 33, &page);
    assert_int_equal(page, 0);
    assert_non_null(strstr(out, "CIVI"));
    free(out);

    env_close(&env);
    ixf_remove(&ix);
}

/* « lui », « eux » are function words: a page with the query's one content
 * word (« délégations ») is shown before one with « lui avait » only, and
 * its content word is marked (the audit's snippet.function). A passage
 * showing only a preposition of the query (« sous ») gives way to one
 * showing as many of its words that are not (« autorité »). */
static void test_pronouns_prepositions(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    const char *module[] = {
        "Sa sœur lui dit au téléphone de rentrer : elle avait peur et lui aussi.",
        "Ce module est proposé aux délégations du Secours Catholique."};
    assert_int_equal(ixf_add(&ix, 41, "pdf", 2023, "Module", module, 2), 0);
    const char *fiche[] = {
        "Les examens radiologiques osseux ne peuvent être ordonnés que par l’autorité "
        "judiciaire, avec l’accord de l’intéressé, et le doute doit profiter au jeune. Le "
        "Collectif demande que l’entretien d’évaluation comporte systématiquement un temps de "
        "repérage des situations de traite : un jeune sous l’emprise d’un réseau peut avoir "
        "reçu la consigne de se dire majeur."};
    assert_int_equal(ixf_add(&ix, 51, "html", 2023, "Fiche", fiche, 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    int page;
    char *out = doc_snippet(env.sm, &env.qv, NULL, "délégation et lui avait", 41, &page);
    assert_int_equal(page, 2);
    assert_non_null(strstr(out, "<mark>délégations</mark>"));
    free(out);
    assert_int_equal(doc_page(&env, "délégation avec eux", 41), 2);
    out = doc_snippet(env.sm, &env.qv, NULL, "placé sous l autorité", 51, &page);
    assert_non_null(strstr(out, "<mark>autorité</mark>"));
    free(out);
    env_close(&env);
    ixf_remove(&ix);
}

/* Issue 10, point 4: a meaning question's hit shows the passage that says
 * what the term is (its defining phrase: the term, « est », a determiner),
 * on its page, not the page that says the term most; the term is marked,
 * « est » and « une » alone are not, and the text around is escaped. The
 * same words typed as keywords keep the page that says them most. The hits
 * are read here (snippet_hits), with the expression search.c ranks by. */
static void test_meaning_definition(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    char *a = ixf_filler(60, 40), *b = ixf_filler(61, 40);
    buf defines = BUF_INIT;
    buf_printf(&defines,
               "%s fin du chapitre. Une ruche dadant est une ruche à cadres <mobiles> & "
               "légère. %s",
               a, b);
    const char *pages[] = {"La ruche dadant se visite au printemps : on ouvre la ruche dadant "
                           "avec soin et chaque ruche dadant reçoit une hausse.",
                           defines.data, "Le rucher en hiver."};
    assert_int_equal(ixf_add(&ix, 61, "pdf", 2020, "Apiculture", pages, 3), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    const char *asked[] = {"qu'est-ce qu'une ruche dadant ?", "qu est ce qu une ruche dadant",
                           "ruche dadant"};
    for (size_t i = 0; i < sizeof asked / sizeof *asked; i++) {
        int page = -1;
        char *out =
            doc_snippet_with(env.sm, &env.qv, NULL, asked[i], 61, QUERY_ANY | QUERY_SIGNALS, &page);
        if (i < 2) {
            assert_int_equal(page, 2);
            assert_non_null(strstr(out, "… Une <mark>ruche</mark> <mark>dadant</mark> est une "
                                        "<mark>ruche</mark> à cadres &lt;mobiles&gt; &amp; "
                                        "légère."));
            assert_null(strstr(out, "<mark>est</mark>"));
            assert_null(strstr(out, "<mark>une</mark>"));
            assert_true(visible_chars(out) <= SNIPPET_MAX_CHARS);
        } else {
            assert_int_equal(page, 1);
        }
        free(out);
    }
    env_close(&env);
    ixf_remove(&ix);
    buf_free(&defines);
    free(a);
    free(b);
}

/* A meaning question's definition at a page's very edges: the last words
 * of a page (« … est une » and nothing after) and the first ones (the
 * page opens with the sentence). The snippet opens that page and starts
 * with that sentence (at a page's end too, where the room left before
 * the words would show the text before it: snippet_sentence), ends with
 * the page when the page ends there, marks no « est » nor « une », and
 * stays within SNIPPET_MAX_CHARS and valid UTF-8. */
static void test_meaning_page_edges(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    char *a = ixf_filler(64, 60), *b = ixf_filler(65, 60);
    buf ends = BUF_INIT, opens = BUF_INIT;
    buf_printf(&ends, "%s fin du chapitre. Une ruche dadant est une", a);
    buf_printf(&opens, "Une ruche warré est une ruche à hausses posées dessous. %s", b);
    const char *pages[] = {"La ruche dadant et la ruche warré se visitent au printemps.", ends.data,
                           "Le rucher en hiver.", opens.data};
    assert_int_equal(ixf_add(&ix, 64, "pdf", 2020, "Apiculture", pages, 4), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    /* What the snippet starts with and, at the page's end, ends with. */
    static const struct {
        const char *q, *opens, *closes;
        int page;
    } cases[] = {
        {"qu'est-ce qu'une ruche dadant ?", "… Une <mark>ruche</mark> <mark>dadant</mark> est une",
         "est une", 2},
        {"qu'est-ce qu'une ruche warré ?",
         "Une <mark>ruche</mark> <mark>warré</mark> est une <mark>ruche</mark> à hausses", NULL, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int page = -1;
        char *out = doc_snippet_with(env.sm, &env.qv, NULL, cases[i].q, 64,
                                     QUERY_ANY | QUERY_SIGNALS, &page);
        size_t len = strlen(out), closes = cases[i].closes ? strlen(cases[i].closes) : 0;
        if (page != cases[i].page || strncmp(out, cases[i].opens, strlen(cases[i].opens)) != 0 ||
            (closes > 0 && (len < closes || strcmp(out + len - closes, cases[i].closes) != 0)) ||
            strstr(out, "<mark>est</mark>") || strstr(out, "<mark>une</mark>") ||
            visible_chars(out) > SNIPPET_MAX_CHARS || !valid_utf8(out))
            fail_msg("« %s »: page %d (want %d), %zu characters: %s", cases[i].q, page,
                     cases[i].page, visible_chars(out), out);
        free(out);
    }
    env_close(&env);
    ixf_remove(&ix);
    buf_free(&ends);
    buf_free(&opens);
    free(a);
    free(b);
}

/* A meaning question whose term is longer than a snippet (eighteen long
 * words: 270 characters with « est une »): the passage around
 * the definition still keeps to SNIPPET_MAX_CHARS, as the passage of the
 * same words typed as keywords does, and stays valid UTF-8. */
static void test_meaning_long_term(void **state)
{
    (void)state;
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    static const char term[] =
        "procédure administrative dérogatoire applicable exceptionnellement "
        "réglementation départementale intercommunale extraordinairement "
        "contraignante hébergement provisoire accompagnement socioéducatif "
        "interdépartemental pluridisciplinaire institutionnellement renforcé";
    char *a = ixf_filler(62, 40), *b = ixf_filler(63, 40);
    buf defines = BUF_INIT, asked = BUF_INIT;
    buf_printf(&defines, "%s fin du chapitre. Une %s est une mesure. %s", a, term, b);
    buf_printf(&asked, "qu'est-ce qu'une %s ?", term);
    const char *pages[] = {"Le rucher en hiver.", defines.data};
    assert_int_equal(ixf_add(&ix, 62, "pdf", 2020, "Mesures", pages, 2), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snippet_env env;
    env_open(&env, &ix);
    /* The term typed as keywords too: its passage is the best window's. */
    const char *texts[] = {asked.data, term};
    for (size_t i = 0; i < 2; i++) {
        int page = -1;
        char *out =
            doc_snippet_with(env.sm, &env.qv, NULL, texts[i], 62, QUERY_ANY | QUERY_SIGNALS, &page);
        assert_int_equal(page, 2);
        if (visible_chars(out) > SNIPPET_MAX_CHARS || !valid_utf8(out))
            fail_msg("« %s »: %zu characters: %s", texts[i], visible_chars(out), out);
        free(out);
    }
    env_close(&env);
    ixf_remove(&ix);
    buf_free(&defines);
    buf_free(&asked);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_markup),        cmocka_unit_test(test_only_marks),
        cmocka_unit_test(test_marks_original_forms),  cmocka_unit_test(test_cut_at_word_boundaries),
        cmocka_unit_test(test_short_text_whole),      cmocka_unit_test(test_utf8_safety),
        cmocka_unit_test(test_best_passage),          cmocka_unit_test(test_phrase_not_cut),
        cmocka_unit_test(test_document_pages),        cmocka_unit_test(test_passage_choice),
        cmocka_unit_test(test_contents_page),         cmocka_unit_test(test_list_items),
        cmocka_unit_test(test_pronouns_prepositions), cmocka_unit_test(test_meaning_definition),
        cmocka_unit_test(test_meaning_long_term),     cmocka_unit_test(test_meaning_page_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
