/* Unit tests of lib/store.c: add, replace (same id, old words gone),
 * delete, touch, listing, batched transactions, a failed put leaving the
 * batch intact; the FTS5 integrity-check must pass after each step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "schema.h"
#include "store.h"

typedef struct {
    char *dir;
    char *path;
    sqlite3 *db;
    store *st;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    char err[256];
    fx->dir = g_dir_make_tmp("storeXXXXXX", NULL);
    fx->path = g_build_filename(fx->dir, "index.db", NULL);
    if (schema_open(fx->path, SCHEMA_READWRITE, &fx->db, err, sizeof err) != 0 ||
        store_open(fx->db, &fx->st, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    store_close(fx->st);
    sqlite3_close_v2(fx->db);
    char *cmd = g_strdup_printf("rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    g_free(cmd);
    g_free(fx->path);
    g_free(fx->dir);
    free(fx);
    return rc == 0 ? 0 : -1;
}

/* A document built by hand (the struct is public; extract_* not needed). */
static void make_doc(extract_doc *doc, extract_chunk *chunks, const char *title, const char *word)
{
    memset(doc, 0, sizeof *doc);
    doc->format = EXTRACT_FORMAT_PDF;
    doc->title = (char *)title;
    doc->date = (char *)"2018-01-27";
    doc->headings = (char *)"Introduction";
    doc->pages = 2;
    chunks[0] = (extract_chunk){.page = 1, .heading = (char *)"Introduction", .text = (char *)word};
    chunks[1] = (extract_chunk){.page = 2, .heading = NULL, .text = (char *)"page deux"};
    doc->chunks = chunks;
    doc->n_chunks = doc->cap_chunks = 2;
}

static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void assert_consistent(sqlite3 *db)
{
    char err[256] = "";
    int rc = schema_check(db, err, sizeof err);
    if (rc != 0)
        fail_msg("schema_check: %s", err);
}

static const store_file file_a = {.path = "corpus/a.pdf",
                                  .url = "file:///x/corpus/a.pdf",
                                  .bytes = 10,
                                  .mtime_ns = 5,
                                  .hash = "aaaa"};

static void test_put_replace_delete(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    int added = -1;
    sqlite3_int64 id = 0, id2 = 0;

    make_doc(&doc, chunks, "Rapport annuel", "mineurs accompagnés");
    assert_int_equal(store_put(fx->st, &file_a, &doc, &added, &id, err, sizeof err), -1);
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_true(store_in_transaction(fx->st));
    assert_int_equal(store_put(fx->st, &file_a, &doc, &added, &id, err, sizeof err), 0);
    assert_int_equal(added, 1);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_false(store_in_transaction(fx->st));
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 2);
    assert_int_equal(query_int(fx->db, "SELECT year FROM documents"), 2018);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks WHERE page IS NULL"), 0);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'mineurs'"),
                     id);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'deux'"),
                     1);
    /* Where each chunk starts in the body: 0, then after the 2 words of
     * the first. */
    assert_int_equal(query_int(fx->db, "SELECT hex(starts) = '0000000002000000' FROM documents"),
                     1);
    /* The forms, by the keys a query word finds them by. */
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM vocab WHERE key = 'accompagn'"
                                       " AND form = 'accompagnés'"),
                     1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM vocab WHERE key = '~accompagnes'"
                                       " AND form = 'accompagnés'"),
                     1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM vocab WHERE key = 'mineur'"), 1);

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    make_doc(&doc, chunks, "Rapport annuel", "exploitation");
    assert_int_equal(store_put(fx->st, &file_a, &doc, &added, &id2, err, sizeof err), 0);
    assert_int_equal(added, 0);
    assert_int_equal(id2, id);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'mineurs'"), 0);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'exploitation'"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 2);

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_delete(fx->st, id, err, sizeof err), 0);
    assert_int_equal(store_delete(fx->st, id + 100, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 0);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'exploitation'"), 0);
}

typedef struct {
    int n;
    char path[64];
    char url[64];
    long long mtime;
    char hash[STORE_HASH_LEN];
} seen;

static int collect(void *ctx, const store_entry *e)
{
    seen *s = ctx;
    s->n++;
    snprintf(s->path, sizeof s->path, "%s", e->path);
    snprintf(s->url, sizeof s->url, "%s", e->url);
    snprintf(s->hash, sizeof s->hash, "%s", e->hash);
    s->mtime = e->mtime_ns;
    return 0;
}

static void test_touch_and_each(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    sqlite3_int64 id = 0;
    seen s = {0};

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    make_doc(&doc, chunks, "Titre", "texte");
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_touch(fx->st, id, 99, NULL, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_int_equal(store_each(fx->st, collect, &s, err, sizeof err), 0);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.path, "corpus/a.pdf");
    assert_string_equal(s.url, "file:///x/corpus/a.pdf");
    assert_string_equal(s.hash, "aaaa");
    assert_int_equal(s.mtime, 99);

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_touch(fx->st, id, 100, "https://e.org/a.pdf", err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    memset(&s, 0, sizeof s);
    assert_int_equal(store_each(fx->st, collect, &s, err, sizeof err), 0);
    assert_string_equal(s.url, "https://e.org/a.pdf");
    assert_int_equal(s.mtime, 100);
    assert_int_equal(store_touch(fx->st, id, 1, NULL, err, sizeof err), -1);
}

static void test_failed_put_keeps_batch(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    store_file bad = file_a;
    bad.path = "corpus/b.pdf";
    bad.url = NULL; /* violates NOT NULL: this put must fail alone */

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    make_doc(&doc, chunks, "Premier", "alpha");
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, NULL, err, sizeof err), 0);
    make_doc(&doc, chunks, "Second", "beta");
    assert_int_equal(store_put(fx->st, &bad, &doc, NULL, NULL, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    assert_int_equal(store_last_error(fx->st) & 0xff, SQLITE_CONSTRAINT);
    assert_true(store_in_transaction(fx->st));
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 2);
}

static void test_rollback(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];

    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    make_doc(&doc, chunks, "Titre", "texte");
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, NULL, err, sizeof err), 0);
    store_rollback(fx->st);
    assert_false(store_in_transaction(fx->st));
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"), 0);
    assert_consistent(fx->db);
}

/* A document's hidden text (extract_doc.hidden) is indexed in docs_fts's
 * hidden column, not in its body nor its chunks, and taken out with it. */
static void test_hidden_column(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    sqlite3_int64 id = 0;
    make_doc(&doc, chunks, "Statistiques", "statistiques du document");
    doc.hidden = (char *)"Mots : nombre de mots";
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 2);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'mots'"),
                     id);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'hidden : mots'"), 1);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'body : mots'"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM vocab WHERE key = 'mot'"), 1);
    /* Replaced: the old hidden words leave the index. */
    doc.hidden = (char *)"Images";
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'mots'"),
                     0);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'images'"), 1);
}

/* Rewrites fx's index into an older layout with the SQL downgrade (which
 * sets user_version to found), closes it, and checks that it is refused
 * read-only and upgraded in place read-write: fx->db is open on it after. */
static void downgrade_and_upgrade(fixture *fx, const char *downgrade, int found)
{
    char err[256], want[96];
    sqlite3 *db = NULL;
    char *dmsg = NULL;
    if (sqlite3_exec(fx->db, downgrade, NULL, NULL, &dmsg) != SQLITE_OK)
        fail_msg("downgrade: %s", dmsg);
    store_close(fx->st);
    fx->st = NULL;
    sqlite3_close_v2(fx->db);
    fx->db = NULL;

    assert_int_equal(schema_open(fx->path, SCHEMA_READONLY, &db, err, sizeof err), -1);
    snprintf(want, sizeof want, "not a Repère index of this version (found %d, want %d)", found,
             SCHEMA_VERSION);
    assert_non_null(strstr(err, want));
    assert_int_equal(schema_open(fx->path, SCHEMA_READWRITE, &fx->db, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(query_int(fx->db, "PRAGMA user_version"), SCHEMA_VERSION);
}

/* An index of version 8 (no hidden column) is refused read-only and
 * upgraded in place read-write: its documents, chunks, vocabulary and OCR
 * cache stay, found as before, with no hidden text. */
static void test_upgrade_from_8(void **state)
{
    fixture *fx = *state;
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    sqlite3_int64 id = 0;
    sqlite3_int64 html_id = 0;
    static const store_file page = {.path = "corpus/faq.html",
                                    .url = "file:///x/corpus/faq.html",
                                    .bytes = 10,
                                    .mtime_ns = 7,
                                    .hash = "bbbb"};
    make_doc(&doc, chunks, "Questions", "saisir le juge");
    doc.format = EXTRACT_FORMAT_HTML;
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &page, &doc, NULL, &html_id, err, sizeof err), 0);
    make_doc(&doc, chunks, "Rapport annuel", "mineurs accompagnés");
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    long long forms = query_int(fx->db, "SELECT count(*) FROM vocab");
    /* Version 8's layout, with the same rows. */
    static const char downgrade[] =
        "DROP TABLE docs_fts; DROP VIEW docs_text; DROP TABLE links; DROP TABLE contexts;"
        "ALTER TABLE documents DROP COLUMN hidden;"
        "CREATE VIEW docs_text(id, title, headings, body) AS"
        "  SELECT d.id, d.title,"
        "    trim(coalesce(d.headings, '') || char(10) || coalesce(d.description, ''), char(10)),"
        "    (SELECT group_concat(c.text, char(10)) FROM"
        "       (SELECT text FROM chunks WHERE id BETWEEN (d.id << 20) AND (d.id << 20) + 1048575"
        "        ORDER BY id) AS c)"
        "  FROM documents d;"
        "CREATE VIRTUAL TABLE docs_fts USING fts5(title, headings, body,"
        "  content='docs_text', content_rowid='id', tokenize='" ANALYZER_TOKENIZER "');"
        "INSERT INTO docs_fts(docs_fts) VALUES('rebuild');"
        "INSERT INTO ocr_pages VALUES ('h', 1, 'e', 'fra', 300, 'lu', NULL, 5, 1);"
        "PRAGMA user_version = 8;";
    downgrade_and_upgrade(fx, downgrade, 8);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM chunks"), 4);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM ocr_pages"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM vocab"), forms);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents WHERE hidden IS NULL"), 2);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'mineurs'"),
                     id);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'juge'"),
                     html_id);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"
                                       " WHERE hex(starts) = '0000000002000000'"),
                     1);
    /* The HTML page is to be read again at the next run (its hidden text);
     * the PDF keeps what the walk compares, so it is not. */
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"
                                       " WHERE path = 'corpus/faq.html' AND mtime_ns = 0"
                                       " AND hash = ''"),
                     1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"
                                       " WHERE path = 'corpus/a.pdf' AND mtime_ns = 5"
                                       " AND hash = 'aaaa'"),
                     1);
    /* The writer works on it as on a new one. */
    assert_int_equal(store_open(fx->db, &fx->st, err, sizeof err), 0);
    doc.hidden = (char *)"Nombre de mots";
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    assert_consistent(fx->db);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'hidden : mots'"), 1);
}

/* An HTML page of chunks « word » and « page deux », titled title, with
 * links (extract_doc.links). */
static void put_page(fixture *fx, const char *path, const char *title, const char *word,
                     const char *links, sqlite3_int64 *id)
{
    char err[256];
    extract_doc doc;
    extract_chunk chunks[2];
    store_file f = {.path = path, .url = path, .bytes = 10, .mtime_ns = 5, .hash = "cccc"};
    make_doc(&doc, chunks, title, word);
    doc.format = EXTRACT_FORMAT_HTML;
    doc.pages = 0;
    doc.links = (char *)links;
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &f, &doc, NULL, id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
}

static void finish(fixture *fx)
{
    char err[256];
    if (store_finish(fx->st, err, sizeof err) != 0)
        fail_msg("store_finish: %s", err);
    assert_consistent(fx->db);
}

/* A page whose title another page has gets, at the end of the run, the
 * title of the page that lists it under that title as its body's first
 * paragraph (context.h): found by it, its chunks' starts moved past it;
 * it loses it when its title is its own again, and when the parent goes. */
static void test_contexts(void **state)
{
    fixture *fx = *state;
    sqlite3_int64 parent = 0, child = 0, other = 0, x = 0;
    put_page(fx, "site/users/samba.html", "Samba", "réglages",
             "site/users/node23.html\tinformations générales\nsite/users/samba.html\tsamba\n",
             &parent);
    put_page(fx, "site/users/node23.html", "Informations générales", "répertoire home", NULL,
             &child);
    put_page(fx, "site/groups/node12.html", "Informations  Générales", "adresse", NULL, &other);
    /* A link with another text, or to a page whose title is its own, is no parent's. */
    put_page(fx, "site/groups/mail.html", "Mail", "messagerie",
             "site/groups/node12.html\tle groupe\nsite/users/samba.html\tsamba\n", &x);
    finish(fx);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 1);
    assert_int_equal(query_int(fx->db, "SELECT doc_id FROM contexts WHERE text = 'Samba'"), child);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'body : samba'"), 1);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH"
                                       " 'body : samba AND body : home'"),
                     child);
    /* « Samba », one token, before the chunks. */
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT hex(starts) FROM documents WHERE id = %lld",
             (long long)child);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(fx->db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "0100000003000000");
    sqlite3_finalize(s);
    /* The spelling table counts the context's words. */
    assert_int_equal(query_int(fx->db, "SELECT docs FROM spelling WHERE word = 'samba'"), 2);
    /* Nothing changed: nothing decided again, nothing written. */
    finish(fx);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 1);
    /* The parent's new title moves the context. */
    put_page(fx, "site/users/samba.html", "Samba et Windows", "réglages",
             "site/users/node23.html\tinformations générales\n", &parent);
    finish(fx);
    assert_int_equal(
        query_int(fx->db, "SELECT doc_id FROM contexts WHERE text = 'Samba et Windows'"), child);
    assert_int_equal(
        query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'body : windows'"),
        1);
    /* The other page's title is its own now: the child's is no longer
     * generic, its body what it was. */
    put_page(fx, "site/groups/node12.html", "Adresse du groupe", "adresse", NULL, &other);
    finish(fx);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH"
                                       " 'body : windows'"),
                     0);
    snprintf(sql, sizeof sql,
             "SELECT hex(starts) = '0000000002000000' FROM documents WHERE id = %lld",
             (long long)child);
    assert_int_equal(query_int(fx->db, sql), 1);
    assert_int_equal(query_int(fx->db, "SELECT docs FROM spelling WHERE word = 'samba'"), 1);
    /* Generic again, then the parent goes: so does the context. */
    put_page(fx, "site/groups/node12.html", "Informations générales", "adresse", NULL, &other);
    finish(fx);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 1);
    char err[256];
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_delete(fx->st, parent, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    finish(fx);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM links"), 1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH"
                                       " 'samba'"),
                     0);
}

/* An index of version 9 (no links, no contexts) is refused read-only and
 * upgraded in place read-write: its documents stay, found as before, and
 * its HTML pages are to be read again (for their links). */
static void test_upgrade_from_9(void **state)
{
    fixture *fx = *state;
    char err[256];
    sqlite3_int64 html_id = 0, id = 0;
    extract_doc doc;
    extract_chunk chunks[2];
    put_page(fx, "corpus/faq.html", "Questions", "saisir le juge", NULL, &html_id);
    make_doc(&doc, chunks, "Rapport annuel", "mineurs accompagnés");
    assert_int_equal(store_begin(fx->st, err, sizeof err), 0);
    assert_int_equal(store_put(fx->st, &file_a, &doc, NULL, &id, err, sizeof err), 0);
    assert_int_equal(store_commit(fx->st, err, sizeof err), 0);
    static const char downgrade[] =
        "DROP TABLE links; DROP TABLE contexts; DROP VIEW docs_text;"
        "CREATE VIEW docs_text(id, title, headings, body, hidden) AS"
        "  SELECT d.id, d.title,"
        "    trim(coalesce(d.headings, '') || char(10) || coalesce(d.description, ''), char(10)),"
        "    (SELECT group_concat(c.text, char(10)) FROM"
        "       (SELECT text FROM chunks WHERE id BETWEEN (d.id << 20) AND (d.id << 20) + 1048575"
        "        ORDER BY id) AS c),"
        "    d.hidden"
        "  FROM documents d;"
        "DELETE FROM state WHERE name = 'contexts_stale';"
        "PRAGMA user_version = 9;";
    downgrade_and_upgrade(fx, downgrade, 9);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM links"), 0);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM contexts"), 0);
    assert_int_equal(query_int(fx->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'juge'"),
                     html_id);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"
                                       " WHERE path = 'corpus/faq.html' AND mtime_ns = 0"
                                       " AND hash = ''"),
                     1);
    assert_int_equal(query_int(fx->db, "SELECT count(*) FROM documents"
                                       " WHERE path = 'corpus/a.pdf' AND mtime_ns = 5"
                                       " AND hash = 'aaaa'"),
                     1);
    assert_int_equal(store_open(fx->db, &fx->st, err, sizeof err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_replace_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_touch_and_each, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_put_keeps_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hidden_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contexts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_9, setup, teardown),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
