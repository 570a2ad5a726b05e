/* synonyms: the acronym and synonym file (corpus/synonymes.txt), one group
 * per line, sides separated by "=" ("MNA = mineurs non accompagnés"), "#"
 * comments. Expansion is symmetric; multi-word sides are phrases. */
#ifndef REPERE_SYNONYMS_H
#define REPERE_SYNONYMS_H

#include <stddef.h>

/* File format (UTF-8):
 *   # a comment line; "#" also starts a comment at the end of a line
 *   MNA = mineurs non accompagnés
 *   TEH = traite des êtres humains = traite des personnes
 * A group has two or more sides; each side is analysed like document text
 * (case, accents, elisions and plurals do not matter). Blank lines, CRLF
 * line ends and spaces around "=" are fine; a line with fewer than two
 * non-empty sides is ignored. A word may belong to several groups.
 * A line whose sides are separated by "~" (and that has no "=") groups
 * related words rather than equivalents: words of one family that the
 * stemmer does not join (« protéger ~ protection ») or of close meaning
 * (« signes ~ indicateurs »). They expand the same way, and the ranking
 * weighs what they reach less than the words typed (rank.c). */

typedef struct synonyms synonyms;

/* Loads path. Returns 0, or -1 with err set (a missing file is an error). */
int synonyms_load(const char *path, synonyms **out, char *err, size_t errlen);
/* No groups, for synonyms_learn. */
synonyms *synonyms_new(void);
void synonyms_free(synonyms *s);

/* Adds the group « acronym = expansion » that documents define (acronym.h),
 * as a "=" line would, unless a group of the file (one not learned)
 * already has the acronym as a side, or a learned group has both sides:
 * the file wins. Returns 1 when it added the group, else 0. */
int synonyms_learn(synonyms *s, const char *acronym, const char *expansion);

/* Adds words[0..n) as a group of related words, as a "~" line would
 * (lexicon.h); with oneway, only words[0] leads to the others: a query
 * with one of them does not reach words[0]. Returns 1 when added (2+
 * distinct sides), else 0. */
int synonyms_relate(synonyms *s, const char *const *words, size_t n, int oneway);

/* Adds words[0..n) as a group of equivalents, as a "=" line would
 * (abbrev.h: « mdp = mot de passe »), unless a "=" group of the file has
 * words[0] as a side: the site's meaning wins. The acronyms the documents
 * define do not stand in the way (« FAQ (frequently asked questions) »
 * does not say that « foire aux questions » is wrong); both expand. With
 * oneway, only words[0] leads to the others. words[0] is matched as it is
 * spelt (synonyms_literal). Returns 1 when added (2+ distinct sides), else
 * 0. */
int synonyms_equate(synonyms *s, const char *const *words, size_t n, int oneway);

/* Does a group of equivalents (a "=" line of the file, an acronym the
 * documents define, an abbreviation) have word as a side? A built-in
 * table that must yield to all of them asks before synonyms_equate
 * (anglicism.h). */
int synonyms_defines(const synonyms *s, const char *word);

/* Is stem (a word's stem, as the analyzer writes it) a word of any side of
 * any group, first or not (the « lines » of « county lines »)? A word the
 * tables know is a word, even where no document has it: the query must not
 * read it as an elision glued to another (spell_unglue: « l'ines »). Walks
 * every group: for the few words the index lacks. */
int synonyms_has_word(const synonyms *s, const char *stem);

/* A row of a built-in table (lexicon.h, abbrev.h, anglicism.h, spelling.h): the
 * number of words of rest[0..max), NULL-ended when shorter; and that row,
 * first then rest's words, gathered in words (room for 1 + max) as
 * synonyms_relate and synonyms_equate take it, returning its count. */
size_t synonyms_row_len(const char *const *rest, size_t max);
size_t synonyms_row(const char *first, const char *const *rest, size_t max, const char **words);

/* A row of a table of equivalents (abbrev.h, spelling.h): a word or
 * phrase, up to SYNONYMS_ROW_MAX others (NULL-ended when fewer), and
 * whether it leads only from the first to them (1) or both ways (0). */
#define SYNONYMS_ROW_MAX 3
typedef struct {
    const char *first;
    const char *rest[SYNONYMS_ROW_MAX];
    int oneway;
} synonyms_equal_row;

/* Adds each of rows[0..n) to s as a group of equivalents (synonyms_equate).
 * Returns how many were added. */
size_t synonyms_equate_rows(synonyms *s, const synonyms_equal_row *rows, size_t n);

/* Row i of rows[0..n): its first word, returned, its others (*rest, *nrest
 * of them) and *oneway. NULL past the end. For the tables' tests. */
const char *synonyms_equal_row_at(const synonyms_equal_row *rows, size_t n, size_t i,
                                  const char *const **rest, size_t *nrest, int *oneway);

/* Number of groups, of sides in group g, and the tokens of one side: the
 * analyzer's stems, one per position (pointers owned by s). */
size_t synonyms_groups(const synonyms *s);
size_t synonyms_sides(const synonyms *s, size_t g);
/* Is group g a "~" line of related words? */
int synonyms_related(const synonyms *s, size_t g);
/* Is group g an abbreviation's (synonyms_equate), whose side 0 a query
 * word must spell, not only share its stem: « compte » stems as « compta »
 * does. The lookup compares stems; the caller checks the spelling. */
int synonyms_literal(const synonyms *s, size_t g);
size_t synonyms_side(const synonyms *s, size_t g, size_t side, const char *const **tokens);
/* The form of word i of that side as the file (or the document) writes
 * it, lowercase with its accents (« indicateurs »), or NULL when there is
 * no such word. Owned by s. */
const char *synonyms_side_form(const synonyms *s, size_t g, size_t side, size_t i);

/* Finds the groups having a side whose tokens are exactly tokens[0..n)
 * (a token also matches the stem of a side word's unaccented form: query
 * words typed without accents may stem differently, analyzer.h).
 * Fills groups[] (at most max) and sides[] (which side matched; may be
 * NULL); returns how many were found (possibly more than max). */
size_t synonyms_lookup(const synonyms *s, const char *const *tokens, size_t n, size_t *groups,
                       size_t *sides, size_t max);

#endif
