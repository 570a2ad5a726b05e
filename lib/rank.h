/* rank: Repère's FTS5 auxiliary functions for ranking (its own bm25 with
 * the signals FTS5's lacks) and the score of a passage for snippets.
 * Registered per connection by search_open; the SQL that calls them lives
 * in search.c. Where hits are in a passage's text (the snippet marks) is
 * marks.c's. */
#ifndef REPERE_RANK_H
#define REPERE_RANK_H

#include <sqlite3.h>
#include <stddef.h>

#include "query.h"

/* The bm25 has an IDF that stays positive; the signals are how close the
 * query's words stand (proximity), all of them in one stretch of a title,
 * heading or text (span), the words as one phrase, hits on the query's exact
 * forms, and how many distinct clauses a row matches (relaxed mode). */

#define RANK_MAX_COLUMNS 8
/* The pointer type of rank_params for sqlite3_bind_pointer. */
#define RANK_POINTER "repere_rank_params"

/* A hit of one of a query's clause terms: column, first token, one past
 * its last token, clause (its term's), term (query_expr's numbering). */
typedef struct {
    int col, off, end, clause, term;
} rank_hit;

/* The order of hits for rank_passage: column, offset, clause (qsort). */
int rank_hit_cmp(const void *a, const void *b);

/* What the functions need besides the row: the compiled query (its phrases
 * in FTS5's numbering) and the weights. The caller binds it with
 * sqlite3_bind_pointer(st, i, &params, RANK_POINTER, NULL) and keeps it
 * (and expr) alive while the statement runs. */
typedef struct {
    const query_expr *expr;
    double w_col[RANK_MAX_COLUMNS]; /* bm25 column weights */
    int ncols;                      /* weights given; other columns weigh 1 */
    double w_prox;                  /* proximity bonus factor */
    double w_exact;                 /* weight of the exact-form bm25 */
    double w_phrase;                /* weight of the runs' bm25 (QUERY_RUNS) */
    double w_span;                  /* bonus factor when every clause stands together */
    double span_col[RANK_MAX_COLUMNS]; /* each column's share of that bonus */
    int title_cols;                 /* the first columns that are one line each (the
                                     * title): there the span needs the query's
                                     * content clauses only, when it has two or
                                     * more (rank.c, rank_title_clauses); 0: none */
    double k1, b;                   /* bm25 parameters */
    int text_col;                   /* the first column of the document's text:
                                     * the relaxed order counts the clauses of
                                     * a row without them all in one passage
                                     * of it, with those of the columns before
                                     * (title, headings); a word only found in
                                     * those columns weighs as text there */
    int topk;        /* repere_rank: the caller keeps only the best topk rows
                      * (LIMIT + OFFSET): the others get an upper bound of
                      * their score, cheaper to compute; 0 (or no top): every
                      * row exact */
    int by_clauses;  /* with topk: the rows are ordered by repere_clauses
                      * first, then by repere_rank */
    int weighed;     /* with by_clauses: ordered by rank_weighed(score,
                      * clauses) instead, a clause more worth a score
                      * RANK_CLAUSE_WEIGHT times higher (questions);
                      * repere_rank returns that key */
    int slack;       /* repere_clauses (and by_clauses): a row missing one
                      * clause of three or more, one no rarer in the index
                      * than the query's mean, counts as having them all
                      * (questions: rank.c, rank_relaxed_count) */
    int headings_apart; /* repere_clauses: the columns from title_cols to
                         * text_col (the headings, every heading of a
                         * document joined in one column) are read as
                         * passages of their own, not as the title, which
                         * alone counts with every passage (rank.c,
                         * rank_passage_clauses): a keyword query that no
                         * document answers whole */
    int long_headings_apart; /* repere_clauses (and by_clauses): in a row
                              * RANK_LONG_HEADINGS times longer than the
                              * mean or more, the headings are read as
                              * passages of their own, as with
                              * headings_apart (questions: rank.c,
                              * rank_passage_clauses) */
    int kin_clauses; /* repere_clauses (and by_clauses): a form of a word's
                      * derived word, other number or person gives its
                      * clause (questions: rank.c, rank_typed) */
    int whole_labels;     /* a row longer than the mean: the hits of the columns
                           * before text_col (title, headings) of a word its text
                           * uses are not shortened by the row's length in bm25,
                           * those of its text are (rank.c, rank_bm25); 0 for
                           * questions, which a passage answers */
    int long_rows;        /* repere_rank: a row RANK_LONG_ROW times longer than
                           * the mean or more scored times a power of the
                           * share of its evidence its best page holds
                           * (rank.c, rank_long_share) */
    int passage_share;    /* repere_rank times the square root of the share of
                           * the row's query words its best passage holds
                           * (rank.c, rank_passage_share): questions */
    int label_span;       /* with one clause, the span is the best share
                           * (span_col) of the title and heading columns
                           * that hold it, 0 when only the text does
                           * (rank.c, rank_span): a question asking what a
                           * word means */
    struct rank_top *top; /* with topk: the best rows so far (caller's) */
    long long stamp; /* changes whenever the index does (PRAGMA data_version):
                      * each phrase's document count is cached per
                      * connection under it; 0: not cached */
    /* The first of the columns of hidden text (what a click or a script
     * shows a visitor), 0 when none: their hits count in the bm25s at
     * their column weight and give their clause, nothing else. The row's
     * length and the mean are those of the columns before (the shown
     * ones), a term's rows for its IDF are those that show it (once the
     * index holds hidden text), and proximity, span, passages and the
     * text that vouches for a title word (rank.c) read the shown columns
     * only. */
    int hidden_col;
    /* Optional: a row's length in tokens over its shown columns, or -1
     * when unknown (FTS5 is asked): FTS5 runs a statement on its docsize
     * table for each row it is asked. */
    int (*row_length)(const void *ctx, sqlite3_int64 rowid);
    const void *row_length_ctx;
    /* Optional: 1 when a row has hidden text, 0 when it has none, -1 when
     * unknown (its hits are read). A term's rows that show it are counted
     * from the rowid alone for the rows without hidden text, the most of
     * them, instead of reading each row's first hit. */
    int (*row_hidden)(const void *ctx, sqlite3_int64 rowid);
    const void *row_hidden_ctx;
    /* Optional: the number of rows matching an FTS5 expression (in their
     * first cols columns when cols > 0), or -1 on error. An exact-form
     * phrase read off another (query_term.of) has no phrase of its own for
     * FTS5 to count: without it, it counts the rows of the phrase it is
     * read off. A term that is one phrase with alternatives at its
     * positions ("!a|!à !jour") is asked of it too: the caller may count
     * those without FTS5's merge of the alternatives (search.c, phrase.h);
     * -1 there leaves it to FTS5 (xQueryPhrase). */
    long long (*expr_rows)(void *ctx, const char *fts, int cols);
    void *expr_rows_ctx;
    /* When FTS5 runs split's expression for expr (split.h): the functions
     * read the row through its view, expr's phrases as FTS5 would give
     * them; NULL: FTS5 runs expr->fts. */
    struct split_plan *split;
} rank_params;

/* A row among the best topk repere_rank saw: its rowid, exact score,
 * distinct clauses (when by_clauses), clause hits in column hits_col (the
 * snippets' passages come from them: marks.c) and, there too, the hits of
 * a meaning question's defining phrase (query_term.defining, clause -1:
 * the snippet shows the definition). */
typedef struct {
    sqlite3_int64 rowid;
    double score;
    int clauses;
    rank_hit *hits; /* sorted by rank_hit_cmp */
    size_t nhits;
    rank_hit *defs; /* sorted by rank_hit_cmp */
    size_t ndefs;
} rank_kept;

/* The caller's: zeroed, with hits_col set, before the statement runs; the
 * rows stay after it, until rank_top_free. */
typedef struct rank_top {
    int hits_col;
    rank_kept *v; /* a min-heap of n rows, not in any useful order */
    int n;
} rank_top;

const rank_kept *rank_top_find(const rank_top *top, sqlite3_int64 rowid);
void rank_top_free(rank_top *top);

/* SQL functions registered (first argument: the FTS5 table, second: a
 * bound rank_params):
 *   repere_rank(tbl, params)
 *       (bm25 + w_exact * bm25_exact + w_phrase * bm25_runs)
 *         * (1 + w_prox * proximity) * (1 + w_span * span)
 *         [* sqrt(share) with passage_share]:
 *       bm25 as FTS5's (with column weights, but k1 and b given and an IDF
 *       that stays positive for common words), over the QUERY_PHRASE_MATCH
 *       phrases (a related word's, query_term.related, and a weak form's,
 *       query_phrase.weak, at half weight; a term with hits in the
 *       columns before text_col but none from text_col on has those hits
 *       weighed as text_col's: a title word the text never uses);
 *       bm25_exact the same over the QUERY_PHRASE_EXACT ones;
 *       bm25_runs over the QUERY_PHRASE_RUN ones; proximity in [0, 1] (1:
 *       each pair of neighbouring clauses side by side); span in [0, 1]
 *       the best column where every clause of the query (two at least;
 *       in the first title_cols columns, every content clause when there
 *       are two or more, the function words' tokens let in) stands in one
 *       stretch: span_col[column] (0 for columns beyond
 *       ncols) times rank_gap_score of the tokens in the stretch that are
 *       not the clauses' own; share in (0, 1] the score of the row's best
 *       passage (100 tokens of a column from text_col on, with the columns
 *       before text_col) over the whole row's, counting the content
 *       clauses' hits, each saturated as bm25 with k1 1.2 and weighted by
 *       its IDF. Higher is better.
 *       With topk, a row that cannot be among the best topk (the score's
 *       upper bound from its rarer words, with the common ones at their
 *       most, stays under the topk-th best exact score so far) gets that
 *       bound instead: the best topk rows and their order are exact, and
 *       most rows never have their common words' positions decoded.
 *   repere_clauses(tbl, params)
 *       number of distinct clauses the row matches through a word typed
 *       or its equivalent (one that only a related word or a weak form
 *       matches does not count); when it has not every clause, those of
 *       them that stand in one passage: a stretch of 100 tokens of a
 *       column from text_col on, with those of the columns before
 *       text_col (with topk and by_clauses, repere_rank orders its best
 *       rows by the same count, or with weighed by rank_weighed of the
 *       count and the score, which it then returns for them, 0 for the
 *       others); with slack, one clause missing counts as
 *       none when the query has three or more and that one is no rarer in
 *       the index than their mean; and one less, of two or more, when the
 *       row's share (above) is under one half: a long page that holds the
 *       words together once and says them often elsewhere ranks with the
 *       rows that have one word less (rank.c, rank_relaxed_clauses).
 * An expression whose phrases are not those FTS5 runs is an error. */
int rank_register(sqlite3 *db, char *err, size_t errlen);

/* A question's relaxed order (rank_params.weighed): a row with one clause
 * more than another ranks above it unless the other's score is
 * RANK_CLAUSE_WEIGHT times its own or more. */
#define RANK_CLAUSE_WEIGHT 2.5

/* score * RANK_CLAUSE_WEIGHT^clauses: the key of that order, which
 * repere_rank returns in it (an ORDER BY over an expression of repere_rank
 * would have SQLite call it twice, the heap changed by the first call). */
double rank_weighed(double score, int clauses);

/* For choosing a passage (snippet.c): the score of one whose hits are
 * hits[0..n) (sorted by rank_hit_cmp) for the compiled query e: distinct
 * clauses + proximity / 2 + a saturating share (< 0.25) for the number of
 * hits. It needs no IDF, so it costs nothing beyond the hits. */
double rank_passage(const rank_hit *hits, size_t n, const query_expr *e);

/* The IDF of a phrase found in hits of rows rows: log(1 + (rows - hits +
 * 0.5) / (hits + 0.5)), positive even for words in every row. */
double rank_idf(long long rows, long long hits);

/* The proximity of two clauses whose closest instances have gap tokens
 * between them: 1 side by side, 1/2 with 2 tokens between. */
double rank_gap_score(int gap);

#endif
