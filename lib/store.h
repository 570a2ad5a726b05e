/* store: the write side of the index. Lists the documents already indexed,
 * puts a document with its chunks, deletes one, records a new mtime, all
 * following the write protocol of schema.h and inside transactions the
 * caller batches (store_begin / store_commit). Does not open the database
 * (schema_open does) nor read files (the indexer and extract do). */
#ifndef REPERE_STORE_H
#define REPERE_STORE_H

#include <sqlite3.h>
#include <stddef.h>

#include "extract.h"

/* SHA-256 in lowercase hex, plus the NUL. */
#define STORE_HASH_LEN 65

typedef struct store store;

/* What the index knows of a document already there (store_each). */
typedef struct {
    sqlite3_int64 id;
    const char *path;
    const char *url;
    sqlite3_int64 bytes;
    sqlite3_int64 mtime_ns;
    const char *hash;
    const char *format; /* extract_format_name */
    int ocr;            /* SCHEMA_OCR_* */
} store_entry;

/* What the indexer knows of the file a document comes from (store_put). */
typedef struct {
    const char *path; /* normalised path as walked: the document's key */
    const char *url;
    sqlite3_int64 bytes;
    sqlite3_int64 mtime_ns;
    const char *hash;
    sqlite3_int64 id; /* a new document's id; 0: the next free one */
    int ocr;          /* what OCR left to do (SCHEMA_OCR_*) */
} store_file;

/* Prepares the statements on db (opened by schema_open, read-write). The
 * store does not own db. Returns 0, or -1 with err set. */
int store_open(sqlite3 *db, store **out, char *err, size_t errlen);
/* Rolls back an open transaction, finalises the statements. NULL is fine. */
void store_close(store *st);

/* Calls fn for every indexed document; the entry's strings live only during
 * the call. A non-zero return from fn stops the listing and is returned. */
typedef int (*store_each_fn)(void *ctx, const store_entry *entry);
int store_each(store *st, store_each_fn fn, void *ctx, char *err, size_t errlen);

/* Transactions: every write below must happen between store_begin and
 * store_commit. store_in_transaction says whether one is open. */
int store_begin(store *st, char *err, size_t errlen);
int store_commit(store *st, char *err, size_t errlen);
void store_rollback(store *st);
int store_in_transaction(const store *st);

/* Adds the document of file f, or replaces the one with the same path (it
 * keeps its id). *added (when not NULL) is set to 1 for a new document, 0
 * for a replaced one; *id (when not NULL) to its id. A failure leaves the
 * transaction as it was before the call. Returns 0, or -1 with err set. */
int store_put(store *st, const store_file *f, const extract_doc *doc, int *added, sqlite3_int64 *id,
              char *err, size_t errlen);

/* Removes document id with its chunks. Returns 0 (also when there is no
 * such document), or -1 with err set. */
int store_delete(store *st, sqlite3_int64 id, char *err, size_t errlen);

/* The run's last step, outside a transaction (it makes its own): fills the
 * acronyms table of an index made before it, and tells readers to reload
 * it when documents changed (acronym_table_finish); when
 * documents changed since the spelling table was written, brings it up to
 * date: adds the changes this store counted (spell_apply: a row per form
 * whose count changed) when they are the only ones, else rewrites it
 * (spell_write: a pass over the whole index, 3 billion instructions for
 * ten thousand documents), after an interrupted run or beside another
 * writer; and merges docs_fts's segments, which queries read faster the
 * fewer they are: into one (FTS5's 'optimize', a rewrite of its whole
 * index: 1.8 billion instructions for ten thousand documents) once the
 * runs since the last one changed 1/8 of the documents, in a run that
 * changed at least 1/64 of them; else by a 'merge' of at most 1,000 pages
 * that leaves the large segment alone. Returns 0, or -1 with err set. */
int store_finish(store *st, char *err, size_t errlen);

/* The forms the store's vocabulary keeps from one transaction to the next
 * (vocab_set_max_forms): tests lower it to see the spelling table counted
 * again once it let them go. */
void store_set_max_forms(store *st, size_t max_forms);

/* SQLite result code (SQLITE_FULL, SQLITE_IOERR_…, SQLITE_CONSTRAINT_…) of
 * the last failed call, for the caller to tell a bad document from an index
 * in trouble; SQLITE_OK when none failed yet. */
int store_last_error(const store *st);

/* The file of document id changed mtime (and maybe url) but not content. */
int store_touch(store *st, sqlite3_int64 id, sqlite3_int64 mtime_ns, const char *url, char *err,
                size_t errlen);

#endif
