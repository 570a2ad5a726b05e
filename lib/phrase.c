/* phrase: a phrase with colocated alternatives counted from its forms'
 * positions (phrase.h). FTS5 only matches the AND of its positions' forms
 * (rowids, no positions) and each of its rows is checked once. */
#include "phrase.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "schema.h"

/* FTS5 merges the position lists of a phrase position's alternatives on
 * every row holding all its positions (fts5ExprSynonymList): « de » and
 * « des », « a » and « à » have hundreds per document, and counting the rows
 * of « mise à jour de sécurité »'s synonym side cost 28.9 million
 * instructions on the scale index where the AND of its positions' forms
 * costs 4.8. Hence the AND here. */

/* One alternative of a piece: ANALYZER_VERBATIM and one byte at least, no
 * quote (query.c doubles a quote inside a form; such a form is left to
 * FTS5). */
static int phrase_alt_ok(const char *s, size_t n)
{
    return n >= 2 && s[0] == ANALYZER_VERBATIM && !memchr(s, '"', n);
}

int phrase_split(const char *phrase, buf *expr, buf *shape)
{
    size_t len = strlen(phrase);
    if (len < 2 || phrase[0] != '"' || phrase[len - 1] != '"')
        return 0;
    const char *p = phrase + 1, *end = phrase + len - 1;
    int npos = 0, alts = 0;
    /* A first pass checks the shape: nothing is written unless it fits. */
    for (const char *s = p; s <= end;) {
        const char *e = memchr(s, ' ', (size_t)(end - s));
        if (!e)
            e = end;
        if (e == s || ++npos > PHRASE_MAX_POSITIONS)
            return 0;
        for (const char *a = s;; a++) {
            const char *b = memchr(a, ANALYZER_ALTERNATIVE, (size_t)(e - a));
            if (!b)
                b = e;
            if (!phrase_alt_ok(a, (size_t)(b - a)))
                return 0;
            if (b == e)
                break;
            alts++;
            a = b;
        }
        s = e + 1;
    }
    if (npos < 2 || alts == 0 || npos + alts > PHRASE_MAX_FORMS)
        return 0;
    int first = 1;
    for (const char *s = p; s <= end;) {
        const char *e = memchr(s, ' ', (size_t)(end - s));
        if (!e)
            e = end;
        int n = 0;
        buf_puts(expr, first ? "(" : " AND (");
        for (const char *a = s; a < e;) {
            const char *b = memchr(a, ANALYZER_ALTERNATIVE, (size_t)(e - a));
            if (!b)
                b = e;
            if (n++ > 0)
                buf_puts(expr, " OR ");
            buf_putc(expr, '"');
            buf_append(expr, a, (size_t)(b - a));
            buf_putc(expr, '"');
            a = b + 1;
        }
        buf_putc(expr, ')');
        buf_printf(shape, first ? "%d" : " %d", n);
        first = 0;
        s = e + 1;
    }
    return npos;
}

/* A hit as one ordered key: column, then offset. */
static inline uint64_t phrase_key(int col, int off)
{
    return (uint64_t)(unsigned)col << 32 | (unsigned)off;
}

#define PHRASE_END UINT64_MAX

/* The forms of the current row, each read lazily through its FTS5 phrase
 * iterator: key[f] is form f's current hit (PHRASE_END past its last). */
struct phrase_forms {
    const Fts5ExtensionApi *api;
    Fts5Context *fts;
    Fts5PhraseIter it[PHRASE_MAX_FORMS];
    int col[PHRASE_MAX_FORMS], off[PHRASE_MAX_FORMS]; /* xPhraseNext reads them back */
    uint64_t key[PHRASE_MAX_FORMS];
};

static void phrase_next(phrase_forms *f, int i)
{
    f->api->xPhraseNext(f->fts, &f->it[i], &f->col[i], &f->off[i]);
    f->key[i] = f->col[i] >= 0 ? phrase_key(f->col[i], f->off[i]) : PHRASE_END;
}

/* Does position i (forms from..to) have a form at want? Its forms move to
 * their first hit at want or after; *done is set when all are past their
 * last hit. */
static int phrase_at(phrase_forms *f, int from, int to, uint64_t want, int *done)
{
    int have = 0, left = 0;
    for (int k = from; k < to; k++) {
        while (f->key[k] < want)
            phrase_next(f, k);
        have |= f->key[k] == want;
        left |= f->key[k] != PHRASE_END;
    }
    *done = !left;
    return have;
}

/* A position list being written (phrase_list_next reads it; the shape of
 * FTS5's own): SQLite varints, 1 then the column where the column
 * changes, else the offset's step from the last one plus 2. */
typedef struct {
    buf *out;
    int col, off;
} phrase_list;

static void phrase_put_varint(buf *b, uint32_t v)
{
    unsigned char tmp[5];
    int n = 0;
    do {
        tmp[n++] = v & 0x7f;
        v >>= 7;
    } while (v);
    while (n-- > 0)
        buf_putc(b, (char)(tmp[n] | (n > 0 ? 0x80 : 0)));
}

/* One varint of 32 bits at most from *a, not past b: 0 when it runs past. */
static int phrase_get_varint(const unsigned char **a, const unsigned char *b, uint32_t *v)
{
    uint32_t x = 0;
    for (int n = 0; n < 5 && *a < b; n++) {
        unsigned char c = *(*a)++;
        x = x << 7 | (c & 0x7f);
        if (!(c & 0x80)) {
            *v = x;
            return 1;
        }
    }
    return 0;
}

void phrase_list_next(const unsigned char **a, const unsigned char *b, int *col, int *off)
{
    uint32_t v;
    if (!*a || *a >= b || !phrase_get_varint(a, b, &v))
        goto end;
    if (v == 1) {
        uint32_t c;
        if (!phrase_get_varint(a, b, &c) || !phrase_get_varint(a, b, &v) || v < 2)
            goto end;
        *col = (int)c;
        *off = 0;
    } else if (v < 2)
        goto end;
    *off += (int)(v - 2);
    return;
end:
    *a = b;
    *col = *off = -1;
}

static void phrase_list_add(phrase_list *l, uint64_t key)
{
    int col = (int)(key >> 32), off = (int)(uint32_t)key;
    if (col != l->col) {
        phrase_put_varint(l->out, 1);
        phrase_put_varint(l->out, (uint32_t)col);
        l->col = col;
        l->off = 0;
    }
    phrase_put_varint(l->out, (uint32_t)(off - l->off) + 2);
    l->off = off;
}

/* Does the phrase stand in the row: an offset where position 0 has a
 * form, position 1 one at the next offset of the same column, and so on
 * (in a column before cols when cols > 0)? Position i's forms are
 * first[i] .. first[i + 1] - 1; order[] lists the positions, the one with
 * the fewest hits first. That one's hits are walked in order (the least
 * of its forms' current hits each time), the others' forms only read up
 * to where they are asked, fewest first: a row stops at its first
 * instance, unless out is given: then every instance is written to it,
 * in order. */
static int phrase_stands(phrase_forms *f, const int *first, const int *order, int npos, int cols,
                         phrase_list *out)
{
    int a = order[0], found = 0;
    for (;;) {
        int least = -1;
        for (int k = first[a]; k < first[a + 1]; k++)
            if (f->key[k] != PHRASE_END && (least < 0 || f->key[k] < f->key[least]))
                least = k;
        if (least < 0)
            return found;
        uint64_t key = f->key[least];
        if (cols > 0 && (int)(key >> 32) >= cols)
            return found;
        /* the phrase would begin at key - a, in key's column */
        if ((uint32_t)key >= (uint32_t)a) {
            int i = 1, done = 0;
            while (i < npos && phrase_at(f, first[order[i]], first[order[i] + 1],
                                         key - (uint64_t)a + (uint64_t)order[i], &done))
                i++;
            if (i == npos && !out)
                return 1;
            if (i == npos) {
                phrase_list_add(out, key - (uint64_t)a);
                found = 1;
            } else if (done) {
                return found;
            }
        }
        /* every form of the walked position at key moves on */
        for (int k = first[a]; k < first[a + 1]; k++)
            if (f->key[k] == key)
                phrase_next(f, k);
    }
}

/* Reads the first hit of the forms 0 .. total - 1, FTS5's phrases base ..
 * base + total - 1, and orders the positions (order[]) by the bytes of
 * their forms' position lists (what an iterator has left to read): the
 * order of the walk only, not what it finds. */
static int phrase_begin(phrase_forms *f, int base, const int *first, int npos, int *order)
{
    int rc, total = first[npos];
    for (int k = 0; k < total; k++) {
        if (f->api->xPhraseSize(f->fts, base + k) != 1)
            return SQLITE_ERROR;
        if ((rc = f->api->xPhraseFirst(f->fts, base + k, &f->it[k], &f->col[k], &f->off[k])) !=
            SQLITE_OK)
            return rc;
        f->key[k] = f->col[k] >= 0 ? phrase_key(f->col[k], f->off[k]) : PHRASE_END;
    }
    ptrdiff_t bytes[PHRASE_MAX_POSITIONS];
    for (int i = 0; i < npos; i++) {
        bytes[i] = 0;
        for (int k = first[i]; k < first[i + 1]; k++)
            bytes[i] += f->key[k] != PHRASE_END ? f->it[k].b - f->it[k].a : 0;
        int j = i;
        for (; j > 0 && bytes[order[j - 1]] > bytes[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    return SQLITE_OK;
}

phrase_forms *phrase_forms_new(void)
{
    return malloc(sizeof(phrase_forms));
}

int phrase_hits(phrase_forms *f, const Fts5ExtensionApi *api, Fts5Context *fts, int base,
                const int *first, int npos, buf *out)
{
    int order[PHRASE_MAX_POSITIONS], rc;
    if (npos < 2 || npos > PHRASE_MAX_POSITIONS || first[npos] > PHRASE_MAX_FORMS)
        return SQLITE_ERROR;
    f->api = api;
    f->fts = fts;
    if ((rc = phrase_begin(f, base, first, npos, order)) != SQLITE_OK)
        return rc;
    phrase_list l = {out, 0, 0};
    phrase_stands(f, first, order, npos, 0, &l);
    return SQLITE_OK;
}

int phrase_shape_read(const char *shape, int *first)
{
    int npos = 0, total = 0;
    for (const char *s = shape; s && *s && npos < PHRASE_MAX_POSITIONS;) {
        char *e;
        long n = strtol(s, &e, 10);
        if (e == s || n <= 0 || n > PHRASE_MAX_FORMS)
            break;
        first[npos++] = total;
        total += (int)n;
        s = *e == ' ' ? e + 1 : e;
    }
    first[npos] = total;
    return npos;
}

/* repere_phrase(tbl, shape, cols). */
static void phrase_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                      sqlite3_value **argv)
{
    int first[PHRASE_MAX_POSITIONS + 1], rc;
    const char *shape = argc == 2 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
    int cols = argc == 2 ? sqlite3_value_int(argv[1]) : 0;
    int npos = phrase_shape_read(shape, first), total = first[npos];
    if (npos < 2 || total > PHRASE_MAX_FORMS || total != api->xPhraseCount(fts)) {
        sqlite3_result_error(ctx, "repere_phrase: the expression does not fit the shape", -1);
        return;
    }
    /* The iterators' room, kept with the statement's cursor. */
    phrase_forms *f = api->xGetAuxdata(fts, 0);
    if (!f) {
        if (!(f = phrase_forms_new())) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        if ((rc = api->xSetAuxdata(fts, f, free)) != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc); /* xSetAuxdata freed f */
            return;
        }
    }
    f->api = api;
    f->fts = fts;
    int order[PHRASE_MAX_POSITIONS];
    if ((rc = phrase_begin(f, 0, first, npos, order)) != SQLITE_OK) {
        if (rc == SQLITE_ERROR)
            sqlite3_result_error(ctx, "repere_phrase: a form is not one token", -1);
        else
            sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_int(ctx, phrase_stands(f, first, order, npos, cols, NULL));
}

int phrase_register(sqlite3 *db, char *err, size_t errlen)
{
    return schema_fts5_function(db, "repere_phrase", phrase_fn, err, errlen);
}
