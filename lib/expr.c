/* expr: an FTS5 MATCH expression's shape recorded as it is written
 * (expr.h). Each group keeps its operands and operators in order until it
 * closes; they are then joined as FTS5's grammar joins them (fts5parse.y:
 * NOT tighter than AND, AND than OR) into one node. Nothing here reads the
 * text back. */
#include "expr.h"

#include <stdlib.h>

/* The operators from the loosest to the tightest. */
static const expr_kind expr_levels[] = {EXPR_OR, EXPR_AND, EXPR_NOT};
#define EXPR_LEVELS (int)(sizeof expr_levels / sizeof expr_levels[0])

static int expr_new(expr_writer *w, expr_kind kind, int phrase, int prefix, size_t start,
                    size_t end)
{
    if ((size_t)w->nnodes == w->cap)
        w->node = buf_xgrow(w->node, &w->cap, (size_t)w->nnodes + 1, sizeof *w->node);
    w->node[w->nnodes] = (expr_node){kind, -1, -1, phrase, prefix, start, end};
    return w->nnodes++;
}

static void expr_push(expr_writer *w, expr_item it)
{
    if (w->nitems == w->icap)
        w->item = buf_xgrow(w->item, &w->icap, w->nitems + 1, sizeof *w->item);
    w->item[w->nitems++] = it;
}

/* The operand of items [from, to), split at the operators of
 * expr_levels[level], each part joined at the tighter ones (a part without
 * an operator is its operand); its node is -1 when they hold no operand. */
static expr_item expr_join(expr_writer *w, size_t from, size_t to, int level)
{
    expr_item none = {-1, 0, 0};
    if (level == EXPR_LEVELS) {
        for (size_t i = from; i < to; i++)
            if (w->item[i].node >= 0)
                return w->item[i];
        return none;
    }
    int op = -1 - (int)expr_levels[level], kids = 0, tighter = 0;
    expr_item first = none, last = none;
    size_t part = from;
    for (size_t i = from; i <= to; i++) {
        if (i < to && w->item[i].node != op) {
            tighter |= w->item[i].node < 0;
            continue;
        }
        expr_item k = tighter || part + 1 != i ? expr_join(w, part, i, level + 1) : w->item[part];
        part = i + 1;
        tighter = 0;
        if (k.node < 0)
            continue;
        if (first.node >= 0)
            w->node[last.node].next = k.node;
        else
            first = k;
        last = k;
        kids++;
    }
    if (kids < 2)
        return first;
    int n = expr_new(w, expr_levels[level], -1, 0, first.start, last.end);
    w->node[n].kid = first.node;
    return (expr_item){n, first.start, last.end};
}

/* Replaces group g's items by their operand, whose text is g's "(" to end. */
static void expr_reduce(expr_writer *w, expr_group g, size_t end)
{
    expr_item it = expr_join(w, g.item, w->nitems, 0);
    w->nitems = g.item;
    if (it.node < 0)
        return;
    it.start = g.open;
    it.end = end;
    if (w->node[it.node].kind != EXPR_PHRASE) {
        w->node[it.node].start = it.start;
        w->node[it.node].end = it.end;
    }
    expr_push(w, it);
}

void expr_open(buf *b, expr_writer *w)
{
    if (w) {
        if (w->ngroups == w->gcap)
            w->group = buf_xgrow(w->group, &w->gcap, w->ngroups + 1, sizeof *w->group);
        w->group[w->ngroups++] = (expr_group){w->nitems, b->len};
    }
    buf_putc(b, '(');
}

void expr_close(buf *b, expr_writer *w)
{
    buf_putc(b, ')');
    if (w && w->ngroups > 0)
        expr_reduce(w, w->group[--w->ngroups], b->len);
}

void expr_op(buf *b, expr_writer *w, expr_kind op)
{
    if (op == EXPR_OR)
        buf_append(b, " OR ", 4);
    else
        buf_append(b, op == EXPR_AND ? " AND " : " NOT ", 5);
    if (w)
        expr_push(w, (expr_item){-1 - (int)op, 0, 0});
}

void expr_phrase(buf *b, expr_writer *w, size_t start, int prefix)
{
    if (w)
        expr_push(w, (expr_item){expr_new(w, EXPR_PHRASE, w->nphrases++, prefix, start, b->len),
                                 start, b->len});
}

void expr_wrap(buf *b, expr_writer *w)
{
    buf inner = *b;
    *b = (buf)BUF_INIT;
    buf_putc(b, '(');
    buf_append(b, inner.data, inner.len);
    buf_free(&inner);
    buf_putc(b, ')');
    if (!w || w->ngroups > 0)
        return;
    for (int i = 0; i < w->nnodes; i++) {
        w->node[i].start++;
        w->node[i].end++;
    }
    for (size_t i = 0; i < w->nitems; i++) {
        w->item[i].start++;
        w->item[i].end++;
    }
    expr_reduce(w, (expr_group){0, 0}, b->len);
}

int expr_finish(expr_writer *w, expr_node **nodes, int *nnodes)
{
    int root = expr_join(w, 0, w->nitems, 0).node;
    *nodes = w->node;
    *nnodes = w->nnodes;
    w->node = NULL;
    expr_writer_free(w);
    return root;
}

void expr_writer_free(expr_writer *w)
{
    free(w->node);
    free(w->item);
    free(w->group);
    *w = (expr_writer)EXPR_WRITER_INIT;
}
