/* test_ocr: the scanned minutes of tests/fixtures (two pages of images, no
 * text) and the page lists and OCR of extract_pdf, on real PDFs; the
 * tesseract test is skipped when this build has no OCR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "extract_formats.h"
#include "fixture.h"
#include "ocr.h"

#include <stdlib.h>
#include <string.h>

/* extract_pdf lists both pages of the scanned minutes as scanned and the
 * file is not refused as empty; a text PDF and a drawing list none, a
 * born-digital PDF only its page an image fills (not its figures), a scanned
 * receipt its page; a page renders at 300 dpi as an A4 grey image and
 * tesseract reads its French words; extract_doc_set_page and extract_put_ocr
 * put page texts in page order, replace a page, join the lines tesseract set
 * apart, and title a document named after its file. */

#define SCAN "corpus/comptes-rendus/2024-03-23-proces-verbal-assemblee-generale-scan.pdf"

static char *read_rel(const char *rel, size_t *len)
{
    char *path = fixture_path(rel);
    char *data = fixture_read(path, len);
    free(path);
    assert_non_null(data);
    return data;
}

static void test_scan_pages(void **state)
{
    (void)state;
    char err[256];
    extract_doc doc;
    extract_doc_init(&doc);
    char *path = fixture_path(SCAN);
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
    free(path);
    assert_int_equal(doc.pages, 2);
    assert_int_equal(doc.n_chunks, 0);
    assert_int_equal(doc.n_scan_pages, 2);
    assert_int_equal(doc.scan_pages[0], 1);
    assert_int_equal(doc.scan_pages[1], 2);
    extract_doc_free(&doc);

    path = fixture_path("tests/fixtures/pdf/ligatures.pdf");
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
    free(path);
    assert_int_equal(doc.n_scan_pages, 0);
    extract_doc_free(&doc);

    /* in a document with text, a page of next to no text is a scan only
     * when an image fills it: not a screenshot over 40 % of the page under
     * a caption (page 2), a small picture (3) or a blank page (4) */
    path = fixture_path("tests/fixtures/pdf/figures.pdf");
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
    free(path);
    assert_int_equal(doc.pages, 5);
    assert_int_equal(doc.n_scan_pages, 1);
    assert_int_equal(doc.scan_pages[0], 5);
    extract_doc_free(&doc);

    /* a document of scans only: an image over a third of the page will do */
    path = fixture_path("tests/fixtures/pdf/scanned-receipt.pdf");
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
    free(path);
    assert_int_equal(doc.n_scan_pages, 1);
    assert_int_equal(doc.scan_pages[0], 1);
    extract_doc_free(&doc);

    /* a drawing is not a scan: still "no text" */
    path = fixture_path("tests/fixtures/pdf/blank.pdf");
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EEMPTY);
    free(path);
}

static void test_render(void **state)
{
    (void)state;
    char err[256];
    size_t len = 0;
    char *data = read_rel(SCAN, &len);
    unsigned char *px = NULL;
    int w, h;
    assert_int_equal(extract_pdf_render_gray(data, len, 2, OCR_DPI, &px, &w, &h, err, sizeof err),
                     EXTRACT_OK);
    /* A4 (595 x 842 pt) at 300 dpi */
    assert_in_range(w, 2475, 2485);
    assert_in_range(h, 3505, 3512);
    size_t dark = 0;
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        dark += px[i] < 128;
    assert_in_range(dark, (size_t)w * (size_t)h / 100, (size_t)w * (size_t)h / 5);
    free(px);
    assert_int_equal(extract_pdf_render_gray(data, len, 3, OCR_DPI, &px, &w, &h, err, sizeof err),
                     EXTRACT_EFORMAT);
    assert_null(px);
    assert_non_null(strstr(err, "no page 3"));
    assert_int_equal(
        extract_pdf_render_gray("not a pdf", 9, 1, OCR_DPI, &px, &w, &h, err, sizeof err),
        EXTRACT_EFORMAT);
    free(data);
}

static void test_read(void **state)
{
    (void)state;
    char err[256];
    if (!ocr_engine()) {
        assert_int_equal(ocr_available(err, sizeof err), 0);
        assert_non_null(strstr(err, "no OCR"));
        skip();
    }
    assert_int_equal(strncmp(ocr_engine(), "tesseract ", 10), 0);
    if (!ocr_available(err, sizeof err)) {
        print_message("%s\n", err);
        skip();
    }
    size_t len = 0;
    char *data = read_rel(SCAN, &len);
    unsigned char *px = NULL;
    int w, h;
    char *text = NULL;
    assert_int_equal(extract_pdf_render_gray(data, len, 2, OCR_DPI, &px, &w, &h, err, sizeof err),
                     EXTRACT_OK);
    assert_int_equal(ocr_read_gray(px, w, h, w, OCR_DPI, &text, err, sizeof err), 0);
    assert_non_null(strstr(text, "tigrinya"));
    assert_non_null(strstr(text, "Élection du bureau"));
    assert_non_null(strstr(text, "trésorière"));
    free(text);
    free(px);
    free(data);
    ocr_release();
}

static void test_set_page(void **state)
{
    (void)state;
    extract_doc doc;
    extract_doc_init(&doc);
    doc.format = EXTRACT_FORMAT_PDF;
    doc.pages = 4;
    extract_doc_add_chunk(&doc, 1, "H", "un");
    extract_doc_add_chunk(&doc, 3, NULL, "trois");
    extract_doc_add_chunk(&doc, 3, NULL, "trois bis");
    extract_doc_set_page(&doc, 2, "deux\n\nDeux encore");
    extract_doc_set_page(&doc, 4, "quatre");
    extract_doc_set_page(&doc, 3, "trois lu");
    assert_int_equal(doc.n_chunks, 4);
    assert_int_equal(doc.chunks[0].page, 1);
    assert_string_equal(doc.chunks[0].text, "un");
    assert_int_equal(doc.chunks[1].page, 2);
    assert_string_equal(doc.chunks[1].text, "deux\nDeux encore");
    assert_int_equal(doc.chunks[2].page, 3);
    assert_string_equal(doc.chunks[2].text, "trois lu");
    assert_int_equal(doc.chunks[3].page, 4);
    extract_doc_set_page(&doc, 1, ""); /* read, but nothing on it */
    assert_int_equal(doc.n_chunks, 3);
    assert_int_equal(doc.chunks[0].page, 2);
    extract_doc_free(&doc);
}

static void test_put_ocr(void **state)
{
    (void)state;
    extract_doc doc;
    extract_doc_init(&doc);
    doc.format = EXTRACT_FORMAT_PDF;
    doc.pages = 2;
    doc.title = strdup("scan 0042");
    int pages[] = {1, 2};
    char *texts[] = {"Procès-verbal de la réunion\n\nParis, le 3 mai 2019\n\nLe bureau du\n\n"
                     "collectif s'est réuni.",
                     NULL};
    extract_put_ocr(&doc, "docs/scan_0042.pdf", pages, texts, 2);
    assert_string_equal(doc.title, "Procès-verbal de la réunion");
    assert_string_equal(doc.date, "2019-05-03");
    assert_int_equal(doc.n_chunks, 1);
    assert_non_null(strstr(doc.chunks[0].text, "Le bureau du collectif"));
    extract_doc_free(&doc);

    /* a title of its own is kept */
    extract_doc_init(&doc);
    doc.format = EXTRACT_FORMAT_PDF;
    doc.title = strdup("Compte rendu");
    extract_put_ocr(&doc, "docs/scan_0042.pdf", pages, texts, 1);
    assert_string_equal(doc.title, "Compte rendu");
    extract_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_pages), cmocka_unit_test(test_render),
        cmocka_unit_test(test_read),       cmocka_unit_test(test_set_page),
        cmocka_unit_test(test_put_ocr),
    };
    return cmocka_run_group_tests_name("ocr", tests, NULL, NULL);
}
