/* vocab: key -> form rows for the index's forms (see vocab.h). The writer
 * remembers the forms it added (a set of strings), so that a form seen in
 * every document is written once per run, not once per document. */
#include "vocab.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#define VOCAB_MAX_KEY 1024 /* bytes of a key looked up */

struct vocab {
    sqlite3 *db;
    sqlite3_stmt *insert; /* one key row */
    sqlite3_stmt *exact;  /* the forms of a key */
    sqlite3_stmt *range;  /* the forms of the keys in a range */
    char **seen;          /* open addressing set of forms written or noted */
    size_t nseen, cap;
    char **pending; /* noted, not written yet (also in seen) */
    size_t npending, pcap;
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

void vocab_close(vocab *v)
{
    if (!v)
        return;
    sqlite3_finalize(v->insert);
    sqlite3_finalize(v->exact);
    sqlite3_finalize(v->range);
    vocab_forget(v);
    free(v->seen);
    free(v->pending);
    free(v);
}

void vocab_forget(vocab *v)
{
    for (size_t i = 0; i < v->cap; i++) {
        free(v->seen[i]);
        v->seen[i] = NULL;
    }
    v->nseen = 0;
    v->npending = 0;
}

/* The slot of form in the set: where it is, or the empty one it would go. */
static char **vocab_slot(char **set, size_t cap, const char *form, size_t len)
{
    size_t i = text_hash(form, len) & (cap - 1);
    while (set[i] && (strlen(set[i]) != len || memcmp(set[i], form, len) != 0))
        i = (i + 1) & (cap - 1);
    return &set[i];
}

static void vocab_grow(vocab *v)
{
    size_t cap = v->cap ? v->cap * 2 : 4096;
    char **set = calloc(cap, sizeof *set);
    if (!set)
        abort();
    for (size_t i = 0; i < v->cap; i++)
        if (v->seen[i])
            *vocab_slot(set, cap, v->seen[i], strlen(v->seen[i])) = v->seen[i];
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
    char **slot = vocab_slot(v->seen, v->cap, form, len);
    if (*slot)
        return;
    *slot = buf_xstrndup(form, len);
    v->nseen++;
    if (v->npending == v->pcap) {
        v->pcap = v->pcap ? v->pcap * 2 : 256;
        v->pending = buf_xrealloc(v->pending, v->pcap * sizeof v->pending[0]);
    }
    v->pending[v->npending++] = *slot;
}

int vocab_flush(vocab *v)
{
    int rc = SQLITE_OK;
    if (v->npending > 0 && !v->insert &&
        sqlite3_prepare_v3(v->db, "INSERT OR IGNORE INTO vocab(key, form) VALUES (?1, ?2)", -1,
                           SQLITE_PREPARE_PERSISTENT, &v->insert, NULL) != SQLITE_OK)
        return sqlite3_errcode(v->db);
    for (size_t i = 0; i < v->npending && rc == SQLITE_OK; i++) {
        const char *form = v->pending[i];
        size_t len = strlen(form);
        analyzer_keyset k;
        analyzer_keys(form, len, &k);
        rc = vocab_insert(v, 0, k.stem, k.stem_len, form, len);
        if (rc == SQLITE_OK && k.pct_len > 0)
            rc = vocab_insert(v, ANALYZER_FOLDED_STEM, k.pct, k.pct_len, form, len);
        if (rc == SQLITE_OK && k.fold_len > 0)
            rc = vocab_insert(v, ANALYZER_FOLDED, k.fold, k.fold_len, form, len);
    }
    v->npending = 0;
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
