/* test_extract_rtf: the RTF reader on documents written here the way Word,
 * WordPad and pandoc write them: \info metadata, headings from
 * \outlinelevel, \'hh bytes in Windows-1252, 1251 and the Mac code page,
 * \uN with \ucN fallbacks and surrogate pairs, control symbols, skipped
 * destinations (font and colour tables, stylesheet, pictures, \*\ groups,
 * \bin data, hidden text), footnotes aside and headers once; and the
 * failures: not RTF, nesting too deep, too much text, a cut file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract.h"
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run(const char *rtf, size_t len, extract_doc *doc, char *err)
{
    extract_doc_init(doc);
    return extract_buffer(EXTRACT_FORMAT_RTF, "dossier/compte-rendu_2021.rtf", rtf, len, doc, err,
                          256);
}

/* A document as Word writes one (shortened). */
static const char word_rtf[] =
    "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\deff0"
    "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss Arial;}}"
    "{\\colortbl;\\red0\\green0\\blue0;}"
    "{\\stylesheet{\\ql \\snext0 Normal;}{\\s1\\outlinelevel0 heading 1;}}"
    "{\\*\\generator Microsoft Word 16.0;}"
    "{\\info{\\title Compte rendu de la r\\'e9union}{\\author Claire Martin}"
    "{\\subject H\\'e9bergement}{\\operator Claire}"
    "{\\creatim\\yr2021\\mo10\\dy18\\hr9\\min30}{\\version2}}"
    "{\\*\\rsidtbl \\rsid123}"
    "{\\header \\pard\\plain Collectif Ensemble contre la traite\\par}"
    "{\\footer \\pard\\plain 3\\par}"
    "\\pard\\plain \\s1\\outlinelevel0\\b Ordre du jour\\par"
    "\\pard\\plain Les participants ont \\'e9voqu\\'e9 la \\ldblquote traite\\rdblquote  des "
    "\\'eatres humains{\\*\\bkmkstart x}{\\*\\bkmkend x}.\\par"
    "\\pard\\plain \\s1\\outlinelevel0 Compte rendu\\par"
    "\\pard\\plain Mot\\~ins\\'e9cable, tiret\\_ins\\'e9cable, c\\-oupure optionnelle\\tab "
    "apr\\'e8s une tabulation\\line nouvelle ligne.\\par"
    "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d494844520000}"
    "{\\*\\shppict{\\pict\\emfblip 0100000088}}{\\nonshppict{\\pict\\wmetafile8 0100090000}}"
    "\\pard Texte {\\v cach\\'e9 }visible{\\*\\unknowndest rien}.\\par"
    "\\pard Accolades \\{ et \\} et barre \\\\.\\par"
    "\\pard {\\field{\\*\\fldinst HYPERLINK \"https://exemple.org\"}{\\fldrslt le site}}\\par"
    "\\pard Les donn\\'e9es{\\bin5 \\'ab}{}} fin binaire.\\par"
    "\\pard Sign\\'e9{\\*\\atnid LM}{\\*\\atnauthor L\\'e9a}\\chatn{\\*\\annotation{\\*\\atndate 1}"
    "\\pard\\plain \\'c0 relire\\par}.\\par"
    "}";

static void test_word_document(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(run(word_rtf, sizeof word_rtf - 1, &doc, err), EXTRACT_OK);
    assert_int_equal(doc.format, EXTRACT_FORMAT_RTF);
    assert_string_equal(extract_format_name(doc.format), "rtf");
    assert_string_equal(doc.title, "Compte rendu de la réunion");
    assert_string_equal(doc.date, "2021-10-18");
    assert_non_null(strstr(doc.description, "Claire Martin"));
    assert_non_null(strstr(doc.description, "Hébergement"));
    assert_string_equal(doc.headings, "Ordre du jour\nCompte rendu");
    assert_int_equal(doc.pages, 0);
    char *all = fixture_all_text(&doc);
    assert_non_null(strstr(all, "Les participants ont évoqué la “traite” des êtres humains."));
    const extract_chunk *c = fixture_chunk_with(&doc, "Mot");
    assert_non_null(c);
    assert_string_equal(c->heading, "Compte rendu");
    assert_null(fixture_chunk_with(&doc, "Ordre du jour\nCompte rendu"));
    assert_non_null(strstr(all, "Mot insécable, tiret\u2011insécable, coupure optionnelle "
                                "après une tabulation\nnouvelle ligne."));
    assert_non_null(strstr(all, "Texte visible."));
    assert_non_null(strstr(all, "Accolades { et } et barre \\."));
    assert_non_null(strstr(all, "le site"));
    assert_non_null(strstr(all, "Les données fin binaire."));
    /* nothing of the tables, pictures, field codes, hidden or unknown text */
    const char *absent[] = {"Times",    "Arial",   "Normal", "heading", "Microsoft", "rsid",
                            "89504e",   "0100",    "caché",  "rien",    "HYPERLINK", "Claire\n",
                            "operator", "version", "\\",     "{",       "}"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++) {
        if (strcmp(absent[i], "\\") == 0 || strcmp(absent[i], "{") == 0 ||
            strcmp(absent[i], "}") == 0) {
            /* only the escaped ones are there */
            const char *p = strstr(all, absent[i]);
            assert_non_null(p);
            assert_null(strstr(p + 1, absent[i]));
            continue;
        }
        if (strstr(all, absent[i]))
            fail_msg("\"%s\" should not be in the text:\n%s", absent[i], all);
    }
    /* a comment after the body, its author and date left out */
    c = fixture_chunk_with(&doc, "À relire");
    assert_non_null(c);
    assert_string_equal(c->heading, "Compte rendu");
    assert_non_null(strstr(all, "Signé."));
    assert_null(strstr(all, "Léa"));
    assert_null(strstr(all, "LM"));
    /* the header once, the page number alone dropped */
    c = fixture_chunk_with(&doc, "Collectif Ensemble contre la traite");
    assert_non_null(c);
    assert_string_equal(c->text, "Collectif Ensemble contre la traite");
    free(all);
    extract_doc_free(&doc);
}

/* \uN with fallbacks of each \ucN, negative values, surrogate pairs. */
static void test_unicode(void **state)
{
    (void)state;
    static const char rtf[] = "{\\rtf1\\ansi\\ansicpg1252 "
                              "\\pard Soci\\u233?t\\u233? {\\uc2 \\u339\\'9c\\'9cuvre} "
                              "{\\uc0 \\u8217 apostrophe} \\u-10179\\u-8704 ? emoji "
                              "\\uc1\\u8364\\'80  euro {\\uc2\\u20320\\'c4\\'e3}\\par}";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(rtf, sizeof rtf - 1, &doc, err), EXTRACT_OK);
    char *all = fixture_all_text(&doc);
    assert_string_equal(all, "Société œuvre ’apostrophe 😀 emoji € euro 你\n");
    free(all);
    extract_doc_free(&doc);
}

/* The document's code page: Cyrillic, Mac, and the default Windows-1252. */
static void test_code_pages(void **state)
{
    (void)state;
    static const struct {
        const char *rtf, *want;
    } cases[] = {
        {"{\\rtf1\\ansi\\ansicpg1251 \\pard \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2\\par}", "Привет"},
        {"{\\rtf1\\mac \\pard caf\\'8e, \\'d2guillemets\\'d3\\par}", "café, “guillemets”"},
        {"{\\rtf1\\ansi \\pard \\'93citation\\'94 \\'80\\par}", "“citation” €"},
        /* an unknown code page keeps Windows-1252; a byte it lacks is dropped */
        {"{\\rtf1\\ansi\\ansicpg4242 \\pard d\\'e9j\\'e0\\'81\\par}", "déjà"},
        /* raw 8-bit bytes in the text are read with the code page too */
        {"{\\rtf1\\ansi\\ansicpg1252 \\pard r\xe9union\\par}", "réunion"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        extract_doc doc;
        char err[256];
        assert_int_equal(run(cases[i].rtf, strlen(cases[i].rtf), &doc, err), EXTRACT_OK);
        assert_int_equal(doc.n_chunks, 1);
        assert_string_equal(doc.chunks[0].text, cases[i].want);
        extract_doc_free(&doc);
    }
}

/* A footnote in the middle of a paragraph: the paragraph stays whole, the
 * note goes after the body under its heading. */
static void test_footnotes(void **state)
{
    (void)state;
    static const char rtf[] =
        "{\\rtf1\\ansi{\\pard \\outlinelevel0 Article 1\\par}"
        "{\\pard La convention{\\super\\chftn}{\\*\\footnote\\pard\\plain{\\super\\chftn} "
        "Sign\\'e9e le 8 mars.\\par Seconde ligne.} continue ici.\\par}"
        "{\\pard \\outlinelevel1 Article 2\\par}{\\pard Fin.\\par}}";
    extract_doc doc;
    char err[256];
    assert_int_equal(run(rtf, sizeof rtf - 1, &doc, err), EXTRACT_OK);
    const extract_chunk *c = fixture_chunk_with(&doc, "La convention");
    assert_non_null(c);
    assert_non_null(strstr(c->text, "La convention continue ici."));
    assert_string_equal(c->heading, "Article 1");
    c = fixture_chunk_with(&doc, "Signée le 8 mars.");
    assert_non_null(c);
    assert_string_equal(c->heading, "Article 1");
    assert_non_null(strstr(c->text, "Seconde ligne."));
    assert_ptr_equal(c, &doc.chunks[doc.n_chunks - 1]);
    assert_string_equal(doc.headings, "Article 1\nArticle 2");
    /* no title in \info: the first heading */
    assert_string_equal(doc.title, "Article 1");
    extract_doc_free(&doc);
}

/* A title that names a file, or none, and no heading: the file name, as
 * for every format. */
static void test_title_from_name(void **state)
{
    (void)state;
    static const char *const rtfs[] = {
        "{\\rtf1 {\\info{\\title Microsoft Word - note.rtf}}\\pard Bonjour.\\par}",
        "{\\rtf1 \\pard Bonjour.\\par}",
    };
    for (size_t i = 0; i < 2; i++) {
        extract_doc doc;
        char err[256];
        assert_int_equal(run(rtfs[i], strlen(rtfs[i]), &doc, err), EXTRACT_OK);
        assert_string_equal(doc.title, "compte rendu 2021");
        extract_doc_free(&doc);
    }
}

static void test_detection(void **state)
{
    (void)state;
    const char *rtf = "{\\rtf1\\ansi Bonjour}";
    assert_int_equal(extract_detect("x.rtf", (const unsigned char *)rtf, strlen(rtf)),
                     EXTRACT_FORMAT_RTF);
    /* by content whatever the name */
    assert_int_equal(extract_detect("x.doc", (const unsigned char *)rtf, strlen(rtf)),
                     EXTRACT_FORMAT_RTF);
    assert_int_equal(extract_detect("notes.txt", (const unsigned char *)rtf, strlen(rtf)),
                     EXTRACT_FORMAT_RTF);
    assert_int_equal(extract_detect("x.rtf", (const unsigned char *)"PK", 2), EXTRACT_FORMAT_RTF);
}

static void test_failures(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    static const char not_rtf[] = "Bonjour, ceci n'est pas du RTF.";
    assert_int_equal(run(not_rtf, sizeof not_rtf - 1, &doc, err), EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "not an RTF document"));
    static const char empty[] = "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard\\par}";
    assert_int_equal(run(empty, sizeof empty - 1, &doc, err), EXTRACT_EEMPTY);
    /* groups nested deeper than the reader follows */
    char *deep = malloc(20000);
    assert_non_null(deep);
    strcpy(deep, "{\\rtf1 ");
    for (int i = 0; i < 5000; i++)
        strcat(deep, "{");
    strcat(deep, "profond");
    assert_int_equal(run(deep, strlen(deep), &doc, err), EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "nested more than 256 deep"));
    free(deep);
    /* a file cut anywhere: what came before is read */
    static const char cut[] = "{\\rtf1\\ansi \\pard Premi\\'e8re phrase.\\par Deuxi\\'";
    assert_int_equal(run(cut, sizeof cut - 1, &doc, err), EXTRACT_OK);
    char *all = fixture_all_text(&doc);
    assert_string_equal(all, "Première phrase.\nDeuxi\n");
    free(all);
    extract_doc_free(&doc);
    /* \bin longer than the file, a huge parameter, a control word too long */
    static const char odd[] = "{\\rtf1 \\pard Avant\\bin99999999999999999 apr\\'e8s}";
    assert_int_equal(run(odd, sizeof odd - 1, &doc, err), EXTRACT_OK);
    assert_string_equal(doc.chunks[0].text, "Avant");
    extract_doc_free(&doc);
    static const char longword[] =
        "{\\rtf1 \\pard Texte \\abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz1234 "
        "suite\\par}";
    assert_int_equal(run(longword, sizeof longword - 1, &doc, err), EXTRACT_OK);
    assert_string_equal(doc.chunks[0].text, "Texte suite");
    extract_doc_free(&doc);
}

/* More than 10 M characters: refused with the reason. */
static void test_too_much_text(void **state)
{
    (void)state;
    size_t n = 10500000;
    char *rtf = malloc(n + 32);
    assert_non_null(rtf);
    strcpy(rtf, "{\\rtf1 \\pard ");
    size_t at = strlen(rtf);
    for (size_t i = 0; i < n; i++)
        rtf[at++] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 26);
    strcpy(rtf + at, "\\par}");
    extract_doc doc;
    char err[256];
    assert_int_equal(run(rtf, at + 5, &doc, err), EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "more than 10000000 characters"));
    free(rtf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_document),   cmocka_unit_test(test_unicode),
        cmocka_unit_test(test_code_pages),      cmocka_unit_test(test_footnotes),
        cmocka_unit_test(test_title_from_name), cmocka_unit_test(test_detection),
        cmocka_unit_test(test_failures),        cmocka_unit_test(test_too_much_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
