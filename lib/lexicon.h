/* lexicon: a small built-in table of everyday French words and the words
 * software and administrative documentation writes for the same action
 * (« enlever » / « supprimer », « montrer » / « afficher »), added to a
 * synonyms object as related words (synonyms_relate), one way: the word a
 * visitor types reaches the documentation's word, not the reverse. Works
 * with or without a synonyms file. Does not expand queries (query.c). */
#ifndef REPERE_LEXICON_H
#define REPERE_LEXICON_H

#include "synonyms.h"

/* Adds the table's groups to s, after whatever it holds. Returns how many
 * were added. */
size_t lexicon_add(synonyms *s);

#endif
