/* extract_text: plain-text documents (meeting minutes, notes, Markdown).
 * Decodes UTF-8 / UTF-16 / Windows-1252 (text.h), finds the title in the
 * first lines, the date in datelines, and section headings (« 2. LETTRE
 * AU PRESIDENT… », « a) … », uppercase lines, Markdown '#'), which also cut
 * the text into chunks. A form feed is a page break: it ends a chunk, but
 * chunks keep page 0 since the contract gives pages to PDFs only. */
#include "extract_formats.h"

#include "buf.h"
#include "datefind.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A formatted manual page (`man foo | col -b`: first line « FOO(1) … FOO(1) »,
 * a NOM/NAME section) takes its title from the NOM paragraph; its section
 * names (column 0) are its headings, its running header and footer are not. */

#define HEADING_MAX 200  /* a longer line is running text, not a heading */
#define TITLE_SCAN 65536 /* the title is looked for in the text's first bytes */

typedef struct {
    const char *s;
    size_t len;
} span;

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static span trim(const char *s, size_t len)
{
    while (len && is_space(*s)) {
        s++;
        len--;
    }
    while (len && is_space(s[len - 1]))
        len--;
    return (span){s, len};
}

static int is_blank(span l)
{
    return l.len == 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a Markdown heading marker ("## "), or 0. */
static size_t markdown_marker(span l)
{
    size_t n = 0;
    while (n < l.len && l.s[n] == '#')
        n++;
    if (n == 0 || n > 6 || n >= l.len || !is_space(l.s[n]))
        return 0;
    return n + 1;
}

/* « 1. », « 12) », « IV. », « a) »: returns the kind (1 numbered, 2
 * lettered) or 0. */
static int numbering(span l)
{
    size_t n = 0;
    while (n < l.len && n < 3 && is_digit(l.s[n]))
        n++;
    if (n >= 1 && n <= 2 && n < l.len && (l.s[n] == '.' || l.s[n] == ')'))
        return (n + 1 < l.len && l.s[n + 1] != '.' && !is_digit(l.s[n + 1])) ? 1 : 0;
    n = 0;
    while (n < l.len && n < 5 && strchr("IVX", l.s[n]))
        n++;
    if (n >= 1 && n <= 4 && n + 1 < l.len && l.s[n] == '.' && l.s[n + 1] == ' ')
        return 1;
    if (l.len >= 3 && l.s[0] >= 'a' && l.s[0] <= 'z' && l.s[1] == ')')
        return 2;
    return 0;
}

static size_t count_words(span l)
{
    size_t words = 0;
    for (size_t i = 0; i < l.len; i++)
        if (l.s[i] != ' ' && (i == 0 || l.s[i - 1] == ' '))
            words++;
    return words;
}

/* The heading text of line l (without Markdown marks), or an empty span. */
static span heading_of(span l, int prev_blank, int next_blank)
{
    span none = {l.s, 0};
    if (l.len == 0 || l.len > HEADING_MAX)
        return none;
    size_t md = markdown_marker(l);
    if (md) {
        span h = trim(l.s + md, l.len - md);
        while (h.len && h.s[h.len - 1] == '#')
            h.len--;
        return trim(h.s, h.len);
    }
    char last = l.s[l.len - 1];
    switch (numbering(l)) {
    case 1:
        if (text_is_upper_line(l.s, l.len) ||
            (prev_blank && next_blank && last != ',' && last != ';'))
            return l;
        return none;
    case 2:
        return prev_blank ? l : none;
    default:
        return (prev_blank && count_words(l) >= 2 && text_is_upper_line(l.s, l.len)) ? l : none;
    }
}

/* Line i of the text ending at each '\n' (CR already normalised). */
static span line_at(const char *s, size_t len, size_t *pos)
{
    const char *nl = memchr(s + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - s) : len;
    span l = {s + *pos, end - *pos};
    *pos = nl ? end + 1 : len;
    return l;
}

/* The first whitespace-separated token of l (l trimmed). */
static span first_token(span l)
{
    size_t n = 0;
    while (n < l.len && !is_space(l.s[n]))
        n++;
    return (span){l.s, n};
}

/* The last whitespace-separated token of l (l trimmed). */
static span last_token(span l)
{
    size_t n = 0;
    while (n < l.len && !is_space(l.s[l.len - 1 - n]))
        n++;
    return (span){l.s + l.len - n, n};
}

static int span_eq(span a, span b)
{
    return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

/* « NAME(section) »: a name without parentheses, a section of 1 to 10
 * letters or digits. */
static int is_man_ref(span t)
{
    const char *open = memchr(t.s, '(', t.len);
    if (!open || open == t.s || t.s[t.len - 1] != ')')
        return 0;
    size_t sec = t.len - (size_t)(open - t.s) - 2;
    if (sec < 1 || sec > 10)
        return 0;
    for (const char *c = open + 1; c < t.s + t.len - 1; c++)
        if (!is_digit(*c) && !((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
            return 0;
    return 1;
}

/* What the extractor needs to know of a formatted manual page. */
typedef struct {
    span ref;       /* « ID(1) », the running header's token */
    size_t name_at; /* offset of the line after « NOM »/« NAME » */
    size_t last_at; /* offset of the last non-blank line */
} man_page;

/* 1 when t is a formatted manual page: its first non-blank line is a
 * running header (the same NAME(section) token at both ends, two tokens at
 * least) and a line « NOM » or « NAME » starts at column 0. */
static int man_page_find(const char *t, size_t len, man_page *m)
{
    size_t pos = 0;
    span l = {t, 0};
    while (pos < len && !l.len) {
        span raw = line_at(t, len, &pos);
        l = trim(raw.s, raw.len);
    }
    span a = first_token(l), z = last_token(l);
    if (!l.len || a.len == l.len || !span_eq(a, z) || !is_man_ref(a))
        return 0;
    m->ref = a;
    m->name_at = 0;
    m->last_at = 0;
    while (pos < len) {
        size_t at = pos;
        span raw = line_at(t, len, &pos);
        span tl = trim(raw.s, raw.len);
        if (!tl.len)
            continue;
        m->last_at = at;
        if (!m->name_at && raw.s == tl.s &&
            (span_eq(tl, (span){"NOM", 3}) || span_eq(tl, (span){"NAME", 4})))
            m->name_at = pos;
    }
    return m->name_at != 0;
}

/* A manual page's heading: a section name at column 0, unless the line is
 * the running header or footer (ending with the header's token, or the
 * last line « Linux … Linux » of mdoc pages). */
static span man_heading(const man_page *m, span raw, span l, size_t at)
{
    span none = {l.s, 0};
    if (!l.len || raw.s != l.s || l.len > HEADING_MAX || span_eq(last_token(l), m->ref))
        return none;
    if (at == m->last_at && first_token(l).len < l.len && span_eq(first_token(l), last_token(l)))
        return none;
    return l;
}

/* The title of a manual page: the NOM section's first paragraph, its lines
 * joined; NULL when it has fewer than 3 letters. */
static char *man_title(const char *t, size_t len, const man_page *m)
{
    size_t pos = m->name_at, start = 0, end = 0;
    while (pos < len) {
        span raw = line_at(t, len, &pos);
        span l = trim(raw.s, raw.len);
        if (l.len && raw.s == l.s)
            break; /* the next section */
        if (!l.len) {
            if (end)
                break;
            continue;
        }
        if (!end)
            start = (size_t)(l.s - t);
        end = (size_t)(l.s + l.len - t);
    }
    if (!end)
        return NULL;
    char *line = text_normalize(t + start, end - start, TEXT_ONE_LINE);
    char *title = text_title_from_lines(line, strlen(line));
    free(line);
    return title;
}

typedef struct {
    extract_doc *doc;
    buf section;   /* raw text of the current section */
    char *heading; /* normalised heading of the current section */
    buf headings;  /* all headings, "\n"-separated */
} builder;

static void flush(builder *b)
{
    if (!b->section.len)
        return;
    char *norm = text_normalize(b->section.data, b->section.len, TEXT_PARAGRAPHS);
    extract_doc_add_text(b->doc, 0, b->heading, norm, EXTRACT_CHUNK_TARGET);
    free(norm);
    buf_clear(&b->section);
}

static void start_section(builder *b, span h)
{
    flush(b);
    free(b->heading);
    b->heading = text_normalize(h.s, h.len, TEXT_ONE_LINE);
    if (!b->heading[0]) {
        free(b->heading);
        b->heading = NULL;
        return;
    }
    if (b->headings.len)
        buf_putc(&b->headings, '\n');
    buf_puts(&b->headings, b->heading);
}

static int starts_with_ci(span l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l.len >= n && strncasecmp(l.s, prefix, n) == 0;
}

/* Where the title starts: at the first line, unless that line is the
 * letterhead of the collective or an association and a « Compte rendu… »
 * line follows it (at most one blank line between): then at that line. */
static size_t title_start(const char *s, size_t len)
{
    size_t pos = 0, first_at = 0;
    span first = {s, 0};
    int blanks = 0;
    while (pos < len) {
        size_t at = pos;
        span raw = line_at(s, len, &pos);
        span l = trim(raw.s, raw.len);
        if (!l.len) {
            if (first.len && ++blanks > 1)
                break;
            continue;
        }
        if (!first.len) {
            first = l;
            first_at = at;
            if (!starts_with_ci(l, "collectif") && !starts_with_ci(l, "association"))
                break;
            continue;
        }
        if (starts_with_ci(l, "compte rendu") || starts_with_ci(l, "compte-rendu"))
            return at;
        break;
    }
    return first_at;
}

#define DATE_HEAD 16384 /* datefind looks at the opening lines… */
#define DATE_TAIL 4096  /* …and at the last ones (a signature) */

/* The document's date from its lines; a long text is normalised and
 * searched in its first and last few kilobytes only. */
static datefind_strength find_date(const char *t, size_t len, char out[11])
{
    size_t head = len, tail = len;
    if (len > DATE_HEAD + DATE_TAIL) {
        head = DATE_HEAD;
        while (head > 0 && t[head - 1] != '\n')
            head--;
        tail = len - DATE_TAIL;
        while (tail < len && t[tail - 1] != '\n')
            tail++;
    }
    buf b = BUF_INIT;
    char *part = text_normalize(t, head, TEXT_LINES);
    buf_puts(&b, part);
    free(part);
    if (tail < len) {
        part = text_normalize(t + tail, len - tail, TEXT_LINES);
        buf_putc(&b, '\n');
        buf_puts(&b, part);
        free(part);
    }
    datefind_strength st = datefind_document(b.data ? b.data : "", b.len, out);
    buf_free(&b);
    return st;
}

/* Copy of s with CRLF and CR turned into LF. */
static char *unify_newlines(const char *s, size_t len, size_t *out_len)
{
    buf b = BUF_INIT;
    buf_reserve(&b, len);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r') {
            buf_putc(&b, '\n');
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else {
            buf_putc(&b, s[i]);
        }
    }
    *out_len = b.len;
    return buf_detach(&b);
}

int extract_text(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    text_encoding enc = text_detect_encoding(data, len);
    if (enc != TEXT_ENC_UTF16LE && enc != TEXT_ENC_UTF16BE && text_looks_binary(data, len)) {
        snprintf(err, errlen, "binary content, not text");
        return EXTRACT_EFORMAT;
    }
    size_t dlen, tlen;
    char *decoded = text_decode(data, len, enc, &dlen);
    char *t = unify_newlines(decoded, dlen, &tlen);
    free(decoded);

    builder b = {doc, BUF_INIT, NULL, BUF_INIT};
    buf plain = BUF_INIT; /* the opening text without Markdown heading marks, for the title */
    man_page man;
    int is_man = man_page_find(t, tlen, &man);
    size_t pos = 0;
    span prev = {t, 0};
    int first = 1;
    while (pos < tlen) {
        size_t at = pos;
        span raw = line_at(t, tlen, &pos);
        /* Form feeds end a page: flush before the line that follows one. */
        while (raw.len && raw.s[0] == '\f') {
            flush(&b);
            raw.s++;
            raw.len--;
        }
        const char *ff = memchr(raw.s, '\f', raw.len);
        span l = trim(raw.s, ff ? (size_t)(ff - raw.s) : raw.len);
        span next = {t, 0};
        if (pos < tlen) {
            size_t p2 = pos;
            span nl = line_at(t, tlen, &p2);
            next = trim(nl.s, nl.len);
        }
        span h = is_man ? man_heading(&man, raw, l, at)
                        : heading_of(l, first || is_blank(prev), pos >= tlen || is_blank(next));
        if (h.len)
            start_section(&b, h);
        if (plain.len < TITLE_SCAN) {
            size_t md = markdown_marker(l);
            buf_append(&plain, l.s + md, l.len - md);
            buf_putc(&plain, '\n');
        }
        buf_append(&b.section, l.s, l.len);
        buf_putc(&b.section, '\n');
        if (ff) {
            /* Text after a form feed inside a line starts the next page. */
            flush(&b);
            span rest = trim(ff + 1, raw.len - (size_t)(ff + 1 - raw.s));
            for (size_t k = 0; k < rest.len; k++)
                if (rest.s[k] != '\f')
                    buf_putc(&b.section, rest.s[k]);
            if (rest.len)
                buf_putc(&b.section, '\n');
        }
        prev = l;
        if (l.len)
            first = 0;
    }
    flush(&b);

    if (is_man)
        doc->title = man_title(t, tlen, &man);
    if (!doc->title) {
        const char *opening = plain.data ? plain.data : "";
        size_t title_at = title_start(opening, plain.len);
        doc->title = text_title_from_lines(opening + title_at, plain.len - title_at);
    }
    if (b.headings.len)
        doc->headings = buf_detach(&b.headings);
    char date[11];
    if (find_date(t, tlen, date) != DATEFIND_NONE)
        doc->date = strdup(date);

    buf_free(&plain);
    buf_free(&b.section);
    buf_free(&b.headings);
    free(b.heading);
    free(t);
    return EXTRACT_OK;
}
