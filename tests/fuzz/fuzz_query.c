/* fuzz_query: arbitrary bytes as what a person types in the search box,
 * through the query parser, the stems lent to words typed without accents
 * (query_lend) and its FTS5 rewrite (expanded through the index's
 * vocabulary), then executed as MATCH on a small index with the real
 * schema, tokenizer and writer. */
#include "abbrev.h"
#include "analyzer.h"
#include "anglicism.h"
#include "fuzz_index.h"
#include "lexicon.h"
#include "query.h"
#include "spelling.h"
#include "synonyms.h"
#include "vocab.h"

/* The contract: any input parses or is QUERY_EMPTY with a reason, no
 * rewrite is ever an FTS5 error, and the shape each rewrite records
 * (query_expr.nodes, which split.c walks) is a tree over its phrases in
 * FTS5's order (q_shape). Only the deliberate work limit (a progress
 * handler, like searchd's time budget) may stop a query. */

static sqlite3 *q_db;
static vocab *q_vocab;
static query_vocab q_qv;
static synonyms *q_syn;
static long q_steps;

static int q_progress(void *ctx)
{
    (void)ctx;
    return ++q_steps > 20000; /* ~20M VM instructions: the deliberate limit */
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    q_db = fuzz_index_create(":memory:");
    if (vocab_open(q_db, &q_vocab, err, sizeof err) != 0)
        fuzz_fail("vocab_open: %s", err);
    q_qv = (query_vocab){vocab_forms, q_vocab, 1};
    /* With the real synonyms when run from the repository root, and the
     * built-in tables as search.c adds them (their rows join words typed
     * apart: query_joins_words). */
    if (synonyms_load("corpus/synonymes.txt", &q_syn, err, sizeof err) != 0)
        q_syn = synonyms_new();
    abbrev_add(q_syn);
    spelling_add(q_syn);
    anglicism_add(q_syn);
    lexicon_add(q_syn);
    sqlite3_progress_handler(q_db, 1000, q_progress, NULL);
    return 0;
}

static void q_run(const char *table, const char *expr)
{
    if (!expr)
        fuzz_fail("rewrite returned NULL");
    char *sql = sqlite3_mprintf("SELECT rowid, bm25(%s) FROM %s WHERE %s MATCH ?1 "
                                "ORDER BY bm25(%s) LIMIT 10",
                                table, table, table, table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q_db, sql, -1, &st, NULL) != SQLITE_OK)
        fuzz_fail("prepare: %s", sqlite3_errmsg(q_db));
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    q_steps = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE && rc != SQLITE_INTERRUPT)
        fuzz_fail("MATCH on %s failed: %s\n  expression: %s", table, sqlite3_errmsg(q_db), expr);
    sqlite3_finalize(st);
    sqlite3_free(sql);
}

/* Walks node n of e's shape (query_expr.nodes): each phrase FTS5's next
 * in text order, its quotes (and '*') at its ends; an AND, OR or NOT of
 * two children or more, each inside it and after the one before. */
static void q_shape_walk(const query_expr *e, int n, int *seen, int *phrase)
{
    if (n < 0 || n >= e->nnodes || ++*seen > e->nnodes)
        fuzz_fail("node %d of %d in the shape of %s", n, e->nnodes, e->fts);
    const expr_node *x = &e->nodes[n];
    size_t len = strlen(e->fts);
    if (x->start >= x->end || x->end > len)
        fuzz_fail("node %d spans %zu..%zu of %s", n, x->start, x->end, e->fts);
    if (x->kind == EXPR_PHRASE) {
        if (x->phrase != (*phrase)++ || e->fts[x->start] != '"' ||
            e->fts[x->end - 1] != (x->prefix ? '*' : '"'))
            fuzz_fail("phrase node %d (%d) is not phrase %d of %s", n, x->phrase, *phrase - 1,
                      e->fts);
        return;
    }
    int kids = 0;
    size_t at = x->start;
    for (int k = x->kid; k >= 0; k = e->nodes[k].next, kids++) {
        if (k >= e->nnodes || e->nodes[k].start < at)
            fuzz_fail("child %d of node %d out of order in %s", k, n, e->fts);
        q_shape_walk(e, k, seen, phrase);
        at = e->nodes[k].end;
    }
    if (kids < 2 || at > x->end)
        fuzz_fail("node %d has %d children in %s", n, kids, e->fts);
}

static void q_shape(const query_expr *e)
{
    int seen = 0, phrase = 0;
    q_shape_walk(e, e->root, &seen, &phrase);
    if (seen != e->nnodes || phrase != e->nphrases)
        fuzz_fail("the shape of %s has %d of %d nodes, %d of %d phrases", e->fts, seen, e->nnodes,
                  phrase, e->nphrases);
}

typedef struct {
    const query *q;
    size_t clauses;
} mark_state;

static int q_mark_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    (void)flags;
    (void)start;
    (void)end;
    mark_state *m = ctx;
    int c = query_token_clause(m->q, token, len);
    if (c < -1 || (c >= 0 && (size_t)c >= m->clauses))
        fuzz_fail("query_token_clause gave %d of %zu clauses", c, m->clauses);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    query *q = NULL;
    char err[256];
    err[0] = '\0';
    int rc = query_parse((const char *)data, size, q_syn, &q, err, sizeof err);
    if (rc == QUERY_EMPTY) {
        if (q)
            fuzz_fail("QUERY_EMPTY with a query");
        if (!err[0])
            fuzz_fail("QUERY_EMPTY without a reason");
        return 0;
    }
    if (rc != QUERY_OK || !q)
        fuzz_fail("query_parse returned %d", rc);
    /* search.c reads again with no synonym group only a query typed
     * without operators. */
    if (query_joins_words(q) && query_has_operators(q))
        fuzz_fail("query_joins_words with operators");
    size_t n = query_clauses(q);
    /* As searchd does after parsing; lending adds stems, never clauses. */
    query_lend(q, &q_qv);
    if (query_clauses(q) != n)
        fuzz_fail("query_lend changed the clauses: %zu -> %zu", n, query_clauses(q));
    static const int flags[] = {QUERY_ALL, QUERY_ANY, QUERY_ALL | QUERY_SIGNALS | QUERY_RUNS,
                                QUERY_ANY | QUERY_SIGNALS | QUERY_RUNS};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        query_expr *e = query_compile(q, flags[i], &q_qv);
        q_run("docs_fts", e->fts);
        q_shape(e);
        for (int k = 0; k < e->nphrases; k++)
            if (e->phrases[k].term < 0 || e->phrases[k].term >= e->nterms)
                fuzz_fail("phrase %d of %s has term %d", k, e->fts, e->phrases[k].term);
        for (int k = 0; k < e->nterms; k++)
            if (e->terms[k].clause < -1 || e->terms[k].clause >= e->nclauses)
                fuzz_fail("term %d of %s has clause %d", k, e->fts, e->terms[k].clause);
        query_expr_free(e);
    }
    char *exact = query_fts_exact(q, &q_qv);
    if (exact)
        q_run("docs_fts", exact);
    free(exact);
    /* Mark placement over the documents and over the query text itself. */
    mark_state m = {q, n};
    for (size_t i = 0; i < sizeof fuzz_index_docs / sizeof fuzz_index_docs[0]; i++)
        analyzer_tokenize(fuzz_index_docs[i][2], strlen(fuzz_index_docs[i][2]), ANALYZER_WORDS,
                          q_mark_cb, &m);
    analyzer_tokenize((const char *)data, size, ANALYZER_WORDS, q_mark_cb, &m);
    query_free(q);
    return 0;
}
