/* schema: opens the index file (one SQLite database in WAL mode), registers
 * the French tokenizer, creates or upgrades the tables. Both programs open
 * the index only through here.
 *
 * Tables (SCHEMA_VERSION in PRAGMA user_version):
 *   documents(id, path UNIQUE, url, format, title, date, year, description,
 *             headings, pages, bytes, mtime_ns, hash, indexed_at)
 *   chunks(id = doc_id << SCHEMA_CHUNK_BITS | seq, doc_id, seq, page, heading, text)
 *   chunks_fts  FTS5(heading, text), external content = chunks, kept by
 *               triggers: finds the best passage (and PDF page) of a document
 *               with a rowid range restricted to that document.
 *   docs_text   view: one row per document (id, title, headings, body) where
 *               body is the document's chunks joined in order.
 *   docs_fts    FTS5(title, headings, body), external content = docs_text:
 *               matching and ranking whole documents.
 *
 * Write protocol (store.c): insert the documents row and its chunks, then
 *   INSERT INTO docs_fts(rowid, title, headings, body)
 *       SELECT id, title, headings, body FROM docs_text WHERE id = ?;
 * Before deleting or replacing a document:
 *   INSERT INTO docs_fts(docs_fts, rowid, title, headings, body)
 *       SELECT 'delete', id, title, headings, body FROM docs_text WHERE id = ?;
 * then delete its chunks and row. All in one transaction. */
#ifndef REPERE_SCHEMA_H
#define REPERE_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

/* Bumped whenever the tables or the tokens the analyzer emits change: an
 * index written by another version is rebuilt, never queried. */
#define SCHEMA_VERSION 4
#define SCHEMA_CHUNK_BITS 20
#define SCHEMA_CHUNK_ID(doc_id, seq) (((sqlite3_int64)(doc_id) << SCHEMA_CHUNK_BITS) | (seq))
#define SCHEMA_CHUNK_MAX ((1 << SCHEMA_CHUNK_BITS) - 1)

enum {
    SCHEMA_READWRITE = 0, /* create the file and tables when missing */
    SCHEMA_READONLY = 1,  /* searchd: never writes; fails when the index is missing */
};

/* Opens path. On success *db is set (close with sqlite3_close_v2) and 0 is
 * returned; on failure returns -1, *db is NULL and err holds the reason. A
 * read-write open of an index of another SCHEMA_VERSION empties it (the
 * indexer then re-reads every file); a read-only open of one fails. */
int schema_open(const char *path, int flags, sqlite3 **db, char *err, size_t errlen);

/* The FTS5 API of db (for registering tokenizers and auxiliary
 * functions), or NULL when SQLite was built without FTS5. */
fts5_api *schema_fts5(sqlite3 *db);

/* Runs PRAGMA integrity_check and the FTS5 integrity-check of both tables.
 * Returns 0 when all pass, else -1 with the first problem in err. */
int schema_check(sqlite3 *db, char *err, size_t errlen);

#endif
