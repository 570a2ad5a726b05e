/* extract: format detection, dispatch to the per-format extractors, file
 * reading, extract_doc helpers and the doc's binary serialisation for the
 * pipe between the extraction child and the indexer. See extract.h. The
 * formats themselves live in extract_pdf.c, extract_html.c, extract_text.c. */
#include "extract.h"

#include "buf.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return (dot && dot != base) ? dot + 1 : "";
}

extract_format extract_detect(const char *path, const unsigned char *head, size_t head_len)
{
    const char *ext = path ? extension(path) : "";
    extract_format by_name = EXTRACT_FORMAT_NONE;
    if (strcasecmp(ext, "pdf") == 0)
        by_name = EXTRACT_FORMAT_PDF;
    else if (strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0 ||
             strcasecmp(ext, "xhtml") == 0)
        by_name = EXTRACT_FORMAT_HTML;
    else if (strcasecmp(ext, "txt") == 0 || strcasecmp(ext, "md") == 0 ||
             strcasecmp(ext, "markdown") == 0 || strcasecmp(ext, "text") == 0)
        by_name = EXTRACT_FORMAT_TEXT;

    /* A PDF header at the start (after blanks) wins over the name. Readers
     * also accept it later in the first 1024 bytes; that counts only for
     * names that say nothing else, since a page or a note may quote it. */
    size_t scan = head_len < 1024 ? head_len : 1024, start = 0;
    while (start < scan && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r' ||
                            head[start] == '\n'))
        start++;
    for (size_t i = start; i + 5 <= scan; i++) {
        if (memcmp(head + i, "%PDF-", 5) == 0 &&
            (i == start || by_name == EXTRACT_FORMAT_NONE || by_name == EXTRACT_FORMAT_PDF))
            return EXTRACT_FORMAT_PDF;
    }
    return by_name;
}

const char *extract_format_name(extract_format f)
{
    switch (f) {
    case EXTRACT_FORMAT_PDF:
        return "pdf";
    case EXTRACT_FORMAT_HTML:
        return "html";
    case EXTRACT_FORMAT_TEXT:
        return "text";
    default:
        return "none";
    }
}

static int fail(char *err, size_t errlen, int code, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
    return code;
}

int extract_buffer(extract_format f, const char *data, size_t len, extract_doc *doc, char *err,
                   size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (f == EXTRACT_FORMAT_NONE)
        return fail(err, errlen, EXTRACT_EFORMAT, "not a PDF, HTML or text document");
    if (len == 0)
        return fail(err, errlen, EXTRACT_EEMPTY, "empty file");
    int rc;
    switch (f) {
    case EXTRACT_FORMAT_PDF:
        rc = extract_pdf(data, len, doc, err, errlen);
        break;
    case EXTRACT_FORMAT_HTML:
        rc = extract_html(data, len, doc, err, errlen);
        break;
    default:
        rc = extract_text(data, len, doc, err, errlen);
        break;
    }
    if (rc == EXTRACT_OK && doc->n_chunks == 0)
        rc = fail(err, errlen, EXTRACT_EEMPTY, "no text found in the document");
    if (rc != EXTRACT_OK) {
        extract_doc_free(doc);
        return rc;
    }
    doc->format = f;
    if (!doc->title)
        doc->title = strdup("");
    return EXTRACT_OK;
}

/* A title from the file name when the document has none: the base name
 * without extension, '-' and '_' read as spaces. */
static char *title_from_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_putc(&b, (base[i] == '_' || base[i] == '-') ? ' ' : base[i]);
    char *t = text_normalize(b.data ? b.data : "", b.len, TEXT_ONE_LINE);
    buf_free(&b);
    return t;
}

int extract_file(const char *path, extract_format f, size_t max_bytes, extract_doc *doc, char *err,
                 size_t errlen)
{
    int rc = EXTRACT_OK;
    buf data = BUF_INIT;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (err && errlen)
            snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return EXTRACT_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = fail(err, errlen, EXTRACT_EIO, "not a regular file");
        goto cleanup;
    }
    if (max_bytes && (uint64_t)st.st_size > (uint64_t)max_bytes) {
        if (err && errlen)
            snprintf(err, errlen, "file is larger than the %zu-byte limit", max_bytes);
        rc = EXTRACT_EIO;
        goto cleanup;
    }
    buf_reserve(&data, (size_t)st.st_size);
    for (;;) {
        buf_reserve(&data, 65536);
        ssize_t n = read(fd, data.data + data.len, data.cap - data.len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (err && errlen)
                snprintf(err, errlen, "read error: %s", strerror(errno));
            rc = EXTRACT_EIO;
            goto cleanup;
        }
        if (n == 0)
            break;
        data.len += (size_t)n;
        data.data[data.len] = '\0';
        if (max_bytes && data.len > max_bytes) {
            if (err && errlen)
                snprintf(err, errlen, "file is larger than the %zu-byte limit", max_bytes);
            rc = EXTRACT_EIO;
            goto cleanup;
        }
    }
    rc = extract_buffer(f, data.data ? data.data : "", data.len, doc, err, errlen);
    if (rc == EXTRACT_OK && doc->title[0] == '\0') {
        free(doc->title);
        doc->title = title_from_path(path);
    }
cleanup:
    close(fd);
    buf_free(&data);
    return rc;
}

void extract_doc_init(extract_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void extract_doc_add_chunk(extract_doc *doc, int page, const char *heading, const char *text)
{
    if (doc->n_chunks == doc->cap_chunks) {
        size_t cap = doc->cap_chunks ? doc->cap_chunks * 2 : 8;
        doc->chunks = buf_xrealloc(doc->chunks, cap * sizeof *doc->chunks);
        doc->cap_chunks = cap;
    }
    extract_chunk *c = &doc->chunks[doc->n_chunks++];
    c->page = page;
    c->heading = heading ? buf_xstrndup(heading, strlen(heading)) : NULL;
    c->text = text ? buf_xstrndup(text, strlen(text)) : buf_xstrndup("", 0);
}

void extract_doc_add_text(extract_doc *doc, int page, const char *heading, const char *text,
                          size_t target)
{
    const char *s = text;
    size_t len = strlen(text);
    while (len) {
        while (len && (*s == '\n' || *s == ' ')) {
            s++;
            len--;
        }
        if (!len)
            break;
        size_t cut = text_split_point(s, len, target);
        size_t piece = cut;
        while (piece && (s[piece - 1] == '\n' || s[piece - 1] == ' '))
            piece--;
        if (piece) {
            char *p = buf_xstrndup(s, piece);
            extract_doc_add_chunk(doc, page, heading, p);
            free(p);
        }
        s += cut;
        len -= cut;
    }
}

void extract_doc_free(extract_doc *doc)
{
    if (!doc)
        return;
    free(doc->title);
    free(doc->date);
    free(doc->description);
    free(doc->headings);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        free(doc->chunks[i].heading);
        free(doc->chunks[i].text);
    }
    free(doc->chunks);
    extract_doc_init(doc);
}

/* Serialised form, all integers little-endian:
 *   "RPX1" u32 format, str title, str date, str description, str headings,
 *   u32 pages, u32 n_chunks, then per chunk: u32 page, str heading, str text
 * where str is u32 length (0xFFFFFFFF for NULL) followed by the bytes. */
#define SER_MAGIC "RPX1"
#define SER_NULL 0xFFFFFFFFu

static void put_u32(buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    buf_append(b, p, 4);
}

static void put_str(buf *b, const char *s)
{
    if (!s) {
        put_u32(b, SER_NULL);
        return;
    }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    buf_append(b, s, n);
}

void extract_doc_serialize(const extract_doc *doc, char **out, size_t *out_len)
{
    buf b = BUF_INIT;
    buf_append(&b, SER_MAGIC, 4);
    put_u32(&b, (uint32_t)doc->format);
    put_str(&b, doc->title);
    put_str(&b, doc->date);
    put_str(&b, doc->description);
    put_str(&b, doc->headings);
    put_u32(&b, (uint32_t)doc->pages);
    put_u32(&b, (uint32_t)doc->n_chunks);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        put_u32(&b, (uint32_t)doc->chunks[i].page);
        put_str(&b, doc->chunks[i].heading);
        put_str(&b, doc->chunks[i].text);
    }
    *out_len = b.len;
    *out = buf_detach(&b);
}

typedef struct {
    const unsigned char *p;
    size_t len;
    size_t pos;
} reader;

static int get_u32(reader *r, uint32_t *v)
{
    if (r->len - r->pos < 4)
        return -1;
    const unsigned char *p = r->p + r->pos;
    *v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->pos += 4;
    return 0;
}

/* Reads a string; a NUL inside it is malformed (it would truncate). */
static int get_str(reader *r, char **s)
{
    uint32_t n;
    *s = NULL;
    if (get_u32(r, &n) != 0)
        return -1;
    if (n == SER_NULL)
        return 0;
    if (r->len - r->pos < n || memchr(r->p + r->pos, '\0', n))
        return -1;
    *s = buf_xstrndup((const char *)r->p + r->pos, n);
    r->pos += n;
    return 0;
}

int extract_doc_deserialize(const char *data, size_t len, extract_doc *doc)
{
    reader r = {(const unsigned char *)data, len, 0};
    uint32_t format, pages, n;
    extract_doc_init(doc);
    if (len < 4 || memcmp(data, SER_MAGIC, 4) != 0)
        goto malformed;
    r.pos = 4;
    if (get_u32(&r, &format) != 0 || format > EXTRACT_FORMAT_TEXT)
        goto malformed;
    doc->format = (extract_format)format;
    if (get_str(&r, &doc->title) != 0 || get_str(&r, &doc->date) != 0 ||
        get_str(&r, &doc->description) != 0 || get_str(&r, &doc->headings) != 0)
        goto malformed;
    if (get_u32(&r, &pages) != 0 || pages > INT32_MAX || get_u32(&r, &n) != 0)
        goto malformed;
    doc->pages = (int)pages;
    /* Each chunk takes at least 12 bytes: bounds the allocation by the input. */
    if (n > (r.len - r.pos) / 12)
        goto malformed;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t page;
        char *heading, *text;
        if (get_u32(&r, &page) != 0 || page > INT32_MAX || get_str(&r, &heading) != 0)
            goto malformed;
        if (get_str(&r, &text) != 0 || !text) {
            free(heading);
            free(text);
            goto malformed;
        }
        extract_doc_add_chunk(doc, (int)page, heading, text);
        free(heading);
        free(text);
    }
    if (r.pos != r.len)
        goto malformed;
    return 0;
malformed:
    extract_doc_free(doc);
    return -1;
}
