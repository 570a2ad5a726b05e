/* spell: "did you mean" from the index's own vocabulary. Loads every word
 * form the index holds (the analyzer's exact-form tokens, with how many
 * documents use each) and corrects query words it does not know: within
 * edit distance 1 for words of 4 to 7 letters, 2 for longer ones
 * (a swap of two neighbours counts as one), preferring the closest, then
 * the most frequent form. Accents never count as errors; the correction
 * keeps the accents typed (« acompagné » → « accompagné »).
 * A word is known when its unaccented form or its stem is in the index;
 * words under 4 letters, with digits, before a '*', typed in capitals
 * (acronyms) and common French function words are never corrected. */
#ifndef REPERE_SPELL_H
#define REPERE_SPELL_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct spell spell;

/* Reads the vocabulary of docs_fts on db (through a temp fts5vocab table,
 * so a read-only connection is fine). Takes time proportional to the index
 * size: load once, share (spell_suggest is thread-safe), reload when the
 * index changed. Returns 0, or -1 with err set. Free with spell_free. */
int spell_load(sqlite3 *db, spell **out, char *err, size_t errlen);
void spell_free(spell *s);

/* Number of distinct word forms loaded. */
size_t spell_words(const spell *s);

/* The query text with misspelt words replaced by their correction
 * (everything else kept byte for byte), or NULL when nothing needs
 * correcting. Caller frees with free(). */
char *spell_suggest(const spell *s, const char *text, size_t len);

/* Whether text has a word spell_suggest would correct when the index
 * lacks it, as known(ctx, folded, stem) tells (1: the index has a form
 * whose unaccented spelling is folded, or whose stem is stem; 0 when it
 * cannot tell): a caller can then look words up in the index as it is,
 * and load the vocabulary (spell_load, the cost of a pass over the whole
 * index) only for a query that needs a correction. */
typedef int (*spell_known_fn)(void *ctx, const char *folded, const char *stem);
int spell_needed(const char *text, size_t len, spell_known_fn known, void *ctx);

/* Up to max completions of the last word of text (a search box being
 * typed), most frequent first, each the whole text with its last word
 * completed. Fills out[] (caller frees each with free()) and returns how
 * many. */
size_t spell_complete(const spell *s, const char *text, size_t len, char **out, size_t max);

#endif
