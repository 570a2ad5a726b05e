/* test_ocrcache: lib/ocrcache.c on a real index: a page's text or failure
 * kept under its content hash and page for one engine, language and
 * resolution only; a lookup marks it used; pruning removes only what is
 * long unused and can no longer serve (no document has the content, or
 * another engine read it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocrcache.h"
#include "schema.h"
#include "store.h"

#define H1 "1111111111111111111111111111111111111111111111111111111111111111"
#define H2 "2222222222222222222222222222222222222222222222222222222222222222"

static void test_cache(void **state)
{
    (void)state;
    char err[256], *text, *error;
    char *dir = g_dir_make_tmp("ocrcacheXXXXXX", NULL);
    char *path = g_build_filename(dir, "index.db", NULL);
    sqlite3 *db;
    store *st;
    ocrcache *c, *other;
    long long removed;
    assert_int_equal(schema_open(path, SCHEMA_READWRITE, &db, err, sizeof err), 0);
    assert_int_equal(store_open(db, &st, err, sizeof err), 0);
    assert_int_equal(ocrcache_open(db, "tesseract 5.3.0", "fra", 300, &c, err, sizeof err), 0);
    assert_int_equal(ocrcache_open(db, "tesseract 5.4.0", "fra", 300, &other, err, sizeof err), 0);

    assert_int_equal(store_begin(st, err, sizeof err), 0);
    assert_int_equal(ocrcache_get(c, H1, 1, 100, &text, &error, err, sizeof err), 0);
    assert_int_equal(ocrcache_put(c, H1, 1, "Procès-verbal", NULL, 2100, 100, err, sizeof err), 0);
    assert_int_equal(ocrcache_put(c, H1, 2, NULL, "took too long", 0, 100, err, sizeof err), 0);
    assert_int_equal(ocrcache_put(c, H2, 1, "autre", NULL, 1000, 100, err, sizeof err), 0);
    assert_int_equal(ocrcache_put(other, H1, 1, "Proces-verbal", NULL, 2000, 100, err, sizeof err),
                     0);

    assert_int_equal(ocrcache_get(c, H1, 1, 200, &text, &error, err, sizeof err), 1);
    assert_string_equal(text, "Procès-verbal");
    assert_null(error);
    free(text);
    assert_int_equal(ocrcache_get(c, H1, 2, 200, &text, &error, err, sizeof err), 1);
    assert_null(text);
    assert_string_equal(error, "took too long");
    free(error);
    assert_int_equal(ocrcache_get(c, H1, 3, 200, &text, &error, err, sizeof err), 0);
    assert_int_equal(ocrcache_get(other, H1, 1, 100, &text, &error, err, sizeof err), 1);
    assert_string_equal(text, "Proces-verbal");
    free(text);

    /* a document has content H1, none has H2 */
    extract_doc doc;
    extract_doc_init(&doc);
    doc.format = EXTRACT_FORMAT_PDF;
    doc.title = strdup("pv");
    extract_doc_add_chunk(&doc, 1, NULL, "Procès-verbal");
    store_file f = {.path = "pv.pdf", .url = "file:///pv.pdf", .bytes = 1, .hash = H1};
    assert_int_equal(store_put(st, &f, &doc, NULL, NULL, err, sizeof err), 0);
    extract_doc_free(&doc);

    /* nothing unused since before 100 */
    assert_int_equal(ocrcache_prune(c, 100, &removed, err, sizeof err), 0);
    assert_int_equal(removed, 0);
    /* before 150: H2 (no document) and the other engine's entry (used at
     * 100) go; H1's entries of this engine (used at 200) stay */
    assert_int_equal(ocrcache_prune(c, 150, &removed, err, sizeof err), 0);
    assert_int_equal(removed, 2);
    assert_int_equal(ocrcache_get(c, H2, 1, 300, &text, &error, err, sizeof err), 0);
    assert_int_equal(ocrcache_get(other, H1, 1, 300, &text, &error, err, sizeof err), 0);
    /* however old, what a document's content needs stays */
    assert_int_equal(ocrcache_prune(c, 1000, &removed, err, sizeof err), 0);
    assert_int_equal(removed, 0);
    assert_int_equal(ocrcache_get(c, H1, 1, 300, &text, &error, err, sizeof err), 1);
    free(text);
    assert_int_equal(store_commit(st, err, sizeof err), 0);

    ocrcache_close(other);
    ocrcache_close(c);
    store_close(st);
    sqlite3_close_v2(db);
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache),
    };
    return cmocka_run_group_tests_name("ocrcache", tests, NULL, NULL);
}
