/* ocrcache: the ocr_pages table (see ocrcache.h). One prepared statement
 * per operation, like store.c; the key's engine, language and resolution
 * are fixed when it is opened. */
#include "ocrcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

enum { OC_GET, OC_USED, OC_PUT, OC_PRUNE, OC_COUNT };

static const char *const ocrcache_sql[OC_COUNT] = {
    [OC_GET] = "SELECT text, error FROM ocr_pages"
               " WHERE hash = ?1 AND page = ?2 AND engine = ?3 AND lang = ?4 AND dpi = ?5",
    [OC_USED] = "UPDATE ocr_pages SET used_at = ?6"
                " WHERE hash = ?1 AND page = ?2 AND engine = ?3 AND lang = ?4 AND dpi = ?5",
    [OC_PUT] = "INSERT OR REPLACE INTO ocr_pages(hash, page, engine, lang, dpi, text, error, ms,"
               " used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?8, ?9, ?6)",
    [OC_PRUNE] = "DELETE FROM ocr_pages WHERE used_at < ?6 AND"
                 " (hash NOT IN (SELECT hash FROM documents)"
                 "  OR engine <> ?3 OR lang <> ?4 OR dpi <> ?5)",
};

struct ocrcache {
    sqlite3 *db;
    char *engine, *lang;
    int dpi;
    sqlite3_stmt *st[OC_COUNT];
};

static int ocrcache_fail(ocrcache *c, char *err, size_t errlen)
{
    snprintf(err, errlen, "OCR cache: %s", sqlite3_errmsg(c->db));
    return -1;
}

int ocrcache_open(sqlite3 *db, const char *engine, const char *lang, int dpi, ocrcache **out,
                  char *err, size_t errlen)
{
    ocrcache *c = calloc(1, sizeof *c);
    *out = NULL;
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->db = db;
    c->engine = buf_xstrndup(engine, strlen(engine));
    c->lang = buf_xstrndup(lang, strlen(lang));
    c->dpi = dpi;
    for (int i = 0; i < OC_COUNT; i++) {
        if (sqlite3_prepare_v3(db, ocrcache_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &c->st[i],
                               NULL) != SQLITE_OK) {
            ocrcache_fail(c, err, errlen);
            ocrcache_close(c);
            return -1;
        }
    }
    *out = c;
    return 0;
}

void ocrcache_close(ocrcache *c)
{
    if (!c)
        return;
    for (int i = 0; i < OC_COUNT; i++)
        sqlite3_finalize(c->st[i]);
    free(c->engine);
    free(c->lang);
    free(c);
}

/* Binds the key (?1 to ?5; the slots a statement does not use stay
 * unused) and ?6 = now where the statement has it. */
static sqlite3_stmt *ocrcache_bind(ocrcache *c, int which, const char *hash, int page,
                                   long long now)
{
    sqlite3_stmt *s = c->st[which];
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, page);
    sqlite3_bind_text(s, 3, c->engine, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, c->lang, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, c->dpi);
    if (sqlite3_bind_parameter_count(s) >= 6)
        sqlite3_bind_int64(s, 6, now);
    return s;
}

/* Steps a statement that returns no row, then resets it. */
static int ocrcache_done(ocrcache *c, sqlite3_stmt *s, char *err, size_t errlen)
{
    int rc = sqlite3_step(s);
    int result = rc == SQLITE_DONE ? 0 : ocrcache_fail(c, err, errlen);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return result;
}

static char *ocrcache_column(sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    return v ? buf_xstrndup(v, (size_t)sqlite3_column_bytes(s, col)) : NULL;
}

int ocrcache_get(ocrcache *c, const char *hash, int page, long long now, char **text, char **error,
                 char *err, size_t errlen)
{
    *text = *error = NULL;
    sqlite3_stmt *s = ocrcache_bind(c, OC_GET, hash, page, now);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *text = ocrcache_column(s, 0);
        *error = *text ? NULL : ocrcache_column(s, 1);
        if (!*text && !*error)
            *error = buf_xstrndup("unreadable", strlen("unreadable"));
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return ocrcache_fail(c, err, errlen);
    if (ocrcache_done(c, ocrcache_bind(c, OC_USED, hash, page, now), err, errlen) != 0) {
        free(*text);
        free(*error);
        *text = *error = NULL;
        return -1;
    }
    return 1;
}

int ocrcache_put(ocrcache *c, const char *hash, int page, const char *text, const char *error,
                 int ms, long long now, char *err, size_t errlen)
{
    sqlite3_stmt *s = ocrcache_bind(c, OC_PUT, hash, page, now);
    if (text)
        sqlite3_bind_text(s, 7, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_text(s, 8, error ? error : "unreadable", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 9, ms);
    return ocrcache_done(c, s, err, errlen);
}

int ocrcache_prune(ocrcache *c, long long before, long long *removed, char *err, size_t errlen)
{
    *removed = 0;
    if (ocrcache_done(c, ocrcache_bind(c, OC_PRUNE, NULL, 0, before), err, errlen) != 0)
        return -1;
    *removed = sqlite3_changes64(c->db);
    return 0;
}
