/* test_extract_text: plain-text minutes: the seed compte-rendu (title,
 * date, numbered headings), Windows-1252, UTF-16 with BOM, CRLF and CR,
 * form feeds, Markdown headings, agenda lists, binary junk, empty files,
 * chunk sizes, formatted manual pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract.h"
#include "fixture.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define SEED "corpus/comptes-rendus/2018-01-27-compte-rendu-rencontres-collectif.txt"

static int run(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    extract_doc_init(doc);
    return extract_buffer(EXTRACT_FORMAT_TEXT, NULL, data, len, doc, err, errlen);
}

static int has_line(const char *lines, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = lines; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0)
            return 1;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static void test_seed_minutes(void **state)
{
    (void)state;
    char *path = fixture_path(SEED);
    extract_doc doc;
    char err[256];
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.format, EXTRACT_FORMAT_TEXT);
    /* The title line of the file, in capitals and with « DESRENCONTRES »
     * glued by the export, as the text writes its words (title.h). */
    assert_string_equal(doc.title, "Compte-rendu des rencontres du Collectif « Ensemble contre la "
                                   "traite des êtres humains »");
    assert_non_null(doc.date);
    assert_string_equal(doc.date, "2018-01-27");
    assert_int_equal(doc.pages, 0);
    assert_non_null(doc.headings);
    assert_true(has_line(doc.headings, "2. LETTRE AU PRESIDENT DE LA REPUBLIQUE"));
    assert_true(has_line(doc.headings,
                         "1. ACTIONS ET RENCONTRES MENEES PAR LES ASSOCIATIONS MEMBRES DU "
                         "COLLECTIF"));
    assert_true(has_line(doc.headings, "3. RENCONTRES INSTITUTIONNELLES EN FRANCE ET À "
                                       "L’INTERNATIONAL"));
    assert_true(has_line(doc.headings, "4.TRAVAIL SUR LE SITE INTERNET, LES RESEAUX SOCIAUX ET LA "
                                       "COMMUNICATION"));
    assert_true(has_line(doc.headings, "c) Rencontre ECPAT France les 5 et 6 octobre 2017"));
    /* agenda items in a list are not headings */
    assert_false(has_line(doc.headings, "2. Lettre au Président de la République"));

    int found_letter = 0;
    for (size_t i = 0; i < doc.n_chunks; i++) {
        assert_int_equal(doc.chunks[i].page, 0);
        assert_true(strlen(doc.chunks[i].text) <= EXTRACT_CHUNK_TARGET * 3 / 2);
        assert_true(text_is_utf8(doc.chunks[i].text, strlen(doc.chunks[i].text)));
        if (doc.chunks[i].heading &&
            strcmp(doc.chunks[i].heading, "2. LETTRE AU PRESIDENT DE LA REPUBLIQUE") == 0 &&
            strstr(doc.chunks[i].text, "Macron"))
            found_letter = 1;
    }
    assert_true(found_letter);
    char *text = fixture_all_text(&doc);
    assert_non_null(strstr(text, "Paris, le27 janvier 2018"));
    assert_non_null(strstr(text, "MIPROF"));
    assert_null(strstr(text, "  "));
    assert_null(strstr(text, "\n\n"));
    free(text);
    extract_doc_free(&doc);
    free(path);
}

static void test_windows_1252_minutes(void **state)
{
    (void)state;
    const char data[] = "Compte rendu de r\xe9union du bureau\r\n\r\n"
                        "Paris, le 3 f\xe9vrier 2019\r\n\r\n"
                        "1. POINT SUR LES MINEURS NON ACCOMPAGN\xc9S\r\n\r\n"
                        "Les b\xe9n\xe9voles poursuivent leur \x9cuvre aupr\xe8s de l\x92"
                        "enfant.\r\n";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, sizeof data - 1, &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "Compte rendu de réunion du bureau");
    assert_string_equal(doc.date, "2019-02-03");
    assert_string_equal(doc.headings, "1. POINT SUR LES MINEURS NON ACCOMPAGNÉS");
    char *text = fixture_all_text(&doc);
    assert_non_null(strstr(text, "Les bénévoles poursuivent leur œuvre auprès de l’enfant."));
    assert_null(strchr(text, '\r'));
    free(text);
    extract_doc_free(&doc);
}

/* UTF-16 of an ASCII-and-Latin-1 string, with BOM. */
static char *utf16(const char *latin1, int big_endian, size_t *len)
{
    size_t n = strlen(latin1);
    char *out = malloc(2 * n + 2);
    assert_non_null(out);
    out[0] = big_endian ? '\xFE' : '\xFF';
    out[1] = big_endian ? '\xFF' : '\xFE';
    for (size_t i = 0; i < n; i++) {
        out[2 + 2 * i + (big_endian ? 1 : 0)] = latin1[i];
        out[2 + 2 * i + (big_endian ? 0 : 1)] = '\0';
    }
    *len = 2 * n + 2;
    return out;
}

static void test_utf16_minutes(void **state)
{
    (void)state;
    const char *src = "ORDRE DU JOUR\r\n\r\nLe 12 d\xe9"
                      "cembre 2017\r\n\r\n"
                      "Accueil des victimes prot\xe9g\xe9"
                      "es.\r\n";
    for (int be = 0; be <= 1; be++) {
        size_t len;
        char *data = utf16(src, be, &len);
        extract_doc doc;
        char err[256];
        assert_int_equal(run(data, len, &doc, err, sizeof err), EXTRACT_OK);
        assert_string_equal(doc.title, "Ordre du jour");
        assert_string_equal(doc.date, "2017-12-12");
        char *text = fixture_all_text(&doc);
        assert_non_null(strstr(text, "Accueil des victimes protégées."));
        free(text);
        extract_doc_free(&doc);
        free(data);
    }
}

static void test_utf16_without_bom(void **state)
{
    (void)state;
    size_t len;
    char *data = utf16("Notes de r\xe9union\r\n\r\nLe 3 mai 2019\r\n", 0, &len);
    extract_doc doc;
    char err[256];
    /* drop the BOM */
    assert_int_equal(run(data + 2, len - 2, &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "Notes de réunion");
    assert_string_equal(doc.date, "2019-05-03");
    extract_doc_free(&doc);
    free(data);
}

static void test_line_endings(void **state)
{
    (void)state;
    const char *crlf = "Titre\r\n\r\nun\r\ndeux\r\n\r\ntrois";
    const char *cr = "Titre\r\run\rdeux\r\rtrois";
    const char *both[] = {crlf, cr};
    for (int k = 0; k < 2; k++) {
        extract_doc doc;
        char err[256];
        assert_int_equal(run(both[k], strlen(both[k]), &doc, err, sizeof err), EXTRACT_OK);
        assert_string_equal(doc.title, "Titre");
        assert_int_equal(doc.n_chunks, 1);
        assert_string_equal(doc.chunks[0].text, "Titre\nun deux\ntrois");
        extract_doc_free(&doc);
    }
}

static void test_form_feeds(void **state)
{
    (void)state;
    const char *data = "Notes de la permanence\n\npremière page\n\fdeuxième page\n"
                       "suite\f\ftroisième page";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.n_chunks, 3);
    assert_string_equal(doc.chunks[0].text, "Notes de la permanence\npremière page");
    assert_string_equal(doc.chunks[1].text, "deuxième page suite");
    assert_string_equal(doc.chunks[2].text, "troisième page");
    for (size_t i = 0; i < doc.n_chunks; i++)
        assert_int_equal(doc.chunks[i].page, 0);
    assert_int_equal(doc.pages, 0);
    extract_doc_free(&doc);
}

static void test_markdown(void **state)
{
    (void)state;
    const char *data = "# Fiche pratique : l’accueil\n\nIntro.\n\n## Repérer les victimes ##\n\n"
                       "Signes d’alerte.\n\n## Orienter\n\nLe 115 et les associations.\n";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "Fiche pratique : l’accueil");
    assert_string_equal(doc.headings, "Fiche pratique : l’accueil\nRepérer les victimes\nOrienter");
    assert_int_equal(doc.n_chunks, 3);
    assert_string_equal(doc.chunks[1].heading, "Repérer les victimes");
    assert_non_null(strstr(doc.chunks[1].text, "Signes d’alerte."));
    assert_string_equal(doc.chunks[2].heading, "Orienter");
    assert_null(doc.date);
    extract_doc_free(&doc);
}

static void test_numbered_headings(void **state)
{
    (void)state;
    const char *data = "Réunion du réseau\n\n"
                       "Ordre du jour :\n1. Accueil\n2. Bilan\n\n"
                       "1. Accueil\n\nTour de table.\n\n"
                       "2. Bilan, suite\n\nRien.\n\n"
                       "II. SECONDE PARTIE\nTexte.\n\n"
                       "a)Plaidoyer auprès des élus\nTexte.\n"
                       "b) pas un titre car collé au paragraphe\n";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(
        doc.headings,
        "1. Accueil\n2. Bilan, suite\nII. SECONDE PARTIE\na)Plaidoyer auprès des élus");
    assert_string_equal(doc.chunks[0].text,
                        "Réunion du réseau\nOrdre du jour : 1. Accueil 2. Bilan");
    assert_null(doc.chunks[0].heading);
    extract_doc_free(&doc);
}

static void assert_title_of(const char *data, const char *want)
{
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, want);
    extract_doc_free(&doc);
}

static void test_letterhead_title(void **state)
{
    (void)state;
    /* the collective's letterhead, then the minutes' own title */
    assert_title_of("Collectif « Ensemble contre la traite »\n\nCompte-rendu de la réunion "
                    "plénière du 9 juin 2022\n\nTexte.\n",
                    "Compte-rendu de la réunion plénière du 9 juin 2022");
    assert_title_of("COLLECTIF ENSEMBLE\nCOMPTE RENDU – GROUPE COMMUNICATION\nRéunion du 14 juin\n",
                    "Compte rendu – groupe communication");
    /* otherwise the first lines are the title (in capitals: as the text
     * writes its words, title.h) */
    assert_title_of("GROUPE DE TRAVAIL ENFANTS\n\nCompte-rendu de la réunion\n",
                    "Groupe de travail enfants");
    assert_title_of("Collectif Ensemble\n\nTexte de la note.\n", "Collectif Ensemble");
}

static void test_binary_and_empty(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    const char junk[] = "\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x03\x00\x3e\x00";
    assert_int_equal(run(junk, sizeof junk - 1, &doc, err, sizeof err), EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "binary"));
    assert_int_equal(doc.n_chunks, 0);
    assert_null(doc.title);

    assert_int_equal(run("", 0, &doc, err, sizeof err), EXTRACT_EEMPTY);
    assert_int_equal(run(" \n\r\n\t\f\n", 7, &doc, err, sizeof err), EXTRACT_EEMPTY);
    assert_true(strlen(err) > 0);
    assert_null(doc.chunks);
}

static void test_long_text_chunks(void **state)
{
    (void)state;
    char *data = malloc(40000);
    assert_non_null(data);
    data[0] = '\0';
    strcat(data, "Rapport long\n\n");
    for (int i = 0; i < 120; i++)
        strcat(data, "Un paragraphe sur la traite des êtres humains et l’accompagnement des "
                     "victimes, assez long pour peser.\n\n");
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_true(doc.n_chunks > 3);
    size_t total = 0;
    for (size_t i = 0; i < doc.n_chunks; i++) {
        size_t n = strlen(doc.chunks[i].text);
        assert_true(n <= EXTRACT_CHUNK_TARGET * 3 / 2);
        assert_true(n >= EXTRACT_CHUNK_TARGET / 2 || i + 1 == doc.n_chunks);
        assert_true(doc.chunks[i].text[n - 1] == '.' || i == 0);
        total += n + 1;
    }
    char *norm = text_normalize(data, strlen(data), TEXT_PARAGRAPHS);
    assert_int_equal(total, strlen(norm) + 1);
    free(norm);
    extract_doc_free(&doc);
    free(data);
}

static void test_long_text_dates(void **state)
{
    (void)state;
    size_t cap = 64000;
    char *data = malloc(cap);
    assert_non_null(data);
    strcpy(data, "Note longue\n\n");
    for (int i = 0; i < 300; i++) {
        strcat(data, i == 150 ? "Paris, le 5 mai 2015\n\n"
                              : "Un paragraphe sans date sur l’accompagnement des victimes.\n\n");
    }
    extract_doc doc;
    char err[256];
    /* a dateline in the middle of a long text is not looked at */
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_null(doc.date);
    extract_doc_free(&doc);
    /* a signature at the end is */
    strcat(data, "Fait à Lyon, le 2 octobre 2017\n");
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.date, "2017-10-02");
    extract_doc_free(&doc);
    free(data);
}

/* `man id | col -b`: the NOM paragraph is the title, the section names are
 * the headings (each starts a chunk), the running header and footer are
 * neither. */
static void test_man_page(void **state)
{
    (void)state;
    const char *data =
        "ID(1)                   Commandes de l'utilisateur                  ID(1)\n"
        "\n"
        "NOM\n"
        "       id - Afficher les identifiants d'utilisateur et de groupe effectifs\n"
        "       et   réels\n"
        "\n"
        "SYNOPSIS\n"
        "       id [OPTION]... [UTILISATEUR]...\n"
        "\n"
        "DESCRIPTION\n"
        "       Afficher les informations sur l'utilisateur et le groupe.\n"
        "\n"
        "       -g, --group\n"
        "              n'afficher que l'identifiant de groupe effectif\n"
        "\n"
        "VOIR AUSSI\n"
        "       Documentation complète <https://www.gnu.org/software/coreutils/id>\n"
        "\n"
        "GNU coreutils 9.1             Septembre 2022                        ID(1)\n";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(data, strlen(data), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "id - Afficher les identifiants d'utilisateur et de groupe "
                                   "effectifs et réels");
    assert_string_equal(doc.headings, "NOM\nSYNOPSIS\nDESCRIPTION\nVOIR AUSSI");
    assert_int_equal(doc.n_chunks, 5);
    assert_string_equal(doc.chunks[2].heading, "SYNOPSIS");
    assert_string_equal(doc.chunks[2].text, "SYNOPSIS id [OPTION]... [UTILISATEUR]...");
    extract_doc_free(&doc);

    /* tabs from col, an English NAME and an mdoc footer « Linux … Linux » */
    const char *mdoc = "FILE(1)\tGeneral Commands Manual\tFILE(1)\n\n"
                       "NAME\n\tfile \xE2\x80\x93 determine file type\n\n"
                       "DESCRIPTION\n\tThis manual page documents file.\n\n"
                       "Linux\t\t26 octobre 2022\t\tLinux\n";
    assert_int_equal(run(mdoc, strlen(mdoc), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "file \xE2\x80\x93 determine file type");
    assert_string_equal(doc.headings, "NAME\nDESCRIPTION");
    extract_doc_free(&doc);
}

/* Minutes with a line « NOM », or a first line with different tokens at its
 * ends, or a header but no NOM section, keep the usual title and headings. */
static void test_not_man_page(void **state)
{
    (void)state;
    const char *minutes = "Compte rendu de la réunion du bureau\n"
                          "\n"
                          "NOM\n"
                          "Présents : Marie, Paul\n"
                          "\n"
                          "ORDRE DU JOUR\n"
                          "Budget de l'association\n";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(minutes, strlen(minutes), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "Compte rendu de la réunion du bureau");
    assert_string_equal(doc.headings, "ORDRE DU JOUR");
    extract_doc_free(&doc);

    const char *tokens = "LS(1)                 Commandes de l'utilisateur                 DIR(1)\n"
                         "\n"
                         "NOM\n"
                         "       ls - Afficher le contenu de répertoires\n"
                         "\n"
                         "VOIR AUSSI\n"
                         "       dir(1)\n";
    assert_int_equal(run(tokens, strlen(tokens), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "LS(1) Commandes de l'utilisateur DIR(1)");
    assert_string_equal(doc.headings, "VOIR AUSSI");
    extract_doc_free(&doc);

    const char *no_name = "LS(1)                 Commandes de l'utilisateur                 LS(1)\n"
                          "\n"
                          "DESCRIPTION\n"
                          "       ls affiche le contenu de répertoires\n";
    assert_int_equal(run(no_name, strlen(no_name), &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "LS(1) Commandes de l'utilisateur LS(1)");
    assert_null(doc.headings);
    extract_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_minutes),     cmocka_unit_test(test_windows_1252_minutes),
        cmocka_unit_test(test_utf16_minutes),    cmocka_unit_test(test_utf16_without_bom),
        cmocka_unit_test(test_line_endings),     cmocka_unit_test(test_form_feeds),
        cmocka_unit_test(test_markdown),         cmocka_unit_test(test_numbered_headings),
        cmocka_unit_test(test_binary_and_empty), cmocka_unit_test(test_letterhead_title),
        cmocka_unit_test(test_long_text_chunks), cmocka_unit_test(test_long_text_dates),
        cmocka_unit_test(test_man_page),         cmocka_unit_test(test_not_man_page),
    };
    return cmocka_run_group_tests_name("extract_text", tests, NULL, NULL);
}
