/* test_extract: format detection, dispatch (zero-byte input, titles
 * from file names) and chunk helpers. The worker's pipe serialisation is
 * tested with it (test_wire). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract.h"
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static void test_detect(void **state)
{
    (void)state;
    const unsigned char pdf[] = "%PDF-1.7\n";
    const unsigned char html[] = "<!DOCTYPE html><html>";
    const unsigned char txt[] = "Compte rendu";
    assert_int_equal(extract_detect("a/b.pdf", pdf, 9), EXTRACT_FORMAT_PDF);
    assert_int_equal(extract_detect("a/b.txt", pdf, 9), EXTRACT_FORMAT_PDF); /* magic wins */
    assert_int_equal(extract_detect("a/B.PDF", txt, 12), EXTRACT_FORMAT_PDF);
    assert_int_equal(extract_detect("x.html", html, 21), EXTRACT_FORMAT_HTML);
    assert_int_equal(extract_detect("x.HTM", html, 21), EXTRACT_FORMAT_HTML);
    assert_int_equal(extract_detect("notes.md", txt, 12), EXTRACT_FORMAT_TEXT);
    assert_int_equal(extract_detect("notes.txt", txt, 12), EXTRACT_FORMAT_TEXT);
    assert_int_equal(extract_detect("photo.jpg", txt, 12), EXTRACT_FORMAT_NONE);
    assert_int_equal(extract_detect("Makefile", txt, 12), EXTRACT_FORMAT_NONE);
    assert_int_equal(extract_detect("dir.txt/README", txt, 12), EXTRACT_FORMAT_NONE);
    assert_int_equal(extract_detect(".txt", txt, 12), EXTRACT_FORMAT_NONE);
    assert_int_equal(extract_detect("empty.txt", NULL, 0), EXTRACT_FORMAT_TEXT);
    const unsigned char late_magic[] = "\r\n\r\n%PDF-1.4";
    assert_int_equal(extract_detect("f.bin", late_magic, 13), EXTRACT_FORMAT_PDF);
    assert_int_equal(extract_detect("f.txt", late_magic, 13), EXTRACT_FORMAT_PDF);
    /* a note quoting the PDF header is still a note */
    const unsigned char quote[] = "Le fichier commence par %PDF-1.4";
    assert_int_equal(extract_detect("note.txt", quote, 32), EXTRACT_FORMAT_TEXT);
    assert_int_equal(extract_detect("page.html", quote, 32), EXTRACT_FORMAT_HTML);
    assert_int_equal(extract_detect("inconnu", quote, 32), EXTRACT_FORMAT_PDF);
}

static void test_format_name(void **state)
{
    (void)state;
    assert_string_equal(extract_format_name(EXTRACT_FORMAT_PDF), "pdf");
    assert_string_equal(extract_format_name(EXTRACT_FORMAT_HTML), "html");
    assert_string_equal(extract_format_name(EXTRACT_FORMAT_TEXT), "text");
    assert_string_equal(extract_format_name(EXTRACT_FORMAT_NONE), "none");
}

static void test_buffer_errors_leave_doc_empty(void **state)
{
    (void)state;
    extract_doc doc;
    char err[128];
    extract_doc_init(&doc);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_NONE, NULL, "x", 1, &doc, err, sizeof err),
                     EXTRACT_EFORMAT);
    assert_true(strlen(err) > 0);
    for (int f = EXTRACT_FORMAT_PDF; f < EXTRACT_FORMAT_COUNT; f++) {
        assert_int_equal(
            extract_buffer((extract_format)f, "vide.txt", "", 0, &doc, err, sizeof err),
            EXTRACT_EEMPTY);
        assert_null(doc.title);
        assert_null(doc.chunks);
    }
    /* a tiny error buffer is respected */
    char small[4];
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_TEXT, NULL, "", 0, &doc, small, sizeof small),
                     EXTRACT_EEMPTY);
    assert_int_equal(strlen(small), 3);
}

static void test_zero_byte_file(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    assert_non_null(dir);
    extract_doc doc;
    char err[256];
    char *zero = fixture_write(dir, "vide.txt", "", 0);
    assert_int_equal(fixture_extract(zero, &doc, err, sizeof err), EXTRACT_EEMPTY);
    assert_string_equal(err, "empty file");
    free(zero);
    fixture_rmdir(dir);
}

/* The rule applies wherever a document is extracted: extract_buffer takes
 * the name, so the indexer's workers and the tests title alike. */
static void test_title_from_file_name(void **state)
{
    (void)state;
    const char digits[] = "2018 2019\n42\n";
    extract_doc doc;
    char err[256];
    extract_doc_init(&doc);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_TEXT, "corpus/x/bilan_chiffres-2019.txt", digits,
                                    sizeof digits - 1, &doc, err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(doc.title, "bilan chiffres 2019");
    extract_doc_free(&doc);
    /* a name without extension or directory */
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_TEXT, "notes", digits, sizeof digits - 1, &doc,
                                    err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(doc.title, "notes");
    extract_doc_free(&doc);
    /* no name: an empty title, never NULL */
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_TEXT, NULL, digits, sizeof digits - 1, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_string_equal(doc.title, "");
    extract_doc_free(&doc);
    /* a document's own title wins over its name */
    const char minutes[] = "Compte rendu de la plénière\n\nLe collectif s'est réuni.\n";
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_TEXT, "a/b-c.txt", minutes, sizeof minutes - 1,
                                    &doc, err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(doc.title, "Compte rendu de la plénière");
    extract_doc_free(&doc);

    /* through a real file, as the suites read the corpus */
    char *dir = fixture_tmpdir();
    char *p = fixture_write(dir, "bilan_chiffres-2019.txt", digits, sizeof digits - 1);
    assert_int_equal(fixture_extract(p, &doc, err, sizeof err), EXTRACT_OK);
    assert_string_equal(doc.title, "bilan chiffres 2019");
    extract_doc_free(&doc);
    free(p);
    fixture_rmdir(dir);
}

static void test_add_text(void **state)
{
    (void)state;
    extract_doc doc;
    extract_doc_init(&doc);
    extract_doc_add_text(&doc, 3, "Titre", "", 100);
    extract_doc_add_text(&doc, 3, "Titre", " \n ", 100);
    assert_int_equal(doc.n_chunks, 0);
    char text[1000];
    text[0] = '\0';
    for (int i = 0; i < 20; i++)
        strcat(text, "Une phrase de test.\n");
    text[strlen(text) - 1] = '\0';
    extract_doc_add_text(&doc, 3, "Titre", text, 100);
    assert_true(doc.n_chunks >= 4);
    for (size_t i = 0; i < doc.n_chunks; i++) {
        assert_int_equal(doc.chunks[i].page, 3);
        assert_string_equal(doc.chunks[i].heading, "Titre");
        assert_true(strlen(doc.chunks[i].text) <= 150);
        assert_true(doc.chunks[i].text[0] == 'U');
    }
    extract_doc_add_chunk(&doc, 0, NULL, "x");
    assert_null(doc.chunks[doc.n_chunks - 1].heading);
    extract_doc_free(&doc);
    assert_int_equal(doc.n_chunks, 0);
    extract_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_format_name),
        cmocka_unit_test(test_buffer_errors_leave_doc_empty),
        cmocka_unit_test(test_zero_byte_file),
        cmocka_unit_test(test_title_from_file_name),
        cmocka_unit_test(test_add_text),
    };
    return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
