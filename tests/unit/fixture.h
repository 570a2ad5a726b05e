/* fixture: helpers shared by the unit test suites: paths relative to the
 * repository root (REPERE_ROOT, else "."), whole-file reads, the text of
 * an extracted document, temporary directories and files. Header-only: each suite is one program.
 */
#ifndef REPERE_TEST_FIXTURE_H
#define REPERE_TEST_FIXTURE_H

#include "extract.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Path of rel under the repository root; caller frees. */
static inline char *fixture_path(const char *rel)
{
    const char *root = getenv("REPERE_ROOT");
    if (!root || !*root)
        root = ".";
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", root, rel);
    return p;
}

/* Whole content of a file (NUL-terminated), or NULL; caller frees. */
static inline char *fixture_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *bigger = realloc(data, cap * 2);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (data)
        data[n] = '\0';
    if (len)
        *len = n;
    return data;
}

/* Reads path whole, detects its format and extracts it (titled after the
 * file name when it has no title of its own, as the indexer does). */
static inline int fixture_extract(const char *path, extract_doc *doc, char *err, size_t errlen)
{
    size_t len = 0;
    char *data = fixture_read(path, &len);
    extract_doc_init(doc);
    if (!data) {
        snprintf(err, errlen, "cannot read %s", path);
        return EXTRACT_EIO;
    }
    int rc = extract_buffer(extract_detect(path, (const unsigned char *)data, len), path, data, len,
                            doc, err, errlen);
    free(data);
    return rc;
}

/* All chunk texts of doc, each followed by "\n"; caller frees. */
static inline char *fixture_all_text(const extract_doc *doc)
{
    size_t n = 1;
    for (size_t i = 0; i < doc->n_chunks; i++)
        n += strlen(doc->chunks[i].text) + 1;
    char *s = calloc(1, n);
    if (!s)
        abort();
    for (size_t i = 0; i < doc->n_chunks; i++) {
        strcat(s, doc->chunks[i].text);
        strcat(s, "\n");
    }
    return s;
}

/* The first chunk whose text holds needle, or NULL. */
static inline const extract_chunk *fixture_chunk_with(const extract_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->n_chunks; i++)
        if (strstr(doc->chunks[i].text, needle))
            return &doc->chunks[i];
    return NULL;
}

/* A new temporary directory; caller frees the name and removes it with
 * fixture_rmdir. */
static inline char *fixture_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/repere-test-XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

/* Writes data to dir/name and returns the path; caller frees. */
static inline char *fixture_write(const char *dir, const char *name, const void *data, size_t len)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        if (len)
            fwrite(data, 1, len, f);
        fclose(f);
    }
    return p;
}

/* Removes the files of a flat temporary directory, then the directory. */
static inline void fixture_rmdir(char *dir)
{
    if (!dir)
        return;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[4096];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

#endif
