/* acronym: finds the acronyms a French text defines, and their long forms:
 * « protection judiciaire de la jeunesse (PJJ) », « VPN (Virtual Private
 * Network ou réseau privé virtuel) », the translation before an English
 * long form « bogues critiques pour la publication (release-critical ou
 * RC) » and glossary lines « ASE : aide sociale à l'enfance ». Works on one
 * text at a time; the index table of what the documents define is
 * acronym_table.c, the query side synonyms.c. */
#ifndef REPERE_ACRONYM_H
#define REPERE_ACRONYM_H

#include <stddef.h>

#define ACRONYM_MIN_LETTERS 2
#define ACRONYM_MAX_LETTERS 10

/* One definition: the acronym as written (« PJJ ») and its long form,
 * lowercased, its spaces made single (« protection judiciaire de la
 * jeunesse »). Both valid only during the call; a non-zero return stops
 * acronym_find and is returned by it. */
typedef int (*acronym_fn)(void *ctx, const char *acronym, size_t alen, const char *expansion,
                          size_t elen);

/* Calls fn for each definition in text[0..len) (UTF-8; invalid bytes end
 * words). A long form is a run of words whose initials spell the acronym's
 * letters in order (accents and case aside), every word giving its
 * initial except French function words (de, la, l', et, pour, à, contre…),
 * which may give theirs (« sans domicile fixe » SDF) or be skipped, at
 * most one of them giving one; the run holds at least two words that give
 * a letter and no punctuation, digits nor English function words (of,
 * the, and…). A translation of such a long form is taken beside it: in
 * the parenthesis, joined by « ou »; before it, when the parenthesis holds
 * the acronym and the long form (« (Virtual Private Network, ou VPN) »,
 * « (ou DFSG pour Debian Free Software Guidelines) »), the quoted words or
 * as many content words as the long form has; either with a word in common
 * with it (the same first four letters: « privé », « private »), or, in the
 * parenthesis or quoted, as many content words. An acronym is 2 to 10
 * capital letters, none a digit, and not a French function word (« LA »,
 * « CE »). Returns 0 or fn's return. */
int acronym_find(const char *text, size_t len, acronym_fn fn, void *ctx);

#endif
