/* spell: "did you mean" from the index's own vocabulary: corrects query
 * words the index does not know, or suggests the prefix of a word cut
 * short. Words under 4 letters, with digits, before a '*', typed in
 * capitals (acronyms) and common French function words are never corrected. */
#ifndef REPERE_SPELL_H
#define REPERE_SPELL_H

#include <sqlite3.h>
#include <stddef.h>

/* Loads every word form the index holds (the analyzer's exact-form tokens,
 * with how many documents use each: the spelling table, which the writer
 * brings up to date at the end of a run). Corrections lie within edit
 * distance 1 for words of 4 to 7 letters, 2 for longer ones (a swap of two
 * neighbours counts as one), preferring the closest, then the most frequent
 * form. Accents never count as errors; the correction keeps the accents
 * typed (« acompagné » → « accompagné »). A word no correction reaches but
 * that words of the index begin with is a word cut short, suggested as that
 * prefix (« coeff » → « coeff* »). A word is known when its unaccented form
 * or its stem is in the index. */

typedef struct spell spell;

/* The writer's side. spell_write rewrites the spelling table (schema.h)
 * from docs_fts (through a temp fts5vocab table, in the caller's
 * transaction): a pass over the whole index. spell_apply adds to it the
 * changes a run made, as changes(src, fn, fctx) gives them: it calls
 * fn(fctx, form, len, docs) for each form whose number of documents
 * changed by docs, and returns the first non-zero return of fn. Both
 * return an SQLite code, with err set. */
int spell_write(sqlite3 *db, char *err, size_t errlen);
typedef int (*spell_changes_fn)(void *src,
                                int (*fn)(void *fctx, const char *form, size_t len, long docs),
                                void *fctx);
int spell_apply(sqlite3 *db, spell_changes_fn changes, void *src, char *err, size_t errlen);

/* Reads the vocabulary from the spelling table of db (a read-only
 * connection is fine): one pass over that table, a few tens of
 * milliseconds for the 150,000 forms of ten thousand documents. Load
 * once, share (spell_suggest is thread-safe), reload when the index
 * changed. Returns 0, or -1 with err set. Free with spell_free. */
int spell_load(sqlite3 *db, spell **out, char *err, size_t errlen);
void spell_free(spell *s);

/* Number of distinct word forms loaded. */
size_t spell_words(const spell *s);

/* Whether the index has a word, as the caller tells from the index as it
 * is (1: the index has a form whose unaccented spelling is folded, or
 * whose stem is stem; 0 when it has not or cannot tell). */
typedef int (*spell_known_fn)(void *ctx, const char *folded, const char *stem);

/* The query text with misspelt words replaced by their correction
 * (everything else kept byte for byte), or NULL when nothing needs
 * correcting. A word is left alone when the vocabulary has its unaccented
 * form or, known being non-NULL, known(ctx, folded, stem) says the index
 * has it (the vocabulary holds no stems). Caller frees with free(). */
char *spell_suggest(const spell *s, const char *text, size_t len, spell_known_fn known, void *ctx);

/* The query text with its elisions typed glued to their word (« quon »,
 * « nimprimer », « jai ») split by their apostrophe (« qu'on »), everything
 * else kept byte for byte, or NULL when there is none. A word is one when
 * it begins with an elided word (« l », « qu », « lorsqu »…) and a vowel or
 * an h follows (an e after « c »), the index lacks it (the vocabulary and,
 * known being non-NULL, known(ctx, folded, stem)) and the vocabulary has
 * its rest. Such a word is what the person typed, not a slip: search.c
 * reads the text so split, as if typed with the apostrophe. Not in capitals
 * (an acronym), unless the whole text is. Caller frees with free(). */
char *spell_unglue(const spell *s, const char *text, size_t len, spell_known_fn known, void *ctx);

/* Whether text has a word spell_suggest would correct, or spell_unglue
 * split, when the index lacks it, as known tells: a caller can then look
 * words up in the index as it is, and load the vocabulary only for a query
 * that needs it. */
int spell_needed(const char *text, size_t len, spell_known_fn known, void *ctx);

/* Up to max completions of the last word of text (a search box being
 * typed), most frequent first, each the whole text with its last word
 * completed. Fills out[] (caller frees each with free()) and returns how
 * many. */
size_t spell_complete(const spell *s, const char *text, size_t len, char **out, size_t max);

#endif
