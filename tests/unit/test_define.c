/* test_define: which lines and sentences define a term (define_finds): a
 * glossary's entry (a colon, a dash, a bracket before them), a sentence
 * « X est un… », « X est définie… », « on appelle X »; not the page's
 * title, a field's value, a word that merely opens a line, « X est
 * acceptable ». Accents, capitals, apostrophes and hyphens as the
 * analyzer folds them; bytes that are not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "define.h"

#include <string.h>

static int finds(const char *text, const char *term, const char *title)
{
    return define_finds(text, strlen(text), term, title);
}

static void test_glossary_lines(void **state)
{
    (void)state;
    const char *glossary =
        "Glossaire\n"
        "Madam – femme qui contrôle les victimes, souvent une ancienne victime.\n"
        "Juju – serment rituel prêté avant le départ (Nigeria, Edo State).\n"
        "Lover boy : proxénète qui séduit une jeune fille.\n"
        "Currutela (ou corrutela) : village de commerce clandestin.\n"
        "- OQTF = obligation de quitter le territoire français\n"
        "2. Servitude pour dette — la personne travaille pour rembourser.\n";
    assert_true(finds(glossary, "juju", NULL));
    assert_true(finds(glossary, "lover boy", NULL));
    assert_true(finds(glossary, "currutela", NULL));
    assert_true(finds(glossary, "oqtf", NULL));
    assert_true(finds(glossary, "servitude pour dette", NULL));
    assert_true(finds(glossary, "madam", NULL));
    /* A word of an entry's text, not its head. */
    assert_false(finds(glossary, "nigeria", NULL));
    assert_false(finds(glossary, "proxenete", NULL));
    /* Part of a term is not the term. */
    assert_false(finds(glossary, "lover", NULL));
    assert_false(finds(glossary, "servitude", NULL));
}

static void test_sentences(void **state)
{
    (void)state;
    const char *text =
        "Cadre juridique. La traite des êtres humains est définie par l’article 225-4-1 du code "
        "pénal.\nL’esclavage domestique est une forme de travail forcé.\n"
        "On appelle « confiage » la pratique de confier un enfant à un parent.\n"
        "Le délai de réflexion désigne les trente jours accordés à la victime.\n";
    assert_true(finds(text, "traite des etres humains", NULL));
    /* The term typed in the other number. */
    assert_true(finds(text, "traite des etre humain", NULL));
    assert_true(finds("Les lover boys : des proxénètes qui séduisent.\n", "lover boy", NULL));
    assert_false(finds("Les lover boyss : des proxénètes qui séduisent.\n", "lover boy", NULL));
    assert_true(finds(text, "esclavage domestique", NULL));
    assert_true(finds(text, "confiage", NULL));
    assert_true(finds(text, "delai de reflexion", NULL));
    /* What the term is, not what is said of it. */
    assert_false(
        finds("Une hypermatrice est acceptable uniquement sans options.", "hypermatrice", NULL));
    assert_false(finds("Le principe de non-sanction (article 26) n’est inscrit nulle part.",
                       "principe de non sanction", NULL));
    /* Not a sentence's start. */
    assert_false(finds("Elle parlait du juju : un serment rituel prêté au départ.", "juju", NULL));
}

static void test_not_definitions(void **state)
{
    (void)state;
    /* A field's value, a heading's two words. */
    assert_false(finds("Adresse IP : 192.168.0.1\n", "adresse ip", NULL));
    assert_false(finds("Juju : rappel\n", "juju", NULL));
    /* The page's title, whatever its capitals and marks. */
    const char *title = "Traite des êtres humains : repérer et accompagner aux urgences";
    assert_false(finds("TRAITE DES ÊTRES HUMAINS : REPÉRER ET ACCOMPAGNER AUX URGENCES\nTexte.\n",
                       "traite des etres humains", title));
    assert_true(finds("TRAITE DES ÊTRES HUMAINS : REPÉRER ET ACCOMPAGNER AUX URGENCES\nTexte.\n",
                      "traite des etres humains", NULL));
    /* A bracket that never closes on its line. */
    assert_false(finds("Juju (serment rituel prêté avant le départ\n", "juju", NULL));
    assert_false(finds("", "juju", NULL));
    assert_false(finds("Juju – serment rituel prêté avant le départ.", "", NULL));
    assert_false(define_finds(NULL, 0, "juju", NULL));
    assert_false(define_finds("Juju – serment rituel prêté.", 28, NULL, NULL));
}

static void test_folding_and_bytes(void **state)
{
    (void)state;
    assert_true(
        finds("  • Sous-clé PGP : une clé liée à la clé principale.\n", "sous cle pgp", NULL));
    assert_true(finds("L'ŒUVRE FORCÉE est une notion du droit.\n", "œuvre forcee", NULL));
    /* Invalid UTF-8 before, inside and after an entry. */
    const char bad[] = "\xff\xfe\nJuju \xc3 – serment\xff rituel prêté\n\xe2\x80";
    assert_false(define_finds(bad, sizeof bad - 1, "juju", NULL));
    const char good[] = "\xff\xfe\nJuju – serment rituel prêté\n\xe2\x80";
    assert_true(define_finds(good, sizeof good - 1, "juju", NULL));
    /* The length is the text's: nothing read past it. */
    const char *cut = "Juju – serment rituel prêté avant le départ.";
    assert_false(define_finds(cut, 12, "juju", NULL));
    /* A term longer than any word the reader keeps. */
    char longword[200];
    memset(longword, 'a', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    assert_false(finds("aaaa – un mot long de la liste.", longword, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glossary_lines),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_not_definitions),
        cmocka_unit_test(test_folding_and_bytes),
    };
    return cmocka_run_group_tests_name("define", tests, NULL, NULL);
}
