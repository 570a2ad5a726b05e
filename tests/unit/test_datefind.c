/* test_datefind: French date parsing (month names with or without
 * accents, any case, « 1er », numeric and ISO forms, calendar checks) and
 * the choice of a document's own date among the dates of a text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "datefind.h"

#include <string.h>

static void assert_parse(const char *in, const char *want)
{
    char out[11] = "";
    int ok = datefind_parse(in, strlen(in), out);
    if (!want) {
        assert_false(ok);
        return;
    }
    assert_true(ok);
    assert_string_equal(out, want);
}

static void test_parse_french(void **state)
{
    (void)state;
    assert_parse("27 janvier 2018", "2018-01-27");
    assert_parse(" 27 Janvier 2018 ", "2018-01-27");
    assert_parse("1er février 2019", "2019-02-01");
    assert_parse("1 er fevrier 2019", "2019-02-01");
    assert_parse("1\xE1\xB5\x89\xCA\xB3 mars 2020", "2020-03-01"); /* 1ᵉʳ */
    assert_parse("3 FÉVRIER 2021", "2021-02-03");
    assert_parse("15 AOÛT 2017", "2017-08-15");
    assert_parse("15 aout 2017", "2017-08-15");
    assert_parse("9 Décembre 2016", "2016-12-09");
    assert_parse("9 decembre 2016", "2016-12-09");
    assert_parse("3 sept. 2019", "2019-09-03");
    assert_parse("14\xC2\xA0juillet\xC2\xA0"
                 "2015",
                 "2015-07-14");                           /* no-break spaces */
    assert_parse("2 fe\xCC\x81vrier 2019", "2019-02-02"); /* decomposed accent */
}

static void test_parse_numeric(void **state)
{
    (void)state;
    assert_parse("27/01/2018", "2018-01-27");
    assert_parse("7.3.2019", "2019-03-07");
    assert_parse("27-01-2018", "2018-01-27");
    assert_parse("2018-01-27", "2018-01-27");
    assert_parse("2018-01-27T10:00:00+01:00", "2018-01-27");
    assert_parse("2018/01/27", "2018-01-27");
}

static void test_parse_rejects(void **state)
{
    (void)state;
    assert_parse("31 février 2018", NULL);
    assert_parse("29 février 2019", NULL);
    assert_parse("29 février 2020", "2020-02-29");
    assert_parse("32 janvier 2018", NULL);
    assert_parse("27 janvier", NULL);
    assert_parse("27 brumaire 2018", NULL);
    assert_parse("13/13/2018", NULL);
    assert_parse("27/01/18", NULL);
    assert_parse("123 janvier 2018", NULL);
    assert_parse("27 janvier 20188", NULL);
    assert_parse("27 janvier 2018 et plus", NULL);
    assert_parse("2 janviers 2018", NULL);
    assert_parse("", NULL);
    assert_parse("1er", NULL);
}

static void test_format(void **state)
{
    (void)state;
    char out[11];
    assert_true(datefind_format(2000, 2, 29, out));
    assert_string_equal(out, "2000-02-29");
    assert_false(datefind_format(1900, 2, 29, out));
    assert_false(datefind_format(1899, 12, 31, out));
    assert_false(datefind_format(2018, 4, 31, out));
    assert_false(datefind_format(2018, 0, 1, out));
    assert_true(datefind_format(2100, 12, 31, out));
    assert_string_equal(out, "2100-12-31");
}

static datefind_strength find(const char *text, char out[11])
{
    strcpy(out, "none");
    return datefind_document(text, strlen(text), out);
}

static void test_document_seed_like(void **state)
{
    (void)state;
    char out[11];
    const char *text = "COMPTE-RENDU DES RENCONTRES DU COLLECTIF\n"
                       "Des mardis 28 novembre 2017 et 9 janvier 2018, au Secours Catholique\n"
                       " Paris, le27 janvier 2018 \n"
                       "A l'ordre du jour\n";
    assert_int_equal(find(text, out), DATEFIND_DATELINE);
    assert_string_equal(out, "2018-01-27");
}

static void test_document_datelines(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(find("Le 3 mai 2019\nObjet : réunion", out), DATEFIND_DATELINE);
    assert_string_equal(out, "2019-05-03");
    assert_int_equal(find("Lyon, le mardi 12 mars 2019.\n", out), DATEFIND_DATELINE);
    assert_string_equal(out, "2019-03-12");
    assert_int_equal(find("Date : 05/06/2020\n", out), DATEFIND_DATELINE);
    assert_string_equal(out, "2020-06-05");
    assert_int_equal(find("Fait à Marseille, LE 1ER JUIN 2016", out), DATEFIND_DATELINE);
    assert_string_equal(out, "2016-06-01");
}

static void test_document_heading_date(void **state)
{
    (void)state;
    char out[11];
    const char *text = "Réunion plénière du 14 février 2019\n"
                       "Présents : le 2 février 2019 nous avions dit…\n";
    assert_int_equal(find(text, out), DATEFIND_HEADING);
    assert_string_equal(out, "2019-02-14");
    /* a dateline further down still beats a heading date */
    const char *text2 = "Réunion du 14 février 2019\nParis, le 20 février 2019\n";
    assert_int_equal(find(text2, out), DATEFIND_DATELINE);
    assert_string_equal(out, "2019-02-20");
}

static void test_document_weak_and_far(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(find("La loi du 13 avril 2016 a changé la donne pour les victimes.", out),
                     DATEFIND_WEAK);
    assert_string_equal(out, "2016-04-13");
    /* a sentence ending with a date is running text, not a heading */
    assert_int_equal(find("Titre\nLa loi du 5 août 2013.\n", out), DATEFIND_WEAK);
    assert_string_equal(out, "2013-08-05");
    assert_int_equal(find("Aucune date ici, seulement 2018 et le 12 mai.", out), DATEFIND_NONE);
    assert_string_equal(out, "none");

    /* a plain date deep in the text says nothing about the document */
    char big[8000];
    memset(big, 'x', sizeof big);
    for (size_t i = 80; i < sizeof big; i += 81)
        big[i] = '\n';
    const char *late = " la loi du 13 avril 2016 a changé ";
    memcpy(big + 3000, late, strlen(late));
    big[sizeof big - 1] = '\0';
    assert_int_equal(find(big, out), DATEFIND_NONE);

    /* a signature dateline at the very end counts */
    const char *sig = "\nFait à Paris, le 2 octobre 2017\n";
    memcpy(big + sizeof big - 1 - strlen(sig), sig, strlen(sig));
    assert_int_equal(find(big, out), DATEFIND_DATELINE);
    assert_string_equal(out, "2017-10-02");
}

static void test_document_ties_earliest(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(find("Paris, le 1er mars 2018\nParis, le 2 mars 2018\n", out),
                     DATEFIND_DATELINE);
    assert_string_equal(out, "2018-03-01");
    assert_int_equal(find("Publié le 2018-01-27\n", out), DATEFIND_DATELINE);
    assert_string_equal(out, "2018-01-27");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_french),           cmocka_unit_test(test_parse_numeric),
        cmocka_unit_test(test_parse_rejects),          cmocka_unit_test(test_format),
        cmocka_unit_test(test_document_seed_like),     cmocka_unit_test(test_document_datelines),
        cmocka_unit_test(test_document_heading_date),  cmocka_unit_test(test_document_weak_and_far),
        cmocka_unit_test(test_document_ties_earliest),
    };
    return cmocka_run_group_tests_name("datefind", tests, NULL, NULL);
}
