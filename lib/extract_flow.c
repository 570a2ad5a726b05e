/* extract_flow: paragraphs of a word-processor document into sections and
 * chunks (see extract_flow.h). Asides are kept as records of
 *   page "\x1F" heading "\x1F" text "\x1E"
 * (heading empty for none) until the body is complete. */
#include "extract_flow.h"

#include "container.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void extract_flow_init(extract_flow *f, extract_doc *doc)
{
    memset(f, 0, sizeof *f);
    f->doc = doc;
    f->max_chars = CONTAINER_MAX_CHARS;
}

void extract_flow_free(extract_flow *f)
{
    for (int i = 0; i < FLOW_DEPTH; i++)
        buf_free(&f->para[i]);
    buf_free(&f->section);
    buf_free(&f->headings);
    buf_free(&f->asides);
    buf_free(&f->furniture);
    free(f->heading);
    free(f->aside_heading);
    free(f->last);
    free(f->lead);
    f->heading = f->aside_heading = f->last = f->lead = NULL;
}

void extract_flow_begin(extract_flow *f)
{
    if (f->depth < FLOW_DEPTH)
        buf_clear(&f->para[f->depth]);
    f->depth++;
}

static buf *innermost(extract_flow *f)
{
    if (f->depth <= 0)
        return NULL;
    return &f->para[(f->depth > FLOW_DEPTH ? FLOW_DEPTH : f->depth) - 1];
}

void extract_flow_text(extract_flow *f, const char *s, size_t len)
{
    buf *p = innermost(f);
    if (!p || f->chars > f->max_chars)
        return;
    f->chars += text_utf8_chars(s, len);
    buf_append(p, s, len);
}

void extract_flow_title(extract_flow *f, const char *meta, const char *styled)
{
    extract_doc *doc = f->doc;
    free(doc->title);
    doc->title = extract_doc_meta_title(meta);
    if (!doc->title && styled)
        doc->title = text_normalize(styled, strlen(styled), TEXT_ONE_LINE);
    if (!doc->title && f->lead)
        doc->title = buf_xstrndup(f->lead, strlen(f->lead));
}

int extract_flow_at_start(const extract_flow *f)
{
    const buf *p =
        f->depth > 0 ? &f->para[(f->depth > FLOW_DEPTH ? FLOW_DEPTH : f->depth) - 1] : NULL;
    if (!p)
        return 1;
    for (size_t i = 0; i < p->len; i++)
        if (p->data[i] != ' ' && p->data[i] != '\t' && p->data[i] != '\n')
            return 0;
    return 1;
}

int extract_flow_over(const extract_flow *f)
{
    return f->chars > f->max_chars;
}

const char *extract_flow_heading(const extract_flow *f)
{
    return f->heading;
}

static void flush_section(extract_flow *f)
{
    if (f->section.len) {
        char *norm = text_normalize(f->section.data, f->section.len, TEXT_LINES);
        extract_doc_add_text(f->doc, f->section_page, f->heading, norm, EXTRACT_CHUNK_TARGET);
        free(norm);
        buf_clear(&f->section);
    }
}

/* A heading followed by another heading stays in the section of the
 * second: a chunk holding nothing but a heading would be noise. */
static void body_paragraph(extract_flow *f, const char *text, int level, int page)
{
    if (!f->body_seen++ && level > 0)
        f->lead = text_normalize(text, strlen(text), TEXT_ONE_LINE);
    if (level > 0) {
        if (!f->heading_only || page != f->section_page)
            flush_section(f);
        char *h = text_normalize(text, strlen(text), TEXT_ONE_LINE);
        free(f->heading);
        f->heading = h;
        if (f->headings.len)
            buf_putc(&f->headings, '\n');
        buf_puts(&f->headings, h);
    } else if (f->section.len && page != f->section_page) {
        flush_section(f);
    }
    f->heading_only = level > 0 && (!f->section.len || f->heading_only);
    if (!f->section.len)
        f->section_page = page;
    buf_puts(&f->section, text);
    buf_putc(&f->section, '\n');
}

const char *extract_flow_end(extract_flow *f, int level, int page)
{
    free(f->last);
    f->last = NULL;
    if (f->depth <= 0)
        return "";
    f->depth--;
    if (f->depth >= FLOW_DEPTH) {
        /* nested too deep: its text stayed in the innermost kept paragraph */
        f->last = buf_xstrndup("", 0);
        return f->last;
    }
    buf *p = &f->para[f->depth];
    f->last = text_normalize(p->data ? p->data : "", p->len, TEXT_LINES);
    buf_clear(p);
    if (!f->last[0])
        return f->last;
    switch (f->sink) {
    case FLOW_BODY:
        body_paragraph(f, f->last, level, page);
        break;
    case FLOW_ASIDE:
        buf_printf(&f->asides, "%d\x1F%s\x1F%s\x1E", f->aside_page,
                   f->aside_heading ? f->aside_heading : "", f->last);
        break;
    case FLOW_FURNITURE:
        /* a page number alone says nothing */
        if (strpbrk(f->last, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
            buf_puts(&f->furniture, f->last);
            buf_putc(&f->furniture, '\n');
        }
        break;
    }
    return f->last;
}

void extract_flow_sink_to(extract_flow *f, extract_flow_sink sink, int page, const char *heading)
{
    f->sink = sink;
    f->aside_page = page;
    free(f->aside_heading);
    f->aside_heading = heading ? buf_xstrndup(heading, strlen(heading)) : NULL;
}

/* Adds the asides, consecutive ones with the same page and heading as one
 * text. */
static void flush_asides(extract_flow *f)
{
    buf group = BUF_INIT;
    int group_page = 0;
    char *group_heading = NULL;
    const char *s = f->asides.data, *end = s ? s + f->asides.len : NULL;
    while (s && s < end) {
        const char *sep1 = memchr(s, '\x1F', (size_t)(end - s));
        const char *sep2 = memchr(sep1 + 1, '\x1F', (size_t)(end - sep1 - 1));
        const char *stop = memchr(sep2 + 1, '\x1E', (size_t)(end - sep2 - 1));
        int page = atoi(s);
        char *heading = sep2 > sep1 + 1 ? buf_xstrndup(sep1 + 1, (size_t)(sep2 - sep1 - 1)) : NULL;
        int same =
            page == group_page && ((!heading && !group_heading) ||
                                   (heading && group_heading && !strcmp(heading, group_heading)));
        if (!same && group.len) {
            extract_doc_add_text(f->doc, group_page, group_heading, group.data,
                                 EXTRACT_CHUNK_TARGET);
            buf_clear(&group);
        }
        if (!same) {
            free(group_heading);
            group_heading = heading;
            group_page = page;
        } else {
            free(heading);
        }
        if (group.len)
            buf_putc(&group, '\n');
        buf_append(&group, sep2 + 1, (size_t)(stop - sep2 - 1));
        s = stop + 1;
    }
    if (group.len)
        extract_doc_add_text(f->doc, group_page, group_heading, group.data, EXTRACT_CHUNK_TARGET);
    free(group_heading);
    buf_free(&group);
}

/* Each distinct header or footer paragraph once, in the order first met. */
static void flush_furniture(extract_flow *f)
{
    buf kept = BUF_INIT;
    const char *s = f->furniture.data, *end = s ? s + f->furniture.len : NULL;
    while (s && s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)(nl - s);
        int seen = 0;
        for (const char *k = kept.data, *kend = k ? k + kept.len : NULL; k && k < kend && !seen;) {
            const char *knl = memchr(k, '\n', (size_t)(kend - k));
            seen = (size_t)(knl - k) == n && memcmp(k, s, n) == 0;
            k = knl + 1;
        }
        if (!seen) {
            buf_append(&kept, s, n);
            buf_putc(&kept, '\n');
        }
        s = nl + 1;
    }
    if (kept.len) {
        kept.data[--kept.len] = '\0';
        extract_doc_add_text(f->doc, 0, NULL, kept.data, EXTRACT_CHUNK_TARGET);
    }
    buf_free(&kept);
}

int extract_flow_finish(extract_flow *f, char *err, size_t errlen)
{
    if (extract_flow_over(f)) {
        snprintf(err, errlen, "document has more than %zu characters of text", f->max_chars);
        return -1;
    }
    while (f->depth > 0)
        extract_flow_end(f, 0, f->section_page);
    flush_section(f);
    flush_asides(f);
    flush_furniture(f);
    if (f->headings.len) {
        free(f->doc->headings);
        f->doc->headings = buf_detach(&f->headings);
    }
    return 0;
}
