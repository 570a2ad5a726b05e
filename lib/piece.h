/* piece: one position of a query as query.c writes it, its alternatives
 * "a|b|c" (keys marked as analyzer.h says, or query_lend's notes below),
 * and the index forms those alternatives name through a vocabulary
 * (vocab.c). Does not build pieces (query.c) nor reach a word's family
 * (morph.c). */
#ifndef REPERE_PIECE_H
#define REPERE_PIECE_H

#include <stddef.h>
#include <string.h>

#include "analyzer.h"

#define PIECE_MAX_FORMS 128 /* index forms one position of a query looks for */

/* A piece's alternative "^w": w, typed without accents, borrows the stems
 * of its accented spellings (query_lend). */
#define PIECE_LEND '^'
/* A piece's alternative "@": its word was typed as an agent noun
 * (« utilisateur »), which Snowball stems as its verb (« utiliser »):
 * query_lend keeps only its stem's agent-noun forms (query_agent_piece). */
#define PIECE_AGENT '@'
/* A piece's alternative "&s": its word's folded stem s is that of a word
 * saying little (« entrée », "entre"): query_lend adds the index forms of
 * s but that word's own (query_kin_forms). */
#define PIECE_KIN '&'
/* A piece's alternative "/w": its word, typed as w (unaccented), has the
 * stem of an unrelated word (query_false_stems): query_lend keeps its
 * stems' forms but that word's (query_rival_piece). */
#define PIECE_RIVAL '/'

/* Is c the first byte of an alternative query_lend rewrites ("^w", "@",
 * "&s", "/w"), which no index token has? */
static inline int piece_lent_marker(char c)
{
    return c == PIECE_LEND || c == PIECE_AGENT || c == PIECE_KIN || c == PIECE_RIVAL;
}

/* Where the compiler finds the index's word forms (vocab.c): forms calls
 * add(actx, form, len) for each form whose key is key[0..len) (prefix: whose
 * key starts with it) and returns an SQLite code. A word's keys are the
 * ANALYZER_WORDS tokens it is matched by: its folded stem ("accompagn"),
 * "%" + the stem of its unaccented form, "~" + its unaccented form. */
typedef struct {
    int (*forms)(void *ctx, const char *key, size_t len, int prefix,
                 void (*add)(void *actx, const char *form, size_t len), void *actx);
    void *ctx;
    /* Whether a word also reaches the index forms of its other number
     * that Snowball stems apart (« menu » / « menus », « permission » /
     * « permissions »: morph_number_alts); search.c turns it on for a
     * second reading of a query the first found too little for. */
    int numbers;
} piece_vocab;

/* Expansion: the index forms a piece's alternatives name (vocab.c), each
 * owned by the set (piece_forms_free). */
typedef struct {
    char *v[PIECE_MAX_FORMS];
    size_t n;
    size_t chars; /* prefixes: keep the first chars characters of each form */
    int (*keep)(const char *form, size_t len); /* NULL, or the only forms taken */
} piece_forms;

/* Adds form[0..len) to the piece_forms ctx (a vocabulary's add callback):
 * once, cut to its first chars characters when chars is set, not when
 * keep refuses it or the set is full. */
void piece_forms_add(void *ctx, const char *form, size_t len);
void piece_forms_free(piece_forms *f);

/* Walks the alternatives of a piece ("a|b|c", its first len bytes): each
 * piece_alt_next gives the next one as alt[0..n) and returns 0 after the
 * last. A bar at the very end opens no alternative. */
typedef struct {
    const char *p, *end;
} piece_alt_iter;

static inline piece_alt_iter piece_alt_iter_of(const char *piece, size_t len)
{
    return (piece_alt_iter){piece, piece + len};
}

static inline int piece_alt_next(piece_alt_iter *it, const char **alt, size_t *n)
{
    if (it->p >= it->end)
        return 0;
    const char *bar = memchr(it->p, ANALYZER_ALTERNATIVE, (size_t)(it->end - it->p));
    *alt = it->p;
    *n = (size_t)((bar ? bar : it->end) - it->p);
    it->p = bar ? bar + 1 : it->end;
    return 1;
}

/* The first alternative of a piece (« =un » of « =un|~un »): its length. */
size_t piece_first_alt(const char *piece);

/* Does piece[0..len) name the alternative alt[0..alen)? */
int piece_has(const char *piece, size_t len, const char *alt, size_t alen);

/* Adds to out the forms of one alternative: "=x" is the form x; "!x",
 * "%x", "~x" the forms whose key (vocab.c) is x, "%x", "~x". In a prefix,
 * "=x" is the prefix x itself and "~x" the beginnings, as long as x, of
 * the forms whose unaccented form starts with x (« élè » for « elev* »). */
void piece_alt_forms(const piece_vocab *v, const char *alt, size_t len, int prefix,
                     piece_forms *out);

/* Sets f to the forms one piece names (none without a vocabulary), those
 * keep accepts when it is not NULL. */
void piece_forms_of(const char *piece, int prefix, int (*keep)(const char *, size_t),
                    const piece_vocab *v, piece_forms *f);

#endif
