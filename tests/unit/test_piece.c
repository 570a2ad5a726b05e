/* test_piece: lib/piece.c and piece.h's helpers: walking a piece's
 * alternatives, finding one, the form sets (once each, cut to a prefix's
 * characters, filtered, bounded) and the forms each kind of alternative
 * names in a real index (store_put, read through vocab.c). What the
 * alternatives mean for a query is test_query's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer.h"
#include "piece.h"
#include "vocab_fixture.h"

static const char *const docs[] = {
    "Les élèves et leur élève préférée. Un élevage de chèvres.",
    "Le menu et les menus. Accompagnés, accompagnées, accompagner.",
};

static int setup(void **state)
{
    *state = vfx_open(docs, sizeof docs / sizeof docs[0]);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    vfx_close(*state);
    return 0;
}

/* "a|bb||c|": four alternatives, the third empty; the bar at the very end
 * opens none. */
static void test_alt_walk(void **state)
{
    (void)state;
    const char *piece = "a|bb||c|";
    static const char *const want[] = {"a", "bb", "", "c"};
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *alt;
    size_t n, k = 0;
    while (piece_alt_next(&it, &alt, &n)) {
        assert_true(k < 4);
        assert_int_equal(n, strlen(want[k]));
        assert_memory_equal(alt, want[k], n);
        k++;
    }
    assert_int_equal(k, 4);
    /* Only the first len bytes are walked. */
    it = piece_alt_iter_of(piece, 1);
    assert_true(piece_alt_next(&it, &alt, &n));
    assert_int_equal(n, 1);
    assert_false(piece_alt_next(&it, &alt, &n));
    it = piece_alt_iter_of(piece, 0);
    assert_false(piece_alt_next(&it, &alt, &n));
}

static void test_first_alt_and_has(void **state)
{
    (void)state;
    assert_int_equal(piece_first_alt("=un|~un"), 3);
    assert_int_equal(piece_first_alt("!menu"), 5);
    const char *p = "!menu|=menus|%menu";
    assert_true(piece_has(p, strlen(p), "=menus", 6));
    assert_true(piece_has(p, strlen(p), "%menu", 5));
    /* Whole alternatives only, and within len. */
    assert_false(piece_has(p, strlen(p), "=menu", 5));
    assert_false(piece_has(p, strlen(p), "menu", 4));
    assert_false(piece_has(p, 5, "=menus", 6));
    assert_true(piece_lent_marker(PIECE_LEND) && piece_lent_marker(PIECE_AGENT) &&
                piece_lent_marker(PIECE_KIN) && piece_lent_marker(PIECE_RIVAL));
    assert_false(piece_lent_marker(ANALYZER_VERBATIM) || piece_lent_marker(ANALYZER_EXACT) ||
                 piece_lent_marker(ANALYZER_FOLDED) || piece_lent_marker(ANALYZER_FOLDED_STEM));
}

static int no_plural(const char *form, size_t len)
{
    return len > 0 && form[len - 1] != 's';
}

static void test_forms_add(void **state)
{
    (void)state;
    piece_forms f = {.n = 0};
    piece_forms_add(&f, "menu", 4);
    piece_forms_add(&f, "menu", 4);
    piece_forms_add(&f, "menus", 5);
    piece_forms_add(&f, "", 0);
    assert_int_equal(f.n, 2);
    assert_true(vfx_has_form(&f, "menu") && vfx_has_form(&f, "menus"));
    piece_forms_free(&f);
    assert_int_equal(f.n, 0);

    /* Cut to 3 characters, not bytes: « élè » is five bytes. */
    f.chars = 3;
    piece_forms_add(&f, "élèves", strlen("élèves"));
    piece_forms_add(&f, "élève", strlen("élève"));
    piece_forms_add(&f, "élevage", strlen("élevage"));
    assert_int_equal(f.n, 2);
    assert_true(vfx_has_form(&f, "élè") && vfx_has_form(&f, "éle"));
    piece_forms_free(&f);

    f.chars = 0;
    f.keep = no_plural;
    piece_forms_add(&f, "menus", 5);
    piece_forms_add(&f, "menu", 4);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.v[0], "menu");
    piece_forms_free(&f);

    /* Bounded: PIECE_MAX_FORMS forms, the next one dropped. */
    f.keep = NULL;
    char w[16];
    for (int i = 0; i <= PIECE_MAX_FORMS; i++) {
        snprintf(w, sizeof w, "f%d", i);
        piece_forms_add(&f, w, strlen(w));
    }
    assert_int_equal(f.n, PIECE_MAX_FORMS);
    snprintf(w, sizeof w, "f%d", PIECE_MAX_FORMS);
    assert_false(vfx_has_form(&f, w));
    piece_forms_free(&f);
}

/* Each kind of alternative names its forms: "=x" the form itself, index or
 * not; "!stem" and "%stem" the forms of that key; "~x" in a prefix the
 * beginnings of the forms whose unaccented form starts so; a lent
 * marker or a one-byte alternative nothing. */
static void test_alt_forms(void **state)
{
    vfx *f = *state;
    piece_forms pf = {.n = 0};
    piece_alt_forms(&f->pv, "=absent", 7, 0, &pf);
    assert_int_equal(pf.n, 1);
    assert_string_equal(pf.v[0], "absent");
    piece_forms_free(&pf);

    analyzer_keyset k;
    analyzer_keys("accompagnées", strlen("accompagnées"), &k);
    char alt[80];
    snprintf(alt, sizeof alt, "%c%.*s", ANALYZER_VERBATIM, (int)k.stem_len, k.stem);
    piece_alt_forms(&f->pv, alt, strlen(alt), 0, &pf);
    assert_true(vfx_has_form(&pf, "accompagnées"));
    assert_false(vfx_has_form(&pf, "menu"));
    piece_forms_free(&pf);

    piece_alt_forms(&f->pv, "~elev", 5, 1, &pf);
    /* « élèves », « élève », « élevage »: their first four characters. */
    assert_int_equal(pf.n, 2);
    assert_true(vfx_has_form(&pf, "élèv"));
    assert_true(vfx_has_form(&pf, "élev"));
    piece_forms_free(&pf);

    static const char lent[] = {PIECE_LEND, PIECE_AGENT, PIECE_KIN, PIECE_RIVAL};
    for (size_t i = 0; i < sizeof lent; i++) {
        snprintf(alt, sizeof alt, "%cmenu", lent[i]);
        piece_alt_forms(&f->pv, alt, strlen(alt), 0, &pf);
        assert_int_equal(pf.n, 0);
    }
    piece_alt_forms(&f->pv, "=", 1, 0, &pf);
    assert_int_equal(pf.n, 0);
}

static void test_forms_of(void **state)
{
    vfx *f = *state;
    piece_forms pf;
    piece_forms_of("=menu|=menus|=absent", 0, no_plural, &f->pv, &pf);
    assert_int_equal(pf.n, 2);
    assert_true(vfx_has_form(&pf, "menu") && vfx_has_form(&pf, "absent"));
    piece_forms_free(&pf);
    /* No vocabulary: no forms, even exact ones. */
    piece_forms_of("=menu", 0, NULL, NULL, &pf);
    assert_int_equal(pf.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alt_walk),
        cmocka_unit_test(test_first_alt_and_has),
        cmocka_unit_test(test_forms_add),
        cmocka_unit_test_setup_teardown(test_alt_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forms_of, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
