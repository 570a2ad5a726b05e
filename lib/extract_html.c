/* extract_html: web pages through libxml2's HTML parser (no network, no
 * external entities, errors silenced). Decodes to UTF-8 first (BOM, then
 * <meta charset> / http-equiv unless the bytes are plainly UTF-8, then
 * UTF-8 when valid, else Windows-1252);
 * keeps the page's content — <main>, else the <article>s, else <body> —
 * minus scripts, navigation, page header/footer, asides and cookie banners;
 * <title>, meta description and h1–h6 become fields, h1–h6 cut chunks.
 * The DOM is walked iteratively: deep nesting cannot exhaust the stack. */
#include "extract_formats.h"

#include "buf.h"
#include "datefind.h"
#include "text.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHARSET_SCAN 4096 /* bytes searched for a <meta> charset */

/* The value of the first « charset= » inside a <meta …> tag in the first
 * bytes, copied into out; 0 when there is none. */
static int sniff_charset(const char *s, size_t len, char *out, size_t outlen)
{
    if (len > CHARSET_SCAN)
        len = CHARSET_SCAN;
    for (size_t i = 0; i + 5 < len; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        const char *end = memchr(s + i, '>', len - i);
        size_t tag_end = end ? (size_t)(end - s) : len;
        for (size_t j = i + 5; j + 8 <= tag_end; j++) {
            if (strncasecmp(s + j, "charset", 7) != 0)
                continue;
            size_t k = j + 7;
            while (k < tag_end && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (k >= tag_end || s[k] != '=')
                continue;
            k++;
            while (k < tag_end && (s[k] == ' ' || s[k] == '"' || s[k] == '\''))
                k++;
            size_t n = 0;
            while (k < tag_end && n + 1 < outlen &&
                   (g_ascii_isalnum(s[k]) || strchr("-_.:", s[k]))) {
                out[n++] = g_ascii_tolower(s[k]);
                k++;
            }
            out[n] = '\0';
            return n > 0;
        }
    }
    return 0;
}

static int is_latin1_name(const char *cs)
{
    static const char *const names[] = {"iso-8859-1", "iso8859-1", "latin1",       "latin-1",
                                        "l1",         "cp1252",    "windows-1252", "x-cp1252",
                                        "us-ascii",   "ascii",     "iso_8859-1"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(cs, names[i]) == 0)
            return 1;
    return 0;
}

/* The page as UTF-8, enc being text_detect_encoding's answer for it;
 * caller frees. The order: BOM, valid UTF-8 with non-ASCII bytes, declared
 * charset, UTF-8, Windows-1252. */
static char *page_to_utf8(const char *data, size_t len, text_encoding enc, size_t *out_len)
{
    if (enc == TEXT_ENC_UTF8_BOM || enc == TEXT_ENC_UTF16LE || enc == TEXT_ENC_UTF16BE)
        return text_decode(data, len, enc, out_len);
    /* Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares:
     * real Latin-1 text essentially never forms such sequences, while pages
     * saved as UTF-8 under an old Latin-1 <meta> are common. */
    int non_ascii = 0;
    for (size_t i = 0; i < len && !non_ascii; i++)
        non_ascii = (unsigned char)data[i] >= 0x80;
    char cs[40];
    if (!(enc == TEXT_ENC_UTF8 && non_ascii) && sniff_charset(data, len, cs, sizeof cs)) {
        if (is_latin1_name(cs))
            return text_decode(data, len, TEXT_ENC_CP1252, out_len);
        if (strcmp(cs, "utf-8") != 0 && strcmp(cs, "utf8") != 0) {
            gsize written = 0;
            gchar *conv = g_convert(data, (gssize)len, "UTF-8", cs, NULL, &written, NULL);
            if (conv) {
                char *out = text_decode(conv, written, TEXT_ENC_UTF8, out_len);
                g_free(conv);
                return out;
            }
        }
    }
    return text_decode(data, len, enc, out_len);
}

/* What an element is to the walk: a bit for each list it belongs to. */
enum {
    TAG_DROPPED = 1 << 0,      /* left out with its content */
    TAG_SECTIONING = 1 << 1,   /* article, main, section */
    TAG_FRAME = 1 << 2,        /* page header/footer, outside a section */
    TAG_NEVER_BANNER = 1 << 3, /* never taken for a cookie banner */
    TAG_BLOCK = 1 << 4,        /* ends a paragraph */
    TAG_HEADING = 1 << 5,      /* h1-h6: a field and a chunk boundary */
    TAG_PRE = 1 << 6,
    TAG_BR = 1 << 7,
    TAG_TITLE = 1 << 8,
    TAG_META = 1 << 9,
    TAG_BODY = 1 << 10,
    TAG_MAIN = 1 << 11,
    TAG_ARTICLE = 1 << 12,
    TAG_HEAD = 1 << 13,
};

/* Every element name the walk treats apart, in strcmp order (tag_of
 * searches it by halves): one lookup per element instead of a strcmp per
 * name of each list. */
static const struct {
    const char *name;
    int tags;
} tag_table[] = {
    {"address", TAG_BLOCK},
    {"article", TAG_SECTIONING | TAG_NEVER_BANNER | TAG_BLOCK | TAG_ARTICLE},
    {"aside", TAG_DROPPED},
    {"blockquote", TAG_BLOCK},
    {"body", TAG_NEVER_BANNER | TAG_BLOCK | TAG_BODY},
    {"br", TAG_BR},
    {"button", TAG_DROPPED},
    {"canvas", TAG_DROPPED},
    {"caption", TAG_BLOCK},
    {"center", TAG_BLOCK},
    {"dd", TAG_BLOCK},
    {"details", TAG_BLOCK},
    {"dialog", TAG_DROPPED},
    {"div", TAG_BLOCK},
    {"dl", TAG_BLOCK},
    {"dt", TAG_BLOCK},
    {"embed", TAG_DROPPED},
    {"fieldset", TAG_BLOCK},
    {"figcaption", TAG_BLOCK},
    {"figure", TAG_BLOCK},
    {"footer", TAG_FRAME | TAG_BLOCK},
    {"form", TAG_BLOCK},
    {"h1", TAG_BLOCK | TAG_HEADING},
    {"h2", TAG_BLOCK | TAG_HEADING},
    {"h3", TAG_BLOCK | TAG_HEADING},
    {"h4", TAG_BLOCK | TAG_HEADING},
    {"h5", TAG_BLOCK | TAG_HEADING},
    {"h6", TAG_BLOCK | TAG_HEADING},
    {"head", TAG_DROPPED | TAG_HEAD},
    {"header", TAG_FRAME | TAG_BLOCK},
    {"hr", TAG_BLOCK},
    {"html", TAG_NEVER_BANNER | TAG_BLOCK},
    {"iframe", TAG_DROPPED},
    {"legend", TAG_BLOCK},
    {"li", TAG_BLOCK},
    {"main", TAG_SECTIONING | TAG_NEVER_BANNER | TAG_BLOCK | TAG_MAIN},
    {"meta", TAG_META},
    {"nav", TAG_DROPPED},
    {"noscript", TAG_DROPPED},
    {"object", TAG_DROPPED},
    {"ol", TAG_BLOCK},
    {"p", TAG_BLOCK},
    {"pre", TAG_BLOCK | TAG_PRE},
    {"script", TAG_DROPPED},
    {"section", TAG_SECTIONING | TAG_BLOCK},
    {"select", TAG_DROPPED},
    {"style", TAG_DROPPED},
    {"summary", TAG_BLOCK},
    {"svg", TAG_DROPPED},
    {"table", TAG_BLOCK},
    {"tbody", TAG_BLOCK},
    {"td", TAG_BLOCK},
    {"template", TAG_DROPPED},
    {"textarea", TAG_DROPPED},
    {"tfoot", TAG_BLOCK},
    {"th", TAG_BLOCK},
    {"thead", TAG_BLOCK},
    {"title", TAG_TITLE},
    {"tr", TAG_BLOCK},
    {"ul", TAG_BLOCK},
};

/* The TAG_ bits of a node: 0 for anything but an element named in tag_table. */
static int tag_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    const char *name = (const char *)n->name;
    size_t lo = 0, hi = sizeof tag_table / sizeof tag_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, tag_table[mid].name);
        if (c == 0)
            return tag_table[mid].tags;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Whether needle (ASCII, lower case) occurs in s, ASCII case ignored:
 * strcasestr in the C locale, without its set-up for long needles. */
static int ascii_contains(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++) {
        size_t k = 0;
        while (k < n && g_ascii_tolower(s[k]) == needle[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* Attribute value (owned by the caller, xmlFree) or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    /* An HTML page declares no attribute defaults: no attribute, no value. */
    if (!n->properties)
        return NULL;
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_contains(const xmlNode *n, const char *name, const char *const *needles)
{
    char *v = attr(n, name);
    if (!v)
        return 0;
    int hit = 0;
    for (; *needles && !hit; needles++)
        hit = ascii_contains(v, *needles);
    xmlFree(v);
    return hit;
}

static int attr_is(const xmlNode *n, const char *name, const char *const *values)
{
    char *v = attr(n, name);
    if (!v)
        return 0;
    int hit = 0;
    for (; *values && !hit; values++)
        hit = strcasecmp(v, *values) == 0;
    xmlFree(v);
    return hit;
}

static const char *const dropped_roles[] = {"navigation",    "banner", "contentinfo", "search",
                                            "complementary", "menu",   "menubar",     "dialog",
                                            "alertdialog",   NULL};
static const char *const banner_words[] = {"cookie", "consent", "gdpr", "rgpd", NULL};

/* Whether an element is left out of the text. in_section: inside an
 * article/main/section, where <header>/<footer> belong to the content.
 * lenient: keep hidden elements and cookie-looking ids and classes (a last
 * try for pages whose wrapper is hidden until a script runs, or carries
 * such a class); <html>, <body>, <main>, <article> are never dropped so.
 * tags: tag_of(n). */
static int is_dropped(const xmlNode *n, int tags, int in_section, int lenient)
{
    static const char *const yes[] = {"true", NULL};
    static const char *const hidden_styles[] = {"display:none", "display: none",
                                                "visibility:hidden", "visibility: hidden", NULL};
    if (n->type != XML_ELEMENT_NODE)
        return n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE;
    if (tags & TAG_DROPPED)
        return 1;
    if (!in_section && (tags & TAG_FRAME))
        return 1;
    /* Most elements have no attribute: nothing more to look at. */
    if (!n->properties)
        return 0;
    if (attr_is(n, "role", dropped_roles))
        return 1;
    if (lenient || (tags & TAG_NEVER_BANNER))
        return 0;
    return attr_is(n, "aria-hidden", yes) || xmlHasProp(n, (const xmlChar *)"hidden") ||
           attr_contains(n, "style", hidden_styles) || attr_contains(n, "id", banner_words) ||
           attr_contains(n, "class", banner_words);
}

typedef struct {
    extract_doc *doc;
    buf section;          /* raw text of the current section */
    char *heading;        /* current section heading, normalised */
    buf headings;         /* all headings, "\n"-separated */
    size_t heading_start; /* offset in section where the open heading began */
    int in_heading;
    int in_pre;
    int in_section;
    int lenient;
} walker;

static void flush(walker *w)
{
    if (!w->section.len)
        return;
    char *norm = text_normalize(w->section.data, w->section.len, TEXT_PARAGRAPHS);
    if (norm[0]) {
        extract_doc_add_text(w->doc, 0, w->heading, norm, EXTRACT_CHUNK_TARGET);
    }
    free(norm);
    buf_clear(&w->section);
}

/* A section holding nothing but its heading (« À la une » followed by a
 * sub-heading) is carried into the next one rather than made a chunk. */
static int section_is_heading_only(const walker *w)
{
    if (!w->heading || !w->section.len)
        return 0;
    char *norm = text_normalize(w->section.data, w->section.len, TEXT_ONE_LINE);
    int same = strcmp(norm, w->heading) == 0;
    free(norm);
    return same;
}

/* Appends a text node, its whitespace runs collapsed (kept in <pre>). */
static void put_text(walker *w, const char *s)
{
    if (w->in_pre) {
        buf_puts(&w->section, s);
        return;
    }
    int space = 0;
    while (*s) {
        size_t word = strcspn(s, " \t\n\r\f");
        if (word) {
            if (space)
                buf_putc(&w->section, ' ');
            buf_append(&w->section, s, word);
            s += word;
        }
        /* Only the text's first run can be blank without a word before
         * it: whitespace is pending exactly when a blank run ends here. */
        size_t blank = strspn(s, " \t\n\r\f");
        space = blank > 0;
        s += blank;
    }
    if (space)
        buf_putc(&w->section, ' ');
}

/* Returns 1 when the walk should descend into n. */
static int enter(walker *w, xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            put_text(w, (const char *)n->content);
        return 0;
    }
    int tags = tag_of(n);
    if (is_dropped(n, tags, w->in_section, w->lenient))
        return 0;
    if (tags & TAG_SECTIONING)
        w->in_section++;
    if (tags & TAG_PRE)
        w->in_pre++;
    if (tags & TAG_BR) {
        buf_putc(&w->section, '\n');
    } else if ((tags & TAG_HEADING) && !w->in_heading++) {
        if (!section_is_heading_only(w))
            flush(w);
        buf_puts(&w->section, "\n\n");
        w->heading_start = w->section.len;
    } else if (tags & TAG_BLOCK) {
        buf_puts(&w->section, "\n\n");
    }
    return 1;
}

static void leave(walker *w, xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return;
    int tags = tag_of(n);
    if (tags & TAG_SECTIONING)
        w->in_section--;
    if (tags & TAG_PRE)
        w->in_pre--;
    if ((tags & TAG_HEADING) && w->in_heading && !--w->in_heading) {
        char *h = text_normalize(w->section.data + w->heading_start,
                                 w->section.len - w->heading_start, TEXT_ONE_LINE);
        if (h[0]) {
            free(w->heading);
            w->heading = h;
            if (w->headings.len)
                buf_putc(&w->headings, '\n');
            buf_puts(&w->headings, h);
        } else {
            free(h);
        }
    }
    if (tags & TAG_BLOCK)
        buf_puts(&w->section, "\n\n");
}

static void walk(walker *w, xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        int descend = enter(w, n);
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend)
            leave(w, n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(w, n);
        }
        if (n == root)
            break;
        n = n->next;
    }
}

/* What the first pass over the whole tree finds. */
typedef struct {
    xmlNode *title, *body, *main;
    xmlNode **articles;
    size_t n_articles, cap_articles;
    char *description; /* xmlFree */
    char *og_title;    /* xmlFree */
    char *meta_date;   /* xmlFree */
} page_parts;

static void keep_meta(char **slot, xmlNode *n)
{
    if (*slot)
        return;
    *slot = attr(n, "content");
}

static void look_at_meta(page_parts *p, xmlNode *n)
{
    static const char *const desc[] = {"description", NULL};
    static const char *const og_desc[] = {"og:description", NULL};
    static const char *const og_title[] = {"og:title", NULL};
    static const char *const dates[] = {"date",           "dc.date",
                                        "dcterms.date",   "dc.date.issued",
                                        "dcterms.issued", "article:published_time",
                                        "datepublished",  NULL};
    if (attr_is(n, "name", desc) || attr_is(n, "property", og_desc))
        keep_meta(&p->description, n);
    if (attr_is(n, "property", og_title))
        keep_meta(&p->og_title, n);
    if (attr_is(n, "name", dates) || attr_is(n, "property", dates) || attr_is(n, "itemprop", dates))
        keep_meta(&p->meta_date, n);
}

static void find_parts(page_parts *p, xmlNode *root)
{
    static const char *const main_role[] = {"main", NULL};
    xmlNode *n = root;
    while (n) {
        int descend = n->type == XML_ELEMENT_NODE;
        if (descend) {
            int tags = tag_of(n);
            if ((tags & TAG_TITLE) && !p->title)
                p->title = n;
            else if (tags & TAG_META)
                look_at_meta(p, n);
            else if ((tags & TAG_BODY) && !p->body)
                p->body = n;
            if (!(tags & TAG_HEAD) && is_dropped(n, tags, 0, 0)) {
                descend = 0;
            } else if (((tags & TAG_MAIN) || attr_is(n, "role", main_role)) && !p->main) {
                p->main = n;
            } else if (tags & TAG_ARTICLE) {
                if (p->n_articles == p->cap_articles) {
                    p->cap_articles = p->cap_articles ? p->cap_articles * 2 : 4;
                    p->articles = g_renew(xmlNode *, p->articles, p->cap_articles);
                }
                p->articles[p->n_articles++] = n;
                descend = 0;
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
}

/* "Questions fréquentes | Ensemble contre la traite" → "Questions
 * fréquentes": a page title usually ends with the site's name after " | ",
 * the same on every page; it says nothing of the page and, weighed as a
 * title, would lift every page of the site for the site's own words. */
static void strip_site_name(char *title)
{
    char *bar = NULL;
    for (char *p = strstr(title, " | "); p; p = strstr(p + 1, " | "))
        bar = p;
    if (bar && bar > title)
        *bar = '\0';
}

/* Concatenated text of a subtree (for <title>), normalised to one line. */
static char *node_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *t =
        text_normalize(c ? (const char *)c : "", c ? strlen((const char *)c) : 0, TEXT_ONE_LINE);
    xmlFree(c);
    return t;
}

static char *normalized_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *t = text_normalize(s, strlen(s), TEXT_ONE_LINE);
    if (!t[0]) {
        free(t);
        return NULL;
    }
    return t;
}

/* The parser's last error in plain words. */
static void parse_error(htmlParserCtxtPtr ctxt, char *err, size_t errlen)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    const char *msg = e && e->message ? e->message : "";
    if (strstr(msg, "Excessive depth")) {
        snprintf(err, errlen, "HTML nested too deeply to be read");
        return;
    }
    size_t n = strcspn(msg, "\n");
    if (n == 0)
        snprintf(err, errlen, "not parseable as HTML");
    else
        snprintf(err, errlen, "HTML parse error: %.*s", (int)n, msg);
}

int extract_html(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    text_encoding enc = text_detect_encoding(data, len);
    if (enc != TEXT_ENC_UTF16LE && enc != TEXT_ENC_UTF16BE && text_looks_binary(data, len)) {
        snprintf(err, errlen, "binary content, not HTML");
        return EXTRACT_EFORMAT;
    }
    size_t ulen;
    char *utf8 = page_to_utf8(data, len, enc, &ulen);
    if (ulen > INT_MAX) {
        free(utf8);
        snprintf(err, errlen, "HTML page too large");
        return EXTRACT_EFORMAT;
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        free(utf8);
        snprintf(err, errlen, "out of memory for the HTML parser");
        return EXTRACT_EFORMAT;
    }
    /* No HTML_PARSE_HUGE: libxml2 keeps its nesting and size limits. */
    htmlDocPtr html =
        htmlCtxtReadMemory(ctxt, utf8, (int)ulen, NULL, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    free(utf8);
    if (!html) {
        parse_error(ctxt, err, errlen);
        htmlFreeParserCtxt(ctxt);
        return EXTRACT_EFORMAT;
    }
    xmlNode *root = xmlDocGetRootElement(html);
    page_parts parts = {0};
    walker w = {doc, BUF_INIT, NULL, BUF_INIT, 0, 0, 0, 0, 0};
    if (root) {
        find_parts(&parts, root);
        if (parts.main) {
            walk(&w, parts.main);
        } else if (parts.n_articles) {
            for (size_t i = 0; i < parts.n_articles; i++)
                walk(&w, parts.articles[i]);
        }
        flush(&w);
        if (doc->n_chunks == 0) {
            /* no <main>/<article>, or empty ones: the whole body */
            walk(&w, parts.body ? parts.body : root);
            flush(&w);
        }
        if (doc->n_chunks == 0) {
            w.lenient = 1;
            walk(&w, parts.body ? parts.body : root);
            flush(&w);
        }
    }

    char *title = parts.title ? node_text(parts.title) : NULL;
    if (title)
        strip_site_name(title);
    if (!title || !title[0]) {
        free(title);
        title = normalized_or_null(parts.og_title);
    }
    if (!title && w.headings.len) {
        const char *nl = strchr(w.headings.data, '\n');
        title = strndup(w.headings.data, nl ? (size_t)(nl - w.headings.data) : w.headings.len);
    }
    doc->title = title;
    doc->description = normalized_or_null(parts.description);
    if (w.headings.len)
        doc->headings = buf_detach(&w.headings);

    char date[11];
    datefind_strength st = extract_doc_find_date(doc, date);
    char meta[11];
    if (st >= DATEFIND_HEADING)
        doc->date = strdup(date);
    else if (parts.meta_date && datefind_parse(parts.meta_date, strlen(parts.meta_date), meta))
        doc->date = strdup(meta);
    else if (st == DATEFIND_WEAK)
        doc->date = strdup(date);

    xmlFree(parts.description);
    xmlFree(parts.og_title);
    xmlFree(parts.meta_date);
    g_free(parts.articles);
    buf_free(&w.section);
    buf_free(&w.headings);
    free(w.heading);
    xmlFreeDoc(html);
    /* Nothing kept and the parser gave up: its reason says more than « no text ». */
    int rc = EXTRACT_OK;
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    if (doc->n_chunks == 0 && e && e->level == XML_ERR_FATAL) {
        parse_error(ctxt, err, errlen);
        rc = EXTRACT_EFORMAT;
    }
    htmlFreeParserCtxt(ctxt);
    return rc;
}
