/* query: turns what a person types into a search box into a tree, then into
 * safe FTS5 MATCH expressions. Never fails on odd input: stray quotes,
 * parentheses, NEAR(, lone operators and invalid UTF-8 are read as text.
 * Syntax: words (all required, any order), "exact phrase", -word (exclude),
 * word* (prefix, of 3 letters at least: « ex* » is the word « ex »), OR
 * (or OU) between words. Synonyms expand at query time. */
#ifndef REPERE_QUERY_H
#define REPERE_QUERY_H

#include <stddef.h>

#include "synonyms.h"

#define QUERY_MAX_TERMS 32   /* analysed words kept; the rest is ignored */
#define QUERY_MAX_BYTES 4096 /* bytes of input read; the rest is ignored */

enum {
    QUERY_OK = 0,
    QUERY_EMPTY = 1, /* nothing searchable (only punctuation, only exclusions…) */
};

typedef struct query query;

/* Parses text[0..len). syn may be NULL. On QUERY_OK *out is set (free with
 * query_free); on QUERY_EMPTY *out is NULL and err says why in plain words. */
int query_parse(const char *text, size_t len, const synonyms *syn, query **out, char *err,
                size_t errlen);
void query_free(query *q);

/* Number of positive clauses (a word, a phrase, an OR group, a prefix). */
size_t query_clauses(const query *q);

/* FTS5 expression requiring every positive clause and none of the
 * exclusions. Caller frees with free(). */
char *query_fts_all(const query *q);
/* FTS5 expression matching any positive clause (minus exclusions): for
 * relaxed matching and for finding the best passage. Caller frees. */
char *query_fts_any(const query *q);
/* FTS5 expression for clause i alone (0 <= i < query_clauses). Caller frees.
 * query_fts_all and query_fts_any contain every clause's expression
 * verbatim, in clause order (rank.c maps FTS5 phrases to clauses by it). */
char *query_fts_clause(const query *q, size_t i);

/* The exact-form signal: an FTS5 expression OR-ing, for each positive word
 * and phrase, the phrase of its exact surface forms ("=traité", lowercase
 * with accents, as analyzer.h describes; a word typed without accents also
 * accepts its accented spellings: "=accompagnes|~accompagnes"). A document
 * matching it uses the very forms typed (« traité » and not only
 * « traitement »; « mineurs » and not only « mineur »): run it as a second
 * bm25 pass over the results, or as a boost. NULL when the query has no
 * such word (only prefixes). Caller frees. */
char *query_fts_exact(const query *q);

/* Which positive clause a token of the document matches (as the analyzer
 * emits it in ANALYZER_DOCUMENT mode, stems, surface forms and compound
 * wholes alike), or -1. Words reached through a synonym count for the
 * clause they expand (« mineurs » for a query « MNA »). Used to place
 * <mark>s: call it for every token at a position, colocated ones too. */
int query_token_clause(const query *q, const char *token, size_t len);

#endif
