/* extract_epub: e-books (EPUB 2 and 3) through container.c. The package
 * named by META-INF/container.xml gives the metadata (title, author, date)
 * and the reading order (spine); each chapter in that order is (X)HTML and
 * goes through extract_html, its chunks and headings appended. Chapters
 * that are only a picture (a cover) are passed over. No pages: an EPUB
 * reflows. */
#include "extract_formats.h"

#include "buf.h"
#include "container.h"
#include "text.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_OPF "http://www.idpf.org/2007/opf"

typedef struct {
    char *id, *href, *type;
} epub_item;

typedef struct {
    container_meta meta;
    int in_metadata;
    epub_item *items;
    size_t n_items, cap_items;
    char **spine; /* idrefs, in reading order */
    size_t n_spine, cap_spine;
} epub_package;

static char *attr_dup(int n_attrs, const char **attrs, const char *name)
{
    char v[2048];
    return container_attr(n_attrs, attrs, name, v, sizeof v) ? buf_xstrndup(v, strlen(v)) : NULL;
}

static void opf_start(void *user, const char *name, const char *uri, int n_attrs,
                      const char **attrs)
{
    epub_package *p = user;
    if (p->in_metadata) {
        p->in_metadata++;
        container_meta_start(&p->meta, name, uri, n_attrs, attrs);
        return;
    }
    if (strcmp(uri, NS_OPF) != 0)
        return;
    if (strcmp(name, "metadata") == 0) {
        p->in_metadata = 1;
    } else if (strcmp(name, "item") == 0) {
        if (p->n_items == p->cap_items) {
            p->cap_items = p->cap_items ? p->cap_items * 2 : 32;
            p->items = buf_xrealloc(p->items, p->cap_items * sizeof *p->items);
        }
        epub_item *it = &p->items[p->n_items++];
        it->id = attr_dup(n_attrs, attrs, "id");
        it->href = attr_dup(n_attrs, attrs, "href");
        it->type = attr_dup(n_attrs, attrs, "media-type");
    } else if (strcmp(name, "itemref") == 0) {
        char *idref = attr_dup(n_attrs, attrs, "idref");
        if (!idref)
            return;
        if (p->n_spine == p->cap_spine) {
            p->cap_spine = p->cap_spine ? p->cap_spine * 2 : 32;
            p->spine = buf_xrealloc(p->spine, p->cap_spine * sizeof *p->spine);
        }
        p->spine[p->n_spine++] = idref;
    }
}

static void opf_end(void *user, const char *name, const char *uri)
{
    epub_package *p = user;
    if (p->in_metadata && --p->in_metadata)
        container_meta_end(&p->meta, name, uri);
}

static void opf_text(void *user, const char *s, size_t len)
{
    epub_package *p = user;
    if (p->in_metadata)
        container_meta_text(&p->meta, s, len);
}

static const container_sax opf_sax = {opf_start, opf_end, opf_text};

static void package_free(epub_package *p)
{
    container_meta_free(&p->meta);
    for (size_t i = 0; i < p->n_items; i++) {
        free(p->items[i].id);
        free(p->items[i].href);
        free(p->items[i].type);
    }
    free(p->items);
    for (size_t i = 0; i < p->n_spine; i++)
        free(p->spine[i]);
    free(p->spine);
}

/* container.xml: the first rootfile's full-path. */
static void rootfile_start(void *user, const char *name, const char *uri, int n_attrs,
                           const char **attrs)
{
    (void)uri;
    char **path = user;
    if (!*path && strcmp(name, "rootfile") == 0)
        *path = attr_dup(n_attrs, attrs, "full-path");
}

static const container_sax rootfile_sax = {rootfile_start, NULL, NULL};

/* The manifest by id (the first item of each id). */
static GHashTable *index_items(const epub_package *p)
{
    GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < p->n_items; i++)
        if (p->items[i].id && !g_hash_table_contains(t, p->items[i].id))
            g_hash_table_insert(t, p->items[i].id, &p->items[i]);
    return t;
}

static int is_html(const char *type)
{
    return type && (strcmp(type, "application/xhtml+xml") == 0 || strcmp(type, "text/html") == 0);
}

/* Extracts one chapter and appends it to doc; a chapter without text is
 * passed over. */
static int add_chapter(container *c, const char *part, extract_doc *doc, buf *headings, buf *hidden,
                       size_t *chars, char *err, size_t errlen)
{
    char *data;
    size_t len;
    if (container_read(c, part, &data, &len, err, errlen) != 0)
        return -1;
    extract_doc ch;
    extract_doc_init(&ch);
    char why[256];
    int rc = len ? extract_html(data, len, &ch, why, sizeof why) : EXTRACT_EEMPTY;
    free(data);
    if (rc != EXTRACT_OK) {
        extract_doc_free(&ch);
        if (rc == EXTRACT_EEMPTY)
            return 0;
        snprintf(err, errlen, "chapter %s: %s", part, why);
        return -1;
    }
    for (size_t i = 0; i < ch.n_chunks; i++) {
        *chars += text_utf8_chars(ch.chunks[i].text, strlen(ch.chunks[i].text));
        extract_doc_add_chunk(doc, 0, ch.chunks[i].heading, ch.chunks[i].text);
    }
    if (ch.headings) {
        if (headings->len)
            buf_putc(headings, '\n');
        buf_puts(headings, ch.headings);
    }
    if (ch.hidden) {
        /* a chapter's hidden blocks (extract_html) join the book's */
        if (hidden->len)
            buf_putc(hidden, '\n');
        buf_puts(hidden, ch.hidden);
    }
    if (!doc->title && ch.title && ch.title[0])
        doc->title = buf_xstrndup(ch.title, strlen(ch.title));
    extract_doc_free(&ch);
    return 0;
}

int extract_epub(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    container *c = container_open(data, len, NULL, err, errlen);
    if (!c)
        return EXTRACT_EFORMAT;
    int rc = EXTRACT_EFORMAT;
    char *opf = NULL, *first_title = NULL;
    epub_package p;
    memset(&p, 0, sizeof p);
    buf headings = BUF_INIT, hidden = BUF_INIT;
    size_t chars = 0;
    GHashTable *read = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    GHashTable *items = NULL;

    if (!container_has(c, "META-INF/container.xml")) {
        snprintf(err, errlen, "not an EPUB (no META-INF/container.xml)");
        goto done;
    }
    if (container_parse_xml(c, "META-INF/container.xml", 0, &rootfile_sax, &opf, err, errlen) != 0)
        goto done;
    if (!opf) {
        snprintf(err, errlen, "not an EPUB (no package named in META-INF/container.xml)");
        goto done;
    }
    if (container_parse_xml(c, opf, 0, &opf_sax, &p, err, errlen) != 0)
        goto done;
    items = index_items(&p);
    for (size_t i = 0; i < p.n_spine; i++) {
        const epub_item *it = g_hash_table_lookup(items, p.spine[i]);
        if (!it || !it->href || !is_html(it->type))
            continue;
        char *part = container_resolve(opf, it->href);
        if (!part)
            continue;
        /* several spine entries may point into one file: it is read once */
        if (g_hash_table_contains(read, part)) {
            free(part);
            continue;
        }
        g_hash_table_add(read, part);
        int r = add_chapter(c, part, doc, &headings, &hidden, &chars, err, errlen);
        if (r != 0)
            goto done;
        if (chars > CONTAINER_MAX_CHARS) {
            snprintf(err, errlen, "document has more than %d characters of text",
                     CONTAINER_MAX_CHARS);
            goto done;
        }
    }
    /* the package's title; the first chapter's only when it has none */
    first_title = doc->title;
    doc->title = extract_doc_meta_title(p.meta.title);
    if (!doc->title) {
        doc->title = first_title;
        first_title = NULL;
    }
    if (headings.len)
        doc->headings = buf_detach(&headings);
    if (hidden.len)
        doc->hidden = buf_detach(&hidden);
    extract_doc_apply_meta(doc, NULL, p.meta.author, p.meta.about, p.meta.date);
    rc = EXTRACT_OK;
done:
    g_hash_table_destroy(read);
    if (items)
        g_hash_table_destroy(items);
    free(first_title);
    free(opf);
    package_free(&p);
    buf_free(&headings);
    buf_free(&hidden);
    container_close(c);
    return rc;
}
