/* search: the engine's query side, shared by searchd, the benchmarks and the
 * relevance tests. A search_ctx is one read-only connection to the index with
 * its prepared statements; it is not thread-safe: use one per thread. The
 * spelling vocabulary and the synonyms (with the acronyms the documents
 * define) are loaded once per process and index, for all its contexts.
 * Results are plain structs; searchd turns them into JSON. */
#ifndef REPERE_SEARCH_H
#define REPERE_SEARCH_H

#include <stddef.h>

#include "ocrcheck.h"

/* Status codes. searchd maps BADREQ/TIMEOUT to 400, UNAVAILABLE to 503. */
enum {
    SEARCH_OK = 0,
    SEARCH_EBADREQ = 1,      /* the request itself is unusable (err says why) */
    SEARCH_ETIMEOUT = 2,     /* the query went over its time budget */
    SEARCH_EUNAVAILABLE = 3, /* the index cannot be read */
};

#define SEARCH_MAX_QUERY_BYTES 1024
#define SEARCH_MAX_LIMIT 100
#define SEARCH_MAX_OFFSET 10000
#define SEARCH_MAX_YEAR 9999
#define SEARCH_DEFAULT_BUDGET_MS 1000 /* search_open's budget_ms when given 0 */

typedef struct {
    const char *q;       /* what the person typed (any bytes, NUL-terminated) */
    int limit;           /* 1..SEARCH_MAX_LIMIT */
    int offset;          /* 0..SEARCH_MAX_OFFSET */
    const char *formats; /* comma list ("pdf,html", any case) or NULL for all */
    int year_from;       /* 0 = no year filter; else inclusive range, 1..SEARCH_MAX_YEAR */
    int year_to;
} search_request;

typedef struct {
    long long id;
    char *title;
    char *url;
    char *path;
    char *format;
    char *date;    /* NULL when unknown */
    int page;      /* 1-based PDF page of the snippet; 0 = none (JSON null) */
    double score;  /* higher is better */
    char *snippet; /* HTML-escaped text with <mark>…</mark> */
    int partial;   /* 1: lacks some of the query's words (search_result.all_words;
                    * a keyword query's function words do not count); such a
                    * hit may rank above hits with every word (search.c,
                    * search_merge) */
} search_hit;

typedef struct {
    char *key; /* "pdf", "2018", … */
    long long count;
} search_facet;

typedef struct {
    long long total;     /* documents listed over all pages */
    long long all_words; /* how many of them have every word (see partial): for
                          * a query typed without operators, every word but its
                          * function words (« un », « de », « à », « sur »…),
                          * which only rank (docs/ANALYSIS.md) */
    double took_ms;
    search_hit *hits;
    size_t n_hits;
    search_facet *formats; /* every match, not only this page; most frequent first */
    size_t n_formats;
    search_facet *years; /* newest first */
    size_t n_years;
    char *suggestion; /* corrected query, or NULL */
    int relaxed;      /* 1: no document had every word; these match most of them */
    int corrected;    /* 1: nothing matched as typed; results are for the suggestion */
} search_result;

typedef struct {
    long long id;
    char *title, *url, *path, *format, *date, *indexed_at;
    int pages;
    long long bytes;
} search_doc;

typedef struct search_ctx search_ctx;

/* Sets up a process that serves queries, once, before its first SQLite
 * call: SQLite as schema_sqlite_config sets it, and glibc's malloc keeping a
 * query's buffers for the next query. searchd and the benchmarks call it,
 * so that both measure the engine as searchd runs it. */
void search_process_init(void);

/* Opens db_path read-only. synonyms_path may be NULL (no synonyms); the file
 * is re-read when its mtime changes, the acronyms when the indexer changed
 * them (looked at when another connection committed). budget_ms bounds each query's SQLite work
 * (all its readings: search_run reads some queries again) in CPU time of the
 * calling thread (0 = SEARCH_DEFAULT_BUDGET_MS), and its wall-clock time at
 * five times that. Returns SEARCH_OK or SEARCH_EUNAVAILABLE with err set. */
int search_open(const char *db_path, const char *synonyms_path, int budget_ms, search_ctx **out,
                char *err, size_t errlen);
void search_close(search_ctx *ctx);

/* The one check of a query's length (search_run, search_suggest and
 * searchd make it): SEARCH_OK, or SEARCH_EBADREQ with err saying the limit. */
int search_check_query_bytes(size_t len, char *err, size_t errlen);

/* The one check of a request's values (search_run makes it too): q at most
 * SEARCH_MAX_QUERY_BYTES, limit and offset within their bounds, formats a
 * comma list of the extraction layer's format names (extract_format_name),
 * the year range in order. Returns SEARCH_OK, or
 * SEARCH_EBADREQ with err saying in plain words what is allowed. A caller
 * that could not read a number passes -1 in its place to get the message. */
int search_check_request(const search_request *req, char *err, size_t errlen);

/* Fills *res (caller frees with search_result_free, also after an error). */
int search_run(search_ctx *ctx, const search_request *req, search_result *res, char *err,
               size_t errlen);
void search_result_free(search_result *res);

/* Up to max completions for a search box prefix; *out is an array of
 * strings the caller frees with search_strings_free. */
int search_suggest(search_ctx *ctx, const char *prefix, size_t max, char ***out, size_t *n,
                   char *err, size_t errlen);
void search_strings_free(char **v, size_t n);

/* Metadata of document id; returns SEARCH_EBADREQ when there is none. */
int search_document(search_ctx *ctx, long long id, search_doc *doc, char *err, size_t errlen);
void search_doc_free(search_doc *doc);

/* Number of documents, or -1 when the index cannot be read. */
long long search_count(search_ctx *ctx);

/* The OCR check the indexer recorded at the end of its last run
 * (ocrcheck_read): 1 with *out filled, 0 when the index records none, -1
 * when the record cannot be read. */
int search_ocr_check(search_ctx *ctx, ocrcheck *out);

/* What the last search_run on a context did, counted (tests check that a
 * budget bounds work by counting it, not by timing it). */
typedef struct {
    unsigned readings;          /* readings of the query that ran (up to six) */
    unsigned readings_cut;      /* later readings not run: the budget was spent */
    unsigned initials_passes;   /* passes over the titles reading a word as initials */
    unsigned initials_given_up; /* of those, passes their own budget cut short */
} search_work;

void search_last_work(const search_ctx *ctx, search_work *out);

/* Ranking weights (defaults tuned on tests/relevance, see search.c). The
 * relevance harness changes them to measure alternatives. */
typedef struct {
    double w_title, w_headings, w_body; /* bm25() column weights */
    double w_prox;   /* bonus factor when the words stand together (0..1 signal) */
    double w_exact;  /* weight of the bm25 of the query's exact forms */
    double w_phrase; /* weight of the bm25 of the query's words taken as a phrase */
    double k1, b;    /* bm25's term-frequency saturation and length normalisation */
    double w_span;   /* bonus factor when every word stands together in one column
                      * (title and headings fully, body at half: rank.h) */
    double w_hidden; /* bm25() weight of the hidden column (text a click shows) */
} search_tuning;

void search_get_tuning(const search_ctx *ctx, search_tuning *t);
void search_set_tuning(search_ctx *ctx, const search_tuning *t);

#endif
