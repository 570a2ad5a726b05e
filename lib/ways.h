/* ways: the slot choice of a small set-associative cache keyed by a row id
 * and the text the entry was made from (marks.c's chunk token streams,
 * snippet.c's title words). An id may sit in any of `ways` slots from the
 * one it hashes to; a new entry takes an empty one or the least recently
 * used. Each cache entry starts with a ways_tag. */
#ifndef REPERE_WAYS_H
#define REPERE_WAYS_H

#include <stddef.h>

typedef struct {
    long long id;
    char *text; /* owned copy of the entry's text; NULL: empty slot */
    size_t len;
    unsigned long long used; /* the cache's clock when last used */
} ways_tag;

/* The tag of the entry for id among slots[0..nslots) (entries of `size`
 * bytes, each starting with its ways_tag): the one made from text[0..len)
 * (*hit = 1), else a slot emptied for it (*hit = 0), which the caller fills
 * and then records with ways_keep. *clock ticks once per call. */
ways_tag *ways_get(void *slots, size_t size, size_t nslots, int ways, unsigned long long *clock,
                   long long id, const char *text, size_t len, int *hit);

/* Records that t's entry was made from id's text[0..len): 0, or -1 when
 * memory runs out (the slot stays empty). */
int ways_keep(ways_tag *t, long long id, const char *text, size_t len);

/* Frees a tag's text. */
void ways_clear(ways_tag *t);

#endif
