/* index_fixture: builds a small index in a temporary directory through
 * schema_open and the writer (store_put), for the search and snippet
 * suites. Header-only: each suite is one program. */
#ifndef REPERE_TEST_INDEX_FIXTURE_H
#define REPERE_TEST_INDEX_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "schema.h"
#include "store.h"

typedef struct {
    char dir[64];
    char path[96];
    sqlite3 *db; /* open for writing between ixf_create and ixf_close */
    store *st;
} ixf_index;

/* Creates an empty index in a new temporary directory and begins a
 * transaction. Returns 0 or -1. */
static inline int ixf_create(ixf_index *ix)
{
    char err[256];
    memset(ix, 0, sizeof *ix);
    snprintf(ix->dir, sizeof ix->dir, "/tmp/repere-test-XXXXXX");
    if (!mkdtemp(ix->dir))
        return -1;
    snprintf(ix->path, sizeof ix->path, "%s/index.db", ix->dir);
    if (schema_open(ix->path, SCHEMA_READWRITE, &ix->db, err, sizeof err) != 0 ||
        store_open(ix->db, &ix->st, err, sizeof err) != 0 ||
        store_begin(ix->st, err, sizeof err) != 0) {
        fprintf(stderr, "ixf_create: %s\n", err);
        return -1;
    }
    return 0;
}

/* Adds document id with its headings ("\n"-separated, or NULL), its
 * chunks (PDF chunks get pages 1, 2, …), its keywords
 * (extract_doc.keywords, or NULL) and its hidden text (extract_doc.hidden,
 * or NULL). year 0 means unknown. Returns 0 or -1. */
static inline int ixf_add_full(ixf_index *ix, long long id, const char *format, int year,
                               const char *title, const char *headings, const char *const *chunks,
                               int n, const char *keywords, const char *hidden)
{
    char path[64], url[80], date[16], err[256];
    extract_doc doc;
    extract_doc_init(&doc);
    snprintf(path, sizeof path, "docs/%lld.%s", id, format);
    snprintf(url, sizeof url, "file:///%s", path);
    snprintf(date, sizeof date, "%04d-01-15", year);
    doc.format = strcmp(format, "pdf") == 0    ? EXTRACT_FORMAT_PDF
                 : strcmp(format, "html") == 0 ? EXTRACT_FORMAT_HTML
                                               : EXTRACT_FORMAT_TEXT;
    doc.title = (char *)title;
    doc.date = year ? date : NULL;
    doc.pages = doc.format == EXTRACT_FORMAT_PDF ? n : 0;
    extract_chunk *c = calloc((size_t)n + 1, sizeof *c);
    if (!c)
        return -1;
    for (int i = 0; i < n; i++) {
        c[i].page = doc.format == EXTRACT_FORMAT_PDF ? i + 1 : 0;
        c[i].text = (char *)chunks[i];
    }
    doc.chunks = c;
    doc.n_chunks = (size_t)n;
    doc.keywords = (char *)keywords;
    doc.hidden = (char *)hidden;
    doc.headings = (char *)headings;
    store_file f = {.path = path, .url = url, .bytes = 100, .mtime_ns = 1, .hash = "h", .id = id};
    int rc = store_put(ix->st, &f, &doc, NULL, NULL, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "ixf_add: %s\n", err);
    free(c);
    return rc;
}

/* ixf_add_full without hidden text. */
static inline int ixf_add_doc(ixf_index *ix, long long id, const char *format, int year,
                              const char *title, const char *headings, const char *const *chunks,
                              int n, const char *keywords)
{
    return ixf_add_full(ix, id, format, year, title, headings, chunks, n, keywords, NULL);
}

/* ixf_add_doc without headings. */
static inline int ixf_add_keywords(ixf_index *ix, long long id, const char *format, int year,
                                   const char *title, const char *const *chunks, int n,
                                   const char *keywords)
{
    return ixf_add_doc(ix, id, format, year, title, NULL, chunks, n, keywords);
}

static inline int ixf_add(ixf_index *ix, long long id, const char *format, int year,
                          const char *title, const char *const *chunks, int n)
{
    return ixf_add_keywords(ix, id, format, year, title, chunks, n, NULL);
}

/* Commits and closes the writer; the index is then ready for search_open. */
static inline int ixf_close(ixf_index *ix)
{
    char err[256];
    int rc = store_commit(ix->st, err, sizeof err);
    if (rc == 0)
        rc = store_finish(ix->st, err, sizeof err);
    store_close(ix->st);
    ix->st = NULL;
    sqlite3_close_v2(ix->db);
    ix->db = NULL;
    return rc;
}

/* Removes the index files and the directory. */
static inline void ixf_remove(ixf_index *ix)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    store_close(ix->st);
    if (ix->db)
        sqlite3_close_v2(ix->db);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(p, sizeof p, "%s%s", ix->path, suffixes[i]);
        unlink(p);
    }
    rmdir(ix->dir);
}

/* A deterministic filler text of n words that none of the tests search. */
static inline char *ixf_filler(unsigned seed, int n)
{
    static const char *const words[] = {
        "lorem", "ipsum", "dolor", "sit",    "amet",  "consectetur", "adipiscing", "elit",
        "sed",   "do",    "magna", "aliqua", "enim",  "minim",       "veniam",     "quis",
        "nisi",  "ut",    "ex",    "ea",     "velit", "esse",        "cillum",     "fugiat"};
    size_t cap = (size_t)n * 13 + 1, len = 0;
    char *s = malloc(cap);
    if (!s)
        abort();
    s[0] = 0;
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *w = words[(seed >> 16) % (sizeof words / sizeof *words)];
        len += (size_t)snprintf(s + len, cap - len, "%s%s", i ? " " : "", w);
    }
    return s;
}

#endif
