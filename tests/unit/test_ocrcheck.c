/* test_ocrcheck: lib/ocrcheck.c on a real index: no record in a new index,
 * a check recorded and read back (also by a read-only connection, as
 * searchd reads it) with its time in ISO 8601, an unavailable check with
 * its reason, the record replaced, an unreadable record reported as such,
 * and when a run is due to check again (ocrcheck_due). */
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

#include "ocrcheck.h"
#include "schema.h"

typedef struct {
    char *dir, *path;
    sqlite3 *db;
} fixture;

static int setup(void **state)
{
    char err[256];
    fixture *f = calloc(1, sizeof *f);
    f->dir = g_dir_make_tmp("ocrcheckXXXXXX", NULL);
    f->path = g_build_filename(f->dir, "index.db", NULL);
    if (schema_open(f->path, SCHEMA_READWRITE, &f->db, err, sizeof err) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sqlite3_close_v2(f->db);
    g_unlink(f->path);
    g_rmdir(f->dir);
    g_free(f->path);
    g_free(f->dir);
    free(f);
    return 0;
}

static ocrcheck available(void)
{
    ocrcheck c = {.available = 1, .engine = "tesseract 5.3.0", .language = "fra", .dpi = 300};
    return c;
}

static void test_none_then_recorded(void **state)
{
    fixture *f = *state;
    char err[256];
    ocrcheck c = available(), got;
    assert_int_equal(ocrcheck_read(f->db, &got), 0);
    assert_int_equal(ocrcheck_write(f->db, &c, err, sizeof err), 0);

    sqlite3 *ro;
    assert_int_equal(schema_open(f->path, SCHEMA_READONLY, &ro, err, sizeof err), 0);
    assert_int_equal(ocrcheck_read(ro, &got), 1);
    sqlite3_close_v2(ro);
    assert_true(got.available);
    assert_string_equal(got.engine, "tesseract 5.3.0");
    assert_string_equal(got.language, "fra");
    assert_int_equal(got.dpi, 300);
    assert_string_equal(got.reason, "");
    assert_true(
        g_regex_match_simple("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", got.checked_at, 0, 0));
    assert_in_range(got.age_s, 0, 5);
}

static void test_unavailable_replaces(void **state)
{
    fixture *f = *state;
    char err[256];
    ocrcheck c = available(), got;
    assert_int_equal(ocrcheck_write(f->db, &c, err, sizeof err), 0);
    ocrcheck off = {.available = 0, .reason = "OCR was turned off for the last run (--ocr off)"};
    /* engine, language and dpi are not recorded for an unavailable check */
    snprintf(off.engine, sizeof off.engine, "tesseract 5.3.0");
    assert_int_equal(ocrcheck_write(f->db, &off, err, sizeof err), 0);
    assert_int_equal(ocrcheck_read(f->db, &got), 1);
    assert_false(got.available);
    assert_string_equal(got.reason, "OCR was turned off for the last run (--ocr off)");
    assert_string_equal(got.engine, "");
    assert_int_equal(got.dpi, 0);
    assert_true(got.checked_at[0] != '\0');

    /* the other state rows keep their integers */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_exec(f->db,
                                  "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_SPELLING
                                  "', 7)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(ocrcheck_write(f->db, &c, err, sizeof err), 0);
    assert_int_equal(
        sqlite3_prepare_v2(
            f->db,
            "SELECT typeof(value), value FROM state WHERE name = '" SCHEMA_STATE_SPELLING "'", -1,
            &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "integer");
    assert_int_equal(sqlite3_column_int(st, 1), 7);
    sqlite3_finalize(st);
}

static void test_unreadable(void **state)
{
    fixture *f = *state;
    ocrcheck got;
    assert_int_equal(sqlite3_exec(f->db,
                                  "INSERT INTO state(name, value) VALUES ('" SCHEMA_STATE_OCR
                                  "', 'not {json')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(ocrcheck_read(f->db, &got), -1);
}

static void test_age(void **state)
{
    fixture *f = *state;
    char err[256];
    ocrcheck c = available(), got;
    assert_int_equal(ocrcheck_write(f->db, &c, err, sizeof err), 0);
    assert_int_equal(sqlite3_exec(f->db,
                                  "UPDATE state SET value = json_set(value, '$.checked_at',"
                                  " strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-3 hours'))"
                                  " WHERE name = '" SCHEMA_STATE_OCR "'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(ocrcheck_read(f->db, &got), 1);
    assert_in_range(got.age_s, 3 * 3600 - 5, 3 * 3600 + 5);
    assert_false(ocrcheck_due(&got, "tesseract 5.3.0", "fra", 300));
}

static void test_due(void **state)
{
    (void)state;
    ocrcheck c = available();
    c.age_s = 60;
    snprintf(c.checked_at, sizeof c.checked_at, "2026-12-05T09:00:00Z");
    assert_false(ocrcheck_due(&c, "tesseract 5.3.0", "fra", 300));
    assert_true(ocrcheck_due(NULL, "tesseract 5.3.0", "fra", 300));
    assert_true(ocrcheck_due(&c, NULL, "fra", 300));              /* a build without OCR */
    assert_true(ocrcheck_due(&c, "tesseract 5.4.0", "fra", 300)); /* another engine */
    assert_true(ocrcheck_due(&c, "tesseract 5.3.0", "eng", 300));
    assert_true(ocrcheck_due(&c, "tesseract 5.3.0", "fra", 400));
    c.age_s = OCRCHECK_MAX_AGE_S + 1;
    assert_true(ocrcheck_due(&c, "tesseract 5.3.0", "fra", 300));
    c.age_s = -7200; /* the clock went back */
    assert_true(ocrcheck_due(&c, "tesseract 5.3.0", "fra", 300));
    c.age_s = 60;
    c.checked_at[0] = '\0';
    assert_true(ocrcheck_due(&c, "tesseract 5.3.0", "fra", 300));
    ocrcheck no = {.available = 0, .reason = "tesseract has no 'fra' language data", .age_s = 60};
    snprintf(no.checked_at, sizeof no.checked_at, "2026-12-05T09:00:00Z");
    assert_true(ocrcheck_due(&no, "tesseract 5.3.0", "fra", 300));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_none_then_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unavailable_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_age, setup, teardown),
        cmocka_unit_test_setup_teardown(test_due, setup, teardown),
    };
    return cmocka_run_group_tests_name("ocrcheck", tests, NULL, NULL);
}
