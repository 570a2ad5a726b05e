/* acronym_table: the index's acronyms table (schema.h), what each document
 * defines (acronym.c). The writer (store.c) puts a document's rows with the
 * document and takes them out with it; the end of its run fills the table
 * of an index made before it existed and tells readers to reload. The
 * query side reads the pairs with the number of documents defining each
 * (search.c adds them to the synonyms). */
#ifndef REPERE_ACRONYM_TABLE_H
#define REPERE_ACRONYM_TABLE_H

#include <sqlite3.h>
#include <stddef.h>

#include "extract_doc.h"

/* The long forms kept for one acronym: the ones most documents define. */
#define ACRONYM_TABLE_MAX_FORMS 3

typedef struct acronym_table acronym_table;

/* The writer's side, on db opened read-write by schema_open (which makes
 * the table). Returns 0, or -1 with err set. */
int acronym_table_open(sqlite3 *db, acronym_table **out, char *err, size_t errlen);
void acronym_table_close(acronym_table *t);

/* Replaces the rows of document id with the definitions of doc's title,
 * headings, description and chunks. Returns an SQLite code. */
int acronym_table_put(acronym_table *t, sqlite3_int64 id, const extract_doc *doc);
/* Deletes the rows of document id. Returns an SQLite code. */
int acronym_table_delete(acronym_table *t, sqlite3_int64 id);

/* The end of a writer's run, inside its transaction: when the table is
 * new on an index that has documents (SCHEMA_STATE_ACRONYMS_SCAN), reads
 * every document's text for it; when that happened or changed is set,
 * adds one to the table's generation (SCHEMA_STATE_ACRONYMS). Returns an
 * SQLite code. */
int acronym_table_finish(acronym_table *t, int changed);

/* The reader's side: calls fn(ctx, acronym, expansion, docs) for the
 * pairs of db's table (a read-only connection is fine; an index without
 * the table has none), acronym by acronym, for each at most
 * ACRONYM_TABLE_MAX_FORMS long forms, most documents first. A non-zero
 * return of fn stops. Returns an SQLite code. */
typedef int (*acronym_table_fn)(void *ctx, const char *acronym, const char *expansion, long docs);
int acronym_table_each(sqlite3 *db, acronym_table_fn fn, void *ctx);

#endif
