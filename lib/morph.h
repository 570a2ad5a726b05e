/* morph: the other index forms of a word's family that a query piece
 * (piece.h) reaches where Snowball stems the family apart: its derived
 * words, its other number and person, the participles that are not the
 * word typed. Written from French morphology; reads the index through a
 * piece_vocab. Does not parse queries nor write FTS5 (query.c). */
#ifndef REPERE_MORPH_H
#define REPERE_MORPH_H

#include <stddef.h>

#include "buf.h"
#include "piece.h"

/* Does form[0..len) end as a past participle: -é, -ée, -és, -ées? */
int morph_participle(const char *form, size_t len);

/* Does s[0..len) end with end, after at least min characters (*before
 * bytes)? */
int morph_ends(const char *s, size_t len, const char *end, size_t min, size_t *before);

/* Sets weak[i] to mark for each form f->v[i] of the word typed as typed
 * (unaccented) that is a participle the word typed cannot be, to 0 for
 * the others (weak has f->n slots). */
void morph_weak_forms(const piece_forms *f, const char *typed, int mark, int *weak);

/* Writes to key (size bytes) the vocabulary key of the word a one-word
 * piece ("!stem|...") of index forms own derives from or to by « -age »
 * (« piratage », « pirater »), and returns its length, or 0 when there is
 * none or the index lacks what makes the pair hold. */
size_t morph_age_key(const char *piece, const piece_forms *own, const piece_vocab *v, char *key,
                     size_t size);

/* Appends to keys ("a|b") the vocabulary keys of the verbs, action nouns,
 * agent nouns and adjectives the index forms f of the one-word piece
 * derive from or to, at most 4, none the piece has already. */
void morph_derived_words(const char *piece, const piece_forms *f, const piece_vocab *v, buf *keys);

/* When the stem[0..len) (a stem key, as the analyzer gives it, with or
 * without its ANALYZER_FOLDED_STEM mark) is a verb's third person plural
 * in « -ent », which Snowball keeps (« recalculent »), and the stem
 * without it leads to a verb's forms in
 * the index (an infinitive in -er or a participle: « recalcule »,
 * « recalculées »), the length of that stem, else 0. query_lend gives the
 * word those forms even when the index lacks the -ent form itself: such a
 * word is known, not one to correct. */
size_t morph_person_verb(const piece_vocab *v, const char *stem, size_t len);

/* The piece with the alternatives of its word's other number, other
 * person and other forms of a verb in -dre or -ttre added, and, when word
 * (the word typed, unaccented) is not NULL and v->numbers is set, the
 * exact forms of its other number; little(w) says which unaccented words
 * have no number pairs (function words). NULL when nothing was added,
 * else the caller frees it. */
char *morph_plural_piece(const char *piece, const char *word, const piece_vocab *v,
                         int (*little)(const char *word));

#endif
