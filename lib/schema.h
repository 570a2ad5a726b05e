/* schema: opens the index file (one SQLite database in WAL mode, 16 KB
 * pages), registers the French tokenizer, creates or upgrades the tables.
 * Both programs open the index only through here. */
#ifndef REPERE_SCHEMA_H
#define REPERE_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Tables (SCHEMA_VERSION in PRAGMA user_version):
 *   documents(id, path UNIQUE, url, format, title, date, year, description,
 *             headings, pages, bytes, mtime_ns, hash, indexed_at, starts, ocr,
 *             hidden)
 *             hidden: the text a visitor sees once a click or a script
 *             shows it (extract_doc.hidden), NULL for none and for the
 *             documents of an index upgraded from version 8 until the
 *             indexer reads them again (HTML and EPUB at its next run).
 *             starts: for each chunk, the token position of its first word
 *             in docs_fts's body (SCHEMA_STARTS_BYTES each, little-endian),
 *             with SCHEMA_STARTS_KEYWORDS on a last chunk of keywords.
 *             ocr: what OCR left to do on the file (SCHEMA_OCR_*).
 *   chunks(id = doc_id << SCHEMA_CHUNK_BITS | seq, doc_id, page, text):
 *             the document's passages (a PDF page, an HTML section), then
 *             its keywords, if any, on no page.
 *   docs_text view: one row per document (id, title, headings, body,
 *             hidden) where body is the document's context, if any, and
 *             chunks joined in order by "\n".
 *   docs_fts  FTS5(title, headings, body, hidden), external content =
 *             docs_text (hidden is SCHEMA_HIDDEN_COLUMN, weighed apart):
 *             the one full-text index. Whole documents match (words on two
 *             pages match together); a hit's position in body, against the
 *             chunks' pos, names its chunk (snippets and PDF pages).
 *   vocab(key, form): the forms docs_fts indexes by the keys a query word
 *             is matched by (vocab.h).
 *   spelling(word, form, docs): the forms docs_fts indexes now, for the
 *             spelling corrections (spell.h): word is the form's unaccented
 *             spelling, form the form when it has accents ('' when it is
 *             word), docs how many documents have it. Brought up to date
 *             by the last step of a writer's run that changed documents
 *             (store_finish).
 *   acronyms(doc_id, acronym, expansion): the acronyms each document's
 *             text defines (acronym.h: « PJJ », « protection judiciaire de
 *             la jeunesse »), written and deleted with the document
 *             (acronym_table.h); the query side reads them as synonyms.
 *             An index of SCHEMA_VERSION 8 made before the table existed
 *             gets it at its next read-write open, with the state row
 *             SCHEMA_STATE_ACRONYMS_SCAN when it has documents: the end of
 *             that run fills it from every document. Readers of an index
 *             without the table see no acronyms.
 *   links(doc_id, list): an HTML document's links to the files of its
 *             tree (links_encode: for each, its text's hash and its target
 *             relative to the document's directory; 5.6 MB for the scale
 *             corpus's 276,000 links), written and deleted with the
 *             document.
 *   contexts(doc_id, text): what an HTML page whose title is generic
 *             (another HTML page has it too) takes from its parent, the
 *             page that lists it under that title: the parent's title
 *             (context.h). docs_text's body is it, "\n", then the chunks:
 *             documents.starts count its tokens, a snippet never shows
 *             it. Decided at the end of a run (store_finish).
 *   state(name, value): SCHEMA_STATE_* rows (integers, but for the OCR
 *             check's record: ocrcheck.h).
 *   ocr_pages(hash, page, engine, lang, dpi, text, error, ms, used_at):
 *             what OCR read on a page of a file's content (ocrcache.h); it
 *             outlives the documents, so that no page is read twice.
 *
 * Write protocol (store.c): insert the documents row, then
 *   INSERT INTO docs_fts(rowid, title, headings, body, hidden)
 *       SELECT id, title, headings, ?body, hidden FROM docs_text WHERE id = ?;
 * with body the chunks' texts joined by "\n" (what docs_text gives once
 * they are in), listening to the tokenizer (analyzer_listen) for the forms
 * (added to vocab) and the position where each chunk starts (documents.
 * starts); then insert the chunks. Before deleting or replacing a document:
 *   INSERT INTO docs_fts(docs_fts, rowid, title, headings, body, hidden)
 *       SELECT 'delete', id, title, headings, body, hidden FROM docs_text
 *       WHERE id = ?;
 * then delete its chunks and row; the writer counts the documents that
 * gain or lose each form (the tokenizer listened to on the delete too).
 * All in one transaction, which also sets the state row
 * SCHEMA_STATE_SPELLING_STALE to the run's mark unless another run's is
 * there. At the end of the run, in a transaction of its own: when that row
 * is there or the run changed documents, add the run's counts to the
 * spelling table when the row holds its mark and the table's generation is
 * the one it found, else rewrite the table from docs_fts; then delete the
 * row and add one to SCHEMA_STATE_SPELLING. */

/* Bumped whenever the tables or the tokens the analyzer emits change: an
 * index written by another version is rebuilt, never queried; but one of
 * version 8, which lacks the hidden column (documents.hidden, docs_
 * fts's hidden), or 9, which lacks the links and contexts tables, is
 * upgraded in place at its next read-write open, its documents,
 * vocabulary and OCR cache kept (schema.c). */
#define SCHEMA_VERSION 10
#define SCHEMA_CHUNK_BITS 20
#define SCHEMA_CHUNK_ID(doc_id, seq) (((sqlite3_int64)(doc_id) << SCHEMA_CHUNK_BITS) | (seq))
#define SCHEMA_CHUNK_MAX ((1 << SCHEMA_CHUNK_BITS) - 1)
#define SCHEMA_STARTS_BYTES 4
/* Set in a chunk's start: the chunk holds the document's keywords
 * (extract_doc.keywords), the last one; positions stay below it. Added
 * within version 8 (a bump would drop the OCR cache): documents indexed
 * before have no keywords chunk until their file changes. */
#define SCHEMA_STARTS_KEYWORDS 0x80000000u
/* Entry k of a documents.starts blob as stored: a chunk's start, with
 * SCHEMA_STARTS_KEYWORDS on a last chunk of keywords. */
uint32_t schema_start_bits(const unsigned char *starts, size_t k);
/* docs_fts's hidden column (its last): the columns before it are the text
 * a visitor sees, whose tokens make a row's length in bm25. */
#define SCHEMA_HIDDEN_COLUMN 3

/* state rows: the spelling table is out of date (documents changed since
 * it was written: present, value the mark of the writer's run that first
 * changed them); the spelling table's generation (one more at each
 * writing), for readers to tell whether to reload it. */
#define SCHEMA_STATE_SPELLING_STALE "spelling_stale"
#define SCHEMA_STATE_SPELLING "spelling"
/* state rows: the acronyms table is new and lacks the documents indexed
 * before it; its generation (one more at each run that changed documents),
 * for readers to tell whether to reload it. */
#define SCHEMA_STATE_ACRONYMS_SCAN "acronyms_scan"
#define SCHEMA_STATE_ACRONYMS "acronyms"
/* state row: HTML documents changed since the contexts were decided
 * (context.h): the end of the run decides them again. */
#define SCHEMA_STATE_CONTEXTS_STALE "contexts_stale"
/* state row: docs_fts changes since its last 'optimize' (store_merge). */
#define SCHEMA_STATE_FTS_CHANGES "fts_changes"
/* state row: the indexer's last OCR check, for searchd's /healthz; the
 * one value that is not an integer but a JSON object as text (ocrcheck.h). */
#define SCHEMA_STATE_OCR "ocr"

/* documents.ocr */
enum {
    SCHEMA_OCR_NONE = 0,    /* nothing left for OCR (every scanned page read, or none) */
    SCHEMA_OCR_PENDING = 1, /* scanned pages left unread: OCR was off or unavailable */
    SCHEMA_OCR_FORCED = 2,  /* every page read by OCR (--ocr force) */
};

enum {
    SCHEMA_READWRITE = 0, /* create the file and tables when missing */
    SCHEMA_READONLY = 1,  /* searchd: never writes; fails when the index is missing */
};

/* Opens path. On success *db is set (close with sqlite3_close_v2) and 0 is
 * returned; on failure returns -1, *db is NULL and err holds the reason. A
 * read-write open of an index of another SCHEMA_VERSION empties it (the
 * indexer then re-reads every file), but for version 8, upgraded in place;
 * a read-only open of one fails. */
int schema_open(const char *path, int flags, sqlite3 **db, char *err, size_t errlen);

/* Has db the acronyms table (an index of this version made before it
 * lacks it until its next read-write open)? 1, 0, or -1 when it cannot
 * tell (sqlite3_errcode(db) says why). */
int schema_has_acronyms(sqlite3 *db);

/* Configures SQLite for the whole process; call it once, before any other
 * SQLite call (sqlite3_config fails silently after sqlite3_initialize).
 * Turns SQLite's memory statistics off: read by nothing here, they put
 * every sqlite3_malloc and sqlite3_free under one process-wide mutex
 * (Debian's build also has no lookaside, so that is every small
 * allocation of every statement). */
void schema_sqlite_config(void);

/* The FTS5 API of db (for registering tokenizers and auxiliary
 * functions), or NULL when SQLite was built without FTS5. */
fts5_api *schema_fts5(sqlite3 *db);

/* Registers fn as the FTS5 auxiliary function name on db (no user data).
 * Returns 0, or -1 with err set when FTS5 is missing or refuses it. */
int schema_fts5_function(sqlite3 *db, const char *name, fts5_extension_function fn, char *err,
                         size_t errlen);

/* Runs PRAGMA integrity_check and the FTS5 integrity-check of docs_fts.
 * Returns 0 when all pass, else -1 with the first problem in err. */
int schema_check(sqlite3 *db, char *err, size_t errlen);

#endif
