/* fuzz_text: arbitrary bytes through the text helpers every extractor uses
 * (lib/text.c: encoding detection and decoding, normalisation, titles,
 * chunk split points) and the French date finder (lib/datefind.c). */
#include "datefind.h"
#include "fuzz_doc.h"
#include "fuzz_util.h"
#include "text.h"

/* Checks their documented promises: decoded and normalised text is valid
 * UTF-8 (text_is_utf8 agreeing with utf8proc), normalised text has no
 * leading/trailing or doubled whitespace and no line break in one-line
 * mode, split points fall inside the text on a character boundary, and
 * found dates are real "YYYY-MM-DD" dates. */

static void t_check_normal(const char *s, int flags)
{
    size_t n = strlen(s);
    if (!fuzz_utf8_ok(s, n))
        fuzz_fail("text_normalize(flags %d) gave invalid UTF-8", flags);
    if (n && (s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\n'))
        fuzz_fail("text_normalize(flags %d) left whitespace at an end: \"%s\"", flags, s);
    if (strstr(s, "  ") || strstr(s, "\n\n") || strstr(s, " \n") || strstr(s, "\n "))
        fuzz_fail("text_normalize(flags %d) left doubled whitespace: \"%s\"", flags, s);
    if (flags == TEXT_ONE_LINE && strchr(s, '\n'))
        fuzz_fail("text_normalize(TEXT_ONE_LINE) left a line break: \"%s\"", s);
    if (!text_is_utf8(s, n))
        fuzz_fail("text_is_utf8 rejects normalised text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t target = 1 + data[0] * 16u;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;

    if (text_is_utf8(s, len) != fuzz_utf8_ok(s, len) && !memchr(s, '\0', len))
        fuzz_fail("text_is_utf8 says %d, utf8proc disagrees", text_is_utf8(s, len));
    (void)text_looks_binary(s, len);
    text_encoding enc = text_detect_encoding(s, len);
    size_t dlen = 0;
    char *dec = text_decode(s, len, enc, &dlen);
    if (!dec || strlen(dec) > dlen || !text_is_utf8(dec, dlen))
        fuzz_fail("text_decode(encoding %d) gave no or invalid UTF-8", (int)enc);
    for (text_encoding e = TEXT_ENC_UTF8; e <= TEXT_ENC_CP1252; e++) {
        size_t elen = 0;
        char *other = text_decode(s, len, e, &elen);
        if (!other || !text_is_utf8(other, elen))
            fuzz_fail("text_decode(encoding %d) gave no or invalid UTF-8", (int)e);
        free(other);
    }
    for (int flags = TEXT_PARAGRAPHS; flags <= TEXT_ONE_LINE; flags++) {
        char *norm = text_normalize(dec, dlen, flags);
        if (!norm)
            fuzz_fail("text_normalize returned NULL");
        t_check_normal(norm, flags);
        size_t nlen = strlen(norm);
        size_t cut = text_split_point(norm, nlen, target);
        if (cut > nlen || (cut < nlen && ((unsigned char)norm[cut] & 0xC0) == 0x80))
            fuzz_fail("text_split_point(%zu bytes, target %zu) = %zu: not a boundary", nlen,
                      target, cut);
        if (cut == 0 && nlen > 0)
            fuzz_fail("text_split_point cut nothing off %zu bytes", nlen);
        char *title = text_title_from_lines(norm, nlen);
        if (title) {
            if (!fuzz_utf8_ok(title, strlen(title)) || strchr(title, '\n'))
                fuzz_fail("text_title_from_lines gave a bad title: \"%s\"", title);
            if (strlen(title) > 260)
                fuzz_fail("text_title_from_lines gave %zu bytes", strlen(title));
        }
        free(title);
        (void)text_is_upper_line(norm, nlen);
        char date[11] = "untouched!";
        if (datefind_document(norm, nlen, date) != DATEFIND_NONE)
            fuzz_check_date(date);
        else if (strcmp(date, "untouched!") != 0)
            fuzz_fail("datefind_document wrote a date but found none");
        free(norm);
    }
    char date[11];
    if (datefind_parse(dec, dlen, date))
        fuzz_check_date(date);
    free(dec);
    return 0;
}
