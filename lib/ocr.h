/* ocr: reads the text of a page image with tesseract's C API, in French,
 * on one thread (the indexer runs pages in parallel in its workers). Knows
 * no file format: extract_pdf renders the page. Built without tesseract
 * (make OCR=no, or no libtesseract-dev), every call says OCR is unavailable.
 * One engine per process, loaded on first use and kept for the next page. */
#ifndef REPERE_OCR_H
#define REPERE_OCR_H

#include <stddef.h>

#define OCR_LANG "fra"
#define OCR_DPI 300

/* "tesseract 5.3.0" when built with tesseract, else NULL. With OCR_LANG
 * and OCR_DPI it keys what the index caches (the same page read by another
 * engine version, language or resolution may read differently). */
const char *ocr_engine(void);

/* Whether OCR can run here: built with tesseract and its OCR_LANG data
 * found. Returns 1, or 0 with the reason in why (whylen bytes). Loads the
 * engine (about 0.1 s), which the next ocr_read_gray then uses. */
int ocr_available(char *why, size_t whylen);

/* Reads a grey image (one byte a pixel, 0 black, 255 white; stride bytes a
 * row) scanned at dpi. Returns 0 with *text (malloc'd UTF-8, lines ended by
 * "\n", paragraphs by a blank line; may be empty), or -1 with err set. */
int ocr_read_gray(const unsigned char *pixels, int width, int height, int stride, int dpi,
                  char **text, char *err, size_t errlen);

/* Unloads the engine (tests; a worker simply exits). */
void ocr_release(void);

#endif
