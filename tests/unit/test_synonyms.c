/* test_synonyms: the synonym file format (comments, CRLF, blank and bad
 * lines, several sides), lookups by analysed tokens, and the built-in
 * abbreviations (abbrev.h), spellings (spelling.h) and anglicisms
 * (anglicism.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "abbrev.h"
#include "anglicism.h"
#include "spelling.h"
#include "synonyms.h"

typedef struct {
    char dir[64];
    char path[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/test_synonyms.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/synonymes.txt", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

static synonyms *load(fixture *f, const char *content)
{
    FILE *fp = fopen(f->path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    synonyms *s = NULL;
    char err[256];
    assert_int_equal(synonyms_load(f->path, &s, err, sizeof err), 0);
    assert_non_null(s);
    return s;
}

/* Group of the side made of the given tokens, or -1. */
static long lookup(const synonyms *s, const char *const *toks, size_t n)
{
    size_t groups[4], sides[4];
    size_t found = synonyms_lookup(s, toks, n, groups, sides, 4);
    return found ? (long)groups[0] : -1;
}

static void test_format(void **state)
{
    synonyms *s = load(*state, "# Sigles du collectif\r\n"
                               "\r\n"
                               "MNA = mineurs non accompagnés\r\n"
                               "   \n"
                               "ligne sans signe égal\n"
                               "= côté vide\n"
                               "OQTF = # commentaire qui vide le second côté\n"
                               "TEH = traite des êtres humains = traite des personnes # fin\n"
                               "ASE = aide sociale à l’enfance\n"
                               "mineur = Mineurs = MINEUR\n"
                               "MNA = MNA = mineur non accompagné = mineurs non accompagnés\n");
    assert_int_equal(synonyms_groups(s), 4); /* sides that analyse alike count once */
    assert_int_equal(synonyms_sides(s, 3), 2);
    assert_int_equal(synonyms_sides(s, 0), 2);
    assert_int_equal(synonyms_sides(s, 1), 3);
    assert_int_equal(synonyms_sides(s, 2), 2);
    const char *const *toks;
    assert_int_equal(synonyms_side(s, 0, 0, &toks), 1);
    assert_string_equal(toks[0], "mna");
    assert_int_equal(synonyms_side(s, 0, 1, &toks), 3);
    assert_string_equal(toks[0], "mineur");
    assert_string_equal(toks[1], "non");
    assert_string_equal(toks[2], "accompagn");
    assert_int_equal(synonyms_side(s, 2, 1, &toks), 4); /* l’ elided */
    assert_string_equal(toks[3], "enfanc");
    /* Each word's form as written, lowercase with its accents. */
    assert_string_equal(synonyms_side_form(s, 0, 1, 2), "accompagnés");
    assert_string_equal(synonyms_side_form(s, 2, 1, 3), "enfance");
    assert_null(synonyms_side_form(s, 0, 1, 3));
    assert_null(synonyms_side_form(s, 9, 0, 0));
    assert_int_equal(synonyms_side(s, 9, 0, &toks), 0);
    assert_null(toks);
    synonyms_free(s);
}

static void test_lookup(void **state)
{
    synonyms *s = load(*state, "MNA = mineurs non accompagnés\n"
                               "TEH = traite des êtres humains = traite des personnes\n"
                               "MNA = mineurs isolés étrangers\n"
                               "FA = filles accompagnées\n");
    const char *mna[] = {"mna"};
    size_t groups[4], sides[4];
    assert_int_equal(synonyms_lookup(s, mna, 1, groups, sides, 4), 2);
    assert_int_equal(groups[0], 0);
    assert_int_equal(groups[1], 2);
    assert_int_equal(sides[0], 0);
    const char *full[] = {"mineur", "non", "accompagn"};
    assert_int_equal(lookup(s, full, 3), 0);
    assert_int_equal(lookup(s, full, 2), -1);
    const char *pers[] = {"traite", "de", "person"};
    assert_int_equal(lookup(s, pers, 3), 1);
    assert_int_equal(synonyms_lookup(s, pers, 3, groups, sides, 4), 1);
    assert_int_equal(sides[0], 2);
    /* « accompagnees » typed without accents stems to "accompagne". */
    const char *fa[] = {"fill", "accompagn"}, *fa_plain[] = {"fill", "accompagne"};
    assert_int_equal(lookup(s, fa, 2), 3);
    assert_int_equal(lookup(s, fa_plain, 2), 3);
    const char *none[] = {"rien"};
    assert_int_equal(lookup(s, none, 1), -1);
    assert_int_equal(lookup(NULL, none, 1), -1);
    synonyms_free(s);
}

/* "~" lines group related words: looked up like the others, and told
 * apart by synonyms_related. A line with "=" keeps "~" as text. */
static void test_related(void **state)
{
    synonyms *s = load(*state, "MNA = mineurs non accompagnés\n"
                               "protéger ~ protection ~ protecteurs\n"
                               "signes ~ indicateurs = indices\n"
                               "~ repérer\n");
    assert_int_equal(synonyms_groups(s), 3);
    assert_false(synonyms_related(s, 0));
    assert_true(synonyms_related(s, 1));
    assert_false(synonyms_related(s, 2));
    assert_false(synonyms_related(s, 3));
    assert_false(synonyms_related(NULL, 0));
    assert_int_equal(synonyms_sides(s, 1), 3);
    const char *proteg[] = {"proteg"}, *protect[] = {"protect"};
    assert_int_equal(lookup(s, proteg, 1), 1);
    assert_int_equal(lookup(s, protect, 1), 1);
    /* « signes ~ indicateurs » is one side of an "=" line. */
    assert_int_equal(synonyms_sides(s, 2), 2);
    const char *const *toks;
    assert_int_equal(synonyms_side(s, 2, 0, &toks), 2);
    synonyms_free(s);
}

/* synonyms_relate: a group of related words; one way, only its first word
 * leads to the others. */
static void test_relate(void **state)
{
    (void)state;
    synonyms *s = synonyms_new();
    const char *one[] = {"changer", "modifier"}, *both[] = {"signes", "indicateurs", "signes"};
    assert_int_equal(synonyms_relate(s, one, 2, 1), 1);
    assert_int_equal(synonyms_relate(s, both, 3, 0), 1);
    assert_int_equal(synonyms_relate(s, one, 1, 1), 0);
    assert_int_equal(synonyms_groups(s), 2);
    assert_true(synonyms_related(s, 0));
    assert_int_equal(synonyms_sides(s, 1), 2);
    assert_int_equal(lookup(s, (const char *[]){"chang"}, 1), 0);
    assert_int_equal(lookup(s, (const char *[]){"modifi"}, 1), -1);
    /* Two-way: every side leads to the group. */
    for (size_t k = 0; k < 2; k++) {
        const char *const *toks;
        assert_int_equal(synonyms_side(s, 1, k, &toks), 1);
        assert_int_equal(lookup(s, toks, 1), 1);
    }
    synonyms_free(s);
}

/* synonyms_equate: a group of equivalents, spelt on its first side; a
 * "=" group of the file with that side stands in its way, a learned
 * acronym or a related group does not. */
static void test_equate(void **state)
{
    synonyms *s = load(*state, "CONF = conférence de presse\n"
                               "mdp ~ code\n");
    assert_int_equal(synonyms_learn(s, "FAQ", "frequently asked questions"), 1);
    const char *conf[] = {"conf", "configuration"};
    const char *faq[] = {"faq", "foire aux questions", "questions fréquentes"};
    const char *mdp[] = {"mdp", "mot de passe"};
    assert_int_equal(synonyms_equate(s, conf, 2, 1), 0);
    assert_int_equal(synonyms_equate(s, faq, 3, 0), 1);
    assert_int_equal(synonyms_equate(s, mdp, 2, 1), 1);
    assert_int_equal(synonyms_equate(s, mdp, 1, 1), 0);
    assert_int_equal(synonyms_groups(s), 5);
    assert_false(synonyms_related(s, 3));
    assert_true(synonyms_literal(s, 3));
    assert_true(synonyms_literal(s, 4));
    assert_false(synonyms_literal(s, 0));
    assert_false(synonyms_literal(s, 2));
    assert_false(synonyms_literal(NULL, 0));
    /* Both ways: the long forms lead to the group. */
    size_t groups[4], sides[4];
    const char *fq[] = {"faq"}, *foire[] = {"foir", "aux", "question"};
    assert_int_equal(synonyms_lookup(s, fq, 1, groups, sides, 4), 2);
    assert_int_equal(groups[1], 3);
    assert_int_equal(lookup(s, foire, 3), 3);
    /* One way: « mot de passe » does not reach « mdp »; « mdp » reaches
     * its related group too. */
    const char *mot[] = {"mot", "de", "pass"}, *m[] = {"mdp"};
    assert_int_equal(lookup(s, mot, 3), -1);
    assert_int_equal(synonyms_lookup(s, m, 1, groups, sides, 4), 2);
    assert_int_equal(groups[1], 4);
    synonyms_free(s);
}

/* The built-in table: every entry has an abbreviation and a long form,
 * each abbreviation once; all are added to an empty object, and a file's
 * group for one of them keeps it out. */
static void test_abbrev_table(void **state)
{
    size_t n = abbrev_count();
    assert_true(n >= 30 && n <= 400);
    for (size_t i = 0; i < n; i++) {
        const char *const *longs;
        size_t nlong;
        int oneway;
        const char *a = abbrev_entry(i, &longs, &nlong, &oneway);
        assert_non_null(a);
        assert_true(a[0] != 0 && nlong >= 1);
        for (size_t k = 0; k < nlong; k++)
            assert_true(longs[k][0] != 0 && strcmp(longs[k], a) != 0);
        for (size_t j = 0; j < i; j++) {
            const char *const *l2;
            size_t n2;
            int o2;
            assert_string_not_equal(abbrev_entry(j, &l2, &n2, &o2), a);
        }
        /* Two letters are always one way (abbrev.c); « 3d » is a figure. */
        if (strlen(a) == 2 && a[0] >= 'a' && a[0] <= 'z' && a[1] >= 'a' && a[1] <= 'z')
            assert_true(oneway);
    }
    const char *const *longs;
    size_t nlong;
    int oneway;
    assert_null(abbrev_entry(n, &longs, &nlong, &oneway));
    synonyms *s = synonyms_new();
    assert_int_equal(abbrev_add(s), n);
    assert_int_equal(synonyms_groups(s), n);
    /* Session 22: the administration's acronyms, one way. */
    assert_true(lookup(s, (const char *[]){"ase"}, 1) >= 0);
    assert_true(lookup(s, (const char *[]){"cpam"}, 1) >= 0);
    synonyms_free(s);
    s = load(*state, "BDD = banque de données\n");
    assert_int_equal(abbrev_add(s), n - 1);
    synonyms_free(s);
}

/* The spellings: every entry has a first spelling and another, each
 * first spelling once; all are added to an empty object, both ways unless
 * one way, and a file's group for one of them keeps it out. */
static void test_spelling_table(void **state)
{
    size_t n = spelling_count();
    assert_true(n >= 10 && n <= 100);
    for (size_t i = 0; i < n; i++) {
        const char *const *other;
        size_t nother;
        int oneway;
        const char *a = spelling_entry(i, &other, &nother, &oneway);
        assert_non_null(a);
        assert_true(a[0] != 0 && nother >= 1);
        for (size_t k = 0; k < nother; k++)
            assert_true(other[k][0] != 0 && strcmp(other[k], a) != 0);
        for (size_t j = 0; j < i; j++) {
            const char *const *o2;
            size_t n2;
            int w2;
            assert_string_not_equal(spelling_entry(j, &o2, &n2, &w2), a);
        }
    }
    const char *const *other;
    size_t nother;
    int oneway;
    assert_null(spelling_entry(n, &other, &nother, &oneway));
    synonyms *s = synonyms_new();
    assert_int_equal(spelling_add(s), n);
    assert_int_equal(synonyms_groups(s), n);
    assert_true(lookup(s, (const char *[]){"ognon"}, 1) >= 0);
    assert_true(lookup(s, (const char *[]){"oignon"}, 1) >= 0);
    assert_true(lookup(s, (const char *[]){"pay"}, 1) >= 0);
    assert_int_equal(lookup(s, (const char *[]){"pai"}, 1), -1);
    /* Session 22: a misspelling leads to the word, not the reverse. */
    assert_true(lookup(s, (const char *[]){"acceuil"}, 1) >= 0);
    assert_int_equal(lookup(s, (const char *[]){"accueil"}, 1), -1);
    synonyms_free(s);
    s = load(*state, "ognon = oignon blanc\n");
    assert_int_equal(spelling_add(s), n - 1);
    synonyms_free(s);
}

/* A built-in table's row: its words up to NULL or max, then the row
 * gathered first word first. */
static void test_table_row(void **state)
{
    (void)state;
    const char *full[3] = {"a", "b", "c"}, *part[3] = {"x", NULL, "never"};
    const char *words[4];
    assert_int_equal(synonyms_row_len(full, 3), 3);
    assert_int_equal(synonyms_row_len(part, 3), 1);
    assert_int_equal(synonyms_row("w", full, 3, words), 4);
    assert_string_equal(words[0], "w");
    assert_string_equal(words[3], "c");
    assert_int_equal(synonyms_row("w", part, 3, words), 2);
    assert_string_equal(words[1], "x");
}

/* The anglicisms: every entry has an English word and a French term,
 * each English word once; all are added to an empty object, one way: the
 * French term does not lead back. A file's group, an acronym the documents
 * define or an abbreviation with the English word keeps the entry out
 * (synonyms_defines), whatever its meaning. */
static void test_anglicism_table(void **state)
{
    size_t n = anglicism_count();
    assert_true(n >= 60 && n <= 2000);
    for (size_t i = 0; i < n; i++) {
        const char *const *french;
        size_t nfrench;
        const char *a = anglicism_entry(i, &french, &nfrench);
        assert_non_null(a);
        assert_true(a[0] != 0 && nfrench >= 1);
        for (size_t k = 0; k < nfrench; k++)
            assert_true(french[k][0] != 0 && strcmp(french[k], a) != 0);
        for (size_t j = 0; j < i; j++) {
            const char *const *f2;
            size_t n2;
            assert_string_not_equal(anglicism_entry(j, &f2, &n2), a);
        }
    }
    const char *const *french;
    size_t nfrench;
    assert_null(anglicism_entry(n, &french, &nfrench));
    synonyms *s = synonyms_new();
    assert_int_equal(anglicism_add(s), n);
    /* Plurals the French stemmer cuts apart come on top, uncounted. */
    assert_true(synonyms_groups(s) > n);
    assert_true(lookup(s, (const char *[]){"newslet"}, 1) >= 0);
    assert_int_equal(lookup(s, (const char *[]){"reunion"}, 1), -1);
    assert_int_equal(lookup(s, (const char *[]){"courriel"}, 1), -1);
    /* Session 22: « printer » (stem « print ») leads to « imprimante ». */
    assert_true(lookup(s, (const char *[]){"print"}, 1) >= 0);
    assert_int_equal(lookup(s, (const char *[]){"imprim"}, 1), -1);
    synonyms_free(s);
    s = load(*state, "mail = courrier postal\n");
    assert_true(synonyms_defines(s, "mail"));
    assert_false(synonyms_defines(s, "meeting"));
    assert_int_equal(anglicism_add(s), n - 1);
    synonyms_free(s);
    s = synonyms_new();
    assert_int_equal(synonyms_learn(s, "SCAN", "service central des archives nationales"), 1);
    assert_int_equal(abbrev_add(s), abbrev_count());
    assert_true(synonyms_defines(s, "scan"));
    assert_true(synonyms_defines(s, "mdp"));
    assert_int_equal(anglicism_add(s), n - 1);
    synonyms_free(s);
}

static void test_missing_and_empty(void **state)
{
    fixture *f = *state;
    synonyms *s = NULL;
    char err[256] = "";
    assert_int_equal(synonyms_load("/nonexistent/synonymes.txt", &s, err, sizeof err), -1);
    assert_null(s);
    assert_non_null(strstr(err, "/nonexistent/synonymes.txt"));
    s = load(f, "");
    assert_int_equal(synonyms_groups(s), 0);
    synonyms_free(s);
    s = load(f, "\xff\xfe = \xc3\n= = =\n");
    assert_int_equal(synonyms_groups(s), 0);
    synonyms_free(s);
    synonyms_free(NULL);
}

/* Acronyms the documents define add groups, unless the file has the
 * acronym in an "=" group (the file wins) or the same pair came already. */
static void test_learn(void **state)
{
    synonyms *s = load(*state, "PJJ = protection judiciaire de la jeunesse\n"
                               "ONG ~ association\n");
    assert_int_equal(synonyms_learn(s, "PJJ", "protection judiciaire de la jeunesse"), 0);
    assert_int_equal(synonyms_learn(s, "PJJ", "police judiciaire et justice"), 0);
    assert_int_equal(synonyms_groups(s), 2);
    assert_int_equal(synonyms_learn(s, "ONG", "organisation non gouvernementale"), 1);
    assert_int_equal(synonyms_learn(s, "ONG", "Organisations non gouvernementales"), 0);
    assert_int_equal(synonyms_learn(s, "CA", "cour d'appel"), 1);
    assert_int_equal(synonyms_learn(s, "CA", "conseil d'administration"), 1);
    assert_int_equal(synonyms_learn(s, "", "conseil d'administration"), 0);
    assert_int_equal(synonyms_groups(s), 5);
    assert_false(synonyms_related(s, 2));
    /* both ways, and an acronym with two long forms finds both */
    const char *ong[] = {"ong"}, *full[] = {"organis", "non", "gouvernemental"};
    const char *ca[] = {"ca"}, *cour[] = {"cour", "appel"}; /* d’ elided */
    size_t groups[4], sides[4];
    assert_int_equal(synonyms_lookup(s, ong, 1, groups, sides, 4), 2);
    assert_int_equal(groups[1], 2);
    assert_int_equal(lookup(s, full, 3), 2);
    assert_int_equal(synonyms_lookup(s, ca, 1, groups, sides, 4), 2);
    assert_int_equal(synonyms_lookup(s, cour, 2, groups, sides, 4), 1);
    assert_int_equal(groups[0], 3);
    /* many groups for one word: all found, in the order of the groups */
    char expansion[64];
    static const char *const words[] = {"alpha", "beta",    "gamma", "delta",  "epsilon", "zeta",
                                        "theta", "iota",    "kappa", "lambda", "omicron", "sigma",
                                        "tau",   "upsilon", "phi",   "chi",    "psi",     "omega"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        snprintf(expansion, sizeof expansion, "%s %s", words[i], words[i]);
        assert_int_equal(synonyms_learn(s, "CA", expansion), 1);
    }
    size_t many[32], many_sides[32];
    assert_int_equal(synonyms_lookup(s, ca, 1, many, many_sides, 32), 20);
    for (size_t i = 0; i < 20; i++) {
        assert_int_equal(many[i], 3 + i);
        assert_int_equal(many_sides[i], 0);
    }
    assert_int_equal(synonyms_lookup(s, ca, 1, many, many_sides, 4), 20);
    assert_int_equal(many[3], 6);
    synonyms_free(s);
    /* without a file */
    s = synonyms_new();
    assert_int_equal(synonyms_groups(s), 0);
    assert_int_equal(synonyms_learn(s, "PJJ", "protection judiciaire de la jeunesse"), 1);
    assert_int_equal(lookup(s, (const char *[]){"pjj"}, 1), 0);
    synonyms_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_learn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_related, setup, teardown),
        cmocka_unit_test(test_relate),
        cmocka_unit_test_setup_teardown(test_equate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spelling_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abbrev_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anglicism_table, setup, teardown),
        cmocka_unit_test(test_table_row),
        cmocka_unit_test_setup_teardown(test_missing_and_empty, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
