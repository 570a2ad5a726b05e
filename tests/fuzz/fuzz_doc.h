/* fuzz_doc: the checks the extractor targets share: runs one extractor on
 * the input and verifies the extract_doc contract (see extract.h). */
#ifndef REPERE_FUZZ_DOC_H
#define REPERE_FUZZ_DOC_H

#include <ctype.h>

#include "extract.h"
#include "fuzz_util.h"
#include "wire.h"

static inline void fuzz_check_date(const char *date)
{
    if (!date)
        return;
    if (strlen(date) != 10 || date[4] != '-' || date[7] != '-')
        fuzz_fail("date is not YYYY-MM-DD: \"%s\"", date);
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)date[i]))
            fuzz_fail("date is not YYYY-MM-DD: \"%s\"", date);
    int month = (date[5] - '0') * 10 + (date[6] - '0');
    int day = (date[8] - '0') * 10 + (date[9] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        fuzz_fail("date out of range: \"%s\"", date);
}

static inline void fuzz_check_doc(const extract_doc *doc)
{
    if (!doc->title)
        fuzz_fail("successful extraction without a title");
    fuzz_check_str("title", doc->title);
    fuzz_check_str("description", doc->description);
    fuzz_check_str("headings", doc->headings);
    fuzz_check_str("keywords", doc->keywords);
    fuzz_check_date(doc->date);
    /* links: "target\ttext" lines, resolved (links.h); bytes, not text */
    if (doc->link_base)
        fuzz_fail("link_base left after extract_buffer");
    for (const char *l = doc->links; l && *l;) {
        const char *nl = strchr(l, '\n');
        if (!nl || !memchr(l, '\t', (size_t)(nl - l)) || l[0] == '\t')
            fuzz_fail("malformed links line");
        l = nl + 1;
    }
    if (doc->n_chunks > doc->cap_chunks || (doc->n_chunks && !doc->chunks))
        fuzz_fail("chunk array inconsistent: %zu of %zu", doc->n_chunks, doc->cap_chunks);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        const extract_chunk *c = &doc->chunks[i];
        if (!c->text)
            fuzz_fail("chunk %zu has no text", i);
        fuzz_check_str("chunk text", c->text);
        fuzz_check_str("chunk heading", c->heading);
        if (c->page < 0 || (doc->pages == 0 && c->page != 0) || c->page > doc->pages)
            fuzz_fail("chunk %zu on page %d of %d", i, c->page, doc->pages);
    }
}

static inline int fuzz_str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The document must come back identical from the worker's pipe format. */
static inline void fuzz_check_roundtrip(const extract_doc *doc)
{
    char *ser = NULL;
    size_t ser_len = 0;
    wire_doc_serialize(doc, &ser, &ser_len);
    extract_doc back;
    extract_doc_init(&back);
    if (wire_doc_deserialize(ser, ser_len, &back) != 0)
        fuzz_fail("a serialised document does not deserialise");
    if (back.format != doc->format || !fuzz_str_eq(back.title, doc->title) ||
        !fuzz_str_eq(back.date, doc->date) || !fuzz_str_eq(back.description, doc->description) ||
        !fuzz_str_eq(back.headings, doc->headings) || !fuzz_str_eq(back.keywords, doc->keywords) ||
        !fuzz_str_eq(back.links, doc->links) || back.pages != doc->pages ||
        back.n_chunks != doc->n_chunks)
        fuzz_fail("document changed through serialisation");
    for (size_t i = 0; i < doc->n_chunks; i++)
        if (back.chunks[i].page != doc->chunks[i].page ||
            !fuzz_str_eq(back.chunks[i].text, doc->chunks[i].text) ||
            !fuzz_str_eq(back.chunks[i].heading, doc->chunks[i].heading))
            fuzz_fail("chunk %zu changed through serialisation", i);
    extract_doc_free(&back);
    free(ser);
}

static inline void fuzz_extract_one(extract_format f, const char *name, const uint8_t *data,
                                    size_t size)
{
    (void)extract_detect(name, data, size);
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256];
    err[0] = '\0';
    int rc = extract_buffer(f, name, (const char *)data, size, &doc, err, sizeof err);
    if (rc == EXTRACT_OK) {
        fuzz_check_doc(&doc);
        fuzz_check_roundtrip(&doc);
    } else if (rc < 0 || rc > EXTRACT_EEMPTY) {
        fuzz_fail("unknown status %d", rc);
    } else if (err[0] == '\0') {
        fuzz_fail("status %d without a reason", rc);
    }
    extract_doc_free(&doc);
}

#endif
