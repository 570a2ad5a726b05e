/* extract_doc: the extracted document, the helpers that add text to it and
 * the formats' names (see extract_doc.h). No format knowledge and no I/O. */
#include "extract_doc.h"

#include "buf.h"
#include "datefind.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *extract_format_name(extract_format f)
{
    static const char *const names[EXTRACT_FORMAT_COUNT] = {
        [EXTRACT_FORMAT_NONE] = "none", [EXTRACT_FORMAT_PDF] = "pdf",
        [EXTRACT_FORMAT_HTML] = "html", [EXTRACT_FORMAT_TEXT] = "text",
        [EXTRACT_FORMAT_DOCX] = "docx", [EXTRACT_FORMAT_ODT] = "odt",
        [EXTRACT_FORMAT_EPUB] = "epub", [EXTRACT_FORMAT_RTF] = "rtf",
    };
    if ((int)f < 0 || f >= EXTRACT_FORMAT_COUNT || !names[f])
        return "none";
    return names[f];
}

void extract_doc_init(extract_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void extract_doc_add_chunk(extract_doc *doc, int page, const char *heading, const char *text)
{
    if (doc->n_chunks == doc->cap_chunks) {
        size_t cap = doc->cap_chunks ? doc->cap_chunks * 2 : 8;
        doc->chunks = buf_xrealloc(doc->chunks, cap * sizeof *doc->chunks);
        doc->cap_chunks = cap;
    }
    extract_chunk *c = &doc->chunks[doc->n_chunks++];
    c->page = page;
    c->heading = heading ? buf_xstrndup(heading, strlen(heading)) : NULL;
    c->text = text ? buf_xstrndup(text, strlen(text)) : buf_xstrndup("", 0);
}

void extract_doc_add_text(extract_doc *doc, int page, const char *heading, const char *text,
                          size_t target)
{
    const char *s = text;
    size_t len = strlen(text);
    while (len) {
        while (len && (*s == '\n' || *s == ' ')) {
            s++;
            len--;
        }
        if (!len)
            break;
        size_t cut = text_split_point(s, len, target);
        size_t piece = cut;
        while (piece && (s[piece - 1] == '\n' || s[piece - 1] == ' '))
            piece--;
        if (piece) {
            char *p = buf_xstrndup(s, piece);
            extract_doc_add_chunk(doc, page, heading, p);
            free(p);
        }
        s += cut;
        len -= cut;
    }
}

void extract_doc_free(extract_doc *doc)
{
    if (!doc)
        return;
    free(doc->title);
    free(doc->date);
    free(doc->description);
    free(doc->headings);
    free(doc->keywords);
    free(doc->hidden);
    free(doc->links);
    free(doc->link_base);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        free(doc->chunks[i].heading);
        free(doc->chunks[i].text);
    }
    free(doc->chunks);
    free(doc->scan_pages);
    extract_doc_init(doc);
}

void extract_keywords_add(char **keywords, const char *text, size_t len)
{
    char *t = text_normalize(text, len, TEXT_ONE_LINE);
    size_t n = strlen(t), have = *keywords ? strlen(*keywords) : 0;
    if (n > 0 && have + (have > 0) + n <= EXTRACT_KEYWORDS_MAX) {
        *keywords = buf_xrealloc(*keywords, have + 1 + n + 1);
        if (have)
            (*keywords)[have++] = '\n';
        memcpy(*keywords + have, t, n + 1);
    }
    free(t);
}

void extract_doc_add_scan_page(extract_doc *doc, int page)
{
    doc->scan_pages =
        buf_xrealloc(doc->scan_pages, (doc->n_scan_pages + 1) * sizeof *doc->scan_pages);
    doc->scan_pages[doc->n_scan_pages++] = page;
}

void extract_doc_set_page(extract_doc *doc, int page, const char *text)
{
    extract_doc add;
    extract_doc_init(&add);
    char *norm = text_normalize(text, strlen(text), TEXT_PARAGRAPHS);
    extract_doc_add_text(&add, page, NULL, norm, EXTRACT_PAGE_TARGET);
    free(norm);
    /* Keep the chunks of other pages, in order, with the new ones where
     * the first chunk of a later page starts. */
    extract_chunk *old = doc->chunks;
    size_t n_old = doc->n_chunks, at = n_old;
    size_t kept = 0;
    for (size_t i = 0; i < n_old; i++) {
        if (old[i].page == page) {
            free(old[i].heading);
            free(old[i].text);
            continue;
        }
        if (at == n_old && old[i].page > page)
            at = kept;
        old[kept++] = old[i];
    }
    if (at > kept)
        at = kept;
    size_t n = kept + add.n_chunks;
    if (n > doc->cap_chunks) {
        doc->chunks = buf_xrealloc(doc->chunks, n * sizeof *doc->chunks);
        doc->cap_chunks = n;
    }
    memmove(doc->chunks + at + add.n_chunks, doc->chunks + at, (kept - at) * sizeof *doc->chunks);
    if (add.n_chunks)
        memcpy(doc->chunks + at, add.chunks, add.n_chunks * sizeof *doc->chunks);
    doc->n_chunks = n;
    free(add.chunks);
}

#define DATE_HEAD 16384 /* datefind looks at the opening paragraphs… */
#define DATE_TAIL 4096  /* …and at the last ones (a signature) */

datefind_strength extract_doc_find_date(const extract_doc *doc, char out[11])
{
    buf b = BUF_INIT;
    size_t first_unused = 0;
    for (; first_unused < doc->n_chunks && b.len < DATE_HEAD; first_unused++) {
        buf_puts(&b, doc->chunks[first_unused].text);
        buf_putc(&b, '\n');
    }
    size_t from = doc->n_chunks, tail = 0;
    while (from > first_unused && tail < DATE_TAIL)
        tail += strlen(doc->chunks[--from].text) + 1;
    for (size_t i = from; i < doc->n_chunks; i++) {
        buf_puts(&b, doc->chunks[i].text);
        buf_putc(&b, '\n');
    }
    datefind_strength st = datefind_document(b.data ? b.data : "", b.len, out);
    buf_free(&b);
    return st;
}

char *extract_doc_meta_title(const char *meta)
{
    if (!meta)
        return NULL;
    const char *prefix = "Microsoft Word - ";
    if (strncmp(meta, prefix, strlen(prefix)) == 0)
        meta += strlen(prefix);
    char *t = text_normalize(meta, strlen(meta), TEXT_ONE_LINE);
    size_t n = strlen(t);
    static const char *const exts[] = {".doc", ".docx", ".odt", ".pdf", ".rtf", NULL};
    int junk = n < 3 || strcasecmp(t, "untitled") == 0 || strcasecmp(t, "sans titre") == 0;
    for (const char *const *e = exts; *e && !junk; e++) {
        size_t el = strlen(*e);
        junk = n > el && strcasecmp(t + n - el, *e) == 0;
    }
    if (junk) {
        free(t);
        return NULL;
    }
    return t;
}

void extract_doc_apply_meta(extract_doc *doc, const char *title, const char *author,
                            const char *about, const char *date)
{
    if (!doc->title || !doc->title[0]) {
        free(doc->title);
        doc->title = extract_doc_meta_title(title);
    }
    buf d = BUF_INIT;
    const char *parts[] = {doc->description, about, author};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char *t = parts[i] ? text_normalize(parts[i], strlen(parts[i]), TEXT_ONE_LINE) : NULL;
        if (t && t[0]) {
            if (d.len)
                buf_putc(&d, '\n');
            buf_puts(&d, t);
        }
        free(t);
    }
    free(doc->description);
    doc->description = d.len ? buf_detach(&d) : NULL;
    buf_free(&d);

    char found[11], meta[11];
    datefind_strength st = extract_doc_find_date(doc, found);
    free(doc->date);
    doc->date = NULL;
    if (st >= DATEFIND_HEADING)
        doc->date = buf_xstrndup(found, 10);
    else if (date && datefind_parse(date, strlen(date), meta))
        doc->date = buf_xstrndup(meta, 10);
    else if (st == DATEFIND_WEAK)
        doc->date = buf_xstrndup(found, 10);
}
