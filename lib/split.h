/* split: a ranked expression whose phrases with colocated alternatives
 * (phrase.h) FTS5 matches as the AND of their positions' forms, and the
 * view of FTS5's extension API through which rank.c reads it as if FTS5
 * ran the expression as written: the same phrases, their hits derived
 * from the forms' (phrase_hits), and a filter (repere_keep) for the rows
 * the AND admits that the expression does not. It neither ranks nor
 * counts. */
#ifndef REPERE_SPLIT_H
#define REPERE_SPLIT_H

#include <sqlite3.h>

#include "query.h"

/* The pointer type of a split_plan for sqlite3_bind_pointer. */
#define SPLIT_POINTER "repere_split_plan"

typedef struct split_plan split_plan;

/* The rows the filter asked FTS5 for (split_rest), kept per connection
 * for the index's commit stamp: a query run again asks no more. A list of
 * more than max_rows rows is not kept (SPLIT_CACHE_MAX_ROWS: the cache's
 * 16 lists then hold 8 MiB at most, whatever the index's size). NULL when
 * out of memory. */
#define SPLIT_CACHE_MAX_ROWS 65536
typedef struct split_cache split_cache;
split_cache *split_cache_new(size_t max_rows);
void split_cache_free(split_cache *cache);

/* The plan for e (kept alive by the caller, with rowids and cache, while
 * the plan lives; rowids is "SELECT rowid FROM <table> WHERE <table>
 * MATCH ?1", which the filter runs on the parts of e->fts beside a split
 * phrase whose match it cannot read off the row, once each, or finds in
 * cache for stamp, the commit the read transaction sees; stamp 0 or cache
 * NULL: no cache): NULL
 * when no phrase of e->fts is split (the expression is run as written)
 * or out of memory. A phrase is split when it is one phrase_split writes
 * as an AND, every node above it is an OR or an AND the whole expression
 * requires (its hits are then FTS5's wherever it matches), and its term
 * is that phrase alone, read by no exact-form term (rank.c counts its
 * rows by rank_params.expr_rows, not xQueryPhrase). The expression must
 * be phrases, AND and OR only (its shape, e->nodes: no NOT, no prefix
 * phrase), each of e's phrases once. The caller frees the plan with
 * split_plan_free. */
split_plan *split_plan_new(const query_expr *e, sqlite3_stmt *rowids, split_cache *cache,
                           long long stamp);
void split_plan_free(split_plan *plan);

/* The expression FTS5 runs instead of e->fts (owned by the plan). */
const char *split_plan_fts(const split_plan *plan);

/* The view of the row FTS5 is on: *api and *fts become the plan's, whose
 * phrases are e's (xPhraseCount, xPhraseSize, xPhraseFirst, xPhraseNext,
 * xQueryPhrase but of a split phrase); the other functions are FTS5's.
 * Valid until the next call with another row. */
void split_view(split_plan *plan, const Fts5ExtensionApi **api, Fts5Context **fts);

/* Registers repere_keep(tbl, plan) on db: 1 when the row FTS5 is on
 * matches e->fts, else 0. Returns 0, or -1 with err set. */
int split_register(sqlite3 *db, char *err, size_t errlen);

#endif
