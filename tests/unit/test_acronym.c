/* test_acronym: the acronym definitions a text holds (acronym.c): the
 * patterns found, the long forms kept, and the look-alikes refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "acronym.h"

/* The definitions found, "ACR=long form" separated by "|". */
typedef struct {
    char out[1024];
} found;

static int collect(void *ctx, const char *acronym, size_t alen, const char *expansion, size_t elen)
{
    found *f = ctx;
    size_t n = strlen(f->out);
    snprintf(f->out + n, sizeof f->out - n, "%s%.*s=%.*s", n ? "|" : "", (int)alen, acronym,
             (int)elen, expansion);
    return 0;
}

static const char *find(found *f, const char *text)
{
    f->out[0] = '\0';
    assert_int_equal(acronym_find(text, strlen(text), collect, f), 0);
    return f->out;
}

/* « long form (ACR) »: the shortest run before the parenthesis whose
 * initials spell the letters; function words skipped or giving a letter;
 * elisions, accents, capitals and line breaks do not matter. */
static void test_long_form_before(void **state)
{
    found f;
    (void)state;
    assert_string_equal(
        find(&f, "Les éducateurs de la protection judiciaire de la jeunesse (PJJ) suivent."),
        "PJJ=protection judiciaire de la jeunesse");
    assert_string_equal(find(&f, "saisir la Commission nationale consultative des droits de\n"
                                 "l’homme (CNCDH) en 2019"),
                        "CNCDH=commission nationale consultative des droits de l'homme");
    assert_string_equal(find(&f, "une obligation de quitter le territoire français (OQTF)."),
                        "OQTF=obligation de quitter le territoire français");
    assert_string_equal(find(&f, "du code de l’entrée et du séjour des étrangers et du droit "
                                 "d’asile (CESEDA)"),
                        "CESEDA=code de l'entrée et du séjour des étrangers et du droit d'asile");
    assert_string_equal(find(&f, "les personnes sans domicile fixe (SDF) et"),
                        "SDF=sans domicile fixe");
    assert_string_equal(find(&f, "Conseil d’État (ÉTAT) ; l’Union européenne (UE)"),
                        "UE=union européenne");
    assert_string_equal(find(&f, "L'Office français de l'immigration et de l'intégration "
                                 "(OFII, ex-ANAEM) reçoit"),
                        "OFII=office français de l'immigration et de l'intégration");
}

/* « ACR (long form) », with alternatives: the one that spells the acronym
 * is its long form, quoted or not; its translation joined to it by « ou »
 * is one too, when it has as many content words or a cognate. */
static void test_long_form_inside(void **state)
{
    found f;
    (void)state;
    assert_string_equal(find(&f, "l'ONU (Organisation des Nations unies) a adopté"),
                        "ONU=organisation des nations unies");
    assert_string_equal(find(&f, "Un VPN ( Virtual Private Network ou Réseau Privé Virtuel ) "
                                 "relie"),
                        "VPN=virtual private network|VPN=réseau privé virtuel");
    assert_string_equal(find(&f, "une ONG (la plus grande, organisation non gouvernementale)"),
                        "ONG=organisation non gouvernementale");
    assert_string_equal(find(&f, "le NSS ( Name Service Switch , ou multiplexeur de service de "
                                 "noms) lit"),
                        "NSS=name service switch|NSS=multiplexeur de service de noms");
    assert_string_equal(find(&f, "une FSF (Free Software Foundation, ou fondation du logiciel "
                                 "libre)"),
                        "FSF=free software foundation|FSF=fondation du logiciel libre");
    assert_string_equal(find(&f, "une NMU (« Non-Maintainer Upload » ou mise à jour "
                                 "indépendante)"),
                        "NMU=non-maintainer upload|NMU=mise à jour indépendante");
    /* Neither a cognate nor as many content words: not a translation. */
    assert_string_equal(find(&f, "le VPN (Virtual Private Network ou tunnel) relie"),
                        "VPN=virtual private network");
}

/* « forme française (English long form ou ACR) », « « forme française »
 * (ou ACR pour English long form) », « forme (ACR, pour English) »: the
 * English long form, and the words before the parenthesis that translate
 * it: as many content words, one a cognate, or the quoted words. */
static void test_translation_before(void **state)
{
    found f;
    (void)state;
    assert_string_equal(find(&f, "les bogues critiques pour la publication ( release-critical ou "
                                 "RC ). Tous"),
                        "RC=release-critical|RC=critiques pour la publication");
    assert_string_equal(find(&f, "Un réseau privé virtuel ( Virtual Private Network , ou VPN) "
                                 "relie"),
                        "VPN=virtual private network|VPN=réseau privé virtuel");
    assert_string_equal(find(&f, "la rédaction des fameux « principes du logiciel libre selon "
                                 "Debian » (ou DFSG pour Debian Free Software Guidelines), idée"),
                        "DFSG=debian free software guidelines|"
                        "DFSG=principes du logiciel libre selon debian");
    assert_string_equal(find(&f, "une unité de gestion mémoire (MMU, pour « memory-management "
                                 "unit »)"),
                        "MMU=memory-management unit|MMU=unité de gestion mémoire");
    /* No cognate before, a quoted word of it, an English phrase, no long
     * form that spells the acronym. */
    assert_string_equal(find(&f, "passer par un tunnel chiffré (Virtual Private Network, ou VPN)"),
                        "VPN=virtual private network");
    assert_string_equal(find(&f, "une annonce de mise à jour de « stable » (Stable Update "
                                 "Announcement ou SUA)"),
                        "SUA=stable update announcement");
    assert_string_equal(find(&f, "le protocole de transport (TCP ou UDP)"), "");
    assert_string_equal(find(&f, "le serveur (Virtual Private Network ou VPN pour tous)"), "");
}

/* Glossary lines « ACR : long form », « - ACR – long form ». */
static void test_glossary(void **state)
{
    found f;
    (void)state;
    assert_string_equal(find(&f, "Sigles\nASE : aide sociale à l'enfance\n"
                                 "- PJJ – protection judiciaire de la jeunesse, ministère\n"
                                 "MNA = mineurs non accompagnés\n"),
                        "ASE=aide sociale à l'enfance|PJJ=protection judiciaire de la jeunesse|"
                        "MNA=mineurs non accompagnés");
    /* Not at a line's start, or more words than the long form. */
    assert_string_equal(find(&f, "Voir la ASE : aide sociale à l'enfance\n"
                                 "ASE : aide sociale à l'enfance du département\n"),
                        "");
}

/* What looks like a definition and is not. */
static void test_false_pairs(void **state)
{
    found f;
    (void)state;
    /* not an acronym */
    assert_string_equal(find(&f, "le texte complet (voir annexe) et les chiffres (2018)"), "");
    assert_string_equal(find(&f, "le modèle G7 (groupe des sept) et le (G7)"), "");
    /* initials that do not spell it */
    assert_string_equal(find(&f, "Paris (FR) et la version française (FR)"), "");
    assert_string_equal(find(&f, "un délégué à la protection des données (DPO)"), "");
    /* a common word in capitals */
    assert_string_equal(find(&f, "le Conseil d'État (CE) et la Loi Association (LA)"), "");
    /* English long forms */
    assert_string_equal(find(&f, "the United Nations Office on Drugs and Crime (UNODC)"), "");
    assert_string_equal(find(&f, "le DOJ (Department of Justice)"), "");
    /* punctuation or digits inside the run */
    assert_string_equal(find(&f, "la protection, judiciaire de la jeunesse (PJJ)"), "");
    assert_string_equal(find(&f, "Article 3 Traité (AT)"), "");
    /* a long form is at least two words that give a letter */
    assert_string_equal(find(&f, "un Téléphone (TEL)"), "");
}

/* Cut or odd input neither crashes nor reads past the end. */
static void test_edges(void **state)
{
    found f;
    (void)state;
    assert_string_equal(find(&f, ""), "");
    assert_string_equal(find(&f, "("), "");
    assert_string_equal(find(&f, "protection judiciaire de la jeunesse (PJJ"), "");
    assert_string_equal(find(&f, "PJJ ("), "");
    assert_string_equal(find(&f, "\xff\xfe (PJJ) \xc3"), "");
    assert_string_equal(find(&f, "ASE :"), "");
}

/* More than 400 bytes of words before « ( »: the long form is read from
 * the last 400, wherever they begin inside a character (« été »). */
static void test_long_sentence(void **state)
{
    found f;
    (void)state;
    for (size_t pad = 0; pad < 6; pad++) {
        char t[600];
        size_t n = 0;
        while (n < 460) {
            memcpy(t + n, "été ", strlen("été "));
            n += strlen("été ");
        }
        memset(t + n, 'y', pad);
        n += pad;
        snprintf(t + n, sizeof t - n, " protection judiciaire de la jeunesse (PJJ)");
        assert_string_equal(find(&f, t), "PJJ=protection judiciaire de la jeunesse");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_form_before),   cmocka_unit_test(test_long_form_inside),
        cmocka_unit_test(test_translation_before), cmocka_unit_test(test_glossary),
        cmocka_unit_test(test_false_pairs),        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_long_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
