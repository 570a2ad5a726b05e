/* wire: the messages between the indexer and its extraction workers
 * (worker.c, pool.c), framed on pipes as a u32 length and a payload. The
 * worker parses hostile documents, so the parent decodes what it sends as
 * untrusted input: every decoder is bounds-checked and refuses malformed
 * bytes. Encoders append to a buf; decoders allocate what they return. */
#ifndef REPERE_WIRE_H
#define REPERE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "extract.h"

/* A frame longer than this is refused (and a worker never writes one). */
#define WIRE_MAX_FRAME ((size_t)1 << 30)
/* SHA-256 in lowercase hex, as results carry it. */
#define WIRE_HASH_HEX 64

/* Starts a frame at the end of b; returns its offset for wire_frame_end. */
size_t wire_frame_begin(buf *b);
/* Writes the length of the frame started at off. Returns 0, or -1 when the
 * payload is over WIRE_MAX_FRAME. */
int wire_frame_end(buf *b, size_t off);
/* Looks for a whole frame at the start of data[0..len): returns 1 and sets
 * *payload, *plen and *used (bytes the frame takes), 0 when more bytes are
 * needed, -1 when the length is over WIRE_MAX_FRAME. */
int wire_frame_next(const char *data, size_t len, const char **payload, size_t *plen, size_t *used);

/* parent -> worker, first: the limits the worker applies to itself. */
typedef struct {
    uint32_t timeout_s;     /* CPU time limit per file */
    uint64_t max_memory_mb; /* address-space limit; 0: none */
    uint64_t max_bytes;     /* larger files fail without being read whole */
    uint64_t max_words;     /* documents with more distinct words fail; 0: no limit */
} wire_config;

/* parent -> worker: one file to hash and maybe extract ('J'), or one page
 * of a PDF to read by OCR ('P'). */
typedef enum {
    WIRE_JOB_FILE = 'J',
    WIRE_JOB_PAGE = 'P',
} wire_job_kind;

typedef struct {
    wire_job_kind kind;
    extract_format format; /* 'J' */
    char *path;
    /* 'J': hash of the indexed version, or NULL; 'P': the hash the file
     * must still have (the page is read from that content only). */
    char *old_hash;
    uint32_t page;      /* 'P': 1-based */
    uint32_t timeout_s; /* 'P': CPU limit of this page (the config's for 'J') */
} wire_job;

/* worker -> parent, first: the worker is ready (its limits are set), so
 * the first file's time starts now rather than when it was spawned. */
void wire_put_ready(buf *b);
int wire_get_ready(const char *p, size_t len); /* 1 when p is that message */

/* worker -> parent: the answer to one job. */
typedef enum {
    WIRE_SAME = 'S',  /* content hash equals old_hash: nothing extracted */
    WIRE_DOC = 'D',   /* hash and the extracted document */
    WIRE_TEXT = 'T',  /* a page read by OCR: one chunk of doc, with its page */
    WIRE_ERROR = 'E', /* the file could not be read or extracted: reason */
} wire_kind;

typedef struct {
    wire_kind kind;
    char hash[WIRE_HASH_HEX + 1];
    extract_doc doc; /* WIRE_DOC, WIRE_TEXT; extract_doc_free it */
    uint32_t ms;     /* WIRE_TEXT: milliseconds the worker took to render and read it */
    char reason[512];
} wire_result;

void wire_put_config(buf *b, const wire_config *c);
int wire_get_config(const char *p, size_t len, wire_config *c);

/* Encodes a job whose strings the caller keeps; decoding allocates them
 * (wire_job_free). */
void wire_put_job(buf *b, extract_format format, const char *path, const char *old_hash);
void wire_put_page_job(buf *b, const char *path, const char *hash, uint32_t page,
                       uint32_t timeout_s);
int wire_get_job(const char *p, size_t len, wire_job *job);
void wire_job_free(wire_job *job);

void wire_put_same(buf *b, const char *hash);
void wire_put_doc(buf *b, const char *hash, const extract_doc *doc);
void wire_put_text(buf *b, uint32_t page, uint32_t ms, const char *text);
void wire_put_error(buf *b, const char *reason);
/* Fills *res (its doc initialised even on failure). Returns 0, or -1. */
int wire_get_result(const char *p, size_t len, wire_result *res);

/* The document alone, as WIRE_DOC carries it after the hash. Deserialising
 * returns 0, or -1 on malformed input (doc left empty, as after
 * extract_doc_init). The serialised bytes are the caller's to free. */
void wire_doc_serialize(const extract_doc *doc, char **out, size_t *out_len);
int wire_doc_deserialize(const char *data, size_t len, extract_doc *doc);

#endif
