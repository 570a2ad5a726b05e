/* metrics: lock-free counters (C11 atomics, relaxed order: each value is
 * independent, a scrape needs no consistent snapshot across them) and their
 * Prometheus text rendering. */
#include "metrics.h"

#include <stdatomic.h>
#include <time.h>

static const int metrics_statuses[] = {200, 204, 304, 400, 404, 405, 413, 414, 431, 500, 503};
#define METRICS_N_STATUS (sizeof metrics_statuses / sizeof metrics_statuses[0])
/* Last slot: every other status, and 0 (no response). */
#define METRICS_STATUS_SLOTS (METRICS_N_STATUS + 1)

static const double metrics_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define METRICS_N_BOUNDS (sizeof metrics_bounds / sizeof metrics_bounds[0])

static const char *const metrics_endpoint_names[METRICS_N_ENDPOINTS] = {
    "search", "suggest", "doc", "file", "healthz", "metrics", "static", "other"};
static const char *const metrics_error_names[METRICS_N_ERRORS] = {"timeout", "unavailable",
                                                                  "internal"};

static atomic_ullong metrics_requests[METRICS_N_ENDPOINTS][METRICS_STATUS_SLOTS];
/* Non-cumulative bucket counts; the last one is above every bound. */
static atomic_ullong metrics_buckets[METRICS_N_ENDPOINTS][METRICS_N_BOUNDS + 1];
static atomic_ullong metrics_sum_us[METRICS_N_ENDPOINTS];
static atomic_ullong metrics_errors[METRICS_N_ERRORS];
static time_t metrics_started;

void metrics_init(void)
{
    metrics_started = time(NULL);
}

void metrics_request(metrics_endpoint ep, int status, double seconds)
{
    size_t slot = METRICS_N_STATUS;
    for (size_t i = 0; i < METRICS_N_STATUS; i++) {
        if (metrics_statuses[i] == status) {
            slot = i;
            break;
        }
    }
    atomic_fetch_add_explicit(&metrics_requests[ep][slot], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < METRICS_N_BOUNDS && seconds > metrics_bounds[b])
        b++;
    atomic_fetch_add_explicit(&metrics_buckets[ep][b], 1, memory_order_relaxed);
    if (seconds < 0)
        seconds = 0;
    atomic_fetch_add_explicit(&metrics_sum_us[ep], (unsigned long long)(seconds * 1e6),
                              memory_order_relaxed);
}

void metrics_error_count(metrics_error kind)
{
    atomic_fetch_add_explicit(&metrics_errors[kind], 1, memory_order_relaxed);
}

static unsigned long long metrics_load(atomic_ullong *v)
{
    return atomic_load_explicit(v, memory_order_relaxed);
}

void metrics_render(buf *out, long long documents)
{
    buf_puts(out, "# HELP repere_http_requests_total HTTP requests answered, by endpoint and "
                  "status (status \"other\" includes connections closed before an answer).\n"
                  "# TYPE repere_http_requests_total counter\n");
    for (int ep = 0; ep < METRICS_N_ENDPOINTS; ep++) {
        for (size_t s = 0; s < METRICS_STATUS_SLOTS; s++) {
            unsigned long long n = metrics_load(&metrics_requests[ep][s]);
            if (n == 0)
                continue;
            if (s < METRICS_N_STATUS)
                buf_printf(out, "repere_http_requests_total{endpoint=\"%s\",status=\"%d\"} %llu\n",
                           metrics_endpoint_names[ep], metrics_statuses[s], n);
            else
                buf_printf(out,
                           "repere_http_requests_total{endpoint=\"%s\",status=\"other\"} %llu\n",
                           metrics_endpoint_names[ep], n);
        }
    }

    buf_puts(out, "# HELP repere_errors_total Failures: queries over their time budget, index "
                  "unavailable, internal errors.\n"
                  "# TYPE repere_errors_total counter\n");
    for (int k = 0; k < METRICS_N_ERRORS; k++)
        buf_printf(out, "repere_errors_total{kind=\"%s\"} %llu\n", metrics_error_names[k],
                   metrics_load(&metrics_errors[k]));

    buf_puts(out, "# HELP repere_http_request_duration_seconds Time from request line to "
                  "the end of the answer.\n"
                  "# TYPE repere_http_request_duration_seconds histogram\n");
    for (int ep = 0; ep < METRICS_N_ENDPOINTS; ep++) {
        unsigned long long cumulative = 0;
        for (size_t b = 0; b < METRICS_N_BOUNDS; b++) {
            cumulative += metrics_load(&metrics_buckets[ep][b]);
            buf_printf(out,
                       "repere_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%g\"} "
                       "%llu\n",
                       metrics_endpoint_names[ep], metrics_bounds[b], cumulative);
        }
        cumulative += metrics_load(&metrics_buckets[ep][METRICS_N_BOUNDS]);
        buf_printf(out,
                   "repere_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"+Inf\"} "
                   "%llu\n",
                   metrics_endpoint_names[ep], cumulative);
        buf_printf(out, "repere_http_request_duration_seconds_sum{endpoint=\"%s\"} %.6f\n",
                   metrics_endpoint_names[ep], metrics_load(&metrics_sum_us[ep]) / 1e6);
        buf_printf(out, "repere_http_request_duration_seconds_count{endpoint=\"%s\"} %llu\n",
                   metrics_endpoint_names[ep], cumulative);
    }

    buf_puts(out, "# HELP repere_documents Documents in the index (-1: index unreadable).\n"
                  "# TYPE repere_documents gauge\n");
    buf_printf(out, "repere_documents %lld\n", documents);
    buf_puts(out, "# HELP repere_start_time_seconds When searchd started (Unix time).\n"
                  "# TYPE repere_start_time_seconds gauge\n");
    buf_printf(out, "repere_start_time_seconds %lld\n", (long long)metrics_started);
}
