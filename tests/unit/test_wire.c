/* test_wire: the messages between the indexer and its extraction workers
 * (indexer/wire.c): frames, limits, jobs and results round trip; malformed
 * documents and results (truncated, trailing bytes, bad magic, NUL inside a
 * string, lengths past the end, huge counts, random corruption) are
 * refused without crashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wire.h"

#include <stdlib.h>
#include <string.h>

#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void make_doc(extract_doc *doc)
{
    extract_doc_init(doc);
    doc->format = EXTRACT_FORMAT_PDF;
    doc->title = strdup("Rapport « traite » 2019");
    doc->date = strdup("2019-03-01");
    doc->description = NULL;
    doc->headings = strdup("Introduction\nConclusion");
    doc->keywords = strdup("traite, exploitation\nmineurs non accompagnés");
    doc->hidden = strdup("Mots : Nombre de mots");
    doc->links = strdup("corpus/a.html\tinformations générales\n");
    doc->pages = 12;
    extract_doc_add_chunk(doc, 1, NULL, "première page");
    extract_doc_add_chunk(doc, 2, "Introduction", "");
    extract_doc_add_chunk(doc, 12, "Conclusion", "fin\ndu texte");
    extract_doc_add_scan_page(doc, 3);
    extract_doc_add_scan_page(doc, 12);
}

static void assert_same_str(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

static void assert_same_doc(const extract_doc *a, const extract_doc *b)
{
    assert_int_equal(a->format, b->format);
    assert_same_str(a->title, b->title);
    assert_same_str(a->date, b->date);
    assert_same_str(a->description, b->description);
    assert_same_str(a->headings, b->headings);
    assert_same_str(a->keywords, b->keywords);
    assert_same_str(a->hidden, b->hidden);
    assert_same_str(a->links, b->links);
    assert_int_equal(a->pages, b->pages);
    assert_int_equal(a->n_chunks, b->n_chunks);
    for (size_t i = 0; i < a->n_chunks; i++) {
        assert_int_equal(a->chunks[i].page, b->chunks[i].page);
        assert_same_str(a->chunks[i].heading, b->chunks[i].heading);
        assert_same_str(a->chunks[i].text, b->chunks[i].text);
    }
    assert_int_equal(a->n_scan_pages, b->n_scan_pages);
    for (size_t i = 0; i < a->n_scan_pages; i++)
        assert_int_equal(a->scan_pages[i], b->scan_pages[i]);
}

/* Scanned pages must be ascending page numbers of the document. */
static void test_scan_pages_malformed(void **state)
{
    (void)state;
    static const int bad[][2] = {{3, 3}, {5, 4}, {0, 2}, {2, 13}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        extract_doc doc, back;
        make_doc(&doc);
        doc.scan_pages[0] = bad[i][0];
        doc.scan_pages[1] = bad[i][1];
        char *data;
        size_t len;
        wire_doc_serialize(&doc, &data, &len);
        assert_int_equal(wire_doc_deserialize(data, len, &back), -1);
        free(data);
        extract_doc_free(&doc);
    }
}

/* A page job and its answer: the page's text with the page number. */
static void test_page_job_and_text(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    wire_job job;
    wire_result res;
    wire_put_page_job(&b, "scan.pdf", HASH, 2, 120);
    assert_int_equal(wire_get_job(b.data, b.len, &job), 0);
    assert_int_equal(job.kind, WIRE_JOB_PAGE);
    assert_string_equal(job.path, "scan.pdf");
    assert_string_equal(job.old_hash, HASH);
    assert_int_equal(job.page, 2);
    assert_int_equal(job.timeout_s, 120);
    wire_job_free(&job);
    for (size_t n = 0; n < b.len; n++)
        assert_int_equal(wire_get_job(b.data, n, &job), -1);
    buf_clear(&b);
    wire_put_page_job(&b, "scan.pdf", HASH, 0, 120); /* no page 0 */
    assert_int_equal(wire_get_job(b.data, b.len, &job), -1);
    buf_clear(&b);
    wire_put_page_job(&b, "scan.pdf", NULL, 1, 120); /* a page of which content? */
    assert_int_equal(wire_get_job(b.data, b.len, &job), -1);

    buf_clear(&b);
    wire_put_text(&b, 2, 1875, "Élection du bureau");
    assert_int_equal(wire_get_result(b.data, b.len, &res), 0);
    assert_int_equal(res.kind, WIRE_TEXT);
    assert_int_equal(res.ms, 1875);
    assert_int_equal(res.doc.n_chunks, 1);
    assert_int_equal(res.doc.chunks[0].page, 2);
    assert_string_equal(res.doc.chunks[0].text, "Élection du bureau");
    extract_doc_free(&res.doc);
    for (size_t n = 0; n < b.len; n++) {
        assert_int_equal(wire_get_result(b.data, n, &res), -1);
        assert_int_equal(res.doc.n_chunks, 0);
    }
    buf_clear(&b);
    wire_put_text(&b, 0, 1, "x");
    assert_int_equal(wire_get_result(b.data, b.len, &res), -1);
    buf_free(&b);
}

static void test_doc_round_trip(void **state)
{
    (void)state;
    extract_doc doc, back;
    make_doc(&doc);
    char *data;
    size_t len;
    wire_doc_serialize(&doc, &data, &len);
    assert_int_equal(wire_doc_deserialize(data, len, &back), 0);
    assert_same_doc(&back, &doc);
    extract_doc_free(&back);
    free(data);

    /* an empty doc round-trips too */
    extract_doc empty;
    extract_doc_init(&empty);
    wire_doc_serialize(&empty, &data, &len);
    assert_int_equal(wire_doc_deserialize(data, len, &back), 0);
    assert_null(back.title);
    assert_int_equal(back.n_chunks, 0);
    extract_doc_free(&back);
    free(data);
    extract_doc_free(&doc);
}

static void test_doc_malformed(void **state)
{
    (void)state;
    extract_doc doc, back;
    make_doc(&doc);
    char *data;
    size_t len;
    wire_doc_serialize(&doc, &data, &len);
    extract_doc_free(&doc);

    /* every truncation fails cleanly */
    for (size_t n = 0; n < len; n++) {
        assert_int_equal(wire_doc_deserialize(data, n, &back), -1);
        assert_null(back.title);
        assert_int_equal(back.n_chunks, 0);
    }
    /* trailing garbage */
    char *longer = malloc(len + 1);
    memcpy(longer, data, len);
    longer[len] = 'x';
    assert_int_equal(wire_doc_deserialize(longer, len + 1, &back), -1);
    free(longer);

    char *bad = malloc(len);
    /* bad magic */
    memcpy(bad, data, len);
    bad[0] = 'X';
    assert_int_equal(wire_doc_deserialize(bad, len, &back), -1);
    /* unknown format */
    memcpy(bad, data, len);
    bad[4] = 9;
    assert_int_equal(wire_doc_deserialize(bad, len, &back), -1);
    /* NUL inside the title */
    memcpy(bad, data, len);
    bad[12] = '\0';
    assert_int_equal(wire_doc_deserialize(bad, len, &back), -1);
    /* a title length pointing past the end */
    memcpy(bad, data, len);
    bad[8] = '\xF0';
    bad[9] = '\xFF';
    assert_int_equal(wire_doc_deserialize(bad, len, &back), -1);
    free(bad);

    /* a huge chunk count must not allocate: magic, format, 7 NULL strings,
     * pages, n_chunks = 0xFFFFFFF0 */
    unsigned char huge[4 + 4 + 28 + 4 + 4] = "RPX4";
    memset(huge + 8, 0xFF, 28);
    memset(huge + 40, 0xF0, 1);
    memset(huge + 41, 0xFF, 3);
    assert_int_equal(wire_doc_deserialize((const char *)huge, sizeof huge, &back), -1);

    /* deterministic pseudo-random corruption never crashes */
    uint32_t seed = 12345;
    char *mut = malloc(len);
    for (int round = 0; round < 2000; round++) {
        memcpy(mut, data, len);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            mut[(seed >> 8) % len] = (char)(seed >> 24);
        }
        if (wire_doc_deserialize(mut, len, &back) == 0)
            extract_doc_free(&back);
    }
    free(mut);
    free(data);
}

/* Frames: whole, split anywhere, two in a row, a length over the limit. */
static void test_frames(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    const char *payload;
    size_t plen, used;
    size_t f = wire_frame_begin(&b);
    buf_puts(&b, "abc");
    assert_int_equal(wire_frame_end(&b, f), 0);
    f = wire_frame_begin(&b);
    assert_int_equal(wire_frame_end(&b, f), 0);
    assert_int_equal(b.len, 4 + 3 + 4);
    for (size_t n = 0; n < 7; n++)
        assert_int_equal(wire_frame_next(b.data, n, &payload, &plen, &used), 0);
    assert_int_equal(wire_frame_next(b.data, b.len, &payload, &plen, &used), 1);
    assert_int_equal(plen, 3);
    assert_memory_equal(payload, "abc", 3);
    assert_int_equal(used, 7);
    assert_int_equal(wire_frame_next(b.data + used, b.len - used, &payload, &plen, &used), 1);
    assert_int_equal(plen, 0);
    const unsigned char over[4] = {0x01, 0x00, 0x00, 0x40}; /* 2^30 + 1 */
    assert_int_equal(wire_frame_next((const char *)over, 4, &payload, &plen, &used), -1);
    buf_free(&b);
}

static void test_config_and_job(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    wire_config c = {.timeout_s = 60,
                     .max_memory_mb = 1024,
                     .max_bytes = (uint64_t)256 << 20,
                     .max_words = 500000};
    wire_config back;
    wire_put_config(&b, &c);
    assert_int_equal(wire_get_config(b.data, b.len, &back), 0);
    assert_int_equal(back.timeout_s, 60);
    assert_int_equal(back.max_memory_mb, 1024);
    assert_int_equal(back.max_bytes, (uint64_t)256 << 20);
    assert_int_equal(back.max_words, 500000);
    assert_int_equal(wire_get_config(b.data, b.len - 1, &back), -1);

    wire_job job;
    buf_clear(&b);
    wire_put_job(&b, EXTRACT_FORMAT_HTML, "corpus/fiches/é.html", NULL);
    assert_int_equal(wire_get_job(b.data, b.len, &job), 0);
    assert_int_equal(job.format, EXTRACT_FORMAT_HTML);
    assert_string_equal(job.path, "corpus/fiches/é.html");
    assert_null(job.old_hash);
    wire_job_free(&job);
    buf_clear(&b);
    wire_put_job(&b, EXTRACT_FORMAT_PDF, "a.pdf", HASH);
    assert_int_equal(wire_get_job(b.data, b.len, &job), 0);
    assert_string_equal(job.old_hash, HASH);
    wire_job_free(&job);
    for (size_t n = 0; n < b.len; n++)
        assert_int_equal(wire_get_job(b.data, n, &job), -1);
    buf_clear(&b);
    wire_put_job(&b, EXTRACT_FORMAT_COUNT - 1, "a.rtf", NULL); /* the last format */
    assert_int_equal(wire_get_job(b.data, b.len, &job), 0);
    assert_int_equal(job.format, EXTRACT_FORMAT_COUNT - 1);
    wire_job_free(&job);
    buf_clear(&b);
    wire_put_job(&b, EXTRACT_FORMAT_COUNT, "a.xyz", NULL); /* no such format */
    assert_int_equal(wire_get_job(b.data, b.len, &job), -1);
    buf_clear(&b);
    wire_put_job(&b, EXTRACT_FORMAT_PDF, NULL, NULL); /* a job without a path */
    assert_int_equal(wire_get_job(b.data, b.len, &job), -1);
    buf_free(&b);
}

static void test_results(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    wire_result res;
    extract_doc doc;

    wire_put_same(&b, HASH);
    assert_int_equal(wire_get_result(b.data, b.len, &res), 0);
    assert_int_equal(res.kind, WIRE_SAME);
    assert_string_equal(res.hash, HASH);

    buf_clear(&b);
    wire_put_error(&b, "PDF is password-protected");
    assert_int_equal(wire_get_result(b.data, b.len, &res), 0);
    assert_int_equal(res.kind, WIRE_ERROR);
    assert_string_equal(res.reason, "PDF is password-protected");

    make_doc(&doc);
    buf_clear(&b);
    wire_put_doc(&b, HASH, &doc);
    assert_int_equal(wire_get_result(b.data, b.len, &res), 0);
    assert_int_equal(res.kind, WIRE_DOC);
    assert_string_equal(res.hash, HASH);
    assert_same_doc(&res.doc, &doc);
    extract_doc_free(&res.doc);
    for (size_t n = 0; n < b.len; n++) {
        assert_int_equal(wire_get_result(b.data, n, &res), -1);
        assert_int_equal(res.doc.n_chunks, 0);
    }
    /* a hash that is not lowercase hex would be stored as the file's */
    b.data[5] = 'G';
    assert_int_equal(wire_get_result(b.data, b.len, &res), -1);
    b.data[5] = '/';
    assert_int_equal(wire_get_result(b.data, b.len, &res), -1);
    extract_doc_free(&doc);

    buf_clear(&b);
    wire_put_same(&b, HASH);
    buf_putc(&b, 'x'); /* trailing byte */
    assert_int_equal(wire_get_result(b.data, b.len, &res), -1);
    b.data[0] = 'Q'; /* unknown kind */
    assert_int_equal(wire_get_result(b.data, b.len - 1, &res), -1);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_round_trip),
        cmocka_unit_test(test_doc_malformed),
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_config_and_job),
        cmocka_unit_test(test_results),
        cmocka_unit_test(test_scan_pages_malformed),
        cmocka_unit_test(test_page_job_and_text),
    };
    return cmocka_run_group_tests_name("wire", tests, NULL, NULL);
}
