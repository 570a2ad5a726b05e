/* extract_html: web pages through libxml2's HTML parser (no network, no
 * external entities, errors silenced), read from the parser's events, never
 * built as a tree, and with no recursion: neither size nor nesting can
 * exhaust memory or the stack. */
#include "extract_formats.h"

#include "buf.h"
#include "datefind.h"
#include "links.h"
#include "text.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Decodes to UTF-8 first (BOM, then <meta charset> / http-equiv unless the
 * bytes are plainly UTF-8, then UTF-8 when valid, else Windows-1252); keeps
 * the page's content — <main>, else the <article>s, else <body> — minus
 * scripts, navigation, page header/footer, asides and cookie banners;
 * <title>, meta description and h1–h6 become fields, h1–h6 cut chunks; a
 * reference page's purpose line (DocBook's refpurpose) is its description
 * when it has no meta description, else, on a page that shows code, the
 * first sentence of the paragraph under its h1. A libxml2 tree takes 10 to
 * 20 times the page's bytes. */

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

/* The page as UTF-8, enc being text_detect_encoding's answer for it: a
 * copy the caller frees, stored in *copy, or data itself (*copy NULL).
 * The order: BOM, valid UTF-8 with non-ASCII bytes, declared charset,
 * UTF-8, Windows-1252. */
static const char *page_to_utf8(const char *data, size_t len, text_encoding enc, size_t *out_len,
                                char **copy)
{
    *copy = NULL;
    if (enc == TEXT_ENC_UTF8_BOM || enc == TEXT_ENC_UTF16LE || enc == TEXT_ENC_UTF16BE)
        return *copy = text_decode(data, len, enc, out_len);
    /* Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares:
     * real Latin-1 text essentially never forms such sequences, while pages
     * saved as UTF-8 under an old Latin-1 <meta> are common. */
    int non_ascii = 0;
    for (size_t i = 0; i < len && !non_ascii; i++)
        non_ascii = (unsigned char)data[i] >= 0x80;
    char cs[40];
    if (!(enc == TEXT_ENC_UTF8 && non_ascii) && sniff_charset(data, len, cs, sizeof cs)) {
        if (is_latin1_name(cs))
            return *copy = text_decode(data, len, TEXT_ENC_CP1252, out_len);
        if (strcmp(cs, "utf-8") != 0 && strcmp(cs, "utf8") != 0) {
            gsize written = 0;
            gchar *conv = g_convert(data, (gssize)len, "UTF-8", cs, NULL, &written, NULL);
            if (conv) {
                *copy = text_decode(conv, written, TEXT_ENC_UTF8, out_len);
                g_free(conv);
                return *copy;
            }
        }
    }
    /* UTF-8 as detected is valid and has no BOM: decoding would copy it as
     * it is. */
    if (enc == TEXT_ENC_UTF8) {
        *out_len = len;
        return data;
    }
    return *copy = text_decode(data, len, enc, out_len);
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
    TAG_HIDDEN = 1 << 14,  /* has the hidden attribute (set from it, not from the name) */
    TAG_PURPOSE = 1 << 15, /* a reference page's purpose line (set from its class) */
    TAG_H1 = 1 << 16,
    TAG_PARA = 1 << 17, /* p: a lead paragraph */
    TAG_CODE = 1 << 18, /* code, pre: the page shows code */
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
    {"code", TAG_CODE},
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
    {"h1", TAG_BLOCK | TAG_HEADING | TAG_H1},
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
    {"p", TAG_BLOCK | TAG_PARA},
    {"pre", TAG_BLOCK | TAG_PRE | TAG_CODE},
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

/* The TAG_ bits of an element name: 0 for a name not in tag_table. */
static int tag_of(const char *name)
{
    if (!name)
        return 0;
    size_t lo = 0, hi = sizeof tag_table / sizeof tag_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        /* strcmp's order; most probes are settled by the first letter */
        int c = (unsigned char)name[0] - (unsigned char)tag_table[mid].name[0];
        if (c == 0 && name[0])
            c = strcmp(name + 1, tag_table[mid].name + 1);
        if (c == 0)
            return tag_table[mid].tags;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* An element as the parser reports its start: name, attributes (name,
 * value pairs, NULL-terminated; a value may be NULL) and tag_of(name); the
 * values of the attributes the walk asks every element about, found in
 * one pass (element_scan; as attr gives them); then what is_dropped learnt
 * of them, worked out on first use (ELEMENT_UNKNOWN until then): the first
 * look and each walker reading the element ask again. */
typedef struct {
    const char *name;
    const xmlChar **atts;
    int tags;
    const char *role, *aria_hidden, *style, *id, *klass, *hidden, *href;
    int dropped_role; /* a role of dropped_roles */
    int aria_true;    /* aria-hidden="true" */
    int banner;       /* a hidden style, or an id or class of banner_words */
} element;

#define ELEMENT_UNKNOWN (-1)

/* Whether one of needles (ASCII, lower case, NULL-terminated) occurs in s,
 * ASCII case ignored: strcasestr in the C locale, without its set-up for
 * long needles, for all of them in one pass over s. */
static int ascii_contains_any(const char *s, const char *const *needles)
{
    for (; *s; s++) {
        char c = text_ascii_lower(*s); /* inline: a call per byte was over half the time */
        for (const char *const *n = needles; *n; n++) {
            const char *needle = *n;
            if (needle[0] != c)
                continue;
            size_t k = 1;
            while (needle[k] && text_ascii_lower(s[k]) == needle[k])
                k++;
            if (!needle[k])
                return 1;
        }
    }
    return 0;
}

/* Attribute value, "" for an attribute without one (as libxml2's tree
 * gives it), NULL when absent. Points into the parser's event. */
static const char *attr(const element *e, const char *name)
{
    for (const xmlChar **a = e->atts; a && a[0]; a += 2)
        if (strcmp((const char *)a[0], name) == 0)
            return a[1] ? (const char *)a[1] : "";
    return NULL;
}

/* Fills e's role … href (NULL: absent). */
static void element_scan(element *e)
{
    for (const xmlChar **a = e->atts; a && a[0]; a += 2) {
        const char *n = (const char *)a[0];
        const char **slot = NULL;
        switch (n[0]) {
        case 'a':
            slot = strcmp(n, "aria-hidden") == 0 ? &e->aria_hidden : NULL;
            break;
        case 'c':
            slot = strcmp(n, "class") == 0 ? &e->klass : NULL;
            break;
        case 'h':
            slot = strcmp(n, "href") == 0 ? &e->href : strcmp(n, "hidden") == 0 ? &e->hidden : NULL;
            break;
        case 'i':
            slot = strcmp(n, "id") == 0 ? &e->id : NULL;
            break;
        case 'r':
            slot = strcmp(n, "role") == 0 ? &e->role : NULL;
            break;
        case 's':
            slot = strcmp(n, "style") == 0 ? &e->style : NULL;
            break;
        default:
            break;
        }
        if (slot && !*slot)
            *slot = a[1] ? (const char *)a[1] : "";
    }
}

static int value_contains(const char *v, const char *const *needles)
{
    return v && ascii_contains_any(v, needles);
}

/* Whether v (may be NULL) is one of values, ASCII case ignored. */
static int value_is(const char *v, const char *const *values)
{
    if (!v)
        return 0;
    int hit = 0;
    for (; *values && !hit; values++)
        hit = strcasecmp(v, *values) == 0;
    return hit;
}

static int attr_is(const element *e, const char *name, const char *const *values)
{
    return value_is(attr(e, name), values);
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
 * keep_hidden: an element with the hidden attribute is the walker's to
 * set apart (walker.hidden), not left out. aria-hidden marks what a screen
 * reader skips (icons, decoration) and an inline display:none a menu, a
 * template or a honeypot: left out. */
static int is_dropped(element *e, int in_section, int lenient, int keep_hidden)
{
    static const char *const yes[] = {"true", NULL};
    static const char *const hidden_styles[] = {"display:none", "display: none",
                                                "visibility:hidden", "visibility: hidden", NULL};
    if (e->tags & TAG_DROPPED)
        return 1;
    if (!in_section && (e->tags & TAG_FRAME))
        return 1;
    /* Most elements have no attribute: nothing more to look at. */
    if (!e->atts || !e->atts[0])
        return 0;
    if (e->dropped_role == ELEMENT_UNKNOWN)
        e->dropped_role = value_is(e->role, dropped_roles);
    if (e->dropped_role)
        return 1;
    if (lenient || (e->tags & TAG_NEVER_BANNER))
        return 0;
    if (e->aria_true == ELEMENT_UNKNOWN)
        e->aria_true = value_is(e->aria_hidden, yes);
    if (e->aria_true || (!keep_hidden && (e->tags & TAG_HIDDEN)))
        return 1;
    if (e->banner == ELEMENT_UNKNOWN)
        e->banner = value_contains(e->style, hidden_styles) ||
                    value_contains(e->id, banner_words) || value_contains(e->klass, banner_words);
    return e->banner;
}

/* The text of one part of the page (its <main>, its articles, its body)
 * as the parser's events go by: the part's elements are entered and left
 * in document order, those left out skipped with their content. */
typedef enum {
    WALK_WAITING = 0, /* its part has not started (or, articles: the next one) */
    WALK_IN,
    WALK_DONE,
} walk_state;

/* Where the walk is with the lead paragraph: the first p after the first
 * h1, when no other heading comes between them. */
typedef enum {
    LEAD_BEFORE_H1 = 0,
    LEAD_AFTER_H1,
    LEAD_DONE,
} lead_state;

typedef struct {
    extract_doc doc;      /* its chunks */
    buf section;          /* raw text of the current section */
    char *heading;        /* current section heading, normalised */
    buf headings;         /* all headings, "\n"-separated */
    size_t heading_start; /* offset in section where the open heading began */
    int in_heading;
    size_t purpose_start; /* offset in section where the open purpose line began */
    int in_purpose;
    char *purpose; /* the first purpose line (TAG_PURPOSE), normalised */
    int npurpose;  /* purpose lines met */
    lead_state lead_state;
    size_t lead_start; /* offset in section where the lead paragraph began */
    int in_lead;
    char *lead;     /* the lead paragraph's first sentence, normalised */
    int shows_code; /* met a code or pre element */
    int in_pre;
    int in_section;
    int lenient;
    /* Elements with the hidden attribute (not lenient): what a click or a
     * script shows. One that is or holds a block is text of its own (an
     * accordion's answer, a tab panel, LibreOffice's help for one module:
     * « Mots : Nombre de mots » only in Writer's): it goes to hidden_text,
     * indexed apart, its headings neither the page's headings nor chunk
     * boundaries. A hidden run of inline text is an alternative to the
     * words beside it (« Commande » for « Ctrl » on a Mac) and is left
     * out, as every hidden element was before (docs/ANALYSIS.md). */
    size_t hidden;    /* > 0: inside so many of them */
    int hidden_block; /* the outermost one is or holds a block */
    buf shown;        /* the section, set aside while inside them */
    buf hidden_text;  /* their text, normalised, paragraphs one per line */
    walk_state state;
    size_t base;       /* depth of the part's element */
    size_t skip;       /* > 0: inside an element left out, so many levels deep */
    int root_only;     /* the walk ends with its part (not for articles, nor the root) */
    size_t parts;      /* parts entered */
    int first_dropped; /* the first part's element itself was left out */
    int root_part;     /* the part is the root: its walk goes on into the
                        * top-level elements put in it */
} walker;

static void flush(walker *w)
{
    if (!w->section.len)
        return;
    char *norm = text_normalize(w->section.data, w->section.len, TEXT_PARAGRAPHS);
    if (norm[0]) {
        extract_doc_add_text(&w->doc, 0, w->heading, norm, EXTRACT_CHUNK_TARGET);
    }
    free(norm);
    buf_clear(&w->section);
}

static void walker_free(walker *w)
{
    extract_doc_free(&w->doc);
    buf_free(&w->section);
    buf_free(&w->shown);
    buf_free(&w->hidden_text);
    buf_free(&w->headings);
    free(w->heading);
    w->heading = NULL;
    free(w->purpose);
    w->purpose = NULL;
    free(w->lead);
    w->lead = NULL;
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

/* Returns 1 when the walk should descend into e. */
static int enter(walker *w, element *e)
{
    int tags = e->tags;
    if (is_dropped(e, w->in_section, w->lenient, 1))
        return 0;
    if ((tags & TAG_HIDDEN) && !w->lenient && !w->hidden++) {
        w->shown = w->section;
        w->section = (buf)BUF_INIT;
        w->hidden_block = 0;
    }
    if (w->hidden && (tags & (TAG_BLOCK | TAG_BR | TAG_HEADING)))
        w->hidden_block = 1;
    if (tags & TAG_SECTIONING)
        w->in_section++;
    if (tags & TAG_PRE)
        w->in_pre++;
    if (tags & TAG_BR) {
        buf_putc(&w->section, '\n');
    } else if ((tags & TAG_HEADING) && !w->hidden && !w->in_heading++) {
        if (!section_is_heading_only(w))
            flush(w);
        buf_puts(&w->section, "\n\n");
        w->heading_start = w->section.len;
    } else if (tags & (TAG_BLOCK | TAG_HEADING)) {
        buf_puts(&w->section, "\n\n");
    }
    if ((tags & TAG_PURPOSE) && !w->hidden && !w->in_heading && !w->in_purpose++)
        w->purpose_start = w->section.len;
    if (tags & TAG_CODE)
        w->shows_code = 1;
    if ((tags & TAG_HEADING) && !(tags & TAG_H1) && w->lead_state == LEAD_AFTER_H1)
        w->lead_state = LEAD_DONE;
    if ((tags & TAG_PARA) && w->lead_state == LEAD_AFTER_H1 && !w->hidden && !w->in_lead++)
        w->lead_start = w->section.len;
    return 1;
}

/* Leaves the outermost hidden element: its text joins hidden_text when
 * it is or holds a block. */
static void hidden_end(walker *w)
{
    char *norm =
        text_normalize(w->section.data ? w->section.data : "", w->section.len, TEXT_PARAGRAPHS);
    if (norm[0] && w->hidden_block) {
        if (w->hidden_text.len)
            buf_putc(&w->hidden_text, '\n');
        buf_puts(&w->hidden_text, norm);
    }
    free(norm);
    buf_free(&w->section);
    w->section = w->shown;
    w->shown = (buf)BUF_INIT;
}

/* Whether the word that ends at the full stop dot (s <= dot) is an
 * initial or a short abbreviation that a name or a figure follows
 * (« Donald E. Knuth », « M. Dupont », « cf. la page », « fig. 3 »): that
 * full stop ends no sentence. */
static int abbreviation_stop(const char *s, const char *dot)
{
    static const char *const words[] = {"M",   "MM",  "Mme", "Mmes", "Mlle", "Dr",   "Pr",
                                        "St",  "Ste", "cf",  "ex",   "fig",  "chap", "vol",
                                        "art", "al",  "env", "pp",   "éd"};
    const char *w = dot;
    while (w > s && w[-1] != ' ' && w[-1] != '(')
        w--;
    size_t n = (size_t)(dot - w);
    if (n == 1 && isalpha((unsigned char)w[0]))
        return 1;
    if (n == 2 && (unsigned char)w[0] >= 0xc0) /* one accented letter: « É. » */
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n))
            return 1;
    return 0;
}

/* Cuts s after its first full stop followed by a space: « Renvoie le
 * nombre de caractères d'une chaîne. » and not what follows (a lead
 * paragraph's further sentences are details: « Vous devez dans un premier
 * temps déclarer une variable… »). « If...Then...Else » is not cut, nor
 * an initial or an abbreviation (abbreviation_stop). */
static void first_sentence(char *s)
{
    for (char *q = s; (q = strchr(q, '.')) != NULL; q++) {
        if (q[1] == ' ' && !abbreviation_stop(s, q)) {
            q[1] = '\0';
            return;
        }
    }
}

/* What the walk wrote to its section since byte start (a heading, a
 * purpose line, a lead paragraph), normalised on one line; NULL when
 * that is empty. */
static char *section_line(const walker *w, size_t start)
{
    char *h = text_normalize(w->section.data + start, w->section.len - start, TEXT_ONE_LINE);
    if (h[0])
        return h;
    free(h);
    return NULL;
}

static void leave(walker *w, int tags)
{
    if (tags & TAG_SECTIONING)
        w->in_section--;
    if (tags & TAG_PRE)
        w->in_pre--;
    if ((tags & TAG_HEADING) && !w->hidden && w->in_heading && !--w->in_heading) {
        char *h = section_line(w, w->heading_start);
        if (h) {
            free(w->heading);
            w->heading = h;
            if (w->headings.len)
                buf_putc(&w->headings, '\n');
            buf_puts(&w->headings, h);
        }
    }
    if ((tags & TAG_PURPOSE) && w->in_purpose && !--w->in_purpose &&
        w->section.len > w->purpose_start) {
        char *h = section_line(w, w->purpose_start);
        if (h && !w->npurpose++)
            w->purpose = h;
        else
            free(h);
    }
    if ((tags & TAG_H1) && !w->hidden && w->lead_state == LEAD_BEFORE_H1)
        w->lead_state = LEAD_AFTER_H1;
    if ((tags & TAG_PARA) && w->in_lead && !--w->in_lead && w->lead_state == LEAD_AFTER_H1 &&
        w->section.len > w->lead_start) {
        char *h = section_line(w, w->lead_start);
        if (h) {
            first_sentence(h);
            w->lead = h;
            w->lead_state = LEAD_DONE;
        }
    }
    if (tags & (TAG_BLOCK | (w->hidden ? TAG_HEADING : 0)))
        buf_puts(&w->section, "\n\n");
    if ((tags & TAG_HIDDEN) && !w->lenient && w->hidden && !--w->hidden)
        hidden_end(w);
}

/* An element starts at depth (elements open around it); is_part: it is
 * the walker's part (or, for the articles' walker, one of them); is_root:
 * it is the root; later: a top-level element put in the root. */
static void walker_start(walker *w, element *e, size_t depth, int is_part, int is_root, int later)
{
    int first = 0;
    if (w->state == WALK_WAITING && (is_part || (later && w->root_part && !w->first_dropped))) {
        w->state = WALK_IN;
        w->base = depth;
        first = !w->parts++;
        w->root_part |= is_part && is_root;
    } else if (w->state != WALK_IN) {
        return;
    }
    if (w->skip) {
        w->skip++;
        return;
    }
    if (!enter(w, e)) {
        w->skip = 1;
        w->first_dropped |= first;
    }
}

/* A walker whose text can no longer be used. */
static void walker_stop(walker *w)
{
    w->state = WALK_DONE;
    extract_doc_free(&w->doc);
    buf_free(&w->section);
}

static void walker_end(walker *w, int tags, size_t depth)
{
    if (w->state != WALK_IN)
        return;
    if (w->skip)
        w->skip--;
    else
        leave(w, tags);
    if (depth == w->base && !w->skip)
        w->state = w->root_only && !w->root_part ? WALK_DONE : WALK_WAITING;
}

static void walker_text(walker *w, const char *s)
{
    if (w->state == WALK_IN && !w->skip)
        put_text(w, s);
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

/* Which walkers a pass over the page runs. */
enum {
    PASS_PARTS = 0, /* <main>, the articles, the strict <body> */
    PASS_WHOLE,     /* the body (or the whole page), strict and lenient */
};

/* One pass of the parser over the page. The page is read from its events,
 * never held as a tree: libxml2's tree of a page takes 10 to 20 times the
 * page's bytes. Which elements count and where text runs end are those of
 * the tree libxml2 would have built (its xmlSAX2 builder), but not its
 * limits: that builder stops at 256 levels of nesting and cuts a text
 * node at 10 MB, which silently lost the rest of such a page; the events
 * cost no tree and the walk no recursion, so the page is read whole
 * (110 MB nested 10 million deep: 7 s, 392 MB, every word kept). The
 * elements are those the tree would have under its
 * root: an element at top level after the root goes into the root when
 * the document's first node is the root, else beside it (left out). */
typedef struct {
    htmlParserCtxtPtr ctxt;
    int pass;
    int started; /* the document started (the tree would exist) */
    int fatal; /* the parse ended on a fatal error: why */
    int oom;   /* libxml2 ran out of memory: why */
    char why[256];
    int *tags; /* tag_of of the open elements */
    size_t depth, cap;
    size_t ordinal; /* elements started so far */
    int first_kind; /* 0: the document has no node yet, 1: the root first, 2: else */
    int in_root;    /* the element at top level is in the root */
    size_t outside; /* > 0: inside a top-level element beside the root */
    buf run;        /* the text node being read */
    int run_cdata;
    /* what a look over the root's elements finds (page_find) */
    size_t find_skip;
    int root_skipped;
    int title_seen, main_seen, body_seen, articles_seen;
    size_t title_depth; /* > 0: inside the title, its depth + 1 */
    buf title;
    char *description, *og_title, *meta_date;
    char *keywords; /* every <meta> keywords' content (extract_keywords_add) */
    size_t body_ordinal, root_ordinal;
    /* the walkers */
    walker main_w, articles_w, body_w; /* PASS_PARTS */
    walker strict_w, lenient_w;        /* PASS_WHOLE */
    size_t target;                     /* PASS_WHOLE: ordinal of the part walked */
    /* PASS_PARTS: every <a href> of the page, wherever it stands (a
     * table of contents is often navigation), as extract_doc.links */
    buf links;
    size_t n_links;
    size_t link_depth; /* > 0: inside a link, its depth + 1 */
    char *link_href;
    buf link_text;
    int link_long; /* its text ran over what is kept of it */
    char *base;    /* the first <base href> */
} page;

static void page_walkers(page *p, walker **ws, size_t *n)
{
    if (p->pass == PASS_PARTS) {
        ws[0] = &p->main_w;
        ws[1] = &p->articles_w;
        ws[2] = &p->body_w;
        *n = 3;
    } else {
        ws[0] = &p->strict_w;
        ws[1] = &p->lenient_w;
        *n = 2;
    }
}

/* Hands the text node read so far to whoever reads it. */
static void page_flush_run(page *p)
{
    if (!p->run.len)
        return;
    if (p->link_depth && p->link_text.len + p->run.len <= 4 * LINKS_TEXT_MAX)
        buf_append(&p->link_text, p->run.data, p->run.len);
    else if (p->link_depth)
        p->link_long = 1;
    if (p->depth > 0 && !p->outside) {
        walker *ws[3];
        size_t n;
        page_walkers(p, ws, &n);
        for (size_t i = 0; i < n; i++)
            walker_text(ws[i], p->run.data);
        if (p->title_depth)
            buf_append(&p->title, p->run.data, p->run.len);
    }
    buf_clear(&p->run);
}

static void keep_meta(char **slot, const element *e)
{
    if (*slot)
        return;
    const char *v = attr(e, "content");
    *slot = v ? g_strdup(v) : NULL;
}

static void look_at_meta(page *p, const element *e)
{
    static const char *const desc[] = {"description", NULL};
    static const char *const og_desc[] = {"og:description", NULL};
    static const char *const og_title[] = {"og:title", NULL};
    static const char *const keywords[] = {"keywords", NULL};
    static const char *const dates[] = {"date",           "dc.date",
                                        "dcterms.date",   "dc.date.issued",
                                        "dcterms.issued", "article:published_time",
                                        "datepublished",  NULL};
    if (attr_is(e, "name", desc) || attr_is(e, "property", og_desc))
        keep_meta(&p->description, e);
    if (attr_is(e, "property", og_title))
        keep_meta(&p->og_title, e);
    /* <meta name="keywords"> in the head, and schema.org's
     * itemprop="keywords" anywhere (LibreOffice's help writes a page's
     * index entries so), each one line */
    const char *v;
    if ((attr_is(e, "name", keywords) || attr_is(e, "itemprop", keywords)) &&
        (v = attr(e, "content")) != NULL)
        extract_keywords_add(&p->keywords, v, strlen(v));
    if (attr_is(e, "name", dates) || attr_is(e, "property", dates) || attr_is(e, "itemprop", dates))
        keep_meta(&p->meta_date, e);
}

/* The first pass's look at an element of the root's tree: the first
 * <title> and <body>, the <meta>s, the first <main>, the articles (not
 * looked into); elements left out are not looked into. Sets *is_main,
 * *is_article, *is_body. */
static void page_find(page *p, element *e, int *is_main, int *is_article, int *is_body)
{
    static const char *const main_role[] = {"main", NULL};
    *is_main = *is_article = *is_body = 0;
    if (p->find_skip) {
        p->find_skip++;
        return;
    }
    int tags = e->tags;
    if ((tags & TAG_TITLE) && !p->title_seen) {
        p->title_seen = 1;
        p->title_depth = p->depth + 1;
    } else if (tags & TAG_META) {
        look_at_meta(p, e);
    } else if ((tags & TAG_BODY) && !p->body_seen) {
        p->body_seen = 1;
        p->body_ordinal = p->ordinal;
        *is_body = 1;
    }
    if (!(tags & TAG_HEAD) && is_dropped(e, 0, 0, 0)) {
        p->find_skip = 1;
    } else if (((tags & TAG_MAIN) || value_is(e->role, main_role)) && !p->main_seen) {
        p->main_seen = 1;
        *is_main = 1;
    } else if (tags & TAG_ARTICLE) {
        p->articles_seen = 1;
        *is_article = 1;
        p->find_skip = 1;
    }
    if (p->find_skip && p->depth == 0)
        p->root_skipped = 1;
}

/* Is e a reference page's purpose line: DocBook's refentry, which the
 * manuals of Scilab, GNOME, PostgreSQL and man pages put to HTML, follows
 * the page's name (« rank », « execstr ») with what it does (« rang »,
 * « exécution d'instructions Scilab contenues dans des chaînes de
 * caractères ») in an element of class "refpurpose": the words a person
 * types, where the title has a function's name. */
static int is_purpose(const element *e)
{
    const char *v = e->klass;
    static const char name[] = "refpurpose";
    for (const char *c = v; c && (c = strstr(c, name)) != NULL; c += sizeof name - 1) {
        char after = c[sizeof name - 1];
        if ((c == v || c[-1] == ' ') && (after == '\0' || after == ' '))
            return 1;
    }
    return 0;
}

/* Ends the link being read: its href and text (whitespace collapsed,
 * case-folded) as a line of p->links. */
static void page_link_end(page *p)
{
    p->link_depth = 0;
    if (p->n_links < LINKS_MAX && strlen(p->link_href) <= LINKS_HREF_MAX) {
        char *key = links_text_key(p->link_text.data ? p->link_text.data : "", p->link_text.len);
        for (const char *h = p->link_href; *h;) {
            size_t n = strcspn(h, "\t\n\r");
            buf_append(&p->links, h, n);
            h += n + (h[n] != '\0');
        }
        buf_putc(&p->links, '\t');
        if (!p->link_long && strlen(key) <= LINKS_TEXT_MAX && !strpbrk(key, "\t\n"))
            buf_puts(&p->links, key);
        buf_putc(&p->links, '\n');
        p->n_links++;
        g_free(key);
    }
    g_free(p->link_href);
    p->link_href = NULL;
    buf_clear(&p->link_text);
    p->link_long = 0;
}

/* The first pass notes the links and the <base> (links.h). */
static void page_link_start(page *p, const element *e)
{
    const char *href;
    if (!e->name || !(href = e->href))
        return;
    if (strcmp(e->name, "a") == 0) {
        if (p->link_depth)
            page_link_end(p);
        p->link_href = g_strdup(href);
        p->link_depth = p->depth + 1;
    } else if (strcmp(e->name, "base") == 0 && !p->base) {
        p->base = g_strdup(href);
    }
}

static void on_start_document(void *ctx)
{
    ((page *)ctx)->started = 1;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    page *p = ctx;
    page_flush_run(p);
    if (p->depth == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->tags = g_renew(int, p->tags, p->cap);
    }
    element e = {.name = (const char *)name,
                 .atts = atts,
                 .tags = tag_of((const char *)name),
                 .dropped_role = ELEMENT_UNKNOWN,
                 .aria_true = ELEMENT_UNKNOWN,
                 .banner = ELEMENT_UNKNOWN};
    if (atts && atts[0]) {
        element_scan(&e);
        if (!(e.tags & TAG_NEVER_BANNER) && e.hidden)
            e.tags |= TAG_HIDDEN;
        if (is_purpose(&e))
            e.tags |= TAG_PURPOSE;
        if (p->pass == PASS_PARTS)
            page_link_start(p, &e);
    }
    p->ordinal++;
    if (p->depth == 0) {
        if (!p->root_ordinal) {
            p->root_ordinal = p->ordinal;
            if (!p->first_kind)
                p->first_kind = 1;
            p->in_root = 1;
        } else {
            p->in_root = p->first_kind == 1;
        }
    }
    if (p->outside || !p->in_root) {
        p->outside++;
        p->tags[p->depth++] = e.tags;
        return;
    }
    /* A top-level element put in the root: a child of the root. */
    int later = p->depth == 0 && p->ordinal != p->root_ordinal;
    int is_main = 0, is_article = 0, is_body = 0;
    if (later && p->root_skipped)
        p->find_skip = 1;
    else
        page_find(p, &e, &is_main, &is_article, &is_body);
    int is_root = p->ordinal == p->root_ordinal;
    if (p->pass == PASS_PARTS) {
        walker_start(&p->main_w, &e, p->depth, is_main, is_root, later);
        walker_start(&p->articles_w, &e, p->depth, is_article, is_root, later);
        walker_start(&p->body_w, &e, p->depth, is_body, is_root, later);
        /* Texts that can no longer be used: the articles once there is a
         * <main>, the body once the <main> has text. */
        if (p->main_seen && p->articles_w.state != WALK_DONE)
            walker_stop(&p->articles_w);
        if (p->main_w.doc.n_chunks && p->body_w.state != WALK_DONE)
            walker_stop(&p->body_w);
    } else {
        int part = p->ordinal == p->target;
        walker_start(&p->strict_w, &e, p->depth, part, is_root, later);
        walker_start(&p->lenient_w, &e, p->depth, part, is_root, later);
    }
    p->tags[p->depth++] = e.tags;
}

/* Closes the innermost open element. */
static void page_end(page *p)
{
    int tags = p->tags[--p->depth];
    if (p->link_depth == p->depth + 1)
        page_link_end(p);
    if (p->outside) {
        p->outside--;
        return;
    }
    if (p->find_skip)
        p->find_skip--;
    if (p->title_depth == p->depth + 1)
        p->title_depth = 0;
    walker *ws[3];
    size_t n;
    page_walkers(p, ws, &n);
    for (size_t i = 0; i < n; i++)
        walker_end(ws[i], tags, p->depth);
}

static void on_end(void *ctx, const xmlChar *name)
{
    page *p = ctx;
    (void)name;
    page_flush_run(p);
    if (p->depth > 0)
        page_end(p);
}

static void on_text(page *p, const char *s, int len, int cdata)
{
    if (p->depth == 0 || len <= 0)
        return;
    if (p->run.len && p->run_cdata != cdata)
        page_flush_run(p);
    p->run_cdata = cdata;
    buf_append(&p->run, s, (size_t)len);
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
    on_text(ctx, (const char *)s, len, 0);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
    on_text(ctx, (const char *)s, len, 1);
}

/* Comments and processing instructions end a text node; at top level
 * before the root, they make the root not the document's first node. */
static void page_other_node(page *p)
{
    page_flush_run(p);
    if (p->depth == 0 && !p->first_kind)
        p->first_kind = 2;
}

static void on_comment(void *ctx, const xmlChar *value)
{
    (void)value;
    page_other_node(ctx);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    (void)target;
    (void)data;
    page_other_node(ctx);
}

/* A DOCTYPE, wherever it is, becomes the document's first node. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
                       const xmlChar *system_id)
{
    page *p = ctx;
    (void)name;
    (void)public_id;
    (void)system_id;
    page_flush_run(p);
    p->first_kind = 2;
}

static void page_free(page *p)
{
    walker *all[] = {&p->main_w, &p->articles_w, &p->body_w, &p->strict_w, &p->lenient_w};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        walker_free(all[i]);
    g_free(p->tags);
    buf_free(&p->run);
    buf_free(&p->title);
    g_free(p->description);
    g_free(p->og_title);
    g_free(p->meta_date);
    free(p->keywords);
    buf_free(&p->links);
    g_free(p->link_href);
    buf_free(&p->link_text);
    g_free(p->base);
}

/* The parser's last error in plain words. */
static void parse_error(htmlParserCtxtPtr ctxt, char *err, size_t errlen)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    const char *msg = e && e->message ? e->message : "";
    size_t n = strcspn(msg, "\n");
    if (n == 0)
        snprintf(err, errlen, "not parseable as HTML");
    else
        snprintf(err, errlen, "HTML parse error: %.*s", (int)n, msg);
}

/* The page as libxml2 reads it: a piece at a time, so that the parser
 * holds a window of it rather than a copy of it whole (and another
 * converted from UTF-8 to UTF-8). */
typedef struct {
    const char *at;
    size_t left;
} page_reader;

static int page_read(void *ctx, char *out, int len)
{
    page_reader *r = ctx;
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > r->left)
        n = r->left;
    memcpy(out, r->at, n);
    r->at += n;
    r->left -= n;
    return (int)n;
}

static int page_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* Parses utf8[0..len) once into p (p->pass and, for PASS_WHOLE, p->target
 * set by the caller). Returns 0, or -1 when the parser could not start
 * (reason in p->why); p->fatal is set when the parse ended on a fatal
 * error (reason in p->why). */
static int page_parse(page *p, const char *utf8, int len)
{
    /* No HTML_PARSE_HUGE: the parser keeps its own size limits (names,
     * attribute values); the tree builder's nesting and text node limits
     * do not apply to events (page). */
    static const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD;
    page_reader reader = {utf8, (size_t)len};
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    xmlParserInputBufferPtr in =
        ctxt ? xmlParserInputBufferCreateIO(page_read, page_close, &reader, XML_CHAR_ENCODING_NONE)
             : NULL;
    xmlParserInputPtr stream = in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE) : NULL;
    if (!stream || !ctxt->sax) {
        if (!stream && in)
            xmlFreeParserInputBuffer(in);
        if (ctxt)
            htmlFreeParserCtxt(ctxt);
        snprintf(p->why, sizeof p->why, "out of memory for the HTML parser");
        return -1;
    }
    inputPush(ctxt, stream);
    /* Every event that would build the tree is ours; errors stay libxml2's. */
    htmlSAXHandler *sax = (htmlSAXHandler *)ctxt->sax;
    sax->internalSubset = on_doctype;
    sax->externalSubset = NULL;
    sax->isStandalone = NULL;
    sax->hasInternalSubset = NULL;
    sax->hasExternalSubset = NULL;
    sax->resolveEntity = NULL;
    sax->getEntity = NULL;
    sax->entityDecl = NULL;
    sax->notationDecl = NULL;
    sax->attributeDecl = NULL;
    sax->elementDecl = NULL;
    sax->unparsedEntityDecl = NULL;
    sax->setDocumentLocator = NULL;
    sax->startDocument = on_start_document;
    sax->endDocument = NULL;
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->reference = NULL;
    sax->characters = on_characters;
    sax->ignorableWhitespace = NULL;
    sax->processingInstruction = on_pi;
    sax->comment = on_comment;
    sax->cdataBlock = on_cdata;
    sax->getParameterEntity = NULL;
    sax->startElementNs = NULL;
    sax->endElementNs = NULL;
    ctxt->userData = p;
    p->ctxt = ctxt;
    htmlCtxtUseOptions(ctxt, options);
    /* As htmlCtxtReadMemory with "UTF-8": the page is UTF-8 already. */
    xmlCharEncodingHandlerPtr utf8_handler = xmlFindCharEncodingHandler("UTF-8");
    if (utf8_handler) {
        xmlSwitchToEncoding(ctxt, utf8_handler);
        xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(ctxt);
    page_flush_run(p);
    /* What the parse left open closes, as the walk of a tree leaves it. */
    while (p->depth > 0)
        page_end(p);
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    if (e && e->code == XML_ERR_NO_MEMORY) {
        /* What was read is part of the page only: not a document to keep. */
        p->oom = 1;
        snprintf(p->why, sizeof p->why, "out of memory while reading the HTML page");
    } else if (!p->started || (e && e->level == XML_ERR_FATAL)) {
        p->fatal = 1;
        parse_error(ctxt, p->why, sizeof p->why);
    }
    int rc = p->started && !p->oom ? 0 : -1;
    htmlFreeParserCtxt(ctxt);
    p->ctxt = NULL;
    return rc;
}

/* Moves walker w's chunks, headings and hidden text into doc, and its
 * purpose line into *purpose when it met only one: a contents page that
 * lists reference pages shows the purpose of each, and is none of them.
 * Its lead sentence goes to *lead when the part shows code: reference
 * documentation (a function, a statement, a command, its syntax and
 * examples) has an identifier for title (« Fonction Len », « Instruction
 * MkDir ») and says what it does in the sentence under it (« Renvoie le
 * nombre de caractères d'une chaîne de caractères… », « Crée un nouveau
 * répertoire… »); a page about the program's windows and menus has the
 * words of its subject in the title already (docs/ANALYSIS.md). */
static void take_walker(extract_doc *doc, walker *w, buf *headings, char **purpose, char **lead)
{
    free(*purpose);
    *purpose = w->npurpose == 1 ? w->purpose : NULL;
    if (*purpose)
        w->purpose = NULL;
    free(*lead);
    *lead = w->shows_code ? w->lead : NULL;
    if (*lead)
        w->lead = NULL;
    free(doc->chunks);
    doc->chunks = w->doc.chunks;
    doc->n_chunks = w->doc.n_chunks;
    doc->cap_chunks = w->doc.cap_chunks;
    w->doc.chunks = NULL;
    w->doc.n_chunks = w->doc.cap_chunks = 0;
    buf_free(headings);
    *headings = w->headings;
    w->headings = (buf)BUF_INIT;
    free(doc->hidden);
    doc->hidden = w->hidden_text.len ? buf_detach(&w->hidden_text) : NULL;
}

int extract_html(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    text_encoding enc = text_detect_encoding(data, len);
    if (enc != TEXT_ENC_UTF16LE && enc != TEXT_ENC_UTF16BE && text_looks_binary(data, len)) {
        snprintf(err, errlen, "binary content, not HTML");
        return EXTRACT_EFORMAT;
    }
    size_t ulen;
    char *copy;
    const char *utf8 = page_to_utf8(data, len, enc, &ulen, &copy);
    if (ulen > INT_MAX) {
        free(copy);
        snprintf(err, errlen, "HTML page too large");
        return EXTRACT_EFORMAT;
    }
    if (ulen == 0) {
        /* a byte order mark and nothing else: no text */
        free(copy);
        return EXTRACT_OK;
    }
    page p = {0};
    p.pass = PASS_PARTS;
    p.main_w.root_only = p.body_w.root_only = 1;
    int rc = EXTRACT_OK;
    buf headings = BUF_INIT;
    char *purpose = NULL;
    char *lead = NULL;
    if (page_parse(&p, utf8, (int)ulen) != 0) {
        snprintf(err, errlen, "%s", p.why);
        rc = EXTRACT_EFORMAT;
        goto done;
    }
    walker *part = p.main_seen ? &p.main_w : p.articles_seen ? &p.articles_w : NULL;
    if (part)
        flush(part);
    flush(&p.body_w);
    if (part && part->doc.n_chunks) {
        take_walker(doc, part, &headings, &purpose, &lead);
    } else if (p.body_w.doc.n_chunks) {
        take_walker(doc, &p.body_w, &headings, &purpose, &lead);
    } else if (p.root_ordinal) {
        /* No <main>/<article>, or empty ones, and an empty body (or none):
         * the body or the whole page again, then leniently. */
        page again = {0};
        again.pass = PASS_WHOLE;
        again.target = p.body_seen ? p.body_ordinal : p.root_ordinal;
        again.strict_w.root_only = again.lenient_w.root_only = 1;
        again.lenient_w.lenient = 1;
        if (page_parse(&again, utf8, (int)ulen) != 0) {
            snprintf(err, errlen, "%s", again.why);
            page_free(&again);
            rc = EXTRACT_EFORMAT;
            goto done;
        }
        flush(&again.strict_w);
        flush(&again.lenient_w);
        if (again.strict_w.doc.n_chunks)
            take_walker(doc, &again.strict_w, &headings, &purpose, &lead);
        else if (again.lenient_w.doc.n_chunks)
            take_walker(doc, &again.lenient_w, &headings, &purpose, &lead);
        page_free(&again);
    }

    char *title = NULL;
    if (p.title_seen) {
        title = text_normalize(p.title.data ? p.title.data : "", p.title.len, TEXT_ONE_LINE);
        strip_site_name(title);
    }
    if (!title || !title[0]) {
        free(title);
        title = normalized_or_null(p.og_title);
    }
    if (!title && headings.len) {
        const char *nl = strchr(headings.data, '\n');
        title = strndup(headings.data, nl ? (size_t)(nl - headings.data) : headings.len);
    }
    doc->title = title;
    doc->description = normalized_or_null(p.description);
    /* A reference page's purpose line says what the page is about, as a
     * meta description does (docs/ANALYSIS.md). */
    if (!doc->description && purpose) {
        doc->description = purpose;
        purpose = NULL;
    }
    if (!doc->description && lead) {
        doc->description = lead;
        lead = NULL;
    }
    doc->keywords = p.keywords;
    p.keywords = NULL;
    if (p.links.len)
        doc->links = buf_detach(&p.links);
    if (p.base)
        doc->link_base = strdup(p.base);
    if (headings.len)
        doc->headings = buf_detach(&headings);

    char date[11];
    datefind_strength st = extract_doc_find_date(doc, date);
    char meta[11];
    if (st >= DATEFIND_HEADING)
        doc->date = strdup(date);
    else if (p.meta_date && datefind_parse(p.meta_date, strlen(p.meta_date), meta))
        doc->date = strdup(meta);
    else if (st == DATEFIND_WEAK)
        doc->date = strdup(date);

    /* Nothing kept and the parser gave up: its reason says more than « no text ». */
    if (doc->n_chunks == 0 && p.fatal) {
        snprintf(err, errlen, "%s", p.why);
        rc = EXTRACT_EFORMAT;
    }
done:
    buf_free(&headings);
    free(purpose);
    free(lead);
    page_free(&p);
    free(copy);
    return rc;
}
