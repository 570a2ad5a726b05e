/* spelling: a built-in table of French words with two correct spellings
 * (« cuillère » / « cuiller », « paie » / « paye », the rectified spellings
 * of 1990 whose letters differ: « ognon », « nénufar », « charriot »),
 * added to a synonyms object as groups of equivalents (synonyms_equate):
 * one word, a page spells it one way, a visitor the other. Works with or
 * without a synonyms file, whose groups keep their meaning. Does not
 * expand queries (query.c). */
#ifndef REPERE_SPELLING_H
#define REPERE_SPELLING_H

#include "synonyms.h"

/* Adds the table's groups to s, after whatever it holds. Returns how many
 * were added. */
size_t spelling_add(synonyms *s);

/* Number of entries in the table, and entry i: the spelling matched as
 * typed, its other spellings (*nother of them) and whether it leads only
 * from the first to them (1) or both ways (0). For tests. Returns NULL
 * past the end. */
size_t spelling_count(void);
const char *spelling_entry(size_t i, const char *const **other, size_t *nother, int *oneway);

#endif
