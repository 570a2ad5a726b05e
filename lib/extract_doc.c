/* extract_doc: the extracted document and the helpers that add text to it
 * (see extract_doc.h). No format knowledge and no I/O. */
#include "extract_doc.h"

#include "buf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

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
