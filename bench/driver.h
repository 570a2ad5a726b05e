/* driver: the query loops shared by the benchmark's tools (bench/reference.c
 * over search_run, bench/naive.c over a plain FTS5 table). An engine is a few
 * callbacks; the driver reads the query mix, runs it for a time on N threads
 * or query by query on one thread, and measures. It knows nothing of any
 * index. */
#ifndef REPERE_BENCH_DRIVER_H
#define REPERE_BENCH_DRIVER_H

#include <stddef.h>

typedef struct {
    /* Opens one thread's state (a connection); NULL with err set on failure. */
    void *(*open)(void *arg, char *err, size_t errlen);
    /* Runs one query; returns 0, or -1 with err set. *total: matching
     * documents as far as the engine knows them (may be left alone). */
    int (*run)(void *state, const char *query, long long *total, char *err, size_t errlen);
    void (*close)(void *state);
    /* Optional (NULL: run's total is kept): every document matching, for the
     * per-query table of `each` (not timed). */
    long long (*count)(void *arg, const char *query);
    void *arg;
} driver_engine;

/* The mix: one query per non-empty line; lines starting with '#' are
 * comments. *queries is an array of strings freed by driver_free_queries. */
int driver_read_queries(const char *path, char ***queries, size_t *n, char *err, size_t errlen);
void driver_free_queries(char **queries, size_t n);

/* The tools' shared command tail: mode "loop" with args THREADS SECONDS, or
 * "each" with RUNS, over queries[]; prints on stdout the machine-readable
 * lines bench/run.sh reads (RESULT, or one QUERY line per query named by
 * labels[i]), or on stderr an error prefixed by prog. Returns the exit
 * status: 0, 1 (failure) or 2 (bad arguments). */
int driver_command(const char *prog, const driver_engine *e, const char *mode, char **args,
                   int n_args, char **queries, char **labels, size_t n);

#endif
