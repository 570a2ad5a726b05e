/* text: byte-level text handling shared by the extractors: encoding
 * detection and decoding to UTF-8 (UTF-8, UTF-16 with BOM, Windows-1252),
 * binary-junk detection, the one normalisation every extracted string
 * goes through (NFC, ligatures, hyphenation, controls, whitespace), and the
 * one code point fold (lowercase, unaccented) of titles, dates and queries.
 * No format knowledge (PDF/HTML/minutes) lives here. */
#ifndef REPERE_TEXT_H
#define REPERE_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TEXT_ENC_UTF8 = 0,
    TEXT_ENC_UTF8_BOM,
    TEXT_ENC_UTF16LE, /* with BOM, or recognised without */
    TEXT_ENC_UTF16BE,
    TEXT_ENC_CP1252, /* also used for ISO-8859-1, as browsers do */
} text_encoding;

/* Whether byte b is an ASCII letter or digit: a code point of its own,
 * of the word class in the analyzer and the acronym finder, whose scans
 * take such runs a byte at a time. */
static inline int text_ascii_alnum(char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}

/* b in ASCII lower case (other bytes as they are): the scans that fold
 * ASCII themselves, without a call per byte. */
static inline char text_ascii_lower(char b)
{
    return b >= 'A' && b <= 'Z' ? (char)(b - 'A' + 'a') : b;
}

/* 1 when s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates).
 * The one UTF-8 check of the engine: spell and searchd call it too. */
int text_is_utf8(const char *s, size_t len);

/* The code point at s[i..len) into *cp: its length in bytes, or 0 at the
 * end or on invalid UTF-8 (then *cp is -1 and callers skip one byte). */
size_t text_cp_at(const char *s, size_t len, size_t i, int32_t *cp);

/* The characters (code points) of the UTF-8 s[0..n): its bytes that
 * are not continuation bytes. */
size_t text_utf8_chars(const char *s, size_t n);

/* FNV-1a of s[0..len): the one hash of the engine's small caches (the
 * analyzer's stems, rank's statistics, vocab's form sets, searchd's known
 * words). */
uint32_t text_hash(const char *s, size_t len);

/* Most code points text_fold_cp writes for one (3 in Unicode 15). */
#define TEXT_FOLD_MAX 4

/* cp lowercase and unaccented: utf8proc's case folding, canonical
 * decomposition and mark stripping (« É » → « e », « Œ » → « œ »,
 * « ß » → « ss », a combining mark → nothing). Writes the code points to
 * out and returns their number (0 for a mark). */
size_t text_fold_cp(int32_t cp, int32_t out[TEXT_FOLD_MAX]);

/* Encoding of raw file bytes: a BOM decides; else UTF-16 when the first
 * bytes are plainly Latin text in UTF-16 (every other byte zero); else
 * UTF-8 when the bytes are valid UTF-8; else Windows-1252. */
text_encoding text_detect_encoding(const char *s, size_t len);

/* Decodes raw bytes of the given encoding to UTF-8, dropping any BOM.
 * Invalid sequences become U+FFFD. Returns a NUL-terminated string the
 * caller frees; *out_len (may be NULL) receives its length. */
char *text_decode(const char *s, size_t len, text_encoding enc, size_t *out_len);

/* 1 when raw bytes look like binary junk rather than text: a NUL byte, or
 * more than 2% of control bytes other than tab, newline, CR, form feed.
 * Not meaningful for UTF-16 (test the BOM first). */
int text_looks_binary(const char *s, size_t len);

/* Flags for text_normalize. */
enum {
    TEXT_PARAGRAPHS = 0, /* a blank line separates paragraphs; one newline is a space */
    TEXT_LINES = 1,      /* every line break separates paragraphs */
    TEXT_ONE_LINE = 2,   /* no paragraphs: every line break is a space (titles) */
};

/* Normalises UTF-8 text (invalid bytes tolerated, replaced by U+FFFD):
 * ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ expanded; soft hyphens dropped; a lowercase
 * letter + '-' + line break + lowercase letter joined without the hyphen
 * (« proté-\ngés » → « protégés »), other hyphens at a line end kept and
 * the line joined (« 225-4-\n1 » → « 225-4-1 »); control and format
 * characters removed; CR/CRLF, form feed, Unicode spaces handled; runs of
 * spaces collapsed to one; paragraphs separated by exactly one "\n"; no
 * leading or trailing whitespace; NFC. Returns a NUL-terminated string the
 * caller frees (empty when nothing is left, never NULL). */
char *text_normalize(const char *s, size_t len, int flags);

/* 1 when the line has at least 3 letters and (almost) all of them are
 * uppercase: the shape of titles and section headings in minutes. */
int text_is_upper_line(const char *s, size_t len);

/* 1 when s[0..len) is a word typed in capitals, two letters or more
 * (« OQTF », « CNDA »: an acronym): no lowercase letter, valid UTF-8. */
int text_all_capitals(const char *s, size_t len);

/* 1 when s[0..len), a whole query, is typed in capitals throughout: no
 * lowercase letter and at least two words of two letters or more
 * (« COMPTE À REBOURS », « OQTF 18 ANS »). Its capitals then tell no
 * acronym from a word. */
int text_shouted(const char *s, size_t len);

/* A title from the first meaningful lines of plain text (lines separated
 * by "\n"): the first line with at least 3 letters; when it is all
 * uppercase, the following consecutive uppercase lines are joined to it;
 * otherwise the following lines that continue it (it does not end a
 * sentence, they start with a lowercase letter).
 * Returns a one-line normalised string of at most about 200 bytes (cut at
 * a word), or NULL when there is no such line. Caller frees. */
char *text_title_from_lines(const char *s, size_t len);

/* Byte offset at which to cut s[0..len) so that the first part is close
 * to target bytes: after a paragraph break when one is near, else after a
 * sentence end, else at a space, else at a UTF-8 character boundary.
 * Returns len when len <= target * 3 / 2. */
size_t text_split_point(const char *s, size_t len, size_t target);

#endif
