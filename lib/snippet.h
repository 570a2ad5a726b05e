/* snippet: the passage shown under a result. Picks the document's best chunk
 * (most distinct query clauses, closest, most hits) through chunks_fts restricted to
 * the document's rowid range, then the best window of that chunk, cut at
 * word boundaries, HTML-escaped, matched words wrapped in <mark>. */
#ifndef REPERE_SNIPPET_H
#define REPERE_SNIPPET_H

#include <sqlite3.h>
#include <stddef.h>

#include "query.h"

/* Passage length in characters: aimed at, and never exceeded (without the
 * "…" added where the text is cut). */
#define SNIPPET_TARGET_CHARS 200
#define SNIPPET_MAX_CHARS 240

typedef struct snippet_maker snippet_maker;

/* Prepares the statements on db (which must have the rank functions
 * registered, see rank.h). Returns NULL with err set on failure. */
snippet_maker *snippet_open(sqlite3 *db, char *err, size_t errlen);
void snippet_close(snippet_maker *sm);

/* The snippet of document doc_id for query q. any_expr is
 * query_fts_any(q) and any_map its map, both from rank_query_build. On success
 * returns 0, *out is the HTML snippet (caller frees; "" when the document
 * has no text) and *page the 1-based PDF page of the passage (0: none).
 * Returns the SQLite error code otherwise. */
int snippet_document(snippet_maker *sm, long long doc_id, const query *q, const char *any_expr,
                     const char *any_map, char **out, int *page);

/* snippet_document for the n documents doc_ids at once (a page of
 * results), with the same snippets and pages, into outs[i] and pages[i]
 * (outs[i] NULL for those not reached when an error stops it; the caller
 * frees the others). Cheaper: FTS5 runs the query twice in all rather than
 * twice per document. */
int snippet_documents(snippet_maker *sm, size_t n, const long long *doc_ids, const query *q,
                      const char *any_expr, const char *any_map, char **outs, int *pages);

/* The passage of text[0..len) around q's best match (the start when q is
 * NULL or nothing matches), HTML-escaped with <mark>s. Caller frees. */
char *snippet_from_text(const char *text, size_t len, const query *q);

#endif
