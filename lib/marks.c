/* marks: a document's hits from FTS5 (repere_hits) and their byte ranges in
 * a chunk's text. FTS5 gives each phrase's instances as token positions of
 * the whole body; the chunk's token stream (the analyzer's index tokens:
 * flags and byte offsets) turns positions into bytes. The stream does not
 * depend on the query, so it is cached per connection: a chunk shown again
 * is not analysed again. */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "schema.h"
#include "ways.h"

#define MARKS_TOKS_SLOTS 512

static void marks_hits_push(rank_hit **v, size_t *n, size_t *cap, rank_hit hit)
{
    *v = buf_xgrow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = hit;
}

void marks_hits_free(marks_hits *h)
{
    if (!h)
        return;
    free(h->v);
    free(h->defs);
    memset(h, 0, sizeof *h);
}

/* repere_hits(tbl, request): the current row's hits in the request's
 * column (its clauses' and its defining phrase's), if the request asks for
 * this row. Returns NULL. */
static void marks_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                     int argc, sqlite3_value **argv)
{
    const marks_request *req = argc == 1 ? sqlite3_value_pointer(argv[0], MARKS_POINTER) : NULL;
    int rc = SQLITE_OK;
    if (!req || !req->expr || api->xPhraseCount(fts) != req->expr->nphrases) {
        sqlite3_result_error(ctx, "repere_hits: the request does not fit the query", -1);
        return;
    }
    sqlite3_int64 rowid = api->xRowid(fts);
    marks_hits *out = NULL;
    for (size_t i = 0; i < req->n && !out; i++)
        if (req->rowids[i] == rowid)
            out = &req->out[i];
    if (!out || out->n > 0 || out->ndefs > 0)
        return;
    for (int ph = 0; ph < req->expr->nphrases && rc == SQLITE_OK; ph++) {
        Fts5PhraseIter it;
        int col, off, size = api->xPhraseSize(fts, ph), t = req->expr->phrases[ph].term;
        int clause = req->expr->terms[t].clause, defining = req->expr->terms[t].defining;
        if (clause < 0 && !defining)
            continue;
        if ((rc = api->xPhraseFirst(fts, ph, &it, &col, &off)) != SQLITE_OK)
            break;
        for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
            if (col != req->col)
                continue;
            rank_hit hit = {0, off, off + size, clause, t};
            if (clause >= 0)
                marks_hits_push(&out->v, &out->n, &out->cap, hit);
            else
                marks_hits_push(&out->defs, &out->ndefs, &out->defs_cap, hit);
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, rank_hit_cmp);
    if (out->ndefs > 1)
        qsort(out->defs, out->ndefs, sizeof *out->defs, rank_hit_cmp);
}

int marks_register(sqlite3 *db, char *err, size_t errlen)
{
    return schema_fts5_function(db, "repere_hits", marks_fn, err, errlen);
}

typedef struct {
    int flags;
    size_t start, end;
} marks_tok;

/* One cached token stream: the text it was made from and its tokens. */
typedef struct {
    ways_tag tag; /* its chunk id and text, when last used (ways.h) */
    size_t n, cap;
    marks_tok *v;
} marks_toks;

/* A chunk's stream may sit in any of MARKS_TOKS_WAYS slots from the one
 * its id hashes to; a new one takes the least recently used of them.
 * With one slot per id, the 240 chunks of the scale mix's first pages
 * (bench/scale-queries.txt) evicted each other at every pass: a third of
 * them were analysed again each time. */
#define MARKS_TOKS_WAYS 4

struct marks_cache {
    marks_toks slot[MARKS_TOKS_SLOTS];
    unsigned long long clock;
};

marks_cache *marks_cache_new(void)
{
    return calloc(1, sizeof(marks_cache));
}

void marks_cache_free(marks_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < MARKS_TOKS_SLOTS; i++) {
        ways_clear(&c->slot[i].tag);
        free(c->slot[i].v);
    }
    free(c);
}

static int marks_toks_add(void *ctx, int flags, const char *token, size_t len, size_t start,
                          size_t end)
{
    marks_toks *t = ctx;
    (void)token;
    (void)len;
    t->v = buf_xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
    t->v[t->n++] = (marks_tok){flags, start, end};
    return 0;
}

/* The tokens of chunk id's text, from the cache or analysed now (NULL on
 * error). An entry is used only when its text is the chunk's text. */
static marks_toks *marks_toks_get(marks_cache *c, sqlite3_int64 id, const char *text, size_t len)
{
    int hit;
    marks_toks *t = (marks_toks *)ways_get(c->slot, sizeof c->slot[0], MARKS_TOKS_SLOTS,
                                           MARKS_TOKS_WAYS, &c->clock, id, text, len, &hit);
    if (hit)
        return t;
    t->n = 0;
    if (analyzer_tokenize(text, len, ANALYZER_INDEX, marks_toks_add, t) != 0)
        return NULL;
    if (ways_keep(&t->tag, id, text, len) != 0)
        return NULL;
    return t;
}

static void marks_push(marks_list *l, size_t start, size_t end, uint64_t clauses, uint64_t terms)
{
    l->v = buf_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = (marks_span){start, end, clauses, terms};
}

int marks_spans(marks_cache *c, sqlite3_int64 id, const char *text, size_t len, int pos,
                const rank_hit *hits, size_t n, marks_list *out)
{
    /* The clauses of each position of the chunk that has a hit. */
    int npos = 0;
    for (size_t i = 0; i < n; i++)
        if (hits[i].end - pos > npos)
            npos = hits[i].end - pos;
    if (npos <= 0)
        return SQLITE_OK;
    /* Clauses at [2k], terms at [2k + 1]. */
    uint64_t *masks = calloc(2 * (size_t)npos, sizeof *masks);
    if (!masks)
        return SQLITE_NOMEM;
    for (size_t i = 0; i < n; i++)
        for (int k = hits[i].off; k < hits[i].end; k++)
            if (k >= pos && k - pos < npos && hits[i].clause >= 0 && hits[i].clause < 64) {
                masks[2 * (k - pos)] |= (uint64_t)1 << hits[i].clause;
                masks[2 * (k - pos) + 1] |= MARKS_TERM_BIT(hits[i].term);
            }
    marks_toks *t = marks_toks_get(c, id, text, len);
    int rc = t ? SQLITE_OK : SQLITE_NOMEM;
    /* The words of one position (a compound and its parts) make one span. */
    int at = -1;
    for (size_t i = 0; t && i < t->n && rc == SQLITE_OK; i++) {
        const marks_tok *k = &t->v[i];
        if (!(k->flags & ANALYZER_COLOCATED))
            at++;
        if (at >= npos)
            break;
        uint64_t mask = at >= 0 ? masks[2 * at] : 0, terms = at >= 0 ? masks[2 * at + 1] : 0;
        if (!mask || k->end <= k->start)
            continue;
        marks_span *last = out->n > 0 ? &out->v[out->n - 1] : NULL;
        if (last && k->start < last->end) {
            if (k->start < last->start)
                last->start = k->start;
            if (k->end > last->end)
                last->end = k->end;
            last->clauses |= mask;
            last->terms |= terms;
            continue;
        }
        marks_push(out, k->start, k->end, mask, terms);
    }
    free(masks);
    return rc;
}

int marks_starts(marks_cache *c, sqlite3_int64 id, const char *text, size_t len, int npos,
                 size_t *starts)
{
    marks_toks *t = marks_toks_get(c, id, text, len);
    if (!t)
        return SQLITE_NOMEM;
    int at = -1;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].flags & ANALYZER_COLOCATED)
            continue;
        if (++at >= npos)
            break;
        starts[at] = t->v[i].start;
    }
    for (int k = at + 1; k < npos; k++)
        starts[k] = len;
    return SQLITE_OK;
}

void marks_list_free(marks_list *l)
{
    if (!l)
        return;
    free(l->v);
    memset(l, 0, sizeof *l);
}
