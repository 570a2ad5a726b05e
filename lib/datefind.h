/* datefind: finds a document's own date in French text (« Paris, le 27
 * janvier 2018 », « 1er février 2019 », « 27/01/2018 », ISO dates) and
 * validates dates. Works on UTF-8 text whose lines are separated by "\n";
 * knows nothing of file formats. */
#ifndef REPERE_DATEFIND_H
#define REPERE_DATEFIND_H

#include <stddef.h>

/* How much a found date looks like the document's own date. */
typedef enum {
    DATEFIND_NONE = 0,
    DATEFIND_WEAK = 1,     /* a date in running text near the top */
    DATEFIND_HEADING = 2,  /* a short line ending with the date (« Réunion du 3 mai 2019 ») */
    DATEFIND_DATELINE = 3, /* « Paris, le 27 janvier 2018 », « Le 3 mai 2019 », a date alone */
} datefind_strength;

/* Picks the document's date: a dateline near the top beats a heading date,
 * which beats a dateline at the very end (a signature), which beats the
 * first date of the opening lines; ties go to the earliest. Writes
 * "YYYY-MM-DD" into out (11 bytes) and returns the strength, or returns
 * DATEFIND_NONE and leaves out untouched. */
datefind_strength datefind_document(const char *text, size_t len, char out[11]);

/* Parses a date written alone (surrounding spaces allowed): « 27 janvier
 * 2018 », « 1er février 2019 », « 27/01/2018 », « 2018-01-27 » or an ISO
 * timestamp « 2018-01-27T10:00:00Z ». Returns 1 and fills out, else 0. */
int datefind_parse(const char *s, size_t len, char out[11]);

/* Writes "YYYY-MM-DD" when y-m-d is a real calendar date between 1900 and
 * 2100; returns 1, else 0. */
int datefind_format(int y, int m, int d, char out[11]);

#endif
