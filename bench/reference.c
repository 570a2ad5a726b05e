/* reference: the benchmark's baseline. Runs the queries of a file through
 * search_run directly (no HTTP), N threads each with its own search_ctx,
 * for a fixed time, and prints queries/s and latency percentiles on one
 * line. bench/run.sh compares searchd's throughput to this. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "search.h"

#define REF_MAX_QUERIES 256
#define REF_MAX_SAMPLES 2000000

typedef struct {
    const char *db, *synonyms;
    char **queries;
    size_t n_queries;
    double seconds;
    int index;
    double *lat_ms; /* this thread's latencies */
    size_t n;
    long errors;
    char err[256];
} ref_thread;

static double ref_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *ref_run(void *arg)
{
    ref_thread *t = arg;
    search_ctx *ctx = NULL;
    if (search_open(t->db, t->synonyms, 0, &ctx, t->err, sizeof t->err) != SEARCH_OK) {
        t->errors = -1;
        return NULL;
    }
    double end = ref_now() + t->seconds;
    size_t i = (size_t)t->index * 7;
    while (t->n < REF_MAX_SAMPLES) {
        double start = ref_now();
        if (start >= end)
            break;
        search_request req = {.q = t->queries[i++ % t->n_queries], .limit = 10};
        search_result res;
        memset(&res, 0, sizeof res);
        if (search_run(ctx, &req, &res, t->err, sizeof t->err) != SEARCH_OK)
            t->errors++;
        search_result_free(&res);
        t->lat_ms[t->n++] = (ref_now() - start) * 1e3;
    }
    search_close(ctx);
    return NULL;
}

static int ref_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: reference DB QUERIES THREADS SECONDS [SYNONYMS]\n");
        return 2;
    }
    int n_threads = atoi(argv[3]);
    double seconds = atof(argv[4]);
    if (n_threads < 1 || n_threads > 256 || seconds <= 0) {
        fprintf(stderr, "reference: bad THREADS or SECONDS\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    char *queries[REF_MAX_QUERIES];
    size_t n_queries = 0;
    char line[1024];
    while (n_queries < REF_MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            queries[n_queries++] = strdup(line);
    }
    fclose(f);
    if (n_queries == 0) {
        fprintf(stderr, "reference: no queries in %s\n", argv[2]);
        return 1;
    }

    ref_thread *threads = calloc((size_t)n_threads, sizeof *threads);
    pthread_t *ids = calloc((size_t)n_threads, sizeof *ids);
    size_t per_thread = REF_MAX_SAMPLES / (size_t)n_threads;
    for (int i = 0; i < n_threads; i++) {
        threads[i] = (ref_thread){.db = argv[1],
                                  .synonyms = argc == 6 ? argv[5] : NULL,
                                  .queries = queries,
                                  .n_queries = n_queries,
                                  .seconds = seconds,
                                  .index = i,
                                  .lat_ms = malloc(per_thread * sizeof(double))};
    }
    double start = ref_now();
    for (int i = 0; i < n_threads; i++)
        pthread_create(&ids[i], NULL, ref_run, &threads[i]);
    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < n_threads; i++) {
        pthread_join(ids[i], NULL);
        if (threads[i].errors < 0) {
            fprintf(stderr, "reference: %s\n", threads[i].err);
            return 1;
        }
        total += threads[i].n;
        errors += threads[i].errors;
    }
    double elapsed = ref_now() - start;
    double *all = malloc((total ? total : 1) * sizeof(double));
    size_t k = 0;
    for (int i = 0; i < n_threads; i++) {
        memcpy(all + k, threads[i].lat_ms, threads[i].n * sizeof(double));
        k += threads[i].n;
        free(threads[i].lat_ms);
    }
    qsort(all, total, sizeof(double), ref_cmp);
    double p50 = total ? all[total / 2] : 0, p99 = total ? all[(total * 99) / 100] : 0;
    /* CPU time per query: unlike queries/s, it hardly depends on what else
     * the machine runs. */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    printf("RESULT queries=%zu seconds=%.3f qps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%ld "
           "cpu_ms_per_query=%.3f\n",
           total, elapsed, total / elapsed, p50, p99, errors, total ? cpu_ms / total : 0);
    free(all);
    free(threads);
    free(ids);
    for (size_t i = 0; i < n_queries; i++)
        free(queries[i]);
    return 0;
}
