/* http: libmicrohttpd glue. A request's state lives in an http_request made
 * by the URI log callback (which sees the raw request line, query string
 * included, for the log) and freed by the completion callback. Searches do
 * not run on libmicrohttpd's threads but on the jobs queue's workers. */
#include "http.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "api.h"
#include "jobs.h"
#include "metrics.h"

/* The access handler is called several times per request: the first call
 * sees the headers (a request with a body is refused then, unread), the
 * second answers. Searches do not run on libmicrohttpd's threads: the
 * connection is suspended, the query (its arguments copied) goes to the jobs
 * queue, and the worker that ran it resumes the connection, whose next call
 * sends the answer. libmicrohttpd's thread pool ties each connection to one
 * thread for its life, so long keep-alive connections piled on one thread
 * would leave the other cores idle; the queue spreads the work instead. */

#define HTTP_LOG_URI_MAX 200
#define HTTP_ALLOW "GET, HEAD, OPTIONS"

struct http_server {
    struct MHD_Daemon *daemon;
    jobs *workers;
    http_config cfg;
    int port;
    atomic_int in_flight; /* requests past their headers, not yet completed */
    atomic_int stopping;  /* SIGTERM: answer what comes, then close */
};

/* A query argument copied out of the connection for a worker. */
typedef struct {
    char *key;
    char *value; /* NUL-terminated; may hold NUL bytes before len */
    size_t len;
} http_arg_copy;

typedef struct {
    jobs_item item;
    struct MHD_Connection *conn;
    char *path;
    http_arg_copy *args;
    size_t n_args, cap;
    int copy_failed;
    api_response resp;
} http_job;

typedef struct {
    struct timespec start;
    http_job *job;                      /* suspended in the jobs queue, or done and not yet sent */
    char uri[HTTP_LOG_URI_MAX * 3 + 8]; /* sanitized raw request target */
    char method[12];
    int status;   /* 0 until a response is queued */
    int nul_path; /* the raw path holds %00: libmicrohttpd's decoded one is cut */
    int seen;     /* the access handler was called once */
    int answered; /* a response is queued */
    metrics_endpoint ep;
    char detail[256];
} http_request;

static void http_job_free(http_job *job);

static double http_elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Copies at most HTTP_LOG_URI_MAX bytes of a raw request field, percent-encoding
 * anything that is not printable ASCII so a log line stays one line. */
static void http_log_field(char *out, size_t outlen, const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0, i = 0;
    for (; uri[i] && i < HTTP_LOG_URI_MAX && o + 4 < outlen; i++) {
        unsigned char ch = (unsigned char)uri[i];
        if (ch > 0x20 && ch < 0x7f && ch != '%') {
            out[o++] = (char)ch;
        } else if (ch == '%') {
            out[o++] = '%';
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    if (uri[i] && o + 4 < outlen)
        o += (size_t)snprintf(out + o, outlen - o, "...");
    out[o] = '\0';
}

static void *http_on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    http_request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    uri = uri ? uri : "";
    http_log_field(r->uri, sizeof r->uri, uri);
    size_t path_len = strcspn(uri, "?");
    for (size_t i = 0; i + 2 < path_len; i++) {
        if (uri[i] == '%' && uri[i + 1] == '0' && uri[i + 2] == '0')
            r->nul_path = 1;
    }
    snprintf(r->method, sizeof r->method, "-");
    r->ep = METRICS_OTHER;
    return r;
}

static void http_on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    http_server *s = cls;
    http_request *r = *con_cls;
    (void)conn;
    (void)toe;
    if (!r)
        return;
    *con_cls = NULL;
    double seconds = http_elapsed(&r->start);
    metrics_request(r->ep, r->status, seconds);
    if (!s->cfg.quiet) {
        struct timespec now;
        struct tm tm;
        char when[32];
        clock_gettime(CLOCK_REALTIME, &now);
        gmtime_r(&now.tv_sec, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
        char status[8];
        if (r->status)
            snprintf(status, sizeof status, "%d", r->status);
        else
            snprintf(status, sizeof status, "-");
        fprintf(stderr, "%s.%03ldZ %s %s %s %.3fms%s%s\n", when, now.tv_nsec / 1000000, r->method,
                r->uri, status, seconds * 1e3, r->detail[0] ? " " : "", r->detail);
    }
    if (r->job) /* answered, but the client left before it could be sent */
        http_job_free(r->job);
    if (r->seen)
        atomic_fetch_sub(&s->in_flight, 1);
    free(r);
}

/* Once stopping, a new connection is closed as soon as it is accepted.
 * MHD_quiesce_daemon would stop accepting instead, but with epoll and a
 * thread pool it races the pool's threads to remove the listening socket
 * from their epoll sets, and when a thread wins, libmicrohttpd 0.9.75
 * aborts the process (MHD_PANIC "Failed to remove listen FD from epoll
 * set": SIGTERM answered by SIGABRT). */
static enum MHD_Result http_on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    http_server *s = cls;
    (void)addr;
    (void)addrlen;
    return atomic_load(&s->stopping) ? MHD_NO : MHD_YES;
}

static void http_on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    http_server *s = cls;
    if (s->cfg.quiet)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fprintf(stderr, "searchd: http: %s\n", msg);
}

static const char *http_arg(void *cls, const char *name, size_t *len)
{
    const char *v = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(cls, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v, &n) !=
        MHD_YES)
        return NULL;
    if (!v) {
        /* "?q" without "=": present and empty. */
        v = "";
        n = 0;
    }
    *len = n;
    return v;
}

static const char *http_header(void *cls, const char *name)
{
    return MHD_lookup_connection_value(cls, MHD_HEADER_KIND, name);
}

/* The Origin header when it is one of the configured origins, else NULL. */
static const char *http_cors_origin(const http_server *s, struct MHD_Connection *conn)
{
    if (s->cfg.n_cors == 0)
        return NULL;
    const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return NULL;
    for (size_t i = 0; i < s->cfg.n_cors; i++) {
        if (strcmp(s->cfg.cors[i], "*") == 0 || strcmp(s->cfg.cors[i], origin) == 0)
            return origin;
    }
    return NULL;
}

static int http_has_body(struct MHD_Connection *conn)
{
    const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (len && strspn(len, "0") != strlen(len))
        return 1;
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding") != NULL;
}

static enum MHD_Result http_send(http_server *s, struct MHD_Connection *conn, http_request *r,
                                 api_response *resp, int preflight)
{
    struct MHD_Response *m;
    if (resp->body_static || !resp->body)
        m = MHD_create_response_from_buffer(resp->len, resp->body, MHD_RESPMEM_PERSISTENT);
    else
        m = MHD_create_response_from_buffer(resp->len, resp->body, MHD_RESPMEM_MUST_FREE);
    if (!m) {
        api_response_free(resp);
        return MHD_NO;
    }
    if (resp->content_type)
        MHD_add_response_header(m, "Content-Type", resp->content_type);
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    /* Queries are in our URLs: a result link must not carry them to the
     * document's site. */
    MHD_add_response_header(m, "Referrer-Policy", "same-origin");
    if (atomic_load(&s->stopping))
        MHD_add_response_header(m, "Connection", "close");
    if (resp->status == 405 || preflight)
        MHD_add_response_header(m, "Allow", HTTP_ALLOW);
    if (resp->etag)
        MHD_add_response_header(m, "ETag", resp->etag);
    if (resp->cache_control)
        MHD_add_response_header(m, "Cache-Control", resp->cache_control);
    if (resp->csp)
        MHD_add_response_header(m, "Content-Security-Policy", resp->csp);
    if (s->cfg.n_cors > 0) {
        MHD_add_response_header(m, "Vary", "Origin");
        const char *origin = http_cors_origin(s, conn);
        if (origin) {
            MHD_add_response_header(m, "Access-Control-Allow-Origin", origin);
            if (preflight) {
                MHD_add_response_header(m, "Access-Control-Allow-Methods", HTTP_ALLOW);
                MHD_add_response_header(m, "Access-Control-Allow-Headers", "Accept, Content-Type");
                MHD_add_response_header(m, "Access-Control-Max-Age", "86400");
            }
        }
    }
    r->status = resp->status;
    snprintf(r->detail, sizeof r->detail, "%s", resp->detail);
    for (char *p = r->detail; *p; p++) {
        if ((unsigned char)*p < 0x20)
            *p = ' '; /* the log line stays one line */
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp->status, m);
    MHD_destroy_response(m);
    return ret;
}

static void http_job_free(http_job *job)
{
    for (size_t i = 0; i < job->n_args; i++) {
        free(job->args[i].key);
        free(job->args[i].value);
    }
    free(job->args);
    free(job->path);
    api_response_free(&job->resp);
    free(job);
}

static enum MHD_Result http_copy_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size)
{
    http_job *job = cls;
    (void)kind;
    if (job->n_args == job->cap) {
        size_t cap = job->cap ? job->cap * 2 : 8;
        http_arg_copy *a = realloc(job->args, cap * sizeof *a);
        if (!a) {
            job->copy_failed = 1;
            return MHD_NO;
        }
        job->args = a;
        job->cap = cap;
    }
    http_arg_copy *a = &job->args[job->n_args];
    a->key = malloc(key_size + 1);
    a->value = malloc(value_size + 1);
    if (!a->key || !a->value) {
        free(a->key);
        free(a->value);
        job->copy_failed = 1;
        return MHD_NO;
    }
    memcpy(a->key, key, key_size);
    a->key[key_size] = '\0';
    if (value_size)
        memcpy(a->value, value, value_size);
    a->value[value_size] = '\0';
    a->len = value_size;
    job->n_args++;
    return MHD_YES;
}

static const char *http_job_arg(void *cls, const char *name, size_t *len)
{
    http_job *job = cls;
    for (size_t i = 0; i < job->n_args; i++) {
        if (strcmp(job->args[i].key, name) == 0) {
            *len = job->args[i].len;
            return job->args[i].value;
        }
    }
    return NULL;
}

static const char *http_job_header(void *cls, const char *name)
{
    (void)cls;
    (void)name;
    return NULL;
}

static http_job *http_job_new(struct MHD_Connection *conn, const char *url)
{
    http_job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    job->conn = conn;
    job->path = strdup(url);
    MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, http_copy_arg, job);
    if (!job->path || job->copy_failed) {
        http_job_free(job);
        return NULL;
    }
    return job;
}

/* On a worker: answers the request, then hands the connection back. */
static void http_job_run(void *arg)
{
    http_job *job = arg;
    api_request req = {
        .path = job->path, .arg = http_job_arg, .header = http_job_header, .cls = job};
    api_handle(&req, &job->resp);
    MHD_resume_connection(job->conn);
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    http_server *s = cls;
    http_request *r = *con_cls;
    (void)version;
    (void)upload_data;
    if (!r)
        return MHD_NO;
    if (r->job) {
        /* Resumed by the worker that ran the query. */
        http_job *job = r->job;
        r->job = NULL;
        enum MHD_Result ret = http_send(s, conn, r, &job->resp, 0);
        job->resp.body = NULL; /* http_send took it */
        http_job_free(job);
        return ret;
    }
    if (r->answered) {
        /* A body arrived although we answered already: drop it. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    api_response resp;
    memset(&resp, 0, sizeof resp);
    if (!r->seen) {
        /* First call: headers only. A request with a body is refused now,
         * before reading it (libmicrohttpd then closes the connection);
         * any other is answered on the next call, which keeps the
         * connection reusable. */
        r->seen = 1;
        atomic_fetch_add(&s->in_flight, 1);
        http_log_field(r->method, sizeof r->method, method); /* any bytes, kept on one line */
        api_route(url, &r->ep);
        if (!http_has_body(conn))
            return MHD_YES;
        if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
            api_error(&resp, 413, "requests with a body are not accepted");
        else
            api_error(&resp, 405, "this address only answers GET and HEAD");
        r->answered = 1;
        return http_send(s, conn, r, &resp, 0);
    }
    r->answered = 1;
    int preflight = 0;
    if (r->ep == METRICS_OTHER || r->nul_path) {
        api_error(&resp, 404, "no such page");
    } else if (strcmp(method, "OPTIONS") == 0) {
        resp.status = 204;
        preflight = 1;
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        api_error(&resp, 405, "this address only answers GET and HEAD");
    } else if ((r->ep == METRICS_SEARCH || r->ep == METRICS_SUGGEST || r->ep == METRICS_DOC ||
                r->ep == METRICS_FILE) &&
               !atomic_load(&s->stopping)) {
        http_job *job = http_job_new(conn, url);
        if (job) {
            r->job = job;
            job->item.fn = http_job_run;
            job->item.arg = job;
            MHD_suspend_connection(conn);
            if (jobs_submit(s->workers, &job->item) < 0)
                http_job_run(job); /* the workers are stopping: answer here */
            return MHD_YES;
        }
        api_error(&resp, 503, "the server is out of memory; try again later");
    } else {
        api_request req = {.path = url, .arg = http_arg, .header = http_header, .cls = conn};
        api_handle(&req, &resp);
    }
    return http_send(s, conn, r, &resp, preflight);
}

int http_start(const http_config *cfg, http_server **out, char *err, size_t errlen)
{
    *out = NULL;
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    char port[16];
    snprintf(port, sizeof port, "%d", cfg->port);
    int gai = getaddrinfo(cfg->host, port, &hints, &ai);
    if (gai != 0) {
        snprintf(err, errlen, "cannot resolve %s: %s", cfg->host, gai_strerror(gai));
        return -1;
    }
    http_server *s = calloc(1, sizeof *s);
    if (!s) {
        freeaddrinfo(ai);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->cfg = *cfg;
    atomic_init(&s->in_flight, 0);
    atomic_init(&s->stopping, 0);
    s->workers = jobs_start(cfg->threads);
    if (!s->workers) {
        freeaddrinfo(ai);
        free(s);
        snprintf(err, errlen, "cannot start %u worker threads", cfg->threads);
        return -1;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    errno = 0;
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, http_on_accept, s, http_access, s, MHD_OPTION_EXTERNAL_LOGGER,
        http_on_mhd_error, s, MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
        cfg->io_threads > 1 ? cfg->io_threads : 0, MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        cfg->max_per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->memory_per_conn,
        MHD_OPTION_URI_LOG_CALLBACK, http_on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, http_on_completed,
        s, MHD_OPTION_LISTEN_BACKLOG_SIZE, 256, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s port %d%s%s", cfg->host, cfg->port,
                 errno ? ": " : "", errno ? strerror(errno) : "");
        jobs_stop(s->workers);
        jobs_free(s->workers);
        free(s);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *out = s;
    return 0;
}

int http_port(const http_server *s)
{
    return s->port;
}

void http_stop(http_server *s, int timeout_ms)
{
    if (!s)
        return;
    /* From now on new connections are refused (http_on_accept) and every
     * answer closes its connection, so keep-alive clients do not keep
     * requests in flight forever. */
    atomic_store(&s->stopping, 1);
    for (int waited = 0; waited < timeout_ms && atomic_load(&s->in_flight) > 0; waited += 10) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* Queued queries run and resume their connections before the daemon
     * stops (it must not stop with a connection suspended). A request that
     * arrives after this is answered on its own thread (jobs_submit refuses
     * it), so the queue is freed only once the daemon's threads are gone. */
    jobs_stop(s->workers);
    MHD_stop_daemon(s->daemon);
    jobs_free(s->workers);
    free(s);
}
