/* vocab: the index's word forms by key, in the vocab table (schema.h). The
 * index holds each word once, as its form (analyzer.h); a query word is
 * matched by keys: its folded stem, "%" + the stem of its unaccented form,
 * "~" + its unaccented form. This table maps each key to the forms that
 * have it, so that a query word becomes the list of forms to look for
 * (query.c). The writer adds the forms of what it indexes; forms of deleted
 * documents stay (they then match nothing). */
#ifndef REPERE_VOCAB_H
#define REPERE_VOCAB_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct vocab vocab;

/* Prepares the statements on db (read-only use needs only the lookups).
 * Returns 0, or -1 with err set. */
int vocab_open(sqlite3 *db, vocab **out, char *err, size_t errlen);
void vocab_close(vocab *v);

/* The writer: vocab_note remembers form (an index token) when this vocab
 * has not written it yet, and counts it (below) (it runs no SQL: call it
 * from a tokenizer listener); vocab_flush writes the keys of the forms noted. vocab_flush
 * returns an SQLite code; after a rollback, vocab_forget makes it forget
 * what it wrote and what was noted. */
void vocab_note(vocab *v, const char *form, size_t len);
int vocab_flush(vocab *v);
void vocab_forget(vocab *v);

/* Document counts, for the spelling table (spell.h). vocab_count(v, sign)
 * begins a document's text: until vocab_count_end, vocab_note counts each
 * distinct form once, +1 (sign 1: the document is being indexed) or -1
 * (it is being taken out); several texts may be counted before the end.
 * vocab_count_end keeps those counts in the transaction's (keep: the
 * store_put or store_delete succeeded) or drops them; vocab_count_tx adds
 * the transaction's to the run's (committed) or drops them (rolled back).
 * vocab_count_each calls fn(fctx, form, len, docs) for each form whose run
 * count is not 0 (spell_changes_fn, v being a vocab), vocab_count_clear
 * sets them to 0 once written.
 * Past max_forms forms (vocab_set_max_forms; 1,000,000 by default), the set
 * is emptied by vocab_count_tx (the forms noted are then written again,
 * harmlessly): vocab_count_lost then says that the run's counts are
 * incomplete, until vocab_count_clear. */
void vocab_count(vocab *v, int sign);
void vocab_count_end(vocab *v, int keep);
void vocab_count_tx(vocab *v, int committed);
int vocab_count_each(void *v, int (*fn)(void *fctx, const char *form, size_t len, long docs),
                     void *fctx);
void vocab_count_clear(vocab *v);
int vocab_count_lost(const vocab *v);
void vocab_set_max_forms(vocab *v, size_t max_forms);

/* Calls add(actx, form, len) for each form whose key is key[0..len), or
 * starts with it when prefix. Returns an SQLite code. The signature is
 * piece_vocab's (piece.h; query.h calls it query_vocab), v being a vocab. */
int vocab_forms(void *v, const char *key, size_t len, int prefix,
                void (*add)(void *actx, const char *form, size_t len), void *actx);

#endif
