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
 * has not written it yet (it runs no SQL: call it from a tokenizer
 * listener); vocab_flush writes the keys of the forms noted. vocab_flush
 * returns an SQLite code; after a rollback, vocab_forget makes it forget
 * what it wrote and what was noted. */
void vocab_note(vocab *v, const char *form, size_t len);
int vocab_flush(vocab *v);
void vocab_forget(vocab *v);

/* Calls add(actx, form, len) for each form whose key is key[0..len), or
 * starts with it when prefix. Returns an SQLite code. The signature is
 * query_vocab's (query.h), v being a vocab. */
int vocab_forms(void *v, const char *key, size_t len, int prefix,
                void (*add)(void *actx, const char *form, size_t len), void *actx);

#endif
