/* test_extract_pdf: PDFs from tests/fixtures/pdf (made by
 * tests/fixtures/make_fixtures.py): ligatures and hyphenation, keywords, pages and
 * page numbers, running headers, titles and dates from metadata or text,
 * large pages, password protection, truncated and corrupted files, binary
 * junk and empty files named .pdf, pages without text, expert glyphs. */
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

static int extract_fixture(const char *name, extract_doc *doc, char *err, size_t errlen)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/fixtures/pdf/%s", name);
    char *path = fixture_path(rel);
    int rc = fixture_extract(path, doc, err, errlen);
    free(path);
    return rc;
}

static void assert_chunks_sane(const extract_doc *doc)
{
    for (size_t i = 0; i < doc->n_chunks; i++) {
        const char *t = doc->chunks[i].text;
        assert_true(doc->chunks[i].page >= 1 && doc->chunks[i].page <= doc->pages);
        assert_true(i == 0 || doc->chunks[i].page >= doc->chunks[i - 1].page);
        assert_true(text_is_utf8(t, strlen(t)));
        assert_true(t[0] != '\0');
    }
}

static void test_ligatures_and_hyphenation(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("ligatures.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.format, EXTRACT_FORMAT_PDF);
    assert_int_equal(doc.pages, 1);
    assert_int_equal(doc.n_chunks, 1);
    assert_chunks_sane(&doc);
    const char *t = doc.chunks[0].text;
    assert_non_null(strstr(t, "Les définitions de la traite"));
    assert_non_null(strstr(t, "Les flux migratoires et les effets de la loi sont efficaces."));
    assert_non_null(strstr(t, "Les mineurs protégés par l’aide sociale"));
    assert_non_null(strstr(t, "L’association Hors-la-Rue accompagne"));
    assert_non_null(strstr(t, "(article 225-4-1 du code pénal)"));
    assert_null(strstr(t, "\xEF\xAC")); /* no U+FB0x ligature left */
    /* title and date from the metadata */
    assert_string_equal(doc.title, "Fiche : définitions et ligatures");
    assert_string_equal(doc.date, "2019-03-01");
    assert_null(doc.keywords); /* its Keywords field is empty */
    extract_doc_free(&doc);
}

/* The Keywords field is the document's keywords, whitespace collapsed,
 * not in its text. */
static void test_keywords(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("keywords.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_chunks_sane(&doc);
    assert_string_equal(doc.keywords, "repérage, indicateurs ; orientation");
    assert_int_equal(doc.n_chunks, 1);
    assert_null(strstr(doc.chunks[0].text, "repérage"));
    extract_doc_free(&doc);
}

static void test_multipage(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("multipage.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.pages, 3);
    assert_int_equal(doc.n_chunks, 3);
    assert_chunks_sane(&doc);
    const char *want[] = {"Première page", "Deuxième page", "Troisième page"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(doc.chunks[i].page, i + 1);
        assert_non_null(strstr(doc.chunks[i].text, want[i]));
        /* the running header and the page number are not text */
        assert_null(strstr(doc.chunks[i].text, "rapport 2019"));
        assert_null(strstr(doc.chunks[i].text, "—"));
    }
    /* paragraphs from line gaps, headings from font size and weight */
    assert_string_equal(doc.chunks[0].text,
                        "RAPPORT ANNUEL DU COLLECTIF\nParis, le 12 mars 2019\nPremière page : "
                        "l’exploitation sexuelle des mineurs, un paragraphe qui continue sur une "
                        "deuxième ligne.\nUn autre paragraphe après un espace plus grand.");
    assert_string_equal(doc.headings, "RAPPORT ANNUEL DU COLLECTIF\nDeuxième page : "
                                      "mendicité\nTroisième page : servitude");
    assert_string_equal(doc.chunks[0].heading, "RAPPORT ANNUEL DU COLLECTIF");
    assert_string_equal(doc.chunks[1].heading, "Deuxième page : mendicité");
    assert_string_equal(doc.chunks[2].heading, "Troisième page : servitude");
    /* table cells drawn apart get a space between them */
    assert_non_null(strstr(doc.chunks[2].text, "Public Sessions Participants"));
    assert_non_null(strstr(doc.chunks[2].text, "Magistrats 4 120"));
    /* no metadata title: the largest heading of page 1, in sentence case */
    assert_string_equal(doc.title, "Rapport annuel du collectif");
    /* the dateline beats the metadata creation date (2020-01-15) */
    assert_string_equal(doc.date, "2019-03-12");
    extract_doc_free(&doc);
}

static void test_big_page_split(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("big-page.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.pages, 1);
    assert_true(doc.n_chunks >= 2);
    assert_chunks_sane(&doc);
    for (size_t i = 0; i < doc.n_chunks; i++) {
        assert_int_equal(doc.chunks[i].page, 1);
        assert_true(strlen(doc.chunks[i].text) <= 3 * EXTRACT_CHUNK_TARGET);
    }
    assert_non_null(strstr(doc.chunks[0].text, "Ligne 000"));
    assert_non_null(strstr(doc.chunks[doc.n_chunks - 1].text, "Ligne 109"));
    extract_doc_free(&doc);
}

static void test_rotated_text(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("rotated.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.n_chunks, 2);
    /* words stay whole whichever way the text runs */
    assert_non_null(strstr(doc.chunks[0].text, "Texte vertical dans la marge"));
    assert_non_null(strstr(doc.chunks[0].text, "Un texte horizontal ordinaire."));
    assert_string_equal(doc.chunks[1].text, "Page tournée de quatre-vingt-dix degrés.");
    extract_doc_free(&doc);
}

static void test_all_bold(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("all-bold.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.headings, "Titre en grand");
    assert_non_null(strstr(doc.chunks[0].text, "Une autre ligne en gras"));
    extract_doc_free(&doc);
}

static void test_encrypted(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("encrypted.pdf", &doc, err, sizeof err), EXTRACT_EENCRYPTED);
    assert_string_equal(err, "PDF is password-protected");
    assert_null(doc.title);
    assert_int_equal(doc.n_chunks, 0);
    /* encrypted with an owner password only: readable as usual */
    assert_int_equal(extract_fixture("owner-password-only.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_non_null(strstr(doc.chunks[0].text, "protégés"));
    extract_doc_free(&doc);
}

static void test_truncated(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("truncated.pdf", &doc, err, sizeof err), EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "damaged"));
    assert_int_equal(doc.n_chunks, 0);
}

static void test_no_text(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("blank.pdf", &doc, err, sizeof err), EXTRACT_EEMPTY);
    assert_true(strlen(err) > 0);
}

static void test_junk_and_empty(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    unsigned char junk[4096];
    uint32_t seed = 99;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (unsigned char)(seed >> 16);
    }
    extract_doc doc;
    char err[256];
    char *path = fixture_write(dir, "rapport.pdf", junk, sizeof junk);
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EFORMAT);
    assert_true(strlen(err) > 0);
    free(path);

    /* a PDF header followed by junk */
    memcpy(junk, "%PDF-1.7\n", 9);
    path = fixture_write(dir, "entete.pdf", junk, sizeof junk);
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EFORMAT);
    free(path);

    path = fixture_write(dir, "vide.pdf", "", 0);
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EEMPTY);
    free(path);
    fixture_rmdir(dir);
}

static void test_corrupted_bytes(void **state)
{
    (void)state;
    char *path = fixture_path("tests/fixtures/pdf/multipage.pdf");
    size_t len = 0;
    char *data = fixture_read(path, &len);
    free(path);
    assert_non_null(data);
    /* overwrite bytes all over the file: any outcome but a crash */
    for (int round = 0; round < 8; round++) {
        char *copy = malloc(len);
        memcpy(copy, data, len);
        for (size_t i = 100 + (size_t)round * 37; i < len; i += 211 + (size_t)round)
            copy[i] = (char)(copy[i] ^ 0x5A);
        extract_doc doc;
        char err[256];
        extract_doc_init(&doc);
        int rc = extract_buffer(EXTRACT_FORMAT_PDF, NULL, copy, len, &doc, err, sizeof err);
        assert_true(rc == EXTRACT_OK || rc == EXTRACT_EFORMAT || rc == EXTRACT_EEMPTY);
        if (rc == EXTRACT_OK)
            assert_chunks_sane(&doc);
        extract_doc_free(&doc);
        free(copy);
    }
    free(data);
}

/* A font without a Unicode map naming expert glyphs (old-style figures,
 * superior letters, small capitals): poppler gives them as private use
 * code points; the text holds the digits and letters they stand for. */
static void test_expert_glyphs(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    assert_int_equal(extract_fixture("expert-glyphs.pdf", &doc, err, sizeof err), EXTRACT_OK);
    assert_int_equal(doc.n_chunks, 1);
    assert_chunks_sane(&doc);
    const char *t = doc.chunks[0].text;
    assert_non_null(strstr(t, "Programmer avec Expl3"));
    assert_non_null(strstr(t, "Session du 3 mars 2019"));
    assert_non_null(strstr(t, "Le 1er argument et la 2e paire"));
    assert_non_null(strstr(t, "Rapport du secours catholique"));
    assert_non_null(strstr(t, "Courrier de la préfecture"));
    assert_non_null(strstr(t, "Les œuvres sociales"));
    assert_null(strstr(t, "\xEF\x9C")); /* no U+F7xx left */
    assert_null(strstr(t, "\xEF\x9B"));
    extract_doc_free(&doc);
}

static void test_corpus_pdfs(void **state)
{
    (void)state;
    const char *files[] = {"corpus/fiches/identification-victimes.pdf",
                           "corpus/fiches/oqtf-18-ans.pdf"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = fixture_path(files[i]);
        if (access(path, R_OK) != 0)
            fail_msg("%s is missing: the corpus is part of the repository", path);
        extract_doc doc;
        char err[256];
        assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
        assert_true(doc.pages >= 2);
        assert_true(strlen(doc.title) > 0);
        assert_non_null(doc.date);
        assert_chunks_sane(&doc);
        extract_doc_free(&doc);
        free(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ligatures_and_hyphenation),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_multipage),
        cmocka_unit_test(test_big_page_split),
        cmocka_unit_test(test_rotated_text),
        cmocka_unit_test(test_all_bold),
        cmocka_unit_test(test_encrypted),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_no_text),
        cmocka_unit_test(test_junk_and_empty),
        cmocka_unit_test(test_corrupted_bytes),
        cmocka_unit_test(test_expert_glyphs),
        cmocka_unit_test(test_corpus_pdfs),
    };
    return cmocka_run_group_tests_name("extract_pdf", tests, NULL, NULL);
}
