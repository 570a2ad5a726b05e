/* extract_docx: Word documents (Office Open XML) through container.c. The
 * parts are found by their relationships: the main document, its styles
 * (which paragraphs are headings: « heading N », Title, outline levels),
 * footnotes, endnotes, comments, headers and footers; docProps/core.xml
 * gives title, author and date. Runs are joined inside a paragraph; tabs
 * and breaks separate words. Pages come from w:lastRenderedPageBreak (where
 * Word last laid the text out), else from explicit page breaks. */
#include "extract_formats.h"

#include "buf.h"
#include "container.h"
#include "extract_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DOCX_ID_MAX 64

static int is_w(const char *uri)
{
    return strcmp(uri, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") == 0 ||
           strcmp(uri, "http://purl.oclc.org/ooxml/wordprocessingml/main") == 0;
}

/* ---- relationships (the _rels folders) ---- */

typedef struct {
    char type[32]; /* last segment of the relationship type */
    char *target;  /* part name, resolved */
} docx_rel;

typedef struct {
    const char *base; /* part the relationships belong to */
    docx_rel *v;
    size_t n, cap;
} docx_rels;

static void rels_start(void *user, const char *name, const char *uri, int n_attrs,
                       const char **attrs)
{
    (void)uri;
    docx_rels *r = user;
    char type[256], target[1024], mode[32];
    if (strcmp(name, "Relationship") != 0 ||
        !container_attr(n_attrs, attrs, "Type", type, sizeof type) ||
        !container_attr(n_attrs, attrs, "Target", target, sizeof target))
        return;
    if (container_attr(n_attrs, attrs, "TargetMode", mode, sizeof mode) &&
        strcasecmp(mode, "External") == 0)
        return;
    char *part = container_resolve(r->base, target);
    if (!part)
        return;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = buf_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    const char *slash = strrchr(type, '/');
    const char *last = slash ? slash + 1 : type;
    size_t n = strlen(last) < sizeof r->v[r->n].type ? strlen(last) : sizeof r->v[r->n].type - 1;
    memcpy(r->v[r->n].type, last, n);
    r->v[r->n].type[n] = '\0';
    r->v[r->n++].target = part;
}

static const container_sax rels_sax = {rels_start, NULL, NULL};

/* Reads the relationships of part base (all optional). */
static int read_rels(container *c, const char *base, docx_rels *r, char *err, size_t errlen)
{
    const char *slash = strrchr(base, '/');
    buf name = BUF_INIT;
    if (slash)
        buf_append(&name, base, (size_t)(slash - base) + 1);
    buf_puts(&name, "_rels/");
    buf_puts(&name, slash ? slash + 1 : base);
    buf_puts(&name, ".rels");
    r->base = base;
    int rc = container_parse_xml(c, name.data, 1, &rels_sax, r, err, errlen);
    buf_free(&name);
    return rc;
}

static const char *rel_target(const docx_rels *r, const char *type)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].type, type) == 0)
            return r->v[i].target;
    return NULL;
}

static void rels_free(docx_rels *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].target);
    free(r->v);
}

/* ---- styles ---- */

typedef struct {
    char id[DOCX_ID_MAX];
    char based[DOCX_ID_MAX];
    int level; /* 1-9 heading, 0 body, -1 not known (ask the base style) */
    int title;
} docx_style;

typedef struct {
    docx_style *v;
    size_t n, cap;
    docx_style *cur;
} docx_styles;

static void styles_start(void *user, const char *name, const char *uri, int n_attrs,
                         const char **attrs)
{
    docx_styles *s = user;
    char val[DOCX_ID_MAX];
    if (!is_w(uri))
        return;
    if (strcmp(name, "style") == 0) {
        s->cur = NULL;
        if (!container_attr(n_attrs, attrs, "type", val, sizeof val) ||
            strcmp(val, "paragraph") != 0 ||
            !container_attr(n_attrs, attrs, "styleId", val, sizeof val))
            return;
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 32;
            s->v = buf_xrealloc(s->v, s->cap * sizeof *s->v);
        }
        s->cur = &s->v[s->n++];
        memset(s->cur, 0, sizeof *s->cur);
        s->cur->level = -1;
        snprintf(s->cur->id, sizeof s->cur->id, "%s", val);
        return;
    }
    if (!s->cur || !container_attr(n_attrs, attrs, "val", val, sizeof val))
        return;
    if (strcmp(name, "name") == 0) {
        if (strncasecmp(val, "heading ", 8) == 0 && val[8] >= '1' && val[8] <= '9' && !val[9])
            s->cur->level = val[8] - '0';
        else if (strcasecmp(val, "title") == 0)
            s->cur->title = 1;
    } else if (strcmp(name, "basedOn") == 0) {
        snprintf(s->cur->based, sizeof s->cur->based, "%s", val);
    } else if (strcmp(name, "outlineLvl") == 0 && s->cur->level < 0) {
        int lvl = atoi(val);
        s->cur->level = lvl >= 0 && lvl < 9 ? lvl + 1 : 0;
    }
}

static const container_sax styles_sax = {styles_start, NULL, NULL};

static const docx_style *find_style(const docx_styles *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
}

/* Heading level of a style, through its base styles; title styles are
 * level 1 and set *title. */
static int style_level(const docx_styles *s, const char *id, int *title)
{
    const docx_style *st = find_style(s, id);
    for (int hops = 0; st && hops < 10; hops++) {
        if (st->title) {
            *title = 1;
            return 1;
        }
        if (st->level >= 0)
            return st->level;
        st = st->based[0] ? find_style(s, st->based) : NULL;
    }
    return 0;
}

/* ---- the text parts ---- */

enum { REF_FOOTNOTE, REF_ENDNOTE, REF_COMMENT };

typedef struct {
    int kind;
    char id[DOCX_ID_MAX];
    int page;
    char *heading;
} docx_ref;

typedef struct {
    extract_flow flow;
    docx_styles styles;
    int skip; /* depth inside a subtree left out */
    int in_t; /* inside w:t */
    int in_r; /* inside a run */
    int in_ppr;
    int level[FLOW_DEPTH + 1]; /* of the open paragraphs */
    int title_style[FLOW_DEPTH + 1];
    int para_page[FLOW_DEPTH + 1];
    int depth;
    int page;      /* 0 while the document gives no pages */
    int rendered;  /* pages from w:lastRenderedPageBreak only */
    int note_kind; /* kind of note part being read, -1 for the body */
    char *title;   /* the first Title-styled paragraph */
    docx_ref *refs;
    size_t n_refs, cap_refs;
} docx;

static int open_slot(const docx *d)
{
    return d->depth > FLOW_DEPTH ? FLOW_DEPTH : d->depth;
}

static void add_ref(docx *d, int kind, const char *id)
{
    if (d->n_refs == d->cap_refs) {
        d->cap_refs = d->cap_refs ? d->cap_refs * 2 : 16;
        d->refs = buf_xrealloc(d->refs, d->cap_refs * sizeof *d->refs);
    }
    docx_ref *r = &d->refs[d->n_refs++];
    r->kind = kind;
    snprintf(r->id, sizeof r->id, "%s", id);
    r->page = d->depth ? d->para_page[open_slot(d)] : d->page;
    const char *h = extract_flow_heading(&d->flow);
    r->heading = h ? buf_xstrndup(h, strlen(h)) : NULL;
}

static const docx_ref *find_ref(const docx *d, int kind, const char *id)
{
    for (size_t i = 0; i < d->n_refs; i++)
        if (d->refs[i].kind == kind && strcmp(d->refs[i].id, id) == 0)
            return &d->refs[i];
    return NULL;
}

/* A page starts; a paragraph with no text yet starts on it. */
static void new_page(docx *d)
{
    d->page++;
    if (d->depth && extract_flow_at_start(&d->flow))
        d->para_page[open_slot(d)] = d->page;
}

static int is_off(int n_attrs, const char **attrs)
{
    char val[16];
    return container_attr(n_attrs, attrs, "val", val, sizeof val) &&
           (strcmp(val, "0") == 0 || strcmp(val, "false") == 0 || strcmp(val, "off") == 0);
}

static void text_start(void *user, const char *name, const char *uri, int n_attrs,
                       const char **attrs)
{
    docx *d = user;
    char val[DOCX_ID_MAX];
    if (d->skip) {
        d->skip++;
        return;
    }
    /* Alternate renderings of the same content: the first (Choice) is kept. */
    if (strcmp(name, "Fallback") == 0 && strstr(uri, "markup-compatibility")) {
        d->skip = 1;
        return;
    }
    if (!is_w(uri))
        return;
    if (strcmp(name, "p") == 0) {
        extract_flow_begin(&d->flow);
        d->depth++;
        int slot = open_slot(d);
        d->level[slot] = 0;
        d->title_style[slot] = 0;
        d->para_page[slot] = d->page;
    } else if (strcmp(name, "pPr") == 0) {
        d->in_ppr++;
    } else if (strcmp(name, "pStyle") == 0 && d->in_ppr && d->depth &&
               container_attr(n_attrs, attrs, "val", val, sizeof val)) {
        int slot = open_slot(d);
        d->level[slot] = style_level(&d->styles, val, &d->title_style[slot]);
    } else if (strcmp(name, "outlineLvl") == 0 && d->in_ppr && d->depth &&
               container_attr(n_attrs, attrs, "val", val, sizeof val)) {
        int lvl = atoi(val);
        d->level[open_slot(d)] = lvl >= 0 && lvl < 9 ? lvl + 1 : 0;
    } else if (strcmp(name, "pageBreakBefore") == 0 && d->in_ppr && d->depth && !d->rendered &&
               d->page && !is_off(n_attrs, attrs)) {
        d->para_page[open_slot(d)] = ++d->page;
    } else if (strcmp(name, "r") == 0) {
        d->in_r++;
    } else if (strcmp(name, "t") == 0) {
        d->in_t = 1;
    } else if (!d->in_r) {
        return;
    } else if (strcmp(name, "tab") == 0) {
        extract_flow_text(&d->flow, "\t", 1);
    } else if (strcmp(name, "br") == 0) {
        if (container_attr(n_attrs, attrs, "type", val, sizeof val) && strcmp(val, "page") == 0) {
            if (!d->rendered && d->page)
                new_page(d);
            extract_flow_text(&d->flow, " ", 1);
        } else {
            extract_flow_text(&d->flow, "\n", 1);
        }
    } else if (strcmp(name, "cr") == 0) {
        extract_flow_text(&d->flow, "\n", 1);
    } else if (strcmp(name, "noBreakHyphen") == 0) {
        extract_flow_text(&d->flow, "-", 1);
    } else if (strcmp(name, "lastRenderedPageBreak") == 0) {
        if (d->rendered)
            new_page(d);
    } else if (strcmp(name, "footnoteReference") == 0 &&
               container_attr(n_attrs, attrs, "id", val, sizeof val)) {
        add_ref(d, REF_FOOTNOTE, val);
    } else if (strcmp(name, "endnoteReference") == 0 &&
               container_attr(n_attrs, attrs, "id", val, sizeof val)) {
        add_ref(d, REF_ENDNOTE, val);
    } else if (strcmp(name, "commentReference") == 0 &&
               container_attr(n_attrs, attrs, "id", val, sizeof val)) {
        add_ref(d, REF_COMMENT, val);
    }
}

/* A note or comment of a notes part: filed with its reference. */
static void note_start(docx *d, const char *name, int n_attrs, const char **attrs)
{
    char val[DOCX_ID_MAX];
    int kind = d->note_kind;
    int is_note = (kind == REF_FOOTNOTE && strcmp(name, "footnote") == 0) ||
                  (kind == REF_ENDNOTE && strcmp(name, "endnote") == 0) ||
                  (kind == REF_COMMENT && strcmp(name, "comment") == 0);
    if (!is_note)
        return;
    /* separators are the line above the notes, not a note */
    if (kind != REF_COMMENT && container_attr(n_attrs, attrs, "type", val, sizeof val) &&
        strcmp(val, "normal") != 0) {
        d->skip = 1;
        return;
    }
    const docx_ref *r =
        container_attr(n_attrs, attrs, "id", val, sizeof val) ? find_ref(d, kind, val) : NULL;
    extract_flow_sink_to(&d->flow, FLOW_ASIDE, r ? r->page : 0, r ? r->heading : NULL);
}

static void part_start(void *user, const char *name, const char *uri, int n_attrs,
                       const char **attrs)
{
    docx *d = user;
    if (!d->skip && d->note_kind >= 0 && is_w(uri)) {
        note_start(d, name, n_attrs, attrs);
        if (d->skip)
            return;
    }
    text_start(user, name, uri, n_attrs, attrs);
}

static void part_end(void *user, const char *name, const char *uri)
{
    docx *d = user;
    if (d->skip) {
        d->skip--;
        return;
    }
    if (!is_w(uri))
        return;
    if (strcmp(name, "t") == 0) {
        d->in_t = 0;
    } else if (strcmp(name, "r") == 0 && d->in_r) {
        d->in_r--;
    } else if (strcmp(name, "pPr") == 0 && d->in_ppr) {
        d->in_ppr--;
    } else if (strcmp(name, "p") == 0 && d->depth) {
        int slot = open_slot(d);
        const char *text = extract_flow_end(&d->flow, d->level[slot], d->para_page[slot]);
        if (d->title_style[slot] && !d->title && text[0] && d->note_kind < 0)
            d->title = buf_xstrndup(text, strlen(text));
        d->depth--;
    }
}

static void part_text(void *user, const char *s, size_t len)
{
    docx *d = user;
    if (d->in_t && !d->skip)
        extract_flow_text(&d->flow, s, len);
}

static const container_sax part_sax = {part_start, part_end, part_text};

/* Parses one text part into the flow, with paragraphs going to sink. */
static int read_part(container *c, docx *d, const char *name, extract_flow_sink sink, int note_kind,
                     char *err, size_t errlen)
{
    d->note_kind = note_kind;
    d->skip = d->in_t = d->in_r = d->in_ppr = d->depth = 0;
    extract_flow_sink_to(&d->flow, sink, 0, NULL);
    int rc = container_parse_xml(c, name, 0, &part_sax, d, err, errlen);
    while (d->depth) {
        extract_flow_end(&d->flow, 0, d->page);
        d->depth--;
    }
    extract_flow_sink_to(&d->flow, FLOW_BODY, 0, NULL);
    return rc;
}

int extract_docx(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    container *c = container_open(data, len, NULL, err, errlen);
    if (!c)
        return EXTRACT_EFORMAT;
    int rc = EXTRACT_EFORMAT;
    docx_rels pkg = {0}, rels = {0};
    container_meta meta = {0};
    docx d;
    memset(&d, 0, sizeof d);
    extract_flow_init(&d.flow, doc);
    char *main_xml = NULL;
    size_t main_len = 0;

    if (read_rels(c, "", &pkg, err, errlen) != 0)
        goto done;
    const char *main = rel_target(&pkg, "officeDocument");
    if (!main && container_has(c, "word/document.xml"))
        main = "word/document.xml";
    if (!main || !container_has(c, main)) {
        snprintf(err, errlen, "not a Word document (no main document part)");
        goto done;
    }
    if (read_rels(c, main, &rels, err, errlen) != 0)
        goto done;
    const char *styles = rel_target(&rels, "styles");
    if (styles && container_parse_xml(c, styles, 1, &styles_sax, &d.styles, err, errlen) != 0)
        goto done;

    /* Word records where it last broke pages; without that, hard breaks. */
    if (container_read(c, main, &main_xml, &main_len, err, errlen) != 0)
        goto done;
    d.rendered = memmem(main_xml, main_len, "lastRenderedPageBreak/>", 23) != NULL;
    d.page = d.rendered || memmem(main_xml, main_len, "\"page\"", 6) ||
             memmem(main_xml, main_len, "pageBreakBefore", 15);
    d.note_kind = -1;
    if (container_parse_xml_buffer(main_xml, main_len, main, &part_sax, &d, err, errlen) != 0)
        goto done;
    int pages = d.page;

    static const struct {
        const char *type;
        int kind;
    } notes[] = {{"footnotes", REF_FOOTNOTE}, {"endnotes", REF_ENDNOTE}, {"comments", REF_COMMENT}};
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        const char *part = rel_target(&rels, notes[i].type);
        if (part && container_has(c, part) &&
            read_part(c, &d, part, FLOW_ASIDE, notes[i].kind, err, errlen) != 0)
            goto done;
    }
    for (size_t i = 0; i < rels.n; i++) {
        if ((strcmp(rels.v[i].type, "header") == 0 || strcmp(rels.v[i].type, "footer") == 0) &&
            container_has(c, rels.v[i].target) &&
            read_part(c, &d, rels.v[i].target, FLOW_FURNITURE, -1, err, errlen) != 0)
            goto done;
    }
    if (extract_flow_finish(&d.flow, err, errlen) != 0)
        goto done;
    doc->pages = pages;

    const char *core = rel_target(&pkg, "core-properties");
    if (core && container_parse_xml(c, core, 1, &container_meta_sax, &meta, err, errlen) != 0)
        goto done;
    extract_flow_title(&d.flow, meta.title, d.title);
    extract_doc_apply_meta(doc, NULL, meta.author, meta.about, meta.date);
    doc->keywords = meta.keywords;
    meta.keywords = NULL;
    rc = EXTRACT_OK;
done:
    free(main_xml);
    container_meta_free(&meta);
    for (size_t i = 0; i < d.n_refs; i++)
        free(d.refs[i].heading);
    free(d.refs);
    free(d.styles.v);
    free(d.title);
    extract_flow_free(&d.flow);
    rels_free(&pkg);
    rels_free(&rels);
    container_close(c);
    return rc;
}
