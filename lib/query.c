/* query: reads a search-box string (words, "phrases", -exclusions, OR,
 * prefix*) into items, analyses each with the analyzer, expands synonyms,
 * and writes FTS5 expressions built here from analyzer tokens, each
 * double-quoted: user text never reaches FTS5. Does not run queries nor
 * rank (search.c), nor find the forms of a word's family Snowball stems
 * apart (morph.c, which query_lend asks). */
#include "query.h"

#include "analyzer.h"
#include "buf.h"
#include "morph.h"
#include "piece.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The strings written: space-separated tokens with a marker the tokenizer
 * passes through (analyzer.h): "!stem" for a stem computed here, "=form"
 * and "~form" for surface forms (prefixes, exact-form boost), "%stem" for
 * the stem of documents' unaccented forms; "a|b" lists alternatives for one
 * position (a word typed without accents is "!stem|%stem").
 *
 * Reading rules: a '"' with a closing '"' opens a phrase, a lone one is a
 * space; '-' glued to a word or phrase excludes it and its synonyms; "OR"
 * or "OU" (upper case) between two positive words or phrases joins them,
 * anywhere else it is the word « or » or « ou »; a trailing '*' makes a
 * prefix when at least three letters precede it; any other character is
 * text for the analyzer (punctuation inside a word makes a phrase of its
 * parts: query_in_word). In a question, function words are not required
 * (query_mark_question). Input is read up to QUERY_MAX_BYTES and
 * QUERY_MAX_TERMS analysed words. */

#define QUERY_MIN_PREFIX 3    /* letters before a '*': shorter prefixes cost too much */
#define QUERY_MAX_SYN_WORDS 8 /* longest synonym side tried, in words */
#define QUERY_MAX_SYN_GROUPS 8
#define QUERY_MAX_LENT 8 /* stems the accented spellings of a bare word lend it */
typedef enum { QUERY_NODE_PHRASE, QUERY_NODE_AND, QUERY_NODE_OR } query_kind;

typedef struct query_node {
    query_kind kind;
    char **toks; /* PHRASE: marked tokens */
    size_t ntoks;
    int prefix;     /* PHRASE: the last token is a prefix */
    int related;    /* PHRASE: a side of a "~" synonym group (synonyms.h) */
    char *word;     /* PHRASE of one word typed: its unaccented form, whose
                     * spellings' other number it reaches (morph_number_alts) */
    int typed;      /* word is not a participle: its forms of another part of
                     * speech are told by it (morph_weak_forms) */
    int soft;       /* PHRASE: a question's word the relaxed order does not
                     * count (query_expr.soft) */
    int either;     /* PHRASE: a side of a question's « entre A et B », which
                     * the relaxed order counts with the other (query_expr.either) */
    int common;     /* PHRASE of one word typed that says little alone
                     * (query_says_little) */
    int little;     /* PHRASE: common, or a question's light verb
                     * (query_expr.little) */
    int derive;     /* PHRASE of one word typed: may reach its « -age »
                     * noun's forms, or its verb's, or its action noun's
                     * (query_lend decides) */
    char *derived;  /* ... and does: the vocabulary keys of those words,
                     * "a|b" (morph_age_key, morph_derived_words), set
                     * by query_lend; else NULL */
    char *plural;   /* PHRASE of one word: the alternatives of its other
                     * number (morph_plural_piece), its weak forms; else NULL */
    int optional;   /* a clause not required: a function word of a keyword
                     * query (query_mark_optional), ranked where a row has it */
    int label_only; /* PHRASE: ranked by its hits in the titles and headings
                     * only (query_term.label_only) */
    int head;       /* PHRASE: the head noun of a keyword query (query_mark_head) */
    int defining;   /* PHRASE: a meaning question's term followed by « est » and
                     * a determiner (query_build_defining; query_term.defining) */
    int acronym;    /* a clause of one word that is an acronym: typed in
                     * capitals, or a synonym group's short side
                     * (query_short_side) */
    struct query_node **kids;
    size_t nkids;
} query_node;

typedef struct {
    char *stem;   /* folded stem, no marker */
    char *exact;  /* "=form" */
    char *folded; /* "~form" or NULL when the form has no accent */
    char *pct;    /* "%stem" of the unaccented form when it differs, or NULL */
} query_pos;

enum { QUERY_ITEM_WORD, QUERY_ITEM_PHRASE, QUERY_ITEM_OR };

typedef struct {
    int kind;
    int neg, prefix;
    int dropped;     /* a function word of a question, not required */
    int soft;        /* a word of a question the relaxed order does not count
                      * (query_expr.soft) */
    int either;      /* a side of a question's « entre A et B » (query_mark_either) */
    int light;       /* a question's light verb before a word (query_light_verbs),
                      * which a title need not say (query_expr.little) */
    int optional;    /* a function word of a keyword query: not required, ranked */
    int asks;        /* a question's interrogative (« pourquoi »): no clause,
                      * but an exact-form signal of titles and headings */
    int caps;        /* typed in capitals, two letters or more (an acronym) */
    int ends;        /* the last word of its clause: the text or a , ; : ! ? follows */
    int article;     /* typed after an elided « l' » (« l'assistant »), which
                      * the analyzer strips */
    int head;        /* the head noun of a keyword query that names a thing
                      * (query_mark_head) */
    int clitic;      /* typed after an elided « n' », « s' », « j' », « m' » or
                      * « t' »: a negation or a pronoun, so a clause with
                      * its verb (query_mark_head) */
    int after_qu;    /* typed after an elided « qu' » (« parce qu'il »), which
                      * the analyzer strips too */
    int extension;   /* typed with a dot glued before its letters and none
                      * after (« .changes », « .dsc »): a file name's
                      * extension, matched as typed (query_item_node) */
    char or_word[3]; /* QUERY_ITEM_OR: the word it is when not an operator */
    query_pos *pos;
    size_t npos;
    char *whole; /* a compound's whole, no marker */
} query_item;

struct query {
    query_node **clauses;
    size_t nclauses;
    query_node **excl;
    size_t nexcl;
    query_node **exact; /* exact-form phrases, one per positive word or phrase */
    size_t nexact;
    int question;            /* query_mark_question found a question */
    int meaning;             /* the question asks what a word means (query_asks_meaning) */
    int operators;           /* typed with an exclusion, a "phrase", OR or a prefix */
    unsigned long long must; /* the clauses the relaxed expression requires
                              * (query_require_acronyms), a bit each */
};

static char *query_strndup(const char *s, size_t n)
{
    buf b = BUF_INIT;
    buf_append(&b, s, n);
    return buf_detach(&b);
}

static char *query_marked(char marker, const char *s)
{
    buf b = BUF_INIT;
    buf_putc(&b, marker);
    buf_puts(&b, s);
    return buf_detach(&b);
}

/* Nodes. */

static query_node *query_node_new(query_kind kind)
{
    query_node *n = buf_xrealloc(NULL, sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static void query_node_free(query_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->ntoks; i++)
        free(n->toks[i]);
    free(n->toks);
    free(n->word);
    free(n->derived);
    free(n->plural);
    for (size_t i = 0; i < n->nkids; i++)
        query_node_free(n->kids[i]);
    free(n->kids);
    free(n);
}

static void query_node_tok(query_node *n, char *tok)
{
    n->toks = buf_xrealloc(n->toks, (n->ntoks + 1) * sizeof n->toks[0]);
    n->toks[n->ntoks++] = tok;
}

static void query_node_kid(query_node *n, query_node *kid)
{
    n->kids = buf_xrealloc(n->kids, (n->nkids + 1) * sizeof n->kids[0]);
    n->kids[n->nkids++] = kid;
}

/* Appends s[0..len) to b doubling '"' (inside an FTS5 string). */
static void query_quoted(buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
}

void query_fts_form(buf *b, const char *form, size_t len)
{
    buf_putc(b, '"');
    buf_putc(b, ANALYZER_VERBATIM);
    query_quoted(b, form, len);
    buf_putc(b, '"');
}

/* Writes one piece as FTS5 query tokens: the forms it names as
 * alternatives ("!f1|!f2"), or, when there are none (no vocabulary, or
 * none in the index), its alternatives as they are but "^w" (the query
 * tokenizer then reads keys that no document has). */
static void query_piece_render(buf *b, const char *piece, int prefix, const query_vocab *v)
{
    piece_forms f;
    piece_forms_of(piece, prefix, NULL, v, &f);
    if (f.n == 0) {
        piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
        const char *alt;
        size_t n;
        int first = 1;
        while (piece_alt_next(&it, &alt, &n)) {
            if (n > 0 && piece_lent_marker(alt[0]))
                continue;
            if (!first)
                buf_putc(b, ANALYZER_ALTERNATIVE);
            query_quoted(b, alt, n);
            first = 0;
        }
        return;
    }
    for (size_t i = 0; i < f.n; i++) {
        if (i > 0)
            buf_putc(b, ANALYZER_ALTERNATIVE);
        buf_putc(b, ANALYZER_VERBATIM);
        query_quoted(b, f.v[i], strlen(f.v[i]));
        free(f.v[i]);
    }
}

/* Writes a PHRASE node, a term of the query, and returns how many FTS5
 * phrases it wrote, with, when weak is not NULL, which of them are weak
 * forms (morph_weak_forms); w records their shape, or is NULL (expr.h).
 * A word with several forms is their phrases OR-ed: FTS5 merges the rows
 * of an OR cheaply, while the alternatives of one phrase ("!a|!b",
 * colocated) make it merge their positions in every row (« fichier de
 * configuration », with 15 forms of « configur »: 3.6 ms to match, 0.75 ms
 * OR-ed). Phrases of several words keep the alternatives of each position
 * in one phrase. */
static int query_term_render(buf *b, expr_writer *w, const query_node *n, const query_vocab *v,
                             int *weak)
{
    if (weak)
        weak[0] = 0;
    if (n->ntoks == 1) {
        piece_forms f;
        piece_forms_of(n->toks[0], n->prefix, NULL, v, &f);
        if (f.n > 0 && weak && n->typed)
            morph_weak_forms(&f, n->word, QUERY_WEAK_POS, weak);
        else if (weak)
            memset(weak, 0, f.n * sizeof *weak);
        /* A derived word's forms and its other number's are weak: they
         * help a document match and rank, never as much as the word
         * typed. */
        size_t own = f.n, agent_end = 0;
        if (n->derived && v) {
            piece_alt_iter it = piece_alt_iter_of(n->derived, strlen(n->derived));
            const char *key;
            size_t klen;
            while (piece_alt_next(&it, &key, &klen))
                v->forms(v->ctx, key, klen, 0, piece_forms_add, &f);
            /* An agent noun's other forms (« utiliser », « utilisé »
             * for « utilisateur », query_lend_node) are another part
             * of speech, not the word's kin: they do not give its clause
             * in a question's relaxed order, or every page that uses
             * something had « utilisateur ». */
            if (n->toks[0][0] == PIECE_AGENT)
                agent_end = f.n;
        }
        /* The other number's exact forms (morph_number_alts), last in
         * n->plural, rank as weak forms that give no clause in a
         * question's relaxed order: giving it moved 2 more judged
         * questions down (docs/ANALYSIS.md). */
        size_t number_from = PIECE_MAX_FORMS;
        if (n->plural && v) {
            piece_alt_iter it = piece_alt_iter_of(n->plural, strlen(n->plural));
            const char *alt;
            size_t alen;
            while (piece_alt_next(&it, &alt, &alen)) {
                if (alt[0] == ANALYZER_EXACT && number_from == PIECE_MAX_FORMS)
                    number_from = f.n;
                piece_alt_forms(v, alt, alen, 0, &f);
            }
        }
        if (weak)
            for (size_t i = own; i < f.n; i++)
                weak[i] = i < agent_end || i >= number_from ? QUERY_WEAK_POS : QUERY_WEAK_KIN;
        if (f.n > 0) {
            if (f.n > 1)
                expr_open(b, w);
            for (size_t i = 0; i < f.n; i++) {
                if (i > 0)
                    expr_op(b, w, EXPR_OR);
                size_t at = b->len;
                query_fts_form(b, f.v[i], strlen(f.v[i]));
                if (n->prefix)
                    buf_putc(b, '*');
                expr_phrase(b, w, at, n->prefix);
                free(f.v[i]);
            }
            if (f.n > 1)
                expr_close(b, w);
            return (int)f.n;
        }
    }
    size_t at = b->len;
    buf_putc(b, '"');
    for (size_t i = 0; i < n->ntoks; i++) {
        if (i > 0)
            buf_putc(b, ' ');
        query_piece_render(b, n->toks[i], n->prefix && i + 1 == n->ntoks, v);
    }
    buf_putc(b, '"');
    if (n->prefix)
        buf_putc(b, '*');
    expr_phrase(b, w, at, n->prefix);
    return 1;
}

static void query_node_render(buf *b, const query_node *n, const query_vocab *v)
{
    if (n->kind == QUERY_NODE_PHRASE) {
        query_term_render(b, NULL, n, v, NULL);
        return;
    }
    if (n->nkids == 1) {
        query_node_render(b, n->kids[0], v);
        return;
    }
    buf_putc(b, '(');
    for (size_t i = 0; i < n->nkids; i++) {
        if (i > 0)
            buf_puts(b, n->kind == QUERY_NODE_AND ? " AND " : " OR ");
        query_node_render(b, n->kids[i], v);
    }
    buf_putc(b, ')');
}

/* Does token equal (or, for a prefix, start with) one alternative of the
 * marked piece? */
static int query_piece_matches(const char *piece, int prefix, const char *token, size_t len)
{
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *t;
    size_t tl;
    while (piece_alt_next(&it, &t, &tl)) {
        if (tl > 0 && piece_lent_marker(t[0]))
            continue;
        if (tl > 0 && t[0] == ANALYZER_VERBATIM) {
            t++;
            tl--;
        }
        if (tl > 0 && (prefix ? len >= tl : len == tl) && memcmp(token, t, tl) == 0)
            return 1;
    }
    return 0;
}

static int query_node_matches(const query_node *n, const char *token, size_t len)
{
    if (n->kind != QUERY_NODE_PHRASE) {
        for (size_t i = 0; i < n->nkids; i++)
            if (query_node_matches(n->kids[i], token, len))
                return 1;
        return 0;
    }
    /* Its derived word's stem, as its weak forms are marked. */
    if (n->derived && piece_has(n->derived, strlen(n->derived), token, len))
        return 1;
    if (n->plural && query_piece_matches(n->plural, 0, token, len))
        return 1;
    for (size_t i = 0; i < n->ntoks; i++)
        if (query_piece_matches(n->toks[i], n->prefix && i + 1 == n->ntoks, token, len))
            return 1;
    return 0;
}

/* Items. */

static void query_pos_free(query_pos *p)
{
    free(p->stem);
    free(p->exact);
    free(p->folded);
    free(p->pct);
}

static void query_item_free(query_item *it)
{
    for (size_t i = 0; i < it->npos; i++)
        query_pos_free(&it->pos[i]);
    free(it->pos);
    free(it->whole);
    memset(it, 0, sizeof *it);
}

static int query_collect(void *ctx, int flags, const char *token, size_t len, size_t start,
                         size_t end)
{
    query_item *it = ctx;
    (void)start;
    (void)end;
    if (!(flags & ANALYZER_COLOCATED)) {
        it->pos = buf_xrealloc(it->pos, (it->npos + 1) * sizeof it->pos[0]);
        query_pos *p = &it->pos[it->npos++];
        p->stem = query_strndup(token, len);
        p->exact = NULL;
        p->folded = NULL;
        p->pct = NULL;
        return 0;
    }
    if (it->npos == 0)
        return 0;
    query_pos *p = &it->pos[it->npos - 1];
    switch (token[0]) {
    case ANALYZER_EXACT:
        if (!p->exact)
            p->exact = query_strndup(token, len);
        break;
    case ANALYZER_FOLDED:
        if (!p->folded)
            p->folded = query_strndup(token, len);
        break;
    case ANALYZER_FOLDED_STEM:
        if (!p->pct)
            p->pct = query_strndup(token, len);
        break;
    default:
        if (!it->whole)
            it->whole = query_strndup(token, len);
        break;
    }
    return 0;
}

static void query_item_analyze(query_item *it, const char *text, size_t len)
{
    it->caps = text_all_capitals(text, len);
    analyzer_tokenize(text, len, ANALYZER_WORDS, query_collect, it);
    for (size_t i = 0; i < it->npos; i++)
        if (!it->pos[i].exact)
            it->pos[i].exact = query_marked(ANALYZER_EXACT, it->pos[i].stem);
}

/* The unaccented surface of position p, without marker. */
static const char *query_pos_surface(const query_pos *p)
{
    return (p->folded ? p->folded : p->exact) + 1;
}

/* Lexing. */

static int query_is_space(const char *text, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t c;
    size_t avail = len - i > 4 ? 4 : len - i;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)avail, &c);
    if (k <= 0) {
        *n = 1;
        return 0;
    }
    *n = (size_t)k;
    if (c <= 0x20 || c == 0x7F)
        return 1;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC;
}

/* A word runs up to a space, a quote, a bracket or a punctuation mark that
 * ends words in sentences (, ; : ! ? « »); inside it, other punctuation
 * makes a phrase of the parts (« 27/01/2018 », « c/o »). */
static int query_in_word(const char *text, size_t len, size_t i, size_t *n)
{
    if (query_is_space(text, len, i, n))
        return 0;
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80)
        return strchr("\"()[]{}<>:^,;!?", c) == NULL;
    /* « and » (U+00AB, U+00BB) */
    return !(*n == 2 && c == 0xC2 &&
             ((unsigned char)text[i + 1] == 0xAB || (unsigned char)text[i + 1] == 0xBB));
}

/* Does text[i..) begin with a vowel or an h, accented or not (« abri »,
 * « été », « Œuvre », « homme »)? */
static int query_vowel_start(const char *text, size_t len, size_t i)
{
    int32_t c, base[TEXT_FOLD_MAX];
    if (!text_cp_at(text, len, i, &c) || !text_fold_cp(c, base))
        return 0;
    return (base[0] < 0x80 && strchr("aeiouyh", (int)base[0]) != NULL) || base[0] == 0x153 ||
           base[0] == 0xE6;
}

/* The length of the apostrophe at text[i], or 0: one the analyzer joins
 * words with (analyzer_is_apostrophe: ' ’ ʼ ‘; « l‘abri », typed where a
 * keyboard or a word processor gave a left quote or a modifier letter,
 * is « l'abri »). */
static size_t query_apostrophe(const char *text, size_t len, size_t i)
{
    int32_t c;
    size_t n = i < len ? text_cp_at(text, len, i, &c) : 0;
    return n && analyzer_is_apostrophe(c) ? n : 0;
}

/* Elisions typed without their apostrophe: « mise a l abri », « qu un
 * enfant », « droits d enfants », « l’ abri ». A lone elided word (l d j m
 * n s t c qu jusqu…, analyzer_is_elision) followed by a word beginning
 * with a vowel or an h is read as if joined by an apostrophe (« l'abri »),
 * which the analyzer strips: otherwise it is a required word of its own,
 * found in few documents (« L.425-1 », « n° »). French elides only before
 * a vowel or a mute h, so « vitamine C », « plan B », « l 425 » keep their
 * letter; an operator (OR, OU) after it stays an operator. Writes the
 * text, so rewritten, to out. */
static void query_join_elisions(const char *text, size_t len, buf *out)
{
    size_t i = 0, n;
    int start = 1; /* text[i] begins a word */
    while (i < len) {
        if (!query_in_word(text, len, i, &n)) {
            buf_append(out, text + i, n);
            i += n;
            start = 1;
            continue;
        }
        size_t step = n;
        if (start) {
            char low[8];
            size_t k = 0, j = i, w;
            while (j < len && k < sizeof low &&
                   ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z')))
                low[k++] = (char)(text[j++] | 0x20);
            size_t letters = j;
            j += query_apostrophe(text, len, j);
            for (w = j; w < len && query_is_space(text, len, w, &n);)
                w += n;
            if (k > 0 && analyzer_is_elision(low, k) && w > j && w < len &&
                query_vowel_start(text, len, w) &&
                !(len - w >= 2 && text[w] == 'O' && (text[w + 1] == 'R' || text[w + 1] == 'U') &&
                  (len - w == 2 || !query_in_word(text, len, w + 2, &n)))) {
                buf_append(out, text + i, letters - i);
                buf_putc(out, '\'');
                i = w;
                start = 0;
                continue;
            }
        }
        buf_append(out, text + i, step);
        i += step;
        start = 0;
    }
}

typedef struct {
    query_item *items;
    size_t nitems;
    size_t terms;
} query_lex;

static void query_lex_add(query_lex *lx, query_item *it)
{
    if (it->kind != QUERY_ITEM_OR && it->npos == 0) {
        query_item_free(it);
        return;
    }
    if (lx->terms + it->npos > QUERY_MAX_TERMS) {
        query_item_free(it);
        return;
    }
    lx->terms += it->npos;
    lx->items = buf_xrealloc(lx->items, (lx->nitems + 1) * sizeof lx->items[0]);
    lx->items[lx->nitems++] = *it;
}

/* Does only the end of the text or a mark ending a clause (, ; : ! ?)
 * follow text[i..), after spaces? */
static int query_ends_clause(const char *text, size_t len, size_t i)
{
    size_t n;
    while (i < len && query_is_space(text, len, i, &n))
        i += n;
    return i == len || strchr(",;:!?", text[i]) != NULL;
}

/* Is text[i..w), a word, a file name's extension (« .changes », « .dsc »,
 * « .po »): a dot glued before one run of letters or digits, at the start
 * of the word, with no other punctuation? A name, not a French word: its
 * stem's other forms (« changer », « changement ») and synonyms would find
 * what the extension is not. A dot between two words (« fichier.changes »)
 * or a number (« .5 ») is not one. */
static int query_extension(const char *text, size_t i, size_t w, size_t npos)
{
    if (npos != 1 || w - i < 2 || text[i] != '.')
        return 0;
    int letter = 0;
    for (size_t k = i + 1; k < w; k++) {
        unsigned char c = (unsigned char)text[k];
        if (c < 0x80 && !text_ascii_alnum((char)c))
            return 0;
        letter |= !(c >= '0' && c <= '9');
    }
    return letter;
}

static void query_lex_run(query_lex *lx, const char *text, size_t len)
{
    size_t i = 0, n;
    while (i < len && lx->terms < QUERY_MAX_TERMS) {
        if (query_is_space(text, len, i, &n)) {
            i += n;
            continue;
        }
        query_item it;
        memset(&it, 0, sizeof it);
        if (text[i] == '-' && i + 1 < len &&
            (text[i + 1] == '"' || query_in_word(text, len, i + 1, &n))) {
            it.neg = 1;
            i++;
        }
        if (text[i] == '"') {
            const char *close = memchr(text + i + 1, '"', len - i - 1);
            if (!close) {
                i++;
                continue;
            }
            size_t end = (size_t)(close - text);
            it.kind = QUERY_ITEM_PHRASE;
            query_item_analyze(&it, text + i + 1, end - i - 1);
            query_lex_add(lx, &it);
            i = end + 1;
            continue;
        }
        size_t j = i;
        while (j < len && query_in_word(text, len, j, &n))
            j += n;
        if (j == i) {
            i += n;
            continue;
        }
        if (!it.neg && j - i == 2 && text[i] == 'O' && (text[i + 1] == 'R' || text[i + 1] == 'U')) {
            it.kind = QUERY_ITEM_OR;
            it.or_word[0] = 'o';
            it.or_word[1] = text[i + 1] == 'R' ? 'r' : 'u';
            query_lex_add(lx, &it);
            i = j;
            continue;
        }
        /* A period after a word ends a sentence (« fichier .changes. »,
         * « exploit*. »), an abbreviation's (« etc. ») says nothing more:
         * neither is the word's, nor keeps a '*' from being the last. */
        size_t e = j;
        while (e > i + 1 && text[e - 1] == '.')
            e--;
        if (text[e - 1] == '.') /* dots only: kept as typed */
            e = j;
        size_t w = e;
        while (w > i && text[w - 1] == '*')
            w--;
        it.kind = QUERY_ITEM_WORD;
        it.ends = query_ends_clause(text, len, j);
        it.article = w - i > 1 && (text[i] | 0x20) == 'l' && query_apostrophe(text, w, i + 1) > 0;
        it.clitic =
            w - i > 1 && strchr("nsjmtNSJMT", text[i]) && query_apostrophe(text, w, i + 1) > 0;
        it.after_qu = w - i > 2 && (text[i] | 0x20) == 'q' && (text[i + 1] | 0x20) == 'u' &&
                      query_apostrophe(text, w, i + 2) > 0;
        query_item_analyze(&it, text + i, w - i);
        it.extension = query_extension(text, i, w, it.npos);
        if (w < e && it.npos > 0) {
            const char *last = query_pos_surface(&it.pos[it.npos - 1]);
            it.prefix = text_utf8_chars(last, strlen(last)) >= QUERY_MIN_PREFIX;
        }
        query_lex_add(lx, &it);
        i = j;
    }
}

static int query_positive(const query_item *it)
{
    return it->kind != QUERY_ITEM_OR && !it->neg;
}

/* An OR (or OU) that does not stand between two positive items is a word. */
static void query_lex_fix_or(query_lex *lx)
{
    for (size_t i = 0; i < lx->nitems; i++) {
        query_item *it = &lx->items[i];
        if (it->kind != QUERY_ITEM_OR)
            continue;
        if (i > 0 && query_positive(&lx->items[i - 1]) && i + 1 < lx->nitems &&
            query_positive(&lx->items[i + 1]))
            continue;
        it->kind = QUERY_ITEM_WORD;
        query_item_analyze(it, it->or_word, 2);
    }
}

/* Nodes from items. */

/* The commonest function words are matched by their own form and its
 * accented spellings, not by their stem: « des » and « de » are in nearly
 * every document, and each of their forms is one of the longest lists of
 * the index (with stems, « mot de passe » read « de », « des », « dé » and
 * « dés »: 0.5 ms of matching became 4.9). */
static const char *const query_closed_words[] = {
    "a",     "au",   "aux", "avec", "c",    "ce",  "ces",  "d",   "dans", "de",  "des",
    "du",    "elle", "en",  "est",  "et",   "il",  "l",    "la",  "le",   "les", "leur",
    "leurs", "n",    "ne",  "ou",   "par",  "pas", "pour", "qu",  "que",  "qui", "s",
    "sa",    "se",   "ses", "son",  "sont", "sur", "un",   "une", "y",
};

static int query_closed_word(const char *unaccented)
{
    for (size_t i = 0; i < sizeof query_closed_words / sizeof query_closed_words[0]; i++)
        if (strcmp(query_closed_words[i], unaccented) == 0)
            return 1;
    return 0;
}

/* Agent-noun endings (« utilisateur », « administratrices »), which
 * Snowball deletes in R2, leaving the stem of the verb and of its action
 * noun (« utiliser », « utilisation »: "utilis"). */
static const char *const query_agent_ends[] = {"ateur", "ateurs", "atrice", "atrices"};

/* Does s[0..len), an index form or a word's unaccented surface, end as an
 * agent noun, after two characters at least? */
static int query_agent_form(const char *s, size_t len)
{
    size_t before;
    for (size_t i = 0; i < sizeof query_agent_ends / sizeof query_agent_ends[0]; i++)
        if (morph_ends(s, len, query_agent_ends[i], 2, &before))
            return 1;
    return 0;
}

/* Is the word form (its surface, accented or not), of folded stem stem,
 * an agent noun whose ending Snowball deleted (« utilisateur » "utilis",
 * not « créateur » "createur", too short for R2)? */
static int query_agent_word(const char *form, const char *stem)
{
    size_t before, len = strlen(stem);
    return query_agent_form(form, strlen(form)) && !morph_ends(stem, len, "ateur", 0, &before) &&
           !morph_ends(stem, len, "atric", 0, &before);
}

static int query_agent_pos(const query_pos *p)
{
    return query_agent_word(query_pos_surface(p), p->stem);
}

/* Words Snowball French gives the stem of a word they have nothing to do
 * with, and that word's forms (written from French usage, then kept by
 * measurement): « francs » and « français » are both "franc", « format »
 * and « formation » "format", « logement » and « log » "log",
 * « département » and « départ » "depart", « mère » and « mer » "mer".
 * words are the typed word's own spellings, unaccented; rival the other
 * word's, unaccented, a final '*' for all its forms starting so. A word
 * typed as one of words keeps every form of its stems but rival's
 * (query_rival_piece): « format » still reaches « formater », « formaté »,
 * not « formation ». A rival derived from the word itself (« restaurer »
 * and « restaurant », « régler » and « règle ») is its family, not listed;
 * nor is a rival spelled as one of the word's forms (« porte » is
 * « porter »'s as well as a door), which stays. */
typedef struct {
    const char *words, *rival;
} query_false_row;

static const query_false_row query_false_stems[] = {
    {"franc francs", "francais* france frances"},
    {"maintenant", "maintenir maintenai* maintenon* maintenez maintenions maintenie*"},
    {"important importants importante importantes importance importances",
     "import imports importe* importai* importat* importons importez"},
    {"departement departements", "depart departs"},
    {"logement logements", "log logs"},
    {"log logs", "loge* logi*"},
    {"bas", "base* basa*"},
    {"serie series", "sera* serons seront serez serions seriez"},
    {"vente ventes", "vent vents"},
    {"vent vents", "vente ventes"},
    {"duree durees", "dur durs durement"},
    {"attention attentions", "attente attentes"},
    {"attente attentes", "attention* attentif* attentiv*"},
    {"foyer foyers", "foi"},
    {"loyer loyers", "loi lois"},
    {"loi lois", "loyer*"},
    {"formation formations", "format formats formate* formata*"},
    {"format formats", "formation*"},
    {"cour", "courant* courir coura* couru* courent courez courons"},
    {"courant courants courante courantes", "cour cours"},
    {"positif positifs positive positives", "position*"},
    {"dispositif dispositifs", "disposition*"},
    {"disposition dispositions", "dispositif*"},
    {"montant montants", "mont monts"},
    {"mere meres", "mer mers"},
    {"mer mers", "mere meres"},
    {"case cases", "cas"},
    {"cas", "case*"},
    {"aire aires", "air airs"},
    {"air airs", "aire aires"},
    {"faute fautes", "faut"},
    {"boite boites", "boit"},
    {"souris", "sourit"},
};

/* Is word[0..len) one of list's space-separated entries, or, for an entry
 * ending in '*', does it start with it? */
static int query_in_spaced(const char *list, const char *word, size_t len)
{
    for (const char *f = list; *f;) {
        size_t n = strcspn(f, " ");
        int prefix = n > 0 && f[n - 1] == '*';
        size_t k = n - (size_t)prefix;
        if (prefix ? len >= k && memcmp(f, word, k) == 0 : len == k && memcmp(f, word, k) == 0)
            return 1;
        f += n;
        f += *f == ' ';
    }
    return 0;
}

/* The row of query_false_stems whose words have word (unaccented,
 * word[0..len)), or NULL. */
static const query_false_row *query_false_stem(const char *word, size_t len)
{
    for (size_t i = 0; i < sizeof query_false_stems / sizeof query_false_stems[0]; i++)
        if (query_in_spaced(query_false_stems[i].words, word, len))
            return &query_false_stems[i];
    return NULL;
}

/* The piece for one analysed position: its stem, and the stem its word
 * has when written without accents, which Snowball may make differ
 * (« accompagnées » "accompagn", « accompagnees » "accompagne"). Typed
 * without accents, that is the "%" token of accented documents; typed
 * with accents, the stem of documents written without them (capitals
 * often are: « ACCOMPAGNEES »). Neither side crosses a protected word's
 * stem (analyzer.h), which only its own unaccented forms have: « signes »
 * gets no "%signe" (« signées » typed bare stems to "signe"), « signées »
 * no "!signe". A word typed without accents also gets "^word": query_lend
 * adds the stems of its accented spellings in the index.
 * Neither side crosses the stem of a word that says little either
 * (query_says_little): « entrée » written bare, « entree », stems to
 * "entre", the stem of « entre », in nearly every document. There the
 * piece names the spellings themselves, "~entree|=entree|~entrees|=entrees"
 * instead of "!entre", whether typed « entrée » or bare. */
static int query_says_little(const char *word);
static int query_soft_preposition(const char *word);

static char *query_pos_piece(const query_pos *p)
{
    buf b = BUF_INIT;
    if (query_closed_word(query_pos_surface(p)) || query_soft_preposition(query_pos_surface(p))) {
        /* Its own form and its accented spellings: « de », « dé ». */
        buf_putc(&b, ANALYZER_EXACT);
        buf_puts(&b, query_pos_surface(p));
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, ANALYZER_FOLDED);
        buf_puts(&b, query_pos_surface(p));
        return buf_detach(&b);
    }
    const char *surface = query_pos_surface(p);
    if (strcmp(p->stem, surface) != 0 && query_says_little(p->stem)) {
        /* Its spelling and its other number's, accented or bare. */
        size_t slen = strlen(surface);
        int plural = slen > 1 && surface[slen - 1] == 's';
        for (int other = 0; other < 2; other++) {
            size_t len = other && plural ? slen - 1 : slen;
            for (int k = 0; k < 2; k++) {
                if (b.len > 0)
                    buf_putc(&b, ANALYZER_ALTERNATIVE);
                buf_putc(&b, k ? ANALYZER_EXACT : ANALYZER_FOLDED);
                buf_append(&b, surface, len);
                if (other && !plural)
                    buf_putc(&b, 's');
            }
        }
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, PIECE_KIN);
        buf_puts(&b, p->stem);
    } else {
        buf_putc(&b, ANALYZER_VERBATIM);
        buf_puts(&b, p->stem);
    }
    if (!p->folded && !analyzer_is_protected(surface, strlen(surface))) {
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, ANALYZER_FOLDED_STEM);
        buf_puts(&b, p->stem);
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, PIECE_LEND);
        buf_puts(&b, surface);
    } else if (p->pct && !analyzer_is_protected(p->pct + 1, strlen(p->pct + 1))) {
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        if (query_says_little(p->pct + 1)) {
            buf_putc(&b, ANALYZER_EXACT);
            buf_puts(&b, surface);
        } else {
            buf_putc(&b, ANALYZER_VERBATIM);
            buf_puts(&b, p->pct + 1);
        }
    }
    if (query_agent_pos(p)) {
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, PIECE_AGENT);
    }
    if (query_false_stem(surface, strlen(surface))) {
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, PIECE_RIVAL);
        buf_puts(&b, surface);
    }
    return buf_detach(&b);
}

static query_node *query_phrase_of(const query_item *it, size_t from, size_t to)
{
    query_node *n = query_node_new(QUERY_NODE_PHRASE);
    for (size_t i = from; i < to; i++)
        query_node_tok(n, query_pos_piece(&it->pos[i]));
    return n;
}

/* A prefix matches the exact forms and, for accented words, the unaccented
 * forms; both as alternatives of one phrase term, so that a word having
 * both tokens counts once. */
static query_node *query_prefix_node(const query_item *it)
{
    const char *surface = query_pos_surface(&it->pos[it->npos - 1]);
    query_node *ph = query_phrase_of(it, 0, it->npos - 1);
    buf piece = BUF_INIT;
    buf_putc(&piece, ANALYZER_EXACT);
    buf_puts(&piece, surface);
    buf_putc(&piece, ANALYZER_ALTERNATIVE);
    buf_putc(&piece, ANALYZER_FOLDED);
    buf_puts(&piece, surface);
    query_node_tok(ph, buf_detach(&piece));
    ph->prefix = 1;
    return ph;
}

static int query_says_little(const char *word);

static query_node *query_item_node(const query_item *it)
{
    if (it->prefix)
        return query_prefix_node(it);
    if (it->extension) {
        /* Its own form only, lowercase. */
        query_node *ph = query_node_new(QUERY_NODE_PHRASE);
        query_node_tok(ph, buf_xstrndup(it->pos[0].exact, strlen(it->pos[0].exact)));
        return ph;
    }
    query_node *ph = query_phrase_of(it, 0, it->npos);
    ph->soft = it->soft;
    ph->either = it->either;
    ph->head = it->head;
    ph->common = it->kind == QUERY_ITEM_WORD && it->npos == 1 &&
                 query_says_little(query_pos_surface(&it->pos[0]));
    ph->little = ph->common || it->light;
    ph->derive = it->kind == QUERY_ITEM_WORD && it->npos == 1 && !ph->common;
    if (it->kind == QUERY_ITEM_WORD && it->npos == 1 && !it->whole)
        ph->word =
            buf_xstrndup(query_pos_surface(&it->pos[0]), strlen(query_pos_surface(&it->pos[0])));
    ph->typed = ph->word && !morph_participle(it->pos[0].exact + 1, strlen(it->pos[0].exact + 1));
    if (it->kind != QUERY_ITEM_WORD || !it->whole)
        return ph;
    query_node *alt = query_node_new(QUERY_NODE_OR);
    query_node_kid(alt, ph);
    ph = query_node_new(QUERY_NODE_PHRASE);
    query_node_tok(ph, query_marked(ANALYZER_VERBATIM, it->whole));
    query_node_kid(alt, ph);
    return alt;
}

static query_node *query_side_node(const synonyms *syn, size_t g, size_t k)
{
    const char *const *toks;
    size_t n = synonyms_side(syn, g, k, &toks);
    query_node *ph = query_node_new(QUERY_NODE_PHRASE);
    for (size_t i = 0; i < n; i++) {
        /* A side's agent noun is one as a word typed is (query_pos_piece):
         * « signes ~ indicateurs » does not reach « indiqué ». */
        const char *form = synonyms_side_form(syn, g, k, i);
        buf piece = BUF_INIT;
        buf_putc(&piece, ANALYZER_VERBATIM);
        buf_puts(&piece, toks[i]);
        if (form && query_agent_word(form, toks[i])) {
            buf_putc(&piece, ANALYZER_ALTERNATIVE);
            buf_putc(&piece, PIECE_AGENT);
        }
        query_node_tok(ph, buf_detach(&piece));
    }
    ph->related = synonyms_related(syn, g);
    return ph;
}

/* Do the words pos[0..n) spell side k of group g, an abbreviation's
 * (synonyms_literal): each the side's word without its accents, or that
 * with a final s (« stats », « applis »)? A stem alike is not enough:
 * « compte » stems as « compta », « prefere » as « prefs ». */
static int query_syn_spells(const synonyms *syn, size_t g, size_t k, const query_pos *const *pos,
                            size_t n)
{
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        const char *form = synonyms_side_form(syn, g, k, i);
        size_t flen = 0;
        char *folded = form ? analyzer_fold(form, strlen(form), &flen) : NULL;
        const char *typed = query_pos_surface(pos[i]);
        size_t tlen = strlen(typed);
        ok = folded && (tlen == flen || (tlen == flen + 1 && typed[flen] == 's')) &&
             memcmp(typed, folded, flen) == 0;
        free(folded);
    }
    return ok;
}

/* Are the words pos[0..n) agent nouns where side k of group g has one
 * (query_agent_word), and only there? « indiqué » has the stem of
 * « indicateurs » but is not that side. */
static int query_syn_agrees(const synonyms *syn, size_t g, size_t k, const query_pos *const *pos,
                            size_t n)
{
    const char *const *toks;
    size_t ntoks = synonyms_side(syn, g, k, &toks);
    for (size_t i = 0; i < n && i < ntoks; i++) {
        const char *form = synonyms_side_form(syn, g, k, i);
        if ((form && query_agent_word(form, toks[i])) != query_agent_pos(pos[i]))
            return 0;
    }
    return 1;
}

/* Looks the stems of items[from..to) up; returns how many groups match. */
static size_t query_syn_lookup(const synonyms *syn, const query_item *items, size_t from, size_t to,
                               size_t *groups, size_t *sides)
{
    const char *stems[QUERY_MAX_TERMS];
    const query_pos *pos[QUERY_MAX_TERMS];
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        for (size_t k = 0; k < items[i].npos && n < QUERY_MAX_TERMS; k++) {
            pos[n] = &items[i].pos[k];
            stems[n++] = items[i].pos[k].stem;
        }
    size_t found = synonyms_lookup(syn, stems, n, groups, sides, QUERY_MAX_SYN_GROUPS);
    if (found > QUERY_MAX_SYN_GROUPS)
        found = QUERY_MAX_SYN_GROUPS;
    size_t kept = 0;
    for (size_t i = 0; i < found; i++) {
        if (!query_syn_agrees(syn, groups[i], sides[i], pos, n) ||
            (sides[i] == 0 && synonyms_literal(syn, groups[i]) &&
             !query_syn_spells(syn, groups[i], 0, pos, n)))
            continue;
        groups[kept] = groups[i];
        sides[kept++] = sides[i];
    }
    return kept;
}

/* base OR every other side of the matched groups. With loose, base is the
 * matched side's words in any order, and the side itself is added as a
 * phrase: documents where the words stand together earn more. */
static query_node *query_with_synonyms(query_node *base, const synonyms *syn, const size_t *groups,
                                       const size_t *sides, size_t ngroups, int loose)
{
    if (ngroups == 0)
        return base;
    query_node *alt = query_node_new(QUERY_NODE_OR);
    query_node_kid(alt, base);
    if (loose)
        query_node_kid(alt, query_side_node(syn, groups[0], sides[0]));
    for (size_t i = 0; i < ngroups; i++)
        for (size_t k = 0; k < synonyms_sides(syn, groups[i]); k++)
            if (k != sides[i])
                query_node_kid(alt, query_side_node(syn, groups[i], k));
    return alt;
}

static int query_plain_word(const query_item *it)
{
    return it->kind == QUERY_ITEM_WORD && !it->neg && !it->prefix && !it->extension;
}

static void query_add_clause(query *q, query_node *n)
{
    q->clauses = buf_xrealloc(q->clauses, (q->nclauses + 1) * sizeof q->clauses[0]);
    q->clauses[q->nclauses++] = n;
}

static void query_add_excl(query *q, query_node *n)
{
    q->excl = buf_xrealloc(q->excl, (q->nexcl + 1) * sizeof q->excl[0]);
    q->excl[q->nexcl++] = n;
}

/* Is a word the short side of one of the synonym groups it matched (on
 * sides[k] of groups[k]), a group whose other side has two words or
 * more: an acronym or abbreviation however it is typed (« oqtf » for
 * « obligation de quitter le territoire français », learned from the
 * documents, written in the site's file or built in)? */
static int query_short_side(const synonyms *syn, const size_t *groups, const size_t *sides,
                            size_t ng)
{
    for (size_t k = 0; k < ng; k++) {
        if (synonyms_related(syn, groups[k]))
            continue;
        for (size_t side = 0; side < synonyms_sides(syn, groups[k]); side++) {
            const char *const *tokens;
            if (side != sides[k] && synonyms_side(syn, groups[k], side, &tokens) >= 2)
                return 1;
        }
    }
    return 0;
}

/* A positive item alone, with its own synonyms. When acronym is not NULL,
 * *acronym tells whether it is one (a word typed in capitals, or the short
 * side of a synonym, query_short_side). */
static query_node *query_single(const query_item *it, const synonyms *syn, const synonyms *extra,
                                int *acronym)
{
    size_t groups[QUERY_MAX_SYN_GROUPS], sides[QUERY_MAX_SYN_GROUPS];
    size_t ng = 0;
    if (syn && !it->prefix && !it->extension)
        ng = query_syn_lookup(syn, it, 0, 1, groups, sides);
    if (ng == 0 && extra && !it->prefix && !it->extension) {
        ng = query_syn_lookup(extra, it, 0, 1, groups, sides);
        if (ng > 0)
            syn = extra;
    }
    if (acronym)
        *acronym = it->kind == QUERY_ITEM_WORD &&
                   (it->caps || (it->npos == 1 && query_short_side(syn, groups, sides, ng)));
    return query_with_synonyms(query_item_node(it), syn, groups, sides, ng, 0);
}

/* Builds clauses and exclusions from the items. */
/* Questions. « comment identifier une victime de traite ? » needs none of
 * « comment », « une », « de » to be in a document: in a question (text
 * ending with '?', or starting with an interrogative: « que faire si … »,
 * « qui peut … ») its function words are not required, unless nothing else
 * is left: articles, pronouns, prepositions, the conjunctions « et » and
 * « ou », interrogatives, and the conjugated auxiliaries and modal verbs
 * that only carry a question (« j'ai été », « peut-elle », « est-ce que »,
 * « dois-je »). Infinitives stay (« être indemnisé », « que faire ? »: FAQs
 * and fact sheets ask their questions in the same words), and so do
 * « sans », « non » and « pas ».
 * They still join synonym sides (« aide sociale à l'enfance ? »). */
static const char *const query_interrogatives[] = {
    "comment", "pourquoi", "combien", "quand",  "quel",     "quelle",   "quels",      "quelles",
    "que",     "qui",      "quoi",    "lequel", "laquelle", "lesquels", "lesquelles",
};

static const char *const query_function_words[] = {
    "a",       "ai",      "as",         "au",       "aux",     "avec",  "avez",     "avons",
    "c",       "ca",      "ce",         "cela",     "ces",     "cet",   "cette",    "chez",
    "combien", "comment", "d",          "dans",     "de",      "des",   "devez",    "devons",
    "dois",    "doit",    "doivent",    "du",       "elle",    "elles", "en",       "es",
    "est",     "et",      "etais",      "etait",    "ete",     "etes",  "eux",      "faut",
    "il",      "ils",     "j",          "je",       "l",       "la",    "laquelle", "le",
    "lequel",  "les",     "lesquelles", "lesquels", "leur",    "leurs", "lui",      "m",
    "ma",      "me",      "mes",        "moi",      "mon",     "n",     "ne",       "nos",
    "notre",   "nous",    "on",         "ont",      "ou",      "par",   "peut",     "peuvent",
    "peux",    "pour",    "pourquoi",   "pouvez",   "pouvons", "puis",  "qu",       "quand",
    "que",     "quel",    "quelle",     "quelles",  "quels",   "qui",   "quoi",     "s",
    "sa",      "se",      "ses",        "si",       "sommes",  "son",   "sont",     "suis",
    "sur",     "t",       "ta",         "te",       "tes",     "toi",   "ton",      "tu",
    "un",      "une",     "vos",        "votre",    "vous",    "y",
};

static int query_in_list(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], word) == 0)
            return 1;
    return 0;
}

static const char *const query_determiners[] = {
    "ce",   "ces",   "cet", "cette", "des", "du",  "la",    "le",    "les",
    "leur", "leurs", "ma",  "mes",   "mon", "nos", "notre", "sa",    "ses",
    "son",  "ta",    "tes", "ton",   "un",  "une", "vos",   "votre",
};

/* Words that say little in a passage without a noun or a verb beside them
 * (adverbs, pronouns, auxiliaries: « lors des », « tout », « même »; the
 * auxiliaries' imperfect, future and conditional, « sera », « avait »,
 * as their present is among a question's; adverbs of time and frequency,
 * « toujours », « souvent », « ensuite »), on top of a question's function
 * words; « non », « sans », « pas », « jamais » say something and are not
 * here. Unaccented. */
static const char *const query_weak_words[] = {
    "ainsi",      "alors",   "aura",     "aurai",     "auraient",    "aurais",   "aurait",
    "auras",      "aurez",   "auriez",   "aurions",   "aurons",      "auront",   "aussi",
    "aussitot",   "autre",   "autres",   "avaient",   "avais",       "avait",    "aviez",
    "avions",     "avoir",   "bien",     "bientot",   "celle",       "celles",   "celui",
    "ceux",       "comme",   "deja",     "depuis",    "desormais",   "donc",     "dont",
    "dorenavant", "encore",  "enfin",    "ensuite",   "entre",       "etaient",  "etiez",
    "etions",     "etre",    "ici",      "longtemps", "lors",        "mais",     "meme",
    "memes",      "moins",   "parfois",  "plus",      "quelquefois", "rarement", "selon",
    "sera",       "serai",   "seraient", "serais",    "serait",      "seras",    "serez",
    "seriez",     "serions", "serons",   "seront",    "souvent",     "tard",     "tot",
    "toujours",   "tous",    "tout",     "toute",     "toutes",      "tres",     "vers",
};

/* Prepositions of place and time (« sous », « devant », « derrière »,
 * « pendant »): a question's relaxed order does not count them, as it
 * does not count « entre », « vers », « depuis » (query_weak_words), though
 * they match and score; nor a keyword query's, but « avant » and
 * « derrière » (query_keyword_firm_prepositions). Unaccented. */
static const char *const query_soft_prepositions[] = {
    "apres",  "avant", "contre", "derriere", "dessous", "dessus", "devant",
    "durant", "hors",  "malgre", "parmi",    "pendant", "sous",   "via",
};

/* Light verbs (unaccented): the copulas (« sembler », « paraître »,
 * « rester »), the causatives (« faire », « laisser », « rendre ») and the
 * verbs of knowing (« savoir », « connaître »), infinitive and present.
 * Before a word they frame what a question asks, which that word names:
 * « pourquoi la gomme ne rend pas transparent ? », « comment faire défiler
 * les diapos », « comment connaître le nombre de mots »; the page that
 * answers seldom writes them, and long pages say them in passing, so a
 * question's relaxed order does not count them, though they match and
 * score. Written from French grammar; « devenir » measured out (« comment
 * devenir mainteneur debian »: becoming is what is asked), « reste » and
 * « demeure » left out as nouns too (a division's remainder). */
static const char *const query_light_verbs[] = {
    "connaitre",  "demeurent", "demeurer", "faire",    "laisse",  "laissent", "laisser",
    "paraissent", "parait",    "paraitre", "rend",     "rendent", "rendre",   "restent",
    "rester",     "savoir",    "semble",   "semblent", "sembler",
};

/* Whether a word (unaccented) is a preposition of place or time. Matched by
 * its own form, as the closed words (query_pos_piece), not by its stem:
 * « devant » stems as « devez », « pendant » as « pendre », « durant » as
 * « durée »; but a word all the same (query_node_content). */
static int query_soft_preposition(const char *word)
{
    return query_in_list(word, query_soft_prepositions,
                         sizeof query_soft_prepositions / sizeof query_soft_prepositions[0]);
}

/* Whether a word (unaccented) is a function word of a question
 * (query_function_words) or says little alone (query_weak_words). */
static int query_says_little(const char *word)
{
    return query_in_list(word, query_function_words,
                         sizeof query_function_words / sizeof query_function_words[0]) ||
           query_in_list(word, query_weak_words,
                         sizeof query_weak_words / sizeof query_weak_words[0]);
}

/* The possessive determiners (unaccented): « le vôtre » and « la nôtre »
 * read "votre" and "notre". */
static const char *const query_possessives[] = {
    "leur", "leurs", "ma", "mes", "mon", "nos", "notre", "sa",
    "ses",  "son",   "ta", "tes", "ton", "vos", "votre",
};

/* Is items[i] a possessive right after a determiner of its clause (« le
 * son », « du ton », « un son »)? Two determiners do not stand in a row:
 * the possessive is then a noun (the sound, the tone) or a pronoun (« le
 * vôtre », « le leur »). In the scale corpus's text (9.5k pages), every
 * article or demonstrative followed by a possessive is so: « le son » 38,
 * « un son » 21, « du son » 18, « un ton » 6, « le/la/les vôtre(s) » 22,
 * « ce son » 3, « au son » 3, « le ton » and « du ton » 2 each, « le
 * leur » 1; none is a determiner before a noun. « au » and « aux » hold
 * an article. No judged query moved (tests/relevance, both held-out
 * batches): « que faire si le son grésille ? » keeps « son », but the
 * possessive « son » of every page matches it too, and no page writes
 * « grésille » (the answer says « craquements »). */
static int query_after_determiner(const query_item *items, size_t i)
{
    const query_item *it = &items[i], *prev = i > 0 ? &items[i - 1] : NULL;
    if (!prev || prev->kind != QUERY_ITEM_WORD || prev->neg || prev->prefix || prev->ends ||
        prev->npos == 0 || it->npos != 1)
        return 0;
    const char *before = query_pos_surface(&prev->pos[prev->npos - 1]);
    return query_in_list(query_pos_surface(&it->pos[0]), query_possessives,
                         sizeof query_possessives / sizeof query_possessives[0]) &&
           (query_in_list(before, query_determiners,
                          sizeof query_determiners / sizeof query_determiners[0]) ||
            strcmp(before, "au") == 0 || strcmp(before, "aux") == 0);
}

/* Is it a letter that French elides (« c », « d », « l », « s »…)
 * standing alone? The analyzer strips an elided letter from its word
 * (« l'abri », and « l abri » typed without the apostrophe: query_join_elisions),
 * so a letter left alone stood before a consonant or at the end, where
 * French elides nothing: a name (« trier un tableau en C », « vitamine
 * C »), a unit, a key, not « ce » or « de ». */
static int query_lone_letter(const query_item *it)
{
    if (it->npos != 1)
        return 0;
    const char *w = query_pos_surface(&it->pos[0]);
    return w[0] && !w[1] && strchr("cdjlmnst", w[0]);
}

/* The nouns of French prepositional locutions (« au lieu de », « à cause
 * de », « en cas de », « à l'aide de »), of interrogative ones
 * (« combien de temps », « de quelle manière », « pour quelle raison »)
 * and of adverbials of frequency (« tous les jours », « chaque semaine »):
 * the locution is a preposition, an interrogative or an adverb, its noun
 * names no topic, and is a function word (query_function_word). Each entry: the
 * words before the noun, unaccented (an elided « l' » is stripped by the
 * analyzer), then the noun. Written from French grammar; « à partir de »
 * was measured out (« comment calculer l'âge à partir de la date de
 * naissance ? » 0.947 -> 0.883: the answers say « à partir de » too);
 * « au cours de » left out: « au cours de français » is a class. */
enum { QUERY_BEFORE_ANY, QUERY_BEFORE_DE, QUERY_BEFORE_A };

static const struct {
    const char *w[3]; /* the words before the noun, then the noun */
    int before;       /* what must follow: « de » (« du », « des », « d'un »), « à »,
                       * or anything but « de » (a complement of the noun) */
} query_locutions[] = {
    {{"au", "lieu"}, QUERY_BEFORE_DE},
    {{"a", "cause"}, QUERY_BEFORE_DE},
    {{"en", "cas"}, QUERY_BEFORE_DE},
    {{"au", "moyen"}, QUERY_BEFORE_DE},
    {{"a", "aide"}, QUERY_BEFORE_DE},
    {{"a", "la", "place"}, QUERY_BEFORE_DE},
    {{"au", "sein"}, QUERY_BEFORE_DE},
    {{"a", "propos"}, QUERY_BEFORE_DE},
    {{"en", "raison"}, QUERY_BEFORE_DE},
    {{"du", "fait"}, QUERY_BEFORE_DE},
    {{"a", "egard"}, QUERY_BEFORE_DE},
    {{"en", "depit"}, QUERY_BEFORE_DE},
    {{"a", "force"}, QUERY_BEFORE_DE},
    {{"au", "bout"}, QUERY_BEFORE_DE},
    {{"a", "cote"}, QUERY_BEFORE_DE},
    {{"en", "face"}, QUERY_BEFORE_DE},
    {{"en", "dehors"}, QUERY_BEFORE_DE},
    {{"par", "rapport"}, QUERY_BEFORE_A},
    {{"combien", "de", "temps"}, QUERY_BEFORE_ANY},
    {{"combien", "de", "fois"}, QUERY_BEFORE_ANY},
    {{"quelle", "maniere"}, QUERY_BEFORE_ANY},
    {{"quelle", "facon"}, QUERY_BEFORE_ANY},
    {{"quelle", "raison"}, QUERY_BEFORE_ANY},
    {{"quel", "moment"}, QUERY_BEFORE_ANY},
    {{"tous", "les", "jours"}, QUERY_BEFORE_ANY},
    {{"tous", "les", "soirs"}, QUERY_BEFORE_ANY},
    {{"tous", "les", "matins"}, QUERY_BEFORE_ANY},
    {{"tous", "les", "mois"}, QUERY_BEFORE_ANY},
    {{"tous", "les", "ans"}, QUERY_BEFORE_ANY},
    {{"toutes", "les", "heures"}, QUERY_BEFORE_ANY},
    {{"toutes", "les", "minutes"}, QUERY_BEFORE_ANY},
    {{"toutes", "les", "semaines"}, QUERY_BEFORE_ANY},
    {{"chaque", "jour"}, QUERY_BEFORE_ANY},
    {{"chaque", "semaine"}, QUERY_BEFORE_ANY},
    {{"chaque", "mois"}, QUERY_BEFORE_ANY},
    {{"chaque", "annee"}, QUERY_BEFORE_ANY},
};

static const char *query_word_at(const query_item *items, size_t n, size_t k);

/* Is items[i] (one word) the noun of such a locution, followed by what
 * it must be (« au sein d'une équipe », not « allaitement au sein »;
 * « à l'aide d'un outil », not « accéder à l'aide juridictionnelle »)? */
static int query_locution_noun(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1)
        return 0;
    size_t k = 0;
    for (size_t j = 0; j < i; j++) {
        if (items[j].kind != QUERY_ITEM_WORD || items[j].neg || items[j].prefix)
            return 0;
        k += items[j].npos;
    }
    const char *w = query_pos_surface(&it->pos[0]);
    const char *next = query_word_at(items, n, k + 1);
    static const char *const de[] = {"de", "des", "du", "un", "une"}; /* « d'un »: d' stripped */
    static const char *const a[] = {"a", "au", "aux"};
    for (size_t l = 0; l < sizeof query_locutions / sizeof query_locutions[0]; l++) {
        size_t m = 0;
        while (m < 3 && query_locutions[l].w[m])
            m++;
        if (strcmp(query_locutions[l].w[m - 1], w) != 0 || k < m - 1)
            continue;
        if (query_locutions[l].before == QUERY_BEFORE_DE &&
            (!next || !query_in_list(next, de, sizeof de / sizeof de[0])))
            continue;
        if (query_locutions[l].before == QUERY_BEFORE_A &&
            (!next || !query_in_list(next, a, sizeof a / sizeof a[0])))
            continue;
        /* « combien de temps de travail », « chaque jour de congé »: the
         * noun has a complement, it is the topic. */
        if (query_locutions[l].before == QUERY_BEFORE_ANY && next && query_in_list(next, de, 3))
            continue;
        size_t b = 0;
        while (b + 1 < m) {
            const char *prev = query_word_at(items, n, k - (m - 1) + b);
            if (!prev || strcmp(prev, query_locutions[l].w[b]) != 0)
                break;
            b++;
        }
        if (b + 1 == m)
            return 1;
    }
    return 0;
}

/* French conjunctive locutions (« tant que », « alors que », « parce
 * que », « bien que », « afin que », « à mesure que », « étant donné
 * que »): the words before « que » make a conjunction with it, grammar
 * that names no topic, like the prepositional locutions above. Each
 * entry: the words before « que », unaccented. Written from French
 * grammar; « sans que » left out (« sans » says something, and has its
 * own rule: query_sans_object), « pour que » needs nothing (« pour » is
 * a function word). */
/* clang-format off */
static const char *const query_conjunctions[][3] = {
    {"tant"}, {"alors"}, {"parce"}, {"bien"}, {"pendant"}, {"afin"}, {"avant"}, {"apres"},
    {"depuis"}, {"ainsi"}, {"tandis"}, {"plutot"}, {"sauf"}, {"vu"}, {"autant"},
    {"maintenant"}, {"pourvu"}, {"encore"},
    {"a", "mesure"}, {"de", "sorte"}, {"en", "sorte"}, {"a", "condition"}, {"a", "moins"},
    {"une", "fois"}, {"etant", "donne"}, {"en", "attendant"}, {"de", "facon"},
    {"de", "maniere"},
};
/* clang-format on */

/* Is items[i] (one word) a word of such a locution, « que » or « qu' »
 * following it? */
static int query_conjunction_word(const query_item *items, size_t n, size_t i)
{
    for (size_t l = 0; l < sizeof query_conjunctions / sizeof query_conjunctions[0]; l++) {
        size_t m = 0;
        while (m < 3 && query_conjunctions[l][m])
            m++;
        for (size_t p = 0; p < m; p++) {
            if (p > i || i - p + m >= n)
                continue;
            size_t first = i - p, k;
            for (k = 0; k < m; k++) {
                const query_item *w = &items[first + k];
                if (w->kind != QUERY_ITEM_WORD || w->neg || w->prefix || w->npos != 1 ||
                    (k + 1 < m && w->ends) ||
                    strcmp(query_pos_surface(&w->pos[0]), query_conjunctions[l][k]) != 0)
                    break;
            }
            const query_item *q = &items[first + m];
            if (k == m && !items[first + m - 1].ends && q->kind == QUERY_ITEM_WORD && !q->neg &&
                !q->prefix && q->npos > 0 &&
                (q->after_qu || strcmp(query_pos_surface(&q->pos[0]), "que") == 0))
                return 1;
        }
    }
    return 0;
}

/* A plain word made of function words only (« une », « est-ce »),
 * compared unaccented. A determiner that ends its clause is none: no noun
 * follows it, so it is a noun (« pourquoi je n'ai pas de son ? »: the
 * sound; « le la », the note). Measured on the held-out set
 * (tests/relevance/heldout): « pourquoi je n'ai pas de son ? » 0.000 ->
 * 0.821, class question 0.7511 -> 0.8194, nothing else moved in either
 * set. Dropping the « pas » of a question's « ne … pas » too (it says no
 * topic) was tried: « pas de son » 0.931, but « pourquoi mon wifi ne
 * marche pas ? » 0.228 -> 0.121 and « que faire si l'ordinateur ne
 * s'allume pas ? » 0.983 -> 0.959 (class 0.8178); with « plus », « jamais »,
 * « rien », « point » as well, « comment réparer un système qui ne démarre
 * plus ? » 0.906 -> 0.707. So « pas » stays a word. */
static int query_function_word(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos == 0)
        return 0;
    if ((i > 0 && items[i - 1].kind == QUERY_ITEM_OR) ||
        (i + 1 < n && items[i + 1].kind == QUERY_ITEM_OR))
        return 0;
    if (it->ends && it->npos == 1 &&
        query_in_list(query_pos_surface(&it->pos[0]), query_determiners,
                      sizeof query_determiners / sizeof query_determiners[0]))
        return 0;
    if (query_after_determiner(items, i))
        return 0;
    if (query_lone_letter(it))
        return 0;
    if (query_locution_noun(items, n, i) || query_conjunction_word(items, n, i))
        return 1;
    for (size_t k = 0; k < it->npos; k++)
        if (!query_in_list(query_pos_surface(&it->pos[k]), query_function_words,
                           sizeof query_function_words / sizeof query_function_words[0]))
            return 0;
    return 1;
}

/* The subject pronoun a question puts after its verb (« aident-ils »,
 * « doit-on », « va-t-il ») is no word to look for: the compound becomes
 * its verb. */
static const char *const query_pronouns[] = {"elle", "elles", "il", "ils", "je",
                                             "nous", "on",    "t",  "tu",  "vous"};

static void query_trim_pronouns(query_item *it)
{
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix)
        return;
    size_t n = it->npos;
    while (n > 1 && query_in_list(query_pos_surface(&it->pos[n - 1]), query_pronouns,
                                  sizeof query_pronouns / sizeof query_pronouns[0]))
        n--;
    if (n == it->npos)
        return;
    for (size_t k = n; k < it->npos; k++)
        query_pos_free(&it->pos[k]);
    it->npos = n;
    free(it->whole);
    it->whole = NULL;
}

/* Surface k of the positions items[0..n) hold, read across items (a plain
 * word each), or NULL: « est-ce » and « est ce » both read "est", "ce". */
static const char *query_word_at(const query_item *items, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        if (items[i].kind != QUERY_ITEM_WORD || items[i].neg || items[i].prefix)
            return NULL;
        if (k < items[i].npos)
            return query_pos_surface(&items[i].pos[k]);
        k -= items[i].npos;
    }
    return NULL;
}

/* The prepositions before which an interrogative still opens a question
 * (« à qui s'adresser », « de quoi a besoin une victime », « à partir de
 * quel âge », « jusqu'à quand »), unaccented; and the interrogatives that
 * do so after them: not « que » (« pour que » is « so that »), nor « ou »
 * (« pour ou contre »). */
static const char *const query_ask_prepositions[] = {
    "a",     "aupres", "avec", "chez",   "contre", "dans",  "de",   "depuis", "en",
    "entre", "jusqu",  "par",  "partir", "pour",   "selon", "sous", "sur",    "vers",
};

static const char *const query_asked_after[] = {
    "combien", "quand", "quel", "quelle", "quels", "quelles", "qui", "quoi",
};

#define QUERY_ASK_MAX_LEAD 3 /* « à partir de » */

/* Do the text's first words ask by a preposition or up to three, then an
 * interrogative? */
static int query_asks_after_preposition(const query_item *items, size_t n)
{
    size_t k = 0;
    const char *w;
    while (k < QUERY_ASK_MAX_LEAD && (w = query_word_at(items, n, k)) &&
           query_in_list(w, query_ask_prepositions,
                         sizeof query_ask_prepositions / sizeof query_ask_prepositions[0]))
        k++;
    return k > 0 && (w = query_word_at(items, n, k)) &&
           query_in_list(w, query_asked_after,
                         sizeof query_asked_after / sizeof query_asked_after[0]);
}

/* Does the text ask a question by its first words, « ? » or not? An
 * interrogative (« comment », « que faire »), « où » with or without its
 * accent, or « est-ce » (« qu'est-ce que », « est-ce que »), written
 * with or without its hyphen and apostrophe: « qu est ce qu une adresse
 * ip » is « qu'est-ce qu'une adresse IP ? » typed quickly. « ou » is « or »
 * between words; typed first in the query (at_start) and followed by another
 * word, it is « où » without its accent (« ou porter plainte », « ou
 * trouver de l aide »), a query having nothing before it to join; « OU »
 * in capitals is the operator typed out of place (query_lex_fix_or), left
 * a word. Or prepositions, then an interrogative
 * (query_asks_after_preposition). */
static int query_asks(const query_item *items, size_t n, int at_start)
{
    if (n == 0 || items[0].kind != QUERY_ITEM_WORD || items[0].neg || items[0].prefix)
        return 0;
    const query_pos *p = &items[0].pos[0];
    if (items[0].npos == 1 &&
        (query_in_list(query_pos_surface(p), query_interrogatives,
                       sizeof query_interrogatives / sizeof query_interrogatives[0]) ||
         strcmp(p->exact + 1, "o\xC3\xB9") == 0 ||
         (at_start && strcmp(p->exact + 1, "ou") == 0 && !items[0].or_word[0] && n > 1)))
        return 1;
    const char *first = query_word_at(items, n, 0), *second = query_word_at(items, n, 1);
    if (first && second && strcmp(first, "est") == 0 && strcmp(second, "ce") == 0)
        return 1;
    return query_asks_after_preposition(items, n);
}

/* The words before which a subject pronoun is elided, not inverted (« s'il »,
 * « qu'on », « lorsqu'elle »), unaccented. */
static const char *const query_elided[] = {"c", "d",      "j",  "jusqu", "l",  "lorsqu", "m",
                                           "n", "puisqu", "qu", "s",     "si", "quoiqu"};

static const char *const query_subjects[] = {"elle", "elles", "il", "ils", "je", "tu"};

/* The auxiliary and modal verbs after which a subject pronoun typed as a
 * word of its own, without the hyphen, is inverted too (« peut elle »,
 * « faut il »), unaccented; not « puis » (« puis il part »: then). The
 * questions of the three judged sets typed without accents, apostrophes,
 * hyphens or « ? »: tests/relevance 0.8857 -> 0.8967 (« une victime sans
 * papiers peut elle obtenir un titre de sejour » 0.641 -> 0.884). */
static const char *const query_inverting[] = {
    "ai",      "avez", "avons",  "devez",   "devons", "dois", "doit",
    "doivent", "es",   "est",    "etes",    "faut",   "ont",  "peut",
    "peuvent", "peux", "pouvez", "pouvons", "sommes", "sont", "suis",
};

/* Is items[i] a subject pronoun typed apart after such a verb? */
static int query_inverted_apart(const query_item *items, size_t i)
{
    const query_item *it = &items[i], *prev = i > 0 ? &items[i - 1] : NULL;
    if (!prev || it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1 ||
        prev->kind != QUERY_ITEM_WORD || prev->neg || prev->prefix || prev->ends || prev->npos == 0)
        return 0;
    const char *last = query_pos_surface(&it->pos[0]);
    const char *verb = query_pos_surface(&prev->pos[prev->npos - 1]);
    return (query_in_list(last, query_subjects, sizeof query_subjects / sizeof query_subjects[0]) ||
            strcmp(last, "on") == 0) &&
           query_in_list(verb, query_inverting, sizeof query_inverting / sizeof query_inverting[0]);
}

/* Does the text ask by inverting a verb and its subject pronoun, anywhere
 * (« une victime sans papiers peut-elle obtenir… », « puis-je », « a-t-il »,
 * « faut-il »)? French puts a subject pronoun after its verb, joined by a
 * hyphen, only to ask (or in an incise, « dit-il », which nobody types in
 * a search box). « nous » and « vous » are not counted: after an
 * imperative they are objects (« connectez-vous », « rendez-vous »); and
 * « -on » only after an auxiliary or modal verb of a question
 * (query_function_words: « peut-on », « doit-on », « est-on ») or a
 * euphonic t (« va-t-on »): English compounds end in it (« add-on »,
 * « reset-on », « wake-on »: 8 of the 10 commonest « X-on » of the scale
 * corpus). */
static int query_inverts(const query_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const query_item *it = &items[i];
        if (query_inverted_apart(items, i))
            return 1;
        if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos < 2)
            continue;
        const char *last = query_pos_surface(&it->pos[it->npos - 1]);
        const char *verb = query_pos_surface(&it->pos[it->npos - 2]);
        if (query_in_list(verb, query_elided, sizeof query_elided / sizeof query_elided[0]))
            continue;
        if (query_in_list(last, query_subjects, sizeof query_subjects / sizeof query_subjects[0]))
            return 1;
        if (strcmp(last, "on") == 0 &&
            (strcmp(verb, "t") == 0 ||
             query_in_list(verb, query_function_words,
                           sizeof query_function_words / sizeof query_function_words[0])))
            return 1;
    }
    return 0;
}

/* Does a clause after the first open with an interrogative (« j'ai été
 * victime de traite, que faire », « titre de séjour : comment
 * l'obtenir »)? */
static int query_asks_later(const query_item *items, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (items[i - 1].ends && query_asks(items + i, n - i, 0))
            return 1;
    return 0;
}

/* Does « quoi » stand anywhere among the words? In a search box it asks
 * wherever it is (« c'est quoi la traite », « le 115 sert à quoi »). */
static int query_says_quoi(const query_item *items, size_t n)
{
    const char *w;
    for (size_t k = 0; (w = query_word_at(items, n, k)) != NULL; k++)
        if (strcmp(w, "quoi") == 0)
            return 1;
    return 0;
}

/* Does the text ask what a word means: « que veut dire … », « que
 * signifie … », « qu'est-ce que … », « définition de … »? A glossary's
 * line (« MIPROF : Mission interministérielle … ») answers it. */
static int query_asks_meaning(const query_item *items, size_t n, const char *text, size_t len)
{
    const char *w0 = query_word_at(items, n, 0), *w1 = query_word_at(items, n, 1);
    const char *w2 = query_word_at(items, n, 2);
    if (!w0)
        return 0;
    if (strcmp(w0, "definition") == 0 || strcmp(w0, "signification") == 0)
        return 1;
    if (!w1)
        return 0;
    if (strcmp(w0, "que") == 0)
        return strcmp(w1, "signifie") == 0 || strcmp(w1, "signifient") == 0 ||
               ((strcmp(w1, "veut") == 0 || strcmp(w1, "veulent") == 0) && w2 &&
                strcmp(w2, "dire") == 0);
    /* « qu'est-ce que », not « est-ce que » (a yes or no question): the
     * text's first letters, after spaces, quotes or guillemets (w0 being
     * « est », no other word comes first). */
    size_t i = 0;
    while (i < len && !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
        i++;
    return strcmp(w0, "est") == 0 && strcmp(w1, "ce") == 0 && i + 2 <= len &&
           (text[i] == 'q' || text[i] == 'Q') && (text[i + 1] == 'u' || text[i + 1] == 'U');
}

/* Is items[i] « savoir » opening an indirect question, before an
 * interrogative or « si » (« comment savoir quel paquet a installé un
 * fichier ? », « comment savoir si … »)? The page answers the question
 * asked after it and does not say « savoir »; not before « que » (« savoir
 * que … », to know that). */
static int query_asks_indirectly(const query_item *items, size_t n, size_t i)
{
    const char *w = query_word_at(items + i, n - i, 0);
    const char *next = query_word_at(items + i, n - i, 1);
    if (!w || !next || items[i].npos != 1 || items[i].ends || strcmp(w, "savoir") != 0)
        return 0;
    return strcmp(next, "si") == 0 || strcmp(next, "ou") == 0 ||
           (strcmp(next, "que") != 0 &&
            query_in_list(next, query_interrogatives,
                          sizeof query_interrogatives / sizeof query_interrogatives[0]));
}

/* Does w end as an infinitive (-er, -ir, -oir, -re)? After « sans le »,
 * « sans la », « sans les », « sans l' » such a word is a verb whose object
 * the pronoun is (« sans le signer », « sans l'ouvrir »), the action the
 * person wants done, not a thing to go without. Nouns so ending (« sans
 * le clavier », « sans le titre ») are left as words too. */
static int query_infinitive_end(const char *w)
{
    size_t len = strlen(w);
    return len > 3 && ((w[len - 1] == 'r' && (w[len - 2] == 'e' || w[len - 2] == 'i')) ||
                       (w[len - 2] == 'r' && w[len - 1] == 'e'));
}

/* When items[i] is « sans » before a determiner and a noun (« sans
 * l'assistant », « sans un compte », « sans mon mot de passe »: its first
 * word), the index of that noun, else 0. A question asks how to do
 * something without it: the pages that answer describe the other way and
 * seldom name it, while the pages about it (« Assistant Requête »,
 * « Assistant Requête - Ordre de tri »…) have every other word of the
 * question. A bare noun after « sans » makes a compound (« sans fil »,
 * « sans papiers », « sans abri »), and stays. */
static size_t query_sans_object(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (i + 1 >= n || it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1 ||
        it->ends || strcmp(query_pos_surface(&it->pos[0]), "sans") != 0)
        return 0;
    size_t k = i + 1;
    const query_item *d = &items[k];
    if (d->kind != QUERY_ITEM_WORD || d->neg || d->prefix || d->npos == 0)
        return 0;
    int pronoun = d->article; /* « l' » may be the verb's object */
    if (!d->article) {
        const char *det = query_pos_surface(&d->pos[0]);
        if (d->npos != 1 || d->ends || ++k >= n ||
            !query_in_list(det, query_determiners,
                           sizeof query_determiners / sizeof query_determiners[0]))
            return 0;
        pronoun = !strcmp(det, "le") || !strcmp(det, "la") || !strcmp(det, "les");
    }
    const query_item *o = &items[k];
    if (o->kind != QUERY_ITEM_WORD || o->neg || o->prefix || o->npos == 0 ||
        (pronoun && query_infinitive_end(query_pos_surface(&o->pos[0]))))
        return 0;
    return k;
}

/* Is items[i] « sans » with such a noun, or that noun? Neither is a word
 * to look for in a question. */
static int query_negated(const query_item *items, size_t n, size_t i)
{
    if (query_sans_object(items, n, i))
        return 1;
    for (size_t j = i >= 2 ? i - 2 : 0; j < i; j++)
        if (query_sans_object(items, n, j) == i)
            return 1;
    return 0;
}

/* Is items[i] the name of the program a question is asked in: its last
 * word, a bare name after « dans » or « avec » (« comment figer les volets
 * dans calc ? », « comment signer un document avec openpgp ? »)? Every
 * page of that program's help is about it, and the page that answers
 * seldom names it, while pages that only mention the program have it: a
 * question's relaxed order does not count it, though it matches and
 * scores. Not after « sur », « sous » (the platform, which a question of
 * installing or running asks about: « est-ce que texworks fonctionne sous
 * windows ? »), nor « en » (what a thing becomes: « convertir un script
 * matlab en scilab »), nor after a determiner (« dans une macro »). */
/* Is w « dans » or « avec », before the place a word is asked in
 * (query_scope_name, query_mark_meaning_scope)? */
static int query_scope_preposition(const char *w)
{
    return w && (strcmp(w, "dans") == 0 || strcmp(w, "avec") == 0);
}

static int query_scope_name(const query_item *items, size_t n, size_t i)
{
    if (i == 0 || i + 1 != n || items[i - 1].npos != 1)
        return 0;
    return query_scope_preposition(query_word_at(items + i - 1, n - i + 1, 0));
}

/* Is items[i] a plain word of one position that a question requires? */
static int query_plain_kept(const query_item *items, size_t i)
{
    return items[i].kind == QUERY_ITEM_WORD && !items[i].neg && !items[i].prefix &&
           !items[i].dropped && items[i].npos == 1;
}

/* « quelle est la différence entre les MPM prefork et worker ? », « entre
 * fork et vfork ? »: a question that sets two things side by side names
 * them on either side of the « et » of its « entre … et », and each one's
 * own page answers it, though it seldom names the other. The word before
 * that « et » and the one word after it, the question's last, are marked
 * either (query_expr.either): the relaxed order counts a row with one of
 * them as having both. Only a single word after « et »: « entre un lien
 * symbolique et un lien physique » pairs no words; and only when a word
 * that compares comes before « entre » (query_comparing): « partager un
 * fichier entre windows et linux ? » asks for both. */
static const char *const query_comparing[] = {
    "choisir",     "choix",        "comparaison", "comparer",   "difference",
    "differences", "differencier", "distinction", "distinguer",
};

static void query_mark_either(query_item *items, size_t n)
{
    size_t i = 0;
    int compares = 0;
    while (i < n && !(query_word_at(items + i, 1, 0) && items[i].npos == 1 &&
                      strcmp(query_word_at(items + i, 1, 0), "entre") == 0)) {
        const char *w = query_word_at(items + i, 1, 0);
        compares |=
            w && items[i].npos == 1 &&
            query_in_list(w, query_comparing, sizeof query_comparing / sizeof query_comparing[0]);
        i++;
    }
    if (!compares)
        return;
    size_t et = i + 1;
    while (et < n && !(query_word_at(items + et, 1, 0) && items[et].npos == 1 &&
                       strcmp(query_word_at(items + et, 1, 0), "et") == 0))
        et++;
    if (et >= n || et < i + 2 || !query_plain_kept(items, et - 1))
        return;
    size_t b = n, kept = 0;
    for (size_t j = et + 1; j < n; j++)
        if (!items[j].dropped) {
            kept++;
            b = j;
        }
    if (kept != 1 || !query_plain_kept(items, b))
        return;
    items[et - 1].either = 1;
    items[b].either = 1;
}

/* In a question asking what a word means, the words after a « dans » or
 * « avec » that follows it (« qu'est-ce qu'une cible dans un projet
 * autotools ? ») say where the word is used: the page that defines it
 * seldom names that place, pages of the place name it in passing. They
 * are neither required nor counted by the relaxed order (soft, optional),
 * but rank where a row has them. Not a phrase typed in quotes nor a
 * prefix: the person asked for those (« … dans "gnu autotools" ? »). */
static void query_mark_meaning_scope(query_item *items, size_t n)
{
    size_t k = 0;
    while (k < n && (items[k].dropped || !query_positive(&items[k])))
        k++;
    for (size_t j = k + 1; j < n; j++) {
        const char *w = query_word_at(items + j, 1, 0);
        if (items[j].npos != 1 || !query_scope_preposition(w))
            continue;
        for (size_t i = j + 1; i < n; i++)
            if (!items[i].dropped && query_positive(&items[i]) &&
                items[i].kind == QUERY_ITEM_WORD && !items[i].prefix)
                items[i].soft = items[i].optional = 1;
        return;
    }
}

static int query_mark_question(query_item *items, size_t n, const char *text, size_t len)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n'))
        len--;
    int question = (len > 0 && text[len - 1] == '?') || query_asks(items, n, 1) ||
                   query_inverts(items, n) || query_asks_later(items, n) ||
                   query_says_quoi(items, n);
    if (!question)
        return 0;
    for (size_t i = 0; i < n; i++)
        query_trim_pronouns(&items[i]);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += query_positive(&items[i]) && !query_function_word(items, n, i) &&
                !query_asks_indirectly(items, n, i) && !query_negated(items, n, i);
    if (kept == 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        items[i].dropped = query_function_word(items, n, i) || query_asks_indirectly(items, n, i) ||
                           query_negated(items, n, i);
    /* « pourquoi » is not required, but a page whose title or heading
     * asks « Pourquoi … ? » about the same thing answers it (« pourquoi
     * choisir debian »: « Pourquoi la distribution Debian ? »): an
     * exact-form signal of titles and headings (query_term.label_only).
     * Not « comment », « quel »…: documentation titles its sections
     * « Comment … » whatever they answer (every interrogative: summed
     * nDCG@10 of the thirteen sets -0.372, 7 up 15 down). */
    for (size_t i = 0; i < n; i++) {
        const char *w = query_word_at(items + i, n - i, 0);
        items[i].asks = w && items[i].dropped && items[i].npos == 1 && !strcmp(w, "pourquoi");
    }
    /* « que faire si … », « que faire quand … »: the infinitive that
     * opens the question is still a word, but the relaxed order does not
     * count it (query_expr.soft); nor a word that says little alone
     * (query_weak_words: « plus », « tout », « même », « depuis »), which
     * no row needs either (optional, as a keyword query's function words:
     * the spin buttons' page writes « boutons -/+ » for « comment choisir
     * un nombre avec des boutons plus et moins ? »; session 29, r29), nor a
     * preposition of place or time (query_soft_prepositions: « sous »,
     * « devant », « pendant »), nor a light verb before a word
     * (query_light_verbs: « rend », « faire »; a final « que faire ? » is
     * the question itself), nor the program it is asked in
     * (query_scope_name: « … dans calc ? »). */
    const char *w0 = query_word_at(items, n, 0), *w1 = query_word_at(items, n, 1);
    if (n > 2 && w0 && w1 && items[0].npos == 1 && items[1].npos == 1 && !items[1].ends &&
        strcmp(w0, "que") == 0 && strcmp(w1, "faire") == 0)
        items[1].soft = 1;
    for (size_t i = 0; i < n; i++) {
        const char *w = query_word_at(items + i, n - i, 0);
        int light = w && i + 1 < n &&
                    query_in_list(w, query_light_verbs,
                                  sizeof query_light_verbs / sizeof query_light_verbs[0]);
        int weak = w && query_in_list(w, query_weak_words,
                                      sizeof query_weak_words / sizeof query_weak_words[0]);
        if (w && items[i].npos == 1 && !items[i].dropped &&
            (weak || query_soft_preposition(w) || light || query_scope_name(items, n, i))) {
            items[i].soft = 1;
            items[i].optional = weak;
        }
        items[i].light = items[i].soft && light;
    }
    query_mark_either(items, n);
    if (query_asks_meaning(items, n, text, len))
        query_mark_meaning_scope(items, n);
    return 1;
}

/* The prepositions of place and time (query_soft_prepositions) a keyword
 * query's relaxed order still counts, measured out: « aperçu avant
 * impression », « placer l'image derrière le texte » ask for that very
 * relation. Unaccented. */
static const char *const query_keyword_firm_prepositions[] = {"avant", "derriere"};

/* In a keyword query, a preposition of place or time before another word
 * (query_soft_prepositions but query_keyword_firm_prepositions) is soft,
 * as in a question: it matches and scores, but the relaxed order, when no
 * document has every word, does not count it. « répondeur automatique
 * pendant les vacances »: the page on absence notices never writes
 * « pendant », which long pages say in passing; « zéro devant nombre
 * calc ». */
static void query_mark_soft_prepositions(query_item *items, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        const char *w = query_word_at(items + i, n - i, 0);
        if (w && items[i].npos == 1 && query_soft_preposition(w) &&
            !query_in_list(w, query_keyword_firm_prepositions,
                           sizeof query_keyword_firm_prepositions /
                               sizeof query_keyword_firm_prepositions[0]))
            items[i].soft = 1;
    }
}

/* A keyword query's content words before the program it is asked in
 * (query_keyword_scope) that make its name soft. */
#define QUERY_KEYWORD_SCOPE_WORDS 4

/* In a keyword query of many words, the program it is asked in, a bare
 * last word after « dans » or « avec » (query_scope_name: « afficher les
 * images en plein écran dans gthumb »), is soft as in a question: every
 * page of that program's help is about it, and the page that answers
 * seldom names it. Not in a shorter query, where the name is one of few
 * words and the pages of other programs with the rest come in (session
 * 23 measured every keyword query). Measured (33 sets, session 29, r31):
 * four content words or more before « dans », 1 up, 0 down (that query
 * 0.431 -> 1.000); three, 1 up, 1 down (« l'emplacement du terminal
 * courant dans utmp » 1.000 -> 0.983); two or one, 1 up, 5 down
 * (« l'ancrage d'une image dans calc » 0.728 -> 0.538). */
static void query_keyword_scope(query_item *items, size_t n)
{
    if (n < 2 || !query_scope_name(items, n, n - 1))
        return;
    size_t content = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        const char *w = query_word_at(items + i, n - i, 0);
        content += w && items[i].npos == 1 && !query_closed_word(w);
    }
    if (content >= QUERY_KEYWORD_SCOPE_WORDS)
        items[n - 1].soft = 1;
}

/* The words that only a clause has: the negation and the clitic
 * pronouns (« ne », « se », « me », « te »), unaccented. */
static const char *const query_verb_clitics[] = {"me", "ne", "se", "te"};

/* The definite articles before a query's first noun: « l'ombre d'un
 * objet », « le nombre de lignes », « la couleur d'une note ». */
static const char *const query_definite_articles[] = {"la", "le", "les"};

/* A keyword query whose first word that is not a function word comes
 * after a definite article (« l'ombre d'un objet », « la couleur d'une
 * note ») names a thing, and French puts a noun phrase's head first: that
 * noun is what it asks about, the words after it say which one. A page
 * whose title opens with it is the page about it (rank.c,
 * RANK_TITLE_HEAD): « Ombre », not « Bordures », which has a tab on
 * shadows. Marks that word (query_item.head). */
static void query_mark_head(query_item *items, size_t n)
{
    /* A negation or a clitic pronoun makes the query a clause, whose
     * subject is not what it asks (« l'ordinateur ne s'allume pas »). */
    for (size_t i = 0; i < n; i++) {
        const char *w = query_word_at(items + i, n - i, 0);
        if (items[i].clitic ||
            (w && query_in_list(w, query_verb_clitics,
                                sizeof query_verb_clitics / sizeof query_verb_clitics[0])))
            return;
    }
    for (size_t i = 0; i < n; i++) {
        query_item *it = &items[i];
        if (it->kind != QUERY_ITEM_WORD || query_function_word(items, n, i))
            continue;
        const char *before = i > 0 && items[i - 1].kind == QUERY_ITEM_WORD && !items[i - 1].neg &&
                                     items[i - 1].npos == 1
                                 ? query_pos_surface(&items[i - 1].pos[0])
                                 : NULL;
        it->head =
            !it->neg && !it->prefix && it->npos == 1 &&
            (it->article || (before && query_in_list(before, query_definite_articles,
                                                     sizeof query_definite_articles /
                                                         sizeof query_definite_articles[0])));
        return;
    }
}

/* The indefinite determiners (unaccented), which say how many, not
 * what: « un rapport de bogue pour plusieurs paquets » is answered by
 * « … contre une liste de paquets », « en masse ». Not required in a
 * keyword query before a word, as its function words (a question's
 * relaxed order counting them as function words or as soft words lost,
 * docs/ANALYSIS.md). */
static const char *const query_indefinites[] = {
    "aucun",  "aucune", "certaines", "certains",  "chaque",   "diverses",
    "divers", "maints", "maintes",   "plusieurs", "quelques",
};

/* Is items[i] an indefinite determiner before a word of its clause? */
static int query_indefinite(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    return it->kind == QUERY_ITEM_WORD && !it->neg && !it->prefix && !it->ends && it->npos == 1 &&
           i + 1 < n && items[i + 1].kind == QUERY_ITEM_WORD &&
           query_in_list(query_pos_surface(&it->pos[0]), query_indefinites,
                         sizeof query_indefinites / sizeof query_indefinites[0]);
}

/* Is the adjective at items[i] a superlative's (« le plus petit nombre
 * de la liste », « le moins grand »): a number, not a quantity. */
static int query_superlative(const query_item *items, size_t i)
{
    const char *prev = i > 0 ? query_word_at(items + i - 1, 1, 0) : NULL;
    return prev && (!strcmp(prev, "plus") || !strcmp(prev, "moins"));
}

/* Is items[i] a word of a locution that says how many before a noun
 * (unaccented): « un grand nombre de », « un petit nombre de »,
 * « beaucoup de », « une multitude de », « de nombreux », « de
 * nombreuses »? Like the indefinite determiners (query_indefinites), they
 * say how many, not what: « l'hébergement d'un grand nombre de sites
 * virtuels » is answered by « Hébergement virtuel de masse ». « nombre »
 * alone stays (« le nombre de processus »), and a superlative's
 * (query_superlative). */
static int query_quantity(const query_item *items, size_t n, size_t i)
{
    const char *w = query_word_at(items + i, 1, 0), *next = NULL, *after = NULL, *prev = NULL;
    if (!w || items[i].npos != 1 || items[i].ends || i + 1 >= n)
        return 0;
    next = query_word_at(items + i + 1, 1, 0);
    after = i + 2 < n ? query_word_at(items + i + 2, 1, 0) : NULL;
    prev = i > 0 ? query_word_at(items + i - 1, 1, 0) : NULL;
    if (!next)
        return 0;
    int de = !strcmp(next, "de") || !strcmp(next, "d");
    if ((!strcmp(w, "beaucoup") || !strcmp(w, "multitude")) && de)
        return 1;
    if (!strcmp(w, "nombreux") || !strcmp(w, "nombreuses"))
        return 1;
    if ((!strcmp(w, "grand") || !strcmp(w, "petit")) && !strcmp(next, "nombre") && after &&
        (!strcmp(after, "de") || !strcmp(after, "d")))
        return !query_superlative(items, i);
    return !strcmp(w, "nombre") && de && prev &&
           (!strcmp(prev, "grand") || !strcmp(prev, "petit")) && !query_superlative(items, i - 1);
}

/* The nouns that name a general account of a subject, not the subject
 * (unaccented): « panorama », « généralités », « survol », and the
 * locutions « vue d'ensemble », « tour d'horizon » (both words). A page
 * about the subject names its account otherwise (« présentation »,
 * « exposé général », « aperçu ») or not at all. */
static const char *const query_genre_words[] = {"generalites", "panorama", "survol"};
static const char *const query_genre_pairs[][2] = {{"vue", "ensemble"}, {"tour", "horizon"}};

static int query_genre_word(const query_item *items, size_t n, size_t i)
{
    const query_item *it = &items[i];
    if (it->kind != QUERY_ITEM_WORD || it->neg || it->prefix || it->npos != 1)
        return 0;
    const char *w = query_pos_surface(&it->pos[0]);
    if (query_in_list(w, query_genre_words, sizeof query_genre_words / sizeof query_genre_words[0]))
        return 1;
    for (size_t k = 0; k < sizeof query_genre_pairs / sizeof query_genre_pairs[0]; k++)
        for (int side = 0; side < 2; side++) {
            size_t j = side ? i - 1 : i + 1;
            if ((side ? i == 0 : i + 1 >= n) || strcmp(w, query_genre_pairs[k][side]) != 0)
                continue;
            const query_item *o = &items[j];
            if (o->kind == QUERY_ITEM_WORD && !o->neg && !o->prefix && o->npos == 1 &&
                strcmp(query_pos_surface(&o->pos[0]), query_genre_pairs[k][!side]) == 0)
                return 1;
        }
    return 0;
}

/* A keyword query's function words (query_function_word: « une », « de »,
 * « à », « sur »; not « ne », « n' ») are not required, nor its indefinite
 * determiners (query_indefinite) and the nouns naming an overview
 * (query_genre_word): « connexion à un fichier texte » is
 * answered by « Connexion au fichier texte », « l'ordre de tri d'une
 * requête » by « Assistant Requête - Ordre de tri ». They stay clauses,
 * ranked where a row has them (proximity, the span of a text), so that
 * the rows which have them keep the order they had. Not in a query typed
 * with an operator, nor when nothing else is left. */
static int query_optional_word(const query_item *items, size_t n, size_t i)
{
    if (query_indefinite(items, n, i) || query_quantity(items, n, i))
        return 1;
    if (query_genre_word(items, n, i))
        return 1;
    if (!query_function_word(items, n, i))
        return 0;
    /* The negation stays required (« pas », « sans », « non », « ni »,
     * « plus » are no function words). */
    for (size_t k = 0; k < items[i].npos; k++) {
        const char *w = query_pos_surface(&items[i].pos[k]);
        if (!strcmp(w, "ne") || !strcmp(w, "n"))
            return 0;
    }
    return 1;
}

static void query_mark_optional(query_item *items, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const query_item *it = &items[i];
        if (it->neg || it->prefix || it->kind != QUERY_ITEM_WORD)
            return;
        kept += !query_optional_word(items, n, i);
    }
    if (kept == 0)
        return;
    for (size_t i = 0; i < n; i++)
        items[i].optional = query_optional_word(items, n, i);
}

/* A query requires one clause at least: when every clause is optional (a
 * question of weak words only, « pourquoi toujours ? », or asking what a
 * weak word means somewhere, « qu'est-ce que plus dans un projet ? »:
 * query_mark_question), each is required, as query_mark_optional leaves a
 * keyword query of function words only. Else the strict expression would
 * require nothing: FTS5 rejects its empty parentheses. */
static void query_require_some(query *q)
{
    for (size_t i = 0; i < q->nclauses; i++)
        if (!q->clauses[i]->optional)
            return;
    for (size_t i = 0; i < q->nclauses; i++)
        q->clauses[i]->optional = 0;
}

static void query_build(query *q, const query_item *items, size_t n, const synonyms *syn,
                        const synonyms *extra)
{
    size_t i = 0;
    while (i < n) {
        const query_item *it = &items[i];
        if (it->neg) {
            query_add_excl(q, query_single(it, syn, extra, NULL));
            i++;
            continue;
        }
        if (i + 2 < n && items[i + 1].kind == QUERY_ITEM_OR) {
            query_node *alt = query_node_new(QUERY_NODE_OR);
            query_node_kid(alt, query_single(it, syn, extra, NULL));
            while (i + 2 < n && items[i + 1].kind == QUERY_ITEM_OR) {
                query_node_kid(alt, query_single(&items[i + 2], syn, extra, NULL));
                i += 2;
            }
            query_add_clause(q, alt);
            i++;
            continue;
        }
        /* The longest run of plain words that is a synonym side. */
        if (syn && query_plain_word(it)) {
            size_t end = i;
            while (end < n && end - i < QUERY_MAX_SYN_WORDS && query_plain_word(&items[end]) &&
                   !(end + 1 < n && items[end + 1].kind == QUERY_ITEM_OR))
                end++;
            for (size_t e = end; e > i + 1; e--) {
                size_t groups[QUERY_MAX_SYN_GROUPS], sides[QUERY_MAX_SYN_GROUPS];
                size_t ng = query_syn_lookup(syn, items, i, e, groups, sides);
                if (ng == 0)
                    continue;
                query_node *all = query_node_new(QUERY_NODE_AND);
                for (size_t k = i; k < e; k++)
                    query_node_kid(all, query_item_node(&items[k]));
                query_add_clause(q, query_with_synonyms(all, syn, groups, sides, ng, 1));
                i = e;
                goto next;
            }
        }
        if (!it->dropped) {
            int acronym;
            query_add_clause(q, query_single(it, syn, extra, &acronym));
            q->clauses[q->nclauses - 1]->optional = it->optional;
            q->clauses[q->nclauses - 1]->acronym = acronym;
        }
        i++;
    next:;
    }
}

/* The exact-form token of a word's position: its form as typed, and when
 * typed without accents its accented forms with the same letters too
 * ("=accompagnes|~accompagnes"). Caller frees. */
static char *query_exact_piece(const query_pos *p)
{
    buf piece = BUF_INIT;
    buf_puts(&piece, p->exact);
    if (!p->folded) {
        buf_putc(&piece, ANALYZER_ALTERNATIVE);
        buf_putc(&piece, ANALYZER_FOLDED);
        buf_puts(&piece, p->exact + 1);
    }
    return buf_detach(&piece);
}

static void query_add_exact(query *q, query_node *ph)
{
    q->exact = buf_xrealloc(q->exact, (q->nexact + 1) * sizeof q->exact[0]);
    q->exact[q->nexact++] = ph;
}

/* The exact-form boost: one phrase of "=form" tokens per positive word or
 * phrase. A form typed without accents accepts the accented forms with the
 * same letters ("=accompagnes|~accompagnes"): the person could not type
 * them, but did mean this word rather than its stem's other forms. */
static void query_build_exact(query *q, const query_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const query_item *it = &items[i];
        if (!query_positive(it) || it->prefix || (it->dropped && !it->asks))
            continue;
        query_node *ph = query_node_new(QUERY_NODE_PHRASE);
        for (size_t k = 0; k < it->npos; k++)
            query_node_tok(ph, query_exact_piece(&it->pos[k]));
        ph->label_only = it->asks;
        query_add_exact(q, ph);
    }
}

/* The exact-form phrase of a meaning question's term (items[first..last]
 * as typed) followed by « est » and, when determiners is not NULL, by one
 * of them. */
static query_node *query_defining_phrase(const query_item *items, size_t first, size_t last,
                                         const char *determiners)
{
    query_node *ph = query_node_new(QUERY_NODE_PHRASE);
    for (size_t i = first; i <= last; i++)
        for (size_t k = 0; k < items[i].npos; k++)
            query_node_tok(ph, query_exact_piece(&items[i].pos[k]));
    query_node_tok(ph, buf_xstrndup("=est", 4));
    if (determiners)
        query_node_tok(ph, buf_xstrndup(determiners, strlen(determiners)));
    return ph;
}

/* A question asking what a term means (« qu'est-ce qu'un fichier PO ? »):
 * the term's words as typed followed by « est » are one more exact-form
 * phrase, so that the page that defines it (« Le fichier PO - C'est le
 * type de fichier… », the elided « c' » not indexed) outranks the pages
 * that use it. The term runs from the first word the question keeps to
 * the last, the function words between them included, and has two words
 * or more. Measured (33 sets, session 29, r31): 1 up, 0 down (heldout31
 * « qu est ce que le glissement intelligent » 0.695 -> 0.748, the
 * chapter that explains the mode third -> second); with a term of one
 * word too, 1 up, 1 down (heldout15 « qu est ce qu un grob » 0.819 ->
 * 0.672). That phrase weighs as any exact form, little: « qu est ce qu
 * un fichier PO » stayed 0.571, three pages with « fichier PO » in their
 * titles far above the definition's. So the term, « est » and a
 * determiner (« … est un / une / le / la … », what the term is, not what
 * is done to it: « la macro-construction est exécutée », « le glissement
 * intelligent est activé ») are a second phrase, the defining one, which
 * rank.c weighs RANK_DEFINING_WEIGHT (session 30). Its term leaves out
 * the place the question names (query_mark_meaning_scope: « … flottant
 * dans lyx ? » defines « flottant ») and may be one word, the determiner
 * keeping it to definitions: 43 sets (2,241 queries) against aa92b8c, 2
 * up, 0 down, +0.520 (heldout42 « qu est ce qu un flottant dans lyx »
 * 0.590 -> 1.000, heldout29 « qu'est-ce qu'une cible dans un projet
 * autotools ? » 0.506 -> 0.616; both seen before, disclosed); the place
 * left out alone moves nothing. */
static void query_build_defining(query *q, const query_item *items, size_t n)
{
    if (!q->meaning)
        return;
    size_t first = n, last = 0, kept = 0, tfirst = n, tlast = 0, tkept = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].kind != QUERY_ITEM_WORD || items[i].neg || items[i].prefix)
            return;
        if (!items[i].dropped) {
            first = first < n ? first : i;
            last = i;
            kept++;
            if (!(items[i].soft && items[i].optional)) {
                tfirst = tfirst < n ? tfirst : i;
                tlast = i;
                tkept++;
            }
        }
    }
    if (kept >= 2)
        query_add_exact(q, query_defining_phrase(items, first, last, NULL));
    if (tkept == 0)
        return;
    query_node *ph = query_defining_phrase(items, tfirst, tlast, "=un|=une|=le|=la|=les|=des|=du");
    ph->defining = 1;
    query_add_exact(q, ph);
}

int query_parse(const char *text, size_t len, const synonyms *syn, query **out, char *err,
                size_t errlen)
{
    return query_parse_with(text, len, syn, NULL, out, err, errlen);
}

int query_parse_with(const char *text, size_t len, const synonyms *syn, const synonyms *extra,
                     query **out, char *err, size_t errlen)
{
    query_lex lx = {NULL, 0, 0};
    query *q = NULL;
    int result = QUERY_EMPTY;

    *out = NULL;
    if (!text)
        len = 0;
    if (len > QUERY_MAX_BYTES)
        len = QUERY_MAX_BYTES;
    buf joined = BUF_INIT;
    query_join_elisions(text, len, &joined);
    query_lex_run(&lx, joined.data ? joined.data : "", joined.len);
    query_lex_fix_or(&lx);
    if (text_shouted(joined.data ? joined.data : "", joined.len))
        for (size_t i = 0; i < lx.nitems; i++)
            lx.items[i].caps = 0;
    int question =
        query_mark_question(lx.items, lx.nitems, joined.data ? joined.data : "", joined.len);
    if (!question) {
        query_mark_optional(lx.items, lx.nitems);
        query_mark_soft_prepositions(lx.items, lx.nitems);
        query_keyword_scope(lx.items, lx.nitems);
        query_mark_head(lx.items, lx.nitems);
    }
    int meaning = question && query_asks_meaning(lx.items, lx.nitems,
                                                 joined.data ? joined.data : "", joined.len);
    buf_free(&joined);

    q = buf_xrealloc(NULL, sizeof *q);
    memset(q, 0, sizeof *q);
    q->question = question;
    q->meaning = meaning;
    for (size_t i = 0; i < lx.nitems; i++) {
        const query_item *it = &lx.items[i];
        q->operators |= it->neg || it->prefix || it->kind != QUERY_ITEM_WORD;
    }
    query_build(q, lx.items, lx.nitems, syn, extra);
    query_require_some(q);
    if (q->nclauses == 0) {
        snprintf(err, errlen, "%s",
                 q->nexcl > 0 ? "the query only excludes words: add a word to look for"
                              : "the query has no word to look for");
        goto cleanup;
    }
    query_build_exact(q, lx.items, lx.nitems);
    query_build_defining(q, lx.items, lx.nitems);
    *out = q;
    q = NULL;
    result = QUERY_OK;
cleanup:
    for (size_t i = 0; i < lx.nitems; i++)
        query_item_free(&lx.items[i]);
    free(lx.items);
    query_free(q);
    return result;
}

void query_free(query *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->nclauses; i++)
        query_node_free(q->clauses[i]);
    free(q->clauses);
    for (size_t i = 0; i < q->nexcl; i++)
        query_node_free(q->excl[i]);
    free(q->excl);
    for (size_t i = 0; i < q->nexact; i++)
        query_node_free(q->exact[i]);
    free(q->exact);
    free(q);
}

size_t query_clauses(const query *q)
{
    return q ? q->nclauses : 0;
}

int query_is_question(const query *q)
{
    return q && q->question;
}

int query_asks_what_means(const query *q)
{
    return q && q->meaning;
}

int query_has_operators(const query *q)
{
    return q && q->operators;
}

/* A clause of one word typed that says little alone (query_node.common). */
static int query_clause_common(const query_node *n)
{
    return n->kind == QUERY_NODE_PHRASE && n->common;
}

size_t query_content_clauses(const query *q)
{
    size_t n = 0;
    for (size_t i = 0; q && i < q->nclauses; i++)
        n += !query_clause_common(q->clauses[i]);
    return n;
}

/* The content words typed in a clause: one for a word, each of them for
 * a phrase of a synonym group typed whole (its first reading, the words
 * as typed: « ordre du jour » counts two, its « odj » none more), each
 * part of a compound written by its stem (« arrière-plan » counts two, as
 * « arrière plan »; « en-tête » one, its « en » a closed word written by
 * its forms, query_pos_piece, as « en tête »). */
static size_t query_clause_words(const query_node *n)
{
    if (n->kind == QUERY_NODE_PHRASE && n->ntoks > 1) {
        size_t stems = 0;
        for (size_t i = 0; !n->common && i < n->ntoks; i++)
            stems += n->toks[i][0] == ANALYZER_VERBATIM;
        return stems ? stems : !n->common;
    }
    if (n->kind == QUERY_NODE_PHRASE)
        return !n->common;
    if (n->kind == QUERY_NODE_OR)
        return n->nkids ? query_clause_words(n->kids[0]) : 0;
    size_t words = 0;
    for (size_t i = 0; i < n->nkids; i++)
        words += query_clause_words(n->kids[i]);
    return words;
}

/* Words typed in n, a synonym group's typed side: a phrase's tokens, or the
 * words of an AND of them (a side of words typed apart, matched in any
 * order). */
static size_t query_side_words(const query_node *n)
{
    if (n->kind == QUERY_NODE_PHRASE)
        return n->ntoks;
    size_t words = 0;
    for (size_t i = 0; n->kind == QUERY_NODE_AND && i < n->nkids; i++)
        words += query_side_words(n->kids[i]);
    return words;
}

/* Only a side of words typed apart (an AND, query_build's run of words a
 * group matched): a phrase typed as one word (a compound's, « pense-bête »,
 * whose OR holds its parts and the word glued; an elision's) is the same
 * with no synonym group, and reading it again would find nothing more. */
int query_joins_words(const query *q)
{
    if (!q || q->operators)
        return 0;
    for (size_t i = 0; i < q->nclauses; i++) {
        const query_node *n = q->clauses[i];
        if (n->kind == QUERY_NODE_OR && n->nkids > 0 && n->kids[0]->kind == QUERY_NODE_AND &&
            query_side_words(n->kids[0]) >= 2)
            return 1;
    }
    return 0;
}

size_t query_content_words(const query *q)
{
    size_t n = 0;
    for (size_t i = 0; q && i < q->nclauses; i++)
        n += query_clause_common(q->clauses[i]) ? 0 : query_clause_words(q->clauses[i]);
    return n;
}

void query_drop_common(query *q)
{
    if (query_content_clauses(q) == 0)
        return;
    q->must = 0;
    size_t kept = 0;
    for (size_t i = 0; i < q->nclauses; i++) {
        if (query_clause_common(q->clauses[i]))
            query_node_free(q->clauses[i]);
        else
            q->clauses[kept++] = q->clauses[i];
    }
    q->nclauses = kept;
}

/* Compiling: the FTS5 expression and, for each of its terms, what it
 * stands for, and for each FTS5 phrase (one per quoted string, numbered
 * in text order as FTS5 numbers them) its term. */
typedef struct {
    buf text;
    query_term *terms;
    int nterms, tcap;
    query_phrase *ph;
    int n, cap;
    const query_vocab *v;
    /* While writing: OR nodes open, AND nodes open inside one. FTS5 steps
     * the children of an AND that stands under an OR together, to the
     * AND's next match: at a row that has only some of them, their
     * phrases show no hits. */
    int ors, ands_under_or;
    unsigned char *loose; /* per term: written inside such an AND */
    expr_writer shape;    /* the expression's shape (query_expr.nodes) */
} query_out;

static void query_out_free(query_out *o)
{
    for (int i = 0; i < o->nterms; i++)
        free(o->terms[i].text);
    free(o->terms);
    free(o->loose);
    free(o->ph);
    buf_free(&o->text);
    expr_writer_free(&o->shape);
}

/* A match phrase of the commonest function words only: their pieces are
 * written as forms (query_pos_piece), never as stems; so are a
 * preposition's, which is a word (content, query_node_content). */
static int query_node_function(const query_node *n, query_phrase_kind kind, int content)
{
    if (kind != QUERY_PHRASE_MATCH || n->prefix || n->ntoks == 0)
        return 0;
    for (size_t i = 0; i < n->ntoks; i++)
        if (n->toks[i][0] != ANALYZER_EXACT)
            return 0;
    return !content;
}

/* A match phrase of one preposition of place or time, written as its
 * form (query_pos_piece): content is query_node_content's. */
static int query_node_minor(const query_node *n, query_phrase_kind kind, int content)
{
    return kind == QUERY_PHRASE_MATCH && n->kind == QUERY_NODE_PHRASE && !n->prefix &&
           n->ntoks == 1 && n->toks[0][0] == ANALYZER_EXACT && content;
}

/* A match phrase of one word typed that says little alone
 * (query_says_little). */
static int query_node_common(const query_node *n, query_phrase_kind kind)
{
    return kind == QUERY_PHRASE_MATCH && n->kind == QUERY_NODE_PHRASE && n->common;
}

/* The positions of a PHRASE node that are not among the commonest
 * function words (query_closed_words): those written as stems, but a
 * synonym side's stems found in the list (« de », « la », « a » for « à »),
 * and a preposition of place or time written as its form. */
static int query_node_content(const query_node *n)
{
    int content = 0;
    for (size_t i = 0; i < n->ntoks; i++) {
        const char *tok = n->toks[i];
        const char *end = strchr(tok, ANALYZER_ALTERNATIVE);
        size_t len = end ? (size_t)(end - tok) - 1 : strlen(tok) - 1;
        char word[16];
        int exact = tok[0] == ANALYZER_EXACT;
        if (!exact && tok[0] != ANALYZER_VERBATIM) {
            content++;
            continue;
        }
        if (len >= sizeof word) {
            content += !exact;
            continue;
        }
        memcpy(word, tok + 1, len);
        word[len] = '\0';
        content += exact ? query_soft_preposition(word) : !query_closed_word(word);
    }
    return content;
}

/* Writes a PHRASE node as a new term with its phrases. */
/* Room for one more term (and its loose flag). */
static void query_out_room(query_out *o)
{
    if (o->nterms < o->tcap)
        return;
    o->tcap = o->tcap ? o->tcap * 2 : 16;
    o->terms = buf_xrealloc(o->terms, (size_t)o->tcap * sizeof o->terms[0]);
    o->loose = buf_xrealloc(o->loose, (size_t)o->tcap * sizeof o->loose[0]);
}

/* Appends one FTS5 phrase to the expression's list. */
static void query_out_phrase(query_out *o, query_phrase ph)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->ph = buf_xrealloc(o->ph, (size_t)o->cap * sizeof o->ph[0]);
    }
    o->ph[o->n++] = ph;
}

static void query_out_term(query_out *o, const query_node *n, int clause, query_phrase_kind kind)
{
    size_t at = o->text.len;
    int weak[PIECE_MAX_FORMS];
    int nph = query_term_render(&o->text, &o->shape, n, o->v, weak);
    int content = query_node_content(n);
    query_out_room(o);
    o->loose[o->nterms] = o->ands_under_or > 0;
    o->terms[o->nterms] = (query_term){.clause = clause,
                                       .kind = kind,
                                       .function = query_node_function(n, kind, content),
                                       .common = query_node_common(n, kind),
                                       .related = n->related,
                                       .label_only = n->label_only,
                                       .defining = n->defining,
                                       .content = content,
                                       .minor = query_node_minor(n, kind, content),
                                       .first = o->n,
                                       .n = nph,
                                       .of = -1,
                                       .text = buf_xstrndup(o->text.data + at, o->text.len - at)};
    for (int i = 0; i < nph; i++)
        query_out_phrase(o, (query_phrase){o->nterms, weak[i], -1, -1, 0});
    o->nterms++;
}

/* Writes n as query_node_render does, recording its terms. Two terms
 * AND-ed next to each other inside one clause (the words of a synonym
 * side) are a pair for proximity, as neighbouring clauses are. */
static void query_emit(query_out *o, const query_node *n, int clause, query_phrase_kind kind)
{
    if (n->kind == QUERY_NODE_PHRASE) {
        query_out_term(o, n, clause, kind);
        return;
    }
    if (n->nkids == 1) {
        query_emit(o, n->kids[0], clause, kind);
        return;
    }
    int and_under_or = n->kind == QUERY_NODE_AND && o->ors > 0;
    o->ors += n->kind == QUERY_NODE_OR;
    o->ands_under_or += and_under_or;
    expr_open(&o->text, &o->shape);
    for (size_t i = 0; i < n->nkids; i++) {
        if (i > 0)
            expr_op(&o->text, &o->shape, n->kind == QUERY_NODE_AND ? EXPR_AND : EXPR_OR);
        query_emit(o, n->kids[i], clause, kind);
        if (n->kind == QUERY_NODE_AND && clause >= 0 && i > 0 &&
            n->kids[i - 1]->kind == QUERY_NODE_PHRASE && n->kids[i]->kind == QUERY_NODE_PHRASE)
            o->terms[o->nterms - 1].pair = 1;
    }
    expr_close(&o->text, &o->shape);
    o->ors -= n->kind == QUERY_NODE_OR;
    o->ands_under_or -= and_under_or;
}

/* The bits of n clauses (query.must: a bit each, the first 64). */
static unsigned long long query_all_clauses(size_t n)
{
    return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/* The positive clauses joined by AND (or OR), then NOT the exclusions. */
static void query_emit_base(query_out *o, const query *q, int any)
{
    query_node top;
    memset(&top, 0, sizeof top);
    top.kind = any ? QUERY_NODE_OR : QUERY_NODE_AND;
    top.kids = q->clauses;
    top.nkids = q->nclauses;
    /* Matching every clause, the optional ones are left out (written
     * among the signals by query_compile). */
    size_t need = 0, only = 0;
    for (size_t i = 0; i < top.nkids; i++)
        if (any || !top.kids[i]->optional) {
            need++;
            only = i;
        }
    expr_open(&o->text, &o->shape);
    if (need == 1) {
        query_emit(o, top.kids[only], (int)only, QUERY_PHRASE_MATCH);
    } else if (any && q->must != 0 && q->must != query_all_clauses(top.nkids)) {
        /* (the clauses required, AND-ed) AND (the others OR-ed); with
         * every clause required, the OR-ed side would be empty. */
        int first = 1;
        for (size_t i = 0; i < top.nkids; i++) {
            if (!(q->must >> i & 1))
                continue;
            if (first)
                expr_open(&o->text, &o->shape);
            else
                expr_op(&o->text, &o->shape, EXPR_AND);
            first = 0;
            query_emit(o, top.kids[i], (int)i, QUERY_PHRASE_MATCH);
        }
        expr_close(&o->text, &o->shape);
        expr_op(&o->text, &o->shape, EXPR_AND);
        expr_open(&o->text, &o->shape);
        o->ors++;
        first = 1;
        for (size_t i = 0; i < top.nkids; i++) {
            if (q->must >> i & 1)
                continue;
            if (!first)
                expr_op(&o->text, &o->shape, EXPR_OR);
            first = 0;
            query_emit(o, top.kids[i], (int)i, QUERY_PHRASE_MATCH);
        }
        o->ors--;
        expr_close(&o->text, &o->shape);
    } else {
        expr_open(&o->text, &o->shape);
        o->ors += any;
        int first = 1;
        for (size_t i = 0; i < top.nkids; i++) {
            if (!any && top.kids[i]->optional)
                continue;
            if (!first)
                expr_op(&o->text, &o->shape, any ? EXPR_OR : EXPR_AND);
            first = 0;
            query_emit(o, top.kids[i], (int)i, QUERY_PHRASE_MATCH);
        }
        o->ors -= any;
        expr_close(&o->text, &o->shape);
    }
    expr_close(&o->text, &o->shape);
    if (q->nexcl == 0)
        return;
    query_node alt;
    memset(&alt, 0, sizeof alt);
    alt.kind = QUERY_NODE_OR;
    alt.kids = q->excl;
    alt.nkids = q->nexcl;
    expr_op(&o->text, &o->shape, EXPR_NOT);
    if (q->nexcl == 1)
        expr_open(&o->text, &o->shape);
    query_emit(o, &alt, -1, QUERY_PHRASE_FILTER);
    if (q->nexcl == 1)
        expr_close(&o->text, &o->shape);
}

/* Runs of two or more plain phrases AND-ed one to the next (the words of
 * the query, a synonym side's words) joined into one phrase each: "a" AND
 * "b" AND "c" gives "a b c". A prefix ends a run. */
static void query_runs_of(const query_node *n, query_node ***runs, size_t *nruns)
{
    if (n->kind == QUERY_NODE_PHRASE)
        return;
    size_t from = 0;
    for (size_t i = 0; i <= n->nkids; i++) {
        int plain = i < n->nkids && n->kids[i]->kind == QUERY_NODE_PHRASE && !n->kids[i]->prefix;
        if (plain && n->kind == QUERY_NODE_AND)
            continue;
        if (n->kind == QUERY_NODE_AND && i - from >= 2) {
            query_node *run = query_node_new(QUERY_NODE_PHRASE);
            for (size_t k = from; k < i; k++)
                for (size_t t = 0; t < n->kids[k]->ntoks; t++)
                    query_node_tok(run,
                                   buf_xstrndup(n->kids[k]->toks[t], strlen(n->kids[k]->toks[t])));
            *runs = buf_xrealloc(*runs, (*nruns + 1) * sizeof **runs);
            (*runs)[(*nruns)++] = run;
        }
        if (i < n->nkids)
            query_runs_of(n->kids[i], runs, nruns);
        from = i + 1;
    }
}

/* Emits kids joined by OR as one parenthesised group (the ranked
 * expression's signal part). */
static void query_emit_group(query_out *o, query_node **kids, size_t n, query_phrase_kind kind)
{
    query_node alt;
    memset(&alt, 0, sizeof alt);
    alt.kind = QUERY_NODE_OR;
    alt.kids = kids;
    alt.nkids = n;
    expr_open(&o->text, &o->shape);
    query_emit(o, &alt, -1, kind);
    expr_close(&o->text, &o->shape);
}

/* The length of the quoted string at s (s[0] is '"'), closing quote
 * included, and whether a '*' follows it (a prefix phrase). */
static size_t query_quoted_len(const char *s, int *prefix)
{
    size_t i = 1;
    while (s[i] && !(s[i] == '"' && s[i + 1] != '"'))
        i += s[i] == '"' ? 2 : 1;
    i += s[i] == '"';
    *prefix = s[i] == '*';
    return i;
}

/* Claims for exact-form term x the phrases of match term t that are the
 * forms of text (a word's rendering: one quoted form per phrase), when all
 * of them are among t's phrases, each a plain form of one word, none is
 * claimed yet and t does not stand in an AND under an OR (query_out): the
 * exact forms' hits at every row are then those phrases' own, and the
 * expression need not write them again (FTS5 would read their doclists
 * twice). Returns 1 when claimed. */
static int query_exact_claim(query_out *o, int t, const char *text, int x)
{
    const query_term *m = &o->terms[t];
    int claimed[PIECE_MAX_FORMS];
    int nclaimed = 0, prefix;
    if (m->kind != QUERY_PHRASE_MATCH || m->n > PIECE_MAX_FORMS || o->loose[t])
        return 0;
    for (const char *p = strchr(text, '"'); p; p = strchr(p, '"')) {
        size_t len = query_quoted_len(p, &prefix);
        if (prefix || memchr(p, ' ', len) || memchr(p, '|', len) || nclaimed == m->n)
            return 0;
        int ph = m->first, found = -1;
        for (const char *r = strchr(m->text, '"'); r && found < 0; r = strchr(r, '"'), ph++) {
            int rprefix;
            size_t rlen = query_quoted_len(r, &rprefix);
            if (ph >= m->first + m->n || rprefix || memchr(r, ' ', rlen) || memchr(r, '|', rlen))
                return 0;
            if (rlen == len && memcmp(r, p, len) == 0)
                found = ph;
            r += rlen;
        }
        /* A weak form counts less in its word than as a form typed. */
        if (found < 0 || o->ph[found].exact >= 0 || o->ph[found].weak)
            return 0;
        claimed[nclaimed++] = found;
        p += len;
    }
    if (nclaimed == 0)
        return 0;
    for (int i = 0; i < nclaimed; i++)
        o->ph[claimed[i]].exact = x;
    return 1;
}

/* The alternatives of token k of a phrase's rendering ("!a|!b !c"):
 * alts[0..n) point into text, each of lens[i] bytes. Returns the token
 * count, or -1 when text is no plain quoted phrase of plain forms (a
 * prefix, a doubled quote) or has too many of either. */
#define QUERY_DERIVE_TOKENS 16
#define QUERY_DERIVE_ALTS 64
typedef struct {
    const char *alt[QUERY_DERIVE_ALTS];
    size_t len[QUERY_DERIVE_ALTS];
    int n;
} query_alts;

/* A one-form phrase checking word at of exact-form term x's phrase. */
typedef struct {
    int x, at;
    char *form; /* as the rendering writes it, without quotes */
} query_check;

typedef struct {
    query_check *v;
    size_t n, cap;
} query_checks;

static int query_phrase_alts(const char *text, query_alts *pos)
{
    size_t len = strlen(text);
    if (len < 2 || text[0] != '"' || text[len - 1] != '"' || memchr(text + 1, '"', len - 2))
        return -1;
    int k = 0;
    const char *p = text + 1, *end = text + len - 1;
    while (p < end) {
        if (k == QUERY_DERIVE_TOKENS)
            return -1;
        const char *tok_end = memchr(p, ' ', (size_t)(end - p));
        if (!tok_end)
            tok_end = end;
        pos[k].n = 0;
        for (const char *a = p; a < tok_end;) {
            const char *bar = memchr(a, '|', (size_t)(tok_end - a));
            if (!bar)
                bar = tok_end;
            if (pos[k].n == QUERY_DERIVE_ALTS || bar == a)
                return -1;
            pos[k].alt[pos[k].n] = a;
            pos[k].len[pos[k].n++] = (size_t)(bar - a);
            a = bar + (bar < tok_end);
        }
        k++;
        p = tok_end + 1;
    }
    return k;
}

static int query_alts_has(const query_alts *a, const char *s, size_t len)
{
    for (int i = 0; i < a->n; i++)
        if (a->len[i] == len && memcmp(a->alt[i], s, len) == 0)
            return 1;
    return 0;
}

/* Can the exact-form phrase text (a quoted phrase of several words) be
 * read off match term t? When t is one phrase of as many words whose
 * alternatives at each word include text's: text's hits are t's where
 * each word whose alternatives differ is one of text's forms, which
 * one-form phrases in the signal part tell (query_exact_derive). FTS5
 * then matches one phrase of the words instead of two: each candidate row
 * of a phrase costs the position lists of all its words, « de » included
 * (« "ligne de commande" » 61M -> 36M instructions to match on the scale
 * corpus). */
static int query_exact_derivable(const query_out *o, int t, const char *text, query_alts *e,
                                 query_alts *p)
{
    const query_term *m = &o->terms[t];
    if (m->kind != QUERY_PHRASE_MATCH || m->n != 1 || o->loose[t])
        return 0;
    int n = query_phrase_alts(text, e);
    if (n < 2 || query_phrase_alts(m->text, p) != n)
        return 0;
    for (int k = 0; k < n; k++)
        for (int i = 0; i < e[k].n; i++)
            if (!query_alts_has(&p[k], e[k].alt[i], e[k].len[i]))
                return 0;
    return n;
}

/* Makes text an exact-form term read off match term t
 * (query_exact_derivable), its check phrases appended to checks. */
static void query_exact_derive(query_out *o, int t, const char *text, query_checks *checks)
{
    query_alts e[QUERY_DERIVE_TOKENS], p[QUERY_DERIVE_TOKENS];
    int n = query_exact_derivable(o, t, text, e, p), x = o->nterms;
    query_out_room(o);
    o->loose[x] = 0;
    o->terms[o->nterms++] = (query_term){.clause = -1,
                                         .kind = QUERY_PHRASE_EXACT,
                                         .first = o->n,
                                         .n = 0,
                                         .of = o->terms[t].first,
                                         .text = buf_xstrndup(text, strlen(text))};
    for (int k = 0; k < n; k++) {
        if (e[k].n == p[k].n)
            continue;
        for (int i = 0; i < e[k].n; i++) {
            checks->v = buf_xgrow(checks->v, &checks->cap, checks->n + 1, sizeof *checks->v);
            checks->v[checks->n++] = (query_check){x, k, buf_xstrndup(e[k].alt[i], e[k].len[i])};
        }
    }
}

/* The signal part's exact forms: left[0..n) OR-ed as one group, except
 * those read off a match term (of[i] >= 0), made terms in their place so
 * that the terms keep q->exact's order. Returns the number written. */
static size_t query_emit_exact(query_out *o, query_node **left, const int *of, char **texts,
                               size_t n, query_checks *checks)
{
    size_t nw = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        nw += of[i] < 0;
    if (nw > 0)
        expr_open(&o->text, &o->shape);
    if (nw > 1)
        expr_open(&o->text, &o->shape);
    o->ors += nw > 1;
    for (size_t i = 0; i < n; i++) {
        if (of[i] >= 0) {
            query_exact_derive(o, of[i], texts[i], checks);
            continue;
        }
        if (k++ > 0)
            expr_op(&o->text, &o->shape, EXPR_OR);
        query_emit(o, left[i], -1, QUERY_PHRASE_EXACT);
    }
    o->ors -= nw > 1;
    if (nw > 1)
        expr_close(&o->text, &o->shape);
    if (nw > 0)
        expr_close(&o->text, &o->shape);
    return nw;
}

/* Writes the check phrases (query_exact_derive) OR-ed as one group, a
 * term that only keeps the match set. */
static void query_emit_checks(query_out *o, const query_checks *c)
{
    size_t at = o->text.len;
    expr_open(&o->text, &o->shape);
    for (size_t i = 0; i < c->n; i++) {
        if (i > 0)
            expr_op(&o->text, &o->shape, EXPR_OR);
        size_t start = o->text.len;
        buf_printf(&o->text, "\"%s\"", c->v[i].form);
        expr_phrase(&o->text, &o->shape, start, 0);
        query_out_phrase(o, (query_phrase){o->nterms, 0, -1, c->v[i].x, c->v[i].at});
    }
    expr_close(&o->text, &o->shape);
    query_out_room(o);
    o->loose[o->nterms] = 0;
    o->terms[o->nterms] = (query_term){.clause = -1,
                                       .kind = QUERY_PHRASE_FILTER,
                                       .first = o->n - (int)c->n,
                                       .n = (int)c->n,
                                       .of = -1,
                                       .text = buf_xstrndup(o->text.data + at, o->text.len - at)};
    o->nterms++;
}

/* The exact-form nodes that are not already a match term: one whose text
 * is a match term's (a function word: « de » as itself either way) makes
 * that term count for the exact forms too, and is not read twice; one
 * whose forms are phrases of a match term (« fichier » among « fichier »,
 * « fichiers ») becomes a term without phrases of its own, read off those
 * (query_exact_claim). Of the others, of[i] is the match term left[i] can
 * be read off (query_exact_derivable, its rendering in texts[i]) or -1. */
static size_t query_exact_left(query_out *o, const query *q, query_node **left, int *of,
                               char **texts)
{
    size_t n = 0;
    int match = o->nterms;
    for (size_t i = 0; i < q->nexact; i++) {
        buf b = BUF_INIT;
        query_term_render(&b, NULL, q->exact[i], o->v, NULL);
        int found = 0;
        for (int t = 0; t < match && !found; t++) {
            if (o->terms[t].kind == QUERY_PHRASE_MATCH && strcmp(o->terms[t].text, b.data) == 0) {
                o->terms[t].exact_too = 1;
                found = 1;
            }
        }
        for (int t = 0; t < match && !found; t++) {
            if ((found = query_exact_claim(o, t, b.data, o->nterms))) {
                query_out_room(o);
                o->loose[o->nterms] = 0;
                o->terms[o->nterms++] = (query_term){.clause = -1,
                                                     .kind = QUERY_PHRASE_EXACT,
                                                     .first = o->n,
                                                     .n = 0,
                                                     .of = -1,
                                                     .text = buf_xstrndup(b.data, b.len)};
            }
        }
        if (!found) {
            query_alts e[QUERY_DERIVE_TOKENS], p[QUERY_DERIVE_TOKENS];
            of[n] = -1;
            for (int t = 0; t < match && of[n] < 0; t++)
                if (query_exact_derivable(o, t, b.data, e, p))
                    of[n] = t;
            texts[n] = of[n] >= 0 ? buf_detach(&b) : NULL;
            left[n++] = q->exact[i];
        }
        buf_free(&b);
    }
    return n;
}

/* The forms a one-word node is written with (vocab lookups), or 0 when it
 * is not a plain word: a prefix, or a function word (« de »: in nearly
 * every document, its doclist is among the longest to read). */
static int query_word_forms(query_out *o, const query_node *n)
{
    if (n->kind != QUERY_NODE_PHRASE || n->prefix || n->ntoks != 1 ||
        n->toks[0][0] == ANALYZER_EXACT)
        return 0;
    buf b = BUF_INIT;
    int forms = query_term_render(&b, NULL, n, o->v, NULL);
    buf_free(&b);
    return forms;
}

/* What a one-word node costs as the dup: its forms (query_word_forms), a
 * function word (« de », « la ») after every other word (its doclists are
 * among the longest), or 0 when it has no forms of its own. */
static int query_dup_cost(query_out *o, const query_node *n)
{
    int forms = query_word_forms(o, n);
    return forms > 0 && !query_node_content(n) ? forms + PIECE_MAX_FORMS : forms;
}

/* The word of phrase n (two tokens or more) that costs least as the dup
 * (query_dup_cost), as a one-word node in *one borrowing n's token, or 0
 * when no token has forms of its own. A row with the phrase has each of
 * its tokens in one of the forms the phrase writes for it, and the word
 * alone writes those same forms (query_term_render, query_piece_render). */
static int query_phrase_word(query_out *o, const query_node *n, query_node *one)
{
    int least = 0;
    if (n->kind != QUERY_NODE_PHRASE || n->prefix || n->ntoks < 2)
        return 0;
    for (size_t k = 0; k < n->ntoks; k++) {
        query_node w = {.kind = QUERY_NODE_PHRASE, .toks = &n->toks[k], .ntoks = 1};
        int cost = query_dup_cost(o, &w);
        if (cost > 0 && (!least || cost < least)) {
            *one = w;
            least = cost;
        }
    }
    return least;
}

/* Writes clause c as the dup (query_emit_dup) when no word stands for it:
 * a synonym group (« ndbp » OR « notes de bas de page ») with each side of
 * several words written as its word that costs least (query_dup_cost; of
 * a phrase, or of the phrases AND-ed), a wider match every row of c has.
 * Written whole, the dup read every doclist of the long side's phrase a
 * second time (« de » and « des » among them). Callgrind, `search_run`
 * per warm run on the scale index: « ndbp » 234.1 -> 164.5 million
 * instructions, « mdp » 74.8 -> 39.1, « bdd » 137.3 -> 70.6; the answers
 * are the same. */
static void query_emit_dup_group(query_out *o, const query_node *c)
{
    if (c->kind != QUERY_NODE_OR || c->nkids < 2) {
        query_emit(o, c, -1, QUERY_PHRASE_FILTER);
        return;
    }
    query_node *words = buf_xrealloc(NULL, c->nkids * sizeof *words);
    query_node **kids = buf_xrealloc(NULL, c->nkids * sizeof *kids);
    for (size_t i = 0; i < c->nkids; i++) {
        const query_node *k = c->kids[i];
        kids[i] = c->kids[i];
        if (k->kind == QUERY_NODE_PHRASE) {
            if (query_phrase_word(o, k, &words[i]))
                kids[i] = &words[i];
            continue;
        }
        if (k->kind != QUERY_NODE_AND)
            continue;
        int least = 0;
        for (size_t j = 0; j < k->nkids; j++) {
            query_node w;
            const query_node *g = k->kids[j];
            int cost = g->kind != QUERY_NODE_PHRASE ? 0
                       : g->ntoks == 1              ? query_dup_cost(o, g)
                                                    : query_phrase_word(o, g, &w);
            if (cost > 0 && (!least || cost < least)) {
                words[i] = g->ntoks == 1 ? *g : w;
                kids[i] = &words[i];
                least = cost;
            }
        }
    }
    query_node alt;
    memset(&alt, 0, sizeof alt);
    alt.kind = QUERY_NODE_OR;
    alt.kids = kids;
    alt.nkids = c->nkids;
    query_emit(o, &alt, -1, QUERY_PHRASE_FILTER);
    free(kids);
    free(words);
}

/* The dup of an AND-ed ranked expression: an expression every row of the
 * base matches, beside the signal phrases. FTS5 steps it to every row of
 * the base, and the more forms (OR-ed doclists) it has the more that
 * costs: the word of the query with the fewest forms, a clause's or one of
 * a phrase's (the phrase's rows all have it); when there is none (only
 * function words, prefixes, OR groups), the longest written clause.
 * Measured on the scale corpus, matching alone: « mot de passe » 1.96 ->
 * 0.75 ms with « mot » rather than « passe » (17 forms). */
static void query_emit_dup(query_out *o, const query *q)
{
    query_node *word = NULL;
    int fewest = 0;
    for (size_t i = 0; i < q->nclauses; i++) {
        const query_node *c = q->clauses[i];
        if (c->kind != QUERY_NODE_PHRASE || c->prefix || c->optional)
            continue;
        for (size_t k = 0; k < c->ntoks; k++) {
            /* A word's derived forms (query_node.derived) match rows
             * of the base too. */
            query_node one = {.kind = QUERY_NODE_PHRASE,
                              .toks = &c->toks[k],
                              .ntoks = 1,
                              .derived = c->derived,
                              .plural = c->plural};
            int forms = query_word_forms(o, &one);
            if (forms > 0 && (!word || forms < fewest)) {
                query_node_free(word);
                word = query_node_new(QUERY_NODE_PHRASE);
                query_node_tok(word, buf_xstrndup(c->toks[k], strlen(c->toks[k])));
                if (c->derived)
                    word->derived = buf_xstrndup(c->derived, strlen(c->derived));
                if (c->plural)
                    word->plural = buf_xstrndup(c->plural, strlen(c->plural));
                fewest = forms;
            }
        }
    }
    if (word) {
        query_emit(o, word, -1, QUERY_PHRASE_FILTER);
        query_node_free(word);
        return;
    }
    size_t longest = 0, most = 0;
    for (size_t i = 0; i < q->nclauses; i++) {
        buf b = BUF_INIT;
        query_node_render(&b, q->clauses[i], NULL);
        if (!q->clauses[i]->optional && (b.len > most || q->clauses[longest]->optional)) {
            most = b.len;
            longest = i;
        }
        buf_free(&b);
    }
    query_emit_dup_group(o, q->clauses[longest]);
}

/* Writes "(" base ") AND (" in place of the base written so far. */
static void query_wrap_base(query_out *o)
{
    expr_wrap(&o->text, &o->shape);
    expr_op(&o->text, &o->shape, EXPR_AND);
    expr_open(&o->text, &o->shape);
}

/* Is n, or a node under it (the word of a compound's or a synonym's
 * alternatives), the head noun (query_node.head)? */
static int query_node_head(const query_node *n)
{
    if (n->head)
        return 1;
    for (size_t i = 0; i < n->nkids; i++)
        if (query_node_head(n->kids[i]))
            return 1;
    return 0;
}

query_expr *query_compile(const query *q, int flags, const query_vocab *v)
{
    query_out o = {BUF_INIT, NULL, 0, 0, NULL, 0, 0, v, 0, 0, NULL, EXPR_WRITER_INIT};
    int any = flags & QUERY_ANY;
    query_node **runs = NULL, **exact = NULL;
    size_t nruns = 0, nexact = 0;
    if (flags & QUERY_RUNS) {
        query_node top;
        memset(&top, 0, sizeof top);
        top.kind = any ? QUERY_NODE_OR : QUERY_NODE_AND;
        top.kids = q->clauses;
        top.nkids = q->nclauses;
        query_runs_of(&top, &runs, &nruns);
    }
    /* The base first, in a scratch output when the signals may follow (the
     * exact forms already written as match terms are found there). */
    query_emit_base(&o, q, any);
    query_checks checks = {NULL, 0, 0};
    int *of = NULL;
    char **texts = NULL;
    size_t noptional = 0;
    for (size_t i = 0; !any && i < q->nclauses; i++)
        noptional += q->clauses[i]->optional != 0;
    /* (base) AND ((optional) OR (exact) OR (runs) OR (dup)): the rows of
     * base, with FTS5 reporting the hits of the clauses not required, of
     * the exact forms and of the runs too. dup is an expression every row
     * of base matches: base itself when relaxed, else one word of it
     * (query_emit_dup). The clauses not required come first: the exact
     * forms they hold are read off them (query_exact_left), not written
     * again. */
    int wrapped = 0;
    if ((flags & QUERY_SIGNALS) && noptional > 0) {
        query_wrap_base(&o);
        wrapped = 1;
        o.ors++;
        for (size_t i = 0; i < q->nclauses; i++) {
            if (!q->clauses[i]->optional)
                continue;
            query_emit(&o, q->clauses[i], (int)i, QUERY_PHRASE_MATCH);
            expr_op(&o.text, &o.shape, EXPR_OR);
        }
        o.ors--;
    }
    if (flags & QUERY_SIGNALS) {
        size_t room = q->nexact ? q->nexact : 1;
        exact = buf_xrealloc(NULL, room * sizeof *exact);
        of = buf_xrealloc(NULL, room * sizeof *of);
        texts = buf_xrealloc(NULL, room * sizeof *texts);
        nexact = query_exact_left(&o, q, exact, of, texts);
    }
    if ((flags & QUERY_SIGNALS) && (wrapped || nexact > 0 || nruns > 0)) {
        if (!wrapped)
            query_wrap_base(&o);
        if (nexact > 0 && query_emit_exact(&o, exact, of, texts, nexact, &checks) > 0)
            expr_op(&o.text, &o.shape, EXPR_OR);
        if (checks.n > 0) {
            query_emit_checks(&o, &checks);
            expr_op(&o.text, &o.shape, EXPR_OR);
        }
        if (nruns > 0) {
            query_emit_group(&o, runs, nruns, QUERY_PHRASE_RUN);
            expr_op(&o.text, &o.shape, EXPR_OR);
        }
        expr_open(&o.text, &o.shape);
        if (any) {
            int from = o.nterms;
            query_emit_base(&o, q, 1);
            for (int t = from; t < o.nterms; t++) {
                o.terms[t].kind = QUERY_PHRASE_FILTER;
                o.terms[t].clause = -1;
                o.terms[t].pair = 0;
            }
        } else {
            query_emit_dup(&o, q);
        }
        expr_close(&o.text, &o.shape); /* the dup's group, then the signals' */
        expr_close(&o.text, &o.shape);
    }
    for (size_t i = 0; i < nruns; i++)
        query_node_free(runs[i]);
    for (size_t i = 0; i < checks.n; i++)
        free(checks.v[i].form);
    free(checks.v);
    for (size_t i = 0; i < nexact; i++)
        free(texts[i]);
    free(texts);
    free(of);
    free(runs);
    free(exact);
    free(o.loose);
    query_expr *e = buf_xrealloc(NULL, sizeof *e);
    e->fts = buf_detach(&o.text);
    e->root = expr_finish(&o.shape, &e->nodes, &e->nnodes);
    e->phrases = o.ph;
    e->nphrases = o.n;
    e->terms = o.terms;
    e->nterms = o.nterms;
    e->nclauses = (int)q->nclauses;
    e->soft = 0;
    e->head = -1;
    for (size_t i = 0; i < q->nclauses && e->head < 0; i++)
        if (query_node_head(q->clauses[i]))
            e->head = (int)i;
    for (size_t i = 0; i < q->nclauses && i < 64; i++)
        if (q->clauses[i]->kind == QUERY_NODE_PHRASE && q->clauses[i]->soft)
            e->soft |= 1ULL << i;
    e->little = 0;
    for (size_t i = 0; i < q->nclauses && i < 64; i++)
        if (q->clauses[i]->kind == QUERY_NODE_PHRASE && q->clauses[i]->little)
            e->little |= 1ULL << i;
    e->either = 0;
    for (size_t i = 0; i < q->nclauses && i < 64; i++)
        if (q->clauses[i]->kind == QUERY_NODE_PHRASE && q->clauses[i]->either)
            e->either |= 1ULL << i;
    if (__builtin_popcountll(e->either) != 2)
        e->either = 0;
    return e;
}

void query_expr_free(query_expr *e)
{
    if (!e)
        return;
    free(e->fts);
    free(e->nodes);
    for (int i = 0; i < e->nterms; i++)
        free(e->terms[i].text);
    free(e->terms);
    free(e->phrases);
    free(e);
}

void query_require_acronyms(query *q)
{
    for (size_t i = 0; q && i < q->nclauses && i < 64; i++)
        if (q->clauses[i]->acronym)
            q->must |= 1ULL << i;
}

char *query_fts_all(const query *q, const query_vocab *v)
{
    query_expr *e = query_compile(q, QUERY_ALL, v);
    char *s = e->fts;
    e->fts = NULL;
    query_expr_free(e);
    return s;
}

int query_has_attached(const query *q, size_t i)
{
    return q && i > 0 && i < q->nclauses && q->clauses[i - 1]->optional && !q->clauses[i]->optional;
}

/* Drops the exact-form phrase of the one-word clause n (a function word:
 * its form typed, « =un »), so that the word dropped scores no more. */
static void query_drop_exact(query *q, const query_node *n)
{
    if (n->kind != QUERY_NODE_PHRASE || n->ntoks != 1)
        return;
    size_t len = piece_first_alt(n->toks[0]);
    for (size_t j = 0; j < q->nexact; j++) {
        const query_node *x = q->exact[j];
        if (x->ntoks != 1 || piece_first_alt(x->toks[0]) != len ||
            memcmp(x->toks[0], n->toks[0], len) != 0)
            continue;
        query_node_free(q->exact[j]);
        memmove(&q->exact[j], &q->exact[j + 1], (q->nexact - j - 1) * sizeof q->exact[0]);
        q->nexact--;
        return;
    }
}

void query_drop_attached(query *q, unsigned long long words)
{
    if (!q)
        return;
    unsigned long long drop = 0;
    for (size_t i = 1; i < q->nclauses && i < 64; i++)
        if (words >> i & 1 && query_has_attached(q, i))
            for (size_t k = i; k-- > 0 && q->clauses[k]->optional;)
                drop |= 1ULL << k;
    if (drop == 0)
        return;
    unsigned long long must = 0;
    size_t kept = 0;
    for (size_t i = 0; i < q->nclauses; i++) {
        if (i < 64 && drop >> i & 1) {
            query_drop_exact(q, q->clauses[i]);
            query_node_free(q->clauses[i]);
            continue;
        }
        if (i < 64 && q->must >> i & 1 && kept < 64)
            must |= 1ULL << kept;
        q->clauses[kept++] = q->clauses[i];
    }
    q->nclauses = kept;
    q->must = must;
}

char *query_fts_clause(const query *q, size_t i, const query_vocab *v)
{
    /* The clause required, alone (a function word's too). */
    query_node one = *q->clauses[i];
    one.optional = 0;
    query_node *kid = &one;
    query alone;
    memset(&alone, 0, sizeof alone);
    alone.clauses = &kid;
    alone.nclauses = 1;
    return query_fts_all(&alone, v);
}

char *query_fts_exact(const query *q, const query_vocab *v)
{
    if (!q || q->nexact == 0)
        return NULL;
    query_out o = {BUF_INIT, NULL, 0, 0, NULL, 0, 0, v, 0, 0, NULL, EXPR_WRITER_INIT};
    for (size_t i = 0; i < q->nexact; i++) {
        if (i > 0)
            expr_op(&o.text, &o.shape, EXPR_OR);
        query_emit(&o, q->exact[i], -1, QUERY_PHRASE_EXACT);
    }
    char *s = buf_detach(&o.text);
    query_out_free(&o);
    return s;
}

/* Whether a stem (not NUL-terminated) is that of a word saying little,
 * « entre » for « entrée » (query_pos_piece). */
static int query_stem_says_little(const char *stem, size_t len)
{
    char word[32];
    if (len >= sizeof word)
        return 0;
    memcpy(word, stem, len);
    word[len] = '\0';
    return query_says_little(word);
}

/* Adds to b ("a|b") the index forms whose folded stem is s[0..len), that
 * of a word saying little, as exact forms, but that word's own forms: for
 * « commenté » (stem "comment") « commenter », « commentez », not
 * « comment »; for « entrée » « entrer », not « entre » (query_pos_piece). */
static void query_kin_forms(buf *b, const char *s, size_t len, const query_vocab *v)
{
    piece_forms f = {.n = 0, .chars = 0};
    if (len > 0)
        v->forms(v->ctx, s, len, 0, piece_forms_add, &f);
    buf alt = BUF_INIT;
    for (size_t i = 0; i < f.n; i++) {
        size_t flen = strlen(f.v[i]);
        char *bare = analyzer_fold(f.v[i], flen, NULL);
        alt.len = 0;
        buf_putc(&alt, ANALYZER_EXACT);
        buf_append(&alt, f.v[i], flen);
        if (bare && !query_says_little(bare) &&
            !piece_has(b->data ? b->data : "", b->len, alt.data, alt.len)) {
            buf_putc(b, ANALYZER_ALTERNATIVE);
            buf_append(b, alt.data, alt.len);
        }
        free(bare);
    }
    buf_free(&alt);
    piece_forms_free(&f);
}

/* The piece with its "^w" alternative replaced by the folded stems of the
 * index forms whose unaccented form is w ("!proteg" for « protegees »,
 * from « protégées »), not a stem of a word saying little
 * (query_pos_piece), and its "&s" by the forms query_kin_forms gives; or
 * NULL when it has neither. */
static char *query_lend_piece(const char *piece, const query_vocab *v)
{
    const char *w = NULL, *kin = NULL;
    size_t wlen = 0, klen = 0;
    buf b = BUF_INIT;
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *p;
    size_t n;
    while (piece_alt_next(&it, &p, &n)) {
        if (n > 0 && p[0] == PIECE_LEND) {
            w = p + 1;
            wlen = n - 1;
        } else if (n > 0 && p[0] == PIECE_KIN) {
            kin = p + 1;
            klen = n - 1;
        } else {
            if (b.len > 0)
                buf_putc(&b, ANALYZER_ALTERNATIVE);
            buf_append(&b, p, n);
        }
    }
    if (kin)
        query_kin_forms(&b, kin, klen, v);
    if (!w) {
        if (kin)
            return buf_detach(&b);
        buf_free(&b);
        return NULL;
    }
    buf key = BUF_INIT;
    buf_putc(&key, ANALYZER_FOLDED);
    buf_append(&key, w, wlen);
    piece_forms f = {.n = 0, .chars = 0};
    if (wlen > 0)
        v->forms(v->ctx, key.data, key.len, 0, piece_forms_add, &f);
    buf_free(&key);
    size_t lent = 0;
    for (size_t i = 0; i < f.n; i++) {
        analyzer_keyset ks;
        analyzer_keys(f.v[i], strlen(f.v[i]), &ks);
        buf alt = BUF_INIT;
        buf_putc(&alt, ANALYZER_VERBATIM);
        buf_append(&alt, ks.stem, ks.stem_len);
        if (lent < QUERY_MAX_LENT && ks.stem_len > 0 &&
            !piece_has(b.data, b.len, alt.data, alt.len) &&
            !query_stem_says_little(ks.stem, ks.stem_len)) {
            buf_putc(&b, ANALYZER_ALTERNATIVE);
            buf_append(&b, alt.data, alt.len);
            lent++;
        }
        buf_free(&alt);
        free(f.v[i]);
    }
    return buf_detach(&b);
}

/* The piece of a word typed as an agent noun (its "@" alternative,
 * query_pos_piece) written as the agent-noun forms of its stems in the
 * index, "@|=utilisateur|=utilisatrices": Snowball gives « utilisateur »
 * the stem of « utiliser » and « utilisation », with which it would match
 * every page that uses something. When the index has no such form, the
 * piece without "@" (all the forms of its stems). NULL when the piece has
 * no "@". */
static char *query_agent_piece(const char *piece, const query_vocab *v)
{
    char agent = PIECE_AGENT;
    size_t plen = strlen(piece);
    if (!piece_has(piece, plen, &agent, 1))
        return NULL;
    piece_forms f;
    piece_forms_of(piece, 0, query_agent_form, v, &f);
    buf b = BUF_INIT;
    if (f.n > 0)
        buf_putc(&b, PIECE_AGENT);
    for (size_t i = 0; i < f.n; i++) {
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, ANALYZER_EXACT);
        buf_puts(&b, f.v[i]);
    }
    if (f.n == 0) {
        piece_alt_iter it = piece_alt_iter_of(piece, plen);
        const char *alt;
        size_t n;
        while (piece_alt_next(&it, &alt, &n)) {
            if (n == 1 && alt[0] == PIECE_AGENT)
                continue;
            if (b.len > 0)
                buf_putc(&b, ANALYZER_ALTERNATIVE);
            buf_append(&b, alt, n);
        }
    }
    piece_forms_free(&f);
    return buf_detach(&b);
}

/* The row of query_false_stems of a piece's "/w" alternative (the word
 * typed, query_pos_piece), w in *w, or NULL. */
static const query_false_row *query_piece_rival(const char *piece, const char **w, size_t *wlen)
{
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *alt;
    size_t n;
    while (piece_alt_next(&it, &alt, &n))
        if (n > 1 && alt[0] == PIECE_RIVAL) {
            *w = alt + 1;
            *wlen = n - 1;
            return query_false_stem(alt + 1, n - 1);
        }
    return NULL;
}

/* Is the index form one of row's rival forms? */
static int query_rival_form(const query_false_row *row, const char *form)
{
    size_t blen = 0;
    char *bare = analyzer_fold(form, strlen(form), &blen);
    int rival = bare && query_in_spaced(row->rival, bare, blen);
    free(bare);
    return rival;
}

/* Takes row's rival forms out of f. */
static void query_rival_drop(piece_forms *f, const query_false_row *row)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (query_rival_form(row, f->v[i]))
            free(f->v[i]);
        else
            f->v[k++] = f->v[i];
    }
    f->n = k;
}

/* Appends the forms f to b as exact alternatives ("|=f1|=f2", without
 * the first bar on an empty b), and frees them. */
static void query_exact_alts(buf *b, piece_forms *f)
{
    for (size_t i = 0; i < f->n; i++) {
        if (b->len > 0)
            buf_putc(b, ANALYZER_ALTERNATIVE);
        buf_putc(b, ANALYZER_EXACT);
        buf_puts(b, f->v[i]);
    }
    piece_forms_free(f);
}

/* The piece of a word typed with a false stem (its "/w" alternative,
 * query_pos_piece) written as "/w" and the index forms its stems lead to
 * but its rival's (query_false_stems), "/francs|=franc|=francs" without
 * « français »: the forms of the word's family stay, whatever the index
 * writes, and a rival's form is neither matched nor marked. When no form
 * is left, the word's own spelling, "/w|=w|~w". NULL when the piece has no
 * "/w" or is written so already. */
static char *query_rival_piece(const char *piece, const query_vocab *v)
{
    const char *w = NULL;
    size_t wlen = 0;
    const query_false_row *row = query_piece_rival(piece, &w, &wlen);
    if (!row || piece[0] == PIECE_RIVAL)
        return NULL;
    piece_forms f;
    piece_forms_of(piece, 0, NULL, v, &f);
    query_rival_drop(&f, row);
    buf b = BUF_INIT;
    buf_putc(&b, PIECE_RIVAL);
    buf_append(&b, w, wlen);
    if (f.n == 0)
        for (int k = 0; k < 2; k++) {
            buf_putc(&b, ANALYZER_ALTERNATIVE);
            buf_putc(&b, k ? ANALYZER_FOLDED : ANALYZER_EXACT);
            buf_append(&b, w, wlen);
        }
    query_exact_alts(&b, &f);
    return buf_detach(&b);
}

/* Writes n's pieces typed with a false stem as query_rival_piece does; a
 * word's other number (n->plural) as its forms but the rival's, and its
 * derived words (n->derived) but those whose stem the rival has
 * (« logement » derives « loger », whose stem is « log »'s). */
static void query_rival_node(query_node *n, const query_vocab *v)
{
    const char *w = NULL;
    size_t wlen = 0;
    const query_false_row *row = n->ntoks == 1 ? query_piece_rival(n->toks[0], &w, &wlen) : NULL;
    if (row && n->plural) {
        piece_forms f;
        piece_forms_of(n->plural, 0, NULL, v, &f);
        query_rival_drop(&f, row);
        buf b = BUF_INIT;
        query_exact_alts(&b, &f);
        free(n->plural);
        n->plural = b.len > 0 ? buf_detach(&b) : NULL;
        buf_free(&b);
    }
    if (row && n->derived) {
        buf keys = BUF_INIT;
        piece_alt_iter it = piece_alt_iter_of(n->derived, strlen(n->derived));
        const char *key;
        size_t klen;
        while (piece_alt_next(&it, &key, &klen)) {
            piece_forms f = {.n = 0};
            v->forms(v->ctx, key, klen, 0, piece_forms_add, &f);
            size_t all = f.n;
            query_rival_drop(&f, row);
            if (f.n == all) {
                if (keys.len > 0)
                    buf_putc(&keys, ANALYZER_ALTERNATIVE);
                buf_append(&keys, key, klen);
            }
            piece_forms_free(&f);
        }
        free(n->derived);
        n->derived = keys.len > 0 ? buf_detach(&keys) : NULL;
        buf_free(&keys);
    }
    for (size_t i = 0; i < n->ntoks; i++) {
        char *own = query_rival_piece(n->toks[i], v);
        if (own) {
            free(n->toks[i]);
            n->toks[i] = own;
        }
    }
}

/* The vocabulary keys of a piece's stems, "a|%b" for "!a|%b|^w|@", or
 * NULL when it has none. */
static char *query_piece_keys(const char *piece)
{
    buf b = BUF_INIT;
    piece_alt_iter it = piece_alt_iter_of(piece, strlen(piece));
    const char *alt;
    size_t n;
    while (piece_alt_next(&it, &alt, &n)) {
        if (n < 2 || (alt[0] != ANALYZER_VERBATIM && alt[0] != ANALYZER_FOLDED_STEM))
            continue;
        if (b.len > 0)
            buf_putc(&b, ANALYZER_ALTERNATIVE);
        if (alt[0] == ANALYZER_VERBATIM)
            buf_append(&b, alt + 1, n - 1);
        else
            buf_append(&b, alt, n);
    }
    if (b.len == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* Rewrites n's pieces typed as agent nouns (query_agent_piece). */
static void query_agent_toks(query_node *n, const query_vocab *v)
{
    for (size_t i = 0; i < n->ntoks; i++) {
        char *agent = query_agent_piece(n->toks[i], v);
        if (agent) {
            free(n->toks[i]);
            n->toks[i] = agent;
        }
    }
}

/* Is the unaccented word one whose number pairs morph_plural_piece leaves
 * alone: a function word, a word that says little, a soft preposition? */
static int query_number_little(const char *bare)
{
    return query_closed_word(bare) || query_says_little(bare) || query_soft_preposition(bare);
}

/* Gives n the alternatives of its other number (morph_plural_piece): a
 * word alone (weak) as n->plural, its weak forms (they measured a little
 * better than full ones); every piece of a phrase or of an exclusion (not
 * weak, not a prefix) as alternatives of the piece: a plural is the same
 * word, as the plurals Snowball joins are. */
static void query_plural_toks(query_node *n, const query_vocab *v, int weak)
{
    free(n->plural);
    n->plural = NULL;
    if (weak && n->ntoks == 1 && !n->prefix) {
        char *more = morph_plural_piece(n->toks[0], n->word, v, query_number_little);
        if (more) {
            size_t own = strlen(n->toks[0]);
            n->plural = buf_xstrndup(more + own + 1, strlen(more) - own - 1);
            free(more);
        }
        return;
    }
    for (size_t i = 0; i < n->ntoks; i++) {
        if (n->prefix && i + 1 == n->ntoks)
            continue;
        char *more =
            morph_plural_piece(n->toks[i], n->ntoks == 1 ? n->word : NULL, v, query_number_little);
        if (more) {
            free(n->toks[i]);
            n->toks[i] = more;
        }
    }
}

/* An exclusion's pieces get the forms of their agent nouns
 * (query_agent_toks) and of their other number, not lent stems. */
static void query_lend_excl(query_node *n, const query_vocab *v)
{
    for (size_t i = 0; i < n->nkids; i++)
        query_lend_excl(n->kids[i], v);
    query_agent_toks(n, v);
    query_plural_toks(n, v, 0);
    query_rival_node(n, v);
}

/* Gives n, its lent stems resolved, the forms of its agent noun, its other
 * number and its derived words. */
static void query_lend_words(query_node *n, const query_vocab *v)
{
    /* A word typed alone as an agent noun keeps its stems' other forms
     * (« utiliser », « utilisation ») as weak forms. */
    char *stems = n->derive && n->ntoks == 1 && !n->prefix ? query_piece_keys(n->toks[0]) : NULL;
    query_agent_toks(n, v);
    query_plural_toks(n, v, 1);
    free(n->derived);
    n->derived = NULL;
    if (stems && n->toks[0][0] == PIECE_AGENT) {
        n->derived = stems;
        return;
    }
    free(stems);
    if (!n->derive || n->prefix || n->ntoks != 1 || n->toks[0][0] != ANALYZER_VERBATIM)
        return;
    char key[256];
    buf keys = BUF_INIT;
    piece_forms own;
    piece_forms_of(n->toks[0], 0, NULL, v, &own);
    const char *w = NULL;
    size_t wlen = 0;
    const query_false_row *row = query_piece_rival(n->toks[0], &w, &wlen);
    if (row)
        query_rival_drop(&own, row);
    size_t klen = morph_age_key(n->toks[0], &own, v, key, sizeof key);
    if (klen > 0)
        buf_append(&keys, key, klen);
    /* The forms of its other number, person or stems (query_plural_toks)
     * derive as its own: « répond » reaches « réponse » through
     * « répondre ». */
    if (n->plural) {
        piece_alt_iter it = piece_alt_iter_of(n->plural, strlen(n->plural));
        const char *alt;
        size_t alen;
        while (piece_alt_next(&it, &alt, &alen))
            piece_alt_forms(v, alt, alen, 0, &own);
    }
    /* A false stem's rival derives nothing for it: « format » does not
     * reach « former » through « formation ». */
    if (row)
        query_rival_drop(&own, row);
    morph_derived_words(n->toks[0], &own, v, &keys);
    piece_forms_free(&own);
    if (keys.len > 0)
        n->derived = buf_detach(&keys);
    else
        buf_free(&keys);
}

static void query_lend_node(query_node *n, const query_vocab *v)
{
    for (size_t i = 0; i < n->nkids; i++)
        query_lend_node(n->kids[i], v);
    for (size_t i = 0; i < n->ntoks; i++) {
        char *lent = query_lend_piece(n->toks[i], v);
        if (lent) {
            free(n->toks[i]);
            n->toks[i] = lent;
        }
    }
    query_lend_words(n, v);
    query_rival_node(n, v);
}

void query_lend(query *q, const query_vocab *v)
{
    if (!q || !v)
        return;
    for (size_t i = 0; i < q->nclauses; i++)
        query_lend_node(q->clauses[i], v);
    for (size_t i = 0; i < q->nexcl; i++)
        query_lend_excl(q->excl[i], v);
}

int query_token_clause(const query *q, const char *token, size_t len)
{
    if (!q || len == 0)
        return -1;
    for (size_t i = 0; i < q->nclauses; i++)
        if (query_node_matches(q->clauses[i], token, len))
            return (int)i;
    return -1;
}
