/* store: index writes (documents, chunks, the docs_fts external-content
 * table, the vocabulary, the spelling table, the acronyms each document
 * defines: acronym_table.c) following the write protocol of schema.h.
 * One prepared statement per operation; each store_put runs in a savepoint
 * so a failed document leaves the caller's batch intact. */
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acronym_table.h"
#include "analyzer.h"
#include "buf.h"
#include "context.h"
#include "links.h"
#include "schema.h"
#include "spell.h"
#include "vocab.h"

/* docs_fts is written at commit, for the whole transaction: FTS5 writes its
 * pending terms out as a new segment at every savepoint once it is part of
 * the transaction, which per document cost the writer half its time. The
 * text is analysed once, by FTS5: a listener on the tokenizer collects the
 * forms for the vocabulary and their document counts, and the position
 * where each chunk starts. */

/* store_merge: 'optimize' once the runs since the last one changed 1/8 of
 * the documents, by a run that changed at least 1/64 of them; else a
 * 'merge' of at most 1,000 pages (4 MB). */
#define STORE_OPTIMIZE_SHARE 8
#define STORE_OPTIMIZE_RUN_SHARE 64
#define STORE_MERGE_PAGES 1000

enum {
    ST_LIST,
    ST_FIND,
    ST_TEXT,
    ST_FIELDS,
    ST_FTS_DELETE,
    ST_CHUNKS_DELETE,
    ST_DOC_DELETE,
    ST_DOC_INSERT,
    ST_DOC_UPDATE,
    ST_CHUNK_INSERT,
    ST_FTS_INSERT,
    ST_TOUCH,
    ST_STARTS,
    ST_STALE,
    ST_STALE_BY,
    ST_FRESH,
    ST_GENERATION,
    ST_NEXT_GENERATION,
    ST_OPTIMIZE,
    ST_USERMERGE,
    ST_MERGE,
    ST_DOC_COUNT,
    ST_FTS_CHANGES,
    ST_SET_FTS_CHANGES,
    ST_LINKS_DELETE,
    ST_LINK_INSERT,
    ST_CONTEXT_DELETE,
    ST_CONTEXT_SET,
    ST_CONTEXTS_STALE,
    ST_CONTEXTS_STALE_GET,
    ST_CONTEXTS_FRESH,
    ST_CHUNK_LENGTHS,
    ST_STARTS_GET,
    ST_COUNT
};

static const char *const store_sql[ST_COUNT] = {
    [ST_LIST] = "SELECT id, path, url, bytes, mtime_ns, hash, format, ocr FROM documents",
    [ST_FIND] = "SELECT id, format = 'html' FROM documents WHERE path = ?1",
    [ST_TEXT] = "SELECT title, headings, body, hidden FROM docs_text WHERE id = ?1",
    [ST_FIELDS] = "SELECT title, headings, NULL, hidden FROM docs_text WHERE id = ?1",
    /* VALUES, not INSERT … SELECT: a statement that may write several rows
     * opens a statement savepoint, and with it an FTS5 segment. */
    [ST_FTS_DELETE] = "INSERT INTO docs_fts(docs_fts, rowid, title, headings, body, hidden)"
                      " VALUES ('delete', ?1, ?2, ?3, ?4, ?5)",
    [ST_CHUNKS_DELETE] = "DELETE FROM chunks WHERE id BETWEEN ?1 AND ?2",
    [ST_DOC_DELETE] = "DELETE FROM documents WHERE id = ?1",
    [ST_DOC_INSERT] = "INSERT INTO documents(path, url, format, title, date, year, description,"
                      " headings, pages, bytes, mtime_ns, hash, indexed_at, ocr, hidden, id)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16,"
                      " ?15)",
    [ST_DOC_UPDATE] = "UPDATE documents SET path = ?1, url = ?2, format = ?3, title = ?4,"
                      " date = ?5, year = ?6, description = ?7, headings = ?8, pages = ?9,"
                      " bytes = ?10, mtime_ns = ?11, hash = ?12, indexed_at = ?13, ocr = ?14,"
                      " hidden = ?16 WHERE id = ?15",
    [ST_CHUNK_INSERT] = "INSERT INTO chunks(id, doc_id, page, text) VALUES (?1, ?2, ?3, ?4)",
    [ST_FTS_INSERT] = "INSERT INTO docs_fts(rowid, title, headings, body, hidden)"
                      " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_TOUCH] = "UPDATE documents SET mtime_ns = ?2, url = coalesce(?3, url) WHERE id = ?1",
    [ST_STARTS] = "UPDATE documents SET starts = ?2 WHERE id = ?1",
    [ST_STALE] = "INSERT OR IGNORE INTO state(name, value)"
                 " VALUES ('" SCHEMA_STATE_SPELLING_STALE "', ?1)",
    [ST_STALE_BY] = "SELECT value FROM state WHERE name = '" SCHEMA_STATE_SPELLING_STALE "'",
    [ST_FRESH] = "DELETE FROM state WHERE name = '" SCHEMA_STATE_SPELLING_STALE "'",
    [ST_GENERATION] = "SELECT coalesce((SELECT value FROM state"
                      " WHERE name = '" SCHEMA_STATE_SPELLING "'), 0)",
    [ST_NEXT_GENERATION] = "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_SPELLING "', 1)"
                           " ON CONFLICT(name) DO UPDATE SET value = value + 1",
    [ST_OPTIMIZE] = "INSERT INTO docs_fts(docs_fts) VALUES ('optimize')",
    [ST_USERMERGE] = "INSERT INTO docs_fts(docs_fts, rank) VALUES ('usermerge', 2)",
    [ST_MERGE] = "INSERT INTO docs_fts(docs_fts, rank) VALUES ('merge', ?1)",
    [ST_DOC_COUNT] = "SELECT count(*) FROM documents",
    [ST_FTS_CHANGES] = "SELECT coalesce((SELECT value FROM state"
                       " WHERE name = '" SCHEMA_STATE_FTS_CHANGES "'), 0)",
    [ST_SET_FTS_CHANGES] = "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_FTS_CHANGES
                           "', ?1) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    [ST_LINKS_DELETE] = "DELETE FROM links WHERE doc_id = ?1",
    [ST_LINK_INSERT] = "INSERT INTO links(doc_id, list) VALUES (?1, ?2)",
    [ST_CONTEXT_DELETE] = "DELETE FROM contexts WHERE doc_id = ?1",
    [ST_CONTEXT_SET] = "INSERT OR REPLACE INTO contexts(doc_id, text) VALUES (?1, ?2)",
    [ST_CONTEXTS_STALE] = "INSERT OR IGNORE INTO state(name, value)"
                          " VALUES ('" SCHEMA_STATE_CONTEXTS_STALE "', 1)",
    [ST_CONTEXTS_STALE_GET] = "SELECT count(*) FROM state"
                              " WHERE name = '" SCHEMA_STATE_CONTEXTS_STALE "'",
    [ST_CONTEXTS_FRESH] = "DELETE FROM state WHERE name = '" SCHEMA_STATE_CONTEXTS_STALE "'",
    [ST_CHUNK_LENGTHS] = "SELECT length(CAST(text AS BLOB)) FROM chunks WHERE id BETWEEN ?1 AND ?2"
                         " ORDER BY id",
    [ST_STARTS_GET] = "SELECT starts FROM documents WHERE id = ?1",
};

/* A change to docs_fts waiting for the commit, with the values it is made
 * with (a 'delete' needs the exact ones the document was indexed with). */
typedef struct {
    sqlite3_int64 id;
    int remove;                    /* take the document out; else index it */
    char *title, *headings, *body, *hidden; /* NULL: SQL NULL */
    size_t body_len;
    size_t *start; /* indexing: where chunk k starts in body (bytes) */
    size_t n;      /* indexing: chunks */
    int keywords;  /* indexing: the last chunk holds the document's keywords */
} store_fts_op;

struct store {
    sqlite3 *db;
    vocab *vocab;
    acronym_table *acronyms; /* what each document defines */
    sqlite3_stmt *st[ST_COUNT];
    store_fts_op *ops; /* this transaction's docs_fts changes, in order */
    size_t n_ops, cap_ops;
    int in_tx;
    int last_error; /* SQLite result code of the last failure */
    /* The spelling table (store_finish): this run's mark (the value of its
     * SCHEMA_STATE_SPELLING_STALE row), whether this transaction wrote it,
     * whether the run changed documents, the table's generation when it
     * first did, and whether another run's changes are missing from the
     * table (the table must then be rewritten, not updated). */
    sqlite3_int64 run;
    int marked, changed, recount;
    sqlite3_int64 generation;
    /* docs_fts changes committed since store_finish (an update is two: a
     * removal and an addition), for the choice of its merge. */
    sqlite3_int64 fts_changes;
};

static int store_fail(store *st, const char *what, char *err, size_t errlen)
{
    st->last_error = sqlite3_errcode(st->db);
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(st->db));
    return -1;
}

int store_last_error(const store *st)
{
    return st->last_error;
}

void store_set_max_forms(store *st, size_t max_forms)
{
    vocab_set_max_forms(st->vocab, max_forms);
}

static int store_exec(store *st, const char *sql, char *err, size_t errlen)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(st, "cannot write the index", err, errlen);
    return 0;
}

/* Runs a prepared statement that returns no row, then resets it. */
static int store_step_done(store *st, int which, char *err, size_t errlen)
{
    sqlite3_stmt *s = st->st[which];
    int rc = sqlite3_step(s);
    int result = rc == SQLITE_DONE ? 0 : store_fail(st, "cannot write the index", err, errlen);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return result;
}

int store_open(sqlite3 *db, store **out, char *err, size_t errlen)
{
    store *st = calloc(1, sizeof *st);
    *out = NULL;
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    st->db = db;
    sqlite3_randomness(sizeof st->run, &st->run);
    st->run = (sqlite3_int64)((sqlite3_uint64)st->run >> 1) | 1; /* > 0 */
    if (vocab_open(db, &st->vocab, err, errlen) != 0) {
        free(st);
        return -1;
    }
    if (acronym_table_open(db, &st->acronyms, err, errlen) != 0) {
        vocab_close(st->vocab);
        free(st);
        return -1;
    }
    for (int i = 0; i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(db, store_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->st[i], NULL) !=
            SQLITE_OK) {
            store_fail(st, "cannot prepare the index statements", err, errlen);
            store_close(st);
            return -1;
        }
    }
    *out = st;
    return 0;
}

void store_close(store *st)
{
    if (!st)
        return;
    store_rollback(st);
    free(st->ops);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(st->st[i]);
    vocab_close(st->vocab);
    acronym_table_close(st->acronyms);
    free(st);
}

int store_each(store *st, store_each_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *s = st->st[ST_LIST];
    int result = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *hash = (const char *)sqlite3_column_text(s, 5);
        const char *format = (const char *)sqlite3_column_text(s, 6);
        store_entry e = {
            .id = sqlite3_column_int64(s, 0),
            .path = (const char *)sqlite3_column_text(s, 1),
            .url = (const char *)sqlite3_column_text(s, 2),
            .bytes = sqlite3_column_int64(s, 3),
            .mtime_ns = sqlite3_column_int64(s, 4),
            .hash = hash ? hash : "",
            .format = format ? format : "",
            .ocr = sqlite3_column_int(s, 7),
        };
        if (!e.path || !e.url)
            continue;
        result = fn(ctx, &e);
        if (result != 0)
            break;
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = store_fail(st, "cannot read the index", err, errlen);
    sqlite3_reset(s);
    return result;
}

int store_begin(store *st, char *err, size_t errlen)
{
    if (st->in_tx)
        return 0;
    if (store_exec(st, "BEGIN IMMEDIATE", err, errlen) != 0)
        return -1;
    st->in_tx = 1;
    return 0;
}

static int store_fts_flush(store *st, char *err, size_t errlen);
static void store_fts_clear(store *st);

int store_commit(store *st, char *err, size_t errlen)
{
    size_t n_ops = st->n_ops;
    if (!st->in_tx)
        return 0;
    if (store_fts_flush(st, err, errlen) != 0 || store_exec(st, "COMMIT", err, errlen) != 0) {
        store_rollback(st);
        return -1;
    }
    st->fts_changes += (sqlite3_int64)n_ops;
    st->in_tx = 0;
    st->marked = 0;
    vocab_count_tx(st->vocab, 1);
    return 0;
}

/* Steps a statement that returns one integer; -1 when it returns none. */
static int store_int(store *st, int which, sqlite3_int64 *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = st->st[which];
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the index", err, errlen);
    return 0;
}

/* The documents change in this transaction: the spelling table will be out
 * of date until store_finish. The SCHEMA_STATE_SPELLING_STALE row says so,
 * with the run that first changed documents since the table was written;
 * a run that finds another's there (interrupted, or running beside it)
 * will rewrite the table. Outside the callers' savepoints, so that it
 * stays. */
static int store_mark_stale(store *st, char *err, size_t errlen)
{
    sqlite3_int64 by;
    if (st->marked)
        return 0;
    sqlite3_bind_int64(st->st[ST_STALE], 1, st->run);
    if (store_step_done(st, ST_STALE, err, errlen) != 0 ||
        store_int(st, ST_STALE_BY, &by, err, errlen) != 0)
        return -1;
    if (!st->changed && store_int(st, ST_GENERATION, &st->generation, err, errlen) != 0)
        return -1;
    st->recount |= by != st->run;
    st->marked = st->changed = 1;
    return 0;
}

/* Merges docs_fts's segments at the end of a run. Every query looks each
 * of its words up in every segment, then merges their doclists: the 8 to
 * 13 segments a from-empty run of the scale corpus leaves cost 12-16 % more
 * instructions per query than one. 'optimize' makes one, but rewrites the
 * whole index (6,633 pages of 4 KB for the scale corpus: 1.8 billion
 * instructions, 0.36 s of the 0.60 s a run adding one file took), so it
 * is for when the runs since the last one (SCHEMA_STATE_FTS_CHANGES) made
 * changes to at least 1/STORE_OPTIMIZE_SHARE of the documents, and then
 * only in a run that itself changed at least 1/STORE_OPTIMIZE_RUN_SHARE of
 * them (its own work is then of the same order); and for runs that cannot
 * tell what changed (only_this_run is 0: another run's changes are in, as
 * when the spelling table is counted again). After other runs a 'merge' of
 * at most STORE_MERGE_PAGES pages merges any level of two segments or more
 * (usermerge 2) and carries on a merge a former run left unfinished: the
 * new small segments are merged together in a few pages, not into the
 * large one, so such a run costs at most that budget whatever the size of
 * the index. The large segment keeps the entries of the documents they
 * replaced until the next 'optimize'. */
static int store_merge(store *st, int only_this_run, char *err, size_t errlen)
{
    sqlite3_int64 documents, before;
    if (store_int(st, ST_DOC_COUNT, &documents, err, errlen) != 0 ||
        store_int(st, ST_FTS_CHANGES, &before, err, errlen) != 0)
        return -1;
    sqlite3_int64 since = before + st->fts_changes;
    int optimize = !only_this_run || (since * STORE_OPTIMIZE_SHARE >= documents &&
                                      st->fts_changes * STORE_OPTIMIZE_RUN_SHARE >= documents);
    sqlite3_bind_int64(st->st[ST_SET_FTS_CHANGES], 1, optimize ? 0 : since);
    if (store_step_done(st, ST_SET_FTS_CHANGES, err, errlen) != 0)
        return -1;
    if (optimize)
        return store_step_done(st, ST_OPTIMIZE, err, errlen);
    if (store_step_done(st, ST_USERMERGE, err, errlen) != 0)
        return -1;
    sqlite3_bind_int(st->st[ST_MERGE], 1, STORE_MERGE_PAGES);
    return store_step_done(st, ST_MERGE, err, errlen);
}

static int store_contexts(store *st, char *err, size_t errlen);

int store_finish(store *st, char *err, size_t errlen)
{
    sqlite3_int64 by, generation;
    if (st->in_tx) {
        st->last_error = SQLITE_MISUSE;
        snprintf(err, errlen, "store_finish inside a transaction");
        return -1;
    }
    if (store_contexts(st, err, errlen) != 0 || store_begin(st, err, errlen) != 0)
        return -1;
    if (store_int(st, ST_STALE_BY, &by, err, errlen) != 0 ||
        store_int(st, ST_GENERATION, &generation, err, errlen) != 0)
        goto fail;
    /* The acronyms first: an index made before their table had none. */
    int rc = acronym_table_finish(st->acronyms, st->changed);
    if (rc != SQLITE_OK) {
        store_fail(st, "cannot write the acronyms", err, errlen);
        goto fail;
    }
    if (by < 0 && !st->changed)
        return store_commit(st, err, errlen);
    /* Only this run's changes are missing: add them (unless the vocabulary
     * let its counts go); else count again. */
    int only_this_run = by == st->run && !st->recount && generation == st->generation;
    rc = only_this_run && !vocab_count_lost(st->vocab)
             ? spell_apply(st->db, vocab_count_each, st->vocab, err, errlen)
             : spell_write(st->db, err, errlen);
    if (rc != SQLITE_OK) {
        st->last_error = rc;
        goto fail;
    }
    if (store_merge(st, only_this_run, err, errlen) != 0 ||
        store_step_done(st, ST_FRESH, err, errlen) != 0 ||
        store_step_done(st, ST_NEXT_GENERATION, err, errlen) != 0 ||
        store_commit(st, err, errlen) != 0)
        goto fail;
    vocab_count_clear(st->vocab);
    st->changed = st->recount = 0;
    st->fts_changes = 0;
    return 0;
fail:
    store_rollback(st);
    return -1;
}

void store_rollback(store *st)
{
    if (!st->in_tx)
        return;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
    st->marked = 0;
    store_fts_clear(st);
    vocab_forget(st->vocab);
    vocab_count_tx(st->vocab, 0);
}

int store_in_transaction(const store *st)
{
    return st->in_tx;
}

/* Looks up the id of path; *id = 0 when it is not indexed. *html: the
 * document is an HTML page. */
static int store_find(store *st, const char *path, sqlite3_int64 *id, int *html, char *err,
                      size_t errlen)
{
    sqlite3_stmt *s = st->st[ST_FIND];
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    *html = rc == SQLITE_ROW && sqlite3_column_int(s, 1);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the index", err, errlen);
    return 0;
}

/* ---- docs_fts, written at commit ---- */

static char *store_column_dup(sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return NULL;
    const char *t = (const char *)sqlite3_column_text(s, col);
    return buf_xstrndup(t ? t : "", (size_t)sqlite3_column_bytes(s, col));
}

static void store_fts_op_free(store_fts_op *op)
{
    free(op->title);
    free(op->headings);
    free(op->body);
    free(op->hidden);
    free(op->start);
}

static void store_fts_clear(store *st)
{
    for (size_t i = 0; i < st->n_ops; i++)
        store_fts_op_free(&st->ops[i]);
    st->n_ops = 0;
}

/* Queues op (its strings now the store's). */
static void store_fts_push(store *st, const store_fts_op *op)
{
    if (st->n_ops == st->cap_ops) {
        st->cap_ops = st->cap_ops ? st->cap_ops * 2 : 64;
        st->ops = buf_xrealloc(st->ops, st->cap_ops * sizeof *st->ops);
    }
    st->ops[st->n_ops++] = *op;
}

/* Reads document id's values as docs_fts sees them through docs_text into
 * op: title and headings, and the body when with_body. *found is 0 when
 * there is no such document. */
static int store_fts_values(store *st, sqlite3_int64 id, int with_body, store_fts_op *op,
                            int *found, char *err, size_t errlen)
{
    sqlite3_stmt *s = st->st[with_body ? ST_TEXT : ST_FIELDS];
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (*found) {
        op->id = id;
        op->title = store_column_dup(s, 0);
        op->headings = store_column_dup(s, 1);
        op->hidden = store_column_dup(s, 3);
        if (with_body) {
            op->body = store_column_dup(s, 2);
            op->body_len = op->body ? strlen(op->body) : 0;
        }
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the index", err, errlen);
    return 0;
}

static void store_unlisten_text(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
}

static void store_unlisten_token(void *ctx, int flags, const char *token, size_t len, size_t start,
                                 size_t end)
{
    (void)flags;
    (void)start;
    (void)end;
    vocab_note(ctx, token, len);
}

/* What the tokenizer listener learns while docs_fts indexes a document:
 * every form (for the vocabulary) and, in the body, the position at which
 * each chunk starts (the body is the chunks joined by "\n", so chunk k
 * starts at byte start[k]). */
typedef struct {
    vocab *vocab;
    const char *body;
    size_t body_len;
    const size_t *start; /* bytes */
    int *pos;            /* out: token positions */
    size_t n, next;      /* chunks, and the next one to place */
    int in_body;         /* the text being tokenized is the body */
    int count;           /* positions seen in the body */
} store_listen;

static void store_listen_text(void *ctx, const char *text, size_t len)
{
    store_listen *l = ctx;
    l->in_body = l->body && len == l->body_len && memcmp(text, l->body, len) == 0;
    if (l->in_body) {
        l->next = 0;
        l->count = 0;
    }
}

static void store_listen_token(void *ctx, int flags, const char *token, size_t len, size_t start,
                               size_t end)
{
    store_listen *l = ctx;
    (void)end;
    vocab_note(l->vocab, token, len);
    if (!l->in_body || (flags & ANALYZER_COLOCATED))
        return;
    while (l->next < l->n && l->start[l->next] <= start)
        l->pos[l->next++] = l->count;
    l->count++;
}

static void store_bind_nullable(sqlite3_stmt *s, int col, const char *v, size_t len)
{
    if (v)
        sqlite3_bind_text(s, col, v, (int)len, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, col);
}

/* Takes a document out of docs_fts with the values it was indexed with;
 * the tokenizer tells its forms to the vocabulary, for their counts. */
static int store_fts_remove(store *st, const store_fts_op *op, char *err, size_t errlen)
{
    analyzer_listener listener = {store_unlisten_text, store_unlisten_token, st->vocab};
    sqlite3_stmt *s = st->st[ST_FTS_DELETE];
    sqlite3_bind_int64(s, 1, op->id);
    store_bind_nullable(s, 2, op->title, op->title ? strlen(op->title) : 0);
    store_bind_nullable(s, 3, op->headings, op->headings ? strlen(op->headings) : 0);
    store_bind_nullable(s, 4, op->body, op->body_len);
    store_bind_nullable(s, 5, op->hidden, op->hidden ? strlen(op->hidden) : 0);
    vocab_count(st->vocab, -1);
    analyzer_listen(&listener);
    int rc = store_step_done(st, ST_FTS_DELETE, err, errlen);
    analyzer_listen(NULL);
    return rc;
}

/* Indexes a document in docs_fts, then writes where each of its chunks
 * starts and the new forms to the vocabulary. */
static int store_fts_add(store *st, const store_fts_op *op, char *err, size_t errlen)
{
    size_t n = op->n;
    int *pos = calloc(n ? n : 1, sizeof *pos);
    unsigned char *starts = malloc(n ? n * SCHEMA_STARTS_BYTES : 1);
    int result = -1, rc;
    if (!pos || !starts) {
        st->last_error = SQLITE_NOMEM;
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    store_listen l = {st->vocab, op->body, op->body_len, op->start, pos, n, 0, 0, 0};
    analyzer_listener listener = {store_listen_text, store_listen_token, &l};
    sqlite3_stmt *s = st->st[ST_FTS_INSERT];
    sqlite3_bind_int64(s, 1, op->id);
    store_bind_nullable(s, 2, op->title, op->title ? strlen(op->title) : 0);
    store_bind_nullable(s, 3, op->headings, op->headings ? strlen(op->headings) : 0);
    store_bind_nullable(s, 4, op->body, op->body_len);
    store_bind_nullable(s, 5, op->hidden, op->hidden ? strlen(op->hidden) : 0);
    vocab_count(st->vocab, 1);
    analyzer_listen(&listener);
    rc = store_step_done(st, ST_FTS_INSERT, err, errlen);
    analyzer_listen(NULL);
    if (rc != 0)
        goto cleanup;
    while (l.next < n)
        pos[l.next++] = l.count;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = (uint32_t)pos[i];
        if (op->keywords && i == n - 1)
            v |= SCHEMA_STARTS_KEYWORDS;
        for (int b = 0; b < SCHEMA_STARTS_BYTES; b++)
            starts[i * SCHEMA_STARTS_BYTES + b] = (unsigned char)(v >> (8 * b));
    }
    s = st->st[ST_STARTS];
    sqlite3_bind_int64(s, 1, op->id);
    sqlite3_bind_blob(s, 2, starts, (int)(n * SCHEMA_STARTS_BYTES), SQLITE_STATIC);
    if (store_step_done(st, ST_STARTS, err, errlen) != 0)
        goto cleanup;
    if (vocab_flush(st->vocab) != SQLITE_OK) {
        store_fail(st, "cannot write the vocabulary", err, errlen);
        goto cleanup;
    }
    result = 0;
cleanup:
    free(pos);
    free(starts);
    return result;
}

/* Makes the transaction's docs_fts changes, in order, after its last
 * savepoint. A failure here fails the whole transaction. */
static int store_fts_flush(store *st, char *err, size_t errlen)
{
    int rc = 0;
    for (size_t i = 0; i < st->n_ops && rc == 0; i++) {
        const store_fts_op *op = &st->ops[i];
        rc =
            op->remove ? store_fts_remove(st, op, err, errlen) : store_fts_add(st, op, err, errlen);
        vocab_count_end(st->vocab, rc == 0);
    }
    store_fts_clear(st);
    return rc;
}

/* Reads what document id was indexed with (a 'delete' for the commit,
 * *op->remove set when there is such a document) and deletes its chunks. */
static int store_unindex(store *st, sqlite3_int64 id, store_fts_op *op, char *err, size_t errlen)
{
    int found;
    if (store_fts_values(st, id, 1, op, &found, err, errlen) != 0)
        return -1;
    op->remove = found;
    sqlite3_bind_int64(st->st[ST_CHUNKS_DELETE], 1, SCHEMA_CHUNK_ID(id, 0));
    sqlite3_bind_int64(st->st[ST_CHUNKS_DELETE], 2, SCHEMA_CHUNK_ID(id, SCHEMA_CHUNK_MAX));
    return store_step_done(st, ST_CHUNKS_DELETE, err, errlen);
}

static void store_bind_opt_text(sqlite3_stmt *s, int col, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(s, col, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, col);
}

/* Binds ?1..?14 and ?16 of ST_DOC_INSERT / ST_DOC_UPDATE (same numbering). */
static void store_bind_doc(sqlite3_stmt *s, const store_file *f, const extract_doc *doc,
                           const char *indexed_at)
{
    const char *title = doc->title && *doc->title ? doc->title : f->path;
    sqlite3_bind_text(s, 1, f->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, f->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, extract_format_name(doc->format), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, title, -1, SQLITE_STATIC);
    store_bind_opt_text(s, 5, doc->date);
    if (doc->date && strlen(doc->date) >= 4)
        sqlite3_bind_int(s, 6, atoi(doc->date));
    else
        sqlite3_bind_null(s, 6);
    store_bind_opt_text(s, 7, doc->description);
    store_bind_opt_text(s, 8, doc->headings);
    sqlite3_bind_int(s, 9, doc->pages);
    sqlite3_bind_int64(s, 10, f->bytes);
    sqlite3_bind_int64(s, 11, f->mtime_ns);
    sqlite3_bind_text(s, 12, f->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 13, indexed_at, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 14, f->ocr);
    store_bind_opt_text(s, 16, doc->hidden);
}

/* Writes the chunks of document id (its documents row is in) and makes
 * its docs_fts entry for the commit in *op: the chunks' text joined by
 * "\n" as body, and where each chunk starts in it. */
/* How many chunks doc is stored as: its own, then its keywords when it
 * has some (extract_doc.keywords). */
static size_t store_chunk_count(const extract_doc *doc)
{
    return doc->n_chunks + (doc->keywords && doc->keywords[0] ? 1 : 0);
}

/* The text and page of stored chunk i of doc (store_chunk_count). */
static const char *store_chunk_text(const extract_doc *doc, size_t i, int *page)
{
    if (i == doc->n_chunks) {
        *page = 0;
        return doc->keywords;
    }
    *page = doc->chunks[i].page;
    return doc->chunks[i].text ? doc->chunks[i].text : "";
}

static int store_index(store *st, sqlite3_int64 id, const extract_doc *doc, store_fts_op *op,
                       char *err, size_t errlen)
{
    buf body = BUF_INIT;
    size_t n = store_chunk_count(doc);
    int found, page;
    op->n = n;
    op->keywords = n > doc->n_chunks;
    op->start = calloc(n ? n : 1, sizeof *op->start);
    if (!op->start) {
        st->last_error = SQLITE_NOMEM;
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            buf_putc(&body, '\n');
        op->start[i] = body.len;
        buf_puts(&body, store_chunk_text(doc, i, &page));
    }
    if (n > 0) {
        op->body_len = body.len;
        op->body = body.data ? buf_detach(&body) : buf_xstrndup("", 0);
    }
    sqlite3_stmt *s = st->st[ST_CHUNK_INSERT];
    for (size_t i = 0; i < n; i++) {
        const char *text = store_chunk_text(doc, i, &page);
        sqlite3_bind_int64(s, 1, SCHEMA_CHUNK_ID(id, (sqlite3_int64)i));
        sqlite3_bind_int64(s, 2, id);
        if (page > 0)
            sqlite3_bind_int(s, 3, page);
        else
            sqlite3_bind_null(s, 3);
        sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
        if (store_step_done(st, ST_CHUNK_INSERT, err, errlen) != 0)
            return -1;
    }
    if (store_fts_values(st, id, 0, op, &found, err, errlen) != 0)
        return -1;
    op->id = id;
    return 0;
}

/* Replaces document id's links with doc's (NULL: none; path the
 * document's, which the index keeps them relative to) and drops its
 * context; when stale is set (an HTML page changed, or a document went),
 * asks the end of the run to decide the contexts again (store_contexts). */
static int store_links(store *st, sqlite3_int64 id, const char *path, const extract_doc *doc,
                       int stale, char *err, size_t errlen)
{
    sqlite3_bind_int64(st->st[ST_LINKS_DELETE], 1, id);
    if (store_step_done(st, ST_LINKS_DELETE, err, errlen) != 0)
        return -1;
    sqlite3_bind_int64(st->st[ST_CONTEXT_DELETE], 1, id);
    if (store_step_done(st, ST_CONTEXT_DELETE, err, errlen) != 0)
        return -1;
    size_t len = 0;
    unsigned char *list = doc && doc->links ? links_encode(path, doc->links, &len) : NULL;
    if (len > 0) {
        sqlite3_bind_int64(st->st[ST_LINK_INSERT], 1, id);
        sqlite3_bind_blob(st->st[ST_LINK_INSERT], 2, list, (int)len, SQLITE_STATIC);
        if (store_step_done(st, ST_LINK_INSERT, err, errlen) != 0) {
            free(list);
            return -1;
        }
    }
    free(list);
    return stale ? store_step_done(st, ST_CONTEXTS_STALE, err, errlen) : 0;
}

static void store_now_iso(char *out, size_t len)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_put(store *st, const store_file *f, const extract_doc *doc, int *added,
              sqlite3_int64 *id_out, char *err, size_t errlen)
{
    sqlite3_int64 id = 0;
    int is_new, was_html = 0;
    char indexed_at[32];
    store_fts_op old = {0}, new = {0};
    if (!st->in_tx) {
        st->last_error = SQLITE_MISUSE;
        snprintf(err, errlen, "store_put outside a transaction");
        return -1;
    }
    if (store_chunk_count(doc) > (size_t)SCHEMA_CHUNK_MAX + 1) {
        st->last_error = SQLITE_TOOBIG;
        snprintf(err, errlen, "document has too many passages (%zu)", store_chunk_count(doc));
        return -1;
    }
    store_now_iso(indexed_at, sizeof indexed_at);
    if (store_mark_stale(st, err, errlen) != 0 ||
        store_exec(st, "SAVEPOINT store_put", err, errlen) != 0)
        return -1;
    if (store_find(st, f->path, &id, &was_html, err, errlen) != 0)
        goto fail;
    is_new = id == 0;
    if (!is_new) {
        if (store_unindex(st, id, &old, err, errlen) != 0)
            goto fail;
        store_bind_doc(st->st[ST_DOC_UPDATE], f, doc, indexed_at);
        sqlite3_bind_int64(st->st[ST_DOC_UPDATE], 15, id);
        if (store_step_done(st, ST_DOC_UPDATE, err, errlen) != 0)
            goto fail;
    } else {
        store_bind_doc(st->st[ST_DOC_INSERT], f, doc, indexed_at);
        if (f->id > 0)
            sqlite3_bind_int64(st->st[ST_DOC_INSERT], 15, f->id);
        if (store_step_done(st, ST_DOC_INSERT, err, errlen) != 0)
            goto fail;
        id = sqlite3_last_insert_rowid(st->db);
    }
    if (store_index(st, id, doc, &new, err, errlen) != 0 ||
        store_links(st, id, f->path, doc, was_html || doc->format == EXTRACT_FORMAT_HTML, err,
                    errlen) != 0)
        goto fail;
    if (acronym_table_put(st->acronyms, id, doc) != SQLITE_OK) {
        store_fail(st, "cannot write the acronyms", err, errlen);
        goto fail;
    }
    if (store_exec(st, "RELEASE store_put", err, errlen) != 0)
        goto fail;
    if (old.remove)
        store_fts_push(st, &old);
    store_fts_push(st, &new);
    if (added)
        *added = is_new;
    if (id_out)
        *id_out = id;
    return 0;
fail:
    sqlite3_exec(st->db, "ROLLBACK TO store_put; RELEASE store_put", NULL, NULL, NULL);
    store_fts_op_free(&old);
    store_fts_op_free(&new);
    return -1;
}

int store_delete(store *st, sqlite3_int64 id, char *err, size_t errlen)
{
    if (!st->in_tx) {
        st->last_error = SQLITE_MISUSE;
        snprintf(err, errlen, "store_delete outside a transaction");
        return -1;
    }
    store_fts_op old = {0};
    if (store_mark_stale(st, err, errlen) != 0 ||
        store_exec(st, "SAVEPOINT store_delete", err, errlen) != 0)
        return -1;
    if (store_unindex(st, id, &old, err, errlen) != 0)
        goto fail;
    sqlite3_bind_int64(st->st[ST_DOC_DELETE], 1, id);
    if (store_step_done(st, ST_DOC_DELETE, err, errlen) != 0 ||
        store_links(st, id, NULL, NULL, 1, err, errlen) != 0)
        goto fail;
    if (acronym_table_delete(st->acronyms, id) != SQLITE_OK) {
        store_fail(st, "cannot write the acronyms", err, errlen);
        goto fail;
    }
    if (store_exec(st, "RELEASE store_delete", err, errlen) != 0)
        goto fail;
    if (old.remove)
        store_fts_push(st, &old);
    else
        store_fts_op_free(&old);
    return 0;
fail:
    sqlite3_exec(st->db, "ROLLBACK TO store_delete; RELEASE store_delete", NULL, NULL, NULL);
    store_fts_op_free(&old);
    return -1;
}

int store_touch(store *st, sqlite3_int64 id, sqlite3_int64 mtime_ns, const char *url, char *err,
                size_t errlen)
{
    sqlite3_stmt *s = st->st[ST_TOUCH];
    if (!st->in_tx) {
        st->last_error = SQLITE_MISUSE;
        snprintf(err, errlen, "store_touch outside a transaction");
        return -1;
    }
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, mtime_ns);
    if (url)
        sqlite3_bind_text(s, 3, url, -1, SQLITE_STATIC);
    return store_step_done(st, ST_TOUCH, err, errlen);
}

/* Gives document id the context text (NULL: none): its docs_fts row is
 * made again from its stored chunks, the context first (no file read),
 * and its chunks' starts move by the context's tokens (store_fts_add). */
static int store_set_context(store *st, sqlite3_int64 id, const char *text, char *err,
                             size_t errlen)
{
    store_fts_op old = {0}, new = {0};
    int found, result = -1, rc;
    size_t at = text ? strlen(text) + 1 : 0, cap = 0;
    if (store_fts_values(st, id, 1, &old, &found, err, errlen) != 0)
        goto cleanup;
    if (!found) {
        result = 0;
        goto cleanup;
    }
    old.remove = 1;
    int which = text ? ST_CONTEXT_SET : ST_CONTEXT_DELETE;
    sqlite3_bind_int64(st->st[which], 1, id);
    if (text)
        sqlite3_bind_text(st->st[which], 2, text, -1, SQLITE_STATIC);
    if (store_step_done(st, which, err, errlen) != 0 ||
        store_fts_values(st, id, 1, &new, &found, err, errlen) != 0)
        goto cleanup;
    /* The keywords chunk, if any, stays the last. */
    sqlite3_stmt *s = st->st[ST_STARTS_GET];
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(s, 0);
        size_t nb = (size_t)sqlite3_column_bytes(s, 0) / SCHEMA_STARTS_BYTES;
        int last_keywords = b && nb && (schema_start_bits(b, nb - 1) & SCHEMA_STARTS_KEYWORDS);
        new.keywords = last_keywords;
    }
    sqlite3_reset(s);
    s = st->st[ST_CHUNK_LENGTHS];
    sqlite3_bind_int64(s, 1, SCHEMA_CHUNK_ID(id, 0));
    sqlite3_bind_int64(s, 2, SCHEMA_CHUNK_ID(id, SCHEMA_CHUNK_MAX));
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        new.start = buf_xgrow(new.start, &cap, new.n + 1, sizeof *new.start);
        new.start[new.n++] = at;
        at += (size_t)sqlite3_column_int64(s, 0) + 1;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE) {
        store_fail(st, "cannot read the index", err, errlen);
        goto cleanup;
    }
    store_fts_push(st, &old);
    store_fts_push(st, &new);
    return 0;
cleanup:
    store_fts_op_free(&old);
    store_fts_op_free(&new);
    return result;
}

/* The run's contexts (context.h), in a transaction of their own before
 * the spelling table's, which counts their words: when HTML documents
 * changed since they were decided (SCHEMA_STATE_CONTEXTS_STALE), decides
 * every page's again and makes the rows of those whose context changed
 * again. */
static int store_contexts(store *st, char *err, size_t errlen)
{
    sqlite3_int64 stale;
    context_change *v = NULL;
    size_t n = 0;
    if (store_begin(st, err, errlen) != 0)
        return -1;
    if (store_int(st, ST_CONTEXTS_STALE_GET, &stale, err, errlen) != 0)
        goto fail;
    if (stale <= 0)
        return store_commit(st, err, errlen);
    int rc = context_decide(st->db, &v, &n);
    if (rc != SQLITE_OK) {
        st->last_error = rc;
        snprintf(err, errlen, "cannot decide the pages' contexts: %s", sqlite3_errstr(rc));
        goto fail;
    }
    if (n > 0 && store_mark_stale(st, err, errlen) != 0)
        goto fail;
    for (size_t i = 0; i < n; i++)
        if (store_set_context(st, v[i].id, v[i].text, err, errlen) != 0)
            goto fail;
    if (store_step_done(st, ST_CONTEXTS_FRESH, err, errlen) != 0)
        goto fail;
    context_changes_free(v, n);
    return store_commit(st, err, errlen);
fail:
    context_changes_free(v, n);
    store_rollback(st);
    return -1;
}
