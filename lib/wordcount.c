/* wordcount: the distinct index forms of a document, up to a cap (see
 * wordcount.h). A set of forms by open addressing: the forms are kept end
 * to end in one buffer, the table holds their offsets, so that a million
 * forms cost some 30 MB rather than an allocation each. */
#include "wordcount.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#define WORDCOUNT_EMPTY SIZE_MAX

typedef struct {
    buf forms;     /* each form as a byte of length then its bytes */
    size_t *slots; /* offset into forms, or WORDCOUNT_EMPTY */
    size_t cap, n, max;
} wordcount_set;

static void wordcount_grow(wordcount_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 4096;
    size_t *slots = buf_xrealloc(NULL, cap * sizeof *slots);
    memset(slots, 0xff, cap * sizeof *slots);
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slots[i] == WORDCOUNT_EMPTY)
            continue;
        const char *f = s->forms.data + s->slots[i];
        size_t j = text_hash(f + 1, (unsigned char)f[0]) & (cap - 1);
        while (slots[j] != WORDCOUNT_EMPTY)
            j = (j + 1) & (cap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

/* analyzer_cb: adds a form; stops (1) once the set holds more than max. */
static int wordcount_add(void *ctx, int flags, const char *token, size_t len, size_t start,
                         size_t end)
{
    wordcount_set *s = ctx;
    (void)flags;
    (void)start;
    (void)end;
    if (len == 0)
        return 0;
    /* A form longer than a length byte says is counted by its first 255
     * bytes: the count may come out lower, never higher. */
    if (len > UCHAR_MAX)
        len = UCHAR_MAX;
    if ((s->n + 1) * 2 > s->cap)
        wordcount_grow(s);
    size_t i = text_hash(token, len) & (s->cap - 1);
    for (; s->slots[i] != WORDCOUNT_EMPTY; i = (i + 1) & (s->cap - 1)) {
        const char *f = s->forms.data + s->slots[i];
        if ((unsigned char)f[0] == len && memcmp(f + 1, token, len) == 0)
            return 0;
    }
    s->slots[i] = s->forms.len;
    buf_putc(&s->forms, (char)len);
    buf_append(&s->forms, token, len);
    return ++s->n > s->max;
}

static int wordcount_text(wordcount_set *s, const char *text)
{
    return text ? analyzer_tokenize(text, strlen(text), ANALYZER_INDEX, wordcount_add, s) : 0;
}

int wordcount_over(const extract_doc *doc, size_t max)
{
    size_t bytes = 0;
    const char *fields[] = {doc->title, doc->headings, doc->description};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        bytes += fields[i] ? strlen(fields[i]) : 0;
    for (size_t i = 0; i < doc->n_chunks; i++)
        bytes += doc->chunks[i].text ? strlen(doc->chunks[i].text) : 0;
    if (bytes <= max)
        return 0;
    wordcount_set s = {BUF_INIT, NULL, 0, 0, max};
    int full = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !full; i++)
        full = wordcount_text(&s, fields[i]);
    for (size_t i = 0; i < doc->n_chunks && !full; i++)
        full = wordcount_text(&s, doc->chunks[i].text);
    buf_free(&s.forms);
    free(s.slots);
    return full;
}
