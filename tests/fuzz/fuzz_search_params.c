/* fuzz_search_params: searchd's request handling without the socket layer:
 * api_handle (searchd/api.c) with arbitrary paths and decoded query
 * arguments, as libmicrohttpd hands them over (any bytes, NUL included),
 * answered by the real engine on a small index of the real schema. Input:
 * first line the path, the rest "name=value&name=value" (values taken as
 * bytes, not decoded again). Contract: never a 500, only the statuses
 * INTERFACE.md lists, and every JSON answer parses, in valid UTF-8. */
#include <jansson.h>
#include <unistd.h>

#include "api.h"
#include "ctxpool.h"
#include "fuzz_index.h"

#define SP_MAX_ARGS 16

typedef struct {
    const char *name[SP_MAX_ARGS];
    size_t name_len[SP_MAX_ARGS];
    const char *value[SP_MAX_ARGS];
    size_t value_len[SP_MAX_ARGS];
    char *owned[SP_MAX_ARGS]; /* NUL-terminated copies of the values */
    size_t n;
} sp_args;

static const char *sp_arg(void *cls, const char *name, size_t *len)
{
    sp_args *a = cls;
    for (size_t i = 0; i < a->n; i++) {
        if (a->name_len[i] == strlen(name) && memcmp(a->name[i], name, a->name_len[i]) == 0) {
            if (len)
                *len = a->value_len[i];
            return a->owned[i];
        }
    }
    return NULL;
}

static const char *sp_header(void *cls, const char *name)
{
    (void)cls;
    (void)name;
    return NULL;
}

static char sp_db_path[64];

static void sp_cleanup(void)
{
    ctxpool_shutdown();
    unlink(sp_db_path);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", sp_db_path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", sp_db_path);
    unlink(wal);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(sp_db_path, sizeof sp_db_path, "/tmp/repere-fuzz-params-%d.db", (int)getpid());
    sqlite3_close(fuzz_index_create(sp_db_path));
    atexit(sp_cleanup);
    const char *syn = access("corpus/synonymes.txt", R_OK) == 0 ? "corpus/synonymes.txt" : NULL;
    if (ctxpool_init(sp_db_path, syn, 1000) != 0)
        fuzz_fail("ctxpool_init failed");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    size_t plen = nl ? (size_t)(nl - in) : size;
    char *path = fuzz_cstr(data, plen);
    sp_args a;
    memset(&a, 0, sizeof a);
    const char *p = nl ? nl + 1 : in + size, *end = in + size;
    while (p < end && a.n < SP_MAX_ARGS) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        a.name[a.n] = p;
        a.name_len[a.n] = (size_t)((eq ? eq : stop) - p);
        a.value[a.n] = eq ? eq + 1 : stop;
        a.value_len[a.n] = (size_t)(stop - a.value[a.n]);
        a.owned[a.n] = fuzz_cstr((const uint8_t *)a.value[a.n], a.value_len[a.n]);
        a.n++;
        p = stop + 1;
    }
    api_request req = {.path = path, .arg = sp_arg, .header = sp_header, .cls = &a};
    api_response resp;
    memset(&resp, 0, sizeof resp);
    api_handle(&req, &resp);
    switch (resp.status) {
    case 200: case 304: case 400: case 404: case 405: case 503:
        break;
    default:
        fuzz_fail("status %d for path \"%s\" (%s)", resp.status, path, resp.detail);
    }
    if (resp.status == 503)
        fuzz_fail("503 on a healthy index for \"%s\" (%s)", path, resp.detail);
    if (resp.content_type && strstr(resp.content_type, "json")) {
        if (!resp.body || !fuzz_utf8_ok(resp.body, resp.len))
            fuzz_fail("JSON answer to \"%s\" missing or not UTF-8", path);
        json_error_t jerr;
        json_t *j = json_loadb(resp.body, resp.len, 0, &jerr);
        if (!j)
            fuzz_fail("invalid JSON answer to \"%s\": %s", path, jerr.text);
        if (resp.status != 200 && !json_is_string(json_object_get(j, "error")))
            fuzz_fail("status %d without {\"error\": …}", resp.status);
        json_decref(j);
    }
    api_response_free(&resp);
    for (size_t i = 0; i < a.n; i++)
        free(a.owned[i]);
    free(path);
    return 0;
}
