/* fuzz_extract_zip: arbitrary bytes as a DOCX, an ODT and an EPUB, with the
 * same contract checks as the other extractor targets (fuzz_doc.h). Seeds:
 * the DOCX/ODT/EPUB of corpus/ and tests/fuzz/seeds/extract_zip/. */
#include "extract.h"
#include "fuzz_doc.h"
#include "fuzz_util.h"

#include <zip.h>

/* An input that starts with "PK" is taken as the archive itself: libzip
 * reading hostile bytes under container.c's limits. Any other input is a
 * list of parts ("=== name" on a line, then its content) that the target
 * first packs into a well-formed zip, so that mutations reach the XML parts,
 * the SAX2 parse and the format modules instead of stopping at a bad CRC. */

#define PARTS_MAX 64
#define PART_MARK "=== "

/* Packs the parts of data[0..size) into a zip archive (deflated; a part
 * named "mimetype" stored, as OpenDocument and EPUB want it). Returns the
 * archive (caller frees) or NULL when there is no part. */
static char *pack_parts(const uint8_t *data, size_t size, size_t *out_len)
{
    const char *s = (const char *)data, *end = s + size;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src)
        abort();
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!z)
        abort();
    char *names[PARTS_MAX];
    int n = 0;
    const char *at = s;
    while (n < PARTS_MAX && at < end) {
        /* a part starts at a line "=== name" */
        if ((size_t)(end - at) < 4 || memcmp(at, PART_MARK, 4) != 0) {
            const char *nl = memchr(at, '\n', (size_t)(end - at));
            at = nl ? nl + 1 : end;
            continue;
        }
        const char *name = at + 4;
        const char *nl = memchr(name, '\n', (size_t)(end - name));
        const char *body = nl ? nl + 1 : end;
        const char *stop = body;
        for (;;) {
            const char *next = memchr(stop, '\n', (size_t)(end - stop));
            if (!next) {
                stop = end;
                break;
            }
            if ((size_t)(end - next - 1) >= 4 && memcmp(next + 1, PART_MARK, 4) == 0) {
                stop = next; /* the newline before the mark is not content */
                break;
            }
            stop = next + 1;
        }
        names[n] = fuzz_cstr((const uint8_t *)name, (size_t)((nl ? nl : end) - name));
        zip_source_t *ps = zip_source_buffer(z, body, (zip_uint64_t)(stop - body), 0);
        zip_int64_t idx = ps ? zip_file_add(z, names[n], ps, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0) {
            zip_source_free(ps);
        } else if (strcmp(names[n], "mimetype") == 0) {
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
        }
        n++;
        at = stop < end ? stop + 1 : end;
    }
    char *out = NULL;
    *out_len = 0;
    if (zip_close(z) != 0) {
        zip_discard(z);
    } else if (n > 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t len = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (len > 0) {
            out = malloc((size_t)len);
            if (!out || zip_source_read(src, out, (zip_uint64_t)len) != len)
                abort();
            *out_len = (size_t)len;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    for (int i = 0; i < n; i++)
        free(names[i]);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *zip = data;
    size_t zip_len = size;
    char *packed = NULL;
    if (size < 2 || memcmp(data, "PK", 2) != 0) {
        packed = pack_parts(data, size, &zip_len);
        if (!packed)
            return 0;
        zip = (const uint8_t *)packed;
    }
    fuzz_extract_one(EXTRACT_FORMAT_DOCX, "document.docx", zip, zip_len);
    fuzz_extract_one(EXTRACT_FORMAT_ODT, "document.odt", zip, zip_len);
    fuzz_extract_one(EXTRACT_FORMAT_EPUB, "livre.epub", zip, zip_len);
    free(packed);
    return 0;
}
