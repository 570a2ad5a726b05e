/* marks: the byte ranges of a passage's words that are hits of the query's
 * clauses. FTS5 gives each phrase's instances as token positions; the
 * passage's token stream (flags and byte offsets, from the analyzer through
 * FTS5) turns positions into bytes. The stream does not depend on the
 * query, so it is cached per connection: a passage shown again is not
 * analysed again (stemming every word was most of a query's cost). */
#include "marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define MARKS_TOKS_SLOTS 512

typedef struct {
    int flags, start, end;
} marks_tok;

/* One cached token stream: the text it was made from and its tokens. */
typedef struct {
    sqlite3_int64 rowid;
    int col, len, n, cap;
    char *text;
    marks_tok *v;
} marks_toks;

typedef struct {
    marks_toks slot[MARKS_TOKS_SLOTS];
} marks_cache;

static void marks_cache_free(void *p)
{
    marks_cache *c = p;
    if (!c)
        return;
    for (int i = 0; i < MARKS_TOKS_SLOTS; i++) {
        free(c->slot[i].text);
        free(c->slot[i].v);
    }
    free(c);
}

static int marks_toks_add(void *vctx, int tflags, const char *token, int ntoken, int start,
                          int end)
{
    marks_toks *t = vctx;
    (void)token;
    (void)ntoken;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        marks_tok *v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v)
            return SQLITE_NOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (marks_tok){tflags, start, end};
    return SQLITE_OK;
}

/* The tokens of text (column col of the current row), from the cache or
 * analysed now; NULL with *rc set on error. An entry is used only when its
 * text is the row's text. */
static marks_toks *marks_toks_get(const Fts5ExtensionApi *api, Fts5Context *fts, int col,
                                  const char *text, int len, int *rc)
{
    marks_cache *c = api->xUserData(fts);
    sqlite3_int64 rowid = api->xRowid(fts);
    uint64_t h = ((uint64_t)rowid * 0x9E3779B97F4A7C15ULL + (uint64_t)col) >> 55;
    marks_toks *t = &c->slot[h % MARKS_TOKS_SLOTS];
    *rc = SQLITE_OK;
    if (t->text && t->rowid == rowid && t->col == col && t->len == len &&
        memcmp(t->text, text, (size_t)len) == 0)
        return t;
    free(t->text);
    t->text = malloc(len > 0 ? (size_t)len : 1);
    t->n = 0;
    t->len = 0;
    if (!t->text) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    *rc = api->xTokenize(fts, text, len, t, marks_toks_add);
    if (*rc != SQLITE_OK) {
        free(t->text);
        t->text = NULL;
        return NULL;
    }
    memcpy(t->text, text, (size_t)len);
    t->len = len;
    t->rowid = rowid;
    t->col = col;
    return t;
}

static int marks_push(marks_list *l, size_t start, size_t end, uint64_t clauses)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        marks_span *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return SQLITE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (marks_span){start, end, clauses};
    return SQLITE_OK;
}

/* Spans from the token stream and the clause mask of each position: the
 * words of one position (a compound and its parts) make one span. */
static int marks_spans(const marks_toks *t, const uint64_t *masks, int npos, marks_list *out)
{
    int pos = -1;
    for (int i = 0; i < t->n; i++) {
        const marks_tok *k = &t->v[i];
        if (!(k->flags & FTS5_TOKEN_COLOCATED))
            pos++;
        /* Past the last position with a hit: nothing more to mark. */
        if (pos >= npos)
            break;
        uint64_t mask = pos >= 0 ? masks[pos] : 0;
        if (!mask || k->start < 0 || k->end <= k->start)
            continue;
        marks_span *last = out->n > 0 ? &out->v[out->n - 1] : NULL;
        if (last && (size_t)k->start < last->end) {
            if ((size_t)k->start < last->start)
                last->start = (size_t)k->start;
            if ((size_t)k->end > last->end)
                last->end = (size_t)k->end;
            last->clauses |= mask;
            continue;
        }
        if (marks_push(out, (size_t)k->start, (size_t)k->end, mask) != SQLITE_OK)
            return SQLITE_NOMEM;
    }
    return SQLITE_OK;
}

/* repere_marks(tbl, request): fills the request's list of the current row
 * with the spans of its column col that are hits of the query's clauses,
 * as FTS5 matched them. Returns NULL. */
static void marks_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                     int argc, sqlite3_value **argv)
{
    const marks_request *req = argc == 1 ? sqlite3_value_pointer(argv[0], MARKS_POINTER) : NULL;
    int rc, ninst = 0, npos = 0;
    if (!req || !req->expr || api->xPhraseCount(fts) != req->expr->nphrases) {
        sqlite3_result_error(ctx, "repere_marks: the marks request does not fit the query", -1);
        return;
    }
    sqlite3_int64 rowid = api->xRowid(fts);
    marks_list *out = NULL;
    for (size_t i = 0; i < req->n && !out; i++)
        if (req->rowids[i] == rowid)
            out = &req->out[i];
    if (!out || out->n > 0)
        return;
    const query_phrase *phs = req->expr->phrases;
    if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        api->xInst(fts, i, &ph, &col, &off);
        if (col == req->col && ph >= 0 && ph < req->expr->nphrases && phs[ph].clause >= 0 &&
            off + api->xPhraseSize(fts, ph) > npos)
            npos = off + api->xPhraseSize(fts, ph);
    }
    if (npos == 0)
        return;
    uint64_t *masks = calloc((size_t)npos, sizeof *masks);
    if (!masks) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        api->xInst(fts, i, &ph, &col, &off);
        if (col != req->col || ph < 0 || ph >= req->expr->nphrases || phs[ph].clause < 0 ||
            off < 0)
            continue;
        for (int k = off; k < off + api->xPhraseSize(fts, ph) && k < npos; k++)
            masks[k] |= (uint64_t)1 << phs[ph].clause;
    }
    const char *text = NULL;
    int len = 0;
    rc = api->xColumnText(fts, req->col, &text, &len);
    if (rc == SQLITE_OK && text) {
        marks_toks *t = marks_toks_get(api, fts, req->col, text, len, &rc);
        if (t)
            rc = marks_spans(t, masks, npos, out);
    }
    free(masks);
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
}

void marks_list_free(marks_list *l)
{
    if (!l)
        return;
    free(l->v);
    memset(l, 0, sizeof *l);
}

int marks_register(sqlite3 *db, char *err, size_t errlen)
{
    fts5_api *api = schema_fts5(db);
    if (!api || api->iVersion < 2) {
        snprintf(err, errlen, "FTS5 is not available in this SQLite");
        return -1;
    }
    marks_cache *cache = calloc(1, sizeof *cache);
    if (!cache) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* FTS5 frees the cache with the connection (not when this fails). */
    if (api->xCreateFunction(api, "repere_marks", cache, marks_fn, marks_cache_free) !=
        SQLITE_OK) {
        marks_cache_free(cache);
        snprintf(err, errlen, "cannot register repere_marks: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}
