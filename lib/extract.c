/* extract: format detection and dispatch (one table row per format: name,
 * extensions, sniffing of the first bytes, extractor) and the title
 * fallback from the file name. See extract.h. The formats themselves live
 * in extract_<format>.c, the document type in extract_doc.c. */
#include "extract.h"

#include "buf.h"
#include "extract_formats.h"
#include "links.h"
#include "text.h"
#include "title.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the first bytes of a file say of one format. */
typedef enum {
    SNIFF_NO = 0,
    SNIFF_UNNAMED, /* counts when the name says this format or nothing */
    SNIFF_SURE,    /* wins over the name */
} sniff_result;

typedef struct {
    extract_format format;
    const char *const *extensions; /* NULL-terminated, compared without case */
    sniff_result (*sniff)(const unsigned char *head, size_t len); /* or NULL */
    int (*extract)(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
} format_row;

#define SNIFF_SCAN 1024 /* bytes of the head a sniffer looks at */

/* A PDF header at the start (after blanks) wins over the name. Readers
 * also accept it later in the first 1024 bytes; that counts only for names
 * that say nothing else, since a page or a note may quote it. */
static sniff_result sniff_pdf(const unsigned char *head, size_t len)
{
    size_t scan = len < SNIFF_SCAN ? len : SNIFF_SCAN, start = 0;
    while (start < scan && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r' ||
                            head[start] == '\n'))
        start++;
    for (size_t i = start; i + 5 <= scan; i++)
        if (memcmp(head + i, "%PDF-", 5) == 0)
            return i == start ? SNIFF_SURE : SNIFF_UNNAMED;
    return SNIFF_NO;
}

/* The first entry of an OpenDocument or EPUB archive is "mimetype",
 * stored uncompressed: its content names the kind of document. */
static int zip_mimetype_is(const unsigned char *head, size_t len, const char *type)
{
    size_t tl = strlen(type);
    if (len < 30 || memcmp(head, "PK\x03\x04", 4) != 0)
        return 0;
    size_t name_len = head[26] | (size_t)head[27] << 8;
    size_t extra_len = head[28] | (size_t)head[29] << 8;
    size_t size =
        head[18] | (size_t)head[19] << 8 | (size_t)head[20] << 16 | (size_t)head[21] << 24;
    size_t at = 30 + name_len + extra_len;
    return name_len == 8 && len >= 38 && memcmp(head + 30, "mimetype", 8) == 0 && size == tl &&
           at + tl <= len && memcmp(head + at, type, tl) == 0;
}

static sniff_result sniff_odt(const unsigned char *head, size_t len)
{
    return zip_mimetype_is(head, len, "application/vnd.oasis.opendocument.text") ? SNIFF_SURE
                                                                                 : SNIFF_NO;
}

static sniff_result sniff_epub(const unsigned char *head, size_t len)
{
    return zip_mimetype_is(head, len, "application/epub+zip") ? SNIFF_SURE : SNIFF_NO;
}

/* Every RTF file starts with its group and the version word. */
static sniff_result sniff_rtf(const unsigned char *head, size_t len)
{
    return len >= 5 && memcmp(head, "{\\rtf", 5) == 0 ? SNIFF_SURE : SNIFF_NO;
}

static const char *const pdf_ext[] = {"pdf", NULL};
static const char *const html_ext[] = {"html", "htm", "xhtml", NULL};
static const char *const text_ext[] = {"txt", "md", "markdown", "text", NULL};
static const char *const docx_ext[] = {"docx", NULL};
static const char *const odt_ext[] = {"odt", NULL};
static const char *const epub_ext[] = {"epub", NULL};
static const char *const rtf_ext[] = {"rtf", NULL};

/* Sniffers are tried in this order. */
static const format_row formats[] = {
    {EXTRACT_FORMAT_PDF, pdf_ext, sniff_pdf, extract_pdf},
    {EXTRACT_FORMAT_HTML, html_ext, NULL, extract_html},
    {EXTRACT_FORMAT_TEXT, text_ext, NULL, extract_text},
    {EXTRACT_FORMAT_DOCX, docx_ext, NULL, extract_docx},
    {EXTRACT_FORMAT_ODT, odt_ext, sniff_odt, extract_odt},
    {EXTRACT_FORMAT_EPUB, epub_ext, sniff_epub, extract_epub},
    {EXTRACT_FORMAT_RTF, rtf_ext, sniff_rtf, extract_rtf},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

static const format_row *row_of(extract_format f)
{
    for (size_t i = 0; i < N_FORMATS; i++)
        if (formats[i].format == f)
            return &formats[i];
    return NULL;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return (dot && dot != base) ? dot + 1 : "";
}

extract_format extract_detect(const char *path, const unsigned char *head, size_t head_len)
{
    const char *ext = path ? extension(path) : "";
    extract_format by_name = EXTRACT_FORMAT_NONE;
    for (size_t i = 0; i < N_FORMATS && by_name == EXTRACT_FORMAT_NONE && *ext; i++)
        for (const char *const *e = formats[i].extensions; *e; e++)
            if (strcasecmp(ext, *e) == 0)
                by_name = formats[i].format;
    sniff_result said[N_FORMATS];
    for (size_t i = 0; i < N_FORMATS; i++) {
        said[i] = formats[i].sniff && head ? formats[i].sniff(head, head_len) : SNIFF_NO;
        if (said[i] == SNIFF_SURE)
            return formats[i].format;
    }
    for (size_t i = 0; i < N_FORMATS; i++)
        if (said[i] == SNIFF_UNNAMED &&
            (by_name == EXTRACT_FORMAT_NONE || by_name == formats[i].format))
            return formats[i].format;
    return by_name;
}

static int fail(char *err, size_t errlen, int code, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
    return code;
}

/* A title from the file name when the document has none: the base name
 * without extension, '-' and '_' read as spaces. */
static char *title_from_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_putc(&b, (base[i] == '_' || base[i] == '-') ? ' ' : base[i]);
    char *t = text_normalize(b.data ? b.data : "", b.len, TEXT_ONE_LINE);
    buf_free(&b);
    return t;
}

/* A title written in capitals as the document's text writes its words
 * (title.h): « COMPTE-RENDU DESRENCONTRES DU COLLECTIF » reads « Compte-rendu
 * des rencontres du Collectif ». */
static void readable_title(extract_doc *doc)
{
    const char **texts = buf_xrealloc(NULL, (doc->n_chunks + 1) * sizeof *texts);
    for (size_t i = 0; i < doc->n_chunks; i++)
        texts[i] = doc->chunks[i].text;
    char *t = title_from_capitals(doc->title, texts, doc->n_chunks);
    free(texts);
    if (t) {
        free(doc->title);
        doc->title = t;
    }
}

int extract_buffer(extract_format f, const char *name, const char *data, size_t len,
                   extract_doc *doc, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    const format_row *row = row_of(f);
    if (!row)
        return fail(err, errlen, EXTRACT_EFORMAT, "not a document format Repère reads");
    if (len == 0)
        return fail(err, errlen, EXTRACT_EEMPTY, "empty file");
    int rc = row->extract(data, len, doc, err, errlen);
    if (rc == EXTRACT_OK && doc->n_chunks == 0 && doc->n_scan_pages == 0)
        rc = fail(err, errlen, EXTRACT_EEMPTY, "no text found in the document");
    if (rc != EXTRACT_OK) {
        extract_doc_free(doc);
        return rc;
    }
    doc->format = f;
    /* A page's links name files of its tree relative to its own path. */
    if (doc->links && name) {
        links_resolve_doc(doc, name);
    } else {
        free(doc->links);
        doc->links = NULL;
    }
    free(doc->link_base);
    doc->link_base = NULL;
    if (doc->title && !doc->title[0]) {
        free(doc->title);
        doc->title = NULL;
    }
    if (doc->title)
        readable_title(doc);
    if (!doc->title && name)
        doc->title = title_from_path(name);
    if (!doc->title)
        doc->title = buf_xstrndup("", 0);
    return EXTRACT_OK;
}

/* Tesseract often sets every line of a paragraph apart with a blank line:
 * a blank line after a line that does not end a sentence, before one that
 * starts with a lowercase letter or a digit, is taken out. Caller frees. */
static char *ocr_join_lines(const char *text)
{
    buf b = BUF_INIT;
    for (const char *s = text; *s; s++) {
        if (s[0] == '\n' && s[1] == '\n' && s > text && !strchr(".:!?;", s[-1])) {
            const char *next = s + 2;
            while (*next == '\n')
                next++;
            gunichar c = g_utf8_get_char_validated(next, -1);
            if (c != (gunichar)-1 && c != (gunichar)-2 &&
                (g_unichar_islower(c) || g_unichar_isdigit(c))) {
                buf_putc(&b, '\n');
                s = next - 1;
                continue;
            }
        }
        buf_putc(&b, *s);
    }
    return b.data ? buf_detach(&b) : buf_xstrndup("", 0);
}

void extract_put_ocr(extract_doc *doc, const char *name, const int *pages, char *const *texts,
                     size_t n)
{
    char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!texts[i])
            continue;
        char *text = ocr_join_lines(texts[i]);
        extract_doc_set_page(doc, pages[i], text);
        if (pages[i] == 1 && !first)
            first = text;
        else
            free(text);
    }
    char *by_name = name ? title_from_path(name) : NULL;
    char *title =
        first && (!doc->title || !doc->title[0] || (by_name && strcmp(doc->title, by_name) == 0))
            ? text_title_from_lines(first, strlen(first))
            : NULL;
    free(by_name);
    free(first);
    if (title && title[0]) {
        free(doc->title);
        doc->title = title;
        title = NULL;
    }
    free(title);
    char date[11];
    datefind_strength found = extract_doc_find_date(doc, date);
    if (found >= DATEFIND_HEADING || (!doc->date && found == DATEFIND_WEAK)) {
        free(doc->date);
        doc->date = buf_xstrndup(date, strlen(date));
    }
}
