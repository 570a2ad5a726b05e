/* title: a readable title for one written all in capitals (minutes exported
 * from a word processor: « COMPTE-RENDU DESRENCONTRES DU COLLECTIF »), from
 * the document's own text. Pure function of its input: no index, no I/O. */
#ifndef REPERE_TITLE_H
#define REPERE_TITLE_H

#include <stddef.h>

/* Each word as the text writes it most often outside lines in capitals
 * (« Collectif », « plénière », « CCEM »), a word the text never writes
 * split in two where it writes both halves (words glued by the export:
 * « DESRENCONTRES » → « des rencontres »), other words in lower case unless
 * they look like acronyms (« OQTF »); the first letter a capital, and the
 * first of a quotation (« Ensemble… »). Names (« APT-GET(8) », « L.425-1 »)
 * and words with a lowercase letter (« OpenSSL ») stay as written. */

/* Longest title read, in bytes: a longer one is no title written by hand
 * (a page's text in its <title>) and stays as it is. Each of its words of
 * 4 to 48 letters is looked up with the halves of each split, so a title
 * of 1 MB in capitals took 500 MB and 9 s. */
#define TITLE_MAX_LEN 2048

/* The readable form of title (NUL-terminated UTF-8) given the texts of the
 * document (texts[0..n), paragraphs separated by "\n"), or NULL when the
 * title is not written in capitals (text_is_upper_line) or is longer than
 * TITLE_MAX_LEN, and stays as it is. Caller frees. */
char *title_from_capitals(const char *title, const char *const *texts, size_t n);

#endif
