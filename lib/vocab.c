/* vocab: key -> form rows for the index's forms (see vocab.h). The writer
 * remembers the forms it added (a set of forms), so that a form seen in
 * every document is written once per run, not once per document; the same
 * set keeps how many documents with each form the run added or removed.
 * The set is emptied at a commit once it holds VOCAB_MAX_FORMS forms, the
 * run's counts with it (vocab_count_lost). */
#include "vocab.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#define VOCAB_MAX_KEY 1024 /* bytes of a key looked up */
/* Forms the set keeps from one transaction to the next: some 125 bytes
 * each. The scale corpus has 150,000; a run through documents of random
 * data, dumps or logs of ids (each under the indexer's --max-words) would
 * otherwise keep all of theirs till its end. */
#define VOCAB_MAX_FORMS 1000000

/* A form the run has seen, and the changes to the number of documents
 * with it: of the text being counted's store_put or store_delete, of the
 * transaction, of the run (committed). */
typedef struct {
    size_t len;
    int written;           /* its keys are written or pending */
    unsigned long counted; /* the last text (vocab->text) that counted it */
    long put, tx, run;
    char form[]; /* NUL-terminated */
} vocab_form;

/* A list of forms (pointers into the set). */
typedef struct {
    vocab_form **v;
    size_t n, cap;
} vocab_list;

struct vocab {
    sqlite3 *db;
    sqlite3_stmt *insert; /* one key row */
    sqlite3_stmt *exact;  /* the forms of a key */
    sqlite3_stmt *range;  /* the forms of the keys in a range */
    vocab_form **seen;    /* open addressing set of the forms seen */
    size_t nseen, cap;
    vocab_list pending; /* noted, not written yet */
    vocab_list put, tx; /* forms whose put / tx count is not 0 (or was) */
    unsigned long text; /* the text being counted, from 1 */
    int sign;           /* its documents count +1 or -1; 0: none */
    size_t max_forms;   /* the set is emptied at a commit past this */
    int lost;           /* it was since vocab_count_clear */
};

int vocab_open(sqlite3 *db, vocab **out, char *err, size_t errlen)
{
    vocab *v = calloc(1, sizeof *v);
    *out = NULL;
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    v->db = db;
    v->max_forms = VOCAB_MAX_FORMS;
    if (sqlite3_prepare_v3(db, "SELECT form FROM vocab WHERE key = ?1", -1,
                           SQLITE_PREPARE_PERSISTENT, &v->exact, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db, "SELECT form FROM vocab WHERE key >= ?1 AND key < ?2", -1,
                           SQLITE_PREPARE_PERSISTENT, &v->range, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot prepare the vocabulary queries: %s", sqlite3_errmsg(db));
        vocab_close(v);
        return -1;
    }
    *out = v;
    return 0;
}

/* Forgets every form: the set and the lists that point into it. */
static void vocab_empty(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        free(v->seen[i]);
    free(v->seen);
    v->seen = NULL;
    v->nseen = v->cap = 0;
    v->pending.n = v->put.n = v->tx.n = 0;
}

void vocab_close(vocab *v)
{
    if (!v)
        return;
    sqlite3_finalize(v->insert);
    sqlite3_finalize(v->exact);
    sqlite3_finalize(v->range);
    vocab_empty(v);
    free(v->pending.v);
    free(v->put.v);
    free(v->tx.v);
    free(v);
}

void vocab_forget(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        if (v->seen[i])
            v->seen[i]->written = 0;
    v->pending.n = 0;
}

static void vocab_push(vocab_list *l, vocab_form *f)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = buf_xrealloc(l->v, l->cap * sizeof l->v[0]);
    }
    l->v[l->n++] = f;
}

/* The slot of form in the set: where it is, or the empty one it would go. */
static vocab_form **vocab_slot(vocab_form **set, size_t cap, const char *form, size_t len)
{
    size_t i = text_hash(form, len) & (cap - 1);
    while (set[i] && (set[i]->len != len || memcmp(set[i]->form, form, len) != 0))
        i = (i + 1) & (cap - 1);
    return &set[i];
}

static void vocab_grow(vocab *v)
{
    size_t cap = v->cap ? v->cap * 2 : 4096;
    vocab_form **set = calloc(cap, sizeof *set);
    if (!set)
        abort();
    for (size_t i = 0; i < v->cap; i++)
        if (v->seen[i])
            *vocab_slot(set, cap, v->seen[i]->form, v->seen[i]->len) = v->seen[i];
    free(v->seen);
    v->seen = set;
    v->cap = cap;
}

static int vocab_insert(vocab *v, char marker, const char *key, size_t klen, const char *form,
                        size_t len)
{
    char buf[VOCAB_MAX_KEY + 1];
    if (klen + 1 > sizeof buf)
        return SQLITE_OK;
    size_t n = 0;
    if (marker)
        buf[n++] = marker;
    memcpy(buf + n, key, klen);
    n += klen;
    sqlite3_bind_text(v->insert, 1, buf, (int)n, SQLITE_STATIC);
    sqlite3_bind_text(v->insert, 2, form, (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(v->insert);
    sqlite3_reset(v->insert);
    sqlite3_clear_bindings(v->insert);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void vocab_note(vocab *v, const char *form, size_t len)
{
    if (len == 0 || len > VOCAB_MAX_KEY)
        return;
    if ((v->nseen + 1) * 2 > v->cap)
        vocab_grow(v);
    vocab_form **slot = vocab_slot(v->seen, v->cap, form, len);
    vocab_form *f = *slot;
    if (!f) {
        f = *slot = buf_xrealloc(NULL, sizeof *f + len + 1);
        *f = (vocab_form){len, 0, 0, 0, 0, 0};
        memcpy(f->form, form, len);
        f->form[len] = '\0';
        v->nseen++;
    }
    if (!f->written) {
        f->written = 1;
        vocab_push(&v->pending, f);
    }
    if (v->sign && f->counted != v->text) {
        f->counted = v->text;
        if (f->put == 0)
            vocab_push(&v->put, f);
        f->put += v->sign;
    }
}

void vocab_count(vocab *v, int sign)
{
    v->text++;
    v->sign = sign;
}

void vocab_count_end(vocab *v, int keep)
{
    for (size_t i = 0; i < v->put.n; i++) {
        vocab_form *f = v->put.v[i];
        if (keep && f->put != 0) {
            if (f->tx == 0)
                vocab_push(&v->tx, f);
            f->tx += f->put;
        }
        f->put = 0;
    }
    v->put.n = 0;
    v->sign = 0;
}

void vocab_count_tx(vocab *v, int committed)
{
    for (size_t i = 0; i < v->tx.n; i++) {
        vocab_form *f = v->tx.v[i];
        if (committed)
            f->run += f->tx;
        f->tx = 0;
    }
    v->tx.n = 0;
    /* Between transactions no form is being counted; the forms noted by a
     * removal since the last vocab_flush are in the table already. */
    if (v->nseen > v->max_forms) {
        vocab_empty(v);
        v->lost = 1;
    }
}

int vocab_count_lost(const vocab *v)
{
    return v->lost;
}

void vocab_set_max_forms(vocab *v, size_t max_forms)
{
    v->max_forms = max_forms;
}

int vocab_count_each(void *vv, int (*fn)(void *fctx, const char *form, size_t len, long docs),
                     void *fctx)
{
    vocab *v = vv;
    int rc = 0;
    for (size_t i = 0; i < v->cap && rc == 0; i++)
        if (v->seen[i] && v->seen[i]->run != 0)
            rc = fn(fctx, v->seen[i]->form, v->seen[i]->len, v->seen[i]->run);
    return rc;
}

void vocab_count_clear(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++)
        if (v->seen[i])
            v->seen[i]->run = 0;
    v->lost = 0;
}

int vocab_flush(vocab *v)
{
    int rc = SQLITE_OK;
    if (v->pending.n > 0 && !v->insert &&
        sqlite3_prepare_v3(v->db, "INSERT OR IGNORE INTO vocab(key, form) VALUES (?1, ?2)", -1,
                           SQLITE_PREPARE_PERSISTENT, &v->insert, NULL) != SQLITE_OK)
        return sqlite3_errcode(v->db);
    for (size_t i = 0; i < v->pending.n && rc == SQLITE_OK; i++) {
        const char *form = v->pending.v[i]->form;
        size_t len = v->pending.v[i]->len;
        analyzer_keyset k;
        analyzer_keys(form, len, &k);
        rc = vocab_insert(v, 0, k.stem, k.stem_len, form, len);
        if (rc == SQLITE_OK && k.pct_len > 0)
            rc = vocab_insert(v, ANALYZER_FOLDED_STEM, k.pct, k.pct_len, form, len);
        if (rc == SQLITE_OK && k.fold_len > 0)
            rc = vocab_insert(v, ANALYZER_FOLDED, k.fold, k.fold_len, form, len);
    }
    v->pending.n = 0;
    return rc;
}

int vocab_forms(void *vv, const char *key, size_t len, int prefix,
                void (*add)(void *actx, const char *form, size_t len), void *actx)
{
    vocab *v = vv;
    sqlite3_stmt *st = prefix ? v->range : v->exact;
    char hi[VOCAB_MAX_KEY + 1];
    int rc;
    if (len == 0 || len > VOCAB_MAX_KEY)
        return SQLITE_OK;
    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_STATIC);
    if (prefix) {
        /* Keys starting with key sort below key with its last byte one
         * higher (UTF-8 never has a byte 0xFF). */
        memcpy(hi, key, len);
        hi[len - 1] = (char)((unsigned char)hi[len - 1] + 1);
        sqlite3_bind_text(st, 2, hi, (int)len, SQLITE_STATIC);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add(actx, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
