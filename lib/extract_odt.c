/* extract_odt: OpenDocument text (LibreOffice, OpenOffice) through
 * container.c: content.xml for the body (text:h headings with their outline
 * level, notes and annotations kept aside with the page and heading where
 * they stand, tracked deletions and generated indexes left out), styles.xml
 * for the page headers and footers, meta.xml for title, author and date.
 * Pages come from text:soft-page-break, where the file was last laid out. */
#include "extract_formats.h"

#include "buf.h"
#include "container.h"
#include "extract_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"
#define ODT_ASIDE_DEPTH 8

typedef struct {
    extract_flow flow;
    int skip; /* depth inside a subtree left out */
    int level[FLOW_DEPTH + 1];
    int title[FLOW_DEPTH + 1];
    int para_page[FLOW_DEPTH + 1];
    int depth;
    int page;         /* 0 while the document gives no pages */
    int in_styles;    /* reading styles.xml: only headers and footers count */
    int in_furniture; /* depth inside a header or footer */
    int asides;       /* notes and annotations open */
    extract_flow_sink saved[ODT_ASIDE_DEPTH];
    char *title_text; /* the first Title-styled paragraph */
} odt;

/* Elements whose text is not the document's: deleted text kept for
 * tracked changes, note numbers, generated indexes, shape descriptions. */
static int left_out(const char *name, const char *uri, int in_aside)
{
    static const char *const text_names[] = {"tracked-changes",
                                             "note-citation",
                                             "table-of-content",
                                             "alphabetical-index",
                                             "illustration-index",
                                             "table-index",
                                             "object-index",
                                             "user-index",
                                             "bibliography",
                                             "sequence-decls",
                                             "variable-decls",
                                             "user-field-decls",
                                             NULL};
    if (strcmp(uri, NS_TEXT) == 0) {
        for (const char *const *n = text_names; *n; n++)
            if (strcmp(name, *n) == 0)
                return 1;
        return 0;
    }
    if (strcmp(uri, NS_SVG) == 0)
        return strcmp(name, "title") == 0 || strcmp(name, "desc") == 0;
    if (strcmp(uri, NS_OFFICE) == 0)
        return strcmp(name, "forms") == 0;
    /* an annotation's author and date */
    return in_aside && (strcmp(uri, "http://purl.org/dc/elements/1.1/") == 0 ||
                        strcmp(uri, "urn:oasis:names:tc:opendocument:xmlns:meta:1.0") == 0);
}

static int is_furniture(const char *name, const char *uri)
{
    return strcmp(uri, NS_STYLE) == 0 &&
           (strncmp(name, "header", 6) == 0 || strncmp(name, "footer", 6) == 0);
}

static int slot(const odt *o)
{
    return o->depth > FLOW_DEPTH ? FLOW_DEPTH : o->depth;
}

static void odt_start(void *user, const char *name, const char *uri, int n_attrs,
                      const char **attrs)
{
    odt *o = user;
    char val[64];
    if (o->skip) {
        o->skip++;
        return;
    }
    if (o->in_styles) {
        if (is_furniture(name, uri)) {
            o->in_furniture++;
            return;
        }
        if (!o->in_furniture)
            return;
    }
    if (left_out(name, uri, o->asides > 0)) {
        o->skip = 1;
        return;
    }
    int is_text = strcmp(uri, NS_TEXT) == 0;
    if (is_text && (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)) {
        extract_flow_begin(&o->flow);
        o->depth++;
        int s = slot(o);
        o->level[s] = 0;
        if (name[0] == 'h') {
            int lvl =
                container_attr(n_attrs, attrs, "outline-level", val, sizeof val) ? atoi(val) : 1;
            o->level[s] = lvl < 1 ? 1 : lvl > 9 ? 9 : lvl;
        }
        o->title[s] = container_attr(n_attrs, attrs, "style-name", val, sizeof val) &&
                      strcmp(val, "Title") == 0;
        if (o->title[s])
            o->level[s] = 1;
        o->para_page[s] = o->page;
    } else if (is_text && strcmp(name, "s") == 0) {
        extract_flow_text(&o->flow, " ", 1);
    } else if (is_text && strcmp(name, "tab") == 0) {
        extract_flow_text(&o->flow, "\t", 1);
    } else if (is_text && strcmp(name, "line-break") == 0) {
        extract_flow_text(&o->flow, "\n", 1);
    } else if (is_text && strcmp(name, "soft-page-break") == 0) {
        if (o->page) {
            o->page++;
            if (o->depth && extract_flow_at_start(&o->flow))
                o->para_page[slot(o)] = o->page;
        }
    } else if ((is_text && strcmp(name, "note") == 0) ||
               (strcmp(uri, NS_OFFICE) == 0 && strcmp(name, "annotation") == 0)) {
        if (o->asides < ODT_ASIDE_DEPTH)
            o->saved[o->asides] = o->flow.sink;
        o->asides++;
        extract_flow_sink_to(&o->flow, FLOW_ASIDE, o->depth ? o->para_page[slot(o)] : o->page,
                             extract_flow_heading(&o->flow));
    }
}

static void odt_end(void *user, const char *name, const char *uri)
{
    odt *o = user;
    if (o->skip) {
        o->skip--;
        return;
    }
    if (o->in_styles && is_furniture(name, uri)) {
        o->in_furniture--;
        return;
    }
    int is_text = strcmp(uri, NS_TEXT) == 0;
    if (is_text && (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) && o->depth) {
        int s = slot(o);
        const char *text = extract_flow_end(&o->flow, o->level[s], o->para_page[s]);
        if (o->title[s] && !o->title_text && text[0] && o->flow.sink == FLOW_BODY)
            o->title_text = buf_xstrndup(text, strlen(text));
        o->depth--;
    } else if (((is_text && strcmp(name, "note") == 0) ||
                (strcmp(uri, NS_OFFICE) == 0 && strcmp(name, "annotation") == 0)) &&
               o->asides) {
        o->asides--;
        /* back to what was read around it; an aside within an aside stays one */
        extract_flow_sink back = o->asides < ODT_ASIDE_DEPTH ? o->saved[o->asides] : FLOW_ASIDE;
        if (back != FLOW_ASIDE)
            extract_flow_sink_to(&o->flow, back, 0, NULL);
    }
}

static void odt_text(void *user, const char *s, size_t len)
{
    odt *o = user;
    if (!o->skip)
        extract_flow_text(&o->flow, s, len);
}

static const container_sax odt_sax = {odt_start, odt_end, odt_text};

/* The mimetype entry, when there is one, must say text. */
static int check_mimetype(container *c, char *err, size_t errlen)
{
    if (!container_has(c, "mimetype"))
        return 0;
    char *m;
    size_t n;
    if (container_read(c, "mimetype", &m, &n, err, errlen) != 0)
        return -1;
    int ok = n >= strlen(ODT_MIMETYPE) && memcmp(m, ODT_MIMETYPE, strlen(ODT_MIMETYPE)) == 0;
    if (!ok)
        snprintf(err, errlen, "not an OpenDocument text (its type is %.60s)", m);
    free(m);
    return ok ? 0 : -1;
}

int extract_odt(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    container *c = container_open(data, len, NULL, err, errlen);
    if (!c)
        return EXTRACT_EFORMAT;
    int rc = EXTRACT_EFORMAT;
    container_meta meta = {0};
    odt o;
    memset(&o, 0, sizeof o);
    extract_flow_init(&o.flow, doc);
    char *content = NULL;
    size_t content_len = 0;

    if (check_mimetype(c, err, errlen) != 0)
        goto done;
    if (!container_has(c, "content.xml")) {
        snprintf(err, errlen, "not an OpenDocument text (no content.xml)");
        goto done;
    }
    if (container_read(c, "content.xml", &content, &content_len, err, errlen) != 0)
        goto done;
    o.page = memmem(content, content_len, "soft-page-break/>", 17) != NULL;
    if (container_parse_xml_buffer(content, content_len, "content.xml", &odt_sax, &o, err,
                                   errlen) != 0)
        goto done;
    int pages = o.page;
    o.depth = o.skip = o.asides = 0;
    o.in_styles = 1;
    extract_flow_sink_to(&o.flow, FLOW_FURNITURE, 0, NULL);
    if (container_parse_xml(c, "styles.xml", 1, &odt_sax, &o, err, errlen) != 0)
        goto done;
    if (extract_flow_finish(&o.flow, err, errlen) != 0)
        goto done;
    doc->pages = pages;
    if (container_parse_xml(c, "meta.xml", 1, &container_meta_sax, &meta, err, errlen) != 0)
        goto done;
    extract_flow_title(&o.flow, meta.title, o.title_text);
    extract_doc_apply_meta(doc, NULL, meta.author, meta.about, meta.date);
    doc->keywords = meta.keywords;
    meta.keywords = NULL;
    rc = EXTRACT_OK;
done:
    free(content);
    free(o.title_text);
    container_meta_free(&meta);
    extract_flow_free(&o.flow);
    container_close(c);
    return rc;
}
