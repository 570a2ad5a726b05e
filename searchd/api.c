/* api: endpoint handlers. Parameters are checked here, before the engine
 * sees them; every engine status becomes a JSON answer (400, 404 or 503;
 * 500 only when memory runs out while writing it), and every string put in
 * JSON is valid UTF-8 first. */
#include "api.h"

#include <glib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctxpool.h"
#include "fileread.h"
#include "jsonw.h"
#include "ocr.h"
#include "search.h"
#include "static_assets.h"
#include "text.h"

#define API_SUGGEST_MAX 10
#define API_DEFAULT_LIMIT 10 /* results per page when limit is not given */
/* Largest document /files/ID sends (it is read into memory). */
#define API_FILE_MAX ((size_t)64 << 20)
/* Served documents are untrusted: an HTML page runs no script, loads
 * nothing and gets an opaque origin. PDFs are left to the browser's viewer. */
#define API_FILE_CSP "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"

static int api_files; /* --files: serve indexed local files at /files/ID */

void api_serve_files(int on)
{
    api_files = on;
}

static const static_asset *api_static_find(const char *path, const char **etag)
{
    const char *name = strcmp(path, "/") == 0 ? "index.html" : path + 1;
    if (path[0] != '/' || strchr(name, '/'))
        return NULL;
    for (size_t i = 0; i < static_assets_count; i++) {
        if (strcmp(static_assets[i].name, name) == 0) {
            *etag = static_assets[i].etag;
            return &static_assets[i];
        }
    }
    return NULL;
}

int api_route(const char *path, metrics_endpoint *ep)
{
    const char *etag;
    if (strcmp(path, "/api/search") == 0)
        *ep = METRICS_SEARCH;
    else if (strcmp(path, "/api/suggest") == 0)
        *ep = METRICS_SUGGEST;
    else if (strncmp(path, "/api/doc/", 9) == 0)
        *ep = METRICS_DOC;
    else if (api_files && strncmp(path, "/files/", 7) == 0)
        *ep = METRICS_FILE;
    else if (strcmp(path, "/healthz") == 0)
        *ep = METRICS_HEALTHZ;
    else if (strcmp(path, "/metrics") == 0)
        *ep = METRICS_METRICS;
    else if (api_static_find(path, &etag))
        *ep = METRICS_STATIC;
    else {
        *ep = METRICS_OTHER;
        return 0;
    }
    return 1;
}

void api_response_free(api_response *resp)
{
    if (!resp->body_static)
        free(resp->body);
    resp->body = NULL;
    resp->len = 0;
}

/* Ends w's text and makes it the answer (w is left empty). */
static void api_json(api_response *resp, int status, jsonw *w)
{
    size_t n = 0;
    char *body = jsonw_finish(w, &n);
    if (!body) {
        static char failed[] = "{\"error\":\"internal error while writing the answer\"}\n";
        resp->status = 500;
        resp->content_type = "application/json; charset=utf-8";
        resp->body = failed;
        resp->len = sizeof failed - 1;
        resp->body_static = 1;
        snprintf(resp->detail, sizeof resp->detail, "JSON encoding failed");
        metrics_error_count(METRICS_ERR_INTERNAL);
        return;
    }
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    /* What people search for here can be sensitive: no cache keeps it. */
    resp->cache_control = "no-store";
    resp->body = body;
    resp->len = n;
    resp->body_static = 0;
}

void api_error(api_response *resp, int status, const char *message)
{
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "error");
    jsonw_text(&w, message);
    jsonw_end_object(&w);
    api_json(resp, status, &w);
}

/* A whole decimal number of at most 9 digits, or -1 for anything else
 * (search_check_request then says what is allowed). */
static int api_whole(const char *s)
{
    if (!*s || strlen(s) > 9)
        return -1;
    int v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

/* "2018" or "2017-2019" (spaces allowed around the dash) into from..to;
 * *from = -1 when s is neither. The range itself is the engine's rule. */
static void api_year(const char *s, int *from, int *to)
{
    char a[8], b[8];
    const char *dash = strchr(s, '-');
    size_t la = dash ? (size_t)(dash - s) : strlen(s);
    while (la > 0 && s[la - 1] == ' ')
        la--;
    const char *bs = dash ? dash + 1 : "";
    while (*bs == ' ')
        bs++;
    size_t lb = strlen(bs);
    *from = -1;
    if (la >= sizeof a || lb >= sizeof b)
        return;
    memcpy(a, s, la);
    a[la] = '\0';
    memcpy(b, bs, lb);
    b[lb] = '\0';
    int y1 = api_whole(a), y2 = dash ? api_whole(b) : y1;
    if (y1 >= 1 && y2 >= 1) {
        *from = y1;
        *to = y2;
    }
}

static int api_blank(const char *s)
{
    for (; *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    }
    return 1;
}

/* Checks a text parameter (q): present, not too long, no NUL, valid UTF-8.
 * Returns the value, or NULL with err saying what is wrong. */
static const char *api_text_arg(const api_request *req, const char *name, char *err, size_t errlen)
{
    size_t len = 0;
    const char *v = req->arg(req->cls, name, &len);
    if (!v)
        snprintf(err, errlen, "the parameter %s is required", name);
    else if (search_check_query_bytes(len, err, errlen) != SEARCH_OK)
        return NULL;
    else if (memchr(v, '\0', len))
        snprintf(err, errlen, "the parameter %s contains a NUL character", name);
    else if (!text_is_utf8(v, len))
        snprintf(err, errlen, "the parameter %s is not valid UTF-8 text", name);
    else
        return v;
    return NULL;
}

int api_search_params(const api_request *req, search_request *sr, char *err, size_t errlen)
{
    memset(sr, 0, sizeof *sr);
    sr->limit = API_DEFAULT_LIMIT;
    sr->q = api_text_arg(req, "q", err, errlen);
    if (!sr->q)
        return -1;
    if (api_blank(sr->q)) {
        snprintf(err, errlen, "the query is empty");
        return -1;
    }
    size_t len;
    const char *s = req->arg(req->cls, "limit", &len);
    if (s)
        sr->limit = api_whole(s);
    s = req->arg(req->cls, "offset", &len);
    if (s)
        sr->offset = api_whole(s);
    s = req->arg(req->cls, "format", &len);
    if (s && *s)
        sr->formats = s;
    s = req->arg(req->cls, "year", &len);
    if (s && *s)
        api_year(s, &sr->year_from, &sr->year_to);
    return search_check_request(sr, err, errlen) == SEARCH_OK ? 0 : -1;
}

/* A plain-words answer for an engine failure. err goes to the log, and to
 * the client only for a bad request (it then says what is wrong with it). */
static void api_engine_error(api_response *resp, int rc, const char *err)
{
    snprintf(resp->detail, sizeof resp->detail, "%s", err);
    switch (rc) {
    case SEARCH_EBADREQ:
        api_error(resp, 400, err[0] ? err : "the request cannot be answered");
        break;
    case SEARCH_ETIMEOUT:
        metrics_error_count(METRICS_ERR_TIMEOUT);
        api_error(resp, 400,
                  "the query took too long to answer; use more specific words or fewer "
                  "prefixes");
        break;
    default:
        metrics_error_count(METRICS_ERR_UNAVAILABLE);
        ctxpool_discard();
        api_error(resp, 503, "the index is unavailable at the moment; try again later");
        break;
    }
}

static search_ctx *api_ctx(api_response *resp)
{
    char err[256] = "";
    search_ctx *ctx = ctxpool_get(err, sizeof err);
    if (!ctx)
        api_engine_error(resp, SEARCH_EUNAVAILABLE, err);
    return ctx;
}

/* Facet counts as an object: keys that are not text are left out, and a
 * key given twice keeps its first place and its last count. */
static void api_facets(jsonw *w, const search_facet *f, size_t n)
{
    jsonw_object(w);
    for (size_t i = 0; i < n; i++) {
        if (!f[i].key || !text_is_utf8(f[i].key, strlen(f[i].key)))
            continue;
        size_t seen = 0, last = i;
        while (seen < i && (!f[seen].key || strcmp(f[seen].key, f[i].key) != 0))
            seen++;
        if (seen < i)
            continue;
        for (size_t k = i + 1; k < n; k++) {
            if (f[k].key && strcmp(f[k].key, f[i].key) == 0)
                last = k;
        }
        jsonw_key(w, f[i].key);
        jsonw_int(w, f[last].count);
    }
    jsonw_end_object(w);
}

/* The url of a document: with --files, a local file's becomes "files/dID",
 * relative to searchd's root (the page and the widget resolve it there). */
static void api_url(jsonw *w, long long id, const char *url)
{
    if (api_files && url && strncmp(url, "file://", 7) == 0) {
        char rel[40];
        int n = snprintf(rel, sizeof rel, "files/d%lld", id);
        jsonw_strn(w, rel, (size_t)n);
        return;
    }
    jsonw_text(w, url);
}

/* The document's id as the API names it ("d41"). */
static void api_id(jsonw *w, long long id)
{
    char text[32];
    int n = snprintf(text, sizeof text, "d%lld", id);
    jsonw_strn(w, text, (size_t)n);
}

/* A page number, null when there is none. */
static void api_count_or_null(jsonw *w, long long v)
{
    if (v > 0)
        jsonw_int(w, v);
    else
        jsonw_null(w);
}

static void api_hit(jsonw *w, const search_hit *h)
{
    jsonw_object(w);
    jsonw_key(w, "id");
    api_id(w, h->id);
    jsonw_key(w, "title");
    jsonw_text(w, h->title);
    jsonw_key(w, "url");
    api_url(w, h->id, h->url);
    jsonw_key(w, "path");
    jsonw_text(w, h->path);
    jsonw_key(w, "format");
    jsonw_text(w, h->format);
    jsonw_key(w, "date");
    jsonw_text(w, h->date);
    jsonw_key(w, "page");
    api_count_or_null(w, h->page);
    /* The score as computed: its magnitude depends on the ranking. */
    jsonw_key(w, "score");
    jsonw_real(w, h->score);
    jsonw_key(w, "snippet");
    jsonw_text(w, h->snippet);
    jsonw_end_object(w);
}

static void api_search(const api_request *req, api_response *resp)
{
    search_request sr;
    char err[256] = "";
    if (api_search_params(req, &sr, err, sizeof err) != 0) {
        api_error(resp, 400, err);
        return;
    }
    search_ctx *ctx = api_ctx(resp);
    if (!ctx)
        return;
    search_result res;
    memset(&res, 0, sizeof res);
    int rc = search_run(ctx, &sr, &res, err, sizeof err);
    if (rc != SEARCH_OK) {
        search_result_free(&res);
        api_engine_error(resp, rc, err);
        return;
    }
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "query");
    jsonw_text(&w, sr.q);
    jsonw_key(&w, "total");
    jsonw_int(&w, res.total);
    /* Rounded to 1/100 ms (a non-finite time reads 0). */
    jsonw_key(&w, "took_ms");
    jsonw_real(&w, isfinite(res.took_ms) ? round(res.took_ms * 100.0) / 100.0 : 0);
    jsonw_key(&w, "results");
    jsonw_array(&w);
    for (size_t i = 0; i < res.n_hits; i++)
        api_hit(&w, &res.hits[i]);
    jsonw_end_array(&w);
    jsonw_key(&w, "facets");
    jsonw_object(&w);
    jsonw_key(&w, "format");
    api_facets(&w, res.formats, res.n_formats);
    jsonw_key(&w, "year");
    api_facets(&w, res.years, res.n_years);
    jsonw_end_object(&w);
    jsonw_key(&w, "suggestion");
    jsonw_text(&w, res.suggestion);
    jsonw_key(&w, "relaxed");
    jsonw_bool(&w, res.relaxed != 0);
    jsonw_key(&w, "corrected");
    jsonw_bool(&w, res.corrected != 0);
    jsonw_end_object(&w);
    search_result_free(&res);
    api_json(resp, 200, &w);
}

static void api_suggest(const api_request *req, api_response *resp)
{
    char err[256] = "";
    const char *q = api_text_arg(req, "q", err, sizeof err);
    if (!q) {
        api_error(resp, 400, err);
        return;
    }
    char **v = NULL;
    size_t n = 0;
    if (!api_blank(q)) {
        search_ctx *ctx = api_ctx(resp);
        if (!ctx)
            return;
        int rc = search_suggest(ctx, q, API_SUGGEST_MAX, &v, &n, err, sizeof err);
        if (rc != SEARCH_OK) {
            search_strings_free(v, n);
            api_engine_error(resp, rc, err);
            return;
        }
    }
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "suggestions");
    jsonw_array(&w);
    for (size_t i = 0; i < n && i < API_SUGGEST_MAX; i++)
        jsonw_text(&w, v[i]);
    jsonw_end_array(&w);
    jsonw_end_object(&w);
    search_strings_free(v, n);
    api_json(resp, 200, &w);
}

/* Looks up the document named by s ("d41", the id the search returns, or
 * "41") into *doc. Returns 0, or -1 with resp filled (404 or engine error). */
static int api_lookup_doc(const char *s, search_doc *doc, api_response *resp)
{
    memset(doc, 0, sizeof *doc);
    if (*s == 'd')
        s++;
    long long id = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9' && digits < 18; s++, digits++)
        id = id * 10 + (*s - '0');
    if (*s || digits == 0 || id == 0) {
        api_error(resp, 404, "no such document");
        return -1;
    }
    search_ctx *ctx = api_ctx(resp);
    if (!ctx)
        return -1;
    char err[256] = "";
    int rc = search_document(ctx, id, doc, err, sizeof err);
    if (rc == SEARCH_OK)
        return 0;
    search_doc_free(doc);
    if (rc == SEARCH_EBADREQ)
        api_error(resp, 404, "no such document");
    else
        api_engine_error(resp, rc, err);
    return -1;
}

/* "/api/doc/d41" (the id the search returns) or "/api/doc/41". */
static void api_doc(const api_request *req, api_response *resp)
{
    search_doc doc;
    if (api_lookup_doc(req->path + strlen("/api/doc/"), &doc, resp) != 0)
        return;
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "id");
    api_id(&w, doc.id);
    jsonw_key(&w, "title");
    jsonw_text(&w, doc.title);
    jsonw_key(&w, "url");
    api_url(&w, doc.id, doc.url);
    jsonw_key(&w, "path");
    jsonw_text(&w, doc.path);
    jsonw_key(&w, "format");
    jsonw_text(&w, doc.format);
    jsonw_key(&w, "date");
    jsonw_text(&w, doc.date);
    jsonw_key(&w, "pages");
    api_count_or_null(&w, doc.pages);
    jsonw_key(&w, "bytes");
    jsonw_int(&w, doc.bytes);
    jsonw_key(&w, "indexed_at");
    jsonw_text(&w, doc.indexed_at);
    jsonw_end_object(&w);
    search_doc_free(&doc);
    api_json(resp, 200, &w);
}

static const char *api_file_type(const search_doc *doc, const char *data, size_t len)
{
    if (strcmp(doc->format, "pdf") == 0)
        return "application/pdf";
    if (strcmp(doc->format, "html") == 0)
        return "text/html"; /* the page's own <meta charset> or BOM decides */
    static const char *const office[][2] = {
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"epub", "application/epub+zip"},
        {"rtf", "application/rtf"},
    };
    for (size_t i = 0; i < sizeof office / sizeof office[0]; i++)
        if (strcmp(doc->format, office[i][0]) == 0)
            return office[i][1];
    return text_is_utf8(data, len) ? "text/plain; charset=utf-8"
                                   : "text/plain; charset=windows-1252";
}

/* /files/d41 with --files: the indexed file itself. Its location is the
 * file:// URL the indexer stored; the request only names an id. */
static void api_file(const api_request *req, api_response *resp)
{
    search_doc doc;
    char *path = NULL;
    char *data = NULL;
    size_t len = 0;
    char err[128] = "";
    if (api_lookup_doc(req->path + strlen("/files/"), &doc, resp) != 0)
        return;
    if (!doc.url || strncmp(doc.url, "file://", 7) != 0 ||
        !(path = g_filename_from_uri(doc.url, NULL, NULL))) {
        api_error(resp, 404, "this document is published at its own address, not here");
        goto cleanup;
    }
    switch (fileread_all(path, API_FILE_MAX, &data, &len, err, sizeof err)) {
    case FILEREAD_OK:
        break;
    case FILEREAD_EOPEN:
    case FILEREAD_ENOTREG:
        snprintf(resp->detail, sizeof resp->detail, "%s: %s", path, err);
        api_error(resp, 404, "the document's file is no longer there");
        goto cleanup;
    case FILEREAD_ETOOBIG:
        api_error(resp, 404, "the document's file is too large to be served here");
        goto cleanup;
    case FILEREAD_ENOMEM:
        api_error(resp, 503, "the server is out of memory; try again later");
        goto cleanup;
    case FILEREAD_EREAD:
        snprintf(resp->detail, sizeof resp->detail, "%s: %s", path, err);
        api_error(resp, 404, "the document's file could not be read");
        goto cleanup;
    }
    resp->status = 200;
    resp->content_type = api_file_type(&doc, data, len);
    resp->csp = strcmp(doc.format, "pdf") != 0 ? API_FILE_CSP : NULL;
    resp->cache_control = "no-cache";
    resp->body = data;
    resp->len = len;
    data = NULL;
cleanup:
    free(data);
    g_free(path);
    search_doc_free(&doc);
}

/* Whether the indexer built beside this searchd can read scanned pages:
 * the engine is tried once (about 0.1 s), then unloaded. */
static char api_ocr_why[256];
static int api_ocr_ok;
static void api_ocr_probe(void)
{
    api_ocr_ok = ocr_available(api_ocr_why, sizeof api_ocr_why);
    ocr_release();
}

static void api_ocr_json(jsonw *w)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, api_ocr_probe);
    jsonw_object(w);
    jsonw_key(w, "available");
    jsonw_bool(w, api_ocr_ok);
    if (!api_ocr_ok) {
        jsonw_key(w, "reason");
        jsonw_text(w, api_ocr_why);
    } else {
        jsonw_key(w, "engine");
        jsonw_text(w, ocr_engine());
        jsonw_key(w, "language");
        jsonw_text(w, OCR_LANG);
        jsonw_key(w, "dpi");
        jsonw_int(w, OCR_DPI);
    }
    jsonw_end_object(w);
}

static void api_healthz(api_response *resp)
{
    char err[256] = "";
    search_ctx *ctx = ctxpool_get(err, sizeof err);
    long long n = ctx ? search_count(ctx) : -1;
    if (n < 0) {
        if (ctx) {
            snprintf(err, sizeof err, "the index cannot be read");
            ctxpool_discard();
        }
        snprintf(resp->detail, sizeof resp->detail, "%s", err);
        jsonw w = JSONW_INIT;
        jsonw_object(&w);
        jsonw_key(&w, "status");
        jsonw_text(&w, "unavailable");
        jsonw_key(&w, "error");
        jsonw_text(&w, "the index cannot be read");
        jsonw_end_object(&w);
        api_json(resp, 503, &w);
        return;
    }
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "status");
    jsonw_text(&w, "ok");
    jsonw_key(&w, "documents");
    jsonw_int(&w, n);
    jsonw_key(&w, "ocr");
    api_ocr_json(&w);
    jsonw_end_object(&w);
    api_json(resp, 200, &w);
}

static void api_metrics(api_response *resp)
{
    char err[256] = "";
    search_ctx *ctx = ctxpool_get(err, sizeof err);
    long long n = ctx ? search_count(ctx) : -1;
    if (ctx && n < 0)
        ctxpool_discard();
    buf b = BUF_INIT;
    metrics_render(&b, n);
    resp->len = b.len;
    resp->body = buf_detach(&b);
    resp->body_static = 0;
    resp->status = 200;
    resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
}

/* An ETag list ("a", "b" or *) matches etag. */
static int api_etag_matches(const char *list, const char *etag)
{
    if (!list)
        return 0;
    if (strcmp(list, "*") == 0)
        return 1;
    return strstr(list, etag) != NULL;
}

static void api_static(const api_request *req, api_response *resp)
{
    const char *etag = NULL;
    const static_asset *a = api_static_find(req->path, &etag);
    resp->etag = etag;
    resp->cache_control = "no-cache";
    resp->content_type = a->content_type;
    resp->body_static = 1;
    if (api_etag_matches(req->header(req->cls, "If-None-Match"), etag)) {
        resp->status = 304;
        resp->body = NULL;
        resp->len = 0;
        return;
    }
    resp->status = 200;
    resp->body = (char *)a->data;
    resp->len = a->size;
}

void api_handle(const api_request *req, api_response *resp)
{
    metrics_endpoint ep;
    memset(resp, 0, sizeof *resp);
    if (!api_route(req->path, &ep)) {
        api_error(resp, 404, "no such page");
        return;
    }
    switch (ep) {
    case METRICS_SEARCH:
        api_search(req, resp);
        break;
    case METRICS_SUGGEST:
        api_suggest(req, resp);
        break;
    case METRICS_DOC:
        api_doc(req, resp);
        break;
    case METRICS_FILE:
        api_file(req, resp);
        break;
    case METRICS_HEALTHZ:
        api_healthz(resp);
        break;
    case METRICS_METRICS:
        api_metrics(resp);
        break;
    default:
        api_static(req, resp);
        break;
    }
}
