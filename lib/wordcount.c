/* wordcount: the distinct index forms of a document, up to a cap (see
 * wordcount.h). Two bounds come first, each far cheaper than analysis:
 * the text's bytes, then the bytes of its distinct runs of non-blank
 * bytes; only a text past both is analysed. Sets of strings by open
 * addressing: the strings are kept end to end in one buffer, the table
 * holds their offsets, so that a million of them cost some 30 MB rather
 * than an allocation each. */
#include "wordcount.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#define WORDCOUNT_EMPTY SIZE_MAX

typedef struct {
    buf items;     /* each string as its length (uint32_t) then its bytes */
    size_t *slots; /* offset into items, or WORDCOUNT_EMPTY */
    size_t cap, n;
} wordcount_set;

static uint32_t wordcount_len(const wordcount_set *s, size_t off)
{
    uint32_t len;
    memcpy(&len, s->items.data + off, sizeof len);
    return len;
}

static void wordcount_grow(wordcount_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 4096;
    size_t *slots = buf_xrealloc(NULL, cap * sizeof *slots);
    memset(slots, 0xff, cap * sizeof *slots);
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slots[i] == WORDCOUNT_EMPTY)
            continue;
        const char *str = s->items.data + s->slots[i] + sizeof(uint32_t);
        size_t j = text_hash(str, wordcount_len(s, s->slots[i])) & (cap - 1);
        while (slots[j] != WORDCOUNT_EMPTY)
            j = (j + 1) & (cap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
}

/* Adds str[0..len) (len < 4 GB: the analyzer's forms and the runs of a
 * text the wire carries are) unless it is there; returns 1 when it was
 * not. */
static int wordcount_add(wordcount_set *s, const char *str, size_t len)
{
    if ((s->n + 1) * 2 > s->cap)
        wordcount_grow(s);
    size_t i = text_hash(str, len) & (s->cap - 1);
    for (; s->slots[i] != WORDCOUNT_EMPTY; i = (i + 1) & (s->cap - 1))
        if (wordcount_len(s, s->slots[i]) == len &&
            memcmp(s->items.data + s->slots[i] + sizeof(uint32_t), str, len) == 0)
            return 0;
    uint32_t len32 = (uint32_t)len;
    s->slots[i] = s->items.len;
    buf_append(&s->items, &len32, sizeof len32);
    buf_append(&s->items, str, len);
    s->n++;
    return 1;
}

static void wordcount_free(wordcount_set *s)
{
    buf_free(&s->items);
    free(s->slots);
}

static int wordcount_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Adds to *sum the bytes of the runs of non-blank bytes of text not in s
 * yet; stops (returns 1) once *sum passes max. The analyzer never joins
 * words across an ASCII blank, and a run of n bytes yields n forms at most
 * (a compound of p parts takes 2p - 1 bytes at least and yields p + 1), so
 * *sum bounds the number of distinct forms from above. */
static int wordcount_runs(wordcount_set *s, const char *text, size_t *sum, size_t max)
{
    const char *p = text;
    while (p && *p) {
        while (*p && wordcount_blank(*p))
            p++;
        const char *start = p;
        while (*p && !wordcount_blank(*p))
            p++;
        if (p > start && wordcount_add(s, start, (size_t)(p - start)))
            *sum += (size_t)(p - start);
        if (*sum > max)
            return 1;
    }
    return 0;
}

/* The forms being counted, and the cap. */
typedef struct {
    wordcount_set set;
    size_t max;
} wordcount_forms;

/* analyzer_cb: adds a form; stops (1) once there are more than max. */
static int wordcount_form(void *ctx, int flags, const char *token, size_t len, size_t start,
                          size_t end)
{
    wordcount_forms *f = ctx;
    (void)flags;
    (void)start;
    (void)end;
    if (len > 0)
        wordcount_add(&f->set, token, len);
    return f->set.n > f->max;
}

int wordcount_over(const extract_doc *doc, size_t max)
{
    const char *fields[] = {doc->title, doc->headings, doc->description, doc->hidden};
    const size_t n_fields = sizeof fields / sizeof fields[0];
    size_t bytes = 0;
    for (size_t i = 0; i < n_fields; i++)
        bytes += fields[i] ? strlen(fields[i]) : 0;
    for (size_t i = 0; i < doc->n_chunks; i++)
        bytes += doc->chunks[i].text ? strlen(doc->chunks[i].text) : 0;
    if (bytes <= max)
        return 0;
    wordcount_set runs = {BUF_INIT, NULL, 0, 0};
    size_t sum = 0;
    int maybe = 0;
    for (size_t i = 0; i < n_fields && !maybe; i++)
        maybe = wordcount_runs(&runs, fields[i], &sum, max);
    for (size_t i = 0; i < doc->n_chunks && !maybe; i++)
        maybe = wordcount_runs(&runs, doc->chunks[i].text, &sum, max);
    wordcount_free(&runs);
    if (!maybe)
        return 0;
    wordcount_forms f = {{BUF_INIT, NULL, 0, 0}, max};
    int over = 0;
    for (size_t i = 0; i < n_fields && !over; i++)
        over = fields[i] && analyzer_tokenize(fields[i], strlen(fields[i]), ANALYZER_INDEX,
                                              wordcount_form, &f) != 0;
    for (size_t i = 0; i < doc->n_chunks && !over; i++)
        over = doc->chunks[i].text &&
               analyzer_tokenize(doc->chunks[i].text, strlen(doc->chunks[i].text), ANALYZER_INDEX,
                                 wordcount_form, &f) != 0;
    wordcount_free(&f.set);
    return over;
}
