/* driver: timed query loops for the benchmark tools (see driver.h). Latencies
 * are kept per thread and sorted once at the end; CPU time comes from
 * getrusage, which depends much less on the machine's other load than
 * queries/s do. */
#include "driver.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"

#define DRIVER_MAX_QUERIES 512
#define DRIVER_MAX_SAMPLES 4000000

typedef struct {
    const driver_engine *e;
    char **queries;
    size_t n_queries;
    double seconds;
    int index;
    double *lat_ms;
    size_t n, cap;
    long errors;
    int failed; /* the engine did not open */
    char err[256];
    pthread_barrier_t *opened; /* the clock starts when every thread has opened */
} driver_thread;

/* One loop's figures. */
typedef struct {
    size_t queries;
    double seconds, qps, p50_ms, p99_ms;
    long errors;
    double cpu_ms_per_query; /* the process's CPU time over the queries run */
} driver_stats;

/* One query's figures in `each`. */
typedef struct {
    double median_ms, min_ms; /* wall clock */
    double cpu_ms;            /* median CPU time of the thread: the wall time of an idle machine */
    long long total;          /* -1 when the query failed */
} driver_timing;

static double driver_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double driver_thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double driver_cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int driver_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int driver_read_queries(const char *path, char ***queries, size_t *n, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    char **v = calloc(DRIVER_MAX_QUERIES, sizeof *v);
    size_t k = 0;
    char line[4096];
    while (v && k < DRIVER_MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != '#')
            v[k++] = buf_xstrndup(line, strlen(line));
    }
    fclose(f);
    if (k == 0) {
        snprintf(err, errlen, "%s: no queries", path);
        free(v);
        return -1;
    }
    *queries = v;
    *n = k;
    return 0;
}

void driver_free_queries(char **queries, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(queries[i]);
    free(queries);
}

static void *driver_thread_run(void *arg)
{
    driver_thread *t = arg;
    void *state = t->e->open(t->e->arg, t->err, sizeof t->err);
    t->failed = !state;
    pthread_barrier_wait(t->opened);
    if (!state)
        return NULL;
    double end = driver_now() + t->seconds;
    size_t i = (size_t)t->index * 7;
    char err[256];
    while (t->n < t->cap) {
        double start = driver_now();
        if (start >= end)
            break;
        long long total = 0;
        if (t->e->run(state, t->queries[i++ % t->n_queries], &total, err, sizeof err) != 0)
            t->errors++;
        t->lat_ms[t->n++] = (driver_now() - start) * 1e3;
    }
    t->e->close(state);
    return NULL;
}

/* Each of `threads` threads cycles through the queries (starting at
 * different places) for `seconds`. */
static int driver_loop(const driver_engine *e, char **queries, size_t n, int threads,
                       double seconds, driver_stats *out, char *err, size_t errlen)
{
    driver_thread *t = calloc((size_t)threads, sizeof *t);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    int rc = -1;
    if (!t || !ids) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    size_t cap = DRIVER_MAX_SAMPLES / (size_t)threads;
    pthread_barrier_t opened;
    pthread_barrier_init(&opened, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++)
        t[i] = (driver_thread){.e = e,
                               .queries = queries,
                               .n_queries = n,
                               .seconds = seconds,
                               .index = i,
                               .lat_ms = buf_xrealloc(NULL, cap * sizeof(double)),
                               .cap = cap,
                               .opened = &opened};
    for (int i = 0; i < threads; i++)
        pthread_create(&ids[i], NULL, driver_thread_run, &t[i]);
    pthread_barrier_wait(&opened);
    double cpu0 = driver_cpu_ms(), start = driver_now();
    for (int i = 0; i < threads; i++)
        pthread_join(ids[i], NULL);
    double elapsed = driver_now() - start, cpu = driver_cpu_ms() - cpu0;
    pthread_barrier_destroy(&opened);

    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < threads; i++) {
        if (t[i].failed) {
            snprintf(err, errlen, "%s", t[i].err);
            goto cleanup;
        }
        total += t[i].n;
        errors += t[i].errors;
    }
    double *all = buf_xrealloc(NULL, (total ? total : 1) * sizeof(double));
    size_t k = 0;
    for (int i = 0; i < threads; i++) {
        memcpy(all + k, t[i].lat_ms, t[i].n * sizeof(double));
        k += t[i].n;
    }
    qsort(all, total, sizeof(double), driver_cmp);
    *out = (driver_stats){.queries = total,
                          .seconds = elapsed,
                          .qps = total / elapsed,
                          .p50_ms = total ? all[total / 2] : 0,
                          .p99_ms = total ? all[(total * 99) / 100] : 0,
                          .errors = errors,
                          .cpu_ms_per_query = total ? cpu / total : 0};
    free(all);
    rc = 0;
cleanup:
    if (t)
        for (int i = 0; i < threads; i++)
            free(t[i].lat_ms);
    free(t);
    free(ids);
    return rc;
}

/* One thread: each query once to warm up, then `runs` times in a row. */
static int driver_each(const driver_engine *e, char **queries, size_t n, int runs,
                       driver_timing *timings, char *err, size_t errlen)
{
    void *state = e->open(e->arg, err, errlen);
    if (!state)
        return -1;
    double *lat = buf_xrealloc(NULL, (size_t)runs * sizeof(double));
    double *cpu = buf_xrealloc(NULL, (size_t)runs * sizeof(double));
    char qerr[256];
    for (size_t q = 0; q < n; q++) {
        long long total = 0;
        int failed = e->run(state, queries[q], &total, qerr, sizeof qerr) != 0;
        for (int r = 0; r < runs; r++) {
            double start = driver_now(), cpu0 = driver_thread_cpu_ms();
            failed |= e->run(state, queries[q], &total, qerr, sizeof qerr) != 0;
            lat[r] = (driver_now() - start) * 1e3;
            cpu[r] = driver_thread_cpu_ms() - cpu0;
        }
        qsort(lat, (size_t)runs, sizeof(double), driver_cmp);
        qsort(cpu, (size_t)runs, sizeof(double), driver_cmp);
        timings[q] = (driver_timing){.median_ms = lat[runs / 2],
                                     .min_ms = lat[0],
                                     .cpu_ms = cpu[runs / 2],
                                     .total = failed ? -1 : total};
    }
    free(lat);
    free(cpu);
    e->close(state);
    return 0;
}

int driver_command(const char *prog, const driver_engine *e, const char *mode, char **args,
                   int n_args, char **queries, char **labels, size_t n)
{
    char err[512];
    if (strcmp(mode, "loop") == 0 && n_args == 2) {
        int threads = atoi(args[0]);
        double seconds = atof(args[1]);
        driver_stats s;
        if (threads < 1 || threads > 256 || seconds <= 0) {
            fprintf(stderr, "%s: bad THREADS or SECONDS\n", prog);
            return 2;
        }
        if (driver_loop(e, queries, n, threads, seconds, &s, err, sizeof err) != 0) {
            fprintf(stderr, "%s: %s\n", prog, err);
            return 1;
        }
        printf("RESULT queries=%zu seconds=%.3f qps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%ld "
               "cpu_ms_per_query=%.3f\n",
               s.queries, s.seconds, s.qps, s.p50_ms, s.p99_ms, s.errors, s.cpu_ms_per_query);
        return 0;
    }
    if (strcmp(mode, "each") == 0 && n_args == 1) {
        int runs = atoi(args[0]);
        if (runs < 1 || runs > 10000) {
            fprintf(stderr, "%s: bad RUNS\n", prog);
            return 2;
        }
        driver_timing *t = buf_xrealloc(NULL, n * sizeof *t);
        int rc = driver_each(e, queries, n, runs, t, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "%s: %s\n", prog, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (e->count && t[i].total >= 0)
                t[i].total = e->count(e->arg, queries[i]);
            printf("QUERY median_ms=%.3f min_ms=%.3f cpu_ms=%.3f total=%lld q=%s\n", t[i].median_ms,
                   t[i].min_ms, t[i].cpu_ms, t[i].total, labels[i]);
        }
        free(t);
        return rc == 0 ? 0 : 1;
    }
    return 2;
}
