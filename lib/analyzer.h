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

/* What ANALYZER_DOCUMENT emits for each word (all at one position):
 *   1. the folded stem ("accompagnés" -> "accompagn"), not colocated;
 *   2. ANALYZER_EXACT + the lowercased accented surface form ("=accompagnés"),
 *      colocated: lets a query prefer the exact form (traite vs traité);
 *   3. ANALYZER_FOLDED + the lowercased unaccented surface ("~accompagnees"),
 *      colocated, only when it differs from 2: prefix queries use 2 and 3;
 *   4. ANALYZER_FOLDED_STEM + the stem of that unaccented surface
 *      ("%accompagne"), colocated, only when it differs from 1: Snowball
 *      stems « accompagnees » typed without accents differently, so a query
 *      word without accents also looks for this token.
 * A compound ("Hors-la-Rue", "L.425-1", "e-mail") is emitted part by part,
 * and at the first part also as a whole, colocated ("horslaru", "l.425-1").
 * Marker bytes are separators in text, so no word ever yields them.
 *
 * ANALYZER_QUERY (the FTS5 query side) emits only the stems of the parts, so
 * a compound reads as a phrase. A query string made of space-separated
 * pieces that start with a marker is passed through instead: "=x", "~x" and
 * "%x" stay as they are (they name index tokens), "!x" yields the token x as
 * is (a stem query.c already computed). A piece may list alternatives for
 * one position, "!x|%y": FTS5 matches either (colocated query tokens). */
#define ANALYZER_EXACT '='
#define ANALYZER_FOLDED '~'
#define ANALYZER_FOLDED_STEM '%'
#define ANALYZER_VERBATIM '!'
#define ANALYZER_ALTERNATIVE '|'

/* Called for each token; a non-zero return stops tokenisation and is
 * returned by analyzer_tokenize. start/end are byte offsets into text. */
typedef int (*analyzer_cb)(void *ctx, int flags, const char *token, size_t len, size_t start,
                           size_t end);

/* Thread-safe (one stemmer per thread, freed at thread exit). Tokens are
 * valid only during the callback. Returns 0 or the callback's return. */
int analyzer_tokenize(const char *text, size_t len, int mode, analyzer_cb cb, void *ctx);

/* Folds the accents of a lowercase UTF-8 word ("été" -> "ete") into a new
 * NUL-terminated string (caller frees), *outlen set when outlen != NULL. */
char *analyzer_fold(const char *word, size_t len, size_t *outlen);

/* Registers the FTS5 tokenizer on db. Returns 0, or -1 with err set. */
int analyzer_register(sqlite3 *db, char *err, size_t errlen);

#endif
