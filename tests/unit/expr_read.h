/* expr_read.h: an FTS5 expression a test writes by hand ("(\"!a\" OR
 * \"!b\") AND \"!c\"") written again through lib/expr.h's writer, the way
 * query.c writes its own, so that a test hands split_plan_new (test_split,
 * fuzz_phrase) or checks (test_expr) the tree the writer records: quoted
 * phrases ('"' doubled inside, a '*' after a prefix), parentheses, and
 * AND, OR, NOT between them, one space apart. Anything else is skipped:
 * a test compares the text written with its own. */
#ifndef REPERE_TEST_EXPR_READ_H
#define REPERE_TEST_EXPR_READ_H

#include <string.h>

#include "buf.h"
#include "expr.h"

/* Writes s; *fts (the text written) and *nodes are the caller's to free.
 * Returns the root (expr_finish). */
static int expr_read(const char *s, char **fts, expr_node **nodes, int *nnodes)
{
    static const struct {
        const char *word;
        expr_kind op;
    } ops[] = {{"AND", EXPR_AND}, {"OR", EXPR_OR}, {"NOT", EXPR_NOT}};
    buf b = BUF_INIT;
    expr_writer w = EXPR_WRITER_INIT;
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (s[i] == '(') {
            expr_open(&b, &w);
            i++;
            continue;
        }
        if (s[i] == ')') {
            expr_close(&b, &w);
            i++;
            continue;
        }
        if (s[i] == '"') {
            size_t start = i++;
            while (i < n && !(s[i] == '"' && (i + 1 >= n || s[i + 1] != '"')))
                i += s[i] == '"' ? 2 : 1;
            i += i < n;
            int prefix = i < n && s[i] == '*';
            i += prefix;
            size_t at = b.len;
            buf_append(&b, s + start, i - start);
            expr_phrase(&b, &w, at, prefix);
            continue;
        }
        size_t k = 0;
        while (k < sizeof ops / sizeof *ops &&
               (strncmp(s + i, ops[k].word, strlen(ops[k].word)) != 0))
            k++;
        if (k < sizeof ops / sizeof *ops) {
            expr_op(&b, &w, ops[k].op);
            i += strlen(ops[k].word);
        } else {
            i++;
        }
    }
    *fts = buf_detach(&b);
    return expr_finish(&w, nodes, nnodes);
}

#endif
