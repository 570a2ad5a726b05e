/* abbrev: a built-in table of everyday French abbreviations and the long
 * forms documentation writes for them (« mdp » / « mot de passe », « faq »
 * / « foire aux questions », « rdv » / « rendez-vous »), added to a
 * synonyms object as groups of equivalents (synonyms_equate): a page
 * writes the one, a visitor types the other. Works with or without a
 * synonyms file, whose groups (and the acronyms the documents define) keep
 * their meaning. Does not expand queries (query.c). */
#ifndef REPERE_ABBREV_H
#define REPERE_ABBREV_H

#include "synonyms.h"

/* Adds the table's groups to s, after whatever it holds. Returns how many
 * were added. */
size_t abbrev_add(synonyms *s);

/* Number of entries in the table, and entry i: its abbreviation, its long
 * forms (*nlong of them) and whether it leads only from the abbreviation
 * to them (1) or both ways (0). For tests. Returns NULL past the end. */
size_t abbrev_count(void);
const char *abbrev_entry(size_t i, const char *const **longs, size_t *nlong, int *oneway);

#endif
