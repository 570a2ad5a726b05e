/* text: encoding detection/decoding and the normalisation of extracted text.
 * See text.h. Unicode classification and NFC come from utf8proc; the
 * Windows-1252 table is here because iconv rejects its five undefined bytes
 * while browsers (and Repère) map them to C1 controls, dropped later. */
#include "text.h"

#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define REPLACEMENT 0xFFFD

/* The 8 bytes at s as one word (any alignment). */
static uint64_t text_word8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

#define TEXT_BYTES_01 UINT64_C(0x0101010101010101)
#define TEXT_BYTES_80 UINT64_C(0x8080808080808080)

int text_is_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* Mostly ASCII: eight bytes at a time while none has its top bit. */
        while (i + 8 <= len && !(text_word8(s + i) & TEXT_BYTES_80))
            i += 8;
        if (i >= len)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

/* UTF-16 without a BOM: in the first bytes, nearly every code unit is a
 * Latin letter, punctuation or line break, and most have a zero high byte
 * (ASCII). Text in one-byte encodings fails both tests. */
static int looks_utf16(const unsigned char *u, size_t len, int be)
{
    size_t n = (len < 8192 ? len : 8192) & ~(size_t)1;
    if (n < 8)
        return 0;
    size_t implausible = 0, other = 0, units = n / 2;
    for (size_t i = 0; i < n; i += 2) {
        unsigned hi = be ? u[i] : u[i + 1], lo = be ? u[i + 1] : u[i];
        unsigned w = hi << 8 | lo;
        if (!((w >= 0x20 && w < 0x250) || w == '\n' || w == '\r' || w == '\t' ||
              (w >= 0x2000 && w < 0x2070)))
            implausible++;
        if (!(hi == 0 && lo >= 0x20 && lo < 0x7F))
            other++;
        /* Either test already lost (one-byte text loses in a few units). */
        if (implausible * 100 > units * 5 || other * 2 > units)
            return 0;
    }
    return 1;
}

text_encoding text_detect_encoding(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return TEXT_ENC_UTF8_BOM;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return TEXT_ENC_UTF16LE;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return TEXT_ENC_UTF16BE;
    if (looks_utf16(u, len, 0))
        return TEXT_ENC_UTF16LE;
    if (looks_utf16(u, len, 1))
        return TEXT_ENC_UTF16BE;
    return text_is_utf8(s, len) ? TEXT_ENC_UTF8 : TEXT_ENC_CP1252;
}

static void put_cp(buf *b, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    if (cp >= 0 && cp < 0x80) {
        buf_putc(b, (char)cp);
        return;
    }
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    if (n <= 0)
        n = utf8proc_encode_char(REPLACEMENT, tmp);
    buf_append(b, tmp, (size_t)n);
}

size_t text_cp_at(const char *s, size_t len, size_t i, int32_t *cp)
{
    *cp = -1;
    if (i >= len)
        return 0;
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), cp);
    return n > 0 ? (size_t)n : 0;
}

size_t text_utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

uint32_t text_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

size_t text_fold_cp(int32_t cp, int32_t out[TEXT_FOLD_MAX])
{
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, out, TEXT_FOLD_MAX, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, NULL);
    return n > 0 && n <= TEXT_FOLD_MAX ? (size_t)n : 0;
}

/* Next code point of possibly invalid UTF-8 at s[*i]; an invalid byte
 * yields U+FFFD and is skipped alone. */
static int32_t next_cp(const char *s, size_t len, size_t *i)
{
    int32_t cp;
    size_t n = text_cp_at(s, len, *i, &cp);
    *i += n ? n : 1;
    return n ? cp : REPLACEMENT;
}

/* Windows-1252 bytes 0x80..0x9F; the undefined ones map to the C1 control
 * of the same value. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

char *text_decode(const char *s, size_t len, text_encoding enc, size_t *out_len)
{
    buf b = BUF_INIT;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    switch (enc) {
    case TEXT_ENC_UTF8:
    case TEXT_ENC_UTF8_BOM:
        if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
            i = 3;
        buf_reserve(&b, len - i);
        while (i < len) {
            if (u[i] < 0x80) { /* a run of ASCII, as it is */
                size_t end = i + 1;
                while (end < len && u[end] < 0x80)
                    end++;
                buf_append(&b, s + i, end - i);
                i = end;
                continue;
            }
            size_t start = i;
            int32_t cp = next_cp(s, len, &i);
            if (cp == REPLACEMENT && i == start + 1 && u[start] >= 0x80)
                put_cp(&b, REPLACEMENT);
            else if (i == start + 1)
                buf_putc(&b, s[start]);
            else
                buf_append(&b, s + start, i - start);
        }
        break;
    case TEXT_ENC_UTF16LE:
    case TEXT_ENC_UTF16BE: {
        int be = enc == TEXT_ENC_UTF16BE;
        if (len >= 2 &&
            ((be && u[0] == 0xFE && u[1] == 0xFF) || (!be && u[0] == 0xFF && u[1] == 0xFE)))
            i = 2;
        buf_reserve(&b, len);
        while (i + 1 < len) {
            uint32_t w = be ? (uint32_t)(u[i] << 8 | u[i + 1]) : (uint32_t)(u[i + 1] << 8 | u[i]);
            i += 2;
            if (w >= 0xD800 && w < 0xDC00 && i + 1 < len) {
                uint32_t w2 =
                    be ? (uint32_t)(u[i] << 8 | u[i + 1]) : (uint32_t)(u[i + 1] << 8 | u[i]);
                if (w2 >= 0xDC00 && w2 < 0xE000) {
                    i += 2;
                    put_cp(&b, (int32_t)(0x10000 + ((w - 0xD800) << 10) + (w2 - 0xDC00)));
                    continue;
                }
            }
            put_cp(&b, (w >= 0xD800 && w < 0xE000) ? REPLACEMENT : (int32_t)w);
        }
        if (i < len)
            put_cp(&b, REPLACEMENT);
        break;
    }
    case TEXT_ENC_CP1252:
        buf_reserve(&b, len + len / 2);
        for (; i < len; i++) {
            if (u[i] < 0x80)
                buf_putc(&b, (char)u[i]);
            else if (u[i] < 0xA0)
                put_cp(&b, cp1252_high[u[i] - 0x80]);
            else
                put_cp(&b, u[i]);
        }
        break;
    }
    if (out_len)
        *out_len = b.len;
    return buf_detach(&b);
}

/* Whether one of the 8 bytes of w is below 0x20 or is 0x7F (DEL): exact
 * for "any", though not for which ("Bit Twiddling Hacks": hasless, haszero). */
static int text_word8_has_control(uint64_t w)
{
    uint64_t del = w ^ (TEXT_BYTES_01 * 0x7F);
    return ((((w - TEXT_BYTES_01 * 0x20) & ~w) | ((del - TEXT_BYTES_01) & ~del)) & TEXT_BYTES_80) !=
           0;
}

int text_looks_binary(const char *s, size_t len)
{
    if (memchr(s, 0, len))
        return 1;
    size_t ctrl = 0;
    for (size_t i = 0; i < len;) {
        /* Text has few control bytes: skip eight at a time those without. */
        if (i + 8 <= len && !text_word8_has_control(text_word8(s + i))) {
            i += 8;
            continue;
        }
        size_t end = i + 8 <= len ? i + 8 : len;
        for (; i < end; i++) {
            unsigned char c = (unsigned char)s[i];
            ctrl += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
        }
    }
    return ctrl > 2 && ctrl * 50 > len;
}

/* Classes of input code points for text_normalize. */
enum { K_CHAR, K_SPACE, K_NEWLINE, K_PARA, K_DROP, K_HYPHEN, K_SOFT_HYPHEN };

static int classify(int32_t cp)
{
    switch (cp) {
    case '\n':
    case '\v':
    case 0x85:
    case 0x2028:
        return K_NEWLINE;
    case '\f':
    case 0x2029:
        return K_PARA;
    case ' ':
    case '\t':
        return K_SPACE;
    case '-':
    case 0x2010:
        return K_HYPHEN;
    case 0xAD:
        return K_SOFT_HYPHEN;
    default:
        break;
    }
    if (cp < 0x80)
        return (cp < 0x20 || cp == 0x7F) ? K_DROP : K_CHAR;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CO: /* private-use glyphs of PDF fonts: bullets and such */
        return K_SPACE;
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
        return K_DROP;
    default:
        return K_CHAR;
    }
}

static const char *ligature(int32_t cp)
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    return (cp >= 0xFB00 && cp <= 0xFB06) ? lig[cp - 0xFB00] : NULL;
}

static int is_lower(int32_t cp)
{
    if (ligature(cp))
        return 1;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_alnum(int32_t cp)
{
    if (ligature(cp))
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_ND;
}

static int is_mark(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* After a hyphen at s[i]: when only spaces, exactly one line break and
 * spaces follow before a letter or digit, returns that character and sets
 * *next to its offset; else returns 0. */
static int32_t after_line_break(const char *s, size_t len, size_t i, size_t *next)
{
    int breaks = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = next_cp(s, len, &i);
        if (cp == '\r') {
            if (i < len && s[i] == '\n')
                i++;
            breaks++;
            continue;
        }
        int k = classify(cp);
        if (k == K_NEWLINE) {
            breaks++;
        } else if (k == K_PARA) {
            return 0;
        } else if (k != K_SPACE && k != K_DROP) {
            if (breaks != 1 || !is_alnum(cp))
                return 0;
            *next = at;
            return cp;
        }
        if (breaks > 1)
            return 0;
    }
    return 0;
}

/* Code points that NFC leaves alone whatever surrounds them: below the
 * combining diacritics, general punctuation and currency signs. Text made
 * only of these (most French text) skips utf8proc's NFC, the costly step;
 * other text gives it only the parts around the others (text_nfc_parts). */
static int nfc_stable(int32_t cp)
{
    return cp < 0x300 || (cp >= 0x2000 && cp < 0x20D0) || cp == REPLACEMENT;
}

/* The start of the code point that ends s[0..end) (0 when end is 0). */
static size_t last_cp_start(const char *s, size_t end)
{
    if (end == 0)
        return 0;
    end--;
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    return end;
}

/* s[0..len) (valid UTF-8, no NUL) in NFC, as a new string the caller
 * frees. NFC cannot join or reorder across an nfc_stable code point (none
 * is a combining mark or the second of a composition), so only the parts
 * around the others are given to utf8proc: from the code point before one
 * (its possible base) to the next nfc_stable one. A page with one
 * combining accent no longer has its whole text decomposed and composed
 * again. */
static char *text_nfc_parts(const char *s, size_t len)
{
    buf out = BUF_INIT;
    buf_reserve(&out, len);
    size_t done = 0, i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t at = i, n = text_cp_at(s, len, i, &cp);
        i += n ? n : 1;
        if (nfc_stable(cp))
            continue;
        size_t from = last_cp_start(s, at);
        if (from < done)
            from = done;
        while (i < len && (n = text_cp_at(s, len, i, &cp)) > 0 && !nfc_stable(cp))
            i += n;
        buf_append(&out, s + done, from - done);
        utf8proc_uint8_t *part = NULL;
        utf8proc_ssize_t m =
            utf8proc_map((const utf8proc_uint8_t *)s + from, (utf8proc_ssize_t)(i - from), &part,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m >= 0)
            buf_append(&out, part, (size_t)m);
        else
            buf_append(&out, s + from, i - from);
        free(part);
        done = i;
    }
    buf_append(&out, s + done, len - done);
    return buf_detach(&out);
}

/* The whitespace seen since the last character written, before the next
 * one: one space, or a line break where it ends a line (TEXT_LINES) or a
 * paragraph; nothing at the start. */
static void put_pending_space(buf *out, int spaces, int breaks, int flags)
{
    if (out->len && (spaces || breaks)) {
        int para = (flags == TEXT_LINES) ? breaks >= 1 : breaks >= 2;
        buf_putc(out, (para && flags != TEXT_ONE_LINE) ? '\n' : ' ');
    }
}

char *text_normalize(const char *s, size_t len, int flags)
{
    buf out = BUF_INIT;
    buf_reserve(&out, len);
    int32_t last = 0; /* last base character written, 0 at the start */
    int spaces = 0;   /* pending whitespace: spaces seen */
    int breaks = 0;   /* pending whitespace: line breaks seen (a paragraph counts 2) */
    int needs_nfc = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c < 0x7F && c != '-') {
            /* A run of printable ASCII but the hyphen: each character is
             * written as it is and becomes the last base character, so the
             * run goes whole, after the pending whitespace. */
            size_t end = i + 1;
            while (end < len && (unsigned char)s[end] > ' ' && (unsigned char)s[end] < 0x7F &&
                   s[end] != '-')
                end++;
            put_pending_space(&out, spaces, breaks, flags);
            spaces = breaks = 0;
            buf_append(&out, s + i, end - i);
            last = (unsigned char)s[end - 1];
            i = end;
            continue;
        }
        /* Spaces and line breaks between the runs, without decoding. */
        if (c == ' ' || c == '\t') {
            spaces++;
            i++;
            continue;
        }
        if (c == '\n') {
            breaks++;
            i++;
            continue;
        }
        int32_t cp = next_cp(s, len, &i);
        if (cp == '\r') {
            if (i < len && s[i] == '\n')
                i++;
            cp = '\n';
        }
        int k = classify(cp);
        if (k == K_SPACE) {
            spaces++;
            continue;
        }
        if (k == K_NEWLINE || k == K_PARA) {
            breaks += k == K_PARA ? 2 : 1;
            continue;
        }
        if (k == K_DROP)
            continue;
        if ((k == K_HYPHEN || k == K_SOFT_HYPHEN) && !spaces && !breaks && last && is_alnum(last)) {
            size_t next;
            int32_t c = after_line_break(s, len, i, &next);
            if (c) {
                if (k == K_HYPHEN && !(is_lower(last) && is_lower(c)))
                    buf_putc(&out, '-');
                i = next;
                continue;
            }
        }
        if (k == K_SOFT_HYPHEN)
            continue;
        put_pending_space(&out, spaces, breaks, flags);
        spaces = breaks = 0;
        /* TeX sets « î », « ï » as a dotless i under an accent, and PDFs
         * of it give U+0131 and a combining mark, which NFC leaves apart:
         * « boı̂te » matched no « boîte ». Under a combining diacritic the
         * dotless i and j are the letters i and j, which NFC then
         * composes with it. */
        if ((cp == 0x131 || cp == 0x237) && i < len) {
            size_t at = i;
            int32_t mark = next_cp(s, len, &at);
            if (mark >= 0x300 && mark < 0x370)
                cp = cp == 0x131 ? 'i' : 'j';
        }
        const char *lig = ligature(cp);
        if (lig) {
            buf_puts(&out, lig);
            last = 't';
            continue;
        }
        put_cp(&out, cp);
        if (!is_mark(cp))
            last = cp;
        if (!nfc_stable(cp))
            needs_nfc = 1;
    }
    if (!needs_nfc)
        return buf_detach(&out);
    char *nfc = text_nfc_parts(out.data, out.len);
    buf_free(&out);
    return nfc;
}

/* Unicode category, with a fast path for ASCII. */
static utf8proc_category_t category(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return UTF8PROC_CATEGORY_LL;
        if (cp >= 'A' && cp <= 'Z')
            return UTF8PROC_CATEGORY_LU;
        return UTF8PROC_CATEGORY_PO; /* not a letter: all that callers ask */
    }
    return utf8proc_category(cp);
}

int text_all_capitals(const char *s, size_t len)
{
    size_t letters = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (m <= 0 || utf8proc_islower(c))
            return 0;
        letters += utf8proc_isupper(c) != 0;
        i += (size_t)m;
    }
    return letters >= 2;
}

int text_shouted(const char *s, size_t len)
{
    size_t words = 0, run = 0;
    for (size_t i = 0; i <= len;) {
        utf8proc_int32_t c = 0;
        utf8proc_ssize_t m = 1;
        if (i < len) {
            m = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
            if (m <= 0 || utf8proc_islower(c))
                return 0;
        }
        if (i < len && utf8proc_isupper(c))
            run++;
        else {
            words += run >= 2;
            run = 0;
        }
        i += (size_t)m;
    }
    return words >= 2;
}

int text_is_upper_line(const char *s, size_t len)
{
    size_t letters = 0, lower = 0, i = 0;
    while (i < len) {
        int32_t cp = next_cp(s, len, &i);
        utf8proc_category_t c = category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            letters++;
        if (c == UTF8PROC_CATEGORY_LL)
            lower++;
    }
    return letters >= 3 && lower * 8 <= letters;
}

static size_t count_letters(const char *s, size_t len)
{
    size_t letters = 0, i = 0;
    while (i < len) {
        utf8proc_category_t c = category(next_cp(s, len, &i));
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            letters++;
    }
    return letters;
}

/* Whether next continues prev, a title broken over lines: prev does not end
 * a sentence and next starts with a lowercase letter. */
static int continues_line(const char *prev, size_t prev_len, const char *next, size_t next_len)
{
    while (prev_len && (prev[prev_len - 1] == ' ' || prev[prev_len - 1] == '\t'))
        prev_len--;
    while (next_len && (*next == ' ' || *next == '\t')) {
        next++;
        next_len--;
    }
    if (!prev_len || !next_len || strchr(".!?", prev[prev_len - 1]))
        return 0;
    size_t i = 0;
    return utf8proc_category(next_cp(next, next_len, &i)) == UTF8PROC_CATEGORY_LL;
}

#define TITLE_MAX 200
#define TITLE_MAX_LINES 4

char *text_title_from_lines(const char *s, size_t len)
{
    buf raw = BUF_INIT;
    int taken = 0, upper = 0;
    size_t pos = 0;
    while (pos < len && taken < TITLE_MAX_LINES) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        const char *line = s + pos;
        size_t line_len = end - pos;
        pos = nl ? end + 1 : len;
        size_t letters = count_letters(line, line_len);
        if (!taken) {
            if (letters < 3)
                continue;
            upper = text_is_upper_line(line, line_len);
        } else if (upper ? letters < 3 || !text_is_upper_line(line, line_len)
                         : !continues_line(raw.data, raw.len, line, line_len)) {
            break;
        }
        if (taken)
            buf_putc(&raw, '\n');
        buf_append(&raw, line, line_len);
        taken++;
    }
    if (!taken) {
        buf_free(&raw);
        return NULL;
    }
    char *title = text_normalize(raw.data, raw.len, TEXT_ONE_LINE);
    buf_free(&raw);
    size_t tlen = strlen(title);
    if (tlen > TITLE_MAX) {
        size_t cut = TITLE_MAX;
        while (cut > TITLE_MAX / 2 && title[cut] != ' ')
            cut--;
        if (title[cut] != ' ')
            for (cut = TITLE_MAX; cut > 0 && ((unsigned char)title[cut] & 0xC0) == 0x80; cut--)
                ;
        while (cut > 0 && title[cut - 1] == ' ')
            cut--;
        buf b = BUF_INIT;
        buf_append(&b, title, cut);
        buf_puts(&b, "\xE2\x80\xA6");
        free(title);
        title = buf_detach(&b);
    }
    return title;
}

size_t text_split_point(const char *s, size_t len, size_t target)
{
    if (target == 0)
        target = 1;
    if (len <= target + target / 2)
        return len;
    size_t lo = target / 2, hi = target + target / 2;
    size_t best = 0, best_dist = (size_t)-1;
    for (size_t i = lo; i < hi; i++) {
        if (s[i] != '\n')
            continue;
        size_t d = i > target ? i - target : target - i;
        if (d < best_dist) {
            best = i + 1;
            best_dist = d;
        }
    }
    if (best)
        return best;
    for (size_t i = target; i > lo; i--) {
        if (s[i] == ' ' && (s[i - 1] == '.' || s[i - 1] == '?' || s[i - 1] == '!'))
            return i + 1;
    }
    for (size_t i = target; i > lo; i--) {
        if (s[i] == ' ')
            return i + 1;
    }
    size_t cut = target;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    /* A target inside the first character: cut after that character. */
    if (cut == 0) {
        cut = target;
        while (cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut++;
    }
    return cut;
}
