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
#include <stdint.h>

#define ANALYZER_TOKENIZER "repere"

/* Modes. ANALYZER_INDEX and ANALYZER_QUERY are FTS5's document and query
 * sides; ANALYZER_WORDS is for direct callers that want each word's keys. */
enum { ANALYZER_WORDS = 0, ANALYZER_QUERY = 1, ANALYZER_INDEX = 2 };

/* Token flags. */
enum { ANALYZER_COLOCATED = 1 }; /* same position as the previous token */

/* What ANALYZER_INDEX emits (the index's tokens): for each word its form,
 * lowercased with its accents ("accompagnées"); a compound ("Hors-la-Rue",
 * "L.425-1", "e-mail") part by part, and at the first part, colocated, its
 * whole: the parts joined, with their separators when there is a digit
 * ("horslarue", "l.425-1", "email"). Stems, unaccented forms and stems of
 * unaccented forms are not indexed: vocab.c maps them to the forms.
 *
 * What ANALYZER_WORDS emits for each word (all at one position):
 *   1. the folded stem ("accompagnés" -> "accompagn"), not colocated;
 *   2. ANALYZER_EXACT + the form ("=accompagnés"), colocated;
 *   3. ANALYZER_FOLDED + the lowercased unaccented surface ("~accompagnees"),
 *      colocated, only when it differs from 2;
 *   4. ANALYZER_FOLDED_STEM + the stem of that unaccented surface
 *      ("%accompagne"), colocated, only when it differs from 1: Snowball
 *      stems « accompagnees » typed without accents differently;
 * and for a compound, at the first part, colocated, the folded stem of its
 * whole ("horslaru"). These are the keys a query word is matched by
 * (query.c), and the keys of the vocabulary (vocab.c).
 *
 * ANALYZER_QUERY (the FTS5 query side) emits the forms of the parts, so a
 * compound reads as a phrase. A query string made of space-separated pieces
 * that start with ANALYZER_VERBATIM is passed through instead: "!x" yields
 * the index token x; "!x|!y" gives alternatives for one position (FTS5
 * colocated query tokens: either matches). Marker bytes are separators in
 * text, so no word ever yields them. */
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

/* The keys of an index token (a form): its folded stem, its unaccented
 * form (empty when it has no accent) and the stem of that (empty when it
 * is the folded stem), as ANALYZER_WORDS gives them for the word. The
 * strings belong to the thread's analyzer and last until its next call. */
typedef struct {
    const char *stem, *fold, *pct;
    size_t stem_len, fold_len, pct_len;
} analyzer_keyset;
void analyzer_keys(const char *form, size_t len, analyzer_keyset *out);

/* Listening to the index side: while a listener is set on a thread, the
 * FTS5 tokenizer calls text() for each text it tokenizes as a document on
 * that thread, then token() for each token it emits, so that the writer
 * learns the forms and positions of what it writes without analysing the
 * text again. NULL stops. The listener must outlive the listening. */
typedef struct {
    void (*text)(void *ctx, const char *text, size_t len);
    void (*token)(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end);
    void *ctx;
} analyzer_listener;
void analyzer_listen(const analyzer_listener *l);

/* Folds the accents of a lowercase UTF-8 word ("été" -> "ete") into a new
 * NUL-terminated string (caller frees), *outlen set when outlen != NULL. */
char *analyzer_fold(const char *word, size_t len, size_t *outlen);

/* Is code point c an apostrophe that joins words (an elision, a
 * compound): ' ’ ʼ ‘? The query parser reads elisions with the same set. */
int analyzer_is_apostrophe(int32_t c);

/* Is w[0..n) (lowercase) an elided word that an apostrophe joins to the
 * next: l d j m n s t c qu jusqu lorsqu puisqu quoiqu? */
int analyzer_is_elision(const char *w, size_t n);

/* Is w[0..n) (lowercase, unaccented) a protected word, whose stem only its
 * own forms share (« traite », « signes »: analyzer.c)? */
int analyzer_is_protected(const char *w, size_t n);

/* Registers the FTS5 tokenizer on db. Returns 0, or -1 with err set. */
int analyzer_register(sqlite3 *db, char *err, size_t errlen);

#endif
