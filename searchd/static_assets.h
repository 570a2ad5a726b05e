/* static_assets: the files of searchd/static/ compiled into the binary.
 * scripts/embed.sh generates the table (build/.../static_assets.c) from the
 * files at build time; searchd never reads them from disk. */
#ifndef SEARCHD_STATIC_ASSETS_H
#define SEARCHD_STATIC_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *name;         /* file name, e.g. "index.html" */
    const char *content_type; /* e.g. "text/html; charset=utf-8" */
    const char *etag;         /* quoted, e.g. "\"1234-567\"" */
    const unsigned char *data;
    size_t size;
} static_asset;

extern const static_asset static_assets[];
extern const size_t static_assets_count;

#endif
