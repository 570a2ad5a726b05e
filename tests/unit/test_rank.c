/* test_rank: the ranking signals of lib/rank.c, through its FTS5 functions
 * on a real index (written by store_put) and compiled queries bound as
 * pointers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "docinfo.h"
#include "index_fixture.h"
#include "query.h"
#include "rank.h"
#include "synonyms.h"
#include "vocab.h"

/* IDF and gap curves, proximity, exact forms, runs, column weights, clause
 * counts, passage scores, the best rows kept exact when the others get a
 * bound, a query that is not the one FTS5 runs, the row lengths of
 * docinfo.c standing for FTS5's, and the title hits of long rows counted
 * whole (whole_labels), and a question's score times the square root of
 * its best passage's share (passage_share), a book-sized row's times a power
 * of its best page's (long_rows); a synonym no row has changes no score; the
 * relaxed count of a row with every clause of a question (its passages, at
 * least all but one); the span of a title that lacks the query's function
 * words (title_cols) or its words that say little alone
 * (query_expr.little); a rare related word's clause in the relaxed order,
 * not a common one's. */

/* Documents (title, text): pairs that differ in one thing only. */
static const char *const rows[][2] = {
    /* 1, 2: the same words, side by side or apart */
    {"Fiche", "la traite des mineurs est un crime grave et puni"},
    {"Fiche", "la traite est un crime grave et puni des mineurs"},
    /* 3, 4: « traité » itself, or only words of its stem */
    {"Note", "un traité signé par les pays en cause"},
    {"Note", "un traitement signé par les pays en cause"},
    /* 5, 6: in the title, or in the body */
    {"Hébergement", "une page sur autre chose que cela"},
    {"Accueil", "une page sur hébergement que cela"},
    /* 7: one word of two */
    {"Divers", "le travail des enfants"},
    /* 8, 9: the same words together, in the title or in the body */
    {"Droits des victimes", "accueil une page sur les aides"},
    {"Accueil", "droits des victimes une page sur les aides"},
    /* 10, 11: a phrase in the very forms typed, or in other forms */
    {"Aide", "les mineurs accompagnés par un éducateur"},
    {"Aide", "le mineur accompagné par un éducateur"},
};

static ixf_index ix;
static sqlite3 *db;
static vocab *voc;
static query_vocab qv;

/* Opens the index ix holds, read-only, with the functions and vocabulary. */
static void open_index(void)
{
    char err[256];
    assert_int_equal(schema_open(ix.path, SCHEMA_READONLY, &db, err, sizeof err), 0);
    assert_int_equal(rank_register(db, err, sizeof err), 0);
    assert_int_equal(vocab_open(db, &voc, err, sizeof err), 0);
    qv = (query_vocab){vocab_forms, voc, 0};
}

static void close_index(void)
{
    vocab_close(voc);
    sqlite3_close(db);
    ixf_remove(&ix);
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(ixf_create(&ix), 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(ixf_add(&ix, (long long)i + 1, "text", 0, rows[i][0], &rows[i][1], 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    close_index();
    return 0;
}

static query *parse(const char *text)
{
    query *q = NULL;
    char err[256];
    assert_int_equal(query_parse(text, strlen(text), NULL, &q, err, sizeof err), QUERY_OK);
    return q;
}

static rank_params params_for(const query_expr *e)
{
    rank_params p = {.expr = e, .w_col = {1, 1, 1}, .ncols = 3, .k1 = 1.2, .b = 0.75};
    return p;
}

static query_expr *compile(const query *q, int flags)
{
    return query_compile(q, flags, &qv);
}

/* fn(t, params) for row rowid under e->fts; -1 when the row does not match.
 * *rc receives the step's result code. */
static double value_of(const char *fn, const query_expr *e, const rank_params *p, long long rowid,
                       int *rc)
{
    char sql[160];
    sqlite3_stmt *st;
    double v = -1;
    snprintf(sql, sizeof sql,
             "SELECT %s(docs_fts, ?2) FROM docs_fts WHERE docs_fts MATCH ?1 AND rowid = ?3", fn);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, (void *)p, RANK_POINTER, NULL);
    sqlite3_bind_int64(st, 3, rowid);
    *rc = sqlite3_step(st);
    if (*rc == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double score(const char *fn, const query_expr *e, const rank_params *p, long long rowid)
{
    int rc;
    double v = value_of(fn, e, p, rowid, &rc);
    assert_int_equal(rc, SQLITE_ROW);
    return v;
}

/* Runs e over every row (rowids 1..nrows) with p's top (p->topk, p->top):
 * every row comes back, each score at least its exact one in after[]
 * (a row that cannot be among the best gets its bound, never less). */
static void run_top(const query_expr *e, rank_params *p, const double *after, int nrows)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rowid, repere_rank(docs_fts, ?2) AS s FROM"
                                        " docs_fts WHERE docs_fts MATCH ?1 ORDER BY rowid DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, p, RANK_POINTER, NULL);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int r = sqlite3_column_int(st, 0);
        assert_true(r >= 1 && r <= nrows);
        assert_true(sqlite3_column_double(st, 1) >= after[r] - 1e-9);
        rows++;
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, nrows);
}

/* A keyword query naming a thing by a noun after a definite article
 * (« l'hébergement ») scores a row whose title opens with that noun
 * 1 + RANK_TITLE_HEAD times more (query_expr.head); not the same word
 * typed bare, nor a row that has it in its text only, nor a clause (« ne »,
 * a clitic pronoun: the noun is its subject). */
static void test_title_head(void **state)
{
    (void)state;
    query *q = parse("l'hébergement"), *bare = parse("hébergement");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS),
               *b = compile(bare, QUERY_ALL | QUERY_SIGNALS);
    assert_int_equal(e->head, 0);
    assert_int_equal(b->head, -1);
    rank_params p = params_for(e), pb = params_for(b);
    p.title_cols = pb.title_cols = 1;
    p.text_col = pb.text_col = 2;
    /* 5: « Hébergement » titles it; 6: its text says it. */
    assert_float_equal(score("repere_rank", e, &p, 5), 2 * score("repere_rank", b, &pb, 5), 1e-9);
    assert_float_equal(score("repere_rank", e, &p, 6), score("repere_rank", b, &pb, 6), 1e-9);
    query_expr_free(e);
    query_expr_free(b);
    query_free(q);
    query_free(bare);
    static const struct {
        const char *text;
        int head;
    } cases[] = {
        {"la couleur d'une note", 1}, /* « la » is clause 0 */
        {"l’adresse mail d’un groupe", 0},
        {"l ombre d un objet", 0},            /* typed without apostrophes */
        {"changer l'écran d'accueil", -1},    /* a verb first */
        {"l'ordinateur ne s'allume pas", -1}, /* a clause: its subject */
        {"l'écran s'éteint", -1},
        {"l'hébergement ?", -1}, /* a question */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        q = parse(cases[i].text);
        e = compile(q, QUERY_ALL | QUERY_SIGNALS);
        if (e->head != cases[i].head)
            fail_msg("%s: head %d, not %d", cases[i].text, e->head, cases[i].head);
        query_expr_free(e);
        query_free(q);
    }
}

static void test_curves(void **state)
{
    (void)state;
    /* The IDF stays positive for a word in every row, and falls as the
     * word gets commoner. */
    assert_true(rank_idf(100, 100) > 0);
    assert_true(rank_idf(100, 1) > rank_idf(100, 10));
    assert_true(rank_idf(100, 10) > rank_idf(100, 90));
    /* Side by side is 1, two words between is 1/2, and further is less. */
    assert_float_equal(rank_gap_score(0), 1.0, 1e-12);
    assert_float_equal(rank_gap_score(2), 0.5, 1e-12);
    assert_true(rank_gap_score(10) < rank_gap_score(3));
}

static void test_proximity(void **state)
{
    (void)state;
    query *q = parse("traite mineurs");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    /* Without the proximity weight the two rows tie (same words, same
     * length); with it the row where they stand together wins. */
    assert_float_equal(score("repere_rank", e, &p, 1), score("repere_rank", e, &p, 2), 1e-9);
    p.w_prox = 0.5;
    assert_true(score("repere_rank", e, &p, 1) > score("repere_rank", e, &p, 2));
    /* The runs signal (the words as one phrase) counts only where they
     * stand as typed: « des » stands between them in both rows. */
    query_expr *r = compile(q, QUERY_ALL | QUERY_SIGNALS | QUERY_RUNS);
    rank_params pr = params_for(r);
    double base = score("repere_rank", r, &pr, 1);
    pr.w_phrase = 1;
    assert_float_equal(score("repere_rank", r, &pr, 1), base, 1e-12);
    query_expr_free(r);
    query_expr_free(e);
    query_free(q);
    q = parse("traite des mineurs");
    r = compile(q, QUERY_ALL | QUERY_SIGNALS | QUERY_RUNS);
    pr = params_for(r);
    double off = score("repere_rank", r, &pr, 1);
    pr.w_phrase = 1;
    /* Row 1 has the phrase, row 2 not: only row 1 gains. */
    assert_true(score("repere_rank", r, &pr, 1) > off);
    double off2;
    pr.w_phrase = 0;
    off2 = score("repere_rank", r, &pr, 2);
    pr.w_phrase = 1;
    assert_float_equal(score("repere_rank", r, &pr, 2), off2, 1e-12);
    query_expr_free(r);
    query_free(q);
}

static long long rows_of(void *ctx, const char *fts, int cols)
{
    sqlite3_stmt *st;
    long long n = -1;
    (void)ctx;
    assert_int_equal(cols, 0); /* no hidden column here */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A quoted phrase's exact forms are read off the phrase (query_term.of):
 * they count where the phrase stands in the forms typed, not elsewhere. */
static void test_exact_phrase(void **state)
{
    (void)state;
    query *q = parse("\"mineurs accompagnés\"");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    int read_off = 0;
    for (int t = 0; t < e->nterms; t++)
        read_off += e->terms[t].of >= 0;
    assert_int_equal(read_off, 1);
    rank_params p = params_for(e);
    p.expr_rows = rows_of;
    assert_float_equal(score("repere_rank", e, &p, 10), score("repere_rank", e, &p, 11), 1e-9);
    p.w_exact = 1;
    assert_true(score("repere_rank", e, &p, 10) > score("repere_rank", e, &p, 11));
    query_expr_free(e);
    query_free(q);
}

static void test_span(void **state)
{
    (void)state;
    query *q = parse("traite des mineurs");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.span_col[0] = p.span_col[1] = p.span_col[2] = 1;
    /* Every clause in one stretch (row 1) earns the span bonus; spread
     * over a sentence (row 2) it earns a share that falls with the words
     * between; without the weight the rows tie. */
    double together = score("repere_rank", e, &p, 1), apart = score("repere_rank", e, &p, 2);
    assert_float_equal(together, apart, 1e-9);
    p.w_span = 1;
    assert_float_equal(score("repere_rank", e, &p, 1), 2 * together, 1e-9);
    assert_true(score("repere_rank", e, &p, 2) > apart);
    assert_true(score("repere_rank", e, &p, 2) < 1.5 * apart);
    query_expr_free(e);
    query_free(q);
    /* Together in the title or in the body: the column's share decides. */
    q = parse("droits des victimes");
    e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    p = params_for(e);
    p.w_span = 1;
    p.span_col[0] = p.span_col[1] = p.span_col[2] = 1;
    assert_float_equal(score("repere_rank", e, &p, 8), score("repere_rank", e, &p, 9), 1e-9);
    p.span_col[2] = 0.5;
    assert_true(score("repere_rank", e, &p, 8) > score("repere_rank", e, &p, 9));
    query_expr_free(e);
    query_free(q);
    /* One clause has no span. */
    q = parse("traite");
    e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    p = params_for(e);
    double plain = score("repere_rank", e, &p, 1);
    p.w_span = 1;
    p.span_col[0] = p.span_col[1] = p.span_col[2] = 1;
    assert_float_equal(score("repere_rank", e, &p, 1), plain, 1e-12);
    query_expr_free(e);
    query_free(q);
}

static void test_exact_forms(void **state)
{
    (void)state;
    query *q = parse("traité");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    /* « traité » and « traitement » share a stem: the same bm25 for the
     * match, and only the exact form earns the exact-form share. */
    double a = score("repere_rank", e, &p, 3), b = score("repere_rank", e, &p, 4);
    assert_float_equal(a, b, 1e-9);
    p.w_exact = 0.5;
    assert_true(score("repere_rank", e, &p, 3) > a);
    assert_float_equal(score("repere_rank", e, &p, 4), b, 1e-12);
    query_expr_free(e);
    query_free(q);
}

static void test_column_weights(void **state)
{
    (void)state;
    query *q = parse("hébergement");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.w_col[0] = 4;
    /* A hit in the title counts four times one in the body. */
    assert_true(score("repere_rank", e, &p, 5) > score("repere_rank", e, &p, 6));
    p.w_col[0] = 1;
    p.w_col[2] = 4;
    assert_true(score("repere_rank", e, &p, 5) < score("repere_rank", e, &p, 6));
    query_expr_free(e);
    query_free(q);
}

static void test_clauses_and_passages(void **state)
{
    (void)state;
    query *q = parse("travail enfants crime");
    query_expr *e = compile(q, QUERY_ANY);
    rank_params p = params_for(e);
    assert_int_equal((int)score("repere_clauses", e, &p, 7), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 1);
    /* Passages: one term per clause here. Two clauses beat one, and the
     * closer they stand the better. */
    assert_int_equal(e->nterms, 3);
    rank_hit near[] = {{0, 1, 2, 0, 0}, {0, 2, 3, 1, 1}};
    rank_hit far[] = {{0, 1, 2, 0, 0}, {0, 9, 10, 1, 1}};
    rank_hit one[] = {{0, 1, 2, 2, 2}};
    double two = rank_passage(near, 2, e), apart = rank_passage(far, 2, e);
    assert_true(two > apart);
    assert_true(apart > 2 && two < 2.75);
    double single = rank_passage(one, 1, e);
    assert_true(single >= 1 && single < 1.75);
    /* More hits of the same clauses count, but less than a clause. */
    rank_hit more[] = {{0, 1, 2, 0, 0}, {0, 2, 3, 1, 1}, {0, 5, 6, 0, 0}, {0, 6, 7, 1, 1}};
    assert_true(rank_passage(more, 4, e) > two);
    assert_true(rank_passage(more, 4, e) < two + 0.25);
    query_expr_free(e);
    query_free(q);
}

/* With topk, the best rows and their scores are those of the exact
 * ranking, and the rows left out got a bound at least their exact score
 * (some of them must have been left out, or nothing was tested). */
static void test_top_rows_exact(void **state)
{
    (void)state;
    static const char *const words[] = {"mot",    "de",    "passe", "le",     "compte",
                                        "du",     "écran", "clé",   "réseau", "fichier",
                                        "disque", "noyau", "aide",  "page",   "liste"};
    sqlite3_stmt *st;
    /* Its own index: every third row has the query's words, at various
     * rates and lengths. */
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    unsigned seed = 7;
    for (int r = 1; r <= 60; r++) {
        char body[4096] = "";
        size_t len = 0;
        int n = 5 + r % 17 * 7;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            size_t w = (seed >> 16) % (sizeof words / sizeof words[0]);
            if (r % 3 && (w == 0 || w == 2))
                w = 3;
            len += (size_t)snprintf(body + len, sizeof body - len, "%s ", words[w]);
        }
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "titre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("mot de passe");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.k1 = 4;
    p.b = 0.4;
    p.w_prox = 0.25;
    p.w_exact = 0.1;
    p.w_span = 1;
    p.span_col[0] = p.span_col[1] = 1;
    p.span_col[2] = 0.5;
    double exact[61] = {0}, got[61] = {0};
    long long order[2][5];
    rank_top top = {2, NULL, 0};
    for (int pass = 0; pass < 2; pass++) {
        rank_top_free(&top);
        p.topk = pass ? 5 : 0;
        p.top = pass ? &top : NULL;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT rowid, repere_rank(docs_fts, ?2) AS s FROM"
                                            " docs_fts WHERE docs_fts MATCH ?1 ORDER BY rowid",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
        sqlite3_bind_pointer(st, 2, &p, RANK_POINTER, NULL);
        while (sqlite3_step(st) == SQLITE_ROW)
            (pass ? got : exact)[sqlite3_column_int(st, 0)] = sqlite3_column_double(st, 1);
        sqlite3_finalize(st);
        /* The same statement ordered as search.c orders it (a new top). */
        rank_top_free(&top);
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT rowid, repere_rank(docs_fts, ?2) AS s FROM"
                                            " docs_fts WHERE docs_fts MATCH ?1"
                                            " ORDER BY s DESC, rowid LIMIT 5",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
        sqlite3_bind_pointer(st, 2, &p, RANK_POINTER, NULL);
        for (int i = 0; i < 5; i++) {
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            order[pass][i] = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
    }
    int bounded = 0;
    for (int r = 1; r <= 60; r++) {
        if (exact[r] == 0)
            continue;
        assert_true(got[r] >= exact[r] - 1e-9);
        bounded += got[r] != exact[r];
    }
    assert_true(bounded > 0);
    /* The best rows are kept with their score and their hits in the body:
     * the words of the query's three clauses. */
    assert_int_equal(top.n, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(order[0][i], order[1][i]);
        assert_float_equal(got[order[1][i]], exact[order[1][i]], 1e-12);
        const rank_kept *k = rank_top_find(&top, order[1][i]);
        assert_non_null(k);
        assert_float_equal(k->score, exact[order[1][i]], 1e-12);
        assert_true(k->nhits > 0);
        for (size_t h = 0; h < k->nhits; h++) {
            assert_int_equal(k->hits[h].col, 2);
            assert_true(k->hits[h].clause >= 0 && k->hits[h].clause < 3);
            assert_true(h == 0 || rank_hit_cmp(&k->hits[h - 1], &k->hits[h]) <= 0);
        }
    }
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

/* Appends word and a space to body[0..size) at len; returns the new
 * length. */
static size_t append_word(char *body, size_t size, size_t len, const char *word)
{
    return len + (size_t)snprintf(body + len, size - len, "%s ", word);
}

/* The filler word i of row r: words of no query, spread over the rows. */
static const char *filler_word(int r, int i)
{
    static const char *const filler[] = {"disque", "noyau", "page", "liste", "aide", "écran"};
    return filler[(size_t)(i * 7 + r) % 6];
}

/* whole_labels: in a row longer than the mean, the title's hits of a word
 * its text uses are not shortened by the row's length; a shorter row, or a
 * title word its text lacks, scores as without; and the bound of the rows
 * left out of the top still holds. */
static void test_whole_labels(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 30; r++) {
        char body[8192] = "";
        size_t len = 0;
        int n = r == 1 ? 600 : r == 4 ? 300 : 30;
        for (int i = 0; i < n; i++)
            len = append_word(body, sizeof body, len, filler_word(r, i));
        /* 1: a long manual page with the words in its title and once in
         * its text; 2: a short page that mentions them; 3: a short page
         * titled so; 4: a long page with them in its title only. */
        if (r <= 3)
            snprintf(body + len, sizeof body - len, "le partitionnement assisté");
        const char *title = r == 1 || r == 3 || r == 4 ? "Le partitionnement assisté" : "Autre";
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, title, &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("partitionnement assisté");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.w_col[0] = 5;
    p.k1 = 6;
    p.b = 0.35;
    p.text_col = 2;
    double before[5], after[5];
    for (int r = 1; r <= 4; r++)
        before[r] = score("repere_rank", e, &p, r);
    p.whole_labels = 1;
    for (int r = 1; r <= 4; r++)
        after[r] = score("repere_rank", e, &p, r);
    assert_true(after[1] > before[1] * 1.5);
    assert_true(after[1] > after[2]);
    assert_float_equal(after[2], before[2], 1e-12);
    assert_float_equal(after[3], before[3], 1e-12);
    assert_float_equal(after[4], before[4], 1e-12);
    /* With a top of one, the row kept is the best, with its exact score;
     * the others' bounds are at least their scores. */
    rank_top top = {1, NULL, 0};
    p.topk = 1;
    p.top = &top;
    run_top(e, &p, after, 4);
    assert_int_equal(top.n, 1);
    int best = 1;
    for (int r = 2; r <= 4; r++)
        best = after[r] > after[best] ? r : best;
    assert_non_null(rank_top_find(&top, best));
    assert_float_equal(rank_top_find(&top, best)->score, after[best], 1e-12);
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

/* A term no row has (a "~" synonym the index never uses) changes no
 * score: it does not make its clause rare. It did: « zzqxw ~ obtenir »
 * alone in the synonyms took « comment obtenir une carte de résident ? »
 * from 0.995 to 0.644 on tests/relevance (the proximity and the relaxed
 * order weigh clauses by their IDF). */
static void test_unused_synonym(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_rank.XXXXXX", path[64], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/syn.txt", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("zzqxw ~ mineurs\n", fp);
    fclose(fp);
    synonyms *syn = NULL;
    assert_int_equal(synonyms_load(path, &syn, err, sizeof err), 0);
    unlink(path);
    rmdir(dir);
    const char *text = "crime traite mineurs";
    query *plain = parse(text), *with = NULL;
    assert_int_equal(query_parse(text, strlen(text), syn, &with, err, sizeof err), QUERY_OK);
    query_expr *e1 = compile(plain, QUERY_ALL | QUERY_SIGNALS);
    query_expr *e2 = compile(with, QUERY_ALL | QUERY_SIGNALS);
    assert_true(e2->nterms > e1->nterms);
    rank_params p1 = params_for(e1), p2 = params_for(e2);
    p1.w_prox = p2.w_prox = 1;
    p1.text_col = p2.text_col = 2;
    for (long long r = 1; r <= 2; r++)
        assert_float_equal(score("repere_rank", e2, &p2, r), score("repere_rank", e1, &p1, r),
                           1e-12);
    query_expr_free(e1);
    query_expr_free(e2);
    query_free(plain);
    query_free(with);
    synonyms_free(syn);
}

/* passage_share: a long page whose passages each hold one of a question's
 * words (a table of contents) falls under the short page that has them
 * together, which it outscored without; the short page, all of whose hits
 * stand in one passage, keeps its score; a score only shrinks, so the
 * bound of the rows left out of the top still holds. */
static void test_passage_share(void **state)
{
    (void)state;
    static const char *const words[] = {"installer", "paquet", "rpm"};
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 30; r++) {
        char body[16384] = "";
        size_t len = 0;
        /* 1: a table of contents, 1,200 tokens, one of the words every
         * 40 (each ten times, a passage of 100 tokens holding each once at
         * most); 2: a short page saying them once, together. */
        int n = r == 1 ? 1200 : r == 2 ? 40 : 30, every = 40;
        for (int i = 0; i < n; i++) {
            if (r == 1 && i % every == every / 2)
                len = append_word(body, sizeof body, len, words[(size_t)(i / every) % 3]);
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        if (r == 2)
            snprintf(body + len, sizeof body - len, "installer un paquet rpm");
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("comment installer un paquet rpm ?");
    assert_true(query_is_question(q));
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.w_col[0] = 5;
    p.k1 = 6;
    p.b = 0.35;
    p.text_col = 2;
    double before[3], after[3];
    for (int r = 1; r <= 2; r++)
        before[r] = score("repere_rank", e, &p, r);
    p.passage_share = 1;
    for (int r = 1; r <= 2; r++)
        after[r] = score("repere_rank", e, &p, r);
    assert_true(before[1] > before[2]);
    assert_true(after[2] > after[1]);
    assert_float_equal(after[2], before[2], 1e-12);
    assert_true(after[1] < before[1] * 0.75);
    /* With a top of one: the short page kept, exact; the other's bound at
     * least its score. */
    rank_top top = {1, NULL, 0};
    p.topk = 1;
    p.top = &top;
    run_top(e, &p, after, 2);
    assert_int_equal(top.n, 1);
    assert_non_null(rank_top_find(&top, 2));
    assert_float_equal(rank_top_find(&top, 2)->score, after[2], 1e-12);
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

/* long_rows: a row RANK_LONG_ROW times longer than the mean or more that
 * says each word of a query often but never both in one page (row 1:
 * 6,000 tokens, « harfang » 19 times in its first half, « lagopède » 19
 * times in its second) falls under the short page that has them together
 * (row 2), which it outscored without; a row as long whose words stand
 * in one page (row 3) keeps its score, as the short page does; a score
 * only shrinks, so the bound of the rows left out of the top still
 * holds. b is low here so that 19 mentions outscore the page, as
 * hundreds do in a book with search.c's weights. */
static void test_long_rows(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 100; r++) {
        static char body[65536];
        size_t len = 0;
        body[0] = '\0';
        int n = r <= 3 ? 6000 : 10;
        for (int i = 0; i < n; i++) {
            if (r == 1 && i % 150 == 0 && i != 2850 && i != 3000)
                len = append_word(body, sizeof body, len, i < 3000 ? "harfang" : "lagopède");
            if (r == 3 && i < 190 && i % 5 == 0)
                len = append_word(body, sizeof body, len, i % 10 ? "lagopède" : "harfang");
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        if (r == 2)
            snprintf(body + len, sizeof body - len, "harfang lagopède");
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("harfang lagopède");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    rank_params p = params_for(e);
    p.w_col[0] = 5;
    p.k1 = 6;
    p.b = 0.1;
    p.text_col = 2;
    double before[4], after[4];
    for (int r = 1; r <= 3; r++)
        before[r] = score("repere_rank", e, &p, r);
    p.long_rows = 1;
    for (int r = 1; r <= 3; r++)
        after[r] = score("repere_rank", e, &p, r);
    assert_true(before[1] > before[2]);
    assert_true(after[2] > after[1]);
    assert_float_equal(after[2], before[2], 1e-12);
    assert_float_equal(after[3], before[3], 1e-12);
    assert_true(after[1] < before[1] * 0.25);
    /* With a top of one: row 3 kept, exact; the others' bounds at least
     * their scores. */
    rank_top top = {1, NULL, 0};
    p.topk = 1;
    p.top = &top;
    run_top(e, &p, after, 3);
    assert_int_equal(top.n, 1);
    assert_non_null(rank_top_find(&top, 3));
    assert_float_equal(rank_top_find(&top, 3)->score, after[3], 1e-12);
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

/* The relaxed order's count (repere_clauses) of a row that has every
 * clause of a question: with three clauses or more, those it has in one
 * passage, and at least all but one, so that a long page holding the
 * words far apart ranks with the short page that has all but one
 * together (by score), not above it; with two clauses, both. A row whose
 * best passage holds under half of its evidence counts one less
 * (test_relaxed_share): the page holding the three words far apart,
 * each once, counts one. */
static void test_strict_passages(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        char body[16384] = "";
        size_t len = 0;
        /* 1: the three words 150 tokens apart; 2: two of them together;
         * 3: all three together; 4: the rarest ten times in one passage,
         * the others 150 tokens apart (more than half of its evidence in
         * that passage); the others: filler only. */
        for (int i = 0; i < 400; i++) {
            const char *w = r == 1 && i == 0              ? "installer"
                            : r == 1 && i == 150          ? "paquet"
                            : r == 1 && i == 300          ? "rpm"
                            : r == 2 && i == 10           ? "installer un paquet"
                            : r == 3 && i == 10           ? "installer un paquet rpm"
                            : r == 4 && i >= 10 && i < 20 ? "rpm"
                            : r == 4 && i == 150          ? "installer"
                            : r == 4 && i == 300          ? "paquet"
                                                          : NULL;
            if (w)
                len = append_word(body, sizeof body, len, w);
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("comment installer un paquet rpm ?");
    assert_true(query_is_question(q));
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    rank_params p = params_for(e);
    p.text_col = 2;
    p.slack = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 3);
    assert_int_equal((int)score("repere_clauses", e, &p, 4), 2);
    query_expr_free(e);
    query_free(q);
    /* Two clauses: the row that has both, however far apart, counts both. */
    q = parse("comment installer rpm ?");
    e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 2);
    p = params_for(e);
    p.text_col = 2;
    p.slack = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 2);
    query_expr_free(e);
    query_free(q);
}

/* headings_apart (a keyword query no document answers whole): the
 * headings column, every heading of a document joined, is read as
 * passages of its own, and only the title counts with every passage. Row
 * 1 has « harfang » and « lagopède » in two headings 150 tokens apart
 * (a manual's sections); row 2 the two together in its text; row 3
 * « harfang » in its title and « lagopède » in a heading. No row says
 * « guillemot ». */
static void test_headings_apart(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        char body[4096] = "", headings[4096] = "";
        size_t len = 0, hlen = 0;
        if (r == 1) {
            hlen = append_word(headings, sizeof headings, hlen, "harfang\n");
            for (int i = 0; i < 150; i++)
                hlen = append_word(headings, sizeof headings, hlen, filler_word(r, i));
            hlen = append_word(headings, sizeof headings, hlen, "\nlagopède");
        }
        if (r == 2)
            len = append_word(body, sizeof body, len, "le harfang et le lagopède");
        if (r == 3)
            hlen = append_word(headings, sizeof headings, hlen, "lagopède");
        for (int i = 0; i < 40; i++)
            len = append_word(body, sizeof body, len, filler_word(r, i));
        const char *chunk = body;
        assert_int_equal(ixf_add_doc(&ix, r, "text", 0, r == 3 ? "Harfang" : "Autre",
                                     hlen ? headings : NULL, &chunk, 1, NULL),
                         0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("harfang lagopède guillemot");
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    rank_params p = params_for(e);
    p.text_col = 2;
    p.title_cols = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 2);
    p.headings_apart = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 2);
    query_expr_free(e);
    query_free(q);
}

/* long_headings_apart (a question's relaxed order): the headings of a row
 * RANK_LONG_HEADINGS times longer than the mean or more, whose title holds
 * none of the question's clauses, are read as passages of their own, as
 * headings_apart reads every row's; a shorter row's, or a long row's whose
 * title names a word asked, still speak for it whole. Rows 1 to 3 have
 * « harfang » and « lagopède » in two headings 150 tokens apart; rows 1
 * and 3 have a long text too (600 tokens, the others 40), row 3 the title
 * « Macareux ». No row says « guillemot ». */
static void test_long_headings_apart(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        char body[8192] = "", headings[4096] = "";
        size_t len = 0, hlen = 0;
        if (r <= 3) {
            hlen = append_word(headings, sizeof headings, hlen, "harfang\n");
            for (int i = 0; i < 150; i++)
                hlen = append_word(headings, sizeof headings, hlen, filler_word(r, i));
            hlen = append_word(headings, sizeof headings, hlen, "\nlagopède");
        }
        for (int i = 0; i < (r == 1 || r == 3 ? 600 : 40); i++)
            len = append_word(body, sizeof body, len, filler_word(r, i));
        const char *chunk = body;
        assert_int_equal(ixf_add_doc(&ix, r, "text", 0, r == 3 ? "Macareux" : "Autre",
                                     hlen ? headings : NULL, &chunk, 1, NULL),
                         0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("harfang lagopède macareux guillemot ?");
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 4);
    rank_params p = params_for(e);
    p.text_col = 2;
    p.title_cols = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 3);
    p.long_headings_apart = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 3);
    query_expr_free(e);
    query_free(q);
}

/* The relaxed order of a question does not count its words that say
 * little alone, nor the « faire » of « que faire si … »
 * (query_expr.soft): the page that has the other words together ranks
 * above the one that has « tout » (« faire ») and one of them, which it
 * would tie without it. Outside a question, every word counts. */
/* The relaxed pass of text's query has nclauses clauses (-1: not checked)
 * and the soft ones of the mask soft (query_expr.soft). */
static void assert_soft(const char *text, int nclauses, unsigned long long soft)
{
    query *q = parse(text);
    query_expr *e = compile(q, QUERY_ANY);
    if (nclauses >= 0)
        assert_int_equal(e->nclauses, nclauses);
    assert_int_equal(e->soft, soft);
    query_expr_free(e);
    query_free(q);
}

static void test_soft_clauses(void **state)
{
    (void)state;
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        char body[4096] = "";
        size_t len = 0;
        /* 1: « tout » and « travail » together; 2: « travail » and
         * « enfants » together; 3: « faire » and « travail »; the
         * others: filler only. */
        if (r == 1)
            len = append_word(body, sizeof body, len, "tout un travail");
        if (r == 2)
            len = append_word(body, sizeof body, len, "le travail des enfants");
        if (r == 3)
            len = append_word(body, sizeof body, len, "faire un travail");
        for (int i = 0; i < 40; i++)
            len = append_word(body, sizeof body, len, filler_word(r, i));
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("tout le travail des enfants ?");
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    assert_int_equal(e->soft, 1); /* « tout », the first clause */
    rank_params p = params_for(e);
    p.text_col = 2;
    p.slack = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    e->soft = 0;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    query_expr_free(e);
    query_free(q);
    assert_soft("comment trouver tout le travail des enfants ?", 4, 2); /* « tout » */
    assert_soft("trouver tout le travail des enfants", -1, 0);
    /* Nor a question's prepositions of place and time (« sous »,
     * « devant », « pendant »), nor a keyword query's before a word, but
     * « avant » and « derrière », whose relation a keyword query asks. */
    assert_soft("comment mettre les paroles sous les notes ?", 4, 4); /* « sous » */
    assert_soft("mettre les paroles sous les notes", 6, 8);           /* « sous » */
    assert_soft("répondeur automatique pendant les vacances", -1, 4); /* « pendant » */
    assert_soft("placer l'image derrière le texte", -1, 0);
    assert_soft("aperçu avant impression", -1, 0);
    assert_soft("les notes dessous", -1, 0);
    /* Nor the « faire » of a question opening with « que faire » and
     * other words; « que faire ? » keeps it. */
    q = parse("que faire si le travail des enfants ?");
    e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    assert_int_equal(e->soft, 1); /* « faire » */
    p = params_for(e);
    p.text_col = 2;
    p.slack = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 2);
    query_expr_free(e);
    query_free(q);
    q = parse("que faire ?");
    e = compile(q, QUERY_ANY);
    assert_int_equal(e->soft, 0);
    query_expr_free(e);
    query_free(q);
    /* Nor a light verb before a word (« faire », « rend », « connaître »:
     * the frame of the question, not its subject); a final one is the
     * question itself, and « devenir » is what it asks. */
    assert_soft("comment faire un travail ?", 2, 1);                     /* « faire » */
    assert_soft("pourquoi la gomme ne rend pas transparent ?", 4, 2);    /* « rend » */
    assert_soft("comment connaître le nombre de mots du texte ?", 4, 1); /* « connaître » */
    assert_soft("comment devenir mainteneur debian", 3, 0);
    assert_soft("d'où vient la dette des femmes ?", 3, 1); /* « vient » */
    assert_soft("la gomme rend transparent", -1, 0);
    /* Nor the program a question is asked in: a bare name closing it after
     * « dans » or « avec »; not after a determiner, « sur » or « sous ». */
    assert_soft("comment trier les lignes dans calc ?", 3, 4);      /* « calc » */
    assert_soft("comment signer un document avec openpgp ?", 3, 4); /* « openpgp » */
    assert_soft("comment trier les lignes dans une macro ?", 3, 0);
    assert_soft("comment installer texworks sur windows ?", 3, 0);
    assert_soft("trier les lignes dans calc", -1, 0);
    /* A keyword query of four content words or more before the program's
     * name has it soft too (grammar_keyword_scope); a shorter one does not. */
    assert_soft("afficher les images en plein écran dans gthumb", 8, 128); /* « gthumb » */
    assert_soft("trier les lignes du tableau dans calc", -1, 0);
    assert_soft("importer une url dans calc", -1, 0);
    assert_soft("afficher les images en plein écran dans une fenêtre", -1, 0);
}

/* The relaxed order counts one clause less in a row whose best passage
 * holds under half of its evidence (rank.c, RANK_RELAXED_SHARE): a long
 * page that has the question's words together once and says each of them
 * twenty times elsewhere ranks with the rows that have one word less; a
 * page that has them together, long or short, keeps its count, and so
 * does a row with one clause. */
static void test_relaxed_share(void **state)
{
    (void)state;
    static const char *const words[] = {"installer", "paquet", "rpm"};
    static char body[65536];
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        size_t len = 0;
        body[0] = 0;
        /* 1: 6,000 words, the three together near the start, then one of
         * them every 100 words (each twenty times, never two in one
         * passage); 2: the same length, the three together and nothing
         * else; 3: a short page with the three together; 4: « rpm »
         * only, twenty times; the others: filler only. */
        int n = r <= 2 || r == 4 ? 6000 : 60;
        for (int i = 0; i < n; i++) {
            if (r <= 3 && i == 10)
                len = append_word(body, sizeof body, len, "installer un paquet rpm");
            if (r == 1 && i >= 200 && i % 100 == 0)
                len = append_word(body, sizeof body, len, words[(size_t)(i / 100) % 3]);
            if (r == 4 && i % 100 == 0 && i < 2000)
                len = append_word(body, sizeof body, len, "rpm");
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("comment installer un paquet rpm ?");
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    rank_params p = params_for(e);
    p.text_col = 2;
    p.slack = 1;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 3);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 3);
    assert_int_equal((int)score("repere_clauses", e, &p, 4), 1);
    /* repere_rank keeps the same count for its best rows: ordered by
     * (clauses, score), with a top of two, the two pages that have the
     * words together come first, the long page with them in passing
     * after them. */
    rank_top top = {2, NULL, 0};
    p.topk = 2;
    p.top = &top;
    p.by_clauses = 1;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rowid, repere_rank(docs_fts, ?2) AS s,"
                                        " repere_clauses(docs_fts, ?2) AS c FROM docs_fts"
                                        " WHERE docs_fts MATCH ?1 ORDER BY c DESC, s DESC,"
                                        " rowid LIMIT 3",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, &p, RANK_POINTER, NULL);
    long long order[3] = {0, 0, 0};
    for (int i = 0; i < 3 && sqlite3_step(st) == SQLITE_ROW; i++)
        order[i] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    assert_true((order[0] == 2 && order[1] == 3) || (order[0] == 3 && order[1] == 2));
    assert_int_equal(order[2], 1);
    assert_int_equal(top.n, 2);
    assert_non_null(rank_top_find(&top, 2));
    assert_non_null(rank_top_find(&top, 3));
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

static void test_wrong_query(void **state)
{
    (void)state;
    query *q = parse("traite mineurs"), *other = parse("traite");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    query_expr *o = compile(other, QUERY_ALL);
    rank_params p = params_for(o);
    int rc;
    /* The phrases bound are not those FTS5 runs: an error, not a score. */
    value_of("repere_rank", e, &p, 1, &rc);
    assert_int_equal(rc, SQLITE_ERROR);
    /* Nothing bound at all. */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT repere_rank(docs_fts, NULL) FROM docs_fts"
                                        " WHERE docs_fts MATCH ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, e->fts, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ERROR);
    sqlite3_finalize(st);
    query_expr_free(e);
    query_expr_free(o);
    query_free(q);
    query_free(other);
}

/* docinfo reads FTS5's docsize rows itself: the scores with its lengths
 * (rank_params.row_length) are the scores with FTS5's, row by row. */
static void test_docinfo_lengths(void **state)
{
    (void)state;
    size_t n = sizeof rows / sizeof rows[0];
    docinfo d;
    memset(&d, 0, sizeof d);
    assert_int_equal(docinfo_refresh(&d, db, 0), SQLITE_OK);
    assert_int_equal(d.n, n);
    assert_int_equal(d.nformats, 1);
    assert_string_equal(d.formats[0], "text");
    assert_int_equal(docinfo_find(&d, 0), -1);
    assert_int_equal(docinfo_length(&d, (sqlite3_int64)n + 1), -1);
    /* no row here has hidden text; an unknown row is unknown */
    assert_int_equal(docinfo_hidden(&d, 1), 0);
    assert_int_equal(docinfo_hidden(&d, (sqlite3_int64)n + 1), -1);
    query *q = parse("traite page travail signé");
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    rank_params p = params_for(e), with = p;
    with.row_length = docinfo_length;
    with.row_length_ctx = &d;
    int matched = 0, longer = 0;
    for (long long id = 1; id <= (long long)n; id++) {
        int rc;
        assert_true(docinfo_length(&d, id) > 0);
        longer += docinfo_length(&d, id) != docinfo_length(&d, 1);
        double fts5 = value_of("repere_rank", e, &p, id, &rc);
        if (rc != SQLITE_ROW)
            continue;
        matched++;
        assert_float_equal(score("repere_rank", e, &with, id), fts5, 1e-12);
    }
    assert_true(matched >= 5);
    assert_true(longer > 0); /* the lengths differ: a wrong one would show */
    query_expr_free(e);
    query_free(q);
    docinfo_free(&d);
}

/* docinfo_find: at its place when the ids are dense, by search when not. */
static void test_docinfo_find(void **state)
{
    (void)state;
    sqlite3_int64 ids[] = {2, 3, 7, 10, 11};
    docinfo d;
    memset(&d, 0, sizeof d);
    d.ids = ids;
    d.n = sizeof ids / sizeof ids[0];
    assert_int_equal(docinfo_find(&d, 2), 0);
    assert_int_equal(docinfo_find(&d, 3), 1);
    assert_int_equal(docinfo_find(&d, 7), 2);
    assert_int_equal(docinfo_find(&d, 10), 3);
    assert_int_equal(docinfo_find(&d, 11), 4);
    assert_int_equal(docinfo_find(&d, 4), -1);
    assert_int_equal(docinfo_find(&d, 1), -1);
    assert_int_equal(docinfo_find(&d, 12), -1);
    assert_int_equal(docinfo_find(&d, -5), -1);
}

/* A related word (a "~" side of the synonyms) gives its clause in the
 * relaxed order (repere_clauses) as the word typed does when it is rare in
 * the index (rank_gives: one row of forty says « strigidé »), not when
 * many rows hold it (« noyau », in every row): row 1 answers « chouette
 * lagopède » in other words; row 2 has « lagopède » and only the common
 * related word; row 3 both words typed. */
static void test_related_clause(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_rank.XXXXXX", path[64], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/syn.txt", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("chouette ~ strigidé ~ noyau\n", fp);
    fclose(fp);
    synonyms *syn = NULL;
    assert_int_equal(synonyms_load(path, &syn, err, sizeof err), 0);
    unlink(path);
    rmdir(dir);
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 40; r++) {
        char body[4096] = "";
        size_t len = 0;
        if (r == 1)
            len = append_word(body, sizeof body, len, "le strigidé et le lagopède");
        if (r == 2)
            len = append_word(body, sizeof body, len, "le lagopède");
        if (r == 3)
            len = append_word(body, sizeof body, len, "la chouette et le lagopède");
        for (int i = 0; i < 30; i++)
            len = append_word(body, sizeof body, len, filler_word(r, i));
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, "Autre", &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    const char *text = "chouette lagopède";
    query *q = NULL;
    assert_int_equal(query_parse(text, strlen(text), syn, &q, err, sizeof err), QUERY_OK);
    query_expr *e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 2);
    int related = 0;
    for (int t = 0; t < e->nterms; t++)
        related += e->terms[t].related;
    assert_true(related >= 2);
    rank_params p = params_for(e);
    p.text_col = 2;
    assert_int_equal((int)score("repere_clauses", e, &p, 1), 2);
    assert_int_equal((int)score("repere_clauses", e, &p, 2), 1);
    assert_int_equal((int)score("repere_clauses", e, &p, 3), 2);
    query_expr_free(e);
    query_free(q);
    synonyms_free(syn);
}

/* In a title (title_cols), the span needs the query's content words
 * only: « l identifiant d un utilisateur » is together in a title that
 * says « identifiants d'utilisateur » without « un », which the text
 * elsewhere has; the text still needs every clause, and with topk the
 * bound still holds and the best rows stay exact. */
static void test_title_span(void **state)
{
    (void)state;
    static char body[4096];
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        size_t len = 0;
        body[0] = 0;
        /* 1: the two words together in the title, « un » in the text
         * only; 2: the three together in the text; 3: the two together
         * in the text, « un » far away; 4: the two apart in the title;
         * the others: « un » and filler only. */
        const char *title = r == 1   ? "Afficher les identifiants d'utilisateur"
                            : r == 4 ? "Identifiant du groupe pour chaque utilisateur"
                                     : "Accueil";
        for (int i = 0; i < 40; i++) {
            if (i == 5)
                len = append_word(body, sizeof body, len,
                                  r == 2   ? "un identifiant d'un utilisateur"
                                  : r == 3 ? "identifiant d'utilisateur"
                                           : "un");
            if (r == 3 && i == 30)
                len = append_word(body, sizeof body, len, "un");
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, title, &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("l identifiant d un utilisateur");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    e->head = -1; /* row 4's title opens with it: test_title_head's */
    rank_params p = params_for(e);
    p.text_col = 2;
    p.span_col[0] = p.span_col[1] = 1;
    p.span_col[2] = 0.5;
    double plain[5], before[5], after[5];
    for (int r = 1; r <= 4; r++)
        plain[r] = score("repere_rank", e, &p, r);
    p.w_span = 1;
    for (int r = 1; r <= 4; r++)
        before[r] = score("repere_rank", e, &p, r);
    p.title_cols = 1;
    for (int r = 1; r <= 4; r++)
        after[r] = score("repere_rank", e, &p, r);
    /* Row 1's title holds the content words side by side: the whole span
     * (the title's share), where every clause had been needed and its
     * title had no « un ». */
    assert_float_equal(before[1], plain[1], 1e-9);
    assert_float_equal(after[1], 2 * plain[1], 1e-9);
    /* The text still needs every clause: row 2 has its span, row 3 only
     * the stretch out to its « un ». */
    assert_float_equal(after[2], before[2], 1e-12);
    assert_float_equal(after[2], 1.5 * plain[2], 1e-9);
    assert_float_equal(after[3], before[3], 1e-12);
    assert_true(after[3] < 1.25 * plain[3]);
    /* Apart in a title, a share falling with the tokens between, less the
     * one of « un » the query has. */
    assert_true(after[4] > before[4]);
    assert_true(after[4] < 1.5 * plain[4]);
    /* With topk the best rows and their scores are the exact ones, every
     * other row at least its own. */
    double exact[21] = {0};
    for (int r = 1; r <= 20; r++) {
        int rc;
        double v = value_of("repere_rank", e, &p, r, &rc);
        exact[r] = rc == SQLITE_ROW ? v : 0;
    }
    rank_top top = {2, NULL, 0};
    p.topk = 2;
    p.top = &top;
    run_top(e, &p, exact, 4);
    assert_int_equal(top.n, 2);
    assert_non_null(rank_top_find(&top, 1));
    assert_float_equal(rank_top_find(&top, 1)->score, exact[1], 1e-12);
    rank_top_free(&top);
    query_expr_free(e);
    query_free(q);
}

/* Nor does a title's stretch need a word that says little alone
 * (query_expr.little): « l'espace d'adressage d'un autre processus » is
 * together in a man page's NAME line without « autre », which another
 * page writes beside the other words in its text; nor a question's light
 * verb. */
static void test_title_span_little(void **state)
{
    (void)state;
    static char body[4096];
    close_index();
    assert_int_equal(ixf_create(&ix), 0);
    for (int r = 1; r <= 20; r++) {
        size_t len = 0;
        body[0] = 0;
        /* 1: the words but « autre » together in the title, « autre » in
         * the text; 2: every word together in the text; the others:
         * filler only. */
        const char *title =
            r == 1 ? "Transférer les données entre les espaces d'adressage de processus"
                   : "Accueil";
        for (int i = 0; i < 40; i++) {
            if (i == 5 && r <= 2)
                len = append_word(body, sizeof body, len,
                                  r == 2 ? "son espace d'adressage avec un autre processus"
                                         : "un autre");
            len = append_word(body, sizeof body, len, filler_word(r, i));
        }
        const char *chunk = body;
        assert_int_equal(ixf_add(&ix, r, "text", 0, title, &chunk, 1), 0);
    }
    assert_int_equal(ixf_close(&ix), 0);
    open_index();
    query *q = parse("l'espace d'adressage d'un autre processus");
    query_expr *e = compile(q, QUERY_ALL | QUERY_SIGNALS);
    assert_true(e->little != 0);
    rank_params p = params_for(e);
    p.text_col = 2;
    p.span_col[0] = p.span_col[1] = 1;
    p.span_col[2] = 0.5;
    p.title_cols = 1;
    double plain[3], with[3], without[3];
    for (int r = 1; r <= 2; r++)
        plain[r] = score("repere_rank", e, &p, r);
    p.w_span = 1;
    for (int r = 1; r <= 2; r++)
        with[r] = score("repere_rank", e, &p, r);
    e->little = 0;
    for (int r = 1; r <= 2; r++)
        without[r] = score("repere_rank", e, &p, r);
    /* Row 1's title: the whole span (the title's share), none when
     * « autre » was needed there. */
    assert_float_equal(with[1], 2 * plain[1], 1e-9);
    assert_float_equal(without[1], plain[1], 1e-9);
    /* The text still needs every clause: row 2's span, unchanged. */
    assert_true(with[2] > plain[2]);
    assert_float_equal(with[2], without[2], 1e-12);
    assert_true(with[1] > with[2]);
    query_expr_free(e);
    query_free(q);
    /* A question's light verb before a word says little too. */
    q = parse("comment faire défiler les diapos ?");
    e = compile(q, QUERY_ANY | QUERY_SIGNALS);
    assert_int_equal(e->nclauses, 3);
    assert_int_equal(e->little, 1); /* « faire », the first clause */
    query_expr_free(e);
    query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curves),
        cmocka_unit_test(test_title_head),
        cmocka_unit_test(test_proximity),
        cmocka_unit_test(test_exact_phrase),
        cmocka_unit_test(test_span),
        cmocka_unit_test(test_exact_forms),
        cmocka_unit_test(test_column_weights),
        cmocka_unit_test(test_clauses_and_passages),
        cmocka_unit_test(test_wrong_query),
        cmocka_unit_test(test_docinfo_lengths),
        cmocka_unit_test(test_docinfo_find),
        cmocka_unit_test(test_unused_synonym),
        cmocka_unit_test(test_top_rows_exact), /* last: these write their own index */
        cmocka_unit_test(test_whole_labels),
        cmocka_unit_test(test_passage_share),
        cmocka_unit_test(test_long_rows),
        cmocka_unit_test(test_strict_passages),
        cmocka_unit_test(test_headings_apart),
        cmocka_unit_test(test_long_headings_apart),
        cmocka_unit_test(test_relaxed_share),
        cmocka_unit_test(test_soft_clauses),
        cmocka_unit_test(test_related_clause),
        cmocka_unit_test(test_title_span),
        cmocka_unit_test(test_title_span_little),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
