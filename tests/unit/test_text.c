/* test_text: encoding detection and decoding, binary detection, the text
 * normalisation (ligatures, hyphenation, whitespace, NFC), titles from
 * first lines, chunk split points, code point reading and folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void assert_norm(const char *in, int flags, const char *want)
{
    char *got = text_normalize(in, strlen(in), flags);
    assert_string_equal(got, want);
    free(got);
}

static void test_utf8_validation(void **state)
{
    (void)state;
    assert_true(text_is_utf8("", 0));
    assert_true(text_is_utf8("protégés œuvre", strlen("protégés œuvre")));
    assert_false(text_is_utf8("\xC3", 1));             /* truncated */
    assert_false(text_is_utf8("\xC0\x80", 2));         /* overlong NUL */
    assert_false(text_is_utf8("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(text_is_utf8("r\xe9union", 7));       /* Latin-1 */
    assert_false(text_is_utf8("\xF4\x90\x80\x80", 4)); /* beyond U+10FFFF */
}

static void test_detect_encoding(void **state)
{
    (void)state;
    assert_int_equal(text_detect_encoding("\xEF\xBB\xBFok", 5), TEXT_ENC_UTF8_BOM);
    assert_int_equal(text_detect_encoding("\xFF\xFEo\0", 4), TEXT_ENC_UTF16LE);
    assert_int_equal(text_detect_encoding("\xFE\xFF\0o", 4), TEXT_ENC_UTF16BE);
    assert_int_equal(text_detect_encoding("été", strlen("été")), TEXT_ENC_UTF8);
    assert_int_equal(text_detect_encoding("\xe9t\xe9", 3), TEXT_ENC_CP1252);
    /* UTF-16 without BOM: "Réunion du bureau" */
    const char le[] = "R\0\xe9\0u\0n\0i\0o\0n\0 \0d\0u\0 \0b\0u\0r\0e\0a\0u\0";
    assert_int_equal(text_detect_encoding(le, sizeof le - 1), TEXT_ENC_UTF16LE);
    char *out = text_decode(le, sizeof le - 1, TEXT_ENC_UTF16LE, NULL);
    assert_string_equal(out, "Réunion du bureau");
    free(out);
    const char be[] = "\0R\0\xe9\0u\0n\0i\0o\0n\0 \0d\0u";
    assert_int_equal(text_detect_encoding(be, sizeof be - 1), TEXT_ENC_UTF16BE);
    /* not UTF-16: spaces only, and 16-bit samples */
    assert_int_equal(text_detect_encoding("                ", 16), TEXT_ENC_UTF8);
    const char samples[] = "\x03\0\xfe\xff\x05\0\xfd\xff\x01\0\xff\xff\x02\0\xfc\xff";
    assert_int_not_equal(text_detect_encoding(samples, sizeof samples - 1), TEXT_ENC_UTF16LE);
}

static void test_decode_cp1252(void **state)
{
    (void)state;
    /* é, œ (0x9C), ’ (0x92), € (0x80), « » (0xAB 0xBB), undefined 0x81 */
    const char in[] = "\xe9t\xe9 \x9cuvre l\x92"
                      "enfant \x80 \xab x \xbb\x81";
    size_t n;
    char *out = text_decode(in, sizeof in - 1, TEXT_ENC_CP1252, &n);
    assert_string_equal(out, "été œuvre l’enfant € « x »\xC2\x81");
    assert_int_equal(n, strlen(out));
    char *norm = text_normalize(out, n, TEXT_PARAGRAPHS);
    assert_string_equal(norm, "été œuvre l’enfant € « x »"); /* the C1 control is dropped */
    free(norm);
    free(out);
}

static void test_decode_utf16(void **state)
{
    (void)state;
    /* BOM, "é", U+1F600 as a surrogate pair, "a" */
    const char le[] = "\xFF\xFE\xE9\x00\x3D\xD8\x00\xDE\x61\x00";
    char *out = text_decode(le, sizeof le - 1, TEXT_ENC_UTF16LE, NULL);
    assert_string_equal(out, "é\xF0\x9F\x98\x80"
                             "a");
    free(out);
    const char be[] = "\xFE\xFF\x00\xE9\xD8\x3D\xDE\x00\x00\x61";
    out = text_decode(be, sizeof be - 1, TEXT_ENC_UTF16BE, NULL);
    assert_string_equal(out, "é\xF0\x9F\x98\x80"
                             "a");
    free(out);
    /* unpaired surrogate and an odd trailing byte become U+FFFD */
    const char bad[] = "\xFF\xFE\x00\xD8\x61\x00\x62";
    out = text_decode(bad, sizeof bad - 1, TEXT_ENC_UTF16LE, NULL);
    assert_string_equal(out, "\xEF\xBF\xBD"
                             "a\xEF\xBF\xBD");
    free(out);
}

static void test_decode_utf8_invalid(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF"
                      "ab\xC3"
                      "c\xFF";
    char *out = text_decode(in, sizeof in - 1, TEXT_ENC_UTF8_BOM, NULL);
    assert_string_equal(out, "ab\xEF\xBF\xBD"
                             "c\xEF\xBF\xBD");
    free(out);
}

static void test_looks_binary(void **state)
{
    (void)state;
    assert_false(text_looks_binary("Compte rendu\r\n\fpage 2\t", 22));
    assert_true(text_looks_binary("abc\0def", 7));
    const char junk[] = "\x01\x02\x03\x04\x05\x06\x07\x08zz";
    assert_true(text_looks_binary(junk, sizeof junk - 1));
    /* a rare stray control in a long text is tolerated */
    char text[400];
    memset(text, 'a', sizeof text);
    text[200] = '\x1A';
    assert_false(text_looks_binary(text, sizeof text));
    /* Eight bytes are skipped at a time when none is a control byte
     * (idx26): three control bytes in 100 are found wherever they stand
     * in or across those words, among UTF-8 bytes (0x80-0xFF) too, and the
     * four allowed ones (tab, line feed, carriage return, form feed) are
     * never counted. */
    for (int c = 1; c < 0x80; c++) {
        if (c >= 0x20 && c != 0x7F)
            continue;
        int allowed = c == '\t' || c == '\n' || c == '\r' || c == '\f';
        for (int at = 0; at < 24; at++) {
            char t[100];
            for (size_t i = 0; i < sizeof t; i++)
                t[i] = i % 3 ? 'e' : (char)0xC3;
            t[at] = (char)c;
            t[at + 1] = (char)c;
            t[at + 9 + at % 7] = (char)c;
            assert_int_equal(text_looks_binary(t, sizeof t), !allowed);
        }
    }
}

static void test_ligatures(void **state)
{
    (void)state;
    assert_norm("d\xC3\xA9\xEF\xAC\x81nition \xEF\xAC\x82"
                "eur e\xEF\xAC\x80"
                "et "
                "e\xEF\xAC\x83"
                "cace e\xEF\xAC\x84uve \xEF\xAC\x85"
                "e \xEF\xAC\x86op",
                TEXT_PARAGRAPHS, "définition fleur effet efficace effluve ste stop");
    assert_norm("œuvre Lætitia", TEXT_PARAGRAPHS, "œuvre Lætitia"); /* kept: the analyzer folds */
}

static void test_hyphenation(void **state)
{
    (void)state;
    assert_norm("les mineurs proté-\ngés", TEXT_PARAGRAPHS, "les mineurs protégés");
    assert_norm("proté-  \n   gés", TEXT_PARAGRAPHS, "protégés");
    assert_norm("proté-\r\ngés", TEXT_PARAGRAPHS, "protégés");
    assert_norm("l’asso-\nciation Hors-la-\nRue", TEXT_PARAGRAPHS, "l’association Hors-la-Rue");
    assert_norm("article 225-4-\n1 du code", TEXT_PARAGRAPHS, "article 225-4-1 du code");
    assert_norm("Hors-la-Rue", TEXT_PARAGRAPHS, "Hors-la-Rue");
    assert_norm("victimes -\nsuite", TEXT_PARAGRAPHS,
                "victimes - suite");                              /* a dash, not a hyphen */
    assert_norm("proté-\n\ngés", TEXT_PARAGRAPHS, "proté-\ngés"); /* a paragraph in between */
    assert_norm("fin-", TEXT_PARAGRAPHS, "fin-");
    assert_norm("ex-\nMinistre", TEXT_LINES, "ex-Ministre");
    assert_norm("accom\xC2\xAD\npagnés accom\xC2\xADpagnés", TEXT_PARAGRAPHS,
                "accompagnés accompagnés"); /* soft hyphens */
    assert_norm("\xEF\xAC\x81-\n\xEF\xAC\x82", TEXT_PARAGRAPHS, "fifl");
}

static void test_whitespace_and_paragraphs(void **state)
{
    (void)state;
    assert_norm("  un   deux\t trois  ", TEXT_PARAGRAPHS, "un deux trois");
    assert_norm("ligne un\nligne deux\n\n\n  para deux \n", TEXT_PARAGRAPHS,
                "ligne un ligne deux\npara deux");
    assert_norm("a\r\nb\rc", TEXT_LINES, "a\nb\nc");
    assert_norm("a\r\n\r\nb", TEXT_PARAGRAPHS, "a\nb");
    assert_norm("page un\fpage deux", TEXT_PARAGRAPHS, "page un\npage deux");
    assert_norm("a\n\nb\nc", TEXT_ONE_LINE, "a b c");
    assert_norm("45\xC2\xA0"
                "000 euros\xE2\x80\xAF:",
                TEXT_PARAGRAPHS, "45 000 euros :");
    assert_norm("", TEXT_PARAGRAPHS, "");
    assert_norm(" \n\t\n ", TEXT_PARAGRAPHS, "");
}

static void test_controls_removed(void **state)
{
    (void)state;
    assert_norm("a\x01"
                "b\x1B"
                "c\x7F"
                "d\xE2\x80\x8B"
                "e\xEF\xBB\xBF"
                "f",
                TEXT_PARAGRAPHS, "abcdef");
    char with_nul[] = "ab\0cd";
    char *got = text_normalize(with_nul, 5, TEXT_PARAGRAPHS);
    assert_string_equal(got, "abcd");
    free(got);
    assert_norm("bad \xFF byte", TEXT_PARAGRAPHS, "bad \xEF\xBF\xBD byte");
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + COMBINING ACUTE, E + COMBINING CIRCUMFLEX */
    assert_norm("prote\xCC\x81ge\xCC\x81s E\xCC\x82tres", TEXT_PARAGRAPHS, "protégés Êtres");
    assert_norm("prote\xCC\x81-\ngés", TEXT_PARAGRAPHS, "protégés");
    /* singletons: ANGSTROM SIGN and OHM SIGN become Å and Ω */
    assert_norm("\xE2\x84\xAB \xE2\x84\xA6", TEXT_PARAGRAPHS, "\xC3\x85 \xCE\xA9");
    /* text without combining marks is returned as is (no NFC pass needed) */
    assert_norm("Été « œuvre » — 45 € l’an…", TEXT_PARAGRAPHS, "Été « œuvre » — 45 € l’an…");
}

/* Only the parts around the code points NFC may change are given to it:
 * the same text as NFC of the whole. A mark at the start, marks stacked
 * and out of order, Hangul jamo, a composition exclusion (क़), marks on
 * letters that have no precomposed form. */
static void test_nfc_parts(void **state)
{
    (void)state;
    assert_norm("\xCC\x81"
                "abc e\xCC\x81t\xC3\xA9 e\xCC\xA3\xCC\x82 o\xCC\x82\xCC\xA3",
                TEXT_PARAGRAPHS,
                "\xCC\x81"
                "abc \xC3\xA9t\xC3\xA9 \xE1\xBB\x87 \xE1\xBB\x99");
    assert_norm("Hangul \xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8!", TEXT_PARAGRAPHS,
                "Hangul \xEA\xB0\x81!");
    assert_norm("\xE0\xA4\x95\xE0\xA4\xBC \xE0\xA5\x98", TEXT_PARAGRAPHS,
                "\xE0\xA4\x95\xE0\xA4\xBC \xE0\xA4\x95\xE0\xA4\xBC");
    assert_norm("q\xCC\x81 x\xE2\x83\x97y", TEXT_PARAGRAPHS, "q\xCC\x81 x\xE2\x83\x97y");
    /* Random letters and marks: the result is utf8proc's NFC of the text. */
    static const char *const pieces[] = {"a",
                                         "e",
                                         "\xC3\xA9",
                                         "\xC3\x85",
                                         "\xCC\x81",
                                         "\xCC\x8A",
                                         "\xCC\xA7",
                                         "\xCD\x84",
                                         "\xE1\x84\x80",
                                         "\xE1\x85\xA1",
                                         "\xE1\x86\xA8",
                                         "\xE2\x84\xAB",
                                         "\xE0\xA4\x95",
                                         "\xE0\xA4\xBC",
                                         "\xE0\xA5\x98",
                                         "\xE2\x83\x90",
                                         "\xE2\x80\xA6",
                                         "\xC2\xAB"};
    size_t n_pieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        char in[256];
        size_t len = 0;
        for (int k = (int)(seed % 24); k > 0; k--) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % n_pieces];
            memcpy(in + len, p, strlen(p));
            len += strlen(p);
        }
        seed = seed * 1103515245u + 12345u;
        in[len] = '\0';
        char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)in);
        assert_non_null(want);
        assert_norm(in, TEXT_PARAGRAPHS, want);
        free(want);
    }
}

/* TeX's accented i and j in PDFs: a dotless letter and a combining mark
 * become the accented letter; a dotless i alone (Turkish) stays. */
static void test_dotless_accented(void **state)
{
    (void)state;
    /* ı + COMBINING CIRCUMFLEX, ı + COMBINING DIAERESIS, ȷ + COMBINING CARON */
    assert_norm("la bo\xC4\xB1\xCC\x82te appara\xC4\xB1\xCC\x82t", TEXT_PARAGRAPHS,
                "la boîte apparaît");
    assert_norm("sinuso\xC4\xB1\xCC\x88"
                "dal",
                TEXT_PARAGRAPHS, "sinusoïdal");
    assert_norm("\xC8\xB7\xCC\x8C", TEXT_PARAGRAPHS, "\xC7\xB0");
    assert_norm("art\xC4\xB1k", TEXT_PARAGRAPHS, "art\xC4\xB1k");
    assert_norm("bo\xC4\xB1", TEXT_PARAGRAPHS, "bo\xC4\xB1");
}

static void test_upper_line(void **state)
{
    (void)state;
    const char *a = "2. LETTRE AU PRESIDENT DE LA REPUBLIQUE";
    assert_true(text_is_upper_line(a, strlen(a)));
    const char *b = "À L’INTERNATIONAL ÊTRES";
    assert_true(text_is_upper_line(b, strlen(b)));
    const char *c = "Lettre au Président";
    assert_false(text_is_upper_line(c, strlen(c)));
    assert_false(text_is_upper_line("A 12", 4));
}

static void test_all_capitals(void **state)
{
    (void)state;
    assert_true(text_all_capitals("OQTF", 4));
    assert_true(text_all_capitals("ÉTÉ", strlen("ÉTÉ")));
    assert_true(text_all_capitals("L425", 4) == 0);
    assert_true(text_all_capitals("CNDA2", 5));
    assert_false(text_all_capitals("Oqtf", 4));
    assert_false(text_all_capitals("A", 1));
    assert_false(text_all_capitals("18", 2));
    assert_false(text_all_capitals("OQ\xff", 3));
}

static void test_shouted(void **state)
{
    (void)state;
    assert_true(text_shouted("OQTF 18 ANS", 11));
    assert_true(text_shouted("COMPTE À REBOURS", strlen("COMPTE À REBOURS")));
    assert_true(text_shouted("QU'EST-CE QU'UN DISQUE ?", strlen("QU'EST-CE QU'UN DISQUE ?")));
    assert_false(text_shouted("OQTF", 4));         /* one word: an acronym */
    assert_false(text_shouted("OQTF 18 ans", 11)); /* a lower-case word */
    assert_false(text_shouted("A B C", 5));        /* no word of two letters */
    assert_false(text_shouted("OQTF PJ\xff", 9));
}

static void assert_title(const char *in, const char *want)
{
    char *t = text_title_from_lines(in, strlen(in));
    if (!want) {
        assert_null(t);
        return;
    }
    assert_non_null(t);
    assert_string_equal(t, want);
    free(t);
}

static void test_title_from_lines(void **state)
{
    (void)state;
    assert_title("\n  \n-- 12 --\n COMPTE-RENDU  DU COLLECTIF \n\nDes mardis",
                 "COMPTE-RENDU DU COLLECTIF");
    assert_title("RAPPORT ANNUEL\nDU COLLECTIF\nEnsemble contre la traite\n",
                 "RAPPORT ANNUEL DU COLLECTIF");
    assert_title("Notes de la réunion\nSUITE EN CAPITALES\n", "Notes de la réunion");
    assert_title("Éviter l’OQTF à 18 ans :\nanticiper la majorité\nSuite du texte",
                 "Éviter l’OQTF à 18 ans : anticiper la majorité");
    assert_title("Une phrase.\nsuite en minuscules", "Une phrase.");
    assert_title("\n\n12\n--\n", NULL);
    assert_title("", NULL);
    char long_line[600];
    memset(long_line, 0, sizeof long_line);
    for (int i = 0; i < 60; i++)
        strcat(long_line, "mot-long ");
    char *t = text_title_from_lines(long_line, strlen(long_line));
    assert_non_null(t);
    assert_true(strlen(t) <= 203);
    assert_non_null(strstr(t, "\xE2\x80\xA6"));
    assert_null(strstr(t, " \xE2\x80\xA6"));
    free(t);
}

static void test_split_point(void **state)
{
    (void)state;
    char s[5000];
    memset(s, 'x', sizeof s);
    assert_int_equal(text_split_point(s, 2900, 2000), 2900);
    s[1990] = '\n';
    s[2600] = '\n';
    assert_int_equal(text_split_point(s, sizeof s, 2000), 1991);
    s[1990] = 'x';
    s[2600] = 'x';
    s[1500] = ' ';
    s[1800] = ' ';
    s[1799] = '.';
    s[1900] = ' ';
    assert_int_equal(text_split_point(s, sizeof s, 2000), 1801); /* sentence end */
    s[1799] = 'x';
    assert_int_equal(text_split_point(s, sizeof s, 2000), 1901); /* last space */
    memset(s, 'x', sizeof s);
    for (int i = 0; i + 1 < (int)sizeof s; i += 2) {
        s[i] = '\xC3';
        s[i + 1] = '\xA9';
    }
    size_t cut = text_split_point(s, sizeof s, 2001);
    assert_true(cut > 0 && cut <= 2001);
    assert_true(((unsigned char)s[cut] & 0xC0) != 0x80);
}

static void test_cp_at(void **state)
{
    (void)state;
    const char s[] = "aé\xE2\x80\x99\xC3";
    size_t len = sizeof s - 1;
    int32_t cp;
    assert_int_equal(text_cp_at(s, len, 0, &cp), 1);
    assert_int_equal(cp, 'a');
    assert_int_equal(text_cp_at(s, len, 1, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_cp_at(s, len, 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(text_cp_at(s, len, 6, &cp), 0); /* truncated */
    assert_int_equal(cp, -1);
    assert_int_equal(text_cp_at(s, len, 2, &cp), 0); /* continuation byte */
    assert_int_equal(text_cp_at(s, len, len, &cp), 0);
    assert_int_equal(cp, -1);
}

static void assert_fold(int32_t cp, const int32_t *want, size_t n)
{
    int32_t out[TEXT_FOLD_MAX];
    assert_int_equal(text_fold_cp(cp, out), n);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(out[k], want[k]);
}

static void test_fold_cp(void **state)
{
    (void)state;
    assert_fold('a', (const int32_t[]){'a'}, 1);
    assert_fold('E', (const int32_t[]){'e'}, 1);
    assert_fold(0xC9, (const int32_t[]){'e'}, 1);             /* É */
    assert_fold(0xE7, (const int32_t[]){'c'}, 1);             /* ç */
    assert_fold(0x152, (const int32_t[]){0x153}, 1);          /* Œ → œ, not « oe » */
    assert_fold(0xDF, (const int32_t[]){'s', 's'}, 2);        /* ß */
    assert_fold(0xFB03, (const int32_t[]){'f', 'f', 'i'}, 3); /* ﬃ */
    assert_fold(0x301, NULL, 0);                              /* combining acute */
    assert_fold(0x2019, (const int32_t[]){0x2019}, 1);
    /* TEXT_FOLD_MAX holds every code point's fold; only marks vanish. */
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        int32_t out[TEXT_FOLD_MAX];
        if (text_fold_cp(cp, out) == 0) {
            utf8proc_category_t c = utf8proc_category(cp);
            assert_true(c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
                        c == UTF8PROC_CATEGORY_ME);
        }
    }
}

/* text_hash is 32-bit FNV-1a: its published values, and only len bytes read. */
static void test_hash(void **state)
{
    (void)state;
    assert_int_equal(text_hash("", 0), 0x811c9dc5u);
    assert_int_equal(text_hash("a", 1), 0xe40c292cu);
    assert_int_equal(text_hash("foobar", 6), 0xbf9cf968u);
    assert_int_equal(text_hash("foobarXYZ", 6), 0xbf9cf968u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_detect_encoding),
        cmocka_unit_test(test_decode_cp1252),
        cmocka_unit_test(test_decode_utf16),
        cmocka_unit_test(test_decode_utf8_invalid),
        cmocka_unit_test(test_looks_binary),
        cmocka_unit_test(test_ligatures),
        cmocka_unit_test(test_hyphenation),
        cmocka_unit_test(test_whitespace_and_paragraphs),
        cmocka_unit_test(test_controls_removed),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_parts),
        cmocka_unit_test(test_dotless_accented),
        cmocka_unit_test(test_upper_line),
        cmocka_unit_test(test_all_capitals),
        cmocka_unit_test(test_shouted),
        cmocka_unit_test(test_title_from_lines),
        cmocka_unit_test(test_split_point),
        cmocka_unit_test(test_cp_at),
        cmocka_unit_test(test_fold_cp),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
