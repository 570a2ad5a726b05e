/* docinfo: each document's format, year and length in tokens, read from
 * the documents table and FTS5's docsize table in one pass per commit.
 * Lookups are binary searches by rowid. Does not decide what the filters
 * or facets are (search.c) nor how length weighs in bm25 (rank.c). */
#include "docinfo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* docs_fts's docsize rows ("sz": one varint per column, SQLite's varint
 * encoding, as FTS5 writes them) summed over the columns before
 * SCHEMA_HIDDEN_COLUMN: the text a visitor sees makes a row's length. */
static const char docinfo_sql[] =
    "SELECT d.id, d.format, d.year, s.sz FROM documents d"
    " LEFT JOIN docs_fts_docsize s ON s.id = d.id ORDER BY d.id";

/* The tokens of a docsize blob's shown columns, or -1 when it is missing
 * or malformed. *hidden: DOCINFO_HIDDEN_YES when its hidden column has
 * tokens, DOCINFO_HIDDEN_NO when it has none (or no such column),
 * DOCINFO_HIDDEN_UNKNOWN when the blob is missing or malformed. */
static int docinfo_tokens(const unsigned char *p, int n, unsigned char *hidden)
{
    uint64_t sum = 0;
    int i = 0, col = 0;
    *hidden = DOCINFO_HIDDEN_UNKNOWN;
    if (!p)
        return -1;
    while (i < n && col <= SCHEMA_HIDDEN_COLUMN) {
        uint64_t v = 0;
        for (int k = 0;; k++) {
            if (i >= n)
                return -1; /* the blob ends inside a varint */
            unsigned char c = p[i++];
            if (k == 8) {
                v = (v << 8) | c;
                break;
            }
            v = (v << 7) | (c & 0x7f);
            if (!(c & 0x80))
                break;
        }
        if (col++ == SCHEMA_HIDDEN_COLUMN) {
            *hidden = v > 0 ? DOCINFO_HIDDEN_YES : DOCINFO_HIDDEN_NO;
            break;
        }
        sum += v;
        if (sum > INT_MAX)
            return -1;
    }
    if (*hidden == DOCINFO_HIDDEN_UNKNOWN)
        *hidden = DOCINFO_HIDDEN_NO; /* the blob has no hidden column */
    return (int)sum;
}

void docinfo_free(docinfo *d)
{
    if (!d)
        return;
    free(d->ids);
    free(d->lens);
    free(d->years);
    free(d->fmts);
    free(d->hidden);
    memset(d, 0, sizeof *d);
}

static int docinfo_format(docinfo *d, const char *format)
{
    for (int i = 0; i < d->nformats; i++)
        if (strcmp(d->formats[i], format) == 0)
            return i;
    if (d->nformats == DOCINFO_MAX_FORMATS || strlen(format) >= sizeof d->formats[0])
        return -1;
    strcpy(d->formats[d->nformats], format);
    return d->nformats++;
}

int docinfo_refresh(docinfo *d, sqlite3 *db, long long stamp)
{
    if (stamp != 0 && d->stamp == stamp)
        return SQLITE_OK;
    docinfo_free(d);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, docinfo_sql, -1, &st, NULL);
    size_t cap = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->n == cap) {
            cap = cap ? cap * 2 : 1024;
            d->ids = buf_xrealloc(d->ids, cap * sizeof *d->ids);
            d->lens = buf_xrealloc(d->lens, cap * sizeof *d->lens);
            d->years = buf_xrealloc(d->years, cap * sizeof *d->years);
            d->fmts = buf_xrealloc(d->fmts, cap * sizeof *d->fmts);
            d->hidden = buf_xrealloc(d->hidden, cap * sizeof *d->hidden);
        }
        const char *format = (const char *)sqlite3_column_text(st, 1);
        int f = docinfo_format(d, format ? format : "");
        if (f < 0) {
            rc = SQLITE_CORRUPT; /* not the extraction layer's formats */
            break;
        }
        d->ids[d->n] = sqlite3_column_int64(st, 0);
        d->fmts[d->n] = (unsigned char)f;
        d->years[d->n] = sqlite3_column_type(st, 2) == SQLITE_NULL
                             ? DOCINFO_NO_YEAR
                             : sqlite3_column_int(st, 2);
        d->lens[d->n] = docinfo_tokens(sqlite3_column_blob(st, 3), sqlite3_column_bytes(st, 3),
                                       &d->hidden[d->n]);
        d->n++;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        docinfo_free(d);
        return rc == SQLITE_OK ? SQLITE_ERROR : rc;
    }
    d->stamp = stamp;
    return SQLITE_OK;
}

long docinfo_find(const docinfo *d, sqlite3_int64 rowid)
{
    /* Ids are mostly dense (INTEGER PRIMARY KEY from 1): rowid's place if
     * they were, else a binary search. */
    if (d->n > 0 && rowid >= d->ids[0] && (sqlite3_uint64)(rowid - d->ids[0]) < d->n &&
        d->ids[rowid - d->ids[0]] == rowid)
        return (long)(rowid - d->ids[0]);
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ids[mid] < rowid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n && d->ids[lo] == rowid ? (long)lo : -1;
}

int docinfo_length(const void *d, sqlite3_int64 rowid)
{
    long i = docinfo_find(d, rowid);
    return i < 0 ? -1 : ((const docinfo *)d)->lens[i];
}

int docinfo_hidden(const void *d, sqlite3_int64 rowid)
{
    long i = docinfo_find(d, rowid);
    if (i < 0)
        return -1;
    unsigned char h = ((const docinfo *)d)->hidden[i];
    return h == DOCINFO_HIDDEN_UNKNOWN ? -1 : h == DOCINFO_HIDDEN_YES;
}
