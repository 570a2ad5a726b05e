/* marks: where a document's text has the query's hits, as FTS5 matched them
 * (stems, folded accents, synonyms; a phrase only where it stands whole).
 * repere_hits, an FTS5 auxiliary function, hands a page of documents' hits
 * (token positions and clauses) to the caller as structs; marks_spans turns
 * the hits of one chunk into byte ranges of its text, for snippet.c's
 * <mark>s, through the chunk's token stream (cached: it does not depend on
 * the query). */
#ifndef REPERE_MARKS_H
#define REPERE_MARKS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "rank.h"

/* The pointer type of marks_request for sqlite3_bind_pointer. */
#define MARKS_POINTER "repere_marks_request"

typedef struct {
    rank_hit *v; /* sorted by rank_hit_cmp */
    size_t n, cap;
    /* The hits of a meaning question's defining phrase (query_term.defining,
     * clause -1), sorted too: where the document says what the term is. */
    rank_hit *defs;
    size_t ndefs, defs_cap;
} marks_hits;

/* What repere_hits(tbl, request) fills: for each row whose rowid is in
 * rowids, the hits of the compiled query's clause phrases and of its
 * defining phrase in column col (out[i] for rowids[i]; rows not asked for
 * are left alone). The caller
 * binds it with sqlite3_bind_pointer(st, i, &request, MARKS_POINTER,
 * NULL), zeroes out, and frees each list with marks_hits_free. expr is the
 * expression FTS5 runs. */
typedef struct {
    const query_expr *expr;
    int col;
    size_t n;
    const sqlite3_int64 *rowids;
    marks_hits *out;
} marks_request;

/* Registers repere_hits on db. Returns 0, or -1 with err set. */
int marks_register(sqlite3 *db, char *err, size_t errlen);
void marks_hits_free(marks_hits *h);

/* One marked word (or the words of a compound at one position). */
typedef struct {
    size_t start, end; /* bytes of the text */
    uint64_t clauses;  /* bit per positive clause of the query */
    uint64_t terms;    /* bit per term (MARKS_TERM_BIT) */
} marks_span;

/* The bit of term t in a terms mask: terms past the 63rd share the last. */
#define MARKS_TERM_BIT(t) ((uint64_t)1 << ((t) < 63 ? (t) : 63))

typedef struct {
    marks_span *v; /* in text order, not overlapping */
    size_t n, cap;
} marks_list;

void marks_list_free(marks_list *l);

/* Token streams of chunks, per connection (not thread-safe). */
typedef struct marks_cache marks_cache;
marks_cache *marks_cache_new(void);
void marks_cache_free(marks_cache *c);

/* Appends to out the spans of text (chunk id, whose first word is at
 * position pos of the column the hits are in) where hits[0..n) are (hits
 * outside the chunk are ignored). Returns an SQLite code. */
int marks_spans(marks_cache *c, sqlite3_int64 id, const char *text, size_t len, int pos,
                const rank_hit *hits, size_t n, marks_list *out);

/* The byte where each of the first npos positions of chunk id's text
 * starts, into starts[0..npos) (len past the text's last word). Returns an
 * SQLite code. */
int marks_starts(marks_cache *c, sqlite3_int64 id, const char *text, size_t len, int npos,
                 size_t *starts);

#endif
