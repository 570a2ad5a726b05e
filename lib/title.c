/* title: readable titles for titles in capitals (see title.h). The title's
 * words, and the two halves of each possible split of them, are looked up
 * (lowercase, unaccented) in the paragraphs of the text that are not in
 * capitals themselves: those say how a word is written (case, accents).
 * Words are runs of letters; everything else is copied as it is. */
#include "title.h"

#include "buf.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define TITLE_MAX_WORD 64        /* bytes of a folded word: longer ones are left alone */
#define TITLE_MAX_CPS 48         /* code points of a title word tried for splits */
#define TITLE_SPELLINGS 6        /* spellings counted per word */
#define TITLE_SCAN (1024 * 1024) /* bytes of text read */

/* One way the text writes a word: where (in the caller's text), how often. */
typedef struct {
    const char *p;
    size_t n;
    long count;
    int inside; /* seen inside a sentence, not only first in one */
} title_spelling;

typedef struct {
    char key[TITLE_MAX_WORD]; /* lowercase, unaccented */
    title_spelling v[TITLE_SPELLINGS];
    int nv;
    long pairs; /* times the text writes it as two words side by side */
} title_entry;

typedef struct {
    title_entry *v;
    size_t n, cap;
} title_dict;

static int title_is_letter(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO;
}

/* The next word of s[*pos..len): [*start, *end); 0 when there is none. */
static int title_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t i = *pos;
    utf8proc_int32_t c;
    while (i < len) {
        size_t m = text_cp_at(s, len, i, &c);
        if (m && title_is_letter(c))
            break;
        i += m ? m : 1;
    }
    if (i >= len) {
        *pos = len;
        return 0;
    }
    *start = i;
    while (i < len) {
        size_t m = text_cp_at(s, len, i, &c);
        if (!m || !title_is_letter(c))
            break;
        i += m;
    }
    *end = *pos = i;
    return 1;
}

/* s[0..n) lowercase and unaccented into out (NUL-terminated); its length,
 * or 0 when it does not fit. */
static size_t title_fold(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t c, d[TEXT_FOLD_MAX];
        size_t m = text_cp_at(s, n, i, &c);
        if (!m)
            return 0;
        size_t r = text_fold_cp(c, d);
        for (size_t j = 0; j < r; j++) {
            if (k + 4 >= TITLE_MAX_WORD)
                return 0;
            k += (size_t)utf8proc_encode_char(d[j], (utf8proc_uint8_t *)out + k);
        }
        i += m;
    }
    out[k] = '\0';
    return k;
}

static void title_dict_add(title_dict *d, const char *s, size_t n)
{
    char key[TITLE_MAX_WORD];
    if (!title_fold(s, n, key))
        return;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->v = buf_xrealloc(d->v, d->cap * sizeof d->v[0]);
    }
    title_entry *e = &d->v[d->n++];
    memset(e, 0, sizeof *e);
    memcpy(e->key, key, sizeof key);
}

static int title_entry_cmp(const void *a, const void *b)
{
    return strcmp(((const title_entry *)a)->key, ((const title_entry *)b)->key);
}

static title_entry *title_dict_find(const title_dict *d, const char *s, size_t n)
{
    title_entry probe;
    if (d->n == 0 || !title_fold(s, n, probe.key))
        return NULL;
    return bsearch(&probe, d->v, d->n, sizeof d->v[0], title_entry_cmp);
}

/* Counts the two words s[a0..b0) s[a1..b1), side by side in the text, when
 * together they are a key (« des rencontres » for « DESRENCONTRES »). */
static void title_pair(const title_dict *d, const char *s, size_t a0, size_t b0, size_t a1,
                       size_t b1)
{
    title_entry probe;
    if (d->n == 0)
        return;
    size_t k = title_fold(s + a0, b0 - a0, probe.key);
    char right[TITLE_MAX_WORD];
    size_t r = k ? title_fold(s + a1, b1 - a1, right) : 0;
    if (!r || k + r >= TITLE_MAX_WORD)
        return;
    memcpy(probe.key + k, right, r + 1);
    title_entry *e = bsearch(&probe, d->v, d->n, sizeof d->v[0], title_entry_cmp);
    if (e)
        e->pairs++;
}

/* Byte offsets of the code points of s[0..n) (at most TITLE_MAX_CPS + 1,
 * the last being n); their number, or 0 when the word is longer. */
static size_t title_offsets(const char *s, size_t n, size_t *off)
{
    size_t k = 0;
    utf8proc_int32_t c;
    for (size_t i = 0; i < n;) {
        size_t m = text_cp_at(s, n, i, &c);
        if (!m || k == TITLE_MAX_CPS)
            return 0;
        off[k++] = i;
        i += m;
    }
    off[k] = n;
    return k;
}

/* The keys to look for: each word of the title and, for a word of 4 code
 * points or more, both halves of each split leaving 2 or more on a side. */
static void title_dict_keys(title_dict *d, const char *title, size_t len)
{
    size_t pos = 0, a, b, off[TITLE_MAX_CPS + 1];
    while (title_next_word(title, len, &pos, &a, &b)) {
        title_dict_add(d, title + a, b - a);
        size_t k = title_offsets(title + a, b - a, off);
        for (size_t i = 2; k >= 4 && i + 2 <= k; i++) {
            title_dict_add(d, title + a, off[i]);
            title_dict_add(d, title + a + off[i], b - a - off[i]);
        }
    }
    if (d->n == 0)
        return;
    qsort(d->v, d->n, sizeof d->v[0], title_entry_cmp);
    size_t out = 0;
    for (size_t i = 0; i < d->n; i++)
        if (out == 0 || strcmp(d->v[out - 1].key, d->v[i].key) != 0)
            d->v[out++] = d->v[i];
    d->n = out;
}

/* Weights of a spelling seen: inside a sentence, and first in one (where
 * any word takes a capital: « Si le paquet… » says little of « si »). */
#define TITLE_INSIDE 4
#define TITLE_FIRST 1

static void title_count(title_entry *e, const char *p, size_t n, long weight)
{
    for (int i = 0; i < e->nv; i++) {
        if (e->v[i].n == n && memcmp(e->v[i].p, p, n) == 0) {
            e->v[i].count += weight;
            e->v[i].inside |= weight == TITLE_INSIDE;
            return;
        }
    }
    if (e->nv < TITLE_SPELLINGS)
        e->v[e->nv++] = (title_spelling){p, n, weight, weight == TITLE_INSIDE};
}

/* Letters of s[0..n) (into *letters when not NULL) and how many are
 * capitals. */
static size_t title_capitals(const char *p, size_t n, size_t *letters)
{
    size_t k = 0, l = 0;
    utf8proc_int32_t c;
    for (size_t i = 0; i < n;) {
        size_t m = text_cp_at(p, n, i, &c);
        if (!m)
            break;
        k += utf8proc_isupper(c) != 0;
        l++;
        i += m;
    }
    if (letters)
        *letters = l;
    return k;
}

/* Counts the words of a run in capitals when it is short (an acronym in a
 * sentence: « moderne – CCEM. »), not when it is a heading's. */
static void title_flush(title_dict *d, const char *text, const size_t *run, size_t n)
{
    for (size_t i = 0; n <= 2 && i < n; i++) {
        title_entry *e = title_dict_find(d, text + run[2 * i], run[2 * i + 1] - run[2 * i]);
        if (e)
            title_count(e, text + run[2 * i], run[2 * i + 1] - run[2 * i], TITLE_INSIDE);
    }
}

/* Whether the word at a starts a sentence of the line that starts at
 * line: nothing but punctuation or digits before it on the line, or a
 * '.', '!', '?', ':' or '…' before it (quotes, brackets, dashes aside). */
static int title_sentence_start(const char *text, size_t line, size_t a)
{
    size_t i = a;
    while (i > line) {
        unsigned char c = (unsigned char)text[i - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':')
            return 1;
        if (i - line >= 3 && !memcmp(text + i - 3, "…", 3))
            return 1;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return 0;
        i--;
    }
    return 1;
}

/* Counts how the text writes the keys, outside paragraphs and runs of
 * three words or more in capitals (headings, titles: no case to learn). */
static void title_dict_scan(title_dict *d, const char *text, size_t len)
{
    size_t at = 0;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!text_is_upper_line(text + at, end - at)) {
            size_t pos = at, a, b, run[4], nrun = 0, letters, pa = 0, pb = 0;
            while (title_next_word(text, end, &pos, &a, &b)) {
                if (pb > 0 && a == pb + 1 && text[pb] == ' ')
                    title_pair(d, text, pa, pb, a, b);
                pa = a;
                pb = b;
                if (title_capitals(text + a, b - a, &letters) == letters && letters >= 2) {
                    if (nrun < 2) {
                        run[2 * nrun] = a;
                        run[2 * nrun + 1] = b;
                    }
                    nrun++;
                    continue;
                }
                title_flush(d, text, run, nrun);
                nrun = 0;
                title_entry *e = title_dict_find(d, text + a, b - a);
                if (e)
                    title_count(e, text + a, b - a,
                                title_sentence_start(text, at, a) ? TITLE_FIRST : TITLE_INSIDE);
            }
            title_flush(d, text, run, nrun);
        }
        at = end + 1;
    }
}

/* Whether spelling p[0..n) keeps the accents the title's word w[0..wn)
 * writes: capitals often lose their accents (« PLENIERE » may read
 * « plénière »), but an accent written (« OÙ », « À », « CRÉÉ ») is
 * meant. Letters are compared one for one; a spelling of another length
 * (« œ » for « OE ») is not judged. */
static int title_accents_kept(const char *w, size_t wn, const char *p, size_t n)
{
    size_t i = 0, j = 0;
    while (i < wn && j < n) {
        utf8proc_int32_t c, d;
        size_t m = text_cp_at(w, wn, i, &c), k = text_cp_at(p, n, j, &d);
        if (!m || !k)
            return 1;
        int32_t f[TEXT_FOLD_MAX];
        if (c >= 0x80 && !(text_fold_cp(c, f) == 1 && f[0] == c) &&
            utf8proc_tolower(c) != utf8proc_tolower(d))
            return 0;
        i += m;
        j += k;
    }
    return 1;
}

/* The spelling the text uses most of those that keep the accents of the
 * title's word w[0..wn) (of equals, the one with fewer capitals:
 * « traite » rather than « Traite »), or NULL. */
static const title_spelling *title_best(const title_entry *e, const char *w, size_t wn)
{
    const title_spelling *best = NULL;
    for (int i = 0; e && i < e->nv; i++) {
        const title_spelling *s = &e->v[i];
        if (!title_accents_kept(w, wn, s->p, s->n))
            continue;
        if (!best || s->count > best->count ||
            (s->count == best->count &&
             title_capitals(s->p, s->n, NULL) < title_capitals(best->p, best->n, NULL)))
            best = s;
    }
    return best;
}

/* Appends s[0..n) with each letter through f (utf8proc_tolower…). */
static void title_put_mapped(buf *out, const char *s, size_t n,
                             utf8proc_int32_t (*f)(utf8proc_int32_t))
{
    utf8proc_int32_t c;
    for (size_t i = 0; i < n;) {
        size_t m = text_cp_at(s, n, i, &c);
        if (!m) {
            buf_putc(out, s[i++]);
            continue;
        }
        utf8proc_uint8_t tmp[4];
        buf_append(out, tmp, (size_t)utf8proc_encode_char(f(c), tmp));
        i += m;
    }
}

/* Whether key (lowercase) is a Roman numeral from i to xxxix written the
 * usual way (« PARTIE II », « ANNEXE XIV »); beyond, numerals spell French
 * words (« DIX » would read 509). */
static int title_roman(const char *key)
{
    static const char *const units[] = {"ix", "iv", "viii", "vii", "vi", "v", "iii", "ii", "i"};
    const char *p = key;
    while (*p == 'x' && p - key < 3)
        p++;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strncmp(p, units[i], strlen(units[i])) == 0) {
            p += strlen(units[i]);
            break;
        }
    return *key && !*p;
}

/* A word the text never writes is taken for an acronym when no French
 * word could be written so: no vowel (« CNCDH »), or four letters at most
 * with three consonants in a row (« OQTF ») or starting with two that do
 * not begin French words (« CCEM », « MNA »; not « PLAN », « CHEZ »); and
 * a Roman numeral stays in capitals too. */
static int title_acronym(const char *s, size_t n)
{
    char key[TITLE_MAX_WORD];
    size_t k = title_fold(s, n, key);
    if (k == 0 || title_roman(key))
        return k > 0;
    if (k < 2)
        return 0;
    size_t run = 0, longest = 0;
    for (size_t i = 0; i < k; i++) {
        int consonant = key[i] >= 'a' && key[i] <= 'z' && !strchr("aeiouy", key[i]);
        run = consonant ? run + 1 : 0;
        longest = run > longest ? run : longest;
    }
    if (!strpbrk(key, "aeiouy"))
        return 1;
    if (k > 4)
        return 0;
    int start = key[0] >= 'a' && key[0] <= 'z' && !strchr("aeiouy", key[0]) && key[1] >= 'a' &&
                key[1] <= 'z' && !strchr("aeiouyrlh", key[1]);
    return longest >= 3 || start;
}

/* Appends a spelling; one seen only first in sentences (« Des gens. »),
 * a capital and lowercase letters, with its first letter in lower case:
 * any word takes a capital there. */
static void title_put_spelling(buf *out, const title_spelling *sp)
{
    utf8proc_int32_t c;
    size_t letters, m = text_cp_at(sp->p, sp->n, 0, &c);
    if (!sp->inside && m && utf8proc_isupper(c) &&
        title_capitals(sp->p, sp->n, &letters) == 1 && letters >= 2) {
        title_put_mapped(out, sp->p, m, utf8proc_tolower);
        buf_append(out, sp->p + m, sp->n - m);
        return;
    }
    buf_append(out, sp->p, sp->n);
}

/* Whether key (folded) is one of the words a glued pair starts with when
 * the text never writes the pair: an article or a determiner before its
 * noun (« DESRENCONTRES », « LAREUNION »). Not « de », « en », « sur »,
 * « par », « pour », « ce », « et »: they begin too many words
 * (« DEVENIR », « ENSEMBLE », « SURVEILLER », « PARCOURS », « ETRANGER »). */
static int title_glue_left(const char *key)
{
    static const char *const words[] = {
        "au",   "aux", "avec", "ces",   "cette", "dans",  "des", "du",  "la",
        "le",   "les", "leur", "leurs", "ma",    "mes",   "mon", "nos", "notre",
        "sa",   "ses", "son",  "un",    "une",   "votre", "vos",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(words[i], key))
            return 1;
    return 0;
}

/* Whether the title's word s[0..n), which the text never writes whole, is
 * the two words s[0..cut) and s[cut..n) glued: the text writes them side
 * by side, or the first is an article or preposition (title_glue_left) and
 * the second a word of five letters or more but « quel… » (« LESQUELS »,
 * « DEPUIS », « AUTOUR », « MODELES » are words, not glued pairs). */
static int title_glued(const title_entry *whole, const char *s, size_t n, size_t cut,
                       size_t right_cps)
{
    if (whole && whole->pairs > 0)
        return 1;
    char left[TITLE_MAX_WORD], right[TITLE_MAX_WORD];
    if (!title_fold(s, cut, left) || !title_fold(s + cut, n - cut, right))
        return 0;
    return title_glue_left(left) && right_cps >= 5 && strncmp(right, "quel", 4) != 0;
}

/* Appends the readable form of the title's word s[0..n) (alone between
 * brackets when bracketed: « (CESEDA) », an acronym unless the text says
 * otherwise). */
static void title_put_word(buf *out, const title_dict *d, const char *s, size_t n, int bracketed)
{
    const title_entry *whole = title_dict_find(d, s, n);
    const title_spelling *best = title_best(whole, s, n);
    if (best) {
        title_put_spelling(out, best);
        return;
    }
    /* Glued words: the split whose rarer half the text uses most. */
    size_t off[TITLE_MAX_CPS + 1], k = title_offsets(s, n, off);
    const title_spelling *left = NULL, *right = NULL;
    for (size_t i = 2; k >= 4 && i + 2 <= k; i++) {
        if (!title_glued(whole, s, n, off[i], k - i))
            continue;
        const title_spelling *l = title_best(title_dict_find(d, s, off[i]), s, off[i]);
        const title_spelling *r =
            title_best(title_dict_find(d, s + off[i], n - off[i]), s + off[i], n - off[i]);
        if (!l || !r)
            continue;
        long least = l->count < r->count ? l->count : r->count;
        if (!left || least > (left->count < right->count ? left->count : right->count)) {
            left = l;
            right = r;
        }
    }
    if (left) {
        title_put_spelling(out, left);
        buf_putc(out, ' ');
        title_put_spelling(out, right);
        return;
    }
    if (bracketed || title_acronym(s, n)) {
        buf_append(out, s, n);
        return;
    }
    title_put_mapped(out, s, n, utf8proc_tolower);
}

/* Whether the word title[a..b) is part of a name rather than of a phrase:
 * its run of non-spaces has, inside it, a digit or a character of file
 * names, commands or addresses (« APT-GET(8) », « SOURCES.LIST(5) »,
 * « L.425-1 », « APT_PREFERENCES »): left as it is written. The answer is
 * the same for every word of the run (the brackets trimmed stop at its
 * first and last letters): *run_end is where the run ends, and the caller
 * asks again only for a word beyond it (a run of many words, « A-A-A… »,
 * was read once per word, quadratic). */
static int title_technical(const char *title, size_t len, size_t a, size_t b, size_t *run_end)
{
    size_t from = a, to = b;
    while (from > 0 && title[from - 1] != ' ')
        from--;
    while (to < len && title[to] != ' ')
        to++;
    *run_end = to;
    while (from < a && strchr("([«\"'", title[from]))
        from++;
    while (to > b && strchr(")].,;:!?»\"'", title[to - 1]))
        to--;
    for (size_t i = from; i < to; i++)
        if ((title[i] >= '0' && title[i] <= '9') || strchr("_./()[]@:=+#\\<>", title[i]))
            return 1;
    return 0;
}

char *title_from_capitals(const char *title, const char *const *texts, size_t n)
{
    size_t len = title ? strlen(title) : 0;
    if (!len || len > TITLE_MAX_LEN || !text_is_upper_line(title, len))
        return NULL;
    title_dict d = {NULL, 0, 0};
    title_dict_keys(&d, title, len);
    size_t scanned = 0;
    for (size_t i = 0; i < n && scanned < TITLE_SCAN; i++) {
        size_t tl = texts[i] ? strlen(texts[i]) : 0;
        if (tl > TITLE_SCAN - scanned)
            tl = TITLE_SCAN - scanned;
        title_dict_scan(&d, texts[i] ? texts[i] : "", tl);
        scanned += tl;
    }
    buf out = BUF_INIT;
    size_t pos = 0, copied = 0, a, b, run_end = 0;
    int first = 1, technical = 0;
    while (title_next_word(title, len, &pos, &a, &b)) {
        buf_append(&out, title + copied, a - copied);
        size_t at = out.len;
        /* A quotation starts with a capital too (« Ensemble contre… »). */
        for (size_t i = copied; i + 1 < a && !first; i++)
            first = !memcmp(title + i, "«", strlen("«"));
        if (a >= run_end)
            technical = title_technical(title, len, a, b, &run_end);
        size_t letters;
        /* A word with a lowercase letter is written on purpose (« OpenSSL »). */
        int caps = title_capitals(title + a, b - a, &letters) == letters && !technical;
        if (caps)
            title_put_word(&out, &d, title + a, b - a,
                           a > 0 && title[a - 1] == '(' && b < len && title[b] == ')');
        else
            buf_append(&out, title + a, b - a);
        if (first && caps) {
            /* Sentence case: the first letter a capital. */
            buf word = BUF_INIT;
            utf8proc_int32_t c;
            size_t m = text_cp_at(out.data, out.len, at, &c);
            if (m) {
                title_put_mapped(&word, out.data + at, m, utf8proc_toupper);
                buf_append(&word, out.data + at + m, out.len - at - m);
                out.len = at;
                buf_append(&out, word.data, word.len);
            }
            buf_free(&word);
        }
        first = 0;
        copied = b;
    }
    buf_append(&out, title + copied, len - copied);
    free(d.v);
    return buf_detach(&out);
}
