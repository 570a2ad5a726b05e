/* piece: the index forms a query piece's alternatives name (piece.h).
 * Reads the index through the caller's vocabulary only; knows nothing of
 * what the alternatives mean for a query (query.c) or a word's family
 * (morph.c). */
#include "piece.h"

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void piece_forms_add(void *ctx, const char *form, size_t len)
{
    piece_forms *f = ctx;
    if (f->keep && !f->keep(form, len))
        return;
    if (f->chars > 0) {
        size_t i = 0, c = 0;
        while (i < len && c < f->chars) {
            i++;
            while (i < len && ((unsigned char)form[i] & 0xC0) == 0x80)
                i++;
            c++;
        }
        len = i;
    }
    if (f->n == PIECE_MAX_FORMS || len == 0)
        return;
    for (size_t i = 0; i < f->n; i++)
        if (strlen(f->v[i]) == len && memcmp(f->v[i], form, len) == 0)
            return;
    f->v[f->n++] = buf_xstrndup(form, len);
}

void piece_forms_free(piece_forms *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i]);
    f->n = 0;
}

size_t piece_first_alt(const char *piece)
{
    const char *bar = strchr(piece, ANALYZER_ALTERNATIVE);
    return bar ? (size_t)(bar - piece) : strlen(piece);
}

int piece_has(const char *piece, size_t len, const char *alt, size_t alen)
{
    piece_alt_iter it = piece_alt_iter_of(piece, len);
    const char *a;
    size_t n;
    while (piece_alt_next(&it, &a, &n))
        if (n == alen && memcmp(a, alt, alen) == 0)
            return 1;
    return 0;
}

void piece_alt_forms(const piece_vocab *v, const char *alt, size_t len, int prefix,
                     piece_forms *out)
{
    if (len < 2 || piece_lent_marker(alt[0]))
        return;
    if (alt[0] == ANALYZER_EXACT) {
        piece_forms_add(out, alt + 1, len - 1);
        return;
    }
    if (prefix && alt[0] == ANALYZER_FOLDED) {
        out->chars = text_utf8_chars(alt + 1, len - 1);
        v->forms(v->ctx, alt, len, 1, piece_forms_add, out);
        out->chars = 0;
        return;
    }
    if (alt[0] == ANALYZER_VERBATIM)
        v->forms(v->ctx, alt + 1, len - 1, 0, piece_forms_add, out);
    else
        v->forms(v->ctx, alt, len, 0, piece_forms_add, out);
}

void piece_forms_of(const char *piece, int prefix, int (*keep)(const char *, size_t),
                    const piece_vocab *v, piece_forms *f)
{
    f->n = 0;
    f->chars = 0;
    f->keep = keep;
    if (!v)
        return;
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *alt;
    size_t n;
    while (piece_alt_next(&it, &alt, &n))
        piece_alt_forms(v, alt, n, prefix, f);
}
