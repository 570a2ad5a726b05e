/* extract_pdf: PDF documents through poppler-glib, page by page: one chunk
 * per page, page numbers kept; only a page over three times
 * EXTRACT_CHUNK_TARGET is split (its pieces keep the page number). Running headers/footers and page
 * numbers repeated at the top or bottom of pages are dropped; lines are joined into paragraphs (a
 * line ending a sentence ends a paragraph) and hyphenation is undone by text_normalize. Title from
 * metadata, else the first heading-like line; date from a dateline, else the metadata creation
 * date. */
#include "extract.h"

#include "buf.h"
#include "datefind.h"
#include "text.h"

#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* poppler-glib reports some problems through g_warning: errors travel as
 * return values here, so its log domain is silenced once. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                      gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

static void silence_poppler(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                          quiet_log, NULL);
        g_once_init_leave(&done, 1);
    }
}

typedef struct {
    const char *s;
    size_t len;
} line;

typedef struct {
    line *v;
    size_t n;
} lines;

/* Non-blank lines of a page text, trimmed; the array points into text. */
static lines split_lines(const char *text)
{
    lines out = {NULL, 0};
    size_t cap = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *s = p;
        p = nl ? nl + 1 : p + len;
        while (len && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f')) {
            s++;
            len--;
        }
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
                       s[len - 1] == '\f'))
            len--;
        if (!len)
            continue;
        if (out.n == cap) {
            cap = cap ? cap * 2 : 64;
            out.v = g_renew(line, out.v, cap);
        }
        out.v[out.n++] = (line){s, len};
    }
    return out;
}

/* A line with its digits removed, so that « Page 3 » and « Page 4 » match. */
static char *line_key(line l)
{
    char *k = g_malloc(l.len + 1);
    size_t n = 0;
    for (size_t i = 0; i < l.len; i++)
        if (l.s[i] < '0' || l.s[i] > '9')
            k[n++] = l.s[i];
    k[n] = '\0';
    return k;
}

static int has_letters(line l)
{
    for (size_t i = 0; i < l.len; i++) {
        unsigned char c = (unsigned char)l.s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0)
            return 1;
    }
    return 0;
}

/* Counts, over all pages, the keys of the first and last lines. */
static void count_edges(lines *pages, int n, GHashTable *first, GHashTable *last)
{
    for (int i = 0; i < n; i++) {
        if (!pages[i].n)
            continue;
        GHashTable *tables[2] = {first, last};
        line edges[2] = {pages[i].v[0], pages[i].v[pages[i].n - 1]};
        for (int e = 0; e < 2; e++) {
            char *k = line_key(edges[e]);
            gpointer old = g_hash_table_lookup(tables[e], k);
            g_hash_table_replace(tables[e], k, GINT_TO_POINTER(GPOINTER_TO_INT(old) + 1));
        }
    }
}

/* Whether a first/last line is page furniture: a page number alone, or a
 * line repeated at that edge on at least half of the pages (two or more). */
static int is_furniture(line l, GHashTable *edge, int n_pages)
{
    if (!has_letters(l))
        return 1;
    char *k = line_key(l);
    int count = GPOINTER_TO_INT(g_hash_table_lookup(edge, k));
    g_free(k);
    return count >= 2 && count * 2 >= n_pages;
}

static int ends_sentence(line l)
{
    static const char *const ends[] = {".", "!", "?", ":", "\xC2\xBB", "\xE2\x80\xA6", NULL};
    for (const char *const *e = ends; *e; e++) {
        size_t n = strlen(*e);
        if (l.len >= n && memcmp(l.s + l.len - n, *e, n) == 0)
            return 1;
    }
    return 0;
}

/* The page's text without furniture: lines joined with "\n", a blank line
 * after each line that ends a sentence (a paragraph end). */
static void page_body(lines pl, GHashTable *first, GHashTable *last, int n_pages, buf *out,
                      buf *plain)
{
    size_t from = 0, to = pl.n;
    if (to && is_furniture(pl.v[0], first, n_pages))
        from = 1;
    if (to > from && is_furniture(pl.v[to - 1], last, n_pages))
        to--;
    for (size_t i = from; i < to; i++) {
        buf_append(out, pl.v[i].s, pl.v[i].len);
        buf_puts(out, ends_sentence(pl.v[i]) ? "\n\n" : "\n");
        buf_append(plain, pl.v[i].s, pl.v[i].len);
        buf_putc(plain, '\n');
    }
}

/* Metadata titles that name a file rather than the document. */
static char *usable_title(const char *meta)
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

static int creation_date(PopplerDocument *pdf, char out[11])
{
    GDateTime *dt = poppler_document_get_creation_date_time(pdf);
    if (!dt)
        return 0;
    int ok = datefind_format(g_date_time_get_year(dt), g_date_time_get_month(dt),
                             g_date_time_get_day_of_month(dt), out);
    g_date_time_unref(dt);
    return ok;
}

#define DATE_PAGES 2 /* pages searched for a dateline */
/* Pieces of a large page: text_split_point keeps up to 1.5 times this whole. */
#define PAGE_TARGET (2 * EXTRACT_CHUNK_TARGET)

int extract_pdf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    silence_poppler();
    GError *error = NULL;
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, &error);
    if (!pdf) {
        int rc = EXTRACT_EFORMAT;
        if (error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED) {
            snprintf(err, errlen, "PDF is password-protected");
            rc = EXTRACT_EENCRYPTED;
        } else {
            snprintf(err, errlen, "damaged or not a PDF: %s",
                     error && error->message ? error->message : "unreadable");
        }
        g_clear_error(&error);
        g_bytes_unref(bytes);
        return rc;
    }

    int n = poppler_document_get_n_pages(pdf);
    lines *pages = g_new0(lines, n > 0 ? n : 1);
    char **texts = g_new0(char *, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(pdf, i);
        if (!page)
            continue;
        texts[i] = poppler_page_get_text(page);
        g_object_unref(page);
        if (texts[i])
            pages[i] = split_lines(texts[i]);
    }
    GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    count_edges(pages, n, first, last);

    buf body = BUF_INIT, plain = BUF_INIT, opening = BUF_INIT;
    for (int i = 0; i < n; i++) {
        buf_clear(&body);
        buf_clear(&plain);
        page_body(pages[i], first, last, n, &body, &plain);
        char *norm = text_normalize(body.data ? body.data : "", body.len, TEXT_PARAGRAPHS);
        extract_doc_add_text(doc, i + 1, NULL, norm, PAGE_TARGET);
        free(norm);
        if (i < DATE_PAGES)
            buf_append(&opening, plain.data ? plain.data : "", plain.len);
    }
    doc->pages = n;

    gchar *meta_title = poppler_document_get_title(pdf);
    doc->title = usable_title(meta_title);
    g_free(meta_title);
    if (!doc->title && n > 0) {
        buf_clear(&plain);
        buf_clear(&body);
        page_body(pages[0], first, last, n, &body, &plain);
        doc->title = text_title_from_lines(plain.data ? plain.data : "", plain.len);
    }

    char *lines_text = text_normalize(opening.data ? opening.data : "", opening.len, TEXT_LINES);
    char date[11], meta_date[11];
    datefind_strength st = datefind_document(lines_text, strlen(lines_text), date);
    free(lines_text);
    if (st >= DATEFIND_HEADING)
        doc->date = strdup(date);
    else if (creation_date(pdf, meta_date))
        doc->date = strdup(meta_date);
    else if (st == DATEFIND_WEAK)
        doc->date = strdup(date);

    buf_free(&body);
    buf_free(&plain);
    buf_free(&opening);
    g_hash_table_destroy(first);
    g_hash_table_destroy(last);
    for (int i = 0; i < n; i++) {
        g_free(pages[i].v);
        g_free(texts[i]);
    }
    g_free(pages);
    g_free(texts);
    g_object_unref(pdf);
    g_bytes_unref(bytes);
    return EXTRACT_OK;
}
