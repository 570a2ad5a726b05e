/* initials: the runs of title and heading words whose initials spell a
 * word typed (initials.h). One pass over the documents' titles and
 * headings, made only for a query word the index does not know; no table
 * of abbreviations, no index-side state. */
#include "initials.h"

#include "buf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A run holds the letters' words and the function words skipped between
 * them: a few more than the letters. */
#define INITIALS_MAX_RUN (2 * INITIALS_MAX_LETTERS + 2)
#define INITIALS_MAX_WORDS 1024 /* of a line; the rest is not read */

typedef struct {
    size_t start, end; /* bytes of the word in the text */
    char initial;      /* folded first letter, 0 when not an ASCII letter */
    int function;      /* a French function word (initials.h) */
    int joined;        /* only spaces, an apostrophe or a hyphen before it */
} initials_word;

typedef struct {
    char *key;          /* the words unaccented, without a final s */
    uint32_t hash;      /* of key */
    char *form;         /* as the first document writes it, lowercase */
    long whole;         /* documents with it as a whole title, heading or part */
    sqlite3_int64 last; /* the last document counted */
} initials_run;

typedef struct {
    const char *letters;
    size_t nletters;
    const char *text;
    const initials_word *words;
    size_t nwords;
    sqlite3_int64 doc;
    initials_run *runs;
    size_t nruns, cap;
} initials_scan;

static const char *const initials_function_words[] = {
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
};

int initials_candidate(const char *word, size_t len)
{
    if (len < INITIALS_MIN_LETTERS || len > INITIALS_MAX_LETTERS)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
    }
    return 1;
}

static int initials_is_function(const char *w)
{
    for (size_t i = 0; i < sizeof initials_function_words / sizeof *initials_function_words; i++)
        if (strcmp(initials_function_words[i], w) == 0)
            return 1;
    return 0;
}

/* The code point at text[i] (*k bytes, 1 for an invalid byte): a letter
 * (1), a digit (2) or neither (0). ASCII first: titles mostly are. */
static inline int initials_kind(const char *text, size_t len, size_t i, int32_t *cp, size_t *k)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *cp = c;
        *k = 1;
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1 : c >= '0' && c <= '9' ? 2 : 0;
    }
    *k = text_cp_at(text, len, i, cp);
    if (*k == 0) {
        *k = 1;
        return 0;
    }
    utf8proc_category_t cat = utf8proc_category(*cp);
    if (cat == UTF8PROC_CATEGORY_ND)
        return 2;
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
           cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN;
}

/* Does the separator s[0..len) keep two words in one run: spaces, an
 * apostrophe, a hyphen? */
static int initials_soft(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t k = text_cp_at(s, len, i, &cp);
        if (k == 0)
            return 0;
        if (cp != ' ' && cp != '\t' && cp != '\'' && cp != 0x2019 && cp != '-' && cp != 0xA0)
            return 0;
        i += k;
    }
    return 1;
}

/* Splits text[0..len) into words; a word with a digit is kept as a word
 * no run may hold (initial 0, not a function word). */
static size_t initials_split(const char *text, size_t len, initials_word *w, size_t max)
{
    size_t n = 0, i = 0, prev_end = 0, k;
    int32_t cp;
    while (i < len && n < max) {
        int kind = initials_kind(text, len, i, &cp, &k);
        if (kind == 0) {
            i += k;
            continue;
        }
        size_t start = i;
        /* The word folded, as far as a function word goes (the longest has
         * three letters); longer words only need their initial. */
        char folded[5];
        size_t flen = 0;
        int digit = 0, short_ascii = 1;
        while (i < len && (kind = initials_kind(text, len, i, &cp, &k)) != 0) {
            digit |= kind == 2;
            if (flen < sizeof folded - 1) {
                int32_t out[TEXT_FOLD_MAX];
                size_t m = cp < 0x80 ? (out[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp, 1)
                                     : text_fold_cp(cp, out);
                for (size_t j = 0; j < m && flen < sizeof folded - 1; j++) {
                    short_ascii &= out[j] < 0x80;
                    folded[flen++] = (char)out[j];
                }
            } else {
                short_ascii = 0;
            }
            i += k;
        }
        folded[flen] = '\0';
        w[n].start = start;
        w[n].end = i;
        w[n].initial = !digit && flen > 0 && folded[0] >= 'a' && folded[0] <= 'z' ? folded[0] : 0;
        w[n].function = !digit && short_ascii && flen <= 3 && initials_is_function(folded);
        w[n].joined = n > 0 && initials_soft(text + prev_end, start - prev_end);
        prev_end = i;
        n++;
    }
    return n;
}

/* The key of the run w[from..to]: its words unaccented, lowercase,
 * without a final s, one space apart. */
static char *initials_key(const initials_scan *sc, size_t from, size_t to)
{
    buf b = BUF_INIT;
    for (size_t j = from; j <= to; j++) {
        const char *s = sc->text + sc->words[j].start;
        size_t len = sc->words[j].end - sc->words[j].start;
        if (j > from)
            buf_putc(&b, ' ');
        size_t mark = b.len;
        for (size_t i = 0; i < len;) {
            int32_t cp, out[TEXT_FOLD_MAX];
            size_t k = text_cp_at(s, len, i, &cp);
            if (k == 0)
                break;
            size_t m = text_fold_cp(cp, out);
            for (size_t q = 0; q < m; q++) {
                uint8_t enc[4];
                buf_append(&b, (const char *)enc, (size_t)utf8proc_encode_char(out[q], enc));
            }
            i += k;
        }
        if (b.len > mark + 1 && b.data[b.len - 1] == 's')
            b.len--;
    }
    buf_putc(&b, '\0');
    return buf_detach(&b);
}

/* The run as the text writes it (its apostrophes and hyphens kept),
 * lowercase. */
static char *initials_form(const initials_scan *sc, size_t from, size_t to)
{
    const char *s = sc->text + sc->words[from].start;
    size_t len = sc->words[to].end - sc->words[from].start;
    buf b = BUF_INIT;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = text_cp_at(s, len, i, &cp);
        if (k == 0)
            break;
        uint8_t enc[4];
        buf_append(&b, (const char *)enc, (size_t)utf8proc_encode_char(utf8proc_tolower(cp), enc));
        i += k;
    }
    buf_putc(&b, '\0');
    return buf_detach(&b);
}

/* Does a part of the title or heading begin (end) at word j: its first
 * (last) word, or one after (before) punctuation or a number? */
static int initials_edge(const initials_scan *sc, size_t j)
{
    return j == 0 || j >= sc->nwords || !sc->words[j].joined || !sc->words[j - 1].initial ||
           !sc->words[j].initial;
}

static void initials_note(initials_scan *sc, size_t from, size_t to)
{
    char *key = initials_key(sc, from, to);
    uint32_t hash = text_hash(key, strlen(key));
    int whole = initials_edge(sc, from) && initials_edge(sc, to + 1);
    initials_run *r = NULL;
    for (size_t i = 0; i < sc->nruns && !r; i++)
        if (sc->runs[i].hash == hash && strcmp(sc->runs[i].key, key) == 0)
            r = &sc->runs[i];
    if (r) {
        free(key);
    } else {
        if (sc->nruns == sc->cap) {
            sc->cap = sc->cap ? 2 * sc->cap : 8;
            sc->runs = buf_xrealloc(sc->runs, sc->cap * sizeof *sc->runs);
        }
        r = &sc->runs[sc->nruns++];
        *r = (initials_run){key, hash, initials_form(sc, from, to), 0, -1};
    }
    if (whole && r->last != sc->doc) {
        r->whole++;
        r->last = sc->doc;
    }
}

/* Follows the run begun at word from, at word j with k letters spelt. */
static void initials_follow(initials_scan *sc, size_t from, size_t j, size_t k)
{
    if (j >= sc->nwords || j - from >= INITIALS_MAX_RUN || !sc->words[j].joined ||
        !sc->words[j].initial)
        return;
    const initials_word *w = &sc->words[j];
    if (w->function) {
        if (k < sc->nletters && w->initial == sc->letters[k])
            initials_follow(sc, from, j + 1, k + 1);
        initials_follow(sc, from, j + 1, k);
        return;
    }
    if (k >= sc->nletters || w->initial != sc->letters[k])
        return;
    if (k + 1 == sc->nletters)
        initials_note(sc, from, j);
    else
        initials_follow(sc, from, j + 1, k + 1);
}

static void initials_scan_text(initials_scan *sc, const char *text, size_t len,
                               initials_word *words)
{
    sc->text = text;
    sc->words = words;
    sc->nwords = initials_split(text, len, words, INITIALS_MAX_WORDS);
    for (size_t i = 0; i < sc->nwords; i++)
        if (!words[i].function && words[i].initial == sc->letters[0])
            initials_follow(sc, i, i + 1, 1);
}

int initials_find(sqlite3 *db, const char *letters, char **forms, size_t *n)
{
    initials_scan sc = {.letters = letters, .nletters = strlen(letters)};
    sqlite3_stmt *st = NULL;
    initials_word *words = NULL;
    *n = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT id, title, headings FROM documents", -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto cleanup;
    words = buf_xrealloc(NULL, INITIALS_MAX_WORDS * sizeof *words);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc.doc = sqlite3_column_int64(st, 0);
        for (int col = 1; col <= 2; col++) {
            /* Line by line: the headings are one a line. */
            const char *text = (const char *)sqlite3_column_text(st, col);
            const char *end = text + sqlite3_column_bytes(st, col);
            while (text && text < end) {
                const char *nl = memchr(text, '\n', (size_t)(end - text));
                const char *stop = nl ? nl : end;
                initials_scan_text(&sc, text, (size_t)(stop - text), words);
                text = stop + 1;
            }
        }
    }
    if (rc != SQLITE_DONE)
        goto cleanup;
    rc = SQLITE_OK;
    /* A run standing whole as a title, a heading or a part of one is the
     * name of something; inside a longer one it is most often words that
     * happen to share initials (« contenu du fichier » for « cdf »). */
    long best = 0;
    for (size_t i = 0; i < sc.nruns; i++)
        if (sc.runs[i].whole > best)
            best = sc.runs[i].whole;
    if (best >= 2 || (best == 1 && sc.nruns == 1))
        for (size_t i = 0; i < sc.nruns && *n < INITIALS_MAX_FORMS; i++)
            if (sc.runs[i].whole == best) {
                forms[(*n)++] = sc.runs[i].form;
                sc.runs[i].form = NULL;
            }
cleanup:
    for (size_t i = 0; i < sc.nruns; i++) {
        free(sc.runs[i].key);
        free(sc.runs[i].form);
    }
    free(sc.runs);
    free(words);
    sqlite3_finalize(st);
    return rc;
}
