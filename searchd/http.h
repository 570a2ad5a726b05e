/* http: the libmicrohttpd side of searchd. Runs the daemon (internal polling
 * threads in a pool) and the search workers, enforces connection limits and timeouts,
 * refuses request bodies and methods other than GET/HEAD/OPTIONS, writes CORS
 * headers, logs one line per request and records metrics. What each path
 * answers is api.c's business. */
#ifndef SEARCHD_HTTP_H
#define SEARCHD_HTTP_H

#include <stddef.h>

typedef struct {
    const char *host;        /* numeric address or name, e.g. "127.0.0.1", "::1" */
    int port;                /* 0: any free port */
    unsigned threads;        /* search worker threads (>= 1) */
    unsigned io_threads;     /* libmicrohttpd's pool: sockets and parsing */
    const char *const *cors; /* allowed origins ("*" = any); may be NULL */
    size_t n_cors;
    int quiet;                /* no request log lines */
    unsigned timeout_s;       /* idle connection timeout */
    unsigned max_connections; /* all clients together */
    unsigned max_per_ip;      /* one client address */
    size_t memory_per_conn;   /* bytes for a request's line and headers */
} http_config;

typedef struct http_server http_server;

/* Starts serving. The strings in cfg must outlive the server. Returns 0, or
 * -1 with the reason in err. */
int http_start(const http_config *cfg, http_server **out, char *err, size_t errlen);

/* The port actually bound (useful with port 0). */
int http_port(const http_server *s);

/* Refuses new connections, waits up to timeout_ms for the requests in
 * flight to finish, then stops the workers and frees the server. */
void http_stop(http_server *s, int timeout_ms);

#endif
