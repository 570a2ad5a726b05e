/* docinfo: what ranking needs of every document besides its FTS5 row (its
 * format and year for the filters and facets, its length in tokens for
 * bm25), read in one pass per index commit instead of a documents join and
 * an FTS5 docsize statement for every match of every query. One per
 * connection (search_ctx); not thread-safe. */
#ifndef REPERE_DOCINFO_H
#define REPERE_DOCINFO_H

#include <limits.h>
#include <sqlite3.h>
#include <stddef.h>

#define DOCINFO_NO_YEAR INT_MIN /* the document's year is unknown (NULL) */
#define DOCINFO_MAX_FORMATS 32
/* docinfo.hidden's values */
enum { DOCINFO_HIDDEN_NO, DOCINFO_HIDDEN_YES, DOCINFO_HIDDEN_UNKNOWN };

typedef struct {
    long long stamp;     /* the PRAGMA data_version it was read at (0: not read) */
    size_t n;            /* documents */
    sqlite3_int64 *ids;  /* ascending */
    int *lens;           /* tokens over the shown columns (before the hidden one); -1 unknown */
    unsigned char *hidden; /* DOCINFO_HIDDEN_*: has the row tokens in the hidden column? */
    int *years;          /* DOCINFO_NO_YEAR when unknown */
    unsigned char *fmts; /* index in formats */
    char formats[DOCINFO_MAX_FORMATS][16];
    int nformats;
} docinfo;

/* Reads the documents again when stamp is not the one d was read at (call
 * it inside the read transaction that uses d, so that both see the same
 * commit; stamp 0 always reads). Returns an SQLite code; on error d is
 * left empty (every lookup fails). */
int docinfo_refresh(docinfo *d, sqlite3 *db, long long stamp);

/* The position of rowid in d's arrays, or -1 when d has no such document. */
long docinfo_find(const docinfo *d, sqlite3_int64 rowid);

/* rank_params.row_length (rank.h): rowid's length in tokens, or -1. */
int docinfo_length(const void *d, sqlite3_int64 rowid);

/* rank_params.row_hidden (rank.h): 1 when rowid has hidden text, 0 when it
 * has none, -1 when d does not know the row. */
int docinfo_hidden(const void *d, sqlite3_int64 rowid);

void docinfo_free(docinfo *d);

#endif
