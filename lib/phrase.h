/* phrase: the rows of an FTS5 phrase whose positions have colocated
 * alternatives ("!mis|!mise !a|!à !jour"), as query.c writes a synonym
 * side, counted without FTS5's merge of each position's alternatives on
 * every candidate row. */
#ifndef REPERE_PHRASE_H
#define REPERE_PHRASE_H

#include <sqlite3.h>

#include "buf.h"

/* The rows of the AND of each position's forms (one one-token phrase each,
 * matched by rowid alone) are read, and the phrase is checked on each from
 * those forms' positions (repere_phrase); or its instances in a row are
 * written out from them (phrase_hits), for split.c's view of a ranked
 * expression so matched. */

/* The most positions a phrase split here has, and the most forms over
 * all its positions. */
#define PHRASE_MAX_POSITIONS 32
#define PHRASE_MAX_FORMS 512

/* When phrase is one FTS5 phrase written as query.c writes them ('"',
 * pieces of "!form" alternatives joined by '|' separated by one space,
 * '"'), of 2 to 32 positions and 512 forms at most, one position at least
 * with alternatives: appends to expr the AND of its positions, each the OR
 * of its forms as one-token phrases ("!form"), to shape each position's
 * number of forms ("3 12 2"), and returns the number of positions. Else
 * returns 0 and appends nothing: the caller leaves the phrase to FTS5. */
int phrase_split(const char *phrase, buf *expr, buf *shape);

/* Reads a shape phrase_split wrote ("3 12 2") into first[0 .. npos]:
 * position i's forms are first[i] .. first[i + 1] - 1 (first has room for
 * PHRASE_MAX_POSITIONS + 1). Returns npos, the positions read before the
 * end or before the first number that is not 1 .. PHRASE_MAX_FORMS. */
int phrase_shape_read(const char *shape, int *first);

/* The room to read a phrase's forms in (one per thread: phrase_hits
 * keeps nothing in it between calls); the caller frees it with free().
 * NULL when out of memory. */
typedef struct phrase_forms phrase_forms;
phrase_forms *phrase_forms_new(void);

/* Every instance in the current row of a phrase of npos positions (2 ..
 * 32) whose position i has the forms first[i] .. first[i + 1] - 1 (512 at
 * most in all), FTS5's one-token phrases base + first[i] .. of the
 * expression it runs: appended to out as a position list in the shape of
 * FTS5's own, the start of each instance once, in order; read back with
 * phrase_list_next. A form that
 * is not one token is SQLITE_ERROR. Returns an SQLite code. */
int phrase_hits(phrase_forms *f, const Fts5ExtensionApi *api, Fts5Context *fts, int base,
                const int *first, int npos, buf *out);

/* The next hit of a list phrase_hits wrote, from *a (advanced) up to b:
 * its column and offset, given the last ones in *col and *off (0, 0
 * before the first); -1, -1 at the end of the list or on a varint that
 * runs past b. */
void phrase_list_next(const unsigned char **a, const unsigned char *b, int *col, int *off);

/* Registers repere_phrase(tbl, shape, cols) on db: for a row of the
 * expression phrase_split wrote, 1 when the phrase stands in it (in one
 * of its first cols columns when cols > 0), else 0. An expression whose
 * phrases do not fit shape is an error. Returns 0, or -1 with err set. */
int phrase_register(sqlite3 *db, char *err, size_t errlen);

#endif
