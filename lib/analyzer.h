/* analyzer: French text analysis. Splits UTF-8 text into words, normalises
 * them (NFKC, case fold, ligatures, apostrophes, elision, accents, Snowball
 * French stem) and reports each token with its byte offsets in the original
 * text. Registered on every connection as the FTS5 tokenizer "repere", and
 * callable directly (snippets highlight what the index matched).
 * Does not parse queries (query.c) nor touch the database otherwise. */
#ifndef REPERE_ANALYZER_H
#define REPERE_ANALYZER_H

#include <sqlite3.h>
#include <stddef.h>

#define ANALYZER_TOKENIZER "repere"

/* Modes, as FTS5's FTS5_TOKENIZE_DOCUMENT / FTS5_TOKENIZE_QUERY. */
enum { ANALYZER_DOCUMENT = 0, ANALYZER_QUERY = 1 };

/* Token flags. */
enum { ANALYZER_COLOCATED = 1 }; /* same position as the previous token */

/* Called for each token; a non-zero return stops tokenisation and is
 * returned by analyzer_tokenize. start/end are byte offsets into text. */
typedef int (*analyzer_cb)(void *ctx, int flags, const char *token, size_t len, size_t start,
                           size_t end);

int analyzer_tokenize(const char *text, size_t len, int mode, analyzer_cb cb, void *ctx);

/* Registers the FTS5 tokenizer on db. Returns 0, or -1 with err set. */
int analyzer_register(sqlite3 *db, char *err, size_t errlen);

#endif
