/* analyzer: the French tokenizer, shared by FTS5 (tokenizer "repere") and
 * by direct callers (snippets, query parsing). Splits text into runs of
 * letters and digits joined by apostrophes, hyphens and dots, strips
 * elisions, joins dotted acronyms, normalises (NFKC, case fold, ligatures),
 * stems the accented form (Snowball French), then folds accents.
 * What each mode emits is described in analyzer.h. */
#include "analyzer.h"

#include "buf.h"
#include "schema.h"
#include "text.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Design decisions:
 * - Stop words are never dropped: « non », « sans », « des » carry meaning
 *   and phrases must keep their positions.
 * - Protected words: Snowball sends « traite », « traité », « traitement »
 *   and « traiter » to one stem "trait"; in this corpus « traite » is
 *   trafficking and « traitement (des données) » is noise, so « traite » and
 *   « traites » stem to "traite" and meet only each other. « traité » (a
 *   treaty, or treated) keeps the Snowball stem. Likewise « signe » and
 *   « signes » (the signs of trafficking) stem to "signe", apart from
 *   « signé », « signée », « signer » (conventions and charters signed).
 * - The exact surface form is indexed as a colocated token ("=traite") so
 *   ranking can prefer documents that use the very form typed; the
 *   unaccented surface ("~traite" for « traité ») serves prefix queries.
 *   Markers are bytes that split words in text, so no text yields them.
 * - People type without accents, and Snowball stems unaccented forms
 *   differently (« accompagnees » -> "accompagne", « accompagnées » ->
 *   "accompagn"): an accented word also gets the stem of its unaccented
 *   form ("%accompagne") when it differs, for query words typed bare.
 *   « traité » gets no "%traite": the protected stem stays « traite »'s own.
 * - Compounds (hyphen, apostrophe that is not an elision, dot) are indexed
 *   by parts, so a query reads them as a phrase, plus the whole at the first
 *   part: letters are joined and stemmed (« e-mails » meets « email »),
 *   anything with a digit keeps its separators (« L.425-1 » -> "l.425-1").
 * - Snowball stems « identification » to "identif" but « identifier »,
 *   « identifiées » to "identifi"; a final "ifi" loses its "i" so the noun
 *   and the verb of every -ifier family meet (qualifier, justifier…).
 * - One letter glued to a number is two parts: « L425-1 » is « L.425-1 ».
 * - Inclusive writing (« accompagné·e·s », « salarié.e.s ») is a compound
 *   whose whole ("accompagnees" -> "accompagn") meets the plain word.
 * - Bytes that are not valid UTF-8 are separators; offsets always point into
 *   the caller's text.
 * - Speed: buffers live in the analyzer state (one per FTS5 tokenizer
 *   instance, one per thread for analyzer_tokenize), and word forms are
 *   cached there, since stemming was most of the time (~45 MB/s of French
 *   text on one core, ~28 MB/s through FTS5, vs ~145 MB/s for unicode61). */

#define ANALYZER_MAX_SEGS 32
#define ANALYZER_MAX_SEG_BYTES 256 /* longer runs of letters are cut */

enum { ANALYZER_CONN_NONE, ANALYZER_CONN_APOS, ANALYZER_CONN_HYPH, ANALYZER_CONN_DOT };
enum {
    ANALYZER_CLS_SEP,
    ANALYZER_CLS_WORD,
    ANALYZER_CLS_IGNORE, /* soft hyphen: invisible inside a word */
    ANALYZER_CLS_APOS,
    ANALYZER_CLS_HYPH,
    ANALYZER_CLS_DOT,
};

typedef struct {
    size_t start, end;    /* bytes of the original text */
    int conn;             /* connector before this part */
    size_t norm, normlen; /* normalised form, in the state's norm buffer */
    size_t ncp;           /* code points in the normalised form */
    int digit;            /* contains a digit */
} analyzer_seg;

#define ANALYZER_FORM_MAX 40      /* bytes of a cached word or form */
#define ANALYZER_CACHE_SLOTS 4096 /* ~700 KiB per analyzer state */

typedef struct {
    unsigned char klen, stemlen, foldlen, pctlen;
    char key[ANALYZER_FORM_MAX];
    char stem[ANALYZER_FORM_MAX];
    char fold[ANALYZER_FORM_MAX];
    char pct[ANALYZER_FORM_MAX];
} analyzer_slot;

typedef struct {
    struct sb_stemmer *stemmer;
    utf8proc_int32_t *cps;
    size_t cpscap;
    buf norm;               /* normalised parts of the current run */
    buf whole;              /* a compound's whole */
    buf fstem, ffold, fpct; /* forms of the current word (analyzer_forms) */
    analyzer_slot *cache;   /* ANALYZER_CACHE_SLOTS, allocated on first use */
    buf tok;                /* the token being emitted */
    buf fold;               /* accent folding scratch */
    analyzer_seg segs[ANALYZER_MAX_SEGS];
    size_t nsegs;
    int mode;
    analyzer_cb cb;
    void *ctx;
    size_t base; /* offset of the text being split within the caller's text */
    int rc;
} analyzer_state;

static const char *const analyzer_elisions[] = {
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
};

static const struct {
    const char *word;
    const char *stem;
} analyzer_protected[] = {
    {"traite", "traite"},
    {"traites", "traite"},
    {"signe", "signe"},
    {"signes", "signe"},
};

static analyzer_state *analyzer_state_new(void)
{
    analyzer_state *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->stemmer = sb_stemmer_new("french", "UTF_8");
    if (!st->stemmer) {
        free(st);
        return NULL;
    }
    return st;
}

static void analyzer_state_free(analyzer_state *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->stemmer);
    free(st->cps);
    buf_free(&st->norm);
    buf_free(&st->whole);
    buf_free(&st->fstem);
    buf_free(&st->ffold);
    buf_free(&st->fpct);
    free(st->cache);
    buf_free(&st->tok);
    buf_free(&st->fold);
    free(st);
}

static void analyzer_cps_reserve(analyzer_state *st, size_t n)
{
    if (n <= st->cpscap)
        return;
    size_t cap = st->cpscap ? st->cpscap : 64;
    while (cap < n)
        cap *= 2;
    st->cps = buf_xrealloc(st->cps, cap * sizeof *st->cps);
    st->cpscap = cap;
}

static int analyzer_class(utf8proc_int32_t c)
{
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            return ANALYZER_CLS_WORD;
        if (c == '\'')
            return ANALYZER_CLS_APOS;
        if (c == '-')
            return ANALYZER_CLS_HYPH;
        if (c == '.')
            return ANALYZER_CLS_DOT;
        return ANALYZER_CLS_SEP;
    }
    switch (c) {
    case 0x2019: /* ’ */
    case 0x02BC: /* ʼ */
    case 0x2018: /* ‘ */
        return ANALYZER_CLS_APOS;
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
        return ANALYZER_CLS_HYPH;
    case 0x00B7: /* middle dot of inclusive writing */
        return ANALYZER_CLS_DOT;
    case 0x00AD:
        return ANALYZER_CLS_IGNORE;
    default:
        break;
    }
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return ANALYZER_CLS_WORD;
    default:
        return ANALYZER_CLS_SEP;
    }
}

/* Decodes one code point at text[i]; invalid bytes read as a separator. */
static size_t analyzer_next(const char *text, size_t len, size_t i, int *cls)
{
    utf8proc_int32_t c;
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) {
        *cls = b == 0 ? ANALYZER_CLS_SEP : analyzer_class(b);
        return 1;
    }
    size_t avail = len - i > 4 ? 4 : len - i;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)avail, &c);
    if (n <= 0 || c == 0) {
        *cls = ANALYZER_CLS_SEP;
        return 1;
    }
    *cls = analyzer_class(c);
    return (size_t)n;
}

static void analyzer_put_cp(buf *b, utf8proc_int32_t c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
    buf_append(b, tmp, (size_t)n);
}

/* analyzer_normalize of a part p[0..n) made of ASCII and of the Latin-1
 * letters À-ÿ but for ß and æ, Æ (the accents of French text): the NFKC
 * case fold of each of those is its own lower case (A-Z, À-Þ + 0x20),
 * without utf8proc. Returns 0, having written nothing, for any other
 * part. */
static int analyzer_normalize_latin1(analyzer_state *st, analyzer_seg *sg, const char *p, size_t n)
{
    size_t pairs = 0; /* two-byte letters */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80)
            continue;
        /* U+00C0-U+00FF is C3 80-BF; not × (97), ß (9F), Æ (86), æ (A6), ÷ (B7) */
        unsigned char t = i + 1 < n ? (unsigned char)p[i + 1] : 0;
        if (c != 0xC3 || t < 0x80 || t > 0xBF || t == 0x97 || t == 0x9F || t == 0x86 || t == 0xA6 ||
            t == 0xB7)
            return 0;
        i++;
        pairs++;
    }
    buf_reserve(&st->norm, n);
    for (size_t i = 0; i < n; i++) {
        char c = text_ascii_lower(p[i]);
        if (c >= '0' && c <= '9') {
            sg->digit = 1;
        } else if ((unsigned char)c == 0xC3) {
            st->norm.data[st->norm.len++] = c;
            c = p[++i];
            if ((unsigned char)c < 0xA0)
                c = (char)(c + 0x20);
        }
        st->norm.data[st->norm.len++] = c;
    }
    st->norm.data[st->norm.len] = '\0';
    sg->ncp = n - pairs;
    sg->normlen = n;
    return 1;
}

/* Appends the NFKC, case-folded, ligature-free form of one part to
 * st->norm, keeping only letters, marks and digits. */
static void analyzer_normalize(analyzer_state *st, analyzer_seg *sg, const char *text)
{
    const char *p = text + sg->start;
    size_t n = sg->end - sg->start;
    sg->norm = st->norm.len;
    sg->ncp = 0;
    sg->digit = 0;
    if (analyzer_normalize_latin1(st, sg, p, n))
        return;
    const utf8proc_option_t opts =
        UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    utf8proc_ssize_t m = 0;
    for (;;) {
        m = utf8proc_decompose((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, st->cps,
                               (utf8proc_ssize_t)st->cpscap, opts);
        if (m < 0) {
            m = 0;
            break;
        }
        if ((size_t)m <= st->cpscap)
            break;
        analyzer_cps_reserve(st, (size_t)m);
    }
    if (m > 0)
        m = utf8proc_normalize_utf32(st->cps, m, UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    for (utf8proc_ssize_t k = 0; k < m; k++) {
        utf8proc_int32_t c = st->cps[k];
        if (c == 0x0153) { /* œ */
            buf_append(&st->norm, "oe", 2);
            sg->ncp += 2;
            continue;
        }
        if (c == 0x00E6) { /* æ */
            buf_append(&st->norm, "ae", 2);
            sg->ncp += 2;
            continue;
        }
        if (analyzer_class(c) != ANALYZER_CLS_WORD)
            continue;
        if (utf8proc_category(c) == UTF8PROC_CATEGORY_ND)
            sg->digit = 1;
        analyzer_put_cp(&st->norm, c);
        sg->ncp++;
    }
    sg->normlen = st->norm.len - sg->norm;
}

/* Folds accents of s[0..n) into st->fold; returns st->fold.data. */
static const char *analyzer_fold_into(analyzer_state *st, const char *s, size_t n, size_t *outlen)
{
    buf_clear(&st->fold);
    size_t ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        buf_append(&st->fold, s, n);
        *outlen = n;
        return st->fold.data;
    }
    const utf8proc_option_t opts = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
    utf8proc_ssize_t m = 0;
    for (;;) {
        m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, st->cps,
                               (utf8proc_ssize_t)st->cpscap, opts);
        if (m < 0) {
            buf_append(&st->fold, s, n);
            *outlen = n;
            return st->fold.data;
        }
        if ((size_t)m <= st->cpscap)
            break;
        analyzer_cps_reserve(st, (size_t)m);
    }
    for (utf8proc_ssize_t k = 0; k < m; k++)
        analyzer_put_cp(&st->fold, st->cps[k]);
    *outlen = st->fold.len;
    return st->fold.data;
}

static int analyzer_emit(analyzer_state *st, int flags, const char *tok, size_t n, size_t start,
                         size_t end)
{
    if (st->rc == 0 && n > 0)
        st->rc = st->cb(st->ctx, flags, tok, n, st->base + start, st->base + end);
    return st->rc;
}

/* The stem of a lowercase word (before folding), into st->tok. */
/* Snowball's stem of w[0..n), with one correction: it stems the nouns in
 * -ification to "-if" but the verbs in -ifier to "-ifi" (identification /
 * identifier, qualification / qualifié): make both "-if". */
static size_t analyzer_snowball(analyzer_state *st, const char *w, size_t n, const char **out)
{
    const sb_symbol *s = sb_stemmer_stem(st->stemmer, (const sb_symbol *)w, (int)n);
    if (!s)
        return 0;
    size_t sn = (size_t)sb_stemmer_length(st->stemmer);
    if (sn > 4 && memcmp(s + sn - 3, "ifi", 3) == 0)
        sn--;
    *out = (const char *)s;
    return sn;
}

static void analyzer_stem(analyzer_state *st, const char *w, size_t n, int digit)
{
    buf_clear(&st->tok);
    if (!digit) {
        for (size_t i = 0; i < sizeof analyzer_protected / sizeof analyzer_protected[0]; i++) {
            if (strlen(analyzer_protected[i].word) == n &&
                memcmp(analyzer_protected[i].word, w, n) == 0) {
                buf_puts(&st->tok, analyzer_protected[i].stem);
                return;
            }
        }
        const char *s;
        size_t sn = analyzer_snowball(st, w, n, &s);
        if (sn > 0) {
            buf_append(&st->tok, s, sn);
            return;
        }
    }
    buf_append(&st->tok, w, n);
}

int analyzer_is_protected(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof analyzer_protected / sizeof analyzer_protected[0]; i++)
        if (strlen(analyzer_protected[i].word) == n &&
            memcmp(analyzer_protected[i].word, w, n) == 0)
            return 1;
    return 0;
}

/* The forms of a word, into st->fstem (folded stem), st->ffold (folded
 * surface, empty when the word has no accent) and st->fpct (stem of the
 * folded surface, empty when it equals the folded stem). */
static void analyzer_forms_compute(analyzer_state *st, const char *w, size_t n, int digit)
{
    size_t fn;
    analyzer_stem(st, w, n, digit);
    const char *f = analyzer_fold_into(st, st->tok.data, st->tok.len, &fn);
    buf_clear(&st->fstem);
    buf_append(&st->fstem, f, fn);
    buf_clear(&st->ffold);
    buf_clear(&st->fpct);
    f = analyzer_fold_into(st, w, n, &fn);
    if (fn == n && memcmp(f, w, n) == 0)
        return;
    buf_append(&st->ffold, f, fn);
    if (digit || analyzer_is_protected(f, fn))
        return;
    /* f has no accents left: its stem needs no folding. */
    const char *s;
    size_t sn = analyzer_snowball(st, f, fn, &s);
    if (sn > 0 && (sn != st->fstem.len || memcmp(s, st->fstem.data, sn) != 0))
        buf_append(&st->fpct, s, sn);
}

/* Copies a form into a cache slot field (the buffer may be unallocated). */
static void analyzer_slot_put(char *dst, unsigned char *dstlen, const buf *b)
{
    *dstlen = (unsigned char)b->len;
    if (b->len > 0)
        memcpy(dst, b->data, b->len);
}

/* Word forms through a direct-mapped cache: French text repeats its words,
 * and stemming is most of the analyzer's time. */
static void analyzer_forms(analyzer_state *st, const char *w, size_t n, int digit)
{
    if (n > ANALYZER_FORM_MAX) {
        analyzer_forms_compute(st, w, n, digit);
        return;
    }
    if (!st->cache) {
        st->cache = calloc(ANALYZER_CACHE_SLOTS, sizeof st->cache[0]);
        if (!st->cache) {
            analyzer_forms_compute(st, w, n, digit);
            return;
        }
    }
    analyzer_slot *sl = &st->cache[text_hash(w, n) % ANALYZER_CACHE_SLOTS];
    if (sl->klen == n && memcmp(sl->key, w, n) == 0) {
        buf_clear(&st->fstem);
        buf_append(&st->fstem, sl->stem, sl->stemlen);
        buf_clear(&st->ffold);
        buf_append(&st->ffold, sl->fold, sl->foldlen);
        buf_clear(&st->fpct);
        buf_append(&st->fpct, sl->pct, sl->pctlen);
        return;
    }
    analyzer_forms_compute(st, w, n, digit);
    if (st->fstem.len > ANALYZER_FORM_MAX || st->ffold.len > ANALYZER_FORM_MAX ||
        st->fpct.len > ANALYZER_FORM_MAX)
        return;
    sl->klen = (unsigned char)n;
    memcpy(sl->key, w, n);
    analyzer_slot_put(sl->stem, &sl->stemlen, &st->fstem);
    analyzer_slot_put(sl->fold, &sl->foldlen, &st->ffold);
    analyzer_slot_put(sl->pct, &sl->pctlen, &st->fpct);
}

static int analyzer_emit_marked(analyzer_state *st, char marker, const buf *b, size_t start,
                                size_t end)
{
    buf_clear(&st->tok);
    buf_putc(&st->tok, marker);
    buf_append(&st->tok, b->data, b->len);
    return analyzer_emit(st, ANALYZER_COLOCATED, st->tok.data, st->tok.len, start, end);
}

/* Emits one word: the index and the query side its form; ANALYZER_WORDS
 * its folded stem, then the exact and folded surface forms and the stem of
 * the folded form. */
static int analyzer_word(analyzer_state *st, const char *w, size_t n, int digit, int flags,
                         size_t start, size_t end)
{
    if (st->mode != ANALYZER_WORDS)
        return analyzer_emit(st, flags, w, n, start, end);
    analyzer_forms(st, w, n, digit);
    if (analyzer_emit(st, flags, st->fstem.data, st->fstem.len, start, end))
        return st->rc;
    buf_clear(&st->tok);
    buf_putc(&st->tok, ANALYZER_EXACT);
    buf_append(&st->tok, w, n);
    if (analyzer_emit(st, ANALYZER_COLOCATED, st->tok.data, st->tok.len, start, end))
        return st->rc;
    if (st->ffold.len > 0 && analyzer_emit_marked(st, ANALYZER_FOLDED, &st->ffold, start, end))
        return st->rc;
    if (st->fpct.len > 0)
        analyzer_emit_marked(st, ANALYZER_FOLDED_STEM, &st->fpct, start, end);
    return st->rc;
}

int analyzer_is_apostrophe(int32_t c)
{
    return analyzer_class(c) == ANALYZER_CLS_APOS;
}

int analyzer_is_elision(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof analyzer_elisions / sizeof analyzer_elisions[0]; i++)
        if (strlen(analyzer_elisions[i]) == n && memcmp(analyzer_elisions[i], w, n) == 0)
            return 1;
    return 0;
}

/* The whole of a compound, colocated with its first part (index and
 * ANALYZER_WORDS): its form for the index, its folded stem for WORDS. */
static int analyzer_whole(analyzer_state *st, const analyzer_seg *segs, size_t nsegs)
{
    int digit = 0;
    for (size_t k = 0; k < nsegs; k++)
        digit |= segs[k].digit;
    buf_clear(&st->whole);
    for (size_t k = 0; k < nsegs; k++) {
        if (k > 0 && digit)
            buf_putc(&st->whole, segs[k].conn == ANALYZER_CONN_DOT    ? '.'
                                 : segs[k].conn == ANALYZER_CONN_HYPH ? '-'
                                                                      : '\'');
        buf_append(&st->whole, st->norm.data + segs[k].norm, segs[k].normlen);
    }
    if (st->mode == ANALYZER_INDEX)
        return analyzer_emit(st, ANALYZER_COLOCATED, st->whole.data, st->whole.len,
                             segs[0].start, segs[nsegs - 1].end);
    size_t fn;
    analyzer_stem(st, st->whole.data, st->whole.len, digit);
    const char *f = analyzer_fold_into(st, st->tok.data, st->tok.len, &fn);
    return analyzer_emit(st, ANALYZER_COLOCATED, f, fn, segs[0].start, segs[nsegs - 1].end);
}

/* A part made of one ASCII letter and digits (L425, R316, G20): legal
 * references are written both « L.425-1 » and « L425-1 ». */
static int analyzer_letter_number(const analyzer_state *st, const analyzer_seg *sg)
{
    const char *p = st->norm.data + sg->norm;
    if (sg->normlen < 2 || sg->end - sg->start != sg->normlen || p[0] < 'a' || p[0] > 'z')
        return 0;
    for (size_t i = 1; i < sg->normlen; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

/* Analyses the run of parts collected in st->segs. */
static int analyzer_run(analyzer_state *st, const char *text)
{
    analyzer_seg segbuf[2 * ANALYZER_MAX_SEGS];
    analyzer_seg *segs = segbuf;
    size_t nsegs = 0;
    buf_clear(&st->norm);
    for (size_t k = 0; k < st->nsegs; k++) {
        analyzer_seg *sg = &st->segs[k];
        analyzer_normalize(st, sg, text);
        if (sg->normlen == 0)
            continue;
        segs[nsegs++] = *sg;
        if (analyzer_letter_number(st, sg)) {
            /* "L425" reads as "L.425": l, 425. */
            analyzer_seg *a = &segs[nsegs - 1], *b = &segs[nsegs++];
            *b = *a;
            a->end = a->start + 1;
            a->normlen = a->ncp = 1;
            a->digit = 0;
            b->start++;
            b->norm++;
            b->normlen--;
            b->ncp--;
            b->conn = ANALYZER_CONN_DOT;
        }
    }
    if (nsegs == 0)
        return 0;
    if (nsegs >= 2 && segs[1].conn == ANALYZER_CONN_APOS &&
        analyzer_is_elision(st->norm.data + segs[0].norm, segs[0].normlen)) {
        segs++;
        nsegs--;
    }
    if (nsegs == 1)
        return analyzer_word(st, st->norm.data + segs[0].norm, segs[0].normlen, segs[0].digit, 0,
                             segs[0].start, segs[0].end);
    int acronym = 1;
    for (size_t k = 0; k < nsegs && acronym; k++)
        acronym =
            segs[k].ncp == 1 && !segs[k].digit && (k == 0 || segs[k].conn == ANALYZER_CONN_DOT);
    if (acronym) {
        buf_clear(&st->whole);
        for (size_t k = 0; k < nsegs; k++)
            buf_append(&st->whole, st->norm.data + segs[k].norm, segs[k].normlen);
        /* analyzer_word reuses tok and fold, not whole. */
        return analyzer_word(st, st->whole.data, st->whole.len, 0, 0, segs[0].start,
                             segs[nsegs - 1].end);
    }
    for (size_t k = 0; k < nsegs; k++) {
        if (analyzer_word(st, st->norm.data + segs[k].norm, segs[k].normlen, segs[k].digit, 0,
                          segs[k].start, segs[k].end))
            return st->rc;
        if (k == 0 && st->mode != ANALYZER_QUERY && analyzer_whole(st, segs, nsegs))
            return st->rc;
    }
    return 0;
}

/* Splits text into runs and analyses each. */
static int analyzer_text(analyzer_state *st, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && st->rc == 0) {
        int cls;
        size_t n = analyzer_next(text, len, i, &cls);
        if (cls != ANALYZER_CLS_WORD) {
            i += n;
            continue;
        }
        st->nsegs = 0;
        size_t segstart = i;
        int conn = ANALYZER_CONN_NONE;
        for (;;) {
            /* i is at a word character: consume the part. */
            while (i < len) {
                /* ASCII letters and digits at once: one byte, one character
                 * each, of class ANALYZER_CLS_WORD. */
                while (i < len && text_ascii_alnum(text[i]) &&
                       i + 1 - segstart <= ANALYZER_MAX_SEG_BYTES)
                    i++;
                if (i >= len)
                    break;
                n = analyzer_next(text, len, i, &cls);
                if (cls != ANALYZER_CLS_WORD && cls != ANALYZER_CLS_IGNORE)
                    break;
                if (i + n - segstart > ANALYZER_MAX_SEG_BYTES)
                    break;
                i += n;
            }
            analyzer_seg *sg = &st->segs[st->nsegs++];
            sg->start = segstart;
            sg->end = i;
            sg->conn = conn;
            if (i >= len || st->nsegs == ANALYZER_MAX_SEGS)
                break;
            n = analyzer_next(text, len, i, &cls);
            if (cls != ANALYZER_CLS_APOS && cls != ANALYZER_CLS_HYPH && cls != ANALYZER_CLS_DOT)
                break;
            int after;
            if (i + n >= len)
                break;
            analyzer_next(text, len, i + n, &after);
            if (after != ANALYZER_CLS_WORD)
                break;
            conn = cls == ANALYZER_CLS_APOS   ? ANALYZER_CONN_APOS
                   : cls == ANALYZER_CLS_HYPH ? ANALYZER_CONN_HYPH
                                              : ANALYZER_CONN_DOT;
            i += n;
            segstart = i;
        }
        analyzer_run(st, text);
    }
    return st->rc;
}

static int analyzer_is_marker(char c)
{
    return c == ANALYZER_VERBATIM;
}

/* A pass-through token must still be a sane index term. */
static int analyzer_piece_ok(const char *p, size_t n)
{
    if (n == 0 || n > ANALYZER_MAX_SEG_BYTES * 4)
        return 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || c == 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* One marked piece, "!x", possibly "!x|!y" (alternatives); an alternative
 * that is not valid UTF-8 or too long is dropped. */
static void analyzer_piece(analyzer_state *st, const char *text, size_t start, size_t end)
{
    int flags = 0;
    size_t i = start;
    while (i < end && st->rc == 0) {
        size_t j = i;
        while (j < end && text[j] != ANALYZER_ALTERNATIVE)
            j++;
        /* "!x" yields the index token x. */
        if (j > i + 1 && analyzer_is_marker(text[i]) && analyzer_piece_ok(text + i + 1, j - i - 1)) {
            analyzer_emit(st, flags, text + i + 1, j - i - 1, start, end);
            flags = ANALYZER_COLOCATED;
        }
        i = j + 1;
    }
}

/* Query strings written by query.c: space-separated marked pieces. */
static int analyzer_verbatim(analyzer_state *st, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && st->rc == 0) {
        while (i < len && text[i] == ' ')
            i++;
        size_t start = i;
        while (i < len && text[i] != ' ')
            i++;
        if (i == start)
            break;
        if (analyzer_is_marker(text[start])) {
            analyzer_piece(st, text, start, i);
        } else {
            st->base = start;
            analyzer_text(st, text + start, i - start);
            st->base = 0;
        }
    }
    return st->rc;
}

static int analyzer_run_mode(analyzer_state *st, const char *text, size_t len, int mode,
                             analyzer_cb cb, void *ctx)
{
    st->mode = mode == ANALYZER_QUERY || mode == ANALYZER_INDEX ? mode : ANALYZER_WORDS;
    st->cb = cb;
    st->ctx = ctx;
    st->rc = 0;
    st->base = 0;
    if (st->mode == ANALYZER_QUERY && len > 0 && analyzer_is_marker(text[0]))
        return analyzer_verbatim(st, text, len);
    return analyzer_text(st, text, len);
}

static pthread_key_t analyzer_key;
static pthread_once_t analyzer_key_once = PTHREAD_ONCE_INIT;

static void analyzer_key_free(void *p)
{
    analyzer_state_free(p);
}

static void analyzer_key_init(void)
{
    if (pthread_key_create(&analyzer_key, analyzer_key_free) != 0) {
        fputs("repere: cannot create a thread key\n", stderr);
        abort();
    }
}

/* The thread's analyzer state, made on first use. */
static analyzer_state *analyzer_thread_state(void)
{
    pthread_once(&analyzer_key_once, analyzer_key_init);
    analyzer_state *st = pthread_getspecific(analyzer_key);
    if (!st) {
        st = analyzer_state_new();
        if (!st || pthread_setspecific(analyzer_key, st) != 0) {
            fputs("repere: cannot create the French stemmer\n", stderr);
            abort();
        }
    }
    return st;
}

int analyzer_tokenize(const char *text, size_t len, int mode, analyzer_cb cb, void *ctx)
{
    return analyzer_run_mode(analyzer_thread_state(), text, len, mode, cb, ctx);
}

void analyzer_keys(const char *form, size_t len, analyzer_keyset *out)
{
    analyzer_state *st = analyzer_thread_state();
    int digit = 0;
    for (size_t i = 0; i < len && !digit;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)form + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            i++;
            continue;
        }
        digit = utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
        i += (size_t)k;
    }
    analyzer_forms(st, form, len, digit);
    out->stem = st->fstem.len ? st->fstem.data : "";
    out->stem_len = st->fstem.len;
    out->fold = st->ffold.len ? st->ffold.data : "";
    out->fold_len = st->ffold.len;
    out->pct = st->fpct.len ? st->fpct.data : "";
    out->pct_len = st->fpct.len;
}

char *analyzer_fold(const char *word, size_t len, size_t *outlen)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    if (n < 0) {
        buf b = BUF_INIT;
        buf_append(&b, word, len);
        n = (utf8proc_ssize_t)len;
        out = (utf8proc_uint8_t *)buf_detach(&b);
    }
    if (outlen)
        *outlen = (size_t)n;
    return (char *)out;
}

/* FTS5 glue: one analyzer_state (and stemmer) per tokenizer instance. */

typedef struct {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    const analyzer_listener *listener;
} analyzer_fts_ctx;

static _Thread_local const analyzer_listener *analyzer_listening;

void analyzer_listen(const analyzer_listener *l)
{
    analyzer_listening = l;
}

static int analyzer_fts_token(void *ctx, int flags, const char *token, size_t len, size_t start,
                              size_t end)
{
    analyzer_fts_ctx *c = ctx;
    if (c->listener)
        c->listener->token(c->listener->ctx, flags, token, len, start, end);
    return c->xToken(c->ctx, (flags & ANALYZER_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, token,
                     (int)len, (int)start, (int)end);
}

static int analyzer_fts_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
    (void)unused;
    (void)args;
    *out = NULL;
    if (nargs > 0)
        return SQLITE_ERROR;
    analyzer_state *st = analyzer_state_new();
    if (!st)
        return SQLITE_NOMEM;
    *out = (Fts5Tokenizer *)st;
    return SQLITE_OK;
}

static void analyzer_fts_delete(Fts5Tokenizer *tok)
{
    analyzer_state_free((analyzer_state *)tok);
}

static int analyzer_fts_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
                                 int len, int (*xToken)(void *, int, const char *, int, int, int))
{
    int mode = (flags & FTS5_TOKENIZE_QUERY) ? ANALYZER_QUERY : ANALYZER_INDEX;
    analyzer_fts_ctx c = {ctx, xToken, mode == ANALYZER_INDEX ? analyzer_listening : NULL};
    if (len <= 0)
        return SQLITE_OK;
    if (c.listener)
        c.listener->text(c.listener->ctx, text, (size_t)len);
    return analyzer_run_mode((analyzer_state *)tok, text, (size_t)len, mode, analyzer_fts_token,
                             &c);
}

int analyzer_register(sqlite3 *db, char *err, size_t errlen)
{
    fts5_api *api = schema_fts5(db);
    if (!api) {
        snprintf(err, errlen, "FTS5 is not available");
        return -1;
    }
    fts5_tokenizer t = {analyzer_fts_create, analyzer_fts_delete, analyzer_fts_tokenize};
    if (api->xCreateTokenizer(api, ANALYZER_TOKENIZER, NULL, &t, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot register the %s tokenizer: %s", ANALYZER_TOKENIZER,
                 sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}
