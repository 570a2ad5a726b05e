/* test_wordcount: a document's distinct index forms against a cap: each
 * form counted once across title, headings, description and chunks, the
 * forms being the index's (case folded, a compound's parts and whole), the
 * short text that is not analysed, and a count that stops at the cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "wordcount.h"

#include <stdio.h>
#include <string.h>

/* A document of one chunk of n distinct words of four letters ("aaaa
 * aaab …"), repeated. */
static void make_words(extract_doc *doc, size_t n, int repeat)
{
    buf b = BUF_INIT;
    for (int r = 0; r < repeat; r++)
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%c%c%c%c ", (char)('a' + i / 17576 % 26), (char)('a' + i / 676 % 26),
                       (char)('a' + i / 26 % 26), (char)('a' + i % 26));
    extract_doc_init(doc);
    extract_doc_add_chunk(doc, 0, NULL, b.data ? b.data : "");
    buf_free(&b);
}

static void test_distinct_words_against_cap(void **state)
{
    (void)state;
    extract_doc doc;
    make_words(&doc, 5000, 3);
    assert_false(wordcount_over(&doc, 5000));
    assert_true(wordcount_over(&doc, 4999));
    assert_true(wordcount_over(&doc, 10));
    extract_doc_free(&doc);
}

static void test_fields_and_chunks_count_together(void **state)
{
    (void)state;
    extract_doc doc;
    extract_doc_init(&doc);
    doc.title = buf_xstrndup("Réunion", strlen("Réunion"));
    doc.headings = buf_xstrndup("Ordre du jour", strlen("Ordre du jour"));
    doc.description = buf_xstrndup("Collectif", strlen("Collectif"));
    /* réunion, ordre, du, jour, collectif again in the text, one new word
     * (« bénévoles ») and the same in capitals: 6 forms in all. */
    extract_doc_add_chunk(&doc, 0, NULL, "RÉUNION réunion ordre du jour collectif");
    extract_doc_add_chunk(&doc, 0, NULL, "bénévoles BÉNÉVOLES Bénévoles");
    assert_false(wordcount_over(&doc, 6));
    assert_true(wordcount_over(&doc, 5));
    extract_doc_free(&doc);
}

static void test_compound_parts_and_whole(void **state)
{
    (void)state;
    extract_doc doc;
    extract_doc_init(&doc);
    /* hors, la, rue and their whole « horslarue ». */
    extract_doc_add_chunk(&doc, 0, NULL, "Hors-la-Rue hors-la-rue");
    assert_false(wordcount_over(&doc, 4));
    assert_true(wordcount_over(&doc, 3));
    extract_doc_free(&doc);
}

static void test_short_text_not_analysed(void **state)
{
    (void)state;
    extract_doc doc;
    /* 300 distinct words in 1,500 bytes: under a cap of 1,500 it cannot be
     * over, whatever the words; over a cap of 299 it is. */
    make_words(&doc, 300, 1);
    assert_false(wordcount_over(&doc, strlen(doc.chunks[0].text)));
    assert_true(wordcount_over(&doc, 299));
    extract_doc_free(&doc);
    extract_doc_init(&doc);
    assert_false(wordcount_over(&doc, 0));
    extract_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distinct_words_against_cap),
        cmocka_unit_test(test_fields_and_chunks_count_together),
        cmocka_unit_test(test_compound_parts_and_whole),
        cmocka_unit_test(test_short_text_not_analysed),
    };
    return cmocka_run_group_tests_name("wordcount", tests, NULL, NULL);
}
