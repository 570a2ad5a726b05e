/* schema: index file opening, pragmas, tokenizer registration, table
 * creation and version upgrade. The table layout is described in schema.h. */
#include "schema.h"

#include "analyzer.h"

#include <stdio.h>
#include <string.h>

#define SCHEMA_TOKENIZE ANALYZER_TOKENIZER
#define SCHEMA_PAGE_SIZE 16384
#define SCHEMA_STR2(x) #x
#define SCHEMA_STR(x) SCHEMA_STR2(x)

/* The acronyms table, apart: an index of this version made before it
 * existed gets it at its next read-write open (schema_acronyms). */
#define SCHEMA_ACRONYMS_SQL                                                                        \
    "CREATE TABLE acronyms("                                                                       \
    "  doc_id INTEGER NOT NULL,"                                                                   \
    "  acronym TEXT NOT NULL,"                                                                     \
    "  expansion TEXT NOT NULL,"                                                                   \
    "  PRIMARY KEY (doc_id, acronym, expansion)) WITHOUT ROWID;"

/* The links and contexts tables, apart: an index of version 8 or 9 gets
 * them at its next read-write open (schema_create). */
#define SCHEMA_LINKS_SQL                                                                           \
    "CREATE TABLE links("                                                                          \
    "  doc_id INTEGER PRIMARY KEY,"                                                                \
    "  list BLOB NOT NULL);"                                                                       \
    "CREATE TABLE contexts("                                                                       \
    "  doc_id INTEGER PRIMARY KEY,"                                                                \
    "  text TEXT NOT NULL);"

/* What docs_fts indexes, apart: an index of version 9 gets the context
 * in the body by making the view again (schema_create). */
#define SCHEMA_VIEW_SQL                                                                            \
    "CREATE VIEW docs_text(id, title, headings, body, hidden) AS"                                  \
    "  SELECT d.id, d.title,"                                                                      \
    "    trim(coalesce(d.headings, '') || char(10) || coalesce(d.description, ''), char(10)),"     \
    "    coalesce((SELECT x.text || char(10) FROM contexts x WHERE x.doc_id = d.id), '') ||"       \
    "    (SELECT group_concat(c.text, char(10)) FROM"                                              \
    "       (SELECT text FROM chunks WHERE id BETWEEN (d.id << 20) AND (d.id << 20) + 1048575"     \
    "        ORDER BY id) AS c),"                                                                  \
    "    d.hidden"                                                                                 \
    "  FROM documents d;"

/* The full-text index over the documents' text, apart: an index of version
 * 8 gets the hidden column by building them again (schema_create). */
#define SCHEMA_FTS_SQL                                                                             \
    SCHEMA_VIEW_SQL                                                                                \
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, headings, body, hidden,"                      \
    "  content='docs_text', content_rowid='id', tokenize='" SCHEMA_TOKENIZE "');"

static const char schema_sql[] =
    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL UNIQUE,"
    "  url TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  date TEXT,"
    "  year INTEGER,"
    "  description TEXT,"
    "  headings TEXT,"
    "  pages INTEGER NOT NULL DEFAULT 0,"
    "  bytes INTEGER NOT NULL,"
    "  mtime_ns INTEGER NOT NULL,"
    "  hash TEXT NOT NULL,"
    "  indexed_at TEXT NOT NULL,"
    "  starts BLOB,"
    "  ocr INTEGER NOT NULL DEFAULT 0,"
    "  hidden TEXT);"
    "CREATE INDEX documents_year ON documents(year);"
    "CREATE TABLE chunks("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL,"
    "  page INTEGER,"
    "  text TEXT NOT NULL);" SCHEMA_LINKS_SQL SCHEMA_FTS_SQL "CREATE TABLE vocab("
    "  key TEXT NOT NULL,"
    "  form TEXT NOT NULL,"
    "  PRIMARY KEY (key, form)) WITHOUT ROWID;"
    "CREATE TABLE spelling("
    "  word TEXT NOT NULL,"
    "  form TEXT NOT NULL,"
    "  docs INTEGER NOT NULL,"
    "  PRIMARY KEY (word, form)) WITHOUT ROWID;"
    "CREATE TABLE state("
    "  name TEXT PRIMARY KEY,"
    "  value INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE ocr_pages("
    "  hash TEXT NOT NULL,"
    "  page INTEGER NOT NULL,"
    "  engine TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  dpi INTEGER NOT NULL,"
    "  text TEXT,"
    "  error TEXT,"
    "  ms INTEGER NOT NULL,"
    "  used_at INTEGER NOT NULL,"
    "  PRIMARY KEY (hash, page, engine, lang, dpi)) WITHOUT ROWID;" SCHEMA_ACRONYMS_SQL;

static int schema_exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int schema_user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Drops every table, view and trigger of an older layout. */
static int schema_reset(sqlite3 *db, char *err, size_t errlen)
{
    static const char *const drops[] = {
        "DROP TABLE IF EXISTS docs_fts",   "DROP VIEW IF EXISTS docs_text",
        "DROP TABLE IF EXISTS chunks_fts", "DROP TABLE IF EXISTS chunks",
        "DROP TABLE IF EXISTS documents",  "DROP TABLE IF EXISTS vocab",
        "DROP TABLE IF EXISTS ocr_pages",  "DROP TABLE IF EXISTS spelling",
        "DROP TABLE IF EXISTS state",      "DROP TABLE IF EXISTS acronyms",
        "DROP TABLE IF EXISTS links",      "DROP TABLE IF EXISTS contexts",
    };
    for (size_t i = 0; i < sizeof drops / sizeof drops[0]; i++)
        if (schema_exec(db, drops[i], err, errlen) != 0)
            return -1;
    return 0;
}

/* An index written by an older version keeps its page size: once it is
 * emptied for the new layout, a VACUUM (which costs nothing then) outside
 * WAL mode gives it SCHEMA_PAGE_SIZE. Best effort: another process having
 * it open keeps the old size, which only costs room. */
static void schema_page_size(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int size = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        size = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (size == SCHEMA_PAGE_SIZE)
        return;
    if (sqlite3_exec(db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK &&
        sqlite3_exec(db, "PRAGMA page_size=" SCHEMA_STR(SCHEMA_PAGE_SIZE), NULL, NULL, NULL) ==
            SQLITE_OK)
        sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
}

static int schema_create(sqlite3 *db, char *err, size_t errlen)
{
    int version = 0;
    if (schema_user_version(db, &version) != 0) {
        snprintf(err, errlen, "cannot read the index version: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (version == SCHEMA_VERSION)
        return 0;
    if (schema_exec(db, "BEGIN IMMEDIATE", err, errlen) != 0)
        return -1;
    /* Another process may have upgraded it while we waited for the lock. */
    if (schema_user_version(db, &version) == 0 && version == SCHEMA_VERSION)
        return schema_exec(db, "COMMIT", err, errlen);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SCHEMA_VERSION);
    /* Version 8 lacks only the hidden column: its documents, chunks, OCR
     * cache and vocabulary stay (the body's tokens and chunk starts are
     * the same), docs_fts is built again from them. The formats that can
     * hold hidden text (HTML, EPUB's chapters) lose their recorded mtime
     * and hash, so that the indexer's next walk reads them again (their
     * hidden text comes then); PDFs and the others are not read again. */
    static const char upgrade8[] =
        "ALTER TABLE documents ADD COLUMN hidden TEXT;" SCHEMA_LINKS_SQL
        "UPDATE documents SET mtime_ns = 0, hash = '' WHERE format IN ('html', 'epub');"
        "DROP TABLE docs_fts;"
        "DROP VIEW docs_text;" SCHEMA_FTS_SQL "INSERT INTO docs_fts(docs_fts) VALUES('rebuild');";
    /* Version 9 lacks the links and the contexts (a generic title's
     * parent's title, context.h): the view takes them in, which changes
     * no document's text (there are no contexts yet), and the HTML pages
     * lose their mtime and hash, so that the next walk reads them again
     * for their links; the end of that run gives them their contexts. */
    static const char upgrade9[] =
        SCHEMA_LINKS_SQL "UPDATE documents SET mtime_ns = 0, hash = '' WHERE format = 'html';"
                         "DROP VIEW docs_text;" SCHEMA_VIEW_SQL;
    int upgrade = version == 8 || version == 9;
    if (upgrade
            ? schema_exec(db, version == 8 ? upgrade8 : upgrade9, err, errlen) != 0 ||
                  schema_exec(db, pragma, err, errlen) != 0
            : schema_reset(db, err, errlen) != 0 || schema_exec(db, schema_sql, err, errlen) != 0 ||
                  schema_exec(db, pragma, err, errlen) != 0) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (schema_exec(db, "COMMIT", err, errlen) != 0)
        return -1;
    if (!upgrade)
        schema_page_size(db);
    return 0;
}

int schema_has_acronyms(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int found = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'acronyms'",
                           -1, &st, NULL) == SQLITE_OK) {
        int rc = sqlite3_step(st);
        found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(st);
    return found;
}

/* Adds the acronyms table to an index of this version made before it
 * existed; when it has documents, the state row SCHEMA_STATE_ACRONYMS_SCAN
 * asks the end of the run to read them for it (acronym_table_finish). */
static int schema_acronyms(sqlite3 *db, char *err, size_t errlen)
{
    static const char add[] = SCHEMA_ACRONYMS_SQL
        "INSERT INTO state(name, value) SELECT '" SCHEMA_STATE_ACRONYMS_SCAN "', 1"
        " WHERE EXISTS (SELECT 1 FROM documents)";
    int found = schema_has_acronyms(db);
    if (found == 1)
        return 0;
    if (found == 0 && schema_exec(db, "BEGIN IMMEDIATE", err, errlen) != 0)
        return -1;
    /* Another process may have added it while we waited for the lock. */
    if (found == 0 && (found = schema_has_acronyms(db)) == 0 &&
        schema_exec(db, add, err, errlen) != 0) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (found < 0) {
        snprintf(err, errlen, "cannot read the index tables: %s", sqlite3_errmsg(db));
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return schema_exec(db, "COMMIT", err, errlen);
}

void schema_sqlite_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

fts5_api *schema_fts5(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int schema_fts5_function(sqlite3 *db, const char *name, fts5_extension_function fn, char *err,
                         size_t errlen)
{
    fts5_api *api = schema_fts5(db);
    if (!api || api->iVersion < 2) {
        snprintf(err, errlen, "FTS5 is not available in this SQLite");
        return -1;
    }
    if (api->xCreateFunction(api, name, NULL, fn, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot register %s: %s", name, sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

int schema_open(const char *path, int flags, sqlite3 **out, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    int readonly = flags & SCHEMA_READONLY;
    int oflags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    oflags |= SQLITE_OPEN_NOMUTEX;

    *out = NULL;
    if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open index %s: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    if (analyzer_register(db, err, errlen) != 0)
        goto fail;
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 10000);
    if (!readonly) {
        /* Chunks are rows of about 2 KB: 4 KB pages held one each (a fifth
         * of the chunks' pages was empty: 83 MiB for 63 MiB of text on the
         * scale corpus, 65.5 MiB with 16 KB pages). It takes on a new file
         * (schema_page_size does it for an upgraded one). */
        if (schema_exec(db, "PRAGMA page_size=" SCHEMA_STR(SCHEMA_PAGE_SIZE), err, errlen) != 0 ||
            schema_exec(db, "PRAGMA journal_mode=WAL", err, errlen) != 0 ||
            schema_exec(db, "PRAGMA synchronous=NORMAL", err, errlen) != 0)
            goto fail;
        if (schema_create(db, err, errlen) != 0 || schema_acronyms(db, err, errlen) != 0)
            goto fail;
    } else {
        int version = 0;
        if (schema_user_version(db, &version) != 0) {
            snprintf(err, errlen, "cannot read index %s: %s", path, sqlite3_errmsg(db));
            goto fail;
        }
        if (version != SCHEMA_VERSION) {
            snprintf(err, errlen,
                     "%s is not a Repère index of this version (found %d, want %d): "
                     "run the indexer on it first",
                     path, version, SCHEMA_VERSION);
            goto fail;
        }
    }
    *out = db;
    return 0;
fail:
    sqlite3_close_v2(db);
    return -1;
}

static int schema_check_one(sqlite3 *db, const char *sql, int expect_ok_row, char *err,
                            size_t errlen)
{
    sqlite3_stmt *st = NULL;
    int result = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", sql, sqlite3_errmsg(db));
        return -1;
    }
    int rc = sqlite3_step(st);
    if (expect_ok_row) {
        const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
        if (v && strcmp((const char *)v, "ok") == 0)
            result = 0;
        else
            snprintf(err, errlen, "integrity_check: %s", v ? (const char *)v : sqlite3_errmsg(db));
    } else if (rc == SQLITE_DONE) {
        result = 0;
    } else {
        snprintf(err, errlen, "%s: %s", sql, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return result;
}

int schema_check(sqlite3 *db, char *err, size_t errlen)
{
    if (schema_check_one(db, "PRAGMA integrity_check", 1, err, errlen) != 0)
        return -1;
    return schema_check_one(db, "INSERT INTO docs_fts(docs_fts) VALUES('integrity-check')", 0, err,
                            errlen);
}

uint32_t schema_start_bits(const unsigned char *starts, size_t k)
{
    uint32_t v = 0;
    for (int j = 0; j < SCHEMA_STARTS_BYTES; j++)
        v |= (uint32_t)starts[k * SCHEMA_STARTS_BYTES + j] << (8 * j);
    return v;
}
