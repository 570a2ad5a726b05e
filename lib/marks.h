/* marks: where a passage's text has the query's hits, as FTS5 matched them
 * (stems, folded accents, synonyms; a phrase only where it stands whole),
 * as byte ranges of the text for snippet.c's <mark>s. An FTS5 auxiliary
 * function, repere_marks, with a per-connection cache of the passages'
 * token streams (they do not depend on the query). */
#ifndef REPERE_MARKS_H
#define REPERE_MARKS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"

/* The pointer type of marks_request for sqlite3_bind_pointer. */
#define MARKS_POINTER "repere_marks_request"

/* One marked word (or the words of a compound at one position). */
typedef struct {
    size_t start, end; /* bytes of the text */
    uint64_t clauses;  /* bit per positive clause of the query */
} marks_span;

typedef struct {
    marks_span *v; /* in text order, not overlapping */
    size_t n, cap;
} marks_list;

/* What repere_marks(tbl, request) fills: the spans of column col of each
 * row whose rowid is in rowids (out[i] for rowids[i]; rows not asked for
 * are left alone). The caller binds it with sqlite3_bind_pointer(st, i,
 * &request, MARKS_POINTER, NULL), zeroes out, and frees each list with
 * marks_list_free. expr is the expression FTS5 runs. */
typedef struct {
    const query_expr *expr;
    int col;
    size_t n;
    const sqlite3_int64 *rowids;
    marks_list *out;
} marks_request;

/* Registers repere_marks on db. Returns 0, or -1 with err set. */
int marks_register(sqlite3 *db, char *err, size_t errlen);

void marks_list_free(marks_list *l);

#endif
