/* spell: spelling suggestions and completions from the index vocabulary
 * (see spell.h). The vocabulary is the set of forms docs_fts indexes,
 * counted through fts5vocab by the writer into the spelling table, by
 * unaccented form, and read from there; the distance is computed on code
 * points of unaccented forms, then the correction is written as the
 * group's form that keeps the accents typed.
 * Does not parse the query language beyond words (query.c). */
#include "spell.h"

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define SPELL_MAX_LEN 48     /* longer words are neither loaded nor corrected */
#define SPELL_MAX_TEXT 4096  /* bytes of query text looked at */
#define SPELL_MAX_WORDS_Q 32 /* query words looked at */
/* Spelling rows loaded: the pool of their code points stays addressable by
 * spell_word.cp's 32 bits. */
#define SPELL_MAX_ROWS (UINT32_MAX / (SPELL_MAX_LEN + 1))

/* One per spelling row (about 137,000 on the scale corpus): kept small
 * (48 bytes, was 72), since searchd's memory goes to SQLite's page cache
 * (search.c). */
typedef struct {
    char *folded;    /* unaccented form, the key (in s->blocks) */
    char *surface;   /* its most frequent accented form (in s->blocks) */
    long docs;       /* documents using any form of it */
    int32_t best;    /* documents using surface (clamped to 32 bits) */
    uint32_t cp;     /* offset of its code points in the pool */
    uint32_t mask;   /* spell_mask of its code points */
    uint32_t form;   /* its forms: s->forms[form .. form + nforms), most used first */
    uint32_t nforms;
    uint32_t ncp;    /* at most SPELL_MAX_LEN */
} spell_word;

/* One accented form of a group, and how many documents use it. */
typedef struct {
    const char *surface;
    long docs;
} spell_form;

/* Strings live in blocks that never move, freed all at once. */
typedef struct spell_block {
    struct spell_block *next;
    size_t used, cap;
    char data[];
} spell_block;

struct spell {
    spell_block *blocks;
    spell_word *words; /* sorted by folded */
    size_t nwords;
    spell_form *forms;                  /* by group, in the order of words */
    uint32_t *pool;                     /* code points of every folded form */
    uint32_t *bylen;                    /* word indexes sorted by ncp */
    size_t lenstart[SPELL_MAX_LEN + 2]; /* bylen[lenstart[L] .. lenstart[L+1]) have L code points */
};

static const char *const spell_stopwords[] = {
    "afin",  "ainsi",  "alors", "aussi", "autre", "autres", "avec", "avoir",  "celle", "celui",
    "cela",  "ceci",   "cette", "ceux",  "chez",  "comme",  "dans", "depuis", "donc",  "dont",
    "elle",  "elles",  "entre", "etait", "etre",  "faire",  "fait", "leur",   "leurs", "lors",
    "mais",  "meme",   "moins", "notre", "nous",  "parce",  "plus", "pour",   "puis",  "quand",
    "quel",  "quelle", "quels", "selon", "sans",  "sera",   "sont", "sous",   "tous",  "tout",
    "toute", "toutes", "tres",  "vers",  "votre", "vous",
};

static char *spell_strdup(spell *s, const char *p, size_t n)
{
    if (!s->blocks || s->blocks->cap - s->blocks->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;
        spell_block *b = buf_xrealloc(NULL, sizeof *b + cap);
        b->next = s->blocks;
        b->used = 0;
        b->cap = cap;
        s->blocks = b;
    }
    char *out = s->blocks->data + s->blocks->used;
    memcpy(out, p, n);
    out[n] = '\0';
    s->blocks->used += n + 1;
    return out;
}

static int spell_cmp_word(const void *a, const void *b)
{
    const spell_word *x = a, *y = b;
    int c = strcmp(x->folded, y->folded);
    if (c != 0)
        return c;
    return x->best < y->best ? 1 : x->best > y->best ? -1 : strcmp(x->surface, y->surface);
}

/* Code points of s into out (at most max); returns how many, or max + 1
 * when longer, or 0 for invalid UTF-8. */
static size_t spell_decode(const char *s, size_t n, uint32_t *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (m <= 0)
            return 0;
        if (k == max)
            return max + 1;
        out[k++] = (uint32_t)c;
        i += (size_t)m;
    }
    return k;
}

static long spell_find(const spell *s, const char *folded)
{
    size_t lo = 0, hi = s->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->words[mid].folded, folded);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Which letters a word has, one bit per letter a-z, the other code points
 * in 6 more: each letter one word has and the other lacks costs at least
 * one edit, so words whose masks differ in more bits than the distance
 * allowed need no distance computed (a tenth of them, at most, do). */
static uint32_t spell_mask(const uint32_t *cp, size_t n)
{
    uint32_t m = 0;
    for (size_t i = 0; i < n; i++)
        m |= 1u << (cp[i] >= 'a' && cp[i] <= 'z' ? cp[i] - 'a' : 26 + cp[i] % 6);
    return m;
}

/* Groups the (folded, surface) rows, read in the order of folded, by
 * folded form, most used form first, and builds the indexes. */
static void spell_index(spell *s)
{
    for (size_t i = 0, j; i < s->nwords; i = j) {
        for (j = i + 1; j < s->nwords && s->words[j].folded == s->words[i].folded; j++)
            ;
        if (j - i > 1)
            qsort(s->words + i, j - i, sizeof s->words[0], spell_cmp_word);
    }
    s->forms = buf_xrealloc(NULL, (s->nwords ? s->nwords : 1) * sizeof s->forms[0]);
    size_t out = 0;
    for (size_t i = 0; i < s->nwords; i++) {
        s->forms[i] = (spell_form){s->words[i].surface, s->words[i].best};
        if (out > 0 && s->words[out - 1].folded == s->words[i].folded) {
            s->words[out - 1].docs += s->words[i].docs;
            s->words[out - 1].nforms++;
            continue;
        }
        s->words[out] = s->words[i];
        s->words[out].form = (uint32_t)i;
        s->words[out++].nforms = 1;
    }
    s->nwords = out;

    size_t poolcap = 0, poollen = 0;
    uint32_t tmp[SPELL_MAX_LEN + 1];
    size_t count[SPELL_MAX_LEN + 2] = {0};
    for (size_t i = 0; i < s->nwords; i++) {
        spell_word *w = &s->words[i];
        size_t n = spell_decode(w->folded, strlen(w->folded), tmp, SPELL_MAX_LEN);
        if (n > SPELL_MAX_LEN)
            n = 0;
        if (poollen + n > poolcap) {
            poolcap = poolcap ? poolcap * 2 : 4096;
            while (poolcap < poollen + n)
                poolcap *= 2;
            s->pool = buf_xrealloc(s->pool, poolcap * sizeof s->pool[0]);
        }
        memcpy(s->pool + poollen, tmp, n * sizeof tmp[0]);
        w->cp = (uint32_t)poollen;
        w->ncp = (uint32_t)n;
        w->mask = spell_mask(tmp, n);
        poollen += n;
        count[n]++;
    }
    s->lenstart[0] = 0;
    for (size_t l = 0; l <= SPELL_MAX_LEN; l++)
        s->lenstart[l + 1] = s->lenstart[l] + count[l];
    size_t fill[SPELL_MAX_LEN + 1];
    memcpy(fill, s->lenstart, sizeof fill);
    s->bylen = buf_xrealloc(NULL, s->nwords * sizeof s->bylen[0]);
    for (size_t i = 0; i < s->nwords; i++)
        s->bylen[fill[s->words[i].ncp]++] = (uint32_t)i;
}

/* Runs ins (?1 word, ?2 form, ?3 docs: a spelling row) for the form
 * term[0..n) with docs; forms too long to correct are left out. Returns
 * an SQLite code. */
static int spell_put(sqlite3_stmt *ins, const char *term, size_t n, long long docs)
{
    if (n < 1 || n > SPELL_MAX_LEN * 4)
        return SQLITE_OK;
    /* An ASCII form is its own unaccented spelling, and so is a form that
     * is only accents (a lone combining mark folds to nothing). */
    size_t fn = n, ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)term[i] < 0x80;
    char *fold = ascii ? NULL : analyzer_fold(term, n, &fn);
    int same = ascii || fn == 0 || (fn == n && memcmp(fold, term, n) == 0);
    sqlite3_bind_text(ins, 1, same ? term : fold, same ? (int)n : (int)fn, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, same ? "" : term, same ? 0 : (int)n, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, docs);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    free(fold);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int spell_failed(sqlite3 *db, int rc, const char *msg, char *err, size_t errlen)
{
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot write the spelling vocabulary: %s",
                 msg ? msg : sqlite3_errmsg(db));
    return rc;
}

int spell_write(sqlite3 *db, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL, *ins = NULL;
    char *msg = NULL;
    int rc;
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE IF NOT EXISTS temp.repere_vocab"
                     " USING fts5vocab(main, docs_fts, row);"
                     "DELETE FROM spelling",
                     NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT term, doc FROM temp.repere_vocab", -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO spelling(word, form, docs) VALUES (?1, ?2, ?3)", -1,
                           &ins, NULL) != SQLITE_OK) {
        rc = sqlite3_errcode(db);
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(st, 0);
        if (term && (rc = spell_put(ins, term, (size_t)sqlite3_column_bytes(st, 0),
                                    sqlite3_column_int64(st, 1))) != SQLITE_OK)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
done:
    spell_failed(db, rc, msg, err, errlen);
    sqlite3_free(msg);
    sqlite3_finalize(st);
    sqlite3_finalize(ins);
    sqlite3_exec(db, "DROP TABLE IF EXISTS temp.repere_vocab", NULL, NULL, NULL);
    return rc;
}

typedef struct {
    sqlite3_stmt *add, *drop;
} spell_apply_ctx;

static int spell_apply_one(void *ctx, const char *form, size_t len, long docs)
{
    spell_apply_ctx *a = ctx;
    int rc = spell_put(a->add, form, len, docs);
    if (rc == SQLITE_OK && docs < 0)
        rc = spell_put(a->drop, form, len, 0);
    return rc;
}

int spell_apply(sqlite3 *db, spell_changes_fn changes, void *src, char *err, size_t errlen)
{
    spell_apply_ctx a = {NULL, NULL};
    int rc = SQLITE_OK;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO spelling(word, form, docs) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT(word, form) DO UPDATE SET docs = docs + excluded.docs",
                           -1, &a.add, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "DELETE FROM spelling WHERE word = ?1 AND form = ?2 AND docs <= ?3",
                           -1, &a.drop, NULL) != SQLITE_OK)
        rc = sqlite3_errcode(db);
    else
        rc = changes(src, spell_apply_one, &a);
    spell_failed(db, rc, NULL, err, errlen);
    sqlite3_finalize(a.add);
    sqlite3_finalize(a.drop);
    return rc;
}

int spell_load(sqlite3 *db, spell **out, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    spell *s = NULL;
    size_t cap = 0;
    int result = -1;

    *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT word, form, docs FROM spelling ORDER BY word", -1, &st,
                           NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot read the vocabulary: %s", sqlite3_errmsg(db));
        goto cleanup;
    }
    s = buf_xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    const char *folded = NULL; /* the group's, in s->blocks */
    size_t flen = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *word = (const char *)sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        const char *form = (const char *)sqlite3_column_text(st, 1);
        size_t fn = (size_t)sqlite3_column_bytes(st, 1);
        if (!word || !form || n < 1)
            continue;
        if (s->nwords == SPELL_MAX_ROWS)
            break;
        if (s->nwords == cap) {
            cap = cap ? cap * 2 : 1024;
            s->words = buf_xrealloc(s->words, cap * sizeof s->words[0]);
        }
        spell_word *w = &s->words[s->nwords++];
        memset(w, 0, sizeof *w);
        if (!folded || flen != n || memcmp(folded, word, n) != 0) {
            folded = spell_strdup(s, word, n);
            flen = n;
        }
        w->folded = (char *)folded;
        w->surface = fn > 0 ? spell_strdup(s, form, fn) : w->folded;
        sqlite3_int64 docs = sqlite3_column_int64(st, 2);
        w->docs = (long)docs;
        w->best = docs > INT32_MAX ? INT32_MAX : docs < INT32_MIN ? INT32_MIN : (int32_t)docs;
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "cannot read the vocabulary: %s", sqlite3_errmsg(db));
        goto cleanup;
    }
    spell_index(s);
    *out = s;
    s = NULL;
    result = 0;
cleanup:
    sqlite3_finalize(st);
    spell_free(s);
    return result;
}

void spell_free(spell *s)
{
    if (!s)
        return;
    while (s->blocks) {
        spell_block *next = s->blocks->next;
        free(s->blocks);
        s->blocks = next;
    }
    free(s->words);
    free(s->forms);
    free(s->pool);
    free(s->bylen);
    free(s);
}

size_t spell_words(const spell *s)
{
    return s ? s->nwords : 0;
}

/* Do the typed code point a and the form's b (bf: b without its accent,
 * or NULL) agree? A letter typed without its accent agrees with the
 * accented one: the person may not have typed accents; an accent typed
 * must be the form's. */
static int spell_same(uint32_t a, const uint32_t *b, const uint32_t *bf, size_t j)
{
    return a == b[j] || (bf && a < 0x80 && a == bf[j]);
}

/* Edit distance with adjacent swaps (optimal string alignment), or
 * max + 1 as soon as it must exceed max; letters compared by spell_same
 * (bf NULL: as they are). */
static size_t spell_distance(const uint32_t *a, size_t n, const uint32_t *b, const uint32_t *bf,
                             size_t m, size_t max)
{
    size_t rows[3][SPELL_MAX_LEN + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = spell_same(a[i - 1], b, bf, j - 1) ? 0 : 1;
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && spell_same(a[i - 1], b, bf, j - 2) &&
                spell_same(a[i - 2], b, bf, j - 1) && pp[j - 2] + 1 < d)
                d = pp[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > max)
            return max + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

/* Has x more than max bits set? Clears them one at a time, at most max + 1
 * (max is an edit distance: 1 or 2), instead of counting them all. */
static inline int spell_bits_over(uint32_t x, size_t max)
{
    for (size_t k = 0; k <= max; k++) {
        if (!x)
            return 0;
        x &= x - 1;
    }
    return 1;
}

/* French privative prefixes, folded (« invalide », « illégal »,
 * « impossible », « irrégulier », « désactiver », « défaire »,
 * « mécontent », « malhonnête », « non-lu », « antivirus »,
 * « discontinu »). */
static const char *const spell_privative[] = {"anti", "des", "dis", "mal", "mes", "non",
                                              "de",   "il",  "im",  "in",  "ir",  "me"};

/* Is the longer of a[0..na) and b[0..nb) the other with a privative
 * prefix before it (« invalide », « valide »)? Then one is not a typing
 * slip of the other but its opposite: a slip does not add or drop a
 * word's first letters whole. */
static int spell_privative_pair(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na < nb) {
        const uint32_t *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    size_t extra = na - nb;
    if (extra < 2 || memcmp(a + extra, b, nb * sizeof *a) != 0)
        return 0;
    for (size_t i = 0; i < sizeof spell_privative / sizeof *spell_privative; i++) {
        const char *p = spell_privative[i];
        size_t k = 0;
        while (k < extra && p[k] && a[k] == (uint32_t)(unsigned char)p[k])
            k++;
        if (k == extra && !p[k])
            return 1;
    }
    return 0;
}

static int spell_is_stopword(const char *folded);

/* The best correction of a folded word of n code points, or NULL: the
 * nearest, then a word that says something before a stopword (« membe »
 * is « membre », not « même », however common), then the most used. Not
 * the word with a privative prefix added or dropped (spell_privative_pair):
 * « invalide » is not corrected to « valide ». */
static const spell_word *spell_best(const spell *s, const uint32_t *w, size_t n, size_t max)
{
    const spell_word *best = NULL;
    size_t bestd = max + 1;
    int best_stop = 0; /* best is a stopword */
    size_t lo = n > max ? n - max : 1;
    size_t hi = n + max > SPELL_MAX_LEN ? SPELL_MAX_LEN : n + max;
    uint32_t mask = spell_mask(w, n);
    for (size_t l = lo; l <= hi; l++) {
        for (size_t k = s->lenstart[l]; k < s->lenstart[l + 1]; k++) {
            const spell_word *c = &s->words[s->bylen[k]];
            if (spell_bits_over(mask & ~c->mask, max) || spell_bits_over(c->mask & ~mask, max))
                continue;
            size_t d =
                spell_distance(w, n, s->pool + c->cp, NULL, c->ncp, bestd < max ? bestd : max);
            if (d > max || d > bestd || spell_privative_pair(w, n, s->pool + c->cp, c->ncp))
                continue;
            int stop = spell_is_stopword(c->folded);
            if (d == bestd && (stop > best_stop ||
                               (stop == best_stop &&
                                (c->docs < best->docs ||
                                 (c->docs == best->docs && strcmp(c->folded, best->folded) >= 0)))))
                continue;
            best = c;
            bestd = d;
            best_stop = stop;
        }
    }
    return best;
}

/* The form of word w to write for a word typed as exact (lowercase, with
 * the accents typed): the one closest to it when the accents typed count
 * (« acompagné » → « accompagné », not the commoner « accompagne »), the
 * most used of equals (« acompagne » → « accompagne »). */
static const char *spell_surface(const spell *s, const spell_word *w, const char *exact)
{
    uint32_t a[SPELL_MAX_LEN + 1], b[SPELL_MAX_LEN + 1], bf[SPELL_MAX_LEN + 1];
    size_t n = exact ? spell_decode(exact, strlen(exact), a, SPELL_MAX_LEN) : 0;
    const char *best = w->surface;
    size_t bestd = SIZE_MAX;
    if (n == 0 || n > SPELL_MAX_LEN)
        return best;
    for (size_t k = w->form; k < w->form + w->nforms; k++) {
        const char *f = s->forms[k].surface;
        size_t m = spell_decode(f, strlen(f), b, SPELL_MAX_LEN);
        if (m == 0 || m > SPELL_MAX_LEN)
            continue;
        for (size_t j = 0; j < m; j++) {
            utf8proc_int32_t d[4];
            int last = 0;
            utf8proc_ssize_t r = utf8proc_decompose_char(
                (utf8proc_int32_t)b[j], d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last);
            bf[j] = r >= 1 ? (uint32_t)d[0] : b[j];
        }
        size_t dist = spell_distance(a, n, b, bf, m, SPELL_MAX_LEN);
        if (dist < bestd) {
            bestd = dist;
            best = f;
        }
    }
    return best;
}

typedef struct {
    size_t start, end;
    char *stem;
    char *folded; /* unaccented surface, no marker */
    char *exact;  /* lowercase surface with its accents, no marker */
} spell_pos;

typedef struct {
    spell_pos pos[SPELL_MAX_WORDS_Q];
    size_t n;
} spell_words_ctx;

static int spell_collect(void *ctx, int flags, const char *token, size_t len, size_t start,
                         size_t end)
{
    spell_words_ctx *c = ctx;
    buf b = BUF_INIT;
    if (!(flags & ANALYZER_COLOCATED)) {
        if (c->n == SPELL_MAX_WORDS_Q)
            return 1;
        spell_pos *p = &c->pos[c->n++];
        buf_append(&b, token, len);
        p->stem = buf_detach(&b);
        p->folded = NULL;
        p->exact = NULL;
        p->start = start;
        p->end = end;
        return 0;
    }
    if (c->n == 0)
        return 0;
    spell_pos *p = &c->pos[c->n - 1];
    if (token[0] == ANALYZER_EXACT && !p->exact) {
        buf e = BUF_INIT;
        buf_append(&e, token + 1, len - 1);
        p->exact = buf_detach(&e);
    }
    if (token[0] == ANALYZER_FOLDED || (token[0] == ANALYZER_EXACT && !p->folded)) {
        free(p->folded);
        buf_append(&b, token + 1, len - 1);
        p->folded = buf_detach(&b);
    }
    return 0;
}

static int spell_is_stopword(const char *folded)
{
    for (size_t i = 0; i < sizeof spell_stopwords / sizeof spell_stopwords[0]; i++)
        if (strcmp(spell_stopwords[i], folded) == 0)
            return 1;
    return 0;
}

/* Appends word, upper-casing its first letter when the original's is, and
 * all of it when the original is in capitals. */
static void spell_put_like(buf *b, const char *word, const char *orig, size_t origlen)
{
    utf8proc_int32_t oc = 0, wc = 0;
    if (text_all_capitals(orig, origlen)) {
        for (const char *p = word; *p;) {
            utf8proc_uint8_t tmp[4];
            utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &wc);
            if (m <= 0)
                break;
            buf_append(b, tmp, (size_t)utf8proc_encode_char(utf8proc_toupper(wc), tmp));
            p += m;
        }
        return;
    }
    utf8proc_iterate((const utf8proc_uint8_t *)orig, (utf8proc_ssize_t)origlen, &oc);
    utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)word, -1, &wc);
    if (m > 0 && oc > 0 && utf8proc_isupper(oc)) {
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(wc), tmp);
        buf_append(b, tmp, (size_t)k);
        buf_puts(b, word + m);
        return;
    }
    buf_puts(b, word);
}

/* Is the word at p in text one typed as a word, the spelling's to look
 * at: not before a '*' (a prefix), not in capitals (an acronym) unless the
 * whole text is? */
static int spell_plain_word(const char *text, size_t len, const spell_pos *p)
{
    return p->folded && !(p->end < len && text[p->end] == '*') &&
           !(text_all_capitals(text + p->start, p->end - p->start) && !text_shouted(text, len));
}

/* Is the word at p in text one to correct when the index lacks it (not
 * before a '*', not in capitals, 4 to SPELL_MAX_LEN letters, not a
 * function word, no digit)? Leaves its n code points in w. */
static int spell_correctable(const char *text, size_t len, const spell_pos *p, uint32_t *w,
                             size_t *n)
{
    if (!spell_plain_word(text, len, p))
        return 0;
    *n = spell_decode(p->folded, strlen(p->folded), w, SPELL_MAX_LEN);
    if (*n < 4 || *n > SPELL_MAX_LEN || spell_is_stopword(p->folded))
        return 0;
    for (size_t k = 0; k < *n; k++)
        if (utf8proc_category((utf8proc_int32_t)w[k]) == UTF8PROC_CATEGORY_ND)
            return 0;
    return 1;
}

/* The bytes of the elided word (analyzer_is_elision: « qu », « n »,
 * « lorsqu ») that begins folded, a word of 3 letters or more, when a
 * vowel or an h follows it (an e after « c »: « cest »): folded may be an
 * elision typed without its apostrophe (« quon », « nimprimer », « jai »).
 * The longest such word first; 0 when there is none. */
static size_t spell_elided_prefix(const char *folded, size_t from)
{
    size_t n = strlen(folded);
    for (size_t k = from < n ? from : n - 1; n >= 3 && k >= 1; k--) {
        const char *after = folded[0] == 'c' && k == 1 ? "e" : "aeiouyh";
        if (analyzer_is_elision(folded, k) && strchr(after, folded[k]))
            return k;
    }
    return 0;
}

/* Is the word at p in text one that may be an elision glued to its word
 * (spell_elided_prefix), to split when the index lacks it: not before a
 * '*', no digit, not in capitals (unless the whole text is)? */
static int spell_gluable(const char *text, size_t len, const spell_pos *p)
{
    if (!spell_plain_word(text, len, p) || strpbrk(p->folded, "0123456789"))
        return 0;
    return spell_elided_prefix(p->folded, 6) > 0;
}

/* Words that follow an elision in every text, which a small index may
 * still lack (« jai »: « ai »). Folded. */
static const char *const spell_after_elision[] = {
    "a",   "ai",   "as",    "avait", "en", "est", "etait", "il",
    "ils", "elle", "elles", "on",    "un", "une", "y",
};

/* The bytes of the elided word glued to folded whose rest the vocabulary
 * has (« quon »: « qu » and « on ») or that is spell_after_elision's, or 0. */
static size_t spell_glued(const spell *s, const char *folded)
{
    for (size_t k = spell_elided_prefix(folded, 6); k > 0; k = spell_elided_prefix(folded, k - 1)) {
        if (spell_find(s, folded + k) >= 0)
            return k;
        for (size_t i = 0; i < sizeof spell_after_elision / sizeof spell_after_elision[0]; i++)
            if (strcmp(spell_after_elision[i], folded + k) == 0)
                return k;
    }
    return 0;
}

/* Are typed[0..k) the ASCII letters folded[0..k), in either case? */
static int spell_typed_as(const char *typed, const char *folded, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (text_ascii_lower(typed[i]) != folded[i])
            return 0;
    return 1;
}

/* The words of text[0..*len) (at most SPELL_MAX_TEXT bytes, *len cut to
 * that) into c; 0 when text is not UTF-8 (c is then empty). */
static int spell_words_read(const char *text, size_t *len, spell_words_ctx *c)
{
    c->n = 0;
    if (*len > SPELL_MAX_TEXT)
        *len = SPELL_MAX_TEXT;
    if (!text_is_utf8(text, *len))
        return 0;
    analyzer_tokenize(text, *len, ANALYZER_WORDS, spell_collect, c);
    return 1;
}

static void spell_words_free(spell_words_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->pos[i].stem);
        free(c->pos[i].folded);
        free(c->pos[i].exact);
    }
}

int spell_needed(const char *text, size_t len, spell_known_fn known, void *ctx)
{
    spell_words_ctx c;
    int needed = 0;
    if (!text || !spell_words_read(text, &len, &c))
        return 0;
    for (size_t i = 0; i < c.n && !needed; i++) {
        uint32_t w[SPELL_MAX_LEN + 1];
        size_t n;
        needed = (spell_correctable(text, len, &c.pos[i], w, &n) ||
                  spell_gluable(text, len, &c.pos[i])) &&
                 !known(ctx, c.pos[i].folded, c.pos[i].stem);
    }
    spell_words_free(&c);
    return needed;
}

/* The first word of s (sorted by folded) not before prefix. */
static size_t spell_lower(const spell *s, const char *prefix)
{
    size_t lo = 0, hi = s->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->words[mid].folded, prefix) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does a document use a word that begins with folded and is longer: is
 * folded a word cut short (« coeff », « param »)? */
static int spell_truncated(const spell *s, const char *folded)
{
    size_t plen = strlen(folded);
    for (size_t i = spell_lower(s, folded);
         i < s->nwords && strncmp(s->words[i].folded, folded, plen) == 0; i++)
        if (s->words[i].docs > 0 && strlen(s->words[i].folded) > plen)
            return 1;
    return 0;
}

char *spell_suggest(const spell *s, const char *text, size_t len, spell_known_fn known, void *ctx)
{
    spell_words_ctx c;
    buf out = BUF_INIT;
    size_t copied = 0;
    int changed = 0;

    if (!s || !text || s->nwords == 0 || !spell_words_read(text, &len, &c))
        return NULL;
    for (size_t i = 0; i < c.n; i++) {
        spell_pos *p = &c.pos[i];
        uint32_t w[SPELL_MAX_LEN + 1];
        size_t n;
        if (!spell_correctable(text, len, p, w, &n) || spell_find(s, p->folded) >= 0 ||
            (known && known(ctx, p->folded, p->stem)))
            continue;
        const spell_word *best = spell_best(s, w, n, n <= 7 ? 1 : 2);
        if (!best) {
            /* No word within reach, but words that begin so: a word cut
             * short, read as the prefix it is (« coeff » coeff*), its
             * abbreviation's period too (« coeff. » coeff*). */
            if (spell_truncated(s, p->folded)) {
                buf_append(&out, text + copied, p->end - copied);
                buf_putc(&out, '*');
                copied = p->end;
                if (copied < len && text[copied] == '.' &&
                    (copied + 1 == len || text[copied + 1] == ' '))
                    copied++;
                changed = 1;
            }
            continue;
        }
        buf_append(&out, text + copied, p->start - copied);
        spell_put_like(&out, spell_surface(s, best, p->exact), text + p->start, p->end - p->start);
        copied = p->end;
        changed = 1;
    }
    spell_words_free(&c);
    if (!changed) {
        buf_free(&out);
        return NULL;
    }
    buf_append(&out, text + copied, len - copied);
    return buf_detach(&out);
}

char *spell_unglue(const spell *s, const char *text, size_t len, spell_known_fn known, void *ctx)
{
    spell_words_ctx c;
    buf out = BUF_INIT;
    size_t copied = 0;

    if (!s || !text || s->nwords == 0 || !spell_words_read(text, &len, &c))
        return NULL;
    for (size_t i = 0; i < c.n; i++) {
        const spell_pos *p = &c.pos[i];
        if (!spell_gluable(text, len, p) || spell_find(s, p->folded) >= 0 ||
            (known && known(ctx, p->folded, p->stem)))
            continue;
        /* The elided word's letters are ASCII: as many bytes typed as
         * folded. */
        size_t k = spell_glued(s, p->folded);
        if (k == 0 || p->end - p->start <= k || !spell_typed_as(text + p->start, p->folded, k))
            continue;
        buf_append(&out, text + copied, p->start + k - copied);
        buf_putc(&out, '\'');
        copied = p->start + k;
    }
    spell_words_free(&c);
    if (copied == 0) {
        buf_free(&out);
        return NULL;
    }
    buf_append(&out, text + copied, len - copied);
    return buf_detach(&out);
}

size_t spell_complete(const spell *s, const char *text, size_t len, char **out, size_t max)
{
    spell_words_ctx c;
    size_t found = 0;

    if (!s || !text || max == 0 || s->nwords == 0 || !spell_words_read(text, &len, &c))
        return 0;
    if (c.n == 0 || c.pos[c.n - 1].end != len || !c.pos[c.n - 1].folded)
        goto cleanup;
    const spell_pos *p = &c.pos[c.n - 1];
    const char *prefix = p->folded;
    size_t plen = strlen(prefix);
    /* The range of folded forms starting with prefix. */
    size_t lo = spell_lower(s, prefix);
    size_t end = lo;
    while (end < s->nwords && strncmp(s->words[end].folded, prefix, plen) == 0)
        end++;
    /* Top max by documents, by repeated selection (max is small). */
    const spell_word **top = buf_xrealloc(NULL, max * sizeof top[0]);
    size_t ntop = 0;
    for (size_t i = lo; i < end; i++) {
        const spell_word *w = &s->words[i];
        size_t at = ntop;
        while (at > 0 && top[at - 1]->docs < w->docs)
            at--;
        if (at >= max)
            continue;
        if (ntop < max)
            ntop++;
        memmove(top + at + 1, top + at, (ntop - at - 1) * sizeof top[0]);
        top[at] = w;
    }
    for (size_t i = 0; i < ntop; i++) {
        buf b = BUF_INIT;
        buf_append(&b, text, p->start);
        spell_put_like(&b, top[i]->surface, text + p->start, p->end - p->start);
        out[found++] = buf_detach(&b);
    }
    free(top);
cleanup:
    spell_words_free(&c);
    return found;
}
