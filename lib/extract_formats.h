/* extract_formats: the entry points of the per-format modules, one file
 * each (extract_pdf.c, extract_html.c, extract_text.c, extract_docx.c,
 * extract_odt.c, extract_epub.c, extract_rtf.c). Each turns
 * data[0..len) into doc (empty on entry) or returns an EXTRACT_E* code with
 * a one-line reason in err. They build on extract_doc.h only; detection
 * and dispatch (extract.h) sit above them. */
#ifndef REPERE_EXTRACT_FORMATS_H
#define REPERE_EXTRACT_FORMATS_H

#include "extract_doc.h"

int extract_pdf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_html(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_text(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_docx(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_odt(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_epub(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);
int extract_rtf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen);

/* Renders page page_no (1-based) of a PDF at dpi (lower for a page too
 * large to render whole) on white, as a grey image of *width x *height
 * bytes, one a pixel, rows without padding, for OCR (ocr.h). Returns 0
 * with *pixels (malloc'd), or an EXTRACT_E* code with the reason in err. */
int extract_pdf_render_gray(const char *data, size_t len, int page_no, int dpi,
                            unsigned char **pixels, int *width, int *height, char *err,
                            size_t errlen);

#endif
