/* ocrcheck: the OCR check's record in the state table (ocrcheck.h). The
 * state table holds integers; this one row holds a JSON object as text,
 * written and read by SQLite's JSON functions, so that the record stays
 * one row that one statement replaces. */
#include "ocrcheck.h"

#include <stdio.h>
#include <string.h>

#include "schema.h"

static const char ocrcheck_write_sql[] =
    "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_OCR "',"
    " json_object('available', json(iif(?1, 'true', 'false')), 'engine', ?2, 'language', ?3,"
    "  'dpi', ?4, 'reason', ?5, 'checked_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    " ON CONFLICT(name) DO UPDATE SET value = excluded.value";

static const char ocrcheck_read_sql[] =
    "SELECT json_extract(value, '$.available'), json_extract(value, '$.engine'),"
    " json_extract(value, '$.language'), json_extract(value, '$.dpi'),"
    " json_extract(value, '$.reason'), json_extract(value, '$.checked_at'),"
    " CAST(round((julianday('now') - julianday(json_extract(value, '$.checked_at'))) * 86400)"
    "  AS INTEGER)"
    " FROM state WHERE name = '" SCHEMA_STATE_OCR "'";

int ocrcheck_write(sqlite3 *db, const ocrcheck *c, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, ocrcheck_write_sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, c->available != 0);
        if (c->available) {
            sqlite3_bind_text(st, 2, c->engine, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, c->language, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 4, c->dpi);
        } else {
            sqlite3_bind_text(st, 5, c->reason, -1, SQLITE_STATIC);
        }
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE)
        snprintf(err, errlen, "cannot record the OCR check: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void ocrcheck_text(sqlite3_stmt *st, int col, char *out, size_t outlen)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    snprintf(out, outlen, "%s", v ? (const char *)v : "");
}

int ocrcheck_read(sqlite3 *db, ocrcheck *c)
{
    sqlite3_stmt *st = NULL;
    memset(c, 0, sizeof *c);
    int rc = sqlite3_prepare_v2(db, ocrcheck_read_sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->available = sqlite3_column_int(st, 0) != 0;
        ocrcheck_text(st, 1, c->engine, sizeof c->engine);
        ocrcheck_text(st, 2, c->language, sizeof c->language);
        c->dpi = sqlite3_column_int(st, 3);
        ocrcheck_text(st, 4, c->reason, sizeof c->reason);
        ocrcheck_text(st, 5, c->checked_at, sizeof c->checked_at);
        c->age_s = sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int ocrcheck_due(const ocrcheck *recorded, const char *engine, const char *language, int dpi)
{
    if (!recorded || !recorded->available || !recorded->checked_at[0] || !engine)
        return 1;
    return strcmp(recorded->engine, engine) != 0 || strcmp(recorded->language, language) != 0 ||
           recorded->dpi != dpi || recorded->age_s > OCRCHECK_MAX_AGE_S || recorded->age_s < 0;
}
