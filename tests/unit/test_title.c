/* test_title: titles written in capitals read as the document's text
 * writes their words: case and accents from the text's sentences (not its
 * headings), glued words split where the text knows both halves, acronyms
 * kept, sentence case; other titles are left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "title.h"

static void check(const char *title, const char *text, const char *want)
{
    const char *texts[] = {text, "Une deuxième partie du texte."};
    char *got = title_from_capitals(title, texts, 2);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_seed_title(void **state)
{
    (void)state;
    check("COMPTE-RENDU DESRENCONTRES DU COLLECTIF « ENSEMBLE CONTRE LA TRAITE DES ÊTRES "
          "HUMAINS »",
          "COMPTE-RENDU DESRENCONTRES DU COLLECTIF « ENSEMBLE CONTRE LA TRAITE DES ÊTRES "
          "HUMAINS »\nLe Collectif « Ensemble contre la traite des êtres humains » a tenu ses "
          "rencontres ensemble du 28 novembre au 9 janvier.",
          "Compte-rendu des rencontres du Collectif « Ensemble contre la traite des êtres "
          "humains »");
}

static void test_accents_and_acronyms(void **state)
{
    (void)state;
    /* Accents come back from the text; words it writes in capitals inside
     * a sentence stay capitals, and so do words it does not write that no
     * French word could be (« OQTF »). */
    check("REUNION PLENIERE AVEC ECPAT ET LE CCEM SUR LES OQTF",
          "Une réunion plénière avec ECPAT France et le Comité contre l’esclavage moderne – CCEM.",
          "Réunion plénière avec ECPAT et le CCEM sur les OQTF");
    /* A heading in capitals teaches nothing: « groupe » is lowercase in
     * the sentence. */
    check("GROUPE DE TRAVAIL", "GROUPE DE TRAVAIL ET ECPAT\nLe groupe de travail s’est réuni.",
          "Groupe de travail");
    /* Three capitals in a row are a heading's, even inside a paragraph. */
    check("ORDRE DU JOUR", "Voir ORDRE DU JOUR ci-dessous : l’ordre du jour adopté.",
          "Ordre du jour");
}

static void test_glued_words(void **state)
{
    (void)state;
    check("COMPTE-RENDU DE LAREUNION", "Elle dit que la réunion a eu lieu.",
          "Compte-rendu de la réunion");
    /* A word the text writes is never split. */
    check("LE PORTEFEUILLE", "Le porte-monnaie et le portefeuille, la feuille.", "Le portefeuille");
    /* Roman numerals stay numerals; « DIX » is a word. */
    check("PARTIE II ET ANNEXE XIV DU DIX MAI", "Texte.", "Partie II et annexe XIV du dix mai");
    /* Names of commands and files, article numbers: as they are. */
    check("APT-GET(8) DEBIAN APT-GET(8)", "Le projet Debian.", "APT-GET(8) Debian APT-GET(8)");
    /* A word not in capitals is written on purpose. */
    check("OPENSSL(1SSL) OpenSSL OPENSSL(1SSL)", "La commande openssl.",
          "OPENSSL(1SSL) OpenSSL OPENSSL(1SSL)");
    check("SOURCES.LIST ET L.425-1 (CESEDA)", "Texte.", "SOURCES.LIST et L.425-1 (CESEDA)");
    /* Halves of one letter are not words. */
    check("AJOUR DU", "Le jour du départ, à jour.", "Ajour du");
}

static void test_left_alone(void **state)
{
    (void)state;
    check("Compte-rendu de la réunion", "Texte.", NULL);
    check("Le CCEM et l’OQTF", "Texte.", NULL);
    check("", "Texte.", NULL);
    /* One word too long to look up: lowercased, nothing to find. */
    check("ANTICONSTITUTIONNELLEMENTANTICONSTITUTIONNELLEMENTANTICONSTITUTIONNELLEMENT", "Texte.",
          "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement");
    check(NULL, "Texte.", NULL);
    /* Invalid UTF-8 and digits pass through. */
    char *got = title_from_capitals("RAPPORT 2019 \xff FIN DU PLAN DE LA CNCDH", NULL, 0);
    assert_non_null(got);
    assert_string_equal(got, "Rapport 2019 \xff fin du plan de la CNCDH");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_title),
        cmocka_unit_test(test_accents_and_acronyms),
        cmocka_unit_test(test_glued_words),
        cmocka_unit_test(test_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
