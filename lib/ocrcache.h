/* ocrcache: what OCR read on each page, kept in the index (table ocr_pages
 * of schema.h) under the file content's SHA-256, the page, and the engine,
 * language and resolution that read it, so that no page is read twice: not
 * when the file is indexed again, moved, or copied. Entries outlive their
 * documents and are pruned when long unused (ocrcache_prune). Written by
 * the indexer inside its transactions; knows nothing of OCR itself. */
#ifndef REPERE_OCRCACHE_H
#define REPERE_OCRCACHE_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct ocrcache ocrcache;

/* Prepares the statements on db (opened read-write by schema_open; not
 * owned) for entries of engine, lang and dpi (strings copied). Returns 0,
 * or -1 with err set. */
int ocrcache_open(sqlite3 *db, const char *engine, const char *lang, int dpi, ocrcache **out,
                  char *err, size_t errlen);
void ocrcache_close(ocrcache *c); /* NULL is fine */

/* Looks up page of the content hash. Returns 1 when cached, with *text
 * (malloc'd) or, for a page that could not be read, *text NULL and the
 * reason in *error (malloc'd); the entry is marked used at now (seconds).
 * Returns 0 when not cached, -1 with err set on a database error. */
int ocrcache_get(ocrcache *c, const char *hash, int page, long long now, char **text, char **error,
                 char *err, size_t errlen);

/* Records what was read on page (text), or why it could not be (text NULL,
 * error), and the CPU milliseconds it took. Returns 0, or -1 with err. */
int ocrcache_put(ocrcache *c, const char *hash, int page, const char *text, const char *error,
                 int ms, long long now, char *err, size_t errlen);

/* Removes the entries unused since before `before` (seconds) that can no
 * longer serve: of a content no document has, or read by another engine,
 * language or resolution. *removed gets their number. Returns 0, or -1. */
int ocrcache_prune(ocrcache *c, long long before, long long *removed, char *err, size_t errlen);

#endif
