/* extract: turns one file's bytes into an extract_doc (title, date, headings,
 * text chunks with PDF page numbers). Format detection by content and
 * extension; one module per format (extract_pdf.c, extract_html.c,
 * extract_text.c). Pure functions of the input bytes: no database, no
 * process management (the indexer isolates calls in a child process). */
#ifndef REPERE_EXTRACT_H
#define REPERE_EXTRACT_H

#include <stddef.h>

typedef enum {
    EXTRACT_FORMAT_NONE = 0, /* not a document Repère indexes: skipped */
    EXTRACT_FORMAT_PDF,
    EXTRACT_FORMAT_HTML,
    EXTRACT_FORMAT_TEXT,
} extract_format;

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
    int page;      /* 1-based PDF page; 0 for formats without pages */
    char *heading; /* heading of the section the chunk is in, or NULL */
    char *text;    /* NFC UTF-8, whitespace collapsed, paragraphs kept as "\n" */
} extract_chunk;

typedef struct {
    extract_format format;
    char *title;       /* never NULL after a successful extraction */
    char *date;        /* "YYYY-MM-DD", or NULL when none was found */
    char *description; /* HTML meta description, or NULL */
    char *headings;    /* all headings, "\n"-separated, or NULL */
    int pages;         /* PDF page count; 0 for other formats */
    extract_chunk *chunks;
    size_t n_chunks;
    size_t cap_chunks;
} extract_doc;

/* Target size of a chunk in bytes: texts are split at headings and at
 * paragraph boundaries near this size; a PDF page is one chunk unless larger. */
#define EXTRACT_CHUNK_TARGET 2000

/* Format from file name and first bytes: ".pdf", ".html"/".htm"/".xhtml",
 * ".txt"/".md"/".markdown"/".text"; a "%PDF-" header at the start (after
 * blanks) wins over the name, one further in the first 1024 bytes only when
 * the name says PDF or nothing. */
extract_format extract_detect(const char *path, const unsigned char *head, size_t head_len);
const char *extract_format_name(extract_format f); /* "pdf", "html", "text" or "none" */

/* Extracts data[0..len) as the given format into doc (zeroed by the caller
 * or by extract_doc_init). On error returns a non-zero EXTRACT_E* code,
 * writes a one-line reason in plain words into err (errlen bytes) and
 * leaves doc empty (as after extract_doc_init). The doc's strings are owned
 * by the doc: release them with extract_doc_free. */
int extract_buffer(extract_format f, const char *data, size_t len, extract_doc *doc, char *err,
                   size_t errlen);
/* Reads the file (at most max_bytes) and extracts it. */
int extract_file(const char *path, extract_format f, size_t max_bytes, extract_doc *doc, char *err,
                 size_t errlen);

int extract_pdf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_html(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_text(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);

void extract_doc_init(extract_doc *doc);
/* Appends a chunk; takes copies of heading and text. */
void extract_doc_add_chunk(extract_doc *doc, int page, const char *heading, const char *text);
/* Appends normalised text as one or more chunks of about target bytes, cut
 * at paragraph boundaries (text_split_point); empty text adds nothing. */
void extract_doc_add_text(extract_doc *doc, int page, const char *heading, const char *text,
                          size_t target);
void extract_doc_free(extract_doc *doc);

/* Serialisation for the pipe between the extraction child and the indexer.
 * extract_doc_deserialize returns 0 on success, -1 on malformed input. */
void extract_doc_serialize(const extract_doc *doc, char **out, size_t *out_len);
int extract_doc_deserialize(const char *data, size_t len, extract_doc *doc);

#endif
