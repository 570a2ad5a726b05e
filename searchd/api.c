/* api: endpoint handlers. Parameters are checked here, before the engine
 * sees them; every engine status becomes a JSON answer (400, 404 or 503;
 * 500 only when memory runs out while writing it), and every string put in
 * JSON is valid UTF-8 first. */
#include "api.h"

#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctxpool.h"
#include "fileread.h"
#include "search.h"
#include "static_assets.h"
#include "text.h"

#define API_SUGGEST_MAX 10
#define API_DEFAULT_LIMIT 10 /* results per page when limit is not given */
#define API_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))
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

/* Takes ownership of root. */
static void api_json(api_response *resp, int status, json_t *root)
{
    char *text = root ? json_dumps(root, API_JSON_FLAGS) : NULL;
    json_decref(root);
    if (!text) {
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
    size_t n = strlen(text);
    char *body = realloc(text, n + 2);
    if (!body) {
        free(text);
        api_json(resp, 500, NULL);
        return;
    }
    body[n] = '\n';
    body[n + 1] = '\0';
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    /* What people search for here can be sensitive: no cache keeps it. */
    resp->cache_control = "no-store";
    resp->body = body;
    resp->len = n + 1;
    resp->body_static = 0;
}

/* A JSON string for engine text: null for NULL, invalid UTF-8 sequences
 * replaced by U+FFFD as text_decode does (the index should hold none, but
 * JSON must never fail). */
static json_t *api_str(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    char *clean = text_decode(s, strlen(s), TEXT_ENC_UTF8, NULL);
    j = json_string(clean);
    free(clean);
    return j ? j : json_string("");
}

void api_error(api_response *resp, int status, const char *message)
{
    api_json(resp, status, json_pack("{s:o}", "error", api_str(message)));
}

/* A JSON number; scale > 0 rounds to 1/scale (took_ms), 0 keeps the value
 * (scores, whose magnitude depends on the ranking). */
static json_t *api_real(double v, double scale)
{
    if (!isfinite(v))
        v = 0;
    return json_real(scale > 0 ? round(v * scale) / scale : v);
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

static json_t *api_facets(const search_facet *f, size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < n; i++) {
        if (f[i].key && text_is_utf8(f[i].key, strlen(f[i].key)))
            json_object_set_new(o, f[i].key, json_integer(f[i].count));
    }
    return o;
}

/* The url of a document: with --files, a local file's becomes "files/dID",
 * relative to searchd's root (the page and the widget resolve it there). */
static json_t *api_url(long long id, const char *url)
{
    if (api_files && url && strncmp(url, "file://", 7) == 0) {
        char rel[40];
        snprintf(rel, sizeof rel, "files/d%lld", id);
        return json_string(rel);
    }
    return api_str(url);
}

static json_t *api_hit(const search_hit *h)
{
    char id[32];
    snprintf(id, sizeof id, "d%lld", h->id);
    return json_pack(
        "{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "id", id, "title", api_str(h->title),
        "url", api_url(h->id, h->url), "path", api_str(h->path), "format", api_str(h->format),
        "date", api_str(h->date), "page", h->page > 0 ? json_integer(h->page) : json_null(),
        "score", api_real(h->score, 0), "snippet", api_str(h->snippet), "partial", h->partial != 0);
}

/* GET /api/search: the contract's answer plus "all_words" (how many of
 * the listed documents have every word; for a query typed without
 * operators a document lacking only function words, « une », « de »,
 * « sur », counts among them), "relaxed", "corrected", and per result
 * "partial" (it lacks some word other than such a function word): a
 * partial hit may rank above hits with every word, those that hold the
 * words far apart (search_merge), so a client tells them by the flag,
 * not by the position all_words: README.md, docs/ANALYSIS.md. */
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
    json_t *results = json_array();
    for (size_t i = 0; results && i < res.n_hits; i++)
        json_array_append_new(results, api_hit(&res.hits[i]));
    json_t *root =
        json_pack("{s:s, s:I, s:I, s:o, s:o, s:{s:o, s:o}, s:o, s:b, s:b}", "query", sr.q, "total",
                  (json_int_t)res.total, "all_words", (json_int_t)res.all_words, "took_ms",
                  api_real(res.took_ms, 100.0), "results", results, "facets", "format",
                  api_facets(res.formats, res.n_formats), "year",
                  api_facets(res.years, res.n_years), "suggestion", api_str(res.suggestion),
                  "relaxed", res.relaxed != 0, "corrected", res.corrected != 0);
    search_result_free(&res);
    api_json(resp, 200, root);
}

static void api_suggest(const api_request *req, api_response *resp)
{
    char err[256] = "";
    const char *q = api_text_arg(req, "q", err, sizeof err);
    if (!q) {
        api_error(resp, 400, err);
        return;
    }
    json_t *list = json_array();
    if (!api_blank(q)) {
        search_ctx *ctx = api_ctx(resp);
        if (!ctx) {
            json_decref(list);
            return;
        }
        char **v = NULL;
        size_t n = 0;
        int rc = search_suggest(ctx, q, API_SUGGEST_MAX, &v, &n, err, sizeof err);
        if (rc != SEARCH_OK) {
            search_strings_free(v, n);
            json_decref(list);
            api_engine_error(resp, rc, err);
            return;
        }
        for (size_t i = 0; i < n && i < API_SUGGEST_MAX; i++)
            json_array_append_new(list, api_str(v[i]));
        search_strings_free(v, n);
    }
    api_json(resp, 200, json_pack("{s:o}", "suggestions", list));
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
    char idtext[32];
    snprintf(idtext, sizeof idtext, "d%lld", doc.id);
    json_t *root = json_pack(
        "{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o}", "id", idtext, "title", api_str(doc.title),
        "url", api_url(doc.id, doc.url), "path", api_str(doc.path), "format", api_str(doc.format),
        "date", api_str(doc.date), "pages", doc.pages > 0 ? json_integer(doc.pages) : json_null(),
        "bytes", (json_int_t)doc.bytes, "indexed_at", api_str(doc.indexed_at));
    search_doc_free(&doc);
    api_json(resp, 200, root);
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

/* Whether the indexer can read scanned pages, as it recorded at the end of
 * its last run (ocrcheck.h): searchd never loads the OCR engine itself. */
static json_t *api_ocr_json(search_ctx *ctx)
{
    ocrcheck c;
    int found = search_ocr_check(ctx, &c);
    if (found <= 0)
        return json_pack("{s:b, s:s, s:n}", "available", 0, "reason",
                         found == 0 ? "the index records no OCR check yet"
                                    : "the index's record of the OCR check cannot be read",
                         "checked_at");
    if (!c.available)
        return json_pack("{s:b, s:o, s:o}", "available", 0, "reason", api_str(c.reason),
                         "checked_at", api_str(c.checked_at));
    return json_pack("{s:b, s:o, s:o, s:i, s:o}", "available", 1, "engine", api_str(c.engine),
                     "language", api_str(c.language), "dpi", c.dpi, "checked_at",
                     api_str(c.checked_at));
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
        api_json(
            resp, 503,
            json_pack("{s:s, s:s}", "status", "unavailable", "error", "the index cannot be read"));
        return;
    }
    api_json(resp, 200,
             json_pack("{s:s, s:I, s:o}", "status", "ok", "documents", (json_int_t)n, "ocr",
                       api_ocr_json(ctx)));
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
