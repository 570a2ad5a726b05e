/* extract_doc: the extracted document every format module fills (title,
 * date, headings, text chunks with page numbers) and the helpers that add
 * text to it. The lowest layer of extraction: it knows no format and calls
 * none; the format modules (extract_formats.h) build on it, and extract.h
 * (detection and dispatch) on both. */
#ifndef REPERE_EXTRACT_DOC_H
#define REPERE_EXTRACT_DOC_H

#include <stddef.h>

#include "datefind.h"

typedef enum {
    EXTRACT_FORMAT_NONE = 0, /* not a document Repère indexes: skipped */
    EXTRACT_FORMAT_PDF,
    EXTRACT_FORMAT_HTML,
    EXTRACT_FORMAT_TEXT,
    EXTRACT_FORMAT_DOCX,
    EXTRACT_FORMAT_ODT,
    EXTRACT_FORMAT_EPUB,
    EXTRACT_FORMAT_RTF,
    EXTRACT_FORMAT_COUNT, /* one past the last format */
} extract_format;

/* The API's name of a format: "pdf", "html", "text", ..., or "none". Here
 * rather than in extract.c so that a program that only names formats
 * (searchd) does not link the extractors and their libraries. */
const char *extract_format_name(extract_format f);

/* Status codes returned by the extract_* functions. */
enum {
    EXTRACT_OK = 0,
    EXTRACT_EFORMAT = 1, /* content is not what the name says, or is damaged */
    EXTRACT_EENCRYPTED = 2,
    EXTRACT_EIO = 3,
    EXTRACT_EEMPTY = 4, /* no text could be found */
};

/* A passage of the document: a PDF page (or part of one), an HTML section,
 * a section of minutes. Chunks are in document order. */
typedef struct {
    int page;      /* 1-based page (PDF, or where a DOCX/ODT was last laid out); 0: none */
    char *heading; /* heading of the section the chunk is in, or NULL */
    char *text;    /* NFC UTF-8, whitespace collapsed, paragraphs kept as "\n" */
} extract_chunk;

typedef struct {
    extract_format format;
    char *title;       /* never NULL after a successful extraction */
    char *date;        /* "YYYY-MM-DD", or NULL when none was found */
    char *description; /* meta description, subject, author ("\n"-separated), or NULL */
    char *headings;    /* all headings, "\n"-separated, or NULL */
    /* the keywords its author gave (HTML <meta> keywords, the PDF, ODT or
     * DOCX keywords field), one line per field, or NULL: the store indexes
     * them as the body's last chunk, which a snippet shows only when no
     * other chunk has the query's words (schema.h, SCHEMA_STARTS_KEYWORDS) */
    char *keywords;
    /* text a visitor sees only once a click or a script shows it (HTML's
     * hidden attribute: an accordion's answer, a tab panel, LibreOffice's
     * help for one module), paragraphs one per line, or NULL: indexed in
     * a column of its own that weighs less than the body (schema.h) */
    char *hidden;
    /* HTML: the page's links to files of its tree, one "target\ttext"
     * line each, text case-folded (links.h); NULL for none. The extractor
     * gives targets as written, and link_base the page's <base href>;
     * extract_buffer resolves them against the file's path. */
    char *links;
    char *link_base;
    int pages;         /* page count (PDF, DOCX/ODT page hints); 0 when unknown */
    extract_chunk *chunks;
    size_t n_chunks;
    size_t cap_chunks;
    /* PDF pages that look scanned (an image over much of the page, next to
     * no text): what OCR would read. 1-based, ascending. */
    int *scan_pages;
    size_t n_scan_pages;
} extract_doc;

/* Target size of a chunk in bytes: texts are split at headings and at
 * paragraph boundaries near this size; a PDF page is one chunk unless larger. */
#define EXTRACT_CHUNK_TARGET 2000
/* A page's text is cut in pieces of about this size: text_split_point keeps
 * up to 1.5 times this whole. */
#define EXTRACT_PAGE_TARGET (2 * EXTRACT_CHUNK_TARGET)

void extract_doc_init(extract_doc *doc);
/* Appends a chunk; takes copies of heading and text. */
void extract_doc_add_chunk(extract_doc *doc, int page, const char *heading, const char *text);
/* Appends normalised text as one or more chunks of about target bytes, cut
 * at paragraph boundaries (text_split_point); empty text adds nothing. */
void extract_doc_add_text(extract_doc *doc, int page, const char *heading, const char *text,
                          size_t target);
void extract_doc_free(extract_doc *doc);

#define EXTRACT_KEYWORDS_MAX 4096 /* bytes of a document's keywords kept */

/* Adds text[0..len), one keywords field (« Table dynamique, introduction »),
 * as one line to *keywords: whitespace collapsed; an empty field, or one
 * past EXTRACT_KEYWORDS_MAX bytes in all, is left out. */
void extract_keywords_add(char **keywords, const char *text, size_t len);
/* Appends page to scan_pages. */
void extract_doc_add_scan_page(extract_doc *doc, int page);
/* Puts text (normalised here, may be empty) as the text of page: the
 * page's chunks, if any, are replaced, and the new ones go where the page
 * belongs in page order. */
void extract_doc_set_page(extract_doc *doc, int page, const char *text);

/* The document's date from the text of its chunks (paragraphs one per
 * line): datefind_document over the first and the last few kilobytes, not
 * the whole of a long document. */
datefind_strength extract_doc_find_date(const extract_doc *doc, char out[11]);

/* A title from document metadata, normalised, or NULL when there is none
 * or it names a file rather than the document (« Microsoft Word - x.doc »,
 * « sans titre », a name ending in .docx/.odt/.pdf…). Caller frees. */
char *extract_doc_meta_title(const char *meta);

/* Applies a document's metadata (each may be NULL) once its chunks are
 * in: the title when the doc has none yet and it is usable; description
 * followed by what the document is about and its author, one per line
 * (searchable, not shown); the date: a dateline of the text, else the
 * metadata date, else a weaker date of the text. */
void extract_doc_apply_meta(extract_doc *doc, const char *title, const char *author,
                            const char *about, const char *date);

#endif
