/* test_expr: lib/expr.c, an FTS5 expression's shape recorded as it is
 * written. The tree of every expression of four words and three operators
 * (AND, OR, NOT), with or without parentheses, matches on each row of a
 * small table what FTS5 matches for the text, and so does the text of
 * each of its nodes alone; an expression wrapped in parentheses after the
 * fact; the text alone, without a writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "buf.h"
#include "expr.h"
#include "expr_read.h"

static sqlite3 *db;
static sqlite3_stmt *match;

/* Rows 1 .. 15: row r has the words "a" .. "d" of r's bits. */
static int setup(void **state)
{
    (void)state;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x)", NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    for (unsigned r = 1; r < 16; r++) {
        char sql[64] = "", words[16] = "";
        for (int k = 0; k < 4; k++)
            if (r >> k & 1)
                snprintf(words + strlen(words), sizeof words - strlen(words), "%c ", 'a' + k);
        snprintf(sql, sizeof sql, "INSERT INTO t(rowid, x) VALUES (%u, '%s')", r, words);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            return -1;
    }
    return sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &match, NULL) ==
                   SQLITE_OK
               ? 0
               : -1;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_finalize(match);
    sqlite3_close(db);
    return 0;
}

/* The rows FTS5 matches for text[0..len), one bit each. */
static unsigned fts5_rows(const char *text, size_t len)
{
    unsigned rows = 0;
    sqlite3_bind_text(match, 1, text, (int)len, SQLITE_STATIC);
    while (sqlite3_step(match) == SQLITE_ROW)
        rows |= 1u << sqlite3_column_int(match, 0);
    assert_int_equal(sqlite3_reset(match), SQLITE_OK);
    return rows;
}

/* Does node n match row r (its phrases are the words "a" .. "d")? */
static int tree_matches(const expr_node *nodes, int n, const char *fts, unsigned r)
{
    const expr_node *x = &nodes[n];
    if (x->kind == EXPR_PHRASE)
        return r >> (fts[x->start + 1] - 'a') & 1;
    int k = x->kid, m = tree_matches(nodes, k, fts, r);
    for (k = nodes[k].next; k >= 0; k = nodes[k].next) {
        int v = tree_matches(nodes, k, fts, r);
        m = x->kind == EXPR_AND ? m && v : x->kind == EXPR_OR ? m || v : m && !v;
    }
    return m;
}

static unsigned tree_rows(const expr_node *nodes, int n, const char *fts)
{
    unsigned rows = 0;
    for (unsigned r = 1; r < 16; r++)
        if (tree_matches(nodes, n, fts, r))
            rows |= 1u << r;
    return rows;
}

/* Every node's rows are FTS5's for its text, and the phrases are numbered
 * in text order. */
static void check(const char *text)
{
    char *fts;
    expr_node *nodes;
    int nnodes, root = expr_read(text, &fts, &nodes, &nnodes);
    assert_string_equal(fts, text);
    assert_true(root >= 0 && root < nnodes);
    int phrase = 0;
    for (int n = 0; n < nnodes; n++) {
        const expr_node *x = &nodes[n];
        unsigned want = fts5_rows(fts + x->start, x->end - x->start);
        if (tree_rows(nodes, n, fts) != want)
            fail_msg("%s: node %.*s", text, (int)(x->end - x->start), fts + x->start);
        if (x->kind == EXPR_PHRASE) {
            assert_int_equal(x->phrase, phrase++);
            assert_int_equal(fts[x->start], '"');
            assert_int_equal(x->kid, -1);
        } else {
            assert_int_equal(x->phrase, -1);
            assert_true(x->kid >= 0 && nodes[x->kid].next >= 0);
        }
    }
    assert_int_equal(nodes[root].start, 0);
    assert_int_equal(nodes[root].end, strlen(fts));
    free(fts);
    free(nodes);
}

static void test_precedence(void **state)
{
    (void)state;
    static const char *const ops[] = {"AND", "OR", "NOT"};
    /* parentheses around operands [from, to] */
    static const int groups[][4] = {{-1, -1, -1, -1}, {0, 1, -1, -1}, {1, 2, -1, -1},
                                    {2, 3, -1, -1},   {0, 2, -1, -1}, {1, 3, -1, -1},
                                    {0, 1, 2, 3},     {0, 3, 1, 2}};
    for (int k = 0; k < 27; k++)
        for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
            buf b = BUF_INIT;
            for (int i = 0; i < 4; i++) {
                if (i > 0)
                    buf_printf(&b, " %s ", ops[k / (i == 1 ? 1 : i == 2 ? 3 : 9) % 3]);
                for (int j = 0; j < 4; j += 2)
                    if (groups[g][j] == i)
                        buf_putc(&b, '(');
                buf_printf(&b, "\"%c\"", 'a' + i);
                for (int j = 0; j < 4; j += 2)
                    if (groups[g][j + 1] == i)
                        buf_putc(&b, ')');
            }
            check(b.data);
            buf_free(&b);
        }
    check("\"a\"");
    check("((\"a\")) OR \"b\"");
    check("(\"a\" OR (\"b\")) AND ((\"c\" NOT \"d\"))");
}

/* A phrase's text is its own, without the parentheses around it. */
static void test_phrase_text(void **state)
{
    (void)state;
    char *fts;
    expr_node *nodes;
    int nnodes, root = expr_read("((\"a\")) OR \"b\"*", &fts, &nodes, &nnodes);
    assert_int_equal(nodes[root].kind, EXPR_OR);
    const expr_node *a = &nodes[nodes[root].kid], *b = &nodes[a->next];
    assert_int_equal(a->start, 2);
    assert_int_equal(a->end, 5);
    assert_false(a->prefix);
    assert_true(b->prefix);
    assert_string_equal(fts + b->start, "\"b\"*");
    free(fts);
    free(nodes);
}

/* "(" base ") AND (" …, as query.c writes a ranked expression; and the
 * same text written without a writer. */
static void test_wrap(void **state)
{
    (void)state;
    for (int shaped = 0; shaped < 2; shaped++) {
        buf b = BUF_INIT;
        expr_writer w = EXPR_WRITER_INIT, *wp = shaped ? &w : NULL;
        const char *words[] = {"\"a\"", "\"b\"", "\"c\""};
        for (int i = 0; i < 3; i++) {
            if (i == 1)
                expr_op(&b, wp, EXPR_OR);
            if (i == 2) {
                expr_wrap(&b, wp);
                expr_op(&b, wp, EXPR_AND);
                expr_open(&b, wp);
            }
            size_t at = b.len;
            buf_puts(&b, words[i]);
            expr_phrase(&b, wp, at, 0);
        }
        expr_close(&b, wp);
        assert_string_equal(b.data, "(\"a\" OR \"b\") AND (\"c\")");
        expr_node *nodes = NULL;
        int nnodes = 0, root = expr_finish(&w, &nodes, &nnodes);
        if (!shaped) {
            assert_int_equal(root, -1);
            assert_null(nodes);
            buf_free(&b);
            continue;
        }
        assert_int_equal(nodes[root].kind, EXPR_AND);
        const expr_node * or = &nodes[nodes[root].kid], *c = &nodes[or->next];
        assert_int_equal(or->kind, EXPR_OR);
        assert_int_equal(or->start, 0);
        assert_int_equal(or->end, 12);
        assert_int_equal(nodes[or->kid].start, 1);
        assert_int_equal(c->phrase, 2);
        assert_string_equal(b.data + c->start, "\"c\")");
        free(nodes);
        buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_phrase_text),
        cmocka_unit_test(test_wrap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
