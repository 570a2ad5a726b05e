/* index_fixture: builds a small index in a temporary directory through
 * schema_open and the write protocol of schema.h, for the search and
 * snippet suites. Header-only: each suite is one program. */
#ifndef REPERE_TEST_INDEX_FIXTURE_H
#define REPERE_TEST_INDEX_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schema.h"

typedef struct {
    char dir[64];
    char path[96];
    sqlite3 *db; /* open for writing between ixf_create and ixf_close */
} ixf_index;

static inline int ixf_exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

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
    if (schema_open(ix->path, SCHEMA_READWRITE, &ix->db, err, sizeof err) != 0) {
        fprintf(stderr, "ixf_create: %s\n", err);
        return -1;
    }
    return ixf_exec(ix->db, "BEGIN");
}

/* Adds document id with its chunks (PDF chunks get pages 1, 2, …). year 0
 * means unknown. Returns 0 or -1. */
static inline int ixf_add(ixf_index *ix, long long id, const char *format, int year,
                          const char *title, const char *const *chunks, int n)
{
    sqlite3_stmt *st = NULL;
    char path[64], sql[256];
    int rc = -1;
    snprintf(path, sizeof path, "docs/%lld.%s", id, format);
    if (sqlite3_prepare_v2(ix->db,
                           "INSERT INTO documents(id, path, url, format, title, date, year, bytes,"
                           " mtime_ns, hash, indexed_at, pages)"
                           " VALUES (?1, ?2, 'file:///' || ?2, ?3, ?4, ?5, ?6, 100, 1, 'h',"
                           " '2026-01-01T00:00:00Z', ?7)",
                           -1, &st, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, format, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, title, -1, SQLITE_STATIC);
    if (year) {
        char date[16];
        snprintf(date, sizeof date, "%04d-01-15", year);
        sqlite3_bind_text(st, 5, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 6, year);
    }
    sqlite3_bind_int(st, 7, strcmp(format, "pdf") == 0 ? n : 0);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto done;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(ix->db,
                           "INSERT INTO chunks(id, doc_id, seq, page, heading, text)"
                           " VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
                           -1, &st, NULL) != SQLITE_OK)
        goto done;
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, SCHEMA_CHUNK_ID(id, i));
        sqlite3_bind_int64(st, 2, id);
        sqlite3_bind_int(st, 3, i);
        sqlite3_bind_int(st, 4, strcmp(format, "pdf") == 0 ? i + 1 : 0);
        sqlite3_bind_text(st, 5, chunks[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
    }
    snprintf(sql, sizeof sql,
             "INSERT INTO docs_fts(rowid, title, headings, body)"
             " SELECT id, title, headings, body FROM docs_text WHERE id = %lld",
             id);
    rc = ixf_exec(ix->db, sql);
done:
    if (rc != 0)
        fprintf(stderr, "ixf_add: %s\n", sqlite3_errmsg(ix->db));
    sqlite3_finalize(st);
    return rc;
}

/* Commits and closes the writer; the index is then ready for search_open. */
static inline int ixf_close(ixf_index *ix)
{
    int rc = ixf_exec(ix->db, "COMMIT");
    sqlite3_close_v2(ix->db);
    ix->db = NULL;
    return rc;
}

/* Removes the index files and the directory. */
static inline void ixf_remove(ixf_index *ix)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
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
