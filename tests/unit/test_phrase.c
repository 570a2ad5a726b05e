/* test_phrase: lib/phrase.c on a real index (written by store_put): the
 * rows of a phrase whose positions have alternatives, counted from the AND
 * of its forms and repere_phrase, are FTS5's own rows of the phrase, in
 * every column or in the shown ones; a phrase of another shape is left to
 * FTS5. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "index_fixture.h"
#include "phrase.h"
#include "schema.h"

/* Documents (title, headings, text, hidden): the phrase's forms together,
 * apart, across two columns, in a compound (its whole colocated with its
 * first part), twice in one row, or only in the hidden text. */
static const char *const docs[][4] = {
    {"Note", NULL, "la mise à jour de sécurité est prête", NULL},
    {"Note", NULL, "les mises a jour des sécurités sont prêtes", NULL},
    {"Note", NULL, "une mise de côté à jour pour la sécurité", NULL},
    {"Mise à jour", NULL, "de sécurité avant tout", NULL},
    {"Note", NULL, "la mise-à-jour de sécurité puis la mise à jour des sécurités", NULL},
    {"Note", NULL, "rien de tel ici", "la mise à jour de sécurité cachée"},
    {"Mise à jour de sécurité", "Mise à jour de sécurité", "une mise à jour de sécurité", NULL},
    {"Note", NULL, "à jour de la mise de sécurité", NULL},
};

static const char *const phrases[] = {
    "\"!mise|!mises !à|!a !jour|!jours !de|!des !sécurité|!sécurités\"",
    "\"!mise !à|!a !jour\"",
    "\"!mis|!mise|!mises !à|!a|!á !jour|!jours\"",
    "\"!de|!des !sécurité|!sécurités\"",
    "\"!jour|!jours !de|!des !sécurité\"",
    "\"!à|!a !jour !de|!des\"",
    "\"!mise !de|!des !côté\"",
    "\"!sécurité|!sécurités !mise\"",
    "\"!absent|!absents !mise\"",
};

static ixf_index ix;
static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    char err[256];
    if (ixf_create(&ix) != 0)
        return -1;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        const char *chunks[] = {docs[i][2]};
        if (ixf_add_full(&ix, (long long)i + 1, "txt", 2020, docs[i][0], docs[i][1], chunks, 1,
                         NULL, docs[i][3]) != 0)
            return -1;
    }
    if (ixf_close(&ix) != 0 || schema_open(ix.path, SCHEMA_READONLY, &db, err, sizeof err) != 0 ||
        phrase_register(db, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    ixf_remove(&ix);
    return 0;
}

/* The integer sql returns with ?1 = a, and ?2 = shape, ?3 = cols when
 * shape is not NULL. */
static long long count(const char *sql, const char *a, const char *shape, int cols)
{
    sqlite3_stmt *st;
    long long n = -1;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (shape) {
        sqlite3_bind_text(st, 2, shape, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, cols);
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_split_shape(void **state)
{
    (void)state;
    buf expr = BUF_INIT, shape = BUF_INIT;
    assert_int_equal(phrase_split("\"!mise|!mises !à|!a|!á !jour\"", &expr, &shape), 3);
    assert_string_equal(
        expr.data, "(\"!mise\" OR \"!mises\") AND (\"!à\" OR \"!a\" OR \"!á\") AND (\"!jour\")");
    assert_string_equal(shape.data, "2 3 1");
    buf_free(&expr);
    buf_free(&shape);
    /* no alternative, one position, a prefix, a word not verbatim, a quote */
    static const char *const others[] = {
        "\"!mise !à !jour\"",         "\"!de|!des\"",
        "\"!mise|!mises !jour\"*",    "\"!mise|!mises ^jour\"",
        "\"!mise|!mises !jo\"\"ur\"", "(\"!mise\" OR \"!mises\")",
        "\"!mise|!mises  !jour\"",    "\"!mise| !jour\"",
    };
    /* more positions than repere_phrase walks */
    buf many = BUF_INIT;
    buf_putc(&many, '"');
    for (int i = 0; i < 33; i++)
        buf_puts(&many, i ? " !a|!à" : "!a|!à");
    buf_putc(&many, '"');
    assert_int_equal(phrase_split(many.data, &expr, &shape), 0);
    buf_free(&many);
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        assert_int_equal(phrase_split(others[i], &expr, &shape), 0);
        assert_int_equal(expr.len, 0);
        assert_int_equal(shape.len, 0);
    }
}

/* The property search.c relies on for a phrase's document count (rank.c's
 * IDF): the same rows as FTS5's match of the phrase. */
static void test_same_rows(void **state)
{
    (void)state;
    long long some = 0;
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
        buf expr = BUF_INIT, shape = BUF_INIT, shown = BUF_INIT;
        assert_true(phrase_split(phrases[i], &expr, &shape) >= 2);
        long long fts =
            count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1", phrases[i], NULL, 0);
        long long ours = count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                               " AND repere_phrase(docs_fts, ?2, ?3)",
                               expr.data, shape.data, 0);
        assert_true(fts >= 0);
        assert_int_equal(ours, fts);
        buf_printf(&shown, "{title headings body} : (%s)", phrases[i]);
        fts = count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1", shown.data, NULL, 0);
        ours = count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                     " AND repere_phrase(docs_fts, ?2, ?3)",
                     expr.data, shape.data, SCHEMA_HIDDEN_COLUMN);
        assert_int_equal(ours, fts);
        some += fts;
        buf_free(&expr);
        buf_free(&shape);
        buf_free(&shown);
    }
    assert_true(some > 0);
    /* the first phrase: rows 1, 2, 5, 7, and 6 by its hidden text only */
    assert_int_equal(
        count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1", phrases[0], NULL, 0), 5);
}

/* An expression that is not the shape's is an error, not a count. */
static void test_wrong_shape(void **state)
{
    (void)state;
    assert_int_equal(count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                           " AND repere_phrase(docs_fts, ?2, ?3)",
                           "(\"!mise\" OR \"!mises\") AND \"!jour\"", "1 1", 0),
                     -1);
    assert_int_equal(count("SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                           " AND repere_phrase(docs_fts, ?2, ?3)",
                           "(\"!mise\" OR \"!mises\") AND \"!à !jour\"", "2 1", 0),
                     -1);
}

/* phrase_list_next reads a list as phrase_hits writes it (1 then the
 * column where it changes, else the step plus 2) and stops, never reading
 * past the end, at a varint cut short. */
static void test_list_next(void **state)
{
    (void)state;
    /* column 0 offset 3, offset 200 (step 197 + 2 = 199: two bytes), then
     * column 2 offset 5 */
    const unsigned char list[] = {5, 0x81, 0x47, 1, 2, 7};
    const unsigned char *a = list, *b = list + sizeof list;
    int col = 0, off = 0;
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(col, 0);
    assert_int_equal(off, 3);
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(off, 200);
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(col, 2);
    assert_int_equal(off, 5);
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(col, -1);
    assert_int_equal(off, -1);
    /* cut inside the second varint: its last byte would be past b */
    a = list;
    b = list + 2;
    col = off = 0;
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(off, 3);
    phrase_list_next(&a, b, &col, &off);
    assert_int_equal(col, -1);
    assert_ptr_equal(a, b);
    /* a column change with its column missing */
    const unsigned char cut[] = {1};
    a = cut;
    col = off = 0;
    phrase_list_next(&a, cut + 1, &col, &off);
    assert_int_equal(col, -1);
    assert_int_equal(off, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_shape),
        cmocka_unit_test(test_same_rows),
        cmocka_unit_test(test_wrong_shape),
        cmocka_unit_test(test_list_next),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
