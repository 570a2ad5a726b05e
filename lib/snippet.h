/* snippet: the passage shown under a result. Picks the document's best chunk
 * (most distinct query clauses, closest, most hits) from the document's
 * hits in docs_fts (marks.c), then the best window of that chunk, cut at
 * word boundaries, HTML-escaped, matched words wrapped in <mark>. */
#ifndef REPERE_SNIPPET_H
#define REPERE_SNIPPET_H

#include <sqlite3.h>
#include <stddef.h>

#include "marks.h"
#include "query.h"

/* Passage length in characters: aimed at, and never exceeded (without the
 * "…" added where the text is cut). */
#define SNIPPET_TARGET_CHARS 200
#define SNIPPET_MAX_CHARS 240

typedef struct snippet_maker snippet_maker;

/* Prepares the statements on db and registers marks.c's function. Returns
 * NULL with err set on failure. */
snippet_maker *snippet_open(sqlite3 *db, char *err, size_t errlen);
void snippet_close(snippet_maker *sm);

/* The snippets of the n documents doc_ids (a page of results) for query
 * q, into outs[i] and pages[i]: the passage of each document's best chunk
 * (the one that says what the term of a meaning question is, around that
 * sentence; else most distinct clauses, closest, most hits; the passage of its hidden
 * text when that has more of the query's content words than the best
 * chunk; the first chunk when no chunk has a word of the query but
 * function words and the hidden text none), HTML with the hits marked,
 * and its 1-based PDF page (0: none for a hidden passage).
 * expr is an expression every document of doc_ids matches (the search's;
 * NULL: first chunks, marked by snippet_from_text). hits, when not NULL,
 * are the documents' hits in docs_fts's body for expr (hits[i] for
 * doc_ids[i]: the ranking kept them, rank.h); else they are read here. A
 * document without text gets "". Returns SQLITE_OK, or the SQLite error
 * code with outs[i] NULL for those not reached (the caller frees the
 * others). */
int snippet_documents(snippet_maker *sm, size_t n, const long long *doc_ids, const query *q,
                      const query_expr *expr, const marks_hits *hits, char **outs, int *pages);

/* The passage of text[0..len) around q's best match (the start when q is
 * NULL or nothing matches), HTML-escaped with <mark>s. Caller frees. */
char *snippet_from_text(const char *text, size_t len, const query *q);

/* Whether text[0..len) (any bytes) reads as a table of contents: three dot
 * leaders or more before a page number (« Test de l'installation . . . 21 »).
 * Such a chunk gives way to the text it lists when two tie for the snippet. */
int snippet_is_contents(const char *text, size_t len);

#endif
