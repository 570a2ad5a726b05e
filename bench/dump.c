/* dump: every answer of the engine to a list of queries, written out in full
 * (pages, scores to 17 digits, snippets, facets, totals, flags, suggestion)
 * so that two builds can be compared byte for byte after a change meant to
 * leave results alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

/* Usage:
 *   dump DB SYNONYMS|- FILE...
 * FILE is a mix (one query per line, '#' comments) or, when its name ends in
 * .tsv, a judgment file whose first column is the query. Each distinct query
 * runs in a few shapes (first page, second page, 100 hits, a format filter)
 * on one search_ctx, in order, as a server connection would run them. */

typedef struct {
    char **v;
    size_t n, cap;
} dump_list;

static int dump_add(dump_list *l, const char *q, size_t len)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], q, len) == 0)
            return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    char *s = malloc(len + 1);
    if (!s)
        return -1;
    memcpy(s, q, len);
    s[len] = '\0';
    l->v[l->n++] = s;
    return 0;
}

/* Reads one file's queries into l (duplicates kept once). */
static int dump_read(const char *path, dump_list *l)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t plen = strlen(path);
    int tsv = plen > 4 && strcmp(path + plen - 4, ".tsv") == 0;
    char line[4096];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, tsv ? "\t\r\n" : "\r\n");
        if (len == 0 || line[0] == '#')
            continue;
        rc = dump_add(l, line, len);
    }
    fclose(f);
    return rc;
}

static void dump_str(const char *name, const char *s)
{
    printf("  %s=%s\n", name, s ? s : "(null)");
}

static void dump_one(search_ctx *ctx, const char *q, const char *shape, int limit, int offset,
                     const char *formats)
{
    search_request req = {.q = q, .limit = limit, .offset = offset, .formats = formats};
    search_result res;
    memset(&res, 0, sizeof res);
    char err[512] = "";
    int rc = search_run(ctx, &req, &res, err, sizeof err);
    printf("QUERY %s [%s] rc=%d err=%s\n", q, shape, rc, rc == SEARCH_OK ? "" : err);
    printf("  total=%lld all_words=%lld relaxed=%d corrected=%d\n", res.total, res.all_words,
           res.relaxed, res.corrected);
    dump_str("suggestion", res.suggestion);
    for (size_t i = 0; i < res.n_hits; i++) {
        const search_hit *h = &res.hits[i];
        printf(" HIT %zu id=%lld page=%d score=%.17g\n", i, h->id, h->page, h->score);
        dump_str("title", h->title);
        dump_str("url", h->url);
        dump_str("path", h->path);
        dump_str("format", h->format);
        dump_str("date", h->date);
        dump_str("snippet", h->snippet);
    }
    for (size_t i = 0; i < res.n_formats; i++)
        printf(" FORMAT %s %lld\n", res.formats[i].key, res.formats[i].count);
    for (size_t i = 0; i < res.n_years; i++)
        printf(" YEAR %s %lld\n", res.years[i].key, res.years[i].count);
    search_result_free(&res);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: dump DB SYNONYMS|- FILE...\n");
        return 2;
    }
    dump_list l = {0};
    for (int i = 3; i < argc; i++)
        if (dump_read(argv[i], &l) != 0) {
            fprintf(stderr, "dump: cannot read %s\n", argv[i]);
            return 1;
        }
    char err[512];
    search_ctx *ctx = NULL;
    const char *syn = strcmp(argv[2], "-") == 0 ? NULL : argv[2];
    /* A generous budget: a slow build (valgrind, sanitizers) must not time out. */
    if (search_open(argv[1], syn, 60000, &ctx, err, sizeof err) != SEARCH_OK) {
        fprintf(stderr, "dump: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < l.n; i++) {
        dump_one(ctx, l.v[i], "limit 10", 10, 0, NULL);
        dump_one(ctx, l.v[i], "offset 10", 10, 10, NULL);
        dump_one(ctx, l.v[i], "limit 100", 100, 0, NULL);
        dump_one(ctx, l.v[i], "pdf,text", 10, 0, "pdf,text");
    }
    search_close(ctx);
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return 0;
}
