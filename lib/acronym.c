/* acronym: the detector of acronym definitions (acronym.h). One forward
 * pass over the text; at each "(" it tries « long form (ACR) » on the words
 * since the last punctuation, then « ACR (long form) » on the words inside
 * the parentheses, and at a line's first ":" (or "=", a dash) it tries the
 * glossary line « ACR : long form ». Does not read nor write the index. */
#include "acronym.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "text.h"

/* Words looked at before "(": the longest long form allowed (two words
 * a letter and two more: « code de l'entrée et du séjour des étrangers et
 * du droit d'asile » CESEDA) and one more. */
#define ACRONYM_MAX_WORDS (2 * ACRONYM_MAX_LETTERS + 3)
/* Bytes looked at before "(" and inside parentheses. */
#define ACRONYM_BEFORE_BYTES 400
#define ACRONYM_PAREN_BYTES 300
#define ACRONYM_FOLD_BYTES 12

typedef struct {
    size_t start, end;             /* bytes */
    uint32_t initial;              /* the first letter, unaccented, in capitals; 0: none */
    char fold[ACRONYM_FOLD_BYTES]; /* lowercase unaccented ASCII spelling; "" when longer or not
                                      ASCII */
    int digit;                     /* has a digit */
    char head[5];                  /* its first four letters, as fold (shorter words whole) */
} acronym_word;

typedef struct {
    uint32_t letters[ACRONYM_MAX_LETTERS];
    size_t n;
} acronym_letters;

/* May give their initial or be skipped (« organisation des Nations unies »,
 * « sans domicile fixe »). Compared unaccented (« à » is « a »). */
static const char *const acronym_function_words[] = {
    "a",   "au",  "aux",  "avec",  "chez", "contre", "d",  "dans", "de",
    "des", "du",  "en",   "entre", "et",   "l",      "la", "le",   "les",
    "ou",  "par", "pour", "qu",    "sans", "sur",    "un", "une",  "vers",
};

/* A long form with one of these is English (« Department of Justice »). */
static const char *const acronym_english_words[] = {
    "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
};

/* Acronyms that are also common short French words, whose index token
 * would match the word everywhere (« CE » is « ce »). */
static const char *const acronym_common_words[] = {
    "as",  "ca", "ce",  "ces", "ci",  "il",  "ils", "je",  "ma",   "me",  "mes", "ne", "ni",
    "nos", "on", "or",  "os",  "pas", "sa",  "se",  "ses", "si",   "son", "ta",  "te", "tes",
    "tu",  "va", "vos", "vu",  "est", "ont", "que", "qui", "mais", "car", "no",
};

static int acronym_in(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return 1;
    return 0;
}

#define ACRONYM_IN(list, w) acronym_in(list, sizeof list / sizeof list[0], w)

static int acronym_function(const acronym_word *w)
{
    return w->fold[0] && ACRONYM_IN(acronym_function_words, w->fold);
}

static int acronym_english(const acronym_word *w)
{
    return w->fold[0] && ACRONYM_IN(acronym_english_words, w->fold);
}

enum { ACRONYM_LETTER, ACRONYM_DIGIT, ACRONYM_SPACE, ACRONYM_JOIN, ACRONYM_QUOTE, ACRONYM_STOP };

static int acronym_class(utf8proc_int32_t c)
{
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return ACRONYM_LETTER;
        if (c >= '0' && c <= '9')
            return ACRONYM_DIGIT;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            return ACRONYM_SPACE;
        if (c == '"')
            return ACRONYM_QUOTE;
        return c == '\'' || c == '-' ? ACRONYM_JOIN : ACRONYM_STOP;
    }
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2010 || c == 0x2011)
        return ACRONYM_JOIN;
    if (c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x2039 ||
        c == 0x203A)
        return ACRONYM_QUOTE;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return ACRONYM_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return ACRONYM_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return ACRONYM_SPACE;
    default:
        return ACRONYM_STOP;
    }
}

/* The code point at text[*i] (advancing *i), -1 for an invalid byte
 * (skipped alone). */
static utf8proc_int32_t acronym_next(const char *text, size_t len, size_t *i)
{
    int32_t c;
    size_t n = text_cp_at(text, len, *i, &c);
    *i += n ? n : 1;
    return c;
}

/* c without its accents, in lowercase (« É » is « e »). */
static utf8proc_int32_t acronym_base(utf8proc_int32_t c)
{
    utf8proc_int32_t d[4];
    int last = 0;
    if (c >= 0x80 && utf8proc_decompose_char(c, d, 4, UTF8PROC_DECOMPOSE, &last) >= 1)
        c = d[0];
    return utf8proc_tolower(c);
}

/* Appends the finished word cur to w[0..n) (at most max: the first one
 * goes when full), its fold emptied when it did not fit (fl SIZE_MAX).
 * Returns the new count. */
static size_t acronym_keep(acronym_word *w, size_t n, size_t max, acronym_word *cur, size_t fl)
{
    if (fl == SIZE_MAX)
        cur->fold[0] = '\0';
    if (n == max) {
        memmove(w, w + 1, (max - 1) * sizeof *w);
        n--;
    }
    w[n++] = *cur;
    return n;
}

/* Reads the words of text[from..to) into w (at most max: the last ones
 * are kept) up to the first punctuation, quotation marks too unless quotes
 * (then they separate words as spaces do); *stop is where it is (to when
 * none). Returns how many words. */
static size_t acronym_words(const char *text, size_t from, size_t to, acronym_word *w, size_t max,
                            int quotes, size_t *stop)
{
    size_t n = 0, i = from;
    acronym_word cur;
    int in_word = 0;
    size_t fl = 0;
    *stop = to;
    while (i < to) {
        size_t at = i;
        utf8proc_int32_t c = acronym_next(text, to, &i);
        int cls = c < 0 ? ACRONYM_STOP : acronym_class(c);
        if (cls == ACRONYM_LETTER || cls == ACRONYM_DIGIT) {
            if (!in_word) {
                memset(&cur, 0, sizeof cur);
                cur.start = at;
                in_word = 1;
                fl = 0;
                if (cls == ACRONYM_LETTER)
                    cur.initial = (uint32_t)utf8proc_toupper(acronym_base(c));
            }
            cur.end = i;
            cur.digit |= cls == ACRONYM_DIGIT;

            utf8proc_int32_t b = acronym_base(c);
            size_t hl = strlen(cur.head);
            if (hl < 4 && utf8proc_category(c) != UTF8PROC_CATEGORY_MN)
                cur.head[hl] = b < 0x80 ? (char)b : '?';
            if (fl != SIZE_MAX && utf8proc_category(c) != UTF8PROC_CATEGORY_MN) {
                if (b < 0x80 && fl + 1 < ACRONYM_FOLD_BYTES)
                    cur.fold[fl++] = (char)b;
                else
                    fl = SIZE_MAX;
            }
            continue;
        }
        if (in_word) {
            n = acronym_keep(w, n, max, &cur, fl);
            in_word = 0;
        }
        if (cls == ACRONYM_STOP || (cls == ACRONYM_QUOTE && !quotes)) {
            *stop = at;
            return n;
        }
    }
    return in_word ? acronym_keep(w, n, max, &cur, fl) : n;
}

/* Is text[from..to) an acronym (capital letters only, 2 to 10, not a
 * common word)? Fills *a with its letters, unaccented. */
static int acronym_token(const char *text, size_t from, size_t to, acronym_letters *a)
{
    char fold[ACRONYM_MAX_LETTERS + 1];
    size_t i = from;
    a->n = 0;
    while (i < to) {
        utf8proc_int32_t c = acronym_next(text, to, &i);
        if (c < 0 || utf8proc_category(c) != UTF8PROC_CATEGORY_LU || a->n == ACRONYM_MAX_LETTERS)
            return 0;
        utf8proc_int32_t b = acronym_base(c);
        fold[a->n] = b < 0x80 ? (char)b : '?';
        a->letters[a->n++] = (uint32_t)utf8proc_toupper(b);
    }
    fold[a->n] = '\0';
    return a->n >= ACRONYM_MIN_LETTERS && !ACRONYM_IN(acronym_common_words, fold) &&
           !ACRONYM_IN(acronym_function_words, fold);
}

/* Do w[i..n) spell a->letters[l..) (acronym.h's rules), given that used
 * function words gave one letter already when fused, and content words
 * gave used of them? */
static int acronym_match(const acronym_word *w, size_t i, size_t n, const acronym_letters *a,
                         size_t l, int fused, int used)
{
    if (i == n)
        return l == a->n && used >= 2;
    const acronym_word *x = &w[i];
    if (x->digit || acronym_english(x))
        return 0;
    int can_use = l < a->n && x->initial == a->letters[l];
    if (!acronym_function(x))
        return can_use && acronym_match(w, i + 1, n, a, l + 1, fused, used + 1);
    /* The run's first and last words give a letter (else a shorter run
     * would be the long form). */
    if (can_use && !fused && acronym_match(w, i + 1, n, a, l + 1, 1, used))
        return 1;
    return i > 0 && i + 1 < n && acronym_match(w, i + 1, n, a, l, fused, used);
}

static int acronym_spells(const acronym_word *w, size_t n, const acronym_letters *a)
{
    return n > 0 && n <= 2 * a->n + 2 && acronym_match(w, 0, n, a, 0, 0, 0);
}

/* Calls fn with the acronym text[as..ae) and the long form text[from..to)
 * lowercased, its spaces single, its apostrophes straight. */
static int acronym_emit(const char *text, size_t as, size_t ae, size_t from, size_t to,
                        acronym_fn fn, void *ctx)
{
    buf b = BUF_INIT;
    size_t i = from;
    int space = 0;
    while (i < to) {
        utf8proc_int32_t c = acronym_next(text, to, &i);
        if (c < 0)
            continue;
        int cls = acronym_class(c);
        if (cls == ACRONYM_SPACE || cls == ACRONYM_QUOTE) {
            space = 1;
            continue;
        }
        if (space && b.len > 0)
            buf_putc(&b, ' ');
        space = 0;
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
            c = '\'';
        else if (c == 0x2010 || c == 0x2011)
            c = '-';
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_tolower(c), enc);
        buf_append(&b, (const char *)enc, (size_t)n);
    }
    int rc = b.len > 0 ? fn(ctx, text + as, ae - as, b.data, b.len) : 0;
    buf_free(&b);
    return rc;
}

/* « long form (ACR) »: the length of the shortest run of words ending at
 * w[n-1] that spells the acronym, 0 when none does. */
static size_t acronym_before_run(const acronym_word *w, size_t n, const acronym_letters *a)
{
    size_t most = 2 * a->n + 2 < n ? 2 * a->n + 2 : n;
    for (size_t k = 1; k <= most; k++)
        if (acronym_spells(w + n - k, k, a))
            return k;
    return 0;
}

/* Leading function words never begin a long form (« la protection
 * judiciaire de la jeunesse »). */
static size_t acronym_lead(const acronym_word *w, size_t n)
{
    size_t i = 0;
    while (i < n && acronym_function(&w[i]) && !acronym_english(&w[i]))
        i++;
    return i;
}

/* Words of w[0..n) that are not function words. */
static size_t acronym_content(const acronym_word *w, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += !acronym_function(&w[i]);
    return c;
}

/* Do two content words look like one word in two languages (the same
 * first four letters, or the same word of three: « privé » and
 * « private », « critiques » and « critical », « GNU »)? */
static int acronym_cognates(const acronym_word *x, size_t nx, const acronym_word *y, size_t ny)
{
    for (size_t i = 0; i < nx; i++) {
        size_t hl = strlen(x[i].head);
        if (hl < 3 || acronym_function(&x[i]) || strchr(x[i].head, '?'))
            continue;
        for (size_t k = 0; k < ny; k++)
            if (strcmp(x[i].head, y[k].head) == 0 && (hl == 4 || strcmp(x[i].fold, y[k].fold) == 0))
                return 1;
    }
    return 0;
}

/* Is w[0..n) a translation of the long form y[0..ny) that spells an
 * acronym: French words (no digit, no English function word), ending on a
 * content word, with as many content words as y or a word in common with
 * it (a cognate, acronym_cognates)? When bounded (its ends are given by
 * punctuation, not chosen by counting) either proves it; else only the
 * cognate does. */
static int acronym_translation(const acronym_word *w, size_t n, const acronym_word *y, size_t ny,
                               int bounded)
{
    if (n == 0 || n > ACRONYM_MAX_WORDS || acronym_function(&w[n - 1]) || acronym_function(&w[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i].digit || acronym_english(&w[i]))
            return 0;
    if (acronym_cognates(w, n, y, ny))
        return 1;
    return bounded && acronym_content(w, n) == acronym_content(y, ny);
}

/* « ACR (long form) », « ACR (English long form, ou forme française) »:
 * the parenthesis holds alternatives separated by "," ";" "/" or the word
 * « ou », quotation marks aside; the first that spells the acronym whole
 * is its long form, and an alternative joined to it by « ou » that is its
 * translation (acronym_translation) is one too: « NSS (Name Service
 * Switch, ou multiplexeur de service de noms) », « VPN (Virtual Private
 * Network ou Réseau Privé Virtuel) ». */
static int acronym_inside(const char *text, size_t open, size_t close, size_t as, size_t ae,
                          const acronym_letters *a, acronym_fn fn, void *ctx)
{
    acronym_word w[ACRONYM_MAX_WORDS * 2];
    /* alternatives: [first word, end word), and whether « ou » begins it */
    size_t alt_from[8], alt_to[8];
    int alt_ou[8];
    size_t nalt = 0, nw = 0, pos = open + 1;
    int ou = 0;
    while (pos < close && nalt < 8) {
        size_t stop;
        size_t got = acronym_words(text, pos, close, w + nw, ACRONYM_MAX_WORDS * 2 - nw, 1, &stop);
        if (stop < close && text[stop] != ',' && text[stop] != ';' && text[stop] != '/')
            return 0;
        size_t first = nw;
        for (size_t k = nw; k <= nw + got && nalt < 8; k++) {
            int is_ou =
                k < nw + got && (strcmp(w[k].fold, "ou") == 0 || strcmp(w[k].fold, "or") == 0);
            if (k < nw + got && !is_ou)
                continue;
            if (k > first) {
                alt_from[nalt] = first;
                alt_to[nalt] = k;
                alt_ou[nalt++] = ou;
            }
            ou = is_ou;
            first = k + 1;
        }
        nw += got;
        if (nw == ACRONYM_MAX_WORDS * 2)
            return 0;
        pos = stop + 1;
    }
    for (size_t k = 0; k < nalt; k++) {
        size_t lead = alt_from[k] + acronym_lead(w + alt_from[k], alt_to[k] - alt_from[k]);
        if (lead >= alt_to[k] || !acronym_spells(w + lead, alt_to[k] - lead, a))
            continue;
        int rc = acronym_emit(text, as, ae, w[lead].start, w[alt_to[k] - 1].end, fn, ctx);
        if (rc)
            return rc;
        /* The translation: the alternative after it, or before it, joined
         * by « ou ». */
        for (size_t t = k == 0 ? 1 : k - 1; t <= k + 1 && t < nalt; t += 2) {
            if (!alt_ou[t > k ? t : k])
                continue;
            size_t tl = alt_from[t] + acronym_lead(w + alt_from[t], alt_to[t] - alt_from[t]);
            if (tl < alt_to[t] && !acronym_spells(w + tl, alt_to[t] - tl, a) &&
                acronym_translation(w + tl, alt_to[t] - tl, w + lead, alt_to[k] - lead, 1))
                return acronym_emit(text, as, ae, w[tl].start, w[alt_to[t] - 1].end, fn, ctx);
        }
        return 0;
    }
    return 0;
}

/* The words of text[from..open) after the last punctuation, at most
 * ACRONYM_BEFORE_BYTES of them, into w (ACRONYM_MAX_WORDS). */
static size_t acronym_words_before(const char *text, size_t from, size_t open, acronym_word *w)
{
    size_t start = from, stop;
    int cut = 0;
    if (open - from > ACRONYM_BEFORE_BYTES) {
        /* From a character's first byte: a continuation byte reads as an
         * invalid one, a stop before every word. */
        start = open - ACRONYM_BEFORE_BYTES;
        while (start < open && ((unsigned char)text[start] & 0xC0) == 0x80)
            start++;
        cut = 1;
    }
    size_t n = acronym_words(text, start, open, w, ACRONYM_MAX_WORDS, 0, &stop);
    if (cut && n > 0 && w[0].start == start) {
        memmove(w, w + 1, (n - 1) * sizeof *w);
        n--;
    }
    return n > 0 && w[n - 1].end <= open ? n : 0;
}

/* « forme française (English long form, ou ACR) », « « forme
 * française » (ou ACR pour English long form) », « forme française (ACR,
 * pour English long form) »: the acronym alone in the parenthesis beside
 * a long form that spells it, joined by « ou », « pour » or a dash. That
 * long form is the acronym's, and the words before the parenthesis that
 * translate it (acronym_translation: the quoted words, or as many content
 * words as it has) are another: « bogues critiques pour la publication
 * (release-critical ou RC) », « réseau privé virtuel (Virtual Private
 * Network, ou VPN) ». from is where the words before it start. */
static int acronym_translated(const char *text, size_t open, size_t close, size_t from,
                              acronym_fn fn, void *ctx)
{
    acronym_word w[ACRONYM_MAX_WORDS * 2];
    int sep[ACRONYM_MAX_WORDS * 2]; /* punctuation before the word */
    size_t nw = 0, pos = open + 1;
    int punct = 0;
    while (pos < close) {
        size_t stop;
        size_t got = acronym_words(text, pos, close, w + nw, ACRONYM_MAX_WORDS * 2 - nw, 1, &stop);
        for (size_t k = nw; k < nw + got; k++)
            sep[k] = k == nw && punct;
        nw += got;
        if (nw == ACRONYM_MAX_WORDS * 2)
            return 0;
        if (stop < close) {
            int32_t c;
            size_t cl = text_cp_at(text, close, stop, &c);
            if (c != ',' && c != ':' && c != 0x2013 && c != 0x2014)
                return 0;
            pos = stop + (cl ? cl : 1);
            punct = 1;
        } else {
            pos = close;
        }
    }
    acronym_letters a;
    size_t acr, yfrom, yto;
    if (nw >= 3 && !sep[nw - 1] &&
        (strcmp(w[nw - 2].fold, "ou") == 0 || strcmp(w[nw - 2].fold, "or") == 0) &&
        acronym_token(text, w[nw - 1].start, w[nw - 1].end, &a)) {
        acr = nw - 1;
        yfrom = 0;
        yto = nw - 2;
    } else {
        size_t i = nw > 0 && strcmp(w[0].fold, "ou") == 0;
        if (i + 2 >= nw || !acronym_token(text, w[i].start, w[i].end, &a))
            return 0;
        acr = i;
        yfrom = i + 1;
        if (strcmp(w[yfrom].fold, "pour") == 0)
            yfrom++;
        else if (!sep[yfrom])
            return 0;
        yto = nw;
    }
    for (size_t k = yfrom + 1; k < yto; k++)
        if (sep[k])
            return 0;
    if (yfrom >= yto || !acronym_spells(w + yfrom, yto - yfrom, &a))
        return 0;
    int rc = acronym_emit(text, w[acr].start, w[acr].end, w[yfrom].start, w[yto - 1].end, fn, ctx);
    if (rc)
        return rc;
    /* The words before the parenthesis: quoted, or after the last
     * punctuation. */
    acronym_word x[ACRONYM_MAX_WORDS];
    size_t q = open;
    while (q > from && (text[q - 1] == ' ' || text[q - 1] == '\n' || text[q - 1] == '\t'))
        q--;
    size_t ny = yto - yfrom, n;
    int bounded = 0;
    if (q > 0 && q == from) {
        /* A quotation mark just before: the quoted words. */
        size_t qs = q;
        while (qs > 0 && ((unsigned char)text[qs - 1] & 0xC0) == 0x80)
            qs--;
        if (qs == 0)
            return 0;
        qs--;
        int32_t c;
        if (!text_cp_at(text, close, qs, &c) || acronym_class(c) != ACRONYM_QUOTE)
            return 0;
        size_t o = qs;
        while (o > 0 && qs - o < ACRONYM_BEFORE_BYTES) {
            o--;
            if (text_cp_at(text, close, o, &c) && acronym_class(c) == ACRONYM_QUOTE)
                break;
        }
        if (o == 0 || qs - o >= ACRONYM_BEFORE_BYTES)
            return 0;
        size_t stop, ol = text_cp_at(text, close, o, &c);
        n = acronym_words(text, o + ol, qs, x, ACRONYM_MAX_WORDS, 0, &stop);
        if (stop < qs || n == ACRONYM_MAX_WORDS)
            return 0;
        size_t lead = acronym_lead(x, n);
        memmove(x, x + lead, (n - lead) * sizeof *x);
        n -= lead;
        /* Not a quoted word of it (« stable » (Stable Update Announcement
         * ou SUA)). */
        if (2 * acronym_content(x, n) < acronym_content(w + yfrom, ny))
            return 0;
        bounded = 1;
    } else {
        n = acronym_words_before(text, from, open, x);
        size_t want = acronym_content(w + yfrom, ny), got = 0, i = n;
        while (i > 0 && got < want)
            got += !acronym_function(&x[--i]);
        if (got < want)
            return 0;
        memmove(x, x + i, (n - i) * sizeof *x);
        n -= i;
    }
    if (!acronym_translation(x, n, w + yfrom, ny, bounded))
        return 0;
    return acronym_emit(text, w[acr].start, w[acr].end, x[0].start, x[n - 1].end, fn, ctx);
}

/* text[open] is "(": tries the patterns. prev_start/prev_end is the word
 * just before it with only spaces between (prev_end 0: none); from is
 * where the words before it start (after the last punctuation). */
static int acronym_paren(const char *text, size_t len, size_t open, size_t from, size_t prev_start,
                         size_t prev_end, acronym_fn fn, void *ctx)
{
    size_t limit = open + ACRONYM_PAREN_BYTES < len ? open + ACRONYM_PAREN_BYTES : len;
    size_t close = open + 1;
    while (close < limit && text[close] != ')' && text[close] != '(')
        close++;
    if (close >= limit || text[close] != ')')
        return 0;
    /* « (ACR) », « (ACR, ex-…) » */
    size_t as = open + 1, ae;
    while (as < close && (text[as] == ' ' || text[as] == '\n'))
        as++;
    ae = as;
    while (ae < close && text[ae] != ' ' && text[ae] != ')' && text[ae] != ',' && text[ae] != ';' &&
           text[ae] != '\n')
        ae++;
    size_t after = ae;
    while (after < close && (text[after] == ' ' || text[after] == '\n'))
        after++;
    acronym_letters a;
    if (ae > as && (after == close || text[after] == ',' || text[after] == ';') &&
        acronym_token(text, as, ae, &a)) {
        acronym_word w[ACRONYM_MAX_WORDS];
        size_t n = acronym_words_before(text, from, open, w);
        size_t k = n ? acronym_before_run(w, n, &a) : 0;
        if (k)
            return acronym_emit(text, as, ae, w[n - k].start, w[n - 1].end, fn, ctx);
    }
    if (prev_end > 0 && acronym_token(text, prev_start, prev_end, &a))
        return acronym_inside(text, open, close, prev_start, prev_end, &a, fn, ctx);
    return acronym_translated(text, open, close, from, fn, ctx);
}

/* A glossary line « ACR : long form »: sep is the line's first
 * punctuation, the acronym text[as..ae) its only word before. */
static int acronym_glossary(const char *text, size_t len, size_t as, size_t ae, size_t after,
                            acronym_fn fn, void *ctx)
{
    acronym_letters a;
    if (!acronym_token(text, as, ae, &a))
        return 0;
    size_t to = after;
    while (to < len && to - after < ACRONYM_PAREN_BYTES && text[to] != '\n')
        to++;
    if (to - after >= ACRONYM_PAREN_BYTES)
        return 0;
    acronym_word w[ACRONYM_MAX_WORDS];
    size_t stop;
    size_t n = acronym_words(text, after, to, w, ACRONYM_MAX_WORDS, 0, &stop);
    if (n == ACRONYM_MAX_WORDS)
        return 0;
    size_t lead = acronym_lead(w, n);
    if (lead < n && acronym_spells(w + lead, n - lead, &a))
        return acronym_emit(text, as, ae, w[lead].start, w[n - 1].end, fn, ctx);
    return 0;
}

/* Is c a glossary line's separator (« : », « = », a dash)? A hyphen only
 * with a space before it (« ASE - aide… », not « Île-de-France »). */
static int acronym_separator(const char *text, size_t at, utf8proc_int32_t c)
{
    if (c == ':' || c == '=' || c == 0x2013 || c == 0x2014)
        return 1;
    return c == '-' && at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t');
}

/* Bullets that may begin a glossary line. */
static int acronym_bullet(utf8proc_int32_t c)
{
    return c == '-' || c == '*' || c == 0x2022 || c == 0x00B7 || c == 0x25AA || c == 0x2013 ||
           c == 0x2014;
}

int acronym_find(const char *text, size_t len, acronym_fn fn, void *ctx)
{
    size_t i = 0, from = 0;
    size_t word_start = 0, word_end = 0; /* the last word; word_end 0: none yet */
    int in_word = 0;
    /* The line so far: its words (the first one's bytes), and whether
     * only bullets and one word came before (a glossary line may follow). */
    size_t line_words = 0, first_start = 0, first_end = 0;
    int line_open = 1;
    while (i < len) {
        size_t at = i;
        utf8proc_int32_t c = acronym_next(text, len, &i);
        int cls = c < 0 ? ACRONYM_STOP : acronym_class(c);
        if (cls == ACRONYM_LETTER || cls == ACRONYM_DIGIT) {
            if (!in_word) {
                word_start = at;
                in_word = 1;
                if (line_words++ == 0)
                    first_start = at;
            }
            /* The rest of an ASCII run of the word at once: its letters and
             * digits change nothing but where the word ends. */
            while (i < len && text_ascii_alnum(text[i]))
                i++;
            word_end = i;
            if (line_words == 1)
                first_end = i;
            continue;
        }
        in_word = 0;
        if (cls == ACRONYM_SPACE) {
            if (c == '\n') {
                line_words = 0;
                line_open = 1;
            }
            continue;
        }
        if (cls == ACRONYM_JOIN && c != '-') {
            line_open &= line_words == 0;
            continue;
        }
        if (line_open && line_words == 1 && acronym_separator(text, at, c)) {
            line_open = 0;
            int rc = acronym_glossary(text, len, first_start, first_end, i, fn, ctx);
            if (rc)
                return rc;
        } else if (!(line_words == 0 && acronym_bullet(c))) {
            line_open = 0;
        }
        if (cls == ACRONYM_JOIN)
            continue;
        if (c == '(') {
            size_t ps = 0, pe = 0;
            if (word_end > 0 && word_end >= from) {
                size_t k = word_end;
                while (k < at && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t'))
                    k++;
                if (k == at) {
                    ps = word_start;
                    pe = word_end;
                }
            }
            int rc = acronym_paren(text, len, at, from, ps, pe, fn, ctx);
            if (rc)
                return rc;
        }
        from = i;
    }
    return 0;
}
