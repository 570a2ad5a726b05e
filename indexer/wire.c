/* wire: encoding and decoding of the indexer <-> worker messages (see
 * wire.h). All integers are little-endian; a string is a u32 length
 * (0xFFFFFFFF for NULL) and its bytes, never containing a NUL. */
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Payloads:
 *   'C' u32 timeout_s, u64 max_memory_mb, u64 max_bytes, u64 max_words
 *   'J' u32 format, str path, str old_hash
 *   'P' str path, str hash, u32 page, u32 timeout_s
 *   'R' (ready)
 *   'S' hash[64]          'D' hash[64] document          'E' str reason
 *   'T' u32 page, u32 ms, str text
 * and a document is "RPX4" u32 format, str title, str date, str
 * description, str headings, str keywords, str hidden, str links, u32 pages,
 * u32 n_chunks, then per chunk u32 page, str heading, str text, then
 * u32 n_scan_pages and the pages. */

#define WIRE_DOC_MAGIC "RPX4"
#define WIRE_NULL 0xFFFFFFFFu

typedef struct {
    const unsigned char *p;
    size_t len;
    size_t pos;
} wire_reader;

static void wire_put_u32(buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    buf_append(b, p, 4);
}

static void wire_put_u64(buf *b, uint64_t v)
{
    wire_put_u32(b, (uint32_t)v);
    wire_put_u32(b, (uint32_t)(v >> 32));
}

/* Strings over WIRE_MAX_FRAME cannot travel: the frame refuses them. */
static void wire_put_str(buf *b, const char *s)
{
    if (!s) {
        wire_put_u32(b, WIRE_NULL);
        return;
    }
    size_t n = strlen(s);
    wire_put_u32(b, n < WIRE_NULL ? (uint32_t)n : WIRE_NULL - 1);
    buf_append(b, s, n < WIRE_NULL ? n : WIRE_NULL - 1);
}

static int wire_get_u32(wire_reader *r, uint32_t *v)
{
    if (r->len - r->pos < 4)
        return -1;
    const unsigned char *p = r->p + r->pos;
    *v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->pos += 4;
    return 0;
}

static int wire_get_u64(wire_reader *r, uint64_t *v)
{
    uint32_t lo, hi;
    if (wire_get_u32(r, &lo) != 0 || wire_get_u32(r, &hi) != 0)
        return -1;
    *v = (uint64_t)hi << 32 | lo;
    return 0;
}

/* Reads a string; a NUL inside it is malformed (it would truncate). */
static int wire_get_str(wire_reader *r, char **s)
{
    uint32_t n;
    *s = NULL;
    if (wire_get_u32(r, &n) != 0)
        return -1;
    if (n == WIRE_NULL)
        return 0;
    if (r->len - r->pos < n || memchr(r->p + r->pos, '\0', n))
        return -1;
    *s = buf_xstrndup((const char *)r->p + r->pos, n);
    r->pos += n;
    return 0;
}

size_t wire_frame_begin(buf *b)
{
    size_t off = b->len;
    wire_put_u32(b, 0);
    return off;
}

int wire_frame_end(buf *b, size_t off)
{
    size_t n = b->len - off - 4;
    if (n > WIRE_MAX_FRAME)
        return -1;
    unsigned char *p = (unsigned char *)b->data + off;
    p[0] = (unsigned char)n;
    p[1] = (unsigned char)(n >> 8);
    p[2] = (unsigned char)(n >> 16);
    p[3] = (unsigned char)(n >> 24);
    return 0;
}

int wire_frame_next(const char *data, size_t len, const char **payload, size_t *plen, size_t *used)
{
    wire_reader r = {(const unsigned char *)data, len, 0};
    uint32_t n;
    if (wire_get_u32(&r, &n) != 0)
        return 0;
    if (n > WIRE_MAX_FRAME)
        return -1;
    if (len - 4 < n)
        return 0;
    *payload = data + 4;
    *plen = n;
    *used = 4 + (size_t)n;
    return 1;
}

void wire_put_config(buf *b, const wire_config *c)
{
    buf_putc(b, 'C');
    wire_put_u32(b, c->timeout_s);
    wire_put_u64(b, c->max_memory_mb);
    wire_put_u64(b, c->max_bytes);
    wire_put_u64(b, c->max_words);
}

int wire_get_config(const char *p, size_t len, wire_config *c)
{
    wire_reader r = {(const unsigned char *)p, len, 1};
    if (len < 1 || p[0] != 'C' || wire_get_u32(&r, &c->timeout_s) != 0 ||
        wire_get_u64(&r, &c->max_memory_mb) != 0 || wire_get_u64(&r, &c->max_bytes) != 0 ||
        wire_get_u64(&r, &c->max_words) != 0)
        return -1;
    return r.pos == len ? 0 : -1;
}

void wire_put_job(buf *b, extract_format format, const char *path, const char *old_hash)
{
    buf_putc(b, WIRE_JOB_FILE);
    wire_put_u32(b, (uint32_t)format);
    wire_put_str(b, path);
    wire_put_str(b, old_hash);
}

void wire_put_page_job(buf *b, const char *path, const char *hash, uint32_t page,
                       uint32_t timeout_s)
{
    buf_putc(b, WIRE_JOB_PAGE);
    wire_put_str(b, path);
    wire_put_str(b, hash);
    wire_put_u32(b, page);
    wire_put_u32(b, timeout_s);
}

void wire_job_free(wire_job *job)
{
    free(job->path);
    free(job->old_hash);
    memset(job, 0, sizeof *job);
}

int wire_get_job(const char *p, size_t len, wire_job *job)
{
    wire_reader r = {(const unsigned char *)p, len, 1};
    uint32_t format;
    memset(job, 0, sizeof *job);
    if (len >= 1 && p[0] == WIRE_JOB_PAGE) {
        job->kind = WIRE_JOB_PAGE;
        if (wire_get_str(&r, &job->path) != 0 || wire_get_str(&r, &job->old_hash) != 0 ||
            !job->path || !job->old_hash || wire_get_u32(&r, &job->page) != 0 || job->page == 0 ||
            job->page > INT32_MAX || wire_get_u32(&r, &job->timeout_s) != 0 || r.pos != len) {
            wire_job_free(job);
            return -1;
        }
        return 0;
    }
    job->kind = WIRE_JOB_FILE;
    if (len < 1 || p[0] != WIRE_JOB_FILE || wire_get_u32(&r, &format) != 0 ||
        format >= EXTRACT_FORMAT_COUNT || wire_get_str(&r, &job->path) != 0 ||
        wire_get_str(&r, &job->old_hash) != 0 || !job->path || r.pos != len) {
        wire_job_free(job);
        return -1;
    }
    job->format = (extract_format)format;
    return 0;
}

static void wire_put_document(buf *b, const extract_doc *doc)
{
    buf_append(b, WIRE_DOC_MAGIC, 4);
    wire_put_u32(b, (uint32_t)doc->format);
    wire_put_str(b, doc->title);
    wire_put_str(b, doc->date);
    wire_put_str(b, doc->description);
    wire_put_str(b, doc->headings);
    wire_put_str(b, doc->keywords);
    wire_put_str(b, doc->hidden);
    wire_put_str(b, doc->links);
    wire_put_u32(b, (uint32_t)doc->pages);
    wire_put_u32(b, (uint32_t)doc->n_chunks);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        wire_put_u32(b, (uint32_t)doc->chunks[i].page);
        wire_put_str(b, doc->chunks[i].heading);
        wire_put_str(b, doc->chunks[i].text);
    }
    wire_put_u32(b, (uint32_t)doc->n_scan_pages);
    for (size_t i = 0; i < doc->n_scan_pages; i++)
        wire_put_u32(b, (uint32_t)doc->scan_pages[i]);
}

/* Reads a document up to the end of r: trailing bytes are malformed. */
static int wire_get_document(wire_reader *r, extract_doc *doc)
{
    uint32_t format, pages, n;
    extract_doc_init(doc);
    if (r->len - r->pos < 4 || memcmp(r->p + r->pos, WIRE_DOC_MAGIC, 4) != 0)
        goto malformed;
    r->pos += 4;
    if (wire_get_u32(r, &format) != 0 || format >= EXTRACT_FORMAT_COUNT)
        goto malformed;
    doc->format = (extract_format)format;
    if (wire_get_str(r, &doc->title) != 0 || wire_get_str(r, &doc->date) != 0 ||
        wire_get_str(r, &doc->description) != 0 || wire_get_str(r, &doc->headings) != 0 ||
        wire_get_str(r, &doc->keywords) != 0 || wire_get_str(r, &doc->hidden) != 0 ||
        wire_get_str(r, &doc->links) != 0)
        goto malformed;
    if (wire_get_u32(r, &pages) != 0 || pages > INT32_MAX || wire_get_u32(r, &n) != 0)
        goto malformed;
    doc->pages = (int)pages;
    /* Each chunk takes at least 12 bytes: bounds the allocation by the input. */
    if (n > (r->len - r->pos) / 12)
        goto malformed;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t page;
        char *heading, *text;
        if (wire_get_u32(r, &page) != 0 || page > INT32_MAX || wire_get_str(r, &heading) != 0)
            goto malformed;
        if (wire_get_str(r, &text) != 0 || !text) {
            free(heading);
            free(text);
            goto malformed;
        }
        extract_doc_add_chunk(doc, (int)page, NULL, NULL);
        extract_chunk *c = &doc->chunks[doc->n_chunks - 1];
        free(c->text);
        c->heading = heading;
        c->text = text;
    }
    /* Scanned pages: ascending page numbers, so at most pages of them. */
    if (wire_get_u32(r, &n) != 0 || n > pages || n > (r->len - r->pos) / 4)
        goto malformed;
    for (uint32_t i = 0, last = 0; i < n; i++) {
        uint32_t page;
        if (wire_get_u32(r, &page) != 0 || page <= last || page > pages)
            goto malformed;
        extract_doc_add_scan_page(doc, (int)page);
        last = page;
    }
    if (r->pos != r->len)
        goto malformed;
    return 0;
malformed:
    extract_doc_free(doc);
    return -1;
}

void wire_doc_serialize(const extract_doc *doc, char **out, size_t *out_len)
{
    buf b = BUF_INIT;
    wire_put_document(&b, doc);
    *out_len = b.len;
    *out = buf_detach(&b);
}

int wire_doc_deserialize(const char *data, size_t len, extract_doc *doc)
{
    wire_reader r = {(const unsigned char *)data, len, 0};
    return wire_get_document(&r, doc);
}

void wire_put_ready(buf *b)
{
    buf_putc(b, 'R');
}

int wire_get_ready(const char *p, size_t len)
{
    return len == 1 && p[0] == 'R';
}

void wire_put_same(buf *b, const char *hash)
{
    buf_putc(b, WIRE_SAME);
    buf_append(b, hash, WIRE_HASH_HEX);
}

void wire_put_doc(buf *b, const char *hash, const extract_doc *doc)
{
    buf_putc(b, WIRE_DOC);
    buf_append(b, hash, WIRE_HASH_HEX);
    wire_put_document(b, doc);
}

void wire_put_text(buf *b, uint32_t page, uint32_t ms, const char *text)
{
    buf_putc(b, WIRE_TEXT);
    wire_put_u32(b, page);
    wire_put_u32(b, ms);
    wire_put_str(b, text);
}

void wire_put_error(buf *b, const char *reason)
{
    buf_putc(b, WIRE_ERROR);
    wire_put_str(b, reason);
}

/* A hash is lowercase hex: it is compared and stored as text. */
static int wire_hash_ok(const char *h)
{
    for (size_t i = 0; i < WIRE_HASH_HEX; i++)
        if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
            return 0;
    return 1;
}

int wire_get_result(const char *p, size_t len, wire_result *res)
{
    wire_reader r = {(const unsigned char *)p, len, 1};
    memset(res, 0, sizeof *res);
    extract_doc_init(&res->doc);
    if (len < 1)
        return -1;
    res->kind = (wire_kind)p[0];
    if (res->kind == WIRE_ERROR) {
        char *reason = NULL;
        if (wire_get_str(&r, &reason) != 0 || !reason || r.pos != len) {
            free(reason);
            return -1;
        }
        snprintf(res->reason, sizeof res->reason, "%s", reason);
        free(reason);
        return 0;
    }
    if (res->kind == WIRE_TEXT) {
        uint32_t page;
        char *text = NULL;
        if (wire_get_u32(&r, &page) != 0 || page == 0 || page > INT32_MAX ||
            wire_get_u32(&r, &res->ms) != 0 || wire_get_str(&r, &text) != 0 || !text ||
            r.pos != len) {
            free(text);
            return -1;
        }
        extract_doc_add_chunk(&res->doc, (int)page, NULL, NULL);
        free(res->doc.chunks[0].text);
        res->doc.chunks[0].text = text;
        return 0;
    }
    if ((res->kind != WIRE_SAME && res->kind != WIRE_DOC) || len - 1 < WIRE_HASH_HEX ||
        !wire_hash_ok(p + 1))
        return -1;
    memcpy(res->hash, p + 1, WIRE_HASH_HEX);
    res->hash[WIRE_HASH_HEX] = '\0';
    r.pos += WIRE_HASH_HEX;
    if (res->kind == WIRE_SAME)
        return r.pos == len ? 0 : -1;
    return wire_get_document(&r, &res->doc);
}
