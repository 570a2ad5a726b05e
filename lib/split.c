/* split: a ranked expression with its phrases of colocated alternatives
 * matched as their forms' AND (split.h): FTS5 matches the AND of each
 * position's forms, and the phrase's hits are derived from those forms'
 * (phrase_hits) when rank.c or the filter asks for them. Nothing here
 * decides a score. */
#include "split.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "phrase.h"
#include "schema.h"

/* FTS5 merges the position lists of such a phrase's alternatives on every
 * row holding all its positions (fts5ExprSynonymList): « mise à jour de
 * sécurité »'s two synonym sides cost 54.8 million instructions a run on the
 * scale index. Here FTS5 matches the AND of each position's forms (rowids,
 * one-token phrases) instead. The expression's shape is the tree query.c
 * recorded as it wrote e->fts (e->nodes), not read back from the text. */

#define SPLIT_CACHE_SLOTS 16

/* The rows of the expressions split_rest asked FTS5 for, by text, for the
 * index's commit stamp: a warm run of a query asks again. */
typedef struct {
    char *text;
    long long stamp;
    sqlite3_int64 *v;
    size_t n;
    unsigned long used;
} split_cached;

struct split_cache {
    split_cached slot[SPLIT_CACHE_SLOTS];
    unsigned long clock;
    size_t max_rows;
};

/* A node of e's tree (e->nodes, the same index, read into the plan): a
 * phrase (FTS5's numbering of e->fts) or an AND or OR of its children
 * (kid, then each one's next); its text in e->fts, whether a split phrase
 * is below it, and for an OR above one, the rows of its other children
 * (rest). */
typedef struct {
    int kind, phrase, kid, next;
    size_t start, end;
    int split;
    sqlite3_int64 *rest; /* sorted */
    size_t nrest;
    int have_rest;
} split_node;

/* A phrase of e->fts: where FTS5's expression has it (its first form
 * when split), and when split (npos > 0) its positions' forms and this
 * row's hits. */
typedef struct {
    size_t start, end; /* its text in e->fts, quotes included; end 0: not met yet */
    int exact;         /* every node above it an OR or a required AND */
    int phys;          /* FTS5's phrase, or the first of its forms */
    int npos;          /* 0: not split */
    int first[PHRASE_MAX_POSITIONS + 1];
    buf fts; /* the AND phrase_split writes */
    buf hits;
    int done; /* hits are the current row's */
} split_leaf;

struct split_plan {
    Fts5ExtensionApi view; /* first: the plan is the view's context */
    const Fts5ExtensionApi *api;
    Fts5Context *fts;
    sqlite3_int64 rowid;
    split_leaf *leaf;
    int nleaves, nphys; /* e's phrases, FTS5's */
    int *split, nsplit; /* the split leaves */
    split_node *node;
    int nnodes, root;
    char *text;
    const char *expr; /* e->fts */
    sqlite3_stmt *rowids;
    split_cache *cache;
    long long stamp;
    phrase_forms *forms;
};

/* ---- the expression's shape ---- */

/* Reads e's tree into the plan: 1 when it has phrases, ANDs and ORs only,
 * no prefix. */
static int split_read(split_plan *p, const query_expr *e)
{
    for (int n = 0; n < e->nnodes; n++) {
        const expr_node *x = &e->nodes[n];
        if ((x->kind != EXPR_PHRASE && x->kind != EXPR_AND && x->kind != EXPR_OR) ||
            (x->kind == EXPR_PHRASE && x->prefix))
            return 0;
        p->node[n] =
            (split_node){x->kind, x->phrase, x->kid, x->next, x->start, x->end, 0, NULL, 0, 0};
        p->nnodes = n + 1;
    }
    return 1;
}

/* Reads the leaves of the tree below node n: 1 when none of e's phrases
 * is there twice. */
static int split_shape(split_plan *p, int n)
{
    const split_node *node = &p->node[n];
    if (node->kind == EXPR_PHRASE) {
        int ph = node->phrase;
        if (ph < 0 || ph >= p->nleaves || p->leaf[ph].end > 0)
            return 0;
        p->leaf[ph].start = node->start;
        p->leaf[ph].end = node->end;
        return 1;
    }
    for (int k = node->kid; k >= 0; k = p->node[k].next)
        if (!split_shape(p, k))
            return 0;
    return 1;
}

/* Did split_shape meet every phrase, in text order? */
static int split_leaves_read(const split_plan *p)
{
    for (int ph = 0; ph < p->nleaves; ph++)
        if (p->leaf[ph].end == 0 || (ph > 0 && p->leaf[ph].start < p->leaf[ph - 1].end))
            return 0;
    return 1;
}

/* Marks the phrases whose hits FTS5 gives wherever they match: a node
 * below an OR is on a row when it matches it, if the OR is; below an AND,
 * only when the AND is required (the root, or a required AND's child). */
static void split_mark(split_plan *p, int n, int required, int exact)
{
    const split_node *node = &p->node[n];
    if (node->kind == EXPR_PHRASE) {
        p->leaf[node->phrase].exact = exact;
        return;
    }
    for (int k = node->kid; k >= 0; k = p->node[k].next)
        if (node->kind == EXPR_AND)
            split_mark(p, k, required, required);
        else
            split_mark(p, k, 0, exact);
}

/* Is phrase ph's term that phrase alone, which no exact-form term reads
 * (rank.c's rank_phrase_alone: its rows are not asked of xQueryPhrase)? */
static int split_alone(const query_expr *e, int ph)
{
    int t = e->phrases[ph].term;
    if (t < 0 || t >= e->nterms || e->terms[t].n != 1 || e->terms[t].of >= 0 ||
        e->terms[t].first != ph)
        return 0;
    for (int k = 0; k < e->nphrases; k++)
        if (e->phrases[k].exact == t)
            return 0;
    return 1;
}

void split_plan_free(split_plan *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nleaves; i++) {
        buf_free(&p->leaf[i].fts);
        buf_free(&p->leaf[i].hits);
    }
    free(p->leaf);
    free(p->split);
    for (int n = 0; p->node && n < p->nnodes; n++)
        free(p->node[n].rest);
    free(p->node);
    free(p->text);
    free(p->forms);
    free(p);
}

static void split_view_init(split_plan *p);

/* Marks the nodes with a split phrase below them. */
static int split_below(split_plan *p, int n)
{
    split_node *node = &p->node[n];
    if (node->kind == EXPR_PHRASE)
        return node->split = p->leaf[node->phrase].npos > 0;
    for (int k = node->kid; k >= 0; k = p->node[k].next)
        node->split |= split_below(p, k);
    return node->split;
}

split_cache *split_cache_new(size_t max_rows)
{
    split_cache *c = calloc(1, sizeof(split_cache));
    if (c)
        c->max_rows = max_rows;
    return c;
}

void split_cache_free(split_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < SPLIT_CACHE_SLOTS; i++) {
        free(c->slot[i].text);
        free(c->slot[i].v);
    }
    free(c);
}

split_plan *split_plan_new(const query_expr *e, sqlite3_stmt *rowids, split_cache *cache,
                           long long stamp)
{
    /* no alternative anywhere: nothing to split (most queries) */
    if (!e || !e->fts || e->nphrases <= 0 || !e->nodes || e->root < 0 || e->root >= e->nnodes ||
        !rowids || !strchr(e->fts, ANALYZER_ALTERNATIVE))
        return NULL;
    split_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->expr = e->fts;
    p->rowids = rowids;
    p->cache = stamp ? cache : NULL;
    p->stamp = stamp;
    p->root = e->root;
    p->leaf = calloc((size_t)e->nphrases, sizeof *p->leaf);
    p->node = malloc((size_t)e->nnodes * sizeof *p->node); /* filled by split_read */
    if (!p->leaf || !p->node) {
        split_plan_free(p);
        return NULL;
    }
    p->nleaves = e->nphrases;
    int nsplit = 0;
    if (split_read(p, e) && split_shape(p, p->root) && split_leaves_read(p)) {
        split_mark(p, p->root, 1, 1);
        for (int ph = 0; ph < p->nleaves; ph++) {
            split_leaf *l = &p->leaf[ph];
            if (!l->exact || !split_alone(e, ph))
                continue;
            char *text = buf_xstrndup(e->fts + l->start, l->end - l->start);
            buf shape = BUF_INIT;
            int npos = phrase_split(text, &l->fts, &shape);
            if (npos > 0 && phrase_shape_read(shape.data, l->first) == npos) {
                l->npos = npos;
                nsplit++;
            }
            free(text);
            buf_free(&shape);
        }
    }
    if (nsplit == 0 || !(p->forms = phrase_forms_new())) {
        split_plan_free(p);
        return NULL;
    }
    p->split = buf_xrealloc(NULL, (size_t)nsplit * sizeof *p->split);
    for (int ph = 0; ph < p->nleaves; ph++)
        if (p->leaf[ph].npos > 0)
            p->split[p->nsplit++] = ph;
    split_below(p, p->root);
    buf out = BUF_INIT;
    size_t at = 0;
    int phys = 0;
    for (int ph = 0; ph < p->nleaves; ph++) {
        split_leaf *l = &p->leaf[ph];
        buf_append(&out, e->fts + at, l->start - at);
        l->phys = phys;
        if (l->npos > 0) {
            buf_putc(&out, '(');
            buf_append(&out, l->fts.data, l->fts.len);
            buf_putc(&out, ')');
            phys += l->first[l->npos];
        } else {
            buf_append(&out, e->fts + l->start, l->end - l->start);
            phys++;
        }
        at = l->end;
    }
    buf_puts(&out, e->fts + at);
    p->nphys = phys;
    p->text = buf_detach(&out);
    split_view_init(p);
    return p;
}

const char *split_plan_fts(const split_plan *p)
{
    return p->text;
}

/* ---- the view ---- */

static split_plan *split_of(Fts5Context *v)
{
    return (split_plan *)(void *)v;
}

/* Leaf ph's hits in the current row, derived once per row. */
static int split_hits(split_plan *p, split_leaf *l)
{
    if (l->done)
        return SQLITE_OK;
    buf_clear(&l->hits);
    int rc = phrase_hits(p->forms, p->api, p->fts, l->phys, l->first, l->npos, &l->hits);
    l->done = rc == SQLITE_OK;
    return rc;
}

static void *split_user_data(Fts5Context *v)
{
    split_plan *p = split_of(v);
    return p->api->xUserData(p->fts);
}

static int split_column_count(Fts5Context *v)
{
    split_plan *p = split_of(v);
    return p->api->xColumnCount(p->fts);
}

static int split_row_count(Fts5Context *v, sqlite3_int64 *n)
{
    split_plan *p = split_of(v);
    return p->api->xRowCount(p->fts, n);
}

static int split_column_total_size(Fts5Context *v, int col, sqlite3_int64 *n)
{
    split_plan *p = split_of(v);
    return p->api->xColumnTotalSize(p->fts, col, n);
}

static int split_tokenize(Fts5Context *v, const char *text, int n, void *ctx,
                          int (*token)(void *, int, const char *, int, int, int))
{
    split_plan *p = split_of(v);
    return p->api->xTokenize(p->fts, text, n, ctx, token);
}

static int split_phrase_count(Fts5Context *v)
{
    return split_of(v)->nleaves;
}

static int split_phrase_size(Fts5Context *v, int ph)
{
    split_plan *p = split_of(v);
    if (ph < 0 || ph >= p->nleaves)
        return 0;
    return p->leaf[ph].npos > 0 ? p->leaf[ph].npos : p->api->xPhraseSize(p->fts, p->leaf[ph].phys);
}

/* xInst and xPhraseFirstColumn would need the split phrases' hits in
 * another order: rank.c does not ask for them. */
static int split_inst_count(Fts5Context *v, int *n)
{
    (void)v;
    *n = 0;
    return SQLITE_ERROR;
}

static int split_inst(Fts5Context *v, int i, int *ph, int *col, int *off)
{
    (void)v;
    (void)i;
    *ph = *col = *off = -1;
    return SQLITE_ERROR;
}

static sqlite3_int64 split_rowid(Fts5Context *v)
{
    split_plan *p = split_of(v);
    return p->api->xRowid(p->fts);
}

static int split_column_text(Fts5Context *v, int col, const char **z, int *n)
{
    split_plan *p = split_of(v);
    return p->api->xColumnText(p->fts, col, z, n);
}

static int split_column_size(Fts5Context *v, int col, int *n)
{
    split_plan *p = split_of(v);
    return p->api->xColumnSize(p->fts, col, n);
}

/* A split phrase is no phrase of FTS5's expression to query. */
static int split_query_phrase(Fts5Context *v, int ph, void *ctx,
                              int (*cb)(const Fts5ExtensionApi *, Fts5Context *, void *))
{
    split_plan *p = split_of(v);
    if (ph < 0 || ph >= p->nleaves || p->leaf[ph].npos > 0)
        return SQLITE_ERROR;
    return p->api->xQueryPhrase(p->fts, p->leaf[ph].phys, ctx, cb);
}

static int split_set_auxdata(Fts5Context *v, void *aux, void (*del)(void *))
{
    split_plan *p = split_of(v);
    return p->api->xSetAuxdata(p->fts, aux, del);
}

static void *split_get_auxdata(Fts5Context *v, int clear)
{
    split_plan *p = split_of(v);
    return p->api->xGetAuxdata(p->fts, clear);
}

/* Is it an iterator over a split phrase's hits (its end is the end of
 * that leaf's list), read here, not by FTS5? */
static int split_own_iter(const split_plan *p, const Fts5PhraseIter *it)
{
    if (!it->b)
        return 0;
    for (int i = 0; i < p->nsplit; i++) {
        const split_leaf *l = &p->leaf[p->split[i]];
        if (l->hits.len > 0 && it->b == (const unsigned char *)l->hits.data + l->hits.len)
            return 1;
    }
    return 0;
}

static void split_phrase_next(Fts5Context *v, Fts5PhraseIter *it, int *col, int *off)
{
    split_plan *p = split_of(v);
    if (!it->b) { /* an empty list, FTS5's or the view's */
        *col = *off = -1;
        return;
    }
    if (split_own_iter(p, it))
        phrase_list_next(&it->a, it->b, col, off);
    else
        p->api->xPhraseNext(p->fts, it, col, off);
}

/* A split phrase's iterator is the view's own (FTS5's Fts5PhraseIter is
 * FTS5's to fill): it walks the list phrase_hits wrote, from a to b, read
 * by phrase_list_next; an empty list is no hit. */
static int split_phrase_first(Fts5Context *v, int ph, Fts5PhraseIter *it, int *col, int *off)
{
    split_plan *p = split_of(v);
    if (ph < 0 || ph >= p->nleaves)
        return SQLITE_RANGE;
    split_leaf *l = &p->leaf[ph];
    if (l->npos == 0)
        return p->api->xPhraseFirst(p->fts, l->phys, it, col, off);
    int rc = split_hits(p, l);
    if (rc != SQLITE_OK)
        return rc;
    *col = 0;
    *off = 0;
    if (l->hits.len == 0) {
        it->a = it->b = NULL;
        *col = *off = -1;
        return SQLITE_OK;
    }
    it->a = (const unsigned char *)l->hits.data;
    it->b = it->a + l->hits.len;
    phrase_list_next(&it->a, it->b, col, off);
    return SQLITE_OK;
}

static int split_phrase_first_column(Fts5Context *v, int ph, Fts5PhraseIter *it, int *col)
{
    (void)v;
    (void)ph;
    it->a = it->b = NULL;
    *col = -1;
    return SQLITE_ERROR;
}

static void split_phrase_next_column(Fts5Context *v, Fts5PhraseIter *it, int *col)
{
    (void)v;
    (void)it;
    *col = -1;
}

static void split_view_init(split_plan *p)
{
    p->view = (Fts5ExtensionApi){3,
                                 split_user_data,
                                 split_column_count,
                                 split_row_count,
                                 split_column_total_size,
                                 split_tokenize,
                                 split_phrase_count,
                                 split_phrase_size,
                                 split_inst_count,
                                 split_inst,
                                 split_rowid,
                                 split_column_text,
                                 split_column_size,
                                 split_query_phrase,
                                 split_set_auxdata,
                                 split_get_auxdata,
                                 split_phrase_first,
                                 split_phrase_next,
                                 split_phrase_first_column,
                                 split_phrase_next_column};
    p->rowid = 0;
}

void split_view(split_plan *p, const Fts5ExtensionApi **api, Fts5Context **fts)
{
    sqlite3_int64 rowid = (*api)->xRowid(*fts);
    if (p->fts != *fts || p->api != *api || p->rowid != rowid)
        for (int i = 0; i < p->nleaves; i++)
            p->leaf[i].done = 0;
    p->api = *api;
    p->fts = *fts;
    p->rowid = rowid;
    *api = &p->view;
    *fts = (Fts5Context *)(void *)p;
}

/* ---- the filter ---- */

/* The rows of the children of OR node n with no split phrase below
 * them: FTS5's own match of their OR, read once a statement. */
static int split_rest(split_plan *p, split_node *node)
{
    buf b = BUF_INIT;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    node->have_rest = 1;
    for (int k = node->kid; k >= 0; k = p->node[k].next)
        if (!p->node[k].split) {
            buf_puts(&b, b.len ? " OR (" : "(");
            buf_append(&b, p->expr + p->node[k].start, p->node[k].end - p->node[k].start);
            buf_putc(&b, ')');
        }
    split_cached *c = NULL;
    if (b.len > 0 && p->cache) {
        split_cache *cache = p->cache;
        c = &cache->slot[0];
        for (int i = 0; i < SPLIT_CACHE_SLOTS; i++) {
            split_cached *s = &cache->slot[i];
            if (s->text && s->stamp == p->stamp && strcmp(s->text, b.data) == 0) {
                s->used = ++cache->clock;
                node->rest = buf_xrealloc(NULL, (s->n ? s->n : 1) * sizeof *node->rest);
                memcpy(node->rest, s->v, s->n * sizeof *node->rest);
                node->nrest = s->n;
                buf_free(&b);
                return SQLITE_OK;
            }
            if (s->used < c->used)
                c = s;
        }
    }
    if (b.len > 0) {
        sqlite3_bind_text(p->rowids, 1, b.data, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(p->rowids)) == SQLITE_ROW) {
            node->rest = buf_xgrow(node->rest, &cap, node->nrest + 1, sizeof *node->rest);
            node->rest[node->nrest++] = sqlite3_column_int64(p->rowids, 0);
        }
        sqlite3_reset(p->rowids);
        sqlite3_clear_bindings(p->rowids);
    }
    if (c && rc == SQLITE_DONE && node->nrest <= p->cache->max_rows) {
        free(c->text);
        free(c->v);
        c->v = buf_xrealloc(NULL, (node->nrest ? node->nrest : 1) * sizeof *c->v);
        if (node->nrest > 0)
            memcpy(c->v, node->rest, node->nrest * sizeof *c->v);
        c->n = node->nrest;
        c->text = buf_detach(&b);
        c->stamp = p->stamp;
        c->used = ++p->cache->clock;
    }
    buf_free(&b);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int split_rowid_cmp(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

/* Does node n, a split phrase or a node above one, match the row as e->fts
 * would? FTS5 matched the row with the split phrases' ANDs: a required
 * AND's children without a split phrase matched it; a split phrase
 * matches when its derived hits are not empty; an OR's other children,
 * when the row is among their rows (split_rest: FTS5 does not give the
 * hits of a phrase below an AND that is not on the row, so they cannot
 * be read off the row). */
static int split_eval(split_plan *p, int n, int *rc)
{
    split_node *node = &p->node[n];
    if (node->kind == EXPR_PHRASE) {
        Fts5PhraseIter it;
        int col = -1, off = 0;
        *rc = split_phrase_first((Fts5Context *)(void *)p, node->phrase, &it, &col, &off);
        return *rc == SQLITE_OK && col >= 0;
    }
    for (int k = node->kid; k >= 0 && *rc == SQLITE_OK; k = p->node[k].next) {
        if (!p->node[k].split)
            continue;
        int m = split_eval(p, k, rc);
        if (node->kind == EXPR_AND && !m)
            return 0;
        if (node->kind == EXPR_OR && m)
            return 1;
    }
    if (*rc != SQLITE_OK || node->kind == EXPR_AND)
        return node->kind == EXPR_AND;
    if (!node->have_rest && (*rc = split_rest(p, node)) != SQLITE_OK)
        return 0;
    return node->nrest > 0 &&
           bsearch(&p->rowid, node->rest, node->nrest, sizeof *node->rest, split_rowid_cmp);
}

/* repere_keep(tbl, plan). */
static void split_keep_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                          int argc, sqlite3_value **argv)
{
    split_plan *p = argc == 1 ? sqlite3_value_pointer(argv[0], SPLIT_POINTER) : NULL;
    if (!p || api->xPhraseCount(fts) != p->nphys) {
        sqlite3_result_error(ctx, "repere_keep: the plan is not the expression FTS5 runs", -1);
        return;
    }
    int rc = SQLITE_OK;
    split_view(p, &api, &fts);
    int keep = split_eval(p, p->root, &rc);
    if (rc == SQLITE_OK && !p->node[p->root].split)
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int(ctx, keep);
}

int split_register(sqlite3 *db, char *err, size_t errlen)
{
    return schema_fts5_function(db, "repere_keep", split_keep_fn, err, errlen);
}
