/* initials: the long form of an initialism a visitor types and no page
 * defines (« tdm », « ndbp »), read from the words of the documents'
 * titles and headings whose initials spell it (« Table des matières »,
 * « Notes de bas de page »). Query side only: search.c asks for a word the
 * index does not know and adds what is found as a group of equivalents
 * for that query. Defined acronyms are acronym.h's. */
#ifndef REPERE_INITIALS_H
#define REPERE_INITIALS_H

#include <sqlite3.h>
#include <stddef.h>

#define INITIALS_MIN_LETTERS 3
#define INITIALS_MAX_LETTERS 5
/* The long forms kept: those with the most documents, when tied. */
#define INITIALS_MAX_FORMS 3

/* Is word[0..len) one to read as initials: INITIALS_MIN_LETTERS to
 * INITIALS_MAX_LETTERS ASCII letters, nothing else? */
int initials_candidate(const char *word, size_t len);

/* The long forms of letters (lowercase ASCII) in db's titles and headings:
 * runs of words, inside one line and without punctuation, whose initials
 * spell the letters in order, accents and case aside, the run beginning
 * and ending with a word that is not a French function word (de, des, du,
 * la, le, les, l', d', en, à, au, aux, et), each function word inside
 * giving its initial or not (« table des matières » t-d-m, « mise en forme
 * conditionnelle » m-f-c, « note de bas de page » n-d-b-p). Kept: the run
 * (its words compared without accents nor final s) that the most
 * documents have as a whole title, heading or part of one (between
 * punctuation or numbers: « Table des matières, index »), when two
 * documents or more have it so, or when it is the only run found; runs
 * tied with it too, at most INITIALS_MAX_FORMS. forms[] gets them as the
 * first document writes them, lowercase (caller frees each), *n their
 * number. Returns an SQLite code. */
int initials_find(sqlite3 *db, const char *letters, char **forms, size_t *n);

#endif
