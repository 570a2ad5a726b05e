/* extract: turns one file's bytes into an extract_doc (extract_doc.h):
 * format detection by content and extension, dispatch to the format's
 * module (extract_formats.h), and the title taken from the file name when
 * the document has none. Pure functions of the input bytes: no database,
 * no process management (the indexer isolates calls in worker processes). */
#ifndef REPERE_EXTRACT_H
#define REPERE_EXTRACT_H

#include <stddef.h>

#include "extract_doc.h"

/* Format from file name and first bytes: ".pdf", ".html"/".htm"/".xhtml",
 * ".txt"/".md"/".markdown"/".text"; a "%PDF-" header at the start (after
 * blanks) wins over the name, one further in the first 1024 bytes only when
 * the name says PDF or nothing. */
extract_format extract_detect(const char *path, const unsigned char *head, size_t head_len);

/* Extracts data[0..len) as the given format into doc (zeroed by the caller
 * or by extract_doc_init). name is the file's path or name (may be NULL):
 * a document without a title of its own is titled after it (base name
 * without extension, '-' and '_' read as spaces). On error returns a
 * non-zero EXTRACT_E* code, writes a one-line reason in plain words into
 * err (errlen bytes) and leaves doc empty (as after extract_doc_init). The
 * doc's strings are owned by the doc: release them with extract_doc_free. */
int extract_buffer(extract_format f, const char *name, const char *data, size_t len,
                   extract_doc *doc, char *err, size_t errlen);

/* Puts what OCR read into a document extract_buffer gave: texts[i] (NULL:
 * page not read) as the whole text of pages[i] (extract_doc_set_page). A
 * document titled after its file name (name, as given to extract_buffer)
 * takes its title from the first lines read on page 1; a dateline read on
 * a page wins over a date from metadata, and a weaker date is taken when
 * the document has none. */
void extract_put_ocr(extract_doc *doc, const char *name, const int *pages, char *const *texts,
                     size_t n);

#endif
