/* define: does a document's text define a term (define.h)? Reads the
 * text's lines and sentences, folded as the analyzer folds (text_fold_cp),
 * word by word from their first letters only. */
#include "define.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

/* Longest word compared, in bytes folded: longer ones never match. */
#define DEFINE_WORD_MAX 64
/* Most words of a term. */
#define DEFINE_TERM_WORDS 12
/* Most marks and numbers before a line's first word (« 2.1. – »). */
#define DEFINE_LEAD_MAX 8
/* Most tokens of a bracket after the term (« Currutela (ou corrutela) : »). */
#define DEFINE_BRACKET_MAX 16
/* Fewest words after a colon or a dash: a definition, not a field's value
 * (« Adresse IP : 192.168.0.1 ») nor a heading's last word. */
#define DEFINE_AFTER_WORDS 3

enum { DEFINE_END, DEFINE_WORD, DEFINE_MARK };

typedef struct {
    int kind;
    char word[DEFINE_WORD_MAX]; /* DEFINE_WORD: folded, NUL-ended */
    size_t wlen;
    int letter;   /* DEFINE_WORD: starts with a letter */
    int32_t mark; /* DEFINE_MARK: the code point */
    int spaced;   /* DEFINE_MARK: a space or the line's end follows */
} define_tok;

typedef struct {
    const char *s;
    size_t len, i;
} define_cur;

static int define_alnum(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* The code point at c's place, its length in *n (1 for an invalid byte,
 * read as U+FFFD). */
static int32_t define_cp(const define_cur *c, size_t *n)
{
    int32_t cp;
    *n = text_cp_at(c->s, c->len, c->i, &cp);
    if (*n == 0) {
        *n = 1;
        return 0xFFFD;
    }
    return cp;
}

/* The next token of the line: a word (letters, digits), a mark (any other
 * character but a space), or DEFINE_END at the line's end. */
static void define_next(define_cur *c, define_tok *t)
{
    size_t n;
    t->kind = DEFINE_END;
    while (c->i < c->len && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\r'))
        c->i++;
    if (c->i >= c->len || c->s[c->i] == '\n')
        return;
    int32_t cp = define_cp(c, &n);
    if (!define_alnum(cp)) {
        c->i += n;
        t->kind = DEFINE_MARK;
        t->mark = cp;
        t->spaced = c->i >= c->len || c->s[c->i] == ' ' || c->s[c->i] == '\n' ||
                    c->s[c->i] == '\t' || (unsigned char)c->s[c->i] == 0xC2; /* U+00A0 */
        return;
    }
    t->kind = DEFINE_WORD;
    t->wlen = 0;
    t->letter = utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO;
    while (c->i < c->len && define_alnum(cp = define_cp(c, &n))) {
        c->i += n;
        int32_t out[TEXT_FOLD_MAX];
        size_t k = text_fold_cp(cp, out);
        for (size_t j = 0; j < k; j++) {
            utf8proc_uint8_t b[4];
            utf8proc_ssize_t bl = utf8proc_encode_char(out[j], b);
            if (bl > 0 && t->wlen + (size_t)bl < sizeof t->word) {
                memcpy(t->word + t->wlen, b, (size_t)bl);
                t->wlen += (size_t)bl;
            } else {
                t->wlen = sizeof t->word; /* too long: matches nothing */
            }
        }
    }
    if (t->wlen >= sizeof t->word)
        t->wlen = sizeof t->word - 1;
    t->word[t->wlen] = '\0';
}

static int define_is(const define_tok *t, const char *w)
{
    return t->kind == DEFINE_WORD && strcmp(t->word, w) == 0;
}

static int define_any(const define_tok *t, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (define_is(t, words[i]))
            return 1;
    return 0;
}

/* Is t the term's word w, or w in its other number (an s or an x more or
 * less: « êtres humains » for « etre humain » typed)? */
static int define_same_word(const define_tok *t, const char *w)
{
    if (t->kind != DEFINE_WORD)
        return 0;
    size_t a = t->wlen, b = strlen(w);
    if (a == b)
        return memcmp(t->word, w, a) == 0;
    if (a == b + 1)
        return (t->word[b] == 's' || t->word[b] == 'x') && memcmp(t->word, w, b) == 0;
    if (b == a + 1)
        return (w[a] == 's' || w[a] == 'x') && memcmp(t->word, w, a) == 0;
    return 0;
}

/* A mark joining the words of one term: a hyphen, an apostrophe. */
static int define_joiner(int32_t cp)
{
    return cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
}

/* A quotation mark around a term (« on appelle « confiage » … »). */
static int define_quote(int32_t cp)
{
    return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C || cp == 0x201D;
}

static const char *const define_articles[] = {"le",  "la",  "les", "l", "un",
                                              "une", "des", "du",  "d", NULL};

/* Reads the term's words from c, joined by spaces, hyphens or
 * apostrophes; on success c stands after it and *t holds the token after
 * it. */
static int define_term_at(define_cur *c, define_tok *t, char (*words)[DEFINE_WORD_MAX],
                          size_t nwords)
{
    while (t->kind == DEFINE_MARK && define_quote(t->mark))
        define_next(c, t);
    for (size_t k = 0; k < nwords; k++) {
        if (k > 0)
            while (t->kind == DEFINE_MARK && define_joiner(t->mark))
                define_next(c, t);
        if (!define_same_word(t, words[k]))
            return 0;
        define_next(c, t);
    }
    while (t->kind == DEFINE_MARK && define_quote(t->mark))
        define_next(c, t);
    return 1;
}

/* Does what follows the term (t, then c) make it a definition? */
static int define_follows(define_cur *c, define_tok *t)
{
    static const char *const verbs[] = {"designe",    "designent",     "signifie",
                                        "signifient", "consiste",      "consistent",
                                        "correspond", "correspondent", NULL};
    static const char *const defined[] = {"defini", "definie", "definis", "definies", NULL};
    if (t->kind == DEFINE_MARK && t->mark == '(') {
        int k = 0;
        do
            define_next(c, t);
        while (t->kind != DEFINE_END && !(t->kind == DEFINE_MARK && t->mark == ')') &&
               ++k < DEFINE_BRACKET_MAX);
        if (t->kind != DEFINE_MARK)
            return 0;
        define_next(c, t);
    }
    if (t->kind == DEFINE_MARK) {
        int32_t m = t->mark;
        if (!(m == ':' || m == 0x2013 || m == 0x2014 || m == '=' || (m == '-' && t->spaced)))
            return 0;
        define_next(c, t);
        if (t->kind != DEFINE_WORD || !t->letter)
            return 0;
        int words = 0;
        for (; t->kind != DEFINE_END && words < DEFINE_AFTER_WORDS; define_next(c, t))
            words += t->kind == DEFINE_WORD;
        return words >= DEFINE_AFTER_WORDS;
    }
    if (define_any(t, verbs))
        return 1;
    if (define_is(t, "est") || define_is(t, "sont")) {
        define_next(c, t);
        return define_any(t, define_articles) || define_any(t, defined);
    }
    if (define_is(t, "se")) {
        define_next(c, t);
        return define_is(t, "definit");
    }
    return 0;
}

/* Does the term stand at c (t its first token), as typed or after an
 * article (« la traite… », « l'esclavage… »), followed by what makes it a
 * definition when follows is set (define_follows)? */
static int define_term_here(define_cur c, define_tok t, char (*words)[DEFINE_WORD_MAX],
                            size_t nwords, int follows)
{
    define_cur keep = c;
    define_tok kt = t;
    if (define_term_at(&c, &t, words, nwords) && (!follows || define_follows(&c, &t)))
        return 1;
    c = keep;
    t = kt;
    if (!define_any(&t, define_articles))
        return 0;
    define_next(&c, &t);
    while (t.kind == DEFINE_MARK && define_joiner(t.mark))
        define_next(&c, &t);
    return define_term_at(&c, &t, words, nwords) && (!follows || define_follows(&c, &t));
}

/* Does the line or sentence at c define the term? */
static int define_at(define_cur c, char (*words)[DEFINE_WORD_MAX], size_t nwords)
{
    define_tok t;
    define_next(&c, &t);
    for (int k = 0;
         k < DEFINE_LEAD_MAX && (t.kind == DEFINE_MARK || (t.kind == DEFINE_WORD && !t.letter));
         k++)
        define_next(&c, &t);
    if (!define_is(&t, "on"))
        return define_term_here(c, t, words, nwords, 1);
    /* « On appelle « confiage » la pratique… »: the term after it. */
    define_next(&c, &t);
    if (!define_is(&t, "appelle"))
        return 0;
    define_next(&c, &t);
    return define_term_here(c, t, words, nwords, 0);
}

/* Are the words of the line at c those of title (marks aside)? */
static int define_is_title(define_cur c, const char *title)
{
    define_cur tc = {title, strlen(title), 0};
    define_tok a, b;
    for (;;) {
        do
            define_next(&c, &a);
        while (a.kind == DEFINE_MARK);
        do
            define_next(&tc, &b);
        while (b.kind == DEFINE_MARK);
        if (a.kind != b.kind)
            return 0;
        if (a.kind == DEFINE_END)
            return 1;
        if (strcmp(a.word, b.word) != 0)
            return 0;
    }
}

/* The start of the line holding s[i]. */
static size_t define_line_start(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] != '\n')
        i--;
    return i;
}

/* May the line or sentence s[0..len) open with the term, whose first word
 * is first? Its first word, past spaces and marks, read as bytes: a word
 * of ASCII letters only must be that word (as typed, in any case), an
 * article (define_articles) or « on »; a digit (a number before the
 * entry) or a byte of a longer character (« É », « « ») leaves it to
 * define_at. The cheap test that spares define_at's folding at most
 * lines. */
static int define_may_open(const char *s, size_t len, const char *first)
{
    size_t i = 0;
    while (i < len && s[i] != '\n' && (unsigned char)s[i] < 0x80 && !text_ascii_alnum(s[i]))
        i++;
    if (i >= len || s[i] == '\n')
        return 0;
    char word[DEFINE_WORD_MAX];
    size_t n = 0;
    for (; i < len && text_ascii_alnum(s[i]); i++) {
        if ((s[i] >= '0' && s[i] <= '9') || n + 1 >= sizeof word)
            return 1;
        word[n++] = text_ascii_lower(s[i]);
    }
    if (i < len && (unsigned char)s[i] >= 0x80 && (n == 0 || s[i] != (char)0xE2))
        return 1; /* a letter beyond ASCII (not a ’ or a dash after the word) */
    word[n] = '\0';
    if (strcmp(word, first) == 0 || strcmp(word, "on") == 0)
        return 1;
    for (size_t k = 0; define_articles[k]; k++)
        if (strcmp(word, define_articles[k]) == 0)
            return 1;
    return 0;
}

int define_finds(const char *text, size_t len, const char *term, const char *title)
{
    char words[DEFINE_TERM_WORDS][DEFINE_WORD_MAX];
    size_t nwords = 0;
    if (!text || !term)
        return 0;
    /* The term's words, as define_next reads them. */
    define_cur tc = {term, strlen(term), 0};
    define_tok t;
    for (define_next(&tc, &t); t.kind != DEFINE_END; define_next(&tc, &t)) {
        if (t.kind != DEFINE_WORD)
            continue;
        if (nwords == DEFINE_TERM_WORDS || t.wlen >= DEFINE_WORD_MAX - 1)
            return 0;
        memcpy(words[nwords++], t.word, t.wlen + 1);
    }
    if (nwords == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int line = i == 0 || text[i - 1] == '\n';
        int sentence = i >= 2 && text[i - 1] == ' ' &&
                       (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?');
        if (!line && !sentence)
            continue;
        if (!define_may_open(text + i, len - i, words[0]))
            continue;
        define_cur c = {text, len, i};
        if (!define_at(c, words, nwords))
            continue;
        define_cur whole = {text, len, define_line_start(text, i)};
        if (title && define_is_title(whole, title))
            continue;
        return 1;
    }
    return 0;
}
