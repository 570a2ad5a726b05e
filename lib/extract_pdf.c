/* extract_pdf: PDFs through poppler-glib, one chunk per page (a page over
 * three times EXTRACT_CHUNK_TARGET is split, keeping its page number). Lines
 * are rebuilt from glyph boxes and fonts: spaces between table cells,
 * paragraphs at wider gaps, headings from larger or bold lines; running
 * headers and page numbers dropped. Title: metadata, else the largest
 * heading of page 1. Date: a dateline, else the creation date. Pages that
 * look scanned are listed for OCR, which extract_pdf_render_gray renders. */
#include "extract_formats.h"

#include "buf.h"
#include "datefind.h"
#include "text.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>
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

/* One line of a page as laid out. Geometry is in points, y downwards;
 * size is 0 when poppler gave no layout for the page. */
typedef struct {
    char *text; /* trimmed, g_free */
    double top, bottom;
    double size;
    size_t glyphs;
    int bold;
    int heading; /* set by mark_page */
    int para;    /* starts a paragraph; set by mark_page */
} pdf_line;

typedef struct {
    pdf_line *v;
    size_t n, cap;
    size_t from, to; /* the lines that are not page furniture */
} pdf_page;

/* Line being assembled by read_page. */
typedef struct {
    buf text;
    double top, bottom;
    PopplerRectangle last; /* box of the previous glyph */
    double size;
    int size_from_alnum;
    size_t glyphs, bold_glyphs;
    int prev_space;
} line_acc;

static void end_line(pdf_page *page, line_acc *acc)
{
    size_t start = 0, end = acc->text.len;
    while (start < end && (acc->text.data[start] == ' ' || acc->text.data[start] == '\t'))
        start++;
    while (end > start && (acc->text.data[end - 1] == ' ' || acc->text.data[end - 1] == '\t'))
        end--;
    if (end > start) {
        if (page->n == page->cap) {
            page->cap = page->cap ? page->cap * 2 : 64;
            page->v = g_renew(pdf_line, page->v, page->cap);
        }
        pdf_line *l = &page->v[page->n++];
        memset(l, 0, sizeof *l);
        l->text = g_strndup(acc->text.data + start, end - start);
        l->top = acc->top;
        l->bottom = acc->bottom;
        l->size = acc->size;
        l->glyphs = acc->glyphs;
        l->bold = acc->glyphs && acc->bold_glyphs * 10 >= acc->glyphs * 9;
    }
    buf_clear(&acc->text);
    acc->glyphs = acc->bold_glyphs = 0;
    acc->size = 0;
    acc->size_from_alnum = 0;
    acc->prev_space = 1;
}

/* Space between two glyph boxes along the direction the text runs:
 * left to right on an ordinary page, up or down on a rotated one. */
static double glyph_gap(const PopplerRectangle *prev, const PopplerRectangle *r)
{
    double dx = r->x1 - prev->x1, dy = r->y1 - prev->y1;
    if (fabs(dx) >= fabs(dy))
        return dx >= 0 ? r->x1 - prev->x2 : prev->x1 - r->x2;
    return dy >= 0 ? r->y1 - prev->y2 : prev->y1 - r->y2;
}

static int is_bold_font(const char *name)
{
    return name && (strcasestr(name, "bold") || strcasestr(name, "black") ||
                    strcasestr(name, "heavy") || strcasestr(name, "semibold"));
}

/* The character an expert font's glyph stands for. A Type 1 font without a
 * Unicode map (LaTeX's Utopia, Minion or Garamond expert sets) names its
 * old-style figures « threeoldstyle », its small capitals « Esmall », its
 * superior letters « esuperior » (« 1er », « 2e »), and poppler gives the
 * code points the Adobe Glyph List assigns those names in the private use
 * area, which no word is made of: a talk on « Expl3 » held no « 3 » and no
 * date. Figures U+F730-F739 and small capitals U+F761-F77A, U+F7E0-F7FF
 * stand where their letter stands in Latin-1, 0xF700 higher; the others
 * by name. Anything else is left as it is. */
static gunichar pdf_expert_char(gunichar c)
{
    static const char superior[] = "abdeilmorst"; /* U+F6E9 to U+F6F3 */
    if ((c >= 0xF730 && c <= 0xF739) || (c >= 0xF761 && c <= 0xF77A) ||
        (c >= 0xF7E0 && c <= 0xF7FF && c != 0xF7F7))
        return c - 0xF700;
    if (c >= 0xF6E9 && c <= 0xF6F3)
        return (gunichar)superior[c - 0xF6E9];
    switch (c) {
    case 0xF6BE: /* dotlessj */
        return 'j';
    case 0xF6F9: /* Lslashsmall */
        return 0x142;
    case 0xF6FA: /* OEsmall */
        return 0x153;
    case 0xF6FD: /* Scaronsmall */
        return 0x161;
    case 0xF6FF: /* Zcaronsmall */
        return 0x17E;
    }
    return c;
}

/* text with pdf_expert_char applied, one character for one (the glyph
 * boxes stay in step), g_malloc'd; NULL when it has none of them (every
 * one is EF 9A-9F in UTF-8). */
static char *pdf_expert_text(const char *text)
{
    const char *p = text;
    while ((p = strchr(p, '\xEF')) && !((unsigned char)p[1] >= 0x9A && (unsigned char)p[1] <= 0x9F))
        p++;
    if (!p || !g_utf8_validate(text, -1, NULL))
        return NULL;
    GString *out = g_string_sized_new(strlen(text));
    for (const char *s = text; *s; s = g_utf8_next_char(s))
        g_string_append_unichar(out, pdf_expert_char(g_utf8_get_char(s)));
    return g_string_free(out, FALSE);
}

/* Reads the lines of a page. */
static void read_page(PopplerPage *pp, pdf_page *page)
{
    char *text = poppler_page_get_text(pp);
    if (!text)
        return;
    char *plain = pdf_expert_text(text);
    if (plain) {
        g_free(text);
        text = plain;
    }
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;
    if (!poppler_page_get_text_layout(pp, &rects, &n_rects))
        n_rects = 0;
    int geo = rects && g_utf8_validate(text, -1, NULL) && (glong)n_rects == g_utf8_strlen(text, -1);
    GList *attrs = geo ? poppler_page_get_text_attributes(pp) : NULL;
    GList *a = attrs;
    line_acc acc = {.text = BUF_INIT, .prev_space = 1};
    /* Whether the font of the attribute run bold_of was bold: asked once a
     * run, not once a glyph. */
    const PopplerTextAttributes *bold_of = NULL;
    int bold = 0;
    guint i = 0;
    for (const char *s = text; *s; i++) {
        const char *next = g_utf8_next_char(s);
        gunichar c = geo ? g_utf8_get_char(s) : (gunichar)(unsigned char)*s;
        if (!geo)
            next = s + 1;
        int space = c == ' ' || c == '\t' || c == 0xA0;
        if (c == '\n') {
            end_line(page, &acc);
        } else if (!geo) {
            buf_append(&acc.text, s, (size_t)(next - s));
        } else {
            const PopplerRectangle *r = &rects[i];
            while (a && ((PopplerTextAttributes *)a->data)->end_index < (gint)i)
                a = a->next;
            const PopplerTextAttributes *at =
                (a && ((PopplerTextAttributes *)a->data)->start_index <= (gint)i) ? a->data : NULL;
            double size = at ? at->font_size : r->y2 - r->y1;
            /* poppler sometimes runs a far line (a page number) into the previous
             * one; a jump of more than a line and a half splits them, while
             * superscripts and vertical text move less. */
            if (!space && acc.glyphs && fabs(r->y1 - acc.last.y1) > 1.5 * size)
                end_line(page, &acc);
            if (!space) {
                if (acc.glyphs && !acc.prev_space && glyph_gap(&acc.last, r) > 0.3 * size)
                    buf_putc(&acc.text, ' ');
                if (!acc.glyphs) {
                    acc.top = r->y1;
                    acc.bottom = r->y2;
                }
                /* the size of a line is that of its first letter or digit, not of a
                 * bullet */
                if (!acc.size_from_alnum && (!acc.glyphs || g_unichar_isalnum(c))) {
                    acc.size = size;
                    acc.size_from_alnum = g_unichar_isalnum(c);
                }
                acc.top = fmin(acc.top, r->y1);
                acc.bottom = fmax(acc.bottom, r->y2);
                acc.last = *r;
                acc.glyphs++;
                if (at && at != bold_of) {
                    bold_of = at;
                    bold = is_bold_font(at->font_name);
                }
                if (at && bold)
                    acc.bold_glyphs++;
            }
            buf_append(&acc.text, s, (size_t)(next - s));
            acc.prev_space = space;
        }
        s = next;
    }
    end_line(page, &acc);
    buf_free(&acc.text);
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
}

static void free_page(pdf_page *page)
{
    for (size_t i = 0; i < page->n; i++)
        g_free(page->v[i].text);
    g_free(page->v);
}

/* A line with its digits removed, so that « Page 3 » and « Page 4 » match. */
static char *line_key(const char *s)
{
    char *k = g_malloc(strlen(s) + 1);
    size_t n = 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            k[n++] = *s;
    k[n] = '\0';
    return k;
}

static size_t letters_in(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0)
            n++;
    }
    return n;
}

static void count_key(GHashTable *t, const char *line)
{
    char *k = line_key(line);
    gpointer old = g_hash_table_lookup(t, k);
    g_hash_table_replace(t, k, GINT_TO_POINTER(GPOINTER_TO_INT(old) + 1));
}

/* Whether a first/last line is page furniture: a page number alone, or a
 * line repeated at that edge on at least half of the pages (two or more). */
static int is_furniture(const char *line, GHashTable *edge, int n_pages)
{
    if (letters_in(line) == 0)
        return 1;
    char *k = line_key(line);
    int count = GPOINTER_TO_INT(g_hash_table_lookup(edge, k));
    g_free(k);
    return count >= 2 && count * 2 >= n_pages;
}

static int ends_with_any(const char *s, const char *const *ends)
{
    size_t len = strlen(s);
    for (; *ends; ends++) {
        size_t n = strlen(*ends);
        if (len >= n && memcmp(s + len - n, *ends, n) == 0)
            return 1;
    }
    return 0;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A list item: a line starting with a bullet. */
static int starts_item(const char *s)
{
    static const char *const bullets[] = {"\xE2\x80\xA2",  "\xE2\x97\xA6", "\xE2\x96\xAA",
                                          "\xE2\x80\x93 ", "- ",           NULL};
    for (const char *const *b = bullets; *b; b++)
        if (strncmp(s, *b, strlen(*b)) == 0)
            return 1;
    return 0;
}

/* Marks paragraph starts and headings among lines [from, to). body is
 * the document's most common font size; bold_headings says whether bold
 * lines stand out (not when the text itself is mostly bold). */
static void mark_page(pdf_page *page, size_t from, size_t to, double body, int bold_headings)
{
    static const char *const sentence_ends[] = {".", "!", "?", ":", "\xC2\xBB", "\xE2\x80\xA6",
                                                NULL};
    static const char *const no_heading_ends[] = {".", ",", ";", NULL};
    pdf_line *v = page->v;
    double *gaps = g_new(double, to > from ? to - from : 1);
    size_t n_gaps = 0;
    for (size_t i = from + 1; i < to; i++) {
        double h = fmin(v[i].bottom - v[i].top, v[i - 1].bottom - v[i - 1].top);
        double gap = v[i].top - v[i - 1].bottom;
        if (v[i].size > 0 && fabs(v[i].size - v[i - 1].size) < 0.5 && gap >= 0 && gap < 2 * h)
            gaps[n_gaps++] = gap;
    }
    double usual = -1;
    if (n_gaps >= 2) {
        qsort(gaps, n_gaps, sizeof *gaps, compare_double);
        usual = gaps[n_gaps / 4]; /* lower quartile: most gaps are within paragraphs */
    }
    g_free(gaps);
    for (size_t i = from; i < to; i++) {
        pdf_line *l = &v[i];
        size_t len = strlen(l->text);
        l->heading = l->size > 0 && letters_in(l->text) >= 3 && len <= 150 &&
                     (l->size >= body * 1.12 ||
                      (bold_headings && l->bold && !ends_with_any(l->text, no_heading_ends)));
        if (i == from) {
            l->para = 1;
            continue;
        }
        const pdf_line *p = &v[i - 1];
        if (l->size <= 0) {
            l->para = ends_with_any(p->text, sentence_ends);
            continue;
        }
        double h = fmin(l->bottom - l->top, p->bottom - p->top);
        double gap = l->top - p->bottom;
        double expected = usual >= 0 ? usual : 0.4 * h;
        l->para = l->heading != p->heading || starts_item(l->text) ||
                  fabs(l->size - p->size) > 0.1 * p->size || l->bold != p->bold ||
                  gap > expected + 0.35 * h || gap < -h;
    }
}

typedef struct {
    GHashTable *first, *last; /* edge line keys -> pages */
    int n_pages;
    double body;       /* most common font size */
    int bold_headings; /* the text is mostly not bold */
    char *heading;     /* heading in effect, g_free */
    buf headings;      /* all headings, "\n"-separated */
    char *title;       /* largest heading of page 1, g_free */
    double title_size;
} pdf_state;

#define HEADING_MAX 300 /* bytes; a longer "heading" is a paragraph in a larger font */

/* Text of one page into out (paragraphs separated by a blank line, lines
 * by "\n"); lines without furniture into plain; headings recorded.
 * Returns the heading of the page's chunk (g_free): the heading in effect
 * where the page starts, or the page's first heading when the page starts
 * with one or no heading came before. */
static char *page_text(pdf_state *st, pdf_page *page, int page_no, buf *out, buf *plain)
{
    size_t from = page->from, to = page->to;
    mark_page(page, from, to, st->body, st->bold_headings);
    int starts_with_heading = from < to && page->v[from].heading;
    char *chunk_heading = starts_with_heading ? NULL : g_strdup(st->heading);
    buf heading = BUF_INIT;
    double heading_size = 0;
    for (size_t i = from; i <= to; i++) {
        pdf_line *l = i < to ? &page->v[i] : NULL;
        if (heading.len && (!l || l->para)) {
            char *h = text_normalize(heading.data, heading.len, TEXT_ONE_LINE);
            if (strlen(h) > HEADING_MAX)
                h[0] = '\0'; /* a paragraph in a larger font, not a heading */
            if (h[0] && !chunk_heading)
                chunk_heading = g_strdup(h);
            if (h[0] && (!st->heading || strcmp(h, st->heading) != 0)) {
                if (st->headings.len)
                    buf_putc(&st->headings, '\n');
                buf_puts(&st->headings, h);
                g_free(st->heading);
                st->heading = g_strdup(h);
            }
            if (h[0] && page_no == 1 && heading_size > st->title_size) {
                g_free(st->title);
                st->title = g_strdup(h);
                st->title_size = heading_size;
            }
            free(h);
            buf_clear(&heading);
        }
        if (!l)
            break;
        if (l->heading) {
            if (heading.len)
                buf_putc(&heading, '\n');
            buf_puts(&heading, l->text);
            heading_size = l->size;
        }
        if (out->len)
            buf_puts(out, l->para ? "\n\n" : "\n");
        buf_puts(out, l->text);
        buf_puts(plain, l->text);
        buf_putc(plain, '\n');
    }
    buf_free(&heading);
    return chunk_heading;
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

/* The most common font size of the text, by glyphs, furniture left out;
 * *mostly_bold tells whether most glyphs are on bold lines. */
static double body_size(const pdf_page *pages, int n, int *mostly_bold)
{
    GHashTable *sizes = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t glyphs = 0, bold = 0;
    for (int i = 0; i < n; i++) {
        for (size_t k = pages[i].from; k < pages[i].to; k++) {
            glyphs += pages[i].v[k].glyphs;
            if (pages[i].v[k].bold)
                bold += pages[i].v[k].glyphs;
            gpointer key = GINT_TO_POINTER((int)lround(pages[i].v[k].size * 10));
            size_t count = (size_t)GPOINTER_TO_SIZE(g_hash_table_lookup(sizes, key));
            g_hash_table_insert(sizes, key, GSIZE_TO_POINTER(count + pages[i].v[k].glyphs));
        }
    }
    GHashTableIter it;
    gpointer k, v;
    int best = 0;
    size_t best_count = 0;
    g_hash_table_iter_init(&it, sizes);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int key = GPOINTER_TO_INT(k);
        size_t count = GPOINTER_TO_SIZE(v);
        if (count > best_count || (count == best_count && key < best)) {
            best = key;
            best_count = count;
        }
    }
    g_hash_table_destroy(sizes);
    *mostly_bold = bold * 2 > glyphs;
    return best / 10.0;
}

#define DATE_PAGES 2 /* pages searched for a dateline */
/* A page looks scanned when it has fewer letters of text than this (a
 * scanner's page number or stamp is text; an OCR text layer is far more)… */
#define SCAN_MAX_LETTERS 40
/* …and images cover this share of it or more, in a document whose pages
 * all have next to no text (a scanned document: a receipt scanned on half
 * a page is still read)… */
#define SCAN_IMAGE_SHARE 0.25
/* …or this share, in a document with text on some page: there a page of
 * screenshots or a cover picture is a figure of a born-digital document,
 * and only a page an image fills is a scan put in it. */
#define SCAN_FILLED_SHARE 0.9
/* Image coverage is counted on a grid of this many cells a side, so that
 * overlapping images (a picture and its mask, strips) count once. */
#define SCAN_GRID 50
/* Rendering for OCR: a page larger than this many pixels at the asked
 * resolution is rendered at a lower one (A3 at 300 dpi is 17.5 M). */
#define RENDER_MAX_PIXELS (40 * 1000 * 1000)

/* The first grid cell (0..SCAN_GRID) whose centre lies at or after v, a
 * share of the page's side (clamped first: a hostile PDF may say anything). */
static int grid_cell(double v)
{
    double c = ceil(v * SCAN_GRID - 0.5);
    return c > 0 ? (c < SCAN_GRID ? (int)c : SCAN_GRID) : 0;
}

/* The share of the page (0 to 1) covered by images: the grid cells whose
 * centre lies in at least one image. */
static double image_share(PopplerPage *pp)
{
    double w = 0, h = 0;
    poppler_page_get_size(pp, &w, &h);
    if (!(w > 0 && h > 0))
        return 0;
    unsigned char cell[SCAN_GRID][SCAN_GRID] = {{0}};
    int covered = 0;
    GList *images = poppler_page_get_image_mapping(pp);
    for (GList *l = images; l; l = l->next) {
        const PopplerRectangle *a = &((const PopplerImageMapping *)l->data)->area;
        int x0 = grid_cell(fmin(a->x1, a->x2) / w), x1 = grid_cell(fmax(a->x1, a->x2) / w);
        int y0 = grid_cell(fmin(a->y1, a->y2) / h), y1 = grid_cell(fmax(a->y1, a->y2) / h);
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                if (!cell[y][x]) {
                    cell[y][x] = 1;
                    covered++;
                }
    }
    poppler_page_free_image_mapping(images);
    return (double)covered / (SCAN_GRID * SCAN_GRID);
}

static size_t page_letters(const pdf_page *page)
{
    size_t n = 0;
    for (size_t i = 0; i < page->n; i++)
        n += letters_in(page->v[i].text);
    return n;
}

/* Opens data[0..len) (which must outlive the document): returns it, or
 * NULL with an EXTRACT_E* code in *rc and the reason in err. */
static PopplerDocument *open_pdf(const char *data, size_t len, int *rc, char *err, size_t errlen)
{
    silence_poppler();
    GError *error = NULL;
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, &error);
    g_bytes_unref(bytes); /* the document keeps its own reference */
    if (!pdf) {
        *rc = EXTRACT_EFORMAT;
        if (error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED) {
            snprintf(err, errlen, "PDF is password-protected");
            *rc = EXTRACT_EENCRYPTED;
        } else {
            snprintf(err, errlen, "damaged or not a PDF: %s",
                     error && error->message ? error->message : "unreadable");
        }
        g_clear_error(&error);
    }
    return pdf;
}

int extract_pdf_render_gray(const char *data, size_t len, int page_no, int dpi,
                            unsigned char **pixels, int *width, int *height, char *err,
                            size_t errlen)
{
    int rc = EXTRACT_OK;
    *pixels = NULL;
    *width = *height = 0;
    PopplerDocument *pdf = open_pdf(data, len, &rc, err, errlen);
    if (!pdf)
        return rc;
    PopplerPage *page = page_no >= 1 && page_no <= poppler_document_get_n_pages(pdf)
                            ? poppler_document_get_page(pdf, page_no - 1)
                            : NULL;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    double pw = 0, ph = 0;
    if (!page) {
        snprintf(err, errlen, "the PDF has no page %d", page_no);
        rc = EXTRACT_EFORMAT;
        goto cleanup;
    }
    poppler_page_get_size(page, &pw, &ph);
    double scale = dpi / 72.0;
    if (pw * scale * ph * scale > RENDER_MAX_PIXELS)
        scale = sqrt(RENDER_MAX_PIXELS / (pw * ph));
    int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
    if (w < 1 || h < 1) {
        snprintf(err, errlen, "page %d has no area", page_no);
        rc = EXTRACT_EFORMAT;
        goto cleanup;
    }
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create(surface);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cannot render page %d: %s", page_no,
                 cairo_status_to_string(cairo_status(cr)));
        rc = EXTRACT_EIO;
        goto cleanup;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    cairo_surface_flush(surface);
    const unsigned char *src = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    unsigned char *gray = buf_xrealloc(NULL, (size_t)w * (size_t)h);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t px = row[x];
            unsigned r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
            gray[(size_t)y * (size_t)w + (size_t)x] =
                (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
    *pixels = gray;
    *width = w;
    *height = h;
cleanup:
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    if (page)
        g_object_unref(page);
    g_object_unref(pdf);
    return rc;
}

int extract_pdf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    int rc = EXTRACT_OK;
    PopplerDocument *pdf = open_pdf(data, len, &rc, err, errlen);
    if (!pdf)
        return rc;

    int n = poppler_document_get_n_pages(pdf);
    if (n < 0)
        n = 0;
    pdf_page *pages = g_new0(pdf_page, n > 0 ? n : 1);
    /* images' share of each page with next to no text, else -1 */
    double *share = g_new(double, n > 0 ? n : 1);
    int has_text = 0;
    for (int i = 0; i < n; i++) {
        share[i] = -1;
        PopplerPage *page = poppler_document_get_page(pdf, i);
        if (!page)
            continue;
        read_page(page, &pages[i]);
        if (page_letters(&pages[i]) < SCAN_MAX_LETTERS)
            share[i] = image_share(page);
        else
            has_text = 1;
        g_object_unref(page);
    }
    for (int i = 0; i < n; i++)
        if (share[i] >= (has_text ? SCAN_FILLED_SHARE : SCAN_IMAGE_SHARE))
            extract_doc_add_scan_page(doc, i + 1);
    g_free(share);
    pdf_state st = {.first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                    .last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                    .n_pages = n,
                    .headings = BUF_INIT};
    for (int i = 0; i < n; i++) {
        if (pages[i].n) {
            count_key(st.first, pages[i].v[0].text);
            count_key(st.last, pages[i].v[pages[i].n - 1].text);
        }
    }
    for (int i = 0; i < n; i++) {
        pdf_page *p = &pages[i];
        p->from = 0;
        p->to = p->n;
        if (p->to && is_furniture(p->v[0].text, st.first, n))
            p->from = 1;
        if (p->to > p->from && is_furniture(p->v[p->to - 1].text, st.last, n))
            p->to--;
    }
    int mostly_bold;
    st.body = body_size(pages, n, &mostly_bold);
    st.bold_headings = !mostly_bold;

    buf body = BUF_INIT, plain = BUF_INIT, opening = BUF_INIT;
    for (int i = 0; i < n; i++) {
        buf_clear(&body);
        buf_clear(&plain);
        char *heading = page_text(&st, &pages[i], i + 1, &body, &plain);
        char *norm = text_normalize(body.data ? body.data : "", body.len, TEXT_PARAGRAPHS);
        extract_doc_add_text(doc, i + 1, heading, norm, EXTRACT_PAGE_TARGET);
        free(norm);
        g_free(heading);
        if (i < DATE_PAGES)
            buf_append(&opening, plain.data ? plain.data : "", plain.len);
    }
    doc->pages = n;
    if (st.headings.len)
        doc->headings = buf_detach(&st.headings);

    gchar *meta_title = poppler_document_get_title(pdf);
    doc->title = extract_doc_meta_title(meta_title);
    g_free(meta_title);
    gchar *keywords = poppler_document_get_keywords(pdf);
    if (keywords)
        extract_keywords_add(&doc->keywords, keywords, strlen(keywords));
    g_free(keywords);
    if (!doc->title && st.title)
        doc->title = strdup(st.title);
    if (!doc->title)
        doc->title = text_title_from_lines(opening.data ? opening.data : "", opening.len);

    char *lines_text = text_normalize(opening.data ? opening.data : "", opening.len, TEXT_LINES);
    char date[11], meta_date[11];
    datefind_strength found = datefind_document(lines_text, strlen(lines_text), date);
    free(lines_text);
    if (found >= DATEFIND_HEADING)
        doc->date = strdup(date);
    else if (creation_date(pdf, meta_date))
        doc->date = strdup(meta_date);
    else if (found == DATEFIND_WEAK)
        doc->date = strdup(date);

    buf_free(&body);
    buf_free(&plain);
    buf_free(&opening);
    buf_free(&st.headings);
    g_free(st.heading);
    g_free(st.title);
    g_hash_table_destroy(st.first);
    g_hash_table_destroy(st.last);
    for (int i = 0; i < n; i++)
        free_page(&pages[i]);
    g_free(pages);
    g_object_unref(pdf);
    return EXTRACT_OK;
}
