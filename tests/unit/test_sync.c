/* test_sync: the indexer's incremental-sync policy (indexer/sync.c): what a
 * walked file needs (size and mtime, URL, a path met twice), the racy-mtime
 * rule, which documents --prune removes (under a root, not seen, file gone
 * on a real file system), and write batches (when they commit, what the
 * summary counts after a commit or a rollback). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "schema.h"
#include "sync.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void add(sync_state *s, sqlite3_int64 id, const char *path, sqlite3_int64 bytes,
                sqlite3_int64 mtime_ns)
{
    store_entry e = {
        .id = id,
        .path = path,
        .url = "file:///docs/a",
        .bytes = bytes,
        .mtime_ns = mtime_ns,
        .hash = "h",
        .format = "pdf",
    };
    assert_int_equal(sync_add_known(s, &e), 0);
}

static void add_ocr(sync_state *s, sqlite3_int64 id, const char *path, const char *format, int ocr)
{
    store_entry e = {
        .id = id,
        .path = path,
        .url = "file:///docs/a",
        .bytes = 100,
        .mtime_ns = 5000,
        .hash = "h",
        .format = format,
        .ocr = ocr,
    };
    assert_int_equal(sync_add_known(s, &e), 0);
}

/* An unchanged file is extracted again when this run's OCR has pages to
 * read in it: scanned pages left unread (not with --ocr off), or every
 * page of a PDF not read whole yet under --ocr force. */
static void test_ocr_extract(void **state)
{
    static const struct {
        sync_ocr_mode mode;
        const char *format;
        int ocr;
        sync_action want;
    } cases[] = {
        {SYNC_OCR_OFF, "pdf", SCHEMA_OCR_PENDING, SYNC_UNCHANGED},
        {SYNC_OCR_MISSING, "pdf", SCHEMA_OCR_PENDING, SYNC_EXTRACT},
        {SYNC_OCR_MISSING, "pdf", SCHEMA_OCR_NONE, SYNC_UNCHANGED},
        {SYNC_OCR_MISSING, "pdf", SCHEMA_OCR_FORCED, SYNC_UNCHANGED},
        {SYNC_OCR_FORCE, "pdf", SCHEMA_OCR_NONE, SYNC_EXTRACT},
        {SYNC_OCR_FORCE, "pdf", SCHEMA_OCR_PENDING, SYNC_EXTRACT},
        {SYNC_OCR_FORCE, "pdf", SCHEMA_OCR_FORCED, SYNC_UNCHANGED},
        {SYNC_OCR_FORCE, "html", SCHEMA_OCR_NONE, SYNC_UNCHANGED},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sync_state *s = sync_new(cases[i].mode);
        sync_doc *d;
        add_ocr(s, 1, "docs/a", cases[i].format, cases[i].ocr);
        assert_int_equal(sync_walked(s, "docs/a", 100, 5000, "file:///docs/a", &d), cases[i].want);
        sync_free(s);
    }
}

static void test_walked(void **state)
{
    (void)state;
    sync_state *s = sync_new(SYNC_OCR_OFF);
    sync_doc *d;
    add(s, 7, "docs/a", 100, 5000);
    add(s, 8, "docs/b", 100, 5000);

    assert_int_equal(sync_walked(s, "docs/new", 10, 1, "file:///docs/new", &d), SYNC_READ);
    assert_null(d);
    assert_int_equal(sync_walked(s, "docs/a", 100, 5000, "file:///docs/a", &d), SYNC_UNCHANGED);
    assert_non_null(d);
    assert_int_equal(d->id, 7);
    assert_true(d->seen);
    /* the same file under a second PATH argument counts once */
    assert_int_equal(sync_walked(s, "docs/a", 100, 5000, "file:///docs/a", &d), SYNC_SEEN_BEFORE);
    assert_int_equal(sync_walked(s, "docs/new", 10, 1, "file:///docs/new", &d), SYNC_SEEN_BEFORE);
    sync_free(s);

    s = sync_new(SYNC_OCR_OFF);
    add(s, 7, "docs/a", 100, 5000);
    add(s, 8, "docs/b", 100, 5000);
    add(s, 9, "docs/c", 100, 5000);
    assert_int_equal(sync_walked(s, "docs/a", 100, 5000, "https://example.org/a", &d),
                     SYNC_NEW_URL);
    assert_int_equal(d->id, 7);
    /* a size or an mtime that differs: read (the hash decides) */
    assert_int_equal(sync_walked(s, "docs/b", 101, 5000, "file:///docs/a", &d), SYNC_READ);
    assert_int_equal(d->id, 8);
    assert_int_equal(sync_walked(s, "docs/c", 100, 5001, "file:///docs/a", &d), SYNC_READ);
    assert_int_equal(d->id, 9);
    assert_true(d->seen);
    sync_free(s);
}

static void test_recorded_mtime(void **state)
{
    (void)state;
    const sqlite3_int64 read = 1700000000LL * 1000000000LL;
    /* clearly older than the read: trusted next time */
    assert_int_equal(sync_recorded_mtime(read - SYNC_RACY_NS - 1, read), read - SYNC_RACY_NS - 1);
    assert_int_equal(sync_recorded_mtime(1000, read), 1000);
    /* modified within the racy window, or in the future: hashed again */
    assert_int_equal(sync_recorded_mtime(read - SYNC_RACY_NS, read), 0);
    assert_int_equal(sync_recorded_mtime(read - 1, read), 0);
    assert_int_equal(sync_recorded_mtime(read + 60LL * 1000000000LL, read), 0);
}

typedef struct {
    GPtrArray *paths;
    int stop_after;
} gone_ctx;

static int collect(void *ctx, const char *path, const sync_doc *doc)
{
    gone_ctx *g = ctx;
    assert_non_null(doc);
    g_ptr_array_add(g->paths, g_strdup(path));
    return g->stop_after > 0 && (int)g->paths->len >= g->stop_after ? 42 : 0;
}

static int has(GPtrArray *a, const char *path)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), path) == 0)
            return 1;
    return 0;
}

static void test_each_gone(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("syncXXXXXX", NULL);
    assert_non_null(dir);
    char *kept = g_build_filename(dir, "root", "kept.txt", NULL);
    char *unseen = g_build_filename(dir, "root", "unseen.txt", NULL);
    char *gone = g_build_filename(dir, "root", "gone.txt", NULL);
    char *under_file = g_build_filename(dir, "root", "kept.txt", "x.txt", NULL);
    char *elsewhere = g_build_filename(dir, "other", "gone.txt", NULL);
    char *root = g_build_filename(dir, "root", NULL);
    char *subdir = g_build_filename(dir, "root", "sub", NULL);
    char *in_sub = g_build_filename(dir, "root", "sub", "gone.txt", NULL);
    assert_int_equal(g_mkdir_with_parents(root, 0700), 0);
    assert_true(g_file_set_contents(kept, "x", 1, NULL));
    assert_true(g_file_set_contents(unseen, "x", 1, NULL));

    sync_state *s = sync_new(SYNC_OCR_OFF);
    sync_doc *d;
    add(s, 1, kept, 1, 1);
    add(s, 2, unseen, 1, 1);     /* not walked, but its file is there */
    add(s, 3, gone, 1, 1);       /* not walked, file gone: pruned */
    add(s, 4, under_file, 1, 1); /* its "directory" is a file (ENOTDIR): pruned */
    add(s, 5, elsewhere, 1, 1);  /* gone, but not under the root walked */
    add(s, 6, in_sub, 1, 1);     /* gone, in a directory gone too: pruned */
    assert_int_equal(sync_walked(s, kept, 1, 1, "file:///docs/a", &d), SYNC_UNCHANGED);

    gone_ctx g = {g_ptr_array_new_with_free_func(g_free), 0};
    char *roots[] = {root};
    assert_int_equal(sync_each_gone(s, roots, 1, collect, &g), 0);
    assert_int_equal(g.paths->len, 3);
    assert_true(has(g.paths, gone));
    assert_true(has(g.paths, under_file));
    assert_true(has(g.paths, in_sub));

    /* a non-zero return stops the listing and is returned */
    g_ptr_array_set_size(g.paths, 0);
    g.stop_after = 1;
    assert_int_equal(sync_each_gone(s, roots, 1, collect, &g), 42);
    assert_int_equal(g.paths->len, 1);

    /* no root: nothing is under it */
    g_ptr_array_set_size(g.paths, 0);
    g.stop_after = 0;
    assert_int_equal(sync_each_gone(s, roots, 0, collect, &g), 0);
    assert_int_equal(g.paths->len, 0);

    g_ptr_array_free(g.paths, TRUE);
    sync_free(s);
    unlink(kept);
    unlink(unseen);
    rmdir(root);
    rmdir(dir);
    g_free(kept);
    g_free(unseen);
    g_free(gone);
    g_free(under_file);
    g_free(elsewhere);
    g_free(root);
    g_free(subdir);
    g_free(in_sub);
    g_free(dir);
}

static void test_batch(void **state)
{
    (void)state;
    sync_batch b;
    memset(&b, 0, sizeof b);
    assert_false(sync_batch_due(&b, 0.0, 1)); /* nothing open: nothing to commit */

    sync_batch_begin(&b, 0.0);
    assert_false(sync_batch_due(&b, 0.0, 0));
    assert_true(sync_batch_due(&b, 0.0, 1));
    sync_batch_wrote(&b, SYNC_WROTE_ADDED);
    sync_batch_wrote(&b, SYNC_WROTE_UPDATED);
    sync_batch_wrote(&b, SYNC_WROTE_UNCHANGED);
    sync_batch_wrote(&b, SYNC_WROTE_REMOVED);
    sync_batch_wrote(&b, SYNC_WROTE_URL);
    assert_false(sync_batch_due(&b, SYNC_BATCH_SECONDS / 2, 0));
    assert_true(sync_batch_due(&b, SYNC_BATCH_SECONDS, 0));
    /* nothing counts before the commit */
    assert_int_equal(
        b.committed.added + b.committed.updated + b.committed.unchanged + b.committed.removed, 0);
    sync_batch_committed(&b);
    assert_int_equal(b.committed.added, 1);
    assert_int_equal(b.committed.updated, 1);
    assert_int_equal(b.committed.unchanged, 1);
    assert_int_equal(b.committed.removed, 1);
    assert_false(sync_batch_due(&b, 100.0, 1));

    /* the write count commits a batch before its time is up */
    sync_batch_begin(&b, 20.0);
    for (int i = 0; i < SYNC_BATCH_WRITES - 1; i++)
        sync_batch_wrote(&b, SYNC_WROTE_ADDED);
    assert_false(sync_batch_due(&b, 20.0, 0));
    sync_batch_wrote(&b, SYNC_WROTE_ADDED);
    assert_true(sync_batch_due(&b, 20.0, 0));

    /* a rolled-back batch is not counted */
    sync_batch_rolled_back(&b);
    assert_int_equal(b.committed.added, 1);
    assert_false(sync_batch_due(&b, 100.0, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walked),         cmocka_unit_test(test_ocr_extract),
        cmocka_unit_test(test_recorded_mtime), cmocka_unit_test(test_each_gone),
        cmocka_unit_test(test_batch),
    };
    return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
