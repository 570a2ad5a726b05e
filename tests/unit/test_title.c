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

/* From the audit of made-up titles on the scale corpus (tests/audit):
 * a word the text does not write is not split into two words it writes
 * unless they are an article and a noun or stand side by side in the
 * text; accents written in capitals are kept; a capital at a sentence's
 * start teaches little about a word's case. */
static void test_audit_titles(void **state)
{
    (void)state;
    check("MODÈLES ET STYLES", "Le mode les affiche. Le style et le mode.", "Modèles et styles");
    check("DÉFINIR LE MOT DE PASSE", "Il ne passe pas. Se définir le mot.",
          "Définir le mot de passe");
    check("UTILISER APTITUDE DEPUIS LA LIGNE",
          "Puis utiliser aptitude de la ligne de commande, puis.",
          "Utiliser aptitude depuis la ligne");
    check("LISTE DES TABLEAUX", "Une liste des choses. La table, aux pieds.", "Liste des tableaux");
    /* « en », « de » begin too many words to be taken for glued. */
    check("COLLECTIF « ENSEMBLE CONTRE LA TRAITE »", "Il semble que. En effet, le collectif.",
          "Collectif « Ensemble contre la traite »");
    check("LE DEVENIR DES JEUNES", "Venir de loin. Les jeunes.", "Le devenir des jeunes");
    /* Side by side in the text: split, whatever the halves. */
    check("LE MOTDE PASSE", "Le mot de passe. Il passe.", "Le mot de passe");
    /* An article glued to a noun the text writes elsewhere. */
    check("RAPPORT DESRENCONTRES", "Les rencontres ont eu lieu. Des gens.",
          "Rapport des rencontres");
    check("INDEX OÙ TABLE", "Ou bien ceci ou cela, ou rien.", "Index où table");
    check("MISE À JOUR", "Il a dit. Elle a vu. Il a fait. Il va à Paris.", "Mise à jour");
    check("CRÉÉ ICI", "Le fichier crée, il crée, elle crée un créé.", "Créé ici");
    check("SI LE PAQUET", "Si le paquet manque. Si rien. Si tout. Voir si le paquet est là.",
          "Si le paquet");
    check("LE PAQUET SI", "Si le paquet manque. Si rien. Si tout. Voir si le paquet est là.",
          "Le paquet si");
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

/* Names: every word of a run of non-spaces with a digit or a file name's
 * character stays as written, the words of the next run do not. */
static void test_names(void **state)
{
    (void)state;
    check("« APT-GET-INSTALL(8) » DESRENCONTRES DU-COLLECTIF",
          "Les rencontres du collectif, des gens.",
          "« APT-GET-INSTALL(8) » des rencontres du-collectif");
    check("VOIR L.425-1-A-B ET (SOURCES.LIST) PLAN", "Un plan.",
          "Voir L.425-1-A-B et (SOURCES.LIST) plan");
}

/* A title longer than TITLE_MAX_LEN stays as written; one of that length
 * is read, with a run of a thousand words (once quadratic) and words of 48
 * letters (a thousand keys each). */
static void test_long_titles(void **state)
{
    (void)state;
    char title[TITLE_MAX_LEN + 2];
    for (size_t i = 0; i < TITLE_MAX_LEN; i += 2)
        memcpy(title + i, "A-", 2);
    title[TITLE_MAX_LEN] = '\0';
    const char *texts[] = {"Un texte."};
    char *got = title_from_capitals(title, texts, 1);
    assert_non_null(got);
    assert_int_equal(strlen(got), TITLE_MAX_LEN);
    assert_memory_equal(got, "A-a-a-", 6);
    free(got);
    title[TITLE_MAX_LEN] = 'A';
    title[TITLE_MAX_LEN + 1] = '\0';
    assert_null(title_from_capitals(title, texts, 1));
    memset(title, 'E', TITLE_MAX_LEN + 1);
    for (size_t i = 48; i < TITLE_MAX_LEN; i += 49)
        title[i] = ' ';
    assert_null(title_from_capitals(title, texts, 1));
    title[TITLE_MAX_LEN] = '\0';
    got = title_from_capitals(title, texts, 1);
    assert_non_null(got);
    assert_int_equal(strlen(got), TITLE_MAX_LEN);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_title),
        cmocka_unit_test(test_accents_and_acronyms),
        cmocka_unit_test(test_glued_words),
        cmocka_unit_test(test_audit_titles),
        cmocka_unit_test(test_left_alone),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_long_titles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
