/* vocab_fixture: a small index, one text a document (index_fixture.h),
 * opened read-only with its vocabulary read through vocab.c as searchd
 * reads it, as a piece_vocab: the fixture of the morph and piece suites.
 * Header-only: each suite is one program. */
#ifndef REPERE_TEST_VOCAB_FIXTURE_H
#define REPERE_TEST_VOCAB_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_fixture.h"
#include "piece.h"
#include "schema.h"
#include "vocab.h"

typedef struct {
    ixf_index ix;
    sqlite3 *db;
    vocab *vocab;
    piece_vocab pv;
} vfx;

/* Writes docs[0..n) as documents 1..n, then opens the index as a reader.
 * Returns the fixture (vfx_close frees it) or NULL, with the reason on
 * stderr. */
static inline vfx *vfx_open(const char *const *docs, size_t n)
{
    char err[256] = "";
    vfx *f = calloc(1, sizeof *f);
    if (!f || ixf_create(&f->ix) != 0) {
        free(f);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (ixf_add(&f->ix, (long long)i + 1, "text", 0, "Note", &docs[i], 1) != 0)
            goto fail;
    if (ixf_close(&f->ix) != 0 ||
        schema_open(f->ix.path, SCHEMA_READONLY, &f->db, err, sizeof err) != 0 ||
        vocab_open(f->db, &f->vocab, err, sizeof err) != 0)
        goto fail;
    f->pv = (piece_vocab){vocab_forms, f->vocab, 0};
    return f;
fail:
    fprintf(stderr, "vfx_open: %s\n", err);
    sqlite3_close(f->db);
    ixf_remove(&f->ix);
    free(f);
    return NULL;
}

static inline void vfx_close(vfx *f)
{
    vocab_close(f->vocab);
    sqlite3_close(f->db);
    ixf_remove(&f->ix);
    free(f);
}

/* Does the set hold the form, whole? */
static inline int vfx_has_form(const piece_forms *pf, const char *form)
{
    for (size_t i = 0; i < pf->n; i++)
        if (strcmp(pf->v[i], form) == 0)
            return 1;
    return 0;
}

#endif
