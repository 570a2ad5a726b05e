/* judged: what the two judgment scorers share (relevance.c for documents,
 * pages.c for PDF pages): reading a judgment file line by line with its
 * "#@class" groups, a registry of class names, the judged-path test, and
 * their TAP lines. Each tool keeps its own items and its own rules for a
 * line's fields. Test-tool code: errors end the run as a TAP "not ok". */
#ifndef JUDGED_H
#define JUDGED_H

#include <stddef.h>

/* Most fields a judgment line is split into. */
#define JUDGED_MAX_FIELDS 8

/* Prints "not ok 1 - WHAT: WHY" and exits with status 1. */
_Noreturn void judged_die(const char *what, const char *why);

/* strdup that aborts when out of memory; the caller frees. */
char *judged_strdup(const char *s);

/* Class names in order of first use; judged_class_of returns a name's
 * index, adding it (a copy, owned by the registry) when new. */
typedef struct {
    char **name;
    size_t n;
} judged_classes;

size_t judged_class_of(judged_classes *c, const char *name);
void judged_classes_free(judged_classes *c);

/* A judged path names a document when one is a suffix of the other on a
 * "/" boundary (the index keeps the paths as the indexer walked them). */
int judged_same_path(const char *judged, const char *doc);

/* Called for each judgment line with the class it is under and its fields.
 * A line with nfield tab-separated fields or more is split: field[0 ..
 * nfield-1], the last one running to the end of the line, n == nfield. A
 * shorter line is passed whole in field[0], n its number of fields. The
 * fields live until the next line. */
typedef void (*judged_line_fn)(void *ctx, const char *cls, char **field, size_t n);

/* Reads FILE: "#@class NAME" puts the lines that follow in class NAME (the
 * lines before any in default_cls); other "#" lines and blank lines are
 * skipped; every other line goes to fn, split into at most nfield (<=
 * JUDGED_MAX_FIELDS) fields. Dies when the file cannot be read or a
 * "#@class" line has no name. */
void judged_read(const char *file, const char *default_cls, size_t nfield, judged_line_fn fn,
                 void *ctx);

/* The TAP lines of a run: how many so far, how many not ok. */
typedef struct {
    size_t n, failed;
} judged_tap;

/* Prints the next TAP line, "ok N - what" or "not ok N - what" (what as
 * printf's fmt), and counts a failure. */
void judged_check(judged_tap *tap, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
