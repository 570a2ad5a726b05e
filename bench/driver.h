/* driver: the query loops shared by the benchmark's tools (bench/reference.c
 * over search_run, bench/naive.c over a plain FTS5 table). An engine is three
 * callbacks; the driver reads the query mix, runs it for a time on N threads
 * or query by query on one thread, and measures. It knows nothing of any
 * index. */
#ifndef REPERE_BENCH_DRIVER_H
#define REPERE_BENCH_DRIVER_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    /* Opens one thread's state (a connection); NULL with err set on failure. */
    void *(*open)(void *arg, char *err, size_t errlen);
    /* Runs one query; returns 0, or -1 with err set. *total: matching
     * documents as far as the engine knows them (may be left alone). */
    int (*run)(void *state, const char *query, long long *total, char *err, size_t errlen);
    void (*close)(void *state);
    void *arg;
} driver_engine;

/* The mix: one query per non-empty line; lines starting with '#' are
 * comments. *queries is an array of strings freed by driver_free_queries. */
int driver_read_queries(const char *path, char ***queries, size_t *n, char *err, size_t errlen);
void driver_free_queries(char **queries, size_t n);

typedef struct {
    size_t queries;
    double seconds, qps, p50_ms, p99_ms;
    long errors;
    double cpu_ms_per_query; /* the process's CPU time over the queries run */
} driver_stats;

/* Each of `threads` threads cycles through the queries (starting at different
 * places) for `seconds`. Returns 0, or -1 with err set when an engine could
 * not open. */
int driver_loop(const driver_engine *e, char **queries, size_t n, int threads, double seconds,
                driver_stats *out, char *err, size_t errlen);

typedef struct {
    double median_ms, min_ms; /* wall clock */
    double cpu_ms;            /* median CPU time of the thread: the wall time of an idle machine */
    long long total;          /* -1 when the query failed */
} driver_timing;

/* One thread: each query once to warm up, then `runs` times in a row;
 * timings[i] is query i's (caller-allocated, n entries). */
int driver_each(const driver_engine *e, char **queries, size_t n, int runs, driver_timing *timings,
                char *err, size_t errlen);

/* The machine-readable lines bench/run.sh reads. */
void driver_print_stats(FILE *f, const driver_stats *s);
void driver_print_timing(FILE *f, const char *query, const driver_timing *t);

#endif
