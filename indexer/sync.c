/* sync: the indexer's incremental-sync policy (see sync.h): the documents
 * the index held at start, keyed by path, with the walk's marks; the mtime
 * rule for racily clean files; the --prune selection; write batches. */
#include "sync.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"
#include "walk.h"

struct sync_state {
    sync_ocr_mode ocr;
    GHashTable *known; /* path -> sync_doc */
    GHashTable *met;   /* paths met by the walk (a file under two PATHs counts once) */
};

static void sync_doc_free(void *p)
{
    sync_doc *d = p;
    free(d->url);
    free(d);
}

sync_state *sync_new(sync_ocr_mode ocr)
{
    sync_state *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->ocr = ocr;
    s->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, sync_doc_free);
    s->met = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

void sync_free(sync_state *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->known);
    g_hash_table_destroy(s->met);
    free(s);
}

int sync_add_known(void *ctx, const store_entry *e)
{
    sync_state *s = ctx;
    sync_doc *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->id = e->id;
    d->bytes = e->bytes;
    d->mtime_ns = e->mtime_ns;
    g_strlcpy(d->hash, e->hash, sizeof d->hash);
    d->url = g_strdup(e->url);
    d->is_pdf = strcmp(e->format, "pdf") == 0;
    d->ocr = e->ocr;
    g_hash_table_replace(s->known, g_strdup(e->path), d);
    return 0;
}

sync_action sync_walked(sync_state *s, const char *path, sqlite3_int64 bytes,
                        sqlite3_int64 mtime_ns, const char *url, sync_doc **doc)
{
    *doc = NULL;
    if (g_hash_table_contains(s->met, path))
        return SYNC_SEEN_BEFORE;
    g_hash_table_add(s->met, g_strdup(path));
    sync_doc *d = g_hash_table_lookup(s->known, path);
    *doc = d;
    if (!d)
        return SYNC_READ;
    d->seen = 1;
    if ((s->ocr == SYNC_OCR_MISSING && d->ocr == SCHEMA_OCR_PENDING) ||
        (s->ocr == SYNC_OCR_FORCE && d->is_pdf && d->ocr != SCHEMA_OCR_FORCED))
        return SYNC_EXTRACT;
    if (d->bytes != bytes || d->mtime_ns != mtime_ns)
        return SYNC_READ;
    return strcmp(d->url, url) == 0 ? SYNC_UNCHANGED : SYNC_NEW_URL;
}

sqlite3_int64 sync_recorded_mtime(sqlite3_int64 mtime_ns, sqlite3_int64 read_ns)
{
    return mtime_ns >= read_ns - SYNC_RACY_NS ? 0 : mtime_ns;
}

static int sync_file_is_gone(const char *path)
{
    struct stat st;
    return lstat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

int sync_each_gone(sync_state *s, char *const *roots, int n_roots, sync_gone_fn fn, void *ctx)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, s->known);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const char *path = key;
        const sync_doc *d = value;
        int under = 0;
        if (d->seen)
            continue;
        for (int i = 0; i < n_roots && !under; i++)
            under = walk_is_under(path, roots[i]);
        if (!under || !sync_file_is_gone(path))
            continue;
        int rc = fn(ctx, path, d);
        if (rc != 0)
            return rc;
    }
    return 0;
}

void sync_batch_begin(sync_batch *b, double now)
{
    b->open = 1;
    b->start = now;
    b->writes = 0;
    memset(&b->pending, 0, sizeof b->pending);
}

void sync_batch_wrote(sync_batch *b, sync_write w)
{
    b->writes++;
    switch (w) {
    case SYNC_WROTE_ADDED:
        b->pending.added++;
        break;
    case SYNC_WROTE_UPDATED:
        b->pending.updated++;
        break;
    case SYNC_WROTE_UNCHANGED:
        b->pending.unchanged++;
        break;
    case SYNC_WROTE_REMOVED:
        b->pending.removed++;
        break;
    case SYNC_WROTE_URL:
        break;
    }
}

int sync_batch_due(const sync_batch *b, double now, int force)
{
    return b->open &&
           (force || b->writes >= SYNC_BATCH_WRITES || now - b->start >= SYNC_BATCH_SECONDS);
}

void sync_batch_committed(sync_batch *b)
{
    b->committed.added += b->pending.added;
    b->committed.updated += b->pending.updated;
    b->committed.unchanged += b->pending.unchanged;
    b->committed.removed += b->pending.removed;
    memset(&b->pending, 0, sizeof b->pending);
    b->open = 0;
    b->writes = 0;
}

void sync_batch_rolled_back(sync_batch *b)
{
    memset(&b->pending, 0, sizeof b->pending);
    b->open = 0;
    b->writes = 0;
}
