/* ways: the slot choice of the small set-associative caches (ways.h): an
 * id hashed to a slot, `ways` slots from there, a hit only when the text is
 * the same, else an empty slot or the least recently used one. */
#include "ways.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

ways_tag *ways_get(void *slots, size_t size, size_t nslots, int ways, unsigned long long *clock,
                   long long id, const char *text, size_t len, int *hit)
{
    uint64_t h = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 55;
    ways_tag *t = NULL;
    (*clock)++;
    for (int w = 0; w < ways; w++) {
        ways_tag *s = (ways_tag *)((char *)slots + ((h + (uint64_t)w) % nslots) * size);
        if (s->text && s->id == id) {
            t = s;
            break;
        }
        if (!t || (t->text && (!s->text || s->used < t->used)))
            t = s;
    }
    t->used = *clock;
    *hit = t->text && t->id == id && t->len == len && memcmp(t->text, text, len) == 0;
    if (!*hit)
        ways_clear(t);
    return t;
}

int ways_keep(ways_tag *t, long long id, const char *text, size_t len)
{
    if (!(t->text = malloc(len ? len : 1)))
        return -1;
    memcpy(t->text, text, len);
    t->len = len;
    t->id = id;
    return 0;
}

void ways_clear(ways_tag *t)
{
    free(t->text);
    t->text = NULL;
}
