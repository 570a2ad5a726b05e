/* expr: an FTS5 MATCH expression written together with its shape. Its
 * writer (query.c) appends the parentheses and operators through these
 * functions and tells them each phrase it writes, and they record the tree
 * FTS5 reads out of the text (NOT binding tighter than AND, AND than OR,
 * each left to right), so that a reader (split.c) walks the nodes instead
 * of parsing the text back. It neither quotes nor checks a phrase: the
 * writer writes its text. */
#ifndef REPERE_EXPR_H
#define REPERE_EXPR_H

#include <stddef.h>

#include "buf.h"

typedef enum {
    EXPR_PHRASE, /* a quoted phrase, a prefix's '*' with it */
    EXPR_AND,    /* every child */
    EXPR_OR,     /* any child */
    EXPR_NOT,    /* the first child's rows without the others' */
} expr_kind;

typedef struct {
    expr_kind kind;
    int kid, next;     /* the first child, the next sibling: node indexes, or -1 */
    int phrase;        /* a phrase's number, FTS5's (in text order); -1 for the others */
    int prefix;        /* a phrase written as a prefix ('*' after its quotes) */
    size_t start, end; /* its text: a phrase's own (quotes, '*'); an AND's,
                        * OR's or NOT's outermost parentheses, or when it
                        * has none its first child's text to its last
                        * child's, their parentheses included */
} expr_node;

/* An operand (node >= 0) and its text, parentheses around it included, or
 * an operator (node = -1 - its kind). */
typedef struct {
    int node;
    size_t start, end;
} expr_item;

/* The nodes written so far, and the groups still open with their items. */
typedef struct {
    size_t item, open; /* its first item; where its "(" is in the text */
} expr_group;

typedef struct {
    expr_node *node;
    int nnodes, nphrases;
    size_t cap;
    expr_item *item;
    size_t nitems, icap;
    expr_group *group;
    size_t ngroups, gcap;
} expr_writer;

/* clang-format off */
#define EXPR_WRITER_INIT {NULL, 0, 0, 0, NULL, 0, 0, NULL, 0, 0}
/* clang-format on */

/* Each function below writes to b; w records the shape, or is NULL (the
 * text alone: a rendering whose shape nobody reads). */

/* Appends "(", opening a group. */
void expr_open(buf *b, expr_writer *w);

/* Appends ")", closing the group opened last: its operands and operators
 * become one node (an operand alone is that node), whose text, but a
 * phrase's, now starts at the "(" and ends at the ")". */
void expr_close(buf *b, expr_writer *w);

/* Appends " AND ", " OR " or " NOT " (op EXPR_AND, EXPR_OR, EXPR_NOT). */
void expr_op(buf *b, expr_writer *w, expr_kind op);

/* Records b[start .. b->len), the phrase the writer has just appended
 * (its quotes, and the '*' after them when prefix), as the next phrase. */
void expr_phrase(buf *b, expr_writer *w, size_t start, int prefix);

/* Puts the whole of b, everything written so far (no group open), inside
 * parentheses, as one group. */
void expr_wrap(buf *b, expr_writer *w);

/* Ends the expression (no group open): what was written at the top is its
 * root. Hands over the nodes (*nodes, the caller frees it; *nnodes) and
 * returns the root's index, -1 when nothing was written. w is then empty. */
int expr_finish(expr_writer *w, expr_node **nodes, int *nnodes);

void expr_writer_free(expr_writer *w);

#endif
