/* query: reads a search-box string (words, "phrases", -exclusions, OR,
 * prefix*) into items, analyses each, expands synonyms, and writes FTS5
 * expressions built from analyzer tokens, each double-quoted: user text
 * never reaches FTS5. Does not tell function words nor questions
 * (grammar.c), nor a word family's forms (morph.c, which query_lend asks),
 * nor run queries or rank (search.c). */
#include "query.h"

#include "analyzer.h"
#include "buf.h"
#include "grammar.h"
#include "morph.h"
#include "piece.h"
#include "query_item.h"
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
 * (grammar_mark_question). Input is read up to QUERY_MAX_BYTES and
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
                     * (grammar_says_little) */
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
                     * query (grammar_mark_optional), ranked where a row has it */
    int label_only; /* PHRASE: ranked by its hits in the titles and headings
                     * only (query_term.label_only) */
    int head;       /* PHRASE: the head noun of a keyword query (grammar_mark_head) */
    int defining;   /* PHRASE: a meaning question's term followed by « est » and
                     * a determiner (query_build_defining; query_term.defining) */
    int acronym;    /* a clause of one word that is an acronym: typed in
                     * capitals, or a synonym group's short side
                     * (query_short_side) */
    struct query_node **kids;
    size_t nkids;
} query_node;

struct query {
    query_node **clauses;
    size_t nclauses;
    query_node **excl;
    size_t nexcl;
    query_node **exact; /* exact-form phrases, one per positive word or phrase */
    size_t nexact;
    int question;            /* grammar_mark_question found a question */
    int meaning;             /* the question asks what a word means (grammar_asks_meaning) */
    char *defined;           /* that word, unaccented (query_build_defining), or NULL */
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

void query_pos_free(query_pos *p)
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
 * letter; an operator (OR, OU) after it stays an operator, but « OU » in a
 * text typed all in capitals (shouted), where it is « où ». Writes the
 * text, so rewritten, to out. */
static void query_join_elisions(const char *text, size_t len, buf *out, int shouted)
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
                !(len - w >= 2 && text[w] == 'O' &&
                  (text[w + 1] == 'R' || (text[w + 1] == 'U' && !shouted)) &&
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
 * (grammar_says_little): « entrée » written bare, « entree », stems to
 * "entre", the stem of « entre », in nearly every document. There the
 * piece names the spellings themselves, "~entree|=entree|~entrees|=entrees"
 * instead of "!entre", whether typed « entrée » or bare. */
static char *query_pos_piece(const query_pos *p)
{
    buf b = BUF_INIT;
    if (grammar_closed_word(query_pos_surface(p)) ||
        grammar_soft_preposition(query_pos_surface(p))) {
        /* Its own form and its accented spellings: « de », « dé ». */
        buf_putc(&b, ANALYZER_EXACT);
        buf_puts(&b, query_pos_surface(p));
        buf_putc(&b, ANALYZER_ALTERNATIVE);
        buf_putc(&b, ANALYZER_FOLDED);
        buf_puts(&b, query_pos_surface(p));
        return buf_detach(&b);
    }
    const char *surface = query_pos_surface(p);
    if (strcmp(p->stem, surface) != 0 && grammar_says_little(p->stem)) {
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
        if (grammar_says_little(p->pct + 1)) {
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
                 grammar_says_little(query_pos_surface(&it->pos[0]));
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
/* A query requires one clause at least: when every clause is optional (a
 * question of weak words only, « pourquoi toujours ? », or asking what a
 * weak word means somewhere, « qu'est-ce que plus dans un projet ? »:
 * grammar_mark_question), each is required, as grammar_mark_optional leaves a
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

/* The infinitive of an -er verb typed in the present (« désactive »,
 * « signales », « identifient », lowercase) into out: the ending -e, -es,
 * -ent, -ons, -ez off, -er on. 0 when the form has none of them, or when
 * its root has an « è », which the infinitive writes « é » (« récupère »)
 * or « e » (« mène »): the form stays as typed. */
static int query_infinitive(const char *form, char *out, size_t outlen)
{
    static const char *const endings[] = {"ent", "es", "ons", "ez", "e"};
    size_t len = strlen(form), root = 0;
    for (size_t e = 0; e < sizeof endings / sizeof endings[0] && !root; e++) {
        size_t el = strlen(endings[e]);
        if (len >= el + 2 && memcmp(form + len - el, endings[e], el) == 0)
            root = len - el;
    }
    if (!root || root + 3 > outlen)
        return 0;
    for (size_t i = 0; i + 1 < root; i++)
        if ((unsigned char)form[i] == 0xC3 && (unsigned char)form[i + 1] == 0xA8)
            return 0;
    memcpy(out, form, root);
    memcpy(out + root, "er", 3);
    return 1;
}

/* Is items[i] a question's verb after its subject pronoun, the question's
 * own (« comment on désactive … ? », « pourquoi je signale … ? »: the third
 * word)? Not a verb of a clause further on: in « comment afficher un menu
 * quand on clique sur un bouton ? » « cliquer » was an exact form of every
 * dialog's page (heldout30 0.497 -> 0.317). */
static int query_after_subject(const query_item *items, size_t i)
{
    if (i != 2 || items[0].kind != QUERY_ITEM_WORD || items[i].kind != QUERY_ITEM_WORD ||
        items[i].npos != 1 || items[i].neg || items[i].prefix ||
        items[i - 1].kind != QUERY_ITEM_WORD || items[i - 1].npos != 1 || items[i - 1].neg)
        return 0;
    return grammar_subject_pronoun(query_pos_surface(&items[i - 1].pos[0]));
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
 * the place the question names (grammar_mark_meaning_scope: « … flottant
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
    buf term = BUF_INIT;
    for (size_t i = tfirst; i <= tlast; i++)
        for (size_t k = 0; k < items[i].npos; k++) {
            if (term.len)
                buf_putc(&term, ' ');
            buf_puts(&term, query_pos_surface(&items[i].pos[k]));
        }
    q->defined = buf_detach(&term);
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
    /* Joining elisions only puts an apostrophe where a space was: the text
     * joined is shouted when the text typed is. */
    int shouted = text_shouted(text, len);
    query_join_elisions(text, len, &joined, shouted);
    query_lex_run(&lx, joined.data ? joined.data : "", joined.len);
    /* Typed all in capitals, « OU » is the word (« D OU VIENNENT LES
     * CHAUFFEURS ROUTIERS DETACHES », « d'où »), not the operator: the
     * person did not choose its capitals. « OR » stays the operator. */
    for (size_t i = 0; shouted && i < lx.nitems; i++)
        if (lx.items[i].kind == QUERY_ITEM_OR && lx.items[i].or_word[1] == 'u') {
            lx.items[i].kind = QUERY_ITEM_WORD;
            query_item_analyze(&lx.items[i], lx.items[i].or_word, 2);
        }
    query_lex_fix_or(&lx);
    if (shouted)
        for (size_t i = 0; i < lx.nitems; i++)
            lx.items[i].caps = 0;
    int question =
        grammar_mark_question(lx.items, lx.nitems, joined.data ? joined.data : "", joined.len);
    if (!question)
        grammar_mark_keywords(lx.items, lx.nitems);
    int meaning = question && grammar_asks_meaning(lx.items, lx.nitems,
                                                   joined.data ? joined.data : "", joined.len);
    if (meaning)
        grammar_mark_meaning(lx.items, lx.nitems);
    /* « comment on désactive la correction ? » is « comment désactiver la
     * correction ? »: the question's verb after its subject pronoun is read
     * as its infinitive (query_after_subject). Snowball stems « désactive »
     * "desact", as an adjective, apart from « désactiver »,
     * « désactivation » "desactiv"; and the exact form typed favoured the
     * pages that say « identifie » in passing over those titled
     * « Identifier … ». */
    for (size_t i = 0; question && i < lx.nitems; i++) {
        query_item *it = &lx.items[i];
        char inf[256];
        if (!query_after_subject(lx.items, i) ||
            !query_infinitive(it->pos[0].exact + 1, inf, sizeof inf))
            continue;
        for (size_t k = 0; k < it->npos; k++)
            query_pos_free(&it->pos[k]);
        free(it->pos);
        free(it->whole);
        it->pos = NULL;
        it->whole = NULL;
        it->npos = 0;
        query_item_analyze(it, inf, strlen(inf));
    }
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
    free(q->defined);
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

const char *query_defined_term(const query *q)
{
    return q ? q->defined : NULL;
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
 * (grammar_says_little). */
static int query_node_common(const query_node *n, query_phrase_kind kind)
{
    return kind == QUERY_PHRASE_MATCH && n->kind == QUERY_NODE_PHRASE && n->common;
}

/* The positions of a PHRASE node that are not among the commonest
 * function words (grammar_closed_words): those written as stems, but a
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
        content += exact ? grammar_soft_preposition(word) : !grammar_closed_word(word);
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
    return grammar_says_little(word);
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
        if (bare && !grammar_says_little(bare) &&
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
    return grammar_closed_word(bare) || grammar_says_little(bare) || grammar_soft_preposition(bare);
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
