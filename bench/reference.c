/* reference: Repère's engine without HTTP. Runs the queries of a mix through
 * search_run directly, each thread with its own search_ctx:
 *   reference loop DB QUERIES THREADS SECONDS [SYNONYMS]  queries/s, p50, p99
 *   reference each DB QUERIES RUNS [SYNONYMS]             each query, one thread
 * bench/run.sh compares searchd to the loop and reports the per-query times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "search.h"

typedef struct {
    const char *db, *synonyms;
} ref_args;

static void *ref_open(void *arg, char *err, size_t errlen)
{
    const ref_args *a = arg;
    search_ctx *ctx = NULL;
    if (search_open(a->db, a->synonyms, 0, &ctx, err, errlen) != SEARCH_OK)
        return NULL;
    return ctx;
}

static int ref_run(void *state, const char *query, long long *total, char *err, size_t errlen)
{
    search_request req = {.q = query, .limit = 10};
    search_result res;
    memset(&res, 0, sizeof res);
    int rc = search_run(state, &req, &res, err, errlen);
    *total = res.total;
    search_result_free(&res);
    return rc == SEARCH_OK ? 0 : -1;
}

static void ref_close(void *state)
{
    search_close(state);
}

int main(int argc, char **argv)
{
    /* loop DB QUERIES THREADS SECONDS [SYNONYMS] | each DB QUERIES RUNS [SYNONYMS] */
    int n_args = argc >= 2 && strcmp(argv[1], "loop") == 0 ? 2 : 1;
    if (argc < 4 + n_args || argc > 5 + n_args) {
        fprintf(stderr, "usage: reference loop DB QUERIES THREADS SECONDS [SYNONYMS]\n"
                        "       reference each DB QUERIES RUNS [SYNONYMS]\n");
        return 2;
    }
    search_process_init(); /* as searchd runs the engine */
    ref_args args = {.db = argv[2], .synonyms = argc == 5 + n_args ? argv[argc - 1] : NULL};
    driver_engine engine = {ref_open, ref_run, ref_close, NULL, &args};
    char err[512];
    char **queries = NULL;
    size_t n = 0;
    if (driver_read_queries(argv[3], &queries, &n, err, sizeof err) != 0) {
        fprintf(stderr, "reference: %s\n", err);
        return 1;
    }
    int rc = driver_command("reference", &engine, argv[1], argv + 4, n_args, queries, queries, n);
    if (rc == 2)
        fprintf(stderr, "usage: reference loop DB QUERIES THREADS SECONDS [SYNONYMS]\n"
                        "       reference each DB QUERIES RUNS [SYNONYMS]\n");
    driver_free_queries(queries, n);
    return rc;
}
