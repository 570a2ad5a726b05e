/* acronym_table: writes and reads the acronyms table (acronym_table.h);
 * the detection itself is acronym.c. */
#include "acronym_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acronym.h"
#include "schema.h"

enum { AT_INSERT, AT_DELETE, AT_SCAN_BY, AT_SCAN_DONE, AT_NEXT, AT_COUNT };

static const char *const acronym_table_sql[AT_COUNT] = {
    [AT_INSERT] = "INSERT OR IGNORE INTO acronyms(doc_id, acronym, expansion) VALUES (?1, ?2, ?3)",
    [AT_DELETE] = "DELETE FROM acronyms WHERE doc_id = ?1",
    [AT_SCAN_BY] = "SELECT 1 FROM state WHERE name = '" SCHEMA_STATE_ACRONYMS_SCAN "'",
    [AT_SCAN_DONE] = "DELETE FROM state WHERE name = '" SCHEMA_STATE_ACRONYMS_SCAN "'",
    [AT_NEXT] = "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_ACRONYMS "', 1)"
                " ON CONFLICT(name) DO UPDATE SET value = value + 1",
};

struct acronym_table {
    sqlite3 *db;
    sqlite3_stmt *st[AT_COUNT];
};

/* Steps s to its end, then resets it. */
static int acronym_table_run(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int acronym_table_open(sqlite3 *db, acronym_table **out, char *err, size_t errlen)
{
    acronym_table *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    t->db = db;
    for (int i = 0; i < AT_COUNT; i++) {
        if (sqlite3_prepare_v3(db, acronym_table_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &t->st[i],
                               NULL) != SQLITE_OK) {
            snprintf(err, errlen, "cannot prepare the acronyms statements: %s", sqlite3_errmsg(db));
            acronym_table_close(t);
            return -1;
        }
    }
    *out = t;
    return 0;
}

void acronym_table_close(acronym_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < AT_COUNT; i++)
        sqlite3_finalize(t->st[i]);
    free(t);
}

typedef struct {
    acronym_table *t;
    sqlite3_int64 id;
} acronym_table_doc;

static int acronym_table_add(void *ctx, const char *acronym, size_t alen, const char *expansion,
                             size_t elen)
{
    acronym_table_doc *d = ctx;
    sqlite3_stmt *s = d->t->st[AT_INSERT];
    sqlite3_bind_int64(s, 1, d->id);
    sqlite3_bind_text(s, 2, acronym, (int)alen, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, expansion, (int)elen, SQLITE_STATIC);
    return acronym_table_run(s);
}

static int acronym_table_text(acronym_table_doc *d, const char *text)
{
    return text ? acronym_find(text, strlen(text), acronym_table_add, d) : SQLITE_OK;
}

int acronym_table_delete(acronym_table *t, sqlite3_int64 id)
{
    sqlite3_bind_int64(t->st[AT_DELETE], 1, id);
    return acronym_table_run(t->st[AT_DELETE]);
}

int acronym_table_put(acronym_table *t, sqlite3_int64 id, const extract_doc *doc)
{
    acronym_table_doc d = {t, id};
    int rc = acronym_table_delete(t, id);
    if (rc == SQLITE_OK)
        rc = acronym_table_text(&d, doc->title);
    if (rc == SQLITE_OK)
        rc = acronym_table_text(&d, doc->headings);
    if (rc == SQLITE_OK)
        rc = acronym_table_text(&d, doc->description);
    for (size_t i = 0; i < doc->n_chunks && rc == SQLITE_OK; i++)
        rc = acronym_table_text(&d, doc->chunks[i].text);
    return rc;
}

/* Reads every text of the index for the table, as acronym_table_put
 * would have: the documents' fields, then their chunks. */
static int acronym_table_scan(acronym_table *t)
{
    static const char *const sql[] = {
        "SELECT id, title, headings, description FROM documents",
        "SELECT doc_id, text FROM chunks",
    };
    int rc = sqlite3_exec(t->db, "DELETE FROM acronyms", NULL, NULL, NULL);
    for (size_t q = 0; q < 2 && rc == SQLITE_OK; q++) {
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(t->db, sql[q], -1, &s, NULL);
        while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            acronym_table_doc d = {t, sqlite3_column_int64(s, 0)};
            rc = SQLITE_OK;
            for (int col = 1; col < sqlite3_column_count(s) && rc == SQLITE_OK; col++)
                rc = acronym_table_text(&d, (const char *)sqlite3_column_text(s, col));
        }
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        sqlite3_finalize(s);
    }
    return rc;
}

int acronym_table_finish(acronym_table *t, int changed)
{
    sqlite3_stmt *s = t->st[AT_SCAN_BY];
    int rc = sqlite3_step(s);
    int scan = rc == SQLITE_ROW;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;
    if (scan && ((rc = acronym_table_scan(t)) != SQLITE_OK ||
                 (rc = acronym_table_run(t->st[AT_SCAN_DONE])) != SQLITE_OK))
        return rc;
    return scan || changed ? acronym_table_run(t->st[AT_NEXT]) : SQLITE_OK;
}

int acronym_table_each(sqlite3 *db, acronym_table_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    int has = schema_has_acronyms(db);
    if (has == 0)
        return SQLITE_OK;
    if (has < 0)
        return sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
    int rc = sqlite3_prepare_v2(db,
                            "SELECT acronym, expansion, count(*) AS docs FROM acronyms"
                            " GROUP BY acronym, expansion ORDER BY acronym, docs DESC, expansion",
                            -1, &s, NULL);
    char *last = NULL;
    int kept = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *acronym = (const char *)sqlite3_column_text(s, 0);
        const char *expansion = (const char *)sqlite3_column_text(s, 1);
        rc = SQLITE_OK;
        if (!acronym || !expansion)
            continue;
        if (!last || strcmp(last, acronym) != 0) {
            free(last);
            if (!(last = strdup(acronym))) {
                rc = SQLITE_NOMEM;
                break;
            }
            kept = 0;
        }
        if (kept++ < ACRONYM_TABLE_MAX_FORMS &&
            fn(ctx, acronym, expansion, (long)sqlite3_column_int64(s, 2)) != 0)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    free(last);
    sqlite3_finalize(s);
    return rc;
}
