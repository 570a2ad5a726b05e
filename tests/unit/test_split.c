/* test_split: lib/split.c on a real index (written by store_put): an
 * expression whose phrases with alternatives FTS5 matches as their forms'
 * AND, read through the view and filtered by repere_keep, gives the rows
 * and every phrase's size and hits FTS5 gives for the expression as
 * written; the expressions whose shape the view cannot follow are not
 * split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "expr_read.h"
#include "index_fixture.h"
#include "phrase.h"
#include "schema.h"
#include "split.h"
#include "split_hits.h"

/* Documents (title, headings, text, hidden): the phrases' forms
 * together, apart, across two columns, in a compound, twice in one row,
 * only in the hidden text, or only the AND of their forms; and far
 * into a long text (setup). */
static const char *const docs[][4] = {
    {"Note", NULL, "la mise à jour de sécurité est prête", NULL},
    {"Note", NULL, "les mises a jour des sécurités sont prêtes", NULL},
    {"Note", NULL, "une mise de côté à jour pour la sécurité", NULL},
    {"Mise à jour", NULL, "de sécurité avant tout", NULL},
    {"Note", NULL, "la mise-à-jour de sécurité puis la mise à jour des sécurités", NULL},
    {"Note", NULL, "rien de tel ici", "la mise à jour de sécurité cachée"},
    {"Mise à jour de sécurité", "Mise à jour de sécurité", "une mise à jour de sécurité", NULL},
    {"Note", NULL, "à jour de la mise de sécurité, mise à jour, mise à jour", NULL},
    {"Correctif", NULL, "un correctif de sécurité, des correctifs des sécurités", NULL},
};

static ixf_index ix;
static sqlite3 *db;
static sqlite3_stmt *rowids;

static int setup(void **state)
{
    (void)state;
    char err[256];
    if (ixf_create(&ix) != 0)
        return -1;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        const char *chunks[] = {docs[i][2]};
        if (ixf_add_full(&ix, (long long)i + 1, "txt", 2020, docs[i][0], docs[i][1], chunks, 1,
                         NULL, docs[i][3]) != 0)
            return -1;
    }
    /* offsets past 2^7 and 2^14: position lists of varints of 2 and 3
     * bytes */
    buf far = BUF_INIT;
    for (int i = 0; i < 17000; i++)
        buf_puts(&far, i == 100 ? "mise à jour de sécurité " : "mot ");
    buf_puts(&far, "une mise à jour des sécurités");
    const char *chunks[] = {far.data};
    int added = ixf_add_full(&ix, 100, "txt", 2020, "Note", NULL, chunks, 1, NULL, NULL);
    buf_free(&far);
    if (added != 0)
        return -1;
    if (ixf_close(&ix) != 0 || schema_open(ix.path, SCHEMA_READONLY, &db, err, sizeof err) != 0 ||
        split_register(db, err, sizeof err) != 0 ||
        schema_fts5_function(db, "test_hits", split_hits_fn, err, sizeof err) != 0 ||
        sqlite3_prepare_v2(db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1", -1, &rowids,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_finalize(rowids);
    sqlite3_close(db);
    ixf_remove(&ix);
    return 0;
}

/* A compiled query as query.c would give it for fts, written through
 * its writer (expr_read.h): each phrase its own term of one phrase, read
 * by no exact-form term. Free with unfake. */
typedef struct {
    query_expr e;
    query_term t[16];
    query_phrase p[16];
} fake_expr;

static void fake(fake_expr *f, const char *fts, int nphrases)
{
    memset(f, 0, sizeof *f);
    f->e.root = expr_read(fts, &f->e.fts, &f->e.nodes, &f->e.nnodes);
    assert_string_equal(f->e.fts, fts);
    f->e.terms = f->t;
    f->e.phrases = f->p;
    f->e.nterms = f->e.nphrases = nphrases;
    for (int i = 0; i < nphrases; i++) {
        f->t[i] = (query_term){.clause = i, .first = i, .n = 1, .of = -1, .text = (char *)""};
        f->p[i] = (query_phrase){.term = i, .exact = -1, .check = -1};
    }
}

static void unfake(fake_expr *f)
{
    free(f->e.fts);
    free(f->e.nodes);
}

/* Every row's id and test_hits, of sql with ?1 = fts and ?2 = plan. */
static char *rows(const char *sql, const char *fts, split_plan *plan)
{
    sqlite3_stmt *st;
    buf b = BUF_INIT;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    if (plan)
        sqlite3_bind_pointer(st, 2, plan, SPLIT_POINTER, NULL);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(&b, "%lld %s\n", (long long)sqlite3_column_int64(st, 0),
                   (const char *)sqlite3_column_text(st, 1));
    assert_int_equal(rc, SQLITE_DONE);
    sqlite3_finalize(st);
    return buf_detach(&b);
}

/* The differential check: split, the expression gives FTS5's rows, sizes
 * and hits; returns the number of rows. */
static int same_as_fts5(const char *fts, int nphrases)
{
    fake_expr f;
    fake(&f, fts, nphrases);
    split_plan *plan = split_plan_new(&f.e, rowids, NULL, 0);
    assert_non_null(plan);
    char *want = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                      " WHERE docs_fts MATCH ?1",
                      fts, NULL);
    char *got = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                     " WHERE docs_fts MATCH ?1 AND repere_keep(docs_fts, ?2)",
                     split_plan_fts(plan), plan);
    assert_string_equal(got, want);
    /* the same twice more with a cache: the second finds the rows of the
     * split phrases' neighbours there */
    split_cache *cache = split_cache_new(SPLIT_CACHE_MAX_ROWS);
    for (int run = 0; run < 2; run++) {
        split_plan *again = split_plan_new(&f.e, rowids, cache, 1);
        char *cached = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                            " WHERE docs_fts MATCH ?1 AND repere_keep(docs_fts, ?2)",
                            split_plan_fts(again), again);
        assert_string_equal(cached, want);
        free(cached);
        split_plan_free(again);
    }
    split_cache_free(cache);
    int n = 0;
    for (const char *s = want; *s; s++)
        n += *s == '\n';
    free(want);
    free(got);
    split_plan_free(plan);
    unfake(&f);
    return n;
}

#define SIDE "\"!mis|!mise|!mises !a|!à !jour|!jours !de|!des|!dé !secure|!sécurité|!sécurités\""
#define FIX "\"!correctif|!correctifs !de|!des !sécurité|!sécurités\""
#define WORDS "(\"!mise\" OR \"!mises\") AND \"!jour\" AND (\"!sécurité\" OR \"!secure\")"

static void test_same_as_fts5(void **state)
{
    (void)state;
    assert_true(same_as_fts5(SIDE, 1) > 0);
    char *far = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                     " WHERE docs_fts MATCH ?1 AND rowid = 100",
                     SIDE, NULL);
    assert_string_equal(far, "100 0/5: 2.100 2.17005;\n");
    free(far);
    assert_true(same_as_fts5(FIX, 1) > 0);
    assert_true(same_as_fts5(SIDE " OR " FIX, 2) > 0);
    /* the typed words' AND beside the sides, as query_with_synonyms
     * writes them: rows the AND of a side's forms has but not the side */
    assert_true(same_as_fts5("((" WORDS ") OR " SIDE " OR " FIX ")", 7) > 0);
    /* a required AND above: the root's */
    assert_true(same_as_fts5("(" SIDE " OR " FIX ") AND (\"!la\" OR \"!une\")", 4) > 0);
    assert_true(same_as_fts5("\"!sécurité\" AND (" SIDE " OR \"!côté\")", 3) > 0);
    /* the same words again below an AND that is not required, as a
     * relaxed query's expression repeats them: FTS5 does not give their
     * hits on every row they match, so the filter asks for their rows */
    assert_true(same_as_fts5("(\"!mise\" OR " SIDE ") AND (\"!note\" OR ((\"!mise\" OR " SIDE
                             ") AND (\"!jour\" OR \"!sécurité\")))",
                             7) > 0);
    /* a phrase of one form a position beside a split one */
    assert_true(same_as_fts5("\"!mise !à !jour\" OR " SIDE, 2) > 0);
}

static void test_not_split(void **state)
{
    (void)state;
    static const struct {
        const char *fts;
        int n;
    } cases[] = {
        {"\"!mise !à !jour\"", 1},                   /* no alternative */
        {"(\"!rien\" AND " SIDE ") OR \"!tel\"", 3}, /* below an AND not required */
        {"\"!note\" NOT " SIDE, 2},                  /* NOT */
        {SIDE " NOT \"!note\"", 2},
        {"\"!mis\"* OR " SIDE, 2}, /* a prefix */
        {SIDE " OR \"!mise\"", 3}, /* a phrase not in the tree */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fake_expr f;
        fake(&f, cases[i].fts, cases[i].n);
        split_plan *plan = split_plan_new(&f.e, rowids, NULL, 0);
        if (plan)
            fail_msg("split: %s", cases[i].fts);
        unfake(&f);
    }
    /* the phrase's term read by an exact-form term, or of two phrases */
    fake_expr f;
    fake(&f, SIDE " OR \"!mise\"", 2);
    f.p[1].exact = 0;
    assert_null(split_plan_new(&f.e, rowids, NULL, 0));
    unfake(&f);
    fake(&f, SIDE " OR \"!mise\"", 2);
    f.t[0].n = 2;
    f.p[1].term = 0;
    assert_null(split_plan_new(&f.e, rowids, NULL, 0));
    unfake(&f);
    /* no tree */
    fake(&f, SIDE, 1);
    free(f.e.nodes);
    f.e.nodes = NULL;
    assert_null(split_plan_new(&f.e, rowids, NULL, 0));
    unfake(&f);
}

/* What FTS5 runs: the split phrases as phrase_split writes them, the
 * others as they were; a split phrase is no phrase to query. */
static void test_expression(void **state)
{
    (void)state;
    fake_expr f;
    fake(&f, "\"!x\" OR \"!mise|!mises !jour\" OR (\"!y\")", 3);
    split_plan *plan = split_plan_new(&f.e, rowids, NULL, 0);
    assert_non_null(plan);
    assert_string_equal(split_plan_fts(plan),
                        "\"!x\" OR ((\"!mise\" OR \"!mises\") AND (\"!jour\")) OR (\"!y\")");
    split_plan_free(plan);
    unfake(&f);
}

/* A list of the rows beside a split phrase longer than the cache's
 * max_rows is not kept: the filter asks FTS5 for it again on the next
 * run; one within it is asked for once. */
static void test_cache_cap(void **state)
{
    (void)state;
    fake_expr f;
    fake(&f, SIDE " OR \"!note\"", 2);
    char *want = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                      " WHERE docs_fts MATCH ?1",
                      f.e.fts, NULL);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM docs_fts"
                                        " WHERE docs_fts MATCH '\"!note\"'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    size_t notes = (size_t)sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    assert_true(notes > 1);
    for (int keep = 0; keep < 2; keep++) {
        split_cache *cache = split_cache_new(keep ? notes : notes - 1);
        int before = sqlite3_stmt_status(rowids, SQLITE_STMTSTATUS_RUN, 0);
        for (int run = 0; run < 2; run++) {
            split_plan *plan = split_plan_new(&f.e, rowids, cache, 1);
            assert_non_null(plan);
            char *got = rows("SELECT rowid, test_hits(docs_fts, ?2) FROM docs_fts"
                             " WHERE docs_fts MATCH ?1 AND repere_keep(docs_fts, ?2)",
                             split_plan_fts(plan), plan);
            assert_string_equal(got, want);
            free(got);
            split_plan_free(plan);
        }
        assert_int_equal(sqlite3_stmt_status(rowids, SQLITE_STMTSTATUS_RUN, 0) - before,
                         keep ? 1 : 2);
        split_cache_free(cache);
    }
    free(want);
    unfake(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_fts5),
        cmocka_unit_test(test_not_split),
        cmocka_unit_test(test_expression),
        cmocka_unit_test(test_cache_cap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
