/* grammar: reads a query's items (query_item.h) as French words, and
 * marks which a question or a keyword query does not require (dropped,
 * optional), which its relaxed order does not count (soft), its head noun.
 * Private to query.c, which lexes the items before and builds clauses
 * from the marks after. Words are compared unaccented, without marker. */
#ifndef REPERE_GRAMMAR_H
#define REPERE_GRAMMAR_H

#include <stddef.h>

#include "query_item.h"

/* Is the word one of the commonest function words (« de », « la », « et »),
 * which query.c matches by their own form, not by their stem? */
int grammar_closed_word(const char *unaccented);

/* Is the word a preposition of place or time (« sous », « pendant »)? */
int grammar_soft_preposition(const char *word);

/* Is the word a function word of a question or one that says little
 * alone (« tout », « même », « depuis »)? */
int grammar_says_little(const char *word);

/* Does the text (len bytes, as lexed into items[0..n)) ask a question: « ? »
 * at its end, an interrogative first or after a clause, a verb and its
 * subject pronoun inverted, « quoi »? If so, trims the inverted pronouns
 * from the items and marks them: dropped (its function words), asks
 * (« pourquoi »), soft, light, optional, either; returns 1. Else 0, items
 * left as they were. */
int grammar_mark_question(query_item *items, size_t n, const char *text, size_t len);

/* Does the text ask what a word means (« que signifie … », « qu'est-ce
 * que … », « définition de … »)? */
int grammar_asks_meaning(const query_item *items, size_t n, const char *text, size_t len);

/* Is word (unaccented) a subject pronoun a verb follows: « on », « je »,
 * the elided « j », « tu », « il », « elle », « nous », « vous », « ils »,
 * « elles »? */
int grammar_subject_pronoun(const char *word);

/* In such a question, marks dropped the words that ask it and are no
 * function words (« veut dire », « signifie », « définition »), keeping
 * one word at least. */
void grammar_mark_meaning(query_item *items, size_t n);

/* Marks a keyword query (no question): its function words, indefinites
 * and quantities optional; its prepositions of place or time soft; the
 * program it is asked in soft (after four content words); its head noun. */
void grammar_mark_keywords(query_item *items, size_t n);

#endif
