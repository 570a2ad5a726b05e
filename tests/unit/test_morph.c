/* test_morph: lib/morph.c on a real index (written by store_put, its
 * vocabulary read through vocab.c as searchd reads it): participle shapes,
 * weak forms, the « -age » pairs, derived words, a verb's other person and
 * the other number, each with the case where the index lacks what makes
 * the pair hold. The query compiler's use of them is test_query's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer.h"
#include "morph.h"
#include "piece.h"
#include "vocab_fixture.h"

/* Each text is one document; what a test needs the index to lack is
 * written nowhere. */
static const char *const docs[] = {
    "Le piratage des comptes : pirater un compte, un compte piraté.",
    "L'affichage de la page d'accueil.",
    "La suppression du compte. Supprimer un fichier. La réduction des délais.",
    "La directive transposée en 2013 ; transposer une directive.",
    "Les montants recalculées chaque mois, recalculé en mai.",
    "Le menu principal et ses sous-menus : les menus déroulants.",
    "Le mois de mai. Moi, je signe. Une permission écrite, des permissions.",
    "Un visage. Viser juste. Un avantage certain, avant tout.",
    "Les signes de la traite. La convention signée. Un compte signé.",
    "Le travail exploité, la personne exploitée, l'exploitation.",
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

/* The folded stem of word, as the analyzer gives it (a static copy). */
static const char *stem_of(const char *word)
{
    static char out[4][64];
    static int k;
    analyzer_keyset ks;
    analyzer_keys(word, strlen(word), &ks);
    k = (k + 1) % 4;
    snprintf(out[k], sizeof out[k], "%.*s", (int)ks.stem_len, ks.stem);
    return out[k];
}

/* The one-word piece "!stem" of word, as query.c writes a word's first
 * alternative (a static copy). */
static const char *piece_of(const char *word)
{
    static char out[4][80];
    static int k;
    k = (k + 1) % 4;
    snprintf(out[k], sizeof out[k], "%c%s", ANALYZER_VERBATIM, stem_of(word));
    return out[k];
}

/* Does the piece "a|b|c" have the alternative alt (piece_has)? */
static int has_alt(const char *piece, const char *alt)
{
    return piece_has(piece, strlen(piece), alt, strlen(alt));
}

/* The index forms whose key is the stem of word. */
static void forms_of(vfx *f, const char *word, piece_forms *out)
{
    const char *s = stem_of(word);
    memset(out, 0, sizeof *out);
    assert_int_equal(f->pv.forms(f->pv.ctx, s, strlen(s), 0, piece_forms_add, out), SQLITE_OK);
}

static void test_participle_shapes(void **state)
{
    (void)state;
    static const char *const yes[] = {"exploité", "exploitée", "exploités", "exploitées"};
    static const char *const no[] = {"exploite", "exploiter", "exploitation", "e", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(morph_participle(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(morph_participle(no[i], strlen(no[i])));
}

static void test_ends_needs_room_before(void **state)
{
    (void)state;
    size_t before = 99;
    const char *w = "vérification";
    assert_true(morph_ends(w, strlen(w), "ication", 3, &before));
    assert_int_equal(before, strlen("vérif"));
    /* « vérif » is five characters (six bytes): six are too many. */
    assert_true(morph_ends(w, strlen(w), "ication", 5, &before));
    assert_false(morph_ends(w, strlen(w), "ication", 6, &before));
    assert_false(morph_ends(w, strlen(w), "ation!", 0, &before));
    assert_false(morph_ends("on", 2, "ication", 0, &before));
}

/* « signes » typed: the convention « signée », a participle the word
 * typed cannot be, is weak; « signes » itself is not. « exploite » typed
 * bare may be « exploité »: nothing is weak. */
static void test_weak_forms(void **state)
{
    (void)state;
    piece_forms pf = {.n = 0};
    piece_forms_add(&pf, "signes", strlen("signes"));
    piece_forms_add(&pf, "signée", strlen("signée"));
    int weak[2] = {-1, -1};
    morph_weak_forms(&pf, "signes", 7, weak);
    assert_int_equal(weak[0], 0);
    assert_int_equal(weak[1], 7);
    piece_forms_free(&pf);

    memset(&pf, 0, sizeof pf);
    piece_forms_add(&pf, "exploité", strlen("exploité"));
    piece_forms_add(&pf, "exploitation", strlen("exploitation"));
    weak[0] = weak[1] = -1;
    morph_weak_forms(&pf, "exploite", 7, weak);
    assert_int_equal(weak[0], 0);
    assert_int_equal(weak[1], 0);
    piece_forms_free(&pf);

    /* Forms that are all participles, none of them the word typed: none
     * weak. */
    memset(&pf, 0, sizeof pf);
    piece_forms_add(&pf, "signalée", strlen("signalée"));
    piece_forms_add(&pf, "signalés", strlen("signalés"));
    weak[0] = weak[1] = -1;
    morph_weak_forms(&pf, "signes", 7, weak);
    assert_int_equal(weak[0], 0);
    assert_int_equal(weak[1], 0);
    piece_forms_free(&pf);
}

/* « piratage » and « pirater » reach each other (the index has both, and
 * a verb's forms); « affichage » does not reach « afficher », which no
 * document writes; « visage » is not « viser » (too short a stem), nor
 * « avantage » « avant » (no verb). */
static void test_age_key(void **state)
{
    vfx *f = *state;
    char key[64];
    piece_forms own;

    forms_of(f, "piratage", &own);
    assert_true(own.n > 0);
    size_t klen = morph_age_key(piece_of("piratage"), &own, &f->pv, key, sizeof key);
    assert_int_equal(klen, strlen(stem_of("pirater")));
    assert_string_equal(key, stem_of("pirater"));
    piece_forms_free(&own);

    forms_of(f, "pirater", &own);
    klen = morph_age_key(piece_of("pirater"), &own, &f->pv, key, sizeof key);
    assert_true(klen > 0);
    assert_string_equal(key, stem_of("piratage"));
    piece_forms_free(&own);

    static const char *const none[] = {"affichage", "visage", "avantage"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        forms_of(f, none[i], &own);
        assert_true(own.n > 0);
        assert_int_equal(morph_age_key(piece_of(none[i]), &own, &f->pv, key, sizeof key), 0);
        piece_forms_free(&own);
    }
}

/* « suppression » reaches « supprimer », which Snowball stems apart and
 * the index has; « réduction » does not reach « réduire », which no
 * document writes, nor « affichage » anything. */
static void test_derived_words(void **state)
{
    vfx *f = *state;
    piece_forms own;
    buf keys = BUF_INIT;

    assert_string_not_equal(stem_of("suppression"), stem_of("supprimer"));
    forms_of(f, "suppression", &own);
    assert_true(vfx_has_form(&own, "suppression"));
    morph_derived_words(piece_of("suppression"), &own, &f->pv, &keys);
    buf_putc(&keys, '\0');
    assert_true(has_alt(keys.data, stem_of("supprimer")));
    piece_forms_free(&own);

    /* « transposition » reaches « transposer » (-oser / -osition). */
    keys.len = 0;
    assert_string_not_equal(stem_of("transposition"), stem_of("transposer"));
    forms_of(f, "transposition", &own);
    assert_int_equal(own.n, 0);
    piece_forms_add(&own, "transposition", strlen("transposition"));
    morph_derived_words(piece_of("transposition"), &own, &f->pv, &keys);
    buf_putc(&keys, '\0');
    assert_true(has_alt(keys.data, stem_of("transposer")));
    piece_forms_free(&own);

    keys.len = 0;
    forms_of(f, "réduction", &own);
    assert_true(own.n > 0);
    morph_derived_words(piece_of("réduction"), &own, &f->pv, &keys);
    buf_putc(&keys, '\0');
    assert_string_equal(keys.data, "");
    piece_forms_free(&own);

    keys.len = 0;
    forms_of(f, "affichage", &own);
    morph_derived_words(piece_of("affichage"), &own, &f->pv, &keys);
    buf_putc(&keys, '\0');
    assert_string_equal(keys.data, "");
    piece_forms_free(&own);
    buf_free(&keys);
}

/* « recalculent », which Snowball keeps whole and no document writes, is
 * a verb's third person plural: its stem without « -ent » leads to
 * « recalculées », « recalculé ». « comptent » leads nowhere: no « compter »
 * nor participle, only the noun « compte ». */
static void test_person_verb(void **state)
{
    vfx *f = *state;
    const char *s = stem_of("recalculent");
    assert_int_equal(morph_person_verb(&f->pv, s, strlen(s)), strlen(s) - strlen("ent"));
    s = stem_of("comptent");
    assert_int_equal(morph_person_verb(&f->pv, s, strlen(s)), 0);
    s = stem_of("pirate");
    assert_int_equal(morph_person_verb(&f->pv, s, strlen(s)), 0);
}

/* « menu » gets its plural's forms when the vocabulary's second reading
 * asks for numbers, and nothing without it; « mois » is no plural of
 * « moi », which the index has too. */
static int never_little(const char *word)
{
    (void)word;
    return 0;
}

static void test_plural_piece(void **state)
{
    vfx *f = *state;
    char *p = morph_plural_piece(piece_of("menu"), "menu", &f->pv, never_little);
    /* Snowball stems « menu » and « menus » alike: without the second
     * reading nothing is added. */
    assert_null(p);
    f->pv.numbers = 1;
    p = morph_plural_piece(piece_of("menu"), "menu", &f->pv, never_little);
    f->pv.numbers = 0;
    assert_non_null(p);
    assert_true(strncmp(p, piece_of("menu"), strlen(piece_of("menu"))) == 0);
    assert_true(has_alt(p, "=menus"));
    free(p);

    f->pv.numbers = 1;
    p = morph_plural_piece(piece_of("mois"), "mois", &f->pv, never_little);
    f->pv.numbers = 0;
    assert_null(p);

    /* « permissions » typed reaches « permission », which Snowball stems
     * apart. */
    assert_string_not_equal(stem_of("permissions"), stem_of("permission"));
    f->pv.numbers = 1;
    p = morph_plural_piece(piece_of("permissions"), "permissions", &f->pv, never_little);
    f->pv.numbers = 0;
    assert_non_null(p);
    assert_true(has_alt(p, "=permission"));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_participle_shapes),
        cmocka_unit_test(test_ends_needs_room_before),
        cmocka_unit_test(test_weak_forms),
        cmocka_unit_test_setup_teardown(test_age_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plural_piece, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
