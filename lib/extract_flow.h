/* extract_flow: turns the paragraphs of a word-processor document (DOCX,
 * ODT), as its reader meets them, into an extract_doc: headings start
 * sections, a change of page ends a chunk, notes and comments are kept
 * aside and added after the body with the page and heading where they are
 * referred to, headers and footers once per document. Counts characters
 * against CONTAINER_MAX_CHARS. Knows no file format. */
#ifndef REPERE_EXTRACT_FLOW_H
#define REPERE_EXTRACT_FLOW_H

#include "buf.h"
#include "extract_doc.h"

/* Where the paragraphs being read go. */
typedef enum {
    FLOW_BODY = 0,
    FLOW_ASIDE,     /* a note or comment, added after the body */
    FLOW_FURNITURE, /* a header or footer, each paragraph added once */
} extract_flow_sink;

#define FLOW_DEPTH 8 /* paragraphs open inside one another (text boxes, notes) */

typedef struct {
    extract_doc *doc;
    buf para[FLOW_DEPTH]; /* open paragraphs, innermost last */
    int depth;            /* open paragraphs; deeper ones are read into the innermost */
    extract_flow_sink sink;
    int aside_page; /* page and heading of the aside being read */
    char *aside_heading;
    buf section; /* body paragraphs of the current section */
    int section_page;
    char *heading;    /* heading of the current section */
    int heading_only; /* the section holds its heading and nothing else yet */
    char *lead;       /* the first body paragraph when it is a heading */
    int body_seen;
    buf headings;  /* all headings, "\n"-separated */
    buf asides;    /* records: page, heading, text (see extract_flow.c) */
    buf furniture; /* header and footer paragraphs, "\n"-separated */
    char *last;    /* the paragraph last ended, normalised */
    size_t chars;
    size_t max_chars;
} extract_flow;

void extract_flow_init(extract_flow *f, extract_doc *doc);
void extract_flow_free(extract_flow *f);

/* Opens a paragraph (inside the current one when one is open). */
void extract_flow_begin(extract_flow *f);
/* Text of the innermost open paragraph; ignored when none is open. */
void extract_flow_text(extract_flow *f, const char *s, size_t len);
/* 1 when the innermost open paragraph has no text yet (or none is open):
 * a page break there moves the whole paragraph to the next page. */
int extract_flow_at_start(const extract_flow *f);
/* Closes the innermost paragraph: level 0 is body text, 1-9 a heading;
 * page is the page it starts on (0: unknown). Returns the paragraph as
 * normalised (valid until the next call), "" when it was empty. */
const char *extract_flow_end(extract_flow *f, int level, int page);

/* Paragraphs read from now on go to sink; an aside is filed under page
 * and heading (copied; NULL: none). */
void extract_flow_sink_to(extract_flow *f, extract_flow_sink sink, int page, const char *heading);

/* The heading in effect (NULL before the first one). */
const char *extract_flow_heading(const extract_flow *f);

/* Sets the doc's title: meta (a metadata title) when usable, else styled
 * (the first Title-styled paragraph; may be NULL), else the document's
 * first body paragraph when it is a heading; else it stays NULL. */
void extract_flow_title(extract_flow *f, const char *meta, const char *styled);

/* 1 once the document has more text than the limit allows. */
int extract_flow_over(const extract_flow *f);

/* Flushes the body, then asides and furniture, into the doc, and sets its
 * headings. Returns 0, or -1 with the reason in err when the document has
 * more text than the limit allows (the doc is then left as it was). */
int extract_flow_finish(extract_flow *f, char *err, size_t errlen);

#endif
