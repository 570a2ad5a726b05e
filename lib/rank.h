/* rank: Repère's FTS5 auxiliary functions: its own bm25 (an IDF that stays
 * positive) with the signals FTS5's lacks: how close the query's words stand
 * (proximity), the words as one phrase, hits on the query's exact forms, how
 * many distinct clauses a row matches (relaxed mode, best passage), and where
 * a passage's hits are (snippet marks). Registered per connection by
 * search_open; the SQL that calls them lives in search.c and snippet.c. */
#ifndef REPERE_RANK_H
#define REPERE_RANK_H

#include <sqlite3.h>
#include <stddef.h>

/* SQL functions registered (first argument: the FTS5 table):
 *   repere_rank(tbl, map, w_prox, w_exact, w_phrase, k1, b, w_col0, ...)
 *       (bm25 + w_exact * bm25_exact + w_phrase * bm25_phrase)
 *         * (1 + w_prox * proximity):
 *       bm25 as FTS5's (with column weights w_col*, but k1 and b given and
 *       an IDF that stays positive for common words), over the query's own
 *       phrases; bm25_exact the same over its exact-form phrases;
 *       bm25_phrase over its AND-ed words taken as one phrase; proximity in
 *       [0, 1] (1: each pair of neighbouring words side by side). Higher is
 *       better.
 *   repere_clauses(tbl, map)
 *       number of distinct clauses the row matches.
 *   repere_passage(tbl, map)
 *       for choosing a passage: distinct clauses + proximity / 2 + a
 *       saturating share (< 0.25) for the number of hits. Needs no IDF, so
 *       it costs nothing beyond the row's own hits.
 *   repere_marks(tbl, map, col)
 *       where column col's text has hits, as FTS5 matched them: one line
 *       "start end clauses" per word (byte offsets; clauses a bit mask),
 *       in text order. A phrase's words are there only where it stands
 *       whole.
 * map tells which clause each FTS5 phrase of the MATCH expression belongs
 * to, and which phrases are exact forms; rank_query_build makes both. */
int rank_register(sqlite3 *db, char *err, size_t errlen);

/* The MATCH expression for ranking and its map. base is the query's
 * expression (query_fts_all or query_fts_any), clauses[0..n) each clause's
 * own expression (substrings of base, in order; when they are not found the
 * ranking runs without proximity). exact (may be NULL) is query_fts_exact;
 * dup an expression every row of base matches (a clause of an AND, or base
 * itself), or NULL for base alone. The expression becomes
 * (base) AND ((exact) OR (runs) OR (dup)), runs being base's AND-ed words
 * as phrases (only when phrases is non-zero: they cost a positional match),
 * so that the rows are those of base while FTS5 reports the exact-form and
 * phrase hits. Both results are the caller's to free. */
void rank_query_build(const char *base, char *const *clauses, size_t n, const char *exact,
                      const char *dup, int phrases, char **expr, char **map);

/* Number of FTS5 phrases in expr (as FTS5 numbers them). */
int rank_count_phrases(const char *expr);

#endif
