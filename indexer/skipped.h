/* skipped: the files an indexer run skips and why, for the report at its
 * end: the first few in the walk's order, each with its reason, then how
 * many more of each kind (a format not recognised counted by extension),
 * so that a tree of ten thousand images prints a dozen lines. Does not
 * decide what is skipped (the indexer does) nor count hidden entries,
 * which the walk never hands out. */
#ifndef REPERE_SKIPPED_H
#define REPERE_SKIPPED_H

#include <stddef.h>
#include <stdio.h>

/* How many skipped files the report names; the others are counted. */
#define SKIPPED_SHOWN 10

typedef struct skipped skipped;

/* Returns a new, empty list (aborts when out of memory). */
skipped *skipped_new(void);
void skipped_free(skipped *s);

/* Notes that path was skipped: reason follows its path in the report
 * ("format not recognised"), kind is what the files past the first
 * SKIPPED_SHOWN are counted by (".xlsx", "larger than 256 MB"). All are
 * copied. */
void skipped_add(skipped *s, const char *path, const char *reason, const char *kind);

size_t skipped_count(const skipped *s);

/* The kind of a file of name whose format is not recognised: its
 * extension in lower case (".xlsx"), or "no extension". */
void skipped_extension(const char *name, char *out, size_t len);

/* Writes the report to out, each line starting with prefix: a line
 * "PATH: skipped: REASON" for each of the first SKIPPED_SHOWN files, then
 * "… and N more skipped: 12 .jpg, 3 .xlsx" for the others (at most
 * SKIPPED_KINDS kinds named, the rest as "M of other kinds"). Nothing when
 * no file was skipped. */
#define SKIPPED_KINDS 6
void skipped_print(const skipped *s, FILE *out, const char *prefix);

#endif
