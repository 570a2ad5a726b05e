/* metrics: request counters and latency histograms kept with C11 atomics,
 * updated by every worker thread and rendered as Prometheus text. It counts;
 * it does not know HTTP or the index (the document count is passed in). */
#ifndef SEARCHD_METRICS_H
#define SEARCHD_METRICS_H

#include "buf.h"

/* What a request was for; the label "endpoint" in /metrics. */
typedef enum {
    METRICS_SEARCH,
    METRICS_SUGGEST,
    METRICS_DOC,
    METRICS_FILE, /* /files/ID with --files */
    METRICS_HEALTHZ,
    METRICS_METRICS,
    METRICS_STATIC,
    METRICS_OTHER,
    METRICS_N_ENDPOINTS
} metrics_endpoint;

/* Engine failures worth watching apart from HTTP statuses. */
typedef enum {
    METRICS_ERR_TIMEOUT,     /* a query went over its time budget */
    METRICS_ERR_UNAVAILABLE, /* the index could not be read */
    METRICS_ERR_INTERNAL,    /* out of memory, JSON failure, … */
    METRICS_N_ERRORS
} metrics_error;

void metrics_init(void);
/* Records one finished request. status 0 = the connection ended before any
 * response was sent. */
void metrics_request(metrics_endpoint ep, int status, double seconds);
void metrics_error_count(metrics_error kind);
/* Appends the Prometheus text exposition to out; documents < 0 = unknown. */
void metrics_render(buf *out, long long documents);

#endif
