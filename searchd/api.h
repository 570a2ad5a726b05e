/* api: the HTTP endpoints of searchd as plain functions from a request
 * (path, arguments, headers) to a response (status, type, body).
 * It validates parameters, calls the engine through the calling thread's
 * search context and builds JSON; it knows nothing of sockets or
 * libmicrohttpd (http.c does that). */
#ifndef SEARCHD_API_H
#define SEARCHD_API_H

#include <stddef.h>

#include "metrics.h"
#include "search.h"

typedef struct {
    const char *path; /* decoded path, without the query string */
    /* A query argument (decoded, may hold NUL bytes: *len tells its length)
     * or NULL when absent. */
    const char *(*arg)(void *cls, const char *name, size_t *len);
    /* A request header or NULL. */
    const char *(*header)(void *cls, const char *name);
    void *cls;
} api_request;

typedef struct {
    int status;
    const char *content_type;
    char *body; /* owned by the response unless body_static */
    size_t len;
    int body_static;
    const char *etag;          /* static assets: their ETag, else NULL */
    const char *cache_control; /* NULL: no header */
    const char *csp;           /* Content-Security-Policy, or NULL */
    char detail[256];          /* for the log: why an error happened, or "" */
} api_response;

/* With on = 1, documents indexed without --url-prefix (file:// URLs) are
 * served by id at /files/ID and their url becomes "files/ID", relative to
 * searchd's root. The file's location comes from the index, never from the
 * request. Call before serving. */
void api_serve_files(int on);

/* Which endpoint path belongs to; returns 0 when the path is unknown. */
int api_route(const char *path, metrics_endpoint *ep);

/* Answers a GET or HEAD (http.c answers the other methods) on a known or
 * unknown path. Always fills resp. */
void api_handle(const api_request *req, api_response *resp);

/* Reads the parameters of /api/search (q, limit, offset, format, year) into
 * *sr and checks them (search_check_request holds the rules). Returns 0, or
 * -1 with err saying in plain words what is wrong (the 400 answer). sr's
 * strings point into the request's arguments. */
int api_search_params(const api_request *req, search_request *sr, char *err, size_t errlen);

/* Fills resp with {"error": message}; message is plain words. */
void api_error(api_response *resp, int status, const char *message);

/* Releases the body of resp when owned. */
void api_response_free(api_response *resp);

#endif
