/* walk: lists the files under a PATH argument of the indexer, recursively,
 * in a stable (sorted) order, with normalised paths (no "./", no "//"),
 * skipping hidden entries and never following symbolic links to
 * directories (so loops cannot happen); and builds documents' URLs. Does
 * not decide which files are documents (extract_detect does). */
#ifndef REPERE_WALK_H
#define REPERE_WALK_H

#include <sys/stat.h>

typedef struct {
    const char *path;      /* root + "/" + relative path, normalised */
    const char *rel;       /* path relative to the root; the file name when root is a file */
    const char *name;      /* last component */
    const struct stat *st; /* of the file itself (a symlink to a file is followed) */
} walk_file;

/* fn is called for each regular file; a non-zero return stops the walk and
 * is returned by walk_tree. err is called for each entry that cannot be
 * listed or examined (errnum is an errno value); it may be NULL. */
typedef int (*walk_file_fn)(void *ctx, const walk_file *f);
typedef void (*walk_error_fn)(void *ctx, const char *path, int errnum);

/* Walks root (a file or a directory; the root itself is followed even when
 * it is a symbolic link or a hidden name). Returns 0, fn's non-zero value,
 * or -1 when root itself cannot be examined (err was called). */
int walk_tree(const char *root, walk_file_fn fn, walk_error_fn err, void *ctx);

/* Returns path with "//" collapsed, "." components and trailing slashes
 * removed ("./a//b/" -> "a/b", "" and "./" -> "."). Caller frees. */
char *walk_normalize(const char *path);

/* 1 when normalised path lies under normalised root (or is root). */
int walk_is_under(const char *path, const char *root);

/* URL of a document: prefix (trailing slashes ignored) + "/" + rel, with
 * rel percent-encoded except for "/"; or, when prefix is NULL, the file://
 * URL of path (made absolute against the current directory). Returns NULL
 * only when the current directory cannot be found. Caller frees with free. */
char *walk_url(const char *prefix, const char *rel, const char *path);

#endif
