/* anglicism: a built-in table of the English words French speakers type
 * (« mail », « newsletter », « password », « meeting ») and the French terms
 * documentation writes for them, added to a synonyms object as groups
 * (synonyms_equate), from the English word to the French. Works with or
 * without a synonyms file, whose groups keep their meaning. Does not
 * expand queries (query.c). */
#ifndef REPERE_ANGLICISM_H
#define REPERE_ANGLICISM_H

#include "synonyms.h"

/* The words are those of office, computing, training and association
 * work; the French terms (« courriel », « lettre d'information », « mot de
 * passe », « réunion ») are those FranceTerme recommends or everyday French
 * usage has. */

/* Adds the table's groups to s, after whatever it holds. Returns how many
 * were added. */
size_t anglicism_add(synonyms *s);

/* Number of entries in the table, and entry i: the English word and its
 * French terms (*nfrench of them). For tests. Returns NULL past the end. */
size_t anglicism_count(void);
const char *anglicism_entry(size_t i, const char *const **french, size_t *nfrench);

#endif
