/* snippet: builds the passage shown under a result from the document's best
 * chunk only (FTS5's snippet() re-reads whole documents: too slow on big
 * PDFs). The hits are where FTS5 matched (marks.c), so stems, folded
 * accents and synonyms are marked as the document writes them and a phrase
 * only where it stands whole. Escapes the text first, then adds <mark>s: no
 * other markup ever comes out. */
#include "snippet.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "marks.h"
#include "rank.h"
#include "schema.h"

#define SNIPPET_STR2(x) #x
#define SNIPPET_STR(x) SNIPPET_STR2(x)

struct snippet_maker {
    sqlite3 *db;
    sqlite3_stmt *chunk;      /* a chunk's text and page */
    sqlite3_stmt *first;      /* the document's first chunk */
    sqlite3_stmt *best_many;  /* passage score of the chunks of a list of documents */
    sqlite3_stmt *marks_many; /* the hits of a list of chunks */
};

typedef struct {
    size_t start, end;   /* bytes */
    size_t cstart, cend; /* characters */
    uint64_t clauses;    /* bit per query clause */
} snippet_tok;

typedef struct {
    const query *q;
    snippet_tok *v;
    size_t n, cap;
} snippet_toks;

static int snippet_push(snippet_toks *t, size_t start, size_t end, uint64_t clauses);

static int snippet_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int snippet_on_token(void *vctx, int flags, const char *token, size_t len, size_t start,
                            size_t end)
{
    snippet_toks *t = vctx;
    (void)flags;
    int c = query_token_clause(t->q, token, len);
    if (c < 0 || c >= 64 || end <= start)
        return 0;
    uint64_t bit = (uint64_t)1 << c;
    if (t->n > 0 && start < t->v[t->n - 1].end) {
        snippet_tok *last = &t->v[t->n - 1];
        if (end > last->end)
            last->end = end;
        if (start < last->start)
            last->start = start;
        last->clauses |= bit;
        return 0;
    }
    return snippet_push(t, start, end, bit);
}

/* Character index of byte position pos, counting from byte from whose
 * character index is cfrom (continuation bytes are not characters). */
static size_t snippet_chars(const char *text, size_t from, size_t cfrom, size_t pos)
{
    for (size_t i = from; i < pos; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            cfrom++;
    return cfrom;
}

/* Byte position n characters after (n > 0) or before (n < 0) pos, stopping
 * at the text's ends; always on a character boundary. */
static size_t snippet_walk(const char *text, size_t len, size_t pos, long n)
{
    while (n > 0 && pos < len) {
        pos++;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
        n--;
    }
    while (n < 0 && pos > 0) {
        pos--;
        while (pos > 0 && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos--;
        n++;
    }
    return pos;
}

static void snippet_escape(const char *text, size_t from, size_t to, int *space, buf *out)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (snippet_is_space(c)) {
            *space = 1;
            continue;
        }
        if (*space && out->len > 0)
            buf_putc(out, ' ');
        *space = 0;
        switch (c) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&#39;");
            break;
        default:
            buf_putc(out, (char)c);
        }
    }
}

/* The run of matched words with the most distinct clauses in the fewest
 * characters, within three quarters of the target length. */
static void snippet_best_window(const snippet_toks *t, size_t *bi, size_t *bj)
{
    long best = -1;
    *bi = *bj = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t mask = 0;
        size_t j = i;
        while (j < t->n && t->v[j].cend - t->v[i].cstart <= SNIPPET_TARGET_CHARS * 3 / 4)
            mask |= t->v[j++].clauses;
        if (j == i)
            j = i + 1, mask = t->v[i].clauses;
        long span = (long)(t->v[j - 1].cend - t->v[i].cstart);
        long score = (long)__builtin_popcountll(mask) * 1000000L - span;
        if (score > best) {
            best = score;
            *bi = i;
            *bj = j;
        }
    }
}

static int snippet_push(snippet_toks *t, size_t start, size_t end, uint64_t clauses)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        snippet_tok *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return 1;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (snippet_tok){start, end, 0, 0, clauses};
    return 0;
}

/* The passage of text around the best run of t's words; frees t's array. */
static char *snippet_build(const char *text, size_t len, snippet_toks *ts)
{
    snippet_toks t = *ts;
    buf out = BUF_INIT;
    ts->v = NULL;
    size_t c = 0, b = 0;
    for (size_t i = 0; i < t.n; i++) {
        c = t.v[i].cstart = snippet_chars(text, b, c, t.v[i].start);
        t.v[i].cend = snippet_chars(text, t.v[i].start, c, t.v[i].end);
        b = t.v[i].start;
    }
    size_t total = snippet_chars(text, b, c, len);

    size_t from = 0, to = len;
    if (total > SNIPPET_MAX_CHARS) {
        size_t ms = 0, me = 0, cms = 0, cme = 0, bi, bj;
        if (t.n > 0) {
            snippet_best_window(&t, &bi, &bj);
            /* Do not start or end inside a run of one clause's words (a
             * phrase cut in two), when the whole run fits. */
            while (bi > 0 && (t.v[bi - 1].clauses & t.v[bi].clauses) &&
                   t.v[bi].cstart - t.v[bi - 1].cend <= 2 &&
                   t.v[bj - 1].cend - t.v[bi - 1].cstart <= SNIPPET_TARGET_CHARS)
                bi--;
            while (bj < t.n && (t.v[bj].clauses & t.v[bj - 1].clauses) &&
                   t.v[bj].cstart - t.v[bj - 1].cend <= 2 &&
                   t.v[bj].cend - t.v[bi].cstart <= SNIPPET_TARGET_CHARS)
                bj++;
            ms = t.v[bi].start;
            me = t.v[bj - 1].end;
            cms = t.v[bi].cstart;
            cme = t.v[bj - 1].cend;
        }
        long extra = SNIPPET_TARGET_CHARS - (long)(cme - cms);
        if (extra < 0)
            extra = 0;
        /* A third of the room before the match, the rest after; more before
         * when the text ends soon after it. */
        long lead = extra / 3, after = (long)(total - cme);
        if (after < extra - lead)
            lead = extra - after;
        if (lead > (long)cms)
            lead = (long)cms;
        from = snippet_walk(text, len, ms, -lead);
        to = snippet_walk(text, len, from, SNIPPET_TARGET_CHARS);
        if (to < me)
            to = me;
        if (from > 0) {
            size_t p = from;
            while (p < ms && !snippet_is_space((unsigned char)text[p]))
                p++;
            from = p;
        }
        if (to < len) {
            size_t p = to;
            while (p > me && !snippet_is_space((unsigned char)text[p - 1]))
                p--;
            if (p > me || t.n > 0)
                to = p;
        }
    }
    while (from < to && snippet_is_space((unsigned char)text[from]))
        from++;
    while (to > from && snippet_is_space((unsigned char)text[to - 1]))
        to--;
    int cut_before = 0, cut_after = 0;
    for (size_t i = 0; i < from && !cut_before; i++)
        cut_before = !snippet_is_space((unsigned char)text[i]);
    for (size_t i = to; i < len && !cut_after; i++)
        cut_after = !snippet_is_space((unsigned char)text[i]);

    int space = 0;
    if (cut_before)
        buf_puts(&out, "… ");
    size_t pos = from;
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].end <= from || t.v[i].start < pos)
            continue;
        if (t.v[i].start >= to)
            break;
        size_t end = t.v[i].end < to ? t.v[i].end : to;
        snippet_escape(text, pos, t.v[i].start, &space, &out);
        if (space && out.len > 0)
            buf_putc(&out, ' ');
        space = 0;
        buf_puts(&out, "<mark>");
        snippet_escape(text, t.v[i].start, end, &space, &out);
        buf_puts(&out, "</mark>");
        space = 0;
        pos = end;
    }
    snippet_escape(text, pos, to, &space, &out);
    if (cut_after)
        buf_puts(&out, " …");
    free(t.v);
    return buf_detach(&out);
}

char *snippet_from_text(const char *text, size_t len, const query *q)
{
    snippet_toks t = {q, NULL, 0, 0};
    if (q)
        analyzer_tokenize(text, len, ANALYZER_DOCUMENT, snippet_on_token, &t);
    return snippet_build(text, len, &t);
}

/* The passage around the marked words (in text order); NULL when there
 * are none. */
static char *snippet_from_marks(const char *text, size_t len, const marks_list *marks)
{
    snippet_toks t = {NULL, NULL, 0, 0};
    for (size_t i = 0; marks && i < marks->n; i++) {
        const marks_span *m = &marks->v[i];
        if (m->end > len || m->start >= m->end || (t.n > 0 && m->start < t.v[t.n - 1].end))
            continue;
        if (snippet_push(&t, m->start, m->end, m->clauses) != 0)
            break;
    }
    if (t.n == 0) {
        free(t.v);
        return NULL;
    }
    return snippet_build(text, len, &t);
}

snippet_maker *snippet_open(sqlite3 *db, char *err, size_t errlen)
{
    static const char chunk_sql[] = "SELECT text, page FROM chunks WHERE id = ?1";
    static const char first_sql[] =
        "SELECT text, page FROM chunks WHERE id BETWEEN ?1 AND ?2 ORDER BY id LIMIT 1";
    /* A whole page of results at once: FTS5 sets up the expression (a
     * doclist per phrase) once instead of once per document. The lists are
     * filters on expressions of the rowid, which FTS5 is not offered (a
     * rowid IN would run the expression once per value). */
    static const char best_many_sql[] =
        "SELECT rowid, repere_passage(chunks_fts, ?4) FROM chunks_fts"
        " WHERE chunks_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
        " AND (rowid >> " SNIPPET_STR(SCHEMA_CHUNK_BITS) ") IN (SELECT value FROM json_each(?5))";
    static const char marks_many_sql[] =
        "SELECT repere_marks(chunks_fts, ?2) FROM chunks_fts"
        " WHERE chunks_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4"
        " AND (rowid + 0) IN (SELECT value FROM json_each(?5))";
    snippet_maker *sm = calloc(1, sizeof *sm);
    if (!sm) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    sm->db = db;
    if (marks_register(db, err, errlen) != 0) {
        free(sm);
        return NULL;
    }
    if (sqlite3_prepare_v3(db, chunk_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->chunk, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, first_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->first, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, best_many_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->best_many,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db, marks_many_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->marks_many,
                           NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot prepare the snippet queries: %s", sqlite3_errmsg(db));
        snippet_close(sm);
        return NULL;
    }
    return sm;
}

void snippet_close(snippet_maker *sm)
{
    if (!sm)
        return;
    sqlite3_finalize(sm->chunk);
    sqlite3_finalize(sm->first);
    sqlite3_finalize(sm->best_many);
    sqlite3_finalize(sm->marks_many);
    free(sm);
}

/* Steps st (bound by the caller) and builds the snippet from its (text,
 * page) row, placing the marks where marks says (else where q's words are);
 * *found is 0 when there is no row. */
static int snippet_from_row(sqlite3_stmt *st, const query *q, const marks_list *marks, char **out,
                            int *page, int *found)
{
    int rc = sqlite3_step(st);
    *found = 0;
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        size_t len = text ? (size_t)sqlite3_column_bytes(st, 0) : 0;
        *out = snippet_from_marks(text ? text : "", len, marks);
        if (!*out)
            *out = snippet_from_text(text ? text : "", len, q);
        *page = sqlite3_column_int(st, 1);
        *found = 1;
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_reset(st);
    return rc;
}

/* The snippet of one document once its best chunk (best, -1: none) and
 * that chunk's marks are known. */
static int snippet_finish(snippet_maker *sm, long long doc_id, sqlite3_int64 best,
                          const marks_list *marks, const query *q, char **out, int *page)
{
    sqlite3_int64 lo = SCHEMA_CHUNK_ID(doc_id, 0), hi = SCHEMA_CHUNK_ID(doc_id, SCHEMA_CHUNK_MAX);
    int rc, found = 0;
    *out = NULL;
    *page = 0;
    if (best >= 0) {
        sqlite3_bind_int64(sm->chunk, 1, best);
        rc = snippet_from_row(sm->chunk, q, marks, out, page, &found);
    } else {
        sqlite3_bind_int64(sm->first, 1, lo);
        sqlite3_bind_int64(sm->first, 2, hi);
        rc = snippet_from_row(sm->first, q, NULL, out, page, &found);
    }
    if (rc != SQLITE_OK)
        return rc;
    if (!found) {
        *out = strdup("");
        if (!*out)
            return SQLITE_NOMEM;
    }
    if (*page < 0)
        *page = 0;
    return SQLITE_OK;
}

/* A JSON array of the n numbers v (for json_each), or NULL. */
static char *snippet_json_list(const long long *v, size_t n)
{
    buf b = BUF_INIT;
    buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, i ? ",%lld" : "%lld", v[i]);
    buf_putc(&b, ']');
    return buf_detach(&b);
}

/* Steps st (bound) and keeps, for each document, its chunk with the best
 * passage score (the first of equals); returns the SQLite code. */
static int snippet_best_rows(sqlite3_stmt *st, size_t n, const long long *doc_ids,
                             sqlite3_int64 *best, double *score)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        double v = sqlite3_column_double(st, 1);
        long long doc = (long long)(id >> SCHEMA_CHUNK_BITS);
        for (size_t i = 0; i < n; i++) {
            if (doc_ids[i] != doc)
                continue;
            if (best[i] < 0 || v > score[i] || (v == score[i] && id < best[i])) {
                best[i] = id;
                score[i] = v;
            }
        }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The marks of the chosen chunks best[0..n) (-1: none) into marks[]. */
static int snippet_marks(snippet_maker *sm, size_t n, const sqlite3_int64 *best,
                         const query_expr *expr, marks_list *marks)
{
    sqlite3_int64 lo = -1, hi = -1;
    long long *ids = malloc(n * sizeof *ids);
    size_t m = 0;
    int rc;
    if (!ids)
        return SQLITE_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (best[i] < 0)
            continue;
        ids[m++] = best[i];
        if (lo < 0 || best[i] < lo)
            lo = best[i];
        if (best[i] > hi)
            hi = best[i];
    }
    if (m == 0) {
        free(ids);
        return SQLITE_OK;
    }
    char *list = snippet_json_list(ids, m);
    free(ids);
    marks_request req = {expr, 1, n, best, marks};
    sqlite3_stmt *st = sm->marks_many;
    sqlite3_bind_text(st, 1, expr->fts, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, &req, MARKS_POINTER, NULL);
    sqlite3_bind_int64(st, 3, lo);
    sqlite3_bind_int64(st, 4, hi);
    sqlite3_bind_text(st, 5, list, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(list);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int snippet_documents(snippet_maker *sm, size_t n, const long long *doc_ids, const query *q,
                      const query_expr *expr, char **outs, int *pages)
{
    int rc = SQLITE_OK;
    sqlite3_int64 *best = NULL;
    double *score = NULL;
    marks_list *marks = NULL;
    char *list = NULL;
    for (size_t i = 0; i < n; i++) {
        outs[i] = NULL;
        pages[i] = 0;
    }
    if (n == 0)
        return SQLITE_OK;
    best = malloc(n * sizeof *best);
    score = calloc(n, sizeof *score);
    marks = calloc(n, sizeof *marks);
    if (!best || !score || !marks) {
        rc = SQLITE_NOMEM;
        goto cleanup;
    }
    long long dmin = doc_ids[0], dmax = doc_ids[0];
    for (size_t i = 0; i < n; i++) {
        best[i] = -1;
        if (doc_ids[i] < dmin)
            dmin = doc_ids[i];
        if (doc_ids[i] > dmax)
            dmax = doc_ids[i];
    }
    if (expr) {
        rank_params params = {.expr = expr};
        list = snippet_json_list(doc_ids, n);
        sqlite3_bind_text(sm->best_many, 1, expr->fts, -1, SQLITE_STATIC);
        sqlite3_bind_int64(sm->best_many, 2, SCHEMA_CHUNK_ID(dmin, 0));
        sqlite3_bind_int64(sm->best_many, 3, SCHEMA_CHUNK_ID(dmax, SCHEMA_CHUNK_MAX));
        sqlite3_bind_pointer(sm->best_many, 4, &params, RANK_POINTER, NULL);
        sqlite3_bind_text(sm->best_many, 5, list, -1, SQLITE_STATIC);
        if ((rc = snippet_best_rows(sm->best_many, n, doc_ids, best, score)) != SQLITE_OK)
            goto cleanup;
        if ((rc = snippet_marks(sm, n, best, expr, marks)) != SQLITE_OK)
            goto cleanup;
    }
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
        rc = snippet_finish(sm, doc_ids[i], best[i], &marks[i], q, &outs[i], &pages[i]);
cleanup:
    if (marks)
        for (size_t i = 0; i < n; i++)
            marks_list_free(&marks[i]);
    free(marks);
    free(best);
    free(score);
    free(list);
    return rc;
}
