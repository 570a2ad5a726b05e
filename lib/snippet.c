/* snippet: builds the passage shown under a result from the document's best
 * chunk only (FTS5's snippet() re-reads whole documents: too slow on big
 * PDFs). Escapes the text first, then adds <mark>s: no other markup ever
 * comes out. */
#include "snippet.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "marks.h"
#include "rank.h"
#include "schema.h"
#include "ways.h"

/* The hits are where FTS5 matched (marks.c), so stems, folded accents and
 * synonyms are marked as the document writes them and a phrase only where it
 * stands whole. The best passage has the most query words that are not mere
 * function words (snippet_key), those the title lacks first; one with only
 * « de », « des » is never shown marked; in a PDF, a table of contents gives
 * way to the page it lists, and a list's items (a glossary's, a
 * bibliography's) to the text about their topic. A meaning question's hit
 * shows the sentence that defines the term when it has one. */

/* docs_fts's body: the chunks' text. */
#define SNIPPET_BODY_COLUMN 2

/* A document title's words as the analyzer gives them (ANALYZER_WORDS), kept
 * per connection: the title of a hit was analysed again for every query
 * that showed it (a sixtieth of the scale benchmark's mix). An entry is
 * used only when its title is the document's title. */
typedef struct {
    ways_tag tag;     /* its document id and title, when last used (ways.h) */
    buf words;        /* each word's bytes, one after the other */
    size_t *lens;     /* each word's length */
    size_t n, cap;
} snippet_title;

#define SNIPPET_TITLE_SLOTS 512
/* A title may sit in any of SNIPPET_TITLE_WAYS slots from the one its id
 * hashes to (as marks.c's chunks). */
#define SNIPPET_TITLE_WAYS 4

struct snippet_maker {
    sqlite3 *db;
    sqlite3_stmt *chunk;  /* a chunk's text and page */
    sqlite3_stmt *first;  /* the document's first chunk */
    sqlite3_stmt *starts; /* where a document's chunks start (documents.starts) */
    sqlite3_stmt *hits;   /* the hits of a list of documents */
    sqlite3_stmt *hidden; /* the document's hidden text (documents.hidden) */
    marks_cache *cache;   /* chunks' token streams */
    snippet_title titles[SNIPPET_TITLE_SLOTS];
    unsigned long long clock;
};

typedef struct {
    size_t start, end;   /* bytes */
    size_t cstart, cend; /* characters */
    uint64_t clauses;    /* bit per query clause */
    uint64_t terms;      /* bit per term (MARKS_TERM_BIT) */
} snippet_tok;

/* What a passage is judged by: which terms of the compiled query say
 * something (not only function words: « de », « des », « vous »…), which of those
 * are phrases (several words: a phrase, a synonym side), and which clauses
 * the document's title already matches. When the query is made of
 * function words only, every term counts. next[c]: the bit of the first
 * clause after c in the query that has a content term (function words
 * between are passed over: « traite des êtres »), 0 for none. */
typedef struct {
    uint64_t content, phrases, title;
    uint64_t minor; /* content terms that are prepositions (query_term.minor) */
    uint64_t next[64];
} snippet_want;

typedef struct {
    const query *q;
    snippet_tok *v;
    size_t n, cap;
} snippet_toks;

static int snippet_push(snippet_toks *t, size_t start, size_t end, uint64_t clauses,
                        uint64_t terms);

static int snippet_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int snippet_on_token(void *vctx, int flags, const char *token, size_t len, size_t start,
                            size_t end)
{
    snippet_toks *t = vctx;
    (void)flags;
    int c = query_token_clause(t->q, token, len);
    if (c < 0 || c >= 64 || end <= start)
        return 0;
    uint64_t bit = (uint64_t)1 << c;
    if (t->n > 0 && start < t->v[t->n - 1].end) {
        snippet_tok *last = &t->v[t->n - 1];
        if (end > last->end)
            last->end = end;
        if (start < last->start)
            last->start = start;
        last->clauses |= bit;
        return 0;
    }
    return snippet_push(t, start, end, bit, 0);
}

/* Character index of byte position pos, counting from byte from whose
 * character index is cfrom (continuation bytes are not characters). */
static size_t snippet_chars(const char *text, size_t from, size_t cfrom, size_t pos)
{
    size_t i = from;
    /* Eight bytes at a time: a continuation byte has its top bits 10; the
     * byte sum of the flags, by a multiplication, counts them. */
    for (; i + 8 <= pos; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
        cfrom += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < pos; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            cfrom++;
    return cfrom;
}

/* Byte position n characters after (n > 0) or before (n < 0) pos, stopping
 * at the text's ends; always on a character boundary. */
static size_t snippet_walk(const char *text, size_t len, size_t pos, long n)
{
    while (n > 0 && pos < len) {
        pos++;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
        n--;
    }
    while (n < 0 && pos > 0) {
        pos--;
        while (pos > 0 && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos--;
        n++;
    }
    return pos;
}

/* The entity of an HTML special character, or NULL. */
static const char *snippet_entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

static void snippet_escape(const char *text, size_t from, size_t to, int *space, buf *out)
{
    for (size_t i = from; i < to;) {
        unsigned char c = (unsigned char)text[i];
        if (snippet_is_space(c)) {
            *space = 1;
            i++;
            continue;
        }
        if (*space && out->len > 0)
            buf_putc(out, ' ');
        *space = 0;
        const char *entity = snippet_entity(c);
        if (entity) {
            buf_puts(out, entity);
            i++;
            continue;
        }
        /* The run of plain characters, appended whole. */
        size_t j = i + 1;
        while (j < to && !snippet_is_space((unsigned char)text[j]) &&
               !snippet_entity((unsigned char)text[j]))
            j++;
        buf_append(out, text + i, j - i);
        i = j;
    }
}

/* The query's terms as snippet_want reads them: content terms from the
 * compiled query, phrases from the hits (a phrase's hit spans its words). */
static void snippet_want_init(snippet_want *w, const query_expr *e, const rank_hit *hits, size_t n)
{
    uint64_t said = 0;
    w->content = w->phrases = w->title = w->minor = 0;
    /* Content terms: neither function words nor words that say little
     * alone; failing those, the latter; failing those, every term. */
    for (int weak = 0; weak < 2 && !w->content; weak++)
        for (int t = 0; t < e->nterms; t++)
            if (e->terms[t].kind == QUERY_PHRASE_MATCH && e->terms[t].clause >= 0 &&
                !e->terms[t].function && (weak || !e->terms[t].common)) {
                w->content |= MARKS_TERM_BIT(t);
                if (e->terms[t].clause < 64)
                    said |= (uint64_t)1 << e->terms[t].clause;
            }
    if (!w->content)
        w->content = ~(uint64_t)0;
    for (int t = 0; t < e->nterms; t++)
        if (e->terms[t].minor)
            w->minor |= MARKS_TERM_BIT(t) & w->content;
    int nc = e->nclauses < 64 ? e->nclauses : 64;
    for (int c = nc - 1, after = -1; c >= 0; c--) {
        w->next[c] = after >= 0 ? (uint64_t)1 << after : 0;
        if (said >> c & 1 || !(w->content + 1))
            after = c;
    }
    for (size_t i = 0; i < n; i++)
        if (hits[i].end - hits[i].off > 1)
            w->phrases |= MARKS_TERM_BIT(hits[i].term) & w->content;
}

/* The words of a passage: clauses and terms it has, the clauses of its
 * content terms, and the clauses c followed closely by the next content
 * clause of the query (the query's words standing together as typed:
 * « dialogue exporter »). */
typedef struct {
    uint64_t clauses, terms, said, together;
    uint64_t major; /* the clauses of its content terms but prepositions */
} snippet_has;

/* Hits this close stand together: at most SNIPPET_NEAR_TOKENS tokens
 * between them in a chunk (« traite des êtres », « date et l'heure »),
 * SNIPPET_NEAR_CHARS characters in a passage. */
#define SNIPPET_NEAR_TOKENS 2
#define SNIPPET_NEAR_CHARS 7

/* The clauses of prev whose next content clause (w->next) is in cur. */
static uint64_t snippet_together(const snippet_want *w, uint64_t prev, uint64_t cur)
{
    uint64_t out = 0;
    for (; prev; prev &= prev - 1) {
        int c = __builtin_ctzll(prev);
        if (w->next[c] & cur)
            out |= (uint64_t)1 << c;
    }
    return out;
}

/* The clauses of w's content terms in e. */
static uint64_t snippet_want_clauses(const snippet_want *w, const query_expr *e)
{
    uint64_t clauses = 0;
    for (int t = 0; t < e->nterms; t++)
        if ((MARKS_TERM_BIT(t) & w->content) && e->terms[t].clause >= 0 && e->terms[t].clause < 64)
            clauses |= (uint64_t)1 << e->terms[t].clause;
    return clauses;
}

/* The clauses that terms say (w's content terms), and those said by words
 * other than prepositions. */
static void snippet_has_say(snippet_has *h, const snippet_want *w, uint64_t clauses, uint64_t terms)
{
    if (!w || (terms & w->content))
        h->said |= clauses;
    if (!w || (terms & w->content & ~w->minor))
        h->major |= clauses;
}

static void snippet_has_add(snippet_has *h, const snippet_want *w, uint64_t clauses, uint64_t terms)
{
    h->clauses |= clauses;
    h->terms |= terms;
    snippet_has_say(h, w, clauses, terms);
}

/* How good a passage is, higher better: the clauses it says that the title
 * does not, the clauses it says, how many of the query's neighbours stand
 * together in it, the clauses it says but by a preposition (« sous »
 * alone says less of « placé sous l'autorité » than « autorité »), its
 * phrases, its distinct content terms, its clauses (function words
 * included). Without w: its clauses. */
static uint64_t snippet_key(const snippet_want *w, const snippet_has *h)
{
    if (!w)
        return (uint64_t)__builtin_popcountll(h->clauses);
    uint64_t k = (uint64_t)__builtin_popcountll(h->said & ~w->title);
    k = k << 7 | (uint64_t)__builtin_popcountll(h->said);
    k = k << 7 | (uint64_t)__builtin_popcountll(h->together);
    k = k << 7 | (uint64_t)__builtin_popcountll(h->major);
    k = k << 7 | (uint64_t)__builtin_popcountll(h->terms & w->phrases);
    k = k << 7 | (uint64_t)__builtin_popcountll(h->terms & w->content);
    return k << 7 | (uint64_t)__builtin_popcountll(h->clauses);
}

/* snippet_key's two fields that count the clauses said (those the title
 * lacks, all): keys equal there say as much of the query. */
#define SNIPPET_KEY_SAID(key) ((key) >> (5 * 7))

/* A key no chunk has: one not computed yet. */
#define SNIPPET_UNREAD UINT64_MAX

/* The most characters a run of matched words a passage is built around
 * may span (snippet_best_window, snippet_anchor_run): three quarters of
 * the target length, which leaves room for context on both sides. */
#define SNIPPET_RUN_CHARS (SNIPPET_TARGET_CHARS * 3 / 4)

/* The run of matched words with the best snippet_key in the fewest
 * characters, within SNIPPET_RUN_CHARS. */
static void snippet_best_window(const snippet_toks *t, const snippet_want *w, size_t *bi,
                                size_t *bj)
{
    uint64_t best = 0;
    long best_span = 0;
    int found = 0;
    *bi = *bj = 0;
    for (size_t i = 0; i < t->n; i++) {
        snippet_has h = {0, 0, 0, 0, 0};
        size_t j = i, last = SIZE_MAX; /* the last token with a content term */
        while (j < t->n && t->v[j].cend - t->v[i].cstart <= SNIPPET_RUN_CHARS) {
            snippet_has_add(&h, w, t->v[j].clauses, t->v[j].terms);
            if (w && (t->v[j].terms & w->content)) {
                if (last != SIZE_MAX && t->v[j].cstart - t->v[last].cend <= SNIPPET_NEAR_CHARS)
                    h.together |= snippet_together(w, t->v[last].clauses, t->v[j].clauses);
                last = j;
            }
            j++;
        }
        if (j == i) {
            snippet_has_add(&h, w, t->v[i].clauses, t->v[i].terms);
            j = i + 1;
        }
        long span = (long)(t->v[j - 1].cend - t->v[i].cstart);
        uint64_t key = snippet_key(w, &h);
        if (!found || key > best || (key == best && span < best_span)) {
            found = 1;
            best = key;
            best_span = span;
            *bi = i;
            *bj = j;
        }
    }
}

/* Whether token i is marked: a function word is, only in a run of matched
 * words side by side that has a content word at most SNIPPET_RUN words
 * away (« inspection du travail », « vous pouvez le faire »), so that a
 * lone « des » is not. */
#define SNIPPET_RUN 8
static int snippet_marked(const snippet_toks *t, const snippet_want *w, size_t i)
{
    if (!w || (t->v[i].terms & w->content))
        return 1;
    for (size_t k = i; k > 0 && i - k < SNIPPET_RUN && t->v[k].cstart - t->v[k - 1].cend <= 1; k--)
        if (t->v[k - 1].terms & w->content)
            return 1;
    for (size_t k = i; k + 1 < t->n && k - i < SNIPPET_RUN && t->v[k + 1].cstart - t->v[k].cend <= 1;
         k++)
        if (t->v[k + 1].terms & w->content)
            return 1;
    return 0;
}

static int snippet_push(snippet_toks *t, size_t start, size_t end, uint64_t clauses, uint64_t terms)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        snippet_tok *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return 1;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (snippet_tok){start, end, 0, 0, clauses, terms};
    return 0;
}

/* The run of t's words in text[astart..aend) (a meaning question's
 * defining phrase: snippet_best_chunk) into [*bi, *bj), its first words
 * within SNIPPET_RUN_CHARS, as snippet_best_window's (a term of many long
 * words would make the passage longer than a snippet); 0 when there is
 * none. t's cstart and cend are set. */
static int snippet_anchor_run(const snippet_toks *t, size_t astart, size_t aend, size_t *bi,
                              size_t *bj)
{
    size_t i = 0;
    while (i < t->n && t->v[i].start < astart)
        i++;
    size_t j = i;
    while (j < t->n && t->v[j].start < aend &&
           (j == i || t->v[j].cend - t->v[i].cstart <= SNIPPET_RUN_CHARS))
        j++;
    *bi = i;
    *bj = j;
    return j > i;
}

/* Where the sentence holding byte at starts, if it starts after from: the
 * space after the end of the one before (« . », « ! », « ? »); else from. */
static size_t snippet_sentence(const char *text, size_t from, size_t at)
{
    for (size_t p = at; p > from + 1; p--)
        if (snippet_is_space((unsigned char)text[p - 1]) &&
            (text[p - 2] == '.' || text[p - 2] == '!' || text[p - 2] == '?'))
            return p - 1;
    return from;
}

/* The passage of text around the best run of t's words (judged by w when
 * not NULL), or around text[astart..aend) when aend > astart and t has
 * words there (from the start of its sentence when that fits); frees t's
 * array. */
static char *snippet_build(const char *text, size_t len, snippet_toks *ts, const snippet_want *w,
                           size_t astart, size_t aend)
{
    snippet_toks t = *ts;
    buf out = BUF_INIT;
    ts->v = NULL;
    size_t c = 0, b = 0;
    for (size_t i = 0; i < t.n; i++) {
        c = t.v[i].cstart = snippet_chars(text, b, c, t.v[i].start);
        t.v[i].cend = snippet_chars(text, t.v[i].start, c, t.v[i].end);
        b = t.v[i].start;
    }
    size_t total = snippet_chars(text, b, c, len);

    size_t from = 0, to = len;
    if (total > SNIPPET_MAX_CHARS) {
        size_t ms = 0, me = 0, cms = 0, cme = 0, bi, bj;
        int anchored = aend > astart && snippet_anchor_run(&t, astart, aend, &bi, &bj);
        if (t.n > 0) {
            if (!anchored)
                snippet_best_window(&t, w, &bi, &bj);
            /* Do not start or end inside a run of one clause's words (a
             * phrase cut in two), when the whole run fits. */
            while (bi > 0 && (t.v[bi - 1].clauses & t.v[bi].clauses) &&
                   t.v[bi].cstart - t.v[bi - 1].cend <= 2 &&
                   t.v[bj - 1].cend - t.v[bi - 1].cstart <= SNIPPET_TARGET_CHARS)
                bi--;
            while (bj < t.n && (t.v[bj].clauses & t.v[bj - 1].clauses) &&
                   t.v[bj].cstart - t.v[bj - 1].cend <= 2 &&
                   t.v[bj].cend - t.v[bi].cstart <= SNIPPET_TARGET_CHARS)
                bj++;
            ms = t.v[bi].start;
            me = t.v[bj - 1].end;
            cms = t.v[bi].cstart;
            cme = t.v[bj - 1].cend;
        }
        long extra = SNIPPET_TARGET_CHARS - (long)(cme - cms);
        if (extra < 0)
            extra = 0;
        /* A third of the room before the match, the rest after; more before
         * when the text ends soon after it. */
        long lead = extra / 3, after = (long)(total - cme);
        if (after < extra - lead)
            lead = extra - after;
        if (lead > (long)cms)
            lead = (long)cms;
        from = snippet_walk(text, len, ms, -lead);
        if (anchored)
            from = snippet_sentence(text, from, ms);
        to = snippet_walk(text, len, from, SNIPPET_TARGET_CHARS);
        if (to < me)
            to = me;
        if (from > 0) {
            size_t p = from;
            while (p < ms && !snippet_is_space((unsigned char)text[p]))
                p++;
            from = p;
        }
        if (to < len) {
            size_t p = to;
            while (p > me && !snippet_is_space((unsigned char)text[p - 1]))
                p--;
            if (p > me || t.n > 0)
                to = p;
        }
    }
    while (from < to && snippet_is_space((unsigned char)text[from]))
        from++;
    while (to > from && snippet_is_space((unsigned char)text[to - 1]))
        to--;
    int cut_before = 0, cut_after = 0;
    for (size_t i = 0; i < from && !cut_before; i++)
        cut_before = !snippet_is_space((unsigned char)text[i]);
    for (size_t i = to; i < len && !cut_after; i++)
        cut_after = !snippet_is_space((unsigned char)text[i]);

    int space = 0;
    if (cut_before)
        buf_puts(&out, "… ");
    size_t pos = from;
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].end <= from || t.v[i].start < pos)
            continue;
        if (t.v[i].start >= to)
            break;
        if (!snippet_marked(&t, w, i))
            continue;
        size_t end = t.v[i].end < to ? t.v[i].end : to;
        snippet_escape(text, pos, t.v[i].start, &space, &out);
        if (space && out.len > 0)
            buf_putc(&out, ' ');
        space = 0;
        buf_puts(&out, "<mark>");
        snippet_escape(text, t.v[i].start, end, &space, &out);
        buf_puts(&out, "</mark>");
        space = 0;
        pos = end;
    }
    snippet_escape(text, pos, to, &space, &out);
    if (cut_after)
        buf_puts(&out, " …");
    free(t.v);
    return buf_detach(&out);
}

char *snippet_from_text(const char *text, size_t len, const query *q)
{
    snippet_toks t = {q, NULL, 0, 0};
    if (q)
        analyzer_tokenize(text, len, ANALYZER_WORDS, snippet_on_token, &t);
    return snippet_build(text, len, &t, NULL, 0, 0);
}

/* The passage around the marked words (in text order), around
 * text[astart..aend) when aend > astart (snippet_build); NULL when there
 * are none. */
static char *snippet_from_marks(const char *text, size_t len, const marks_list *marks,
                                const snippet_want *w, size_t astart, size_t aend)
{
    snippet_toks t = {NULL, NULL, 0, 0};
    for (size_t i = 0; marks && i < marks->n; i++) {
        const marks_span *m = &marks->v[i];
        if (m->end > len || m->start >= m->end || (t.n > 0 && m->start < t.v[t.n - 1].end))
            continue;
        if (snippet_push(&t, m->start, m->end, m->clauses, m->terms) != 0)
            break;
    }
    if (t.n == 0) {
        free(t.v);
        return NULL;
    }
    return snippet_build(text, len, &t, w, astart, aend);
}

snippet_maker *snippet_open(sqlite3 *db, char *err, size_t errlen)
{
    static const char chunk_sql[] = "SELECT text, page FROM chunks WHERE id = ?1";
    static const char first_sql[] =
        "SELECT text, page FROM chunks WHERE id BETWEEN ?1 AND ?2 ORDER BY id LIMIT 1";
    static const char starts_sql[] = "SELECT starts, title, pages FROM documents WHERE id = ?1";
    static const char hidden_sql[] = "SELECT hidden FROM documents WHERE id = ?1";
    /* A whole page of results at once: FTS5 sets up the expression (a
     * doclist per phrase) once instead of once per document. The list is a
     * filter on an expression of the rowid, which FTS5 is not offered (a
     * rowid IN would run the expression once per value). */
    static const char hits_sql[] =
        "SELECT repere_hits(docs_fts, ?2) FROM docs_fts"
        " WHERE docs_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4"
        " AND (rowid + 0) IN (SELECT value FROM json_each(?5))";
    snippet_maker *sm = calloc(1, sizeof *sm);
    if (!sm || !(sm->cache = marks_cache_new())) {
        free(sm);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    sm->db = db;
    if (marks_register(db, err, errlen) != 0) {
        snippet_close(sm);
        return NULL;
    }
    if (sqlite3_prepare_v3(db, chunk_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->chunk, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, first_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->first, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, starts_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->starts, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, hits_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->hits, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v3(db, hidden_sql, -1, SQLITE_PREPARE_PERSISTENT, &sm->hidden, NULL) !=
            SQLITE_OK) {
        snprintf(err, errlen, "cannot prepare the snippet queries: %s", sqlite3_errmsg(db));
        snippet_close(sm);
        return NULL;
    }
    return sm;
}

void snippet_close(snippet_maker *sm)
{
    if (!sm)
        return;
    sqlite3_finalize(sm->chunk);
    sqlite3_finalize(sm->first);
    sqlite3_finalize(sm->starts);
    sqlite3_finalize(sm->hits);
    sqlite3_finalize(sm->hidden);
    marks_cache_free(sm->cache);
    for (int i = 0; i < SNIPPET_TITLE_SLOTS; i++) {
        ways_clear(&sm->titles[i].tag);
        buf_free(&sm->titles[i].words);
        free(sm->titles[i].lens);
    }
    free(sm);
}

/* The bytes of chunk id's text[0..len) (whose first word is at position
 * pos) that hit def spans, into [*astart, *aend): from its first word to
 * the word after it (len past the last). */
static int snippet_def_bytes(snippet_maker *sm, sqlite3_int64 id, const char *text, size_t len,
                             int pos, const rank_hit *def, size_t *astart, size_t *aend)
{
    int npos = def->end - pos + 1;
    size_t *starts = malloc((size_t)npos * sizeof *starts);
    int rc = starts ? marks_starts(sm->cache, id, text, len, npos, starts) : SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
        *astart = starts[def->off - pos];
        *aend = starts[def->end - pos];
    }
    free(starts);
    return rc;
}

/* Steps st (bound by the caller: a chunk's text and page) and builds the
 * snippet, with the marks of hits[0..nhits) when there are any (pos: where
 * the chunk starts; judged by w; around def when not NULL: a defining
 * phrase's hit in the chunk), else where q's words are; *found is 0 when
 * there is no row. */
static int snippet_from_row(snippet_maker *sm, sqlite3_stmt *st, sqlite3_int64 id, int pos,
                            const rank_hit *hits, size_t nhits, const rank_hit *def,
                            const snippet_want *w, const query *q, char **out, int *page,
                            int *found)
{
    int rc = sqlite3_step(st);
    *found = 0;
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        size_t len = text ? (size_t)sqlite3_column_bytes(st, 0) : 0;
        size_t astart = 0, aend = 0;
        marks_list marks = {NULL, 0, 0};
        rc = nhits ? marks_spans(sm->cache, id, text ? text : "", len, pos, hits, nhits, &marks)
                   : SQLITE_OK;
        if (rc == SQLITE_OK && def && def->off >= pos)
            rc = snippet_def_bytes(sm, id, text ? text : "", len, pos, def, &astart, &aend);
        *out = rc == SQLITE_OK ? snippet_from_marks(text ? text : "", len, &marks, w, astart, aend)
                               : NULL;
        if (rc == SQLITE_OK && !*out)
            *out = snippet_from_text(text ? text : "", len, q);
        marks_list_free(&marks);
        *page = sqlite3_column_int(st, 1);
        *found = 1;
        if (rc == SQLITE_OK)
            rc = SQLITE_ROW;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Start k of a documents.starts blob. */
static int snippet_start(const unsigned char *b, size_t k)
{
    uint32_t v = schema_start_bits(b, k) & ~SCHEMA_STARTS_KEYWORDS;
    return v > INT_MAX ? INT_MAX : (int)v;
}

/* Is chunk k the document's keywords (SCHEMA_STARTS_KEYWORDS)? */
static int snippet_is_keywords(const unsigned char *b, size_t k)
{
    return (schema_start_bits(b, k) & SCHEMA_STARTS_KEYWORDS) != 0;
}

static int snippet_title_add(void *vctx, int flags, const char *token, size_t len, size_t start,
                             size_t end)
{
    snippet_title *t = vctx;
    (void)flags;
    (void)start;
    (void)end;
    t->lens = buf_xgrow(t->lens, &t->cap, t->n + 1, sizeof *t->lens);
    t->lens[t->n++] = len;
    buf_append(&t->words, token, len);
    return 0;
}

/* The words of document id's title, from the cache or analysed now. */
static const snippet_title *snippet_title_get(snippet_maker *sm, long long id, const char *title,
                                              size_t len)
{
    int hit;
    snippet_title *t = (snippet_title *)ways_get(sm->titles, sizeof sm->titles[0],
                                                 SNIPPET_TITLE_SLOTS, SNIPPET_TITLE_WAYS,
                                                 &sm->clock, id, title, len, &hit);
    if (hit)
        return t;
    t->n = 0;
    buf_clear(&t->words);
    analyzer_tokenize(title, len, ANALYZER_WORDS, snippet_title_add, t);
    /* Out of memory, the words still serve this call; the slot stays empty. */
    (void)ways_keep(&t->tag, id, title, len);
    return t;
}

/* The clauses document id's title matches (its words, as the query reads
 * them). */
static uint64_t snippet_title_clauses(snippet_maker *sm, long long id, const char *title,
                                      size_t len, const query *q)
{
    uint64_t clauses = 0;
    if (!title || !q)
        return 0;
    const snippet_title *t = snippet_title_get(sm, id, title, len);
    for (size_t i = 0, at = 0; i < t->n; at += t->lens[i++]) {
        int c = query_token_clause(q, t->words.data + at, t->lens[i]);
        if (c >= 0 && c < 64)
            clauses |= (uint64_t)1 << c;
    }
    return clauses;
}

/* A table of contents names each section beside its page after a dot
 * leader (« Test de l'installation . . . . . 21 »): the page to open is the
 * section's own, which says the same words. A chunk with
 * SNIPPET_CONTENTS_LEADERS or more leaders (four dots or more, spaced or
 * not, ellipses counting three, then a number) is a table of contents. */
#define SNIPPET_CONTENTS_LEADERS 3

static int snippet_is_ellipsis(const char *t, size_t len, size_t j)
{
    return j + 2 < len && (unsigned char)t[j] == 0xE2 && (unsigned char)t[j + 1] == 0x80 &&
           (unsigned char)t[j + 2] == 0xA6;
}

int snippet_is_contents(const char *t, size_t len)
{
    int leaders = 0;
    const char *end = t + len, *dot = t, *ell = t;
    for (const char *p = t; p < end && leaders < SNIPPET_CONTENTS_LEADERS;) {
        /* The next '.' or '…', found by memchr: a page of text has few. */
        if (dot && dot < p)
            dot = memchr(p, '.', (size_t)(end - p));
        if (ell && ell < p)
            ell = memchr(p, 0xE2, (size_t)(end - p));
        const char *q = !dot ? ell : !ell ? dot : dot < ell ? dot : ell;
        if (!q)
            break;
        size_t dots = 0, j = (size_t)(q - t);
        for (;;) {
            if (j < len && t[j] == '.') {
                dots++;
                j++;
            } else if (snippet_is_ellipsis(t, len, j)) {
                dots += 3;
                j += 3;
            } else if (dots && j + 1 < len && t[j] == ' ' &&
                       (t[j + 1] == '.' || snippet_is_ellipsis(t, len, j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (dots >= 4) {
            while (j < len && snippet_is_space((unsigned char)t[j]))
                j++;
            leaders += j < len && t[j] >= '0' && t[j] <= '9';
        }
        p = t + (j > (size_t)(q - t) ? j : (size_t)(q - t) + 1);
    }
    return leaders >= SNIPPET_CONTENTS_LEADERS;
}

/* Whether chunk id is a table of contents (snippet_is_contents), in *out. */
static int snippet_chunk_is_contents(snippet_maker *sm, sqlite3_int64 id, int *out)
{
    sqlite3_bind_int64(sm->chunk, 1, id);
    int rc = sqlite3_step(sm->chunk);
    *out = 0;
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(sm->chunk, 0);
        *out = text && snippet_is_contents(text, (size_t)sqlite3_column_bytes(sm->chunk, 0));
        rc = SQLITE_DONE;
    }
    sqlite3_reset(sm->chunk);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* What the hits v[0..n) of one chunk (ending at token end) say (judged by
 * w). A hit whose listed[] is set (NULL: none) is in a list's item: it
 * counts for the clauses said, nothing else. */
static inline snippet_has snippet_chunk_has(const snippet_want *w, const rank_hit *v, size_t n,
                                            int end, const unsigned char *listed)
{
    snippet_has has = {0, 0, 0, 0, 0};
    /* The content clauses of the hits at the last offset that had one, and
     * of the offset before (hits of one offset are next to each other). */
    uint64_t cur = 0, prev = 0;
    int cur_off = -1, cur_end = -1, prev_end = -1;
    for (size_t j = 0; j < n; j++) {
        const rank_hit *x = &v[j];
        /* A phrase that runs on into the next chunk (a page break in « de
         * la | procédure ») cannot be shown whole: only its first words
         * would be marked, « la » alone. */
        if (x->clause < 0 || x->clause >= 64 || x->end > end)
            continue;
        uint64_t bit = (uint64_t)1 << x->clause;
        if (listed && listed[j]) {
            snippet_has_say(&has, w, bit, MARKS_TERM_BIT(x->term));
            continue;
        }
        snippet_has_add(&has, w, bit, MARKS_TERM_BIT(x->term));
        if (MARKS_TERM_BIT(x->term) & w->content) {
            if (x->off != cur_off) {
                prev = cur;
                prev_end = cur_end;
                cur = 0;
                cur_off = x->off;
            }
            cur |= bit;
            if (x->end > cur_end)
                cur_end = x->end;
            if (prev && x->off >= prev_end && x->off - prev_end <= SNIPPET_NEAR_TOKENS)
                has.together |= snippet_together(w, prev, bit);
        }
    }
    return has;
}

/* A list names one topic an item (« • CIVI : commission d'indemnisation
 * des victimes d'infractions », « [2] Motifs de césure français »,
 * « • 10. Perspectives 2020 »): a glossary, a bibliography, a contents
 * list, a calendar. The query's words stand together there because they
 * are the topic's name; the text about it is elsewhere. An item is a line
 * that opens (after spaces) with a bullet or a reference number « [n] »;
 * not with a dash, which opens dialogue and asides as often as items. */
static int snippet_opens_item(const char *t, size_t len, size_t p)
{
    static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA",
                                          "\xE2\x80\xA3", "\xE2\x97\x8F", "\xE2\x96\xA0",
                                          "\xEF\x82\xB7", "\xC2\xB7"};
    while (p < len && (t[p] == ' ' || t[p] == '\t'))
        p++;
    if (p >= len)
        return 0;
    if (t[p] == '[') {
        size_t q = p + 1;
        while (q < len && t[q] >= '0' && t[q] <= '9')
            q++;
        return q > p + 1 && q < len && t[q] == ']';
    }
    /* The bullets' first bytes: most lines open with none of them. */
    unsigned char c = (unsigned char)t[p];
    if (c != 0xE2 && c != 0xEF && c != 0xC2)
        return 0;
    for (size_t b = 0; b < sizeof bullets / sizeof bullets[0]; b++)
        if (p + 1 < len && bullets[b][1] == t[p + 1] && bullets[b][0] == t[p] &&
            (!bullets[b][2] || (p + 2 < len && bullets[b][2] == t[p + 2])))
            return 1;
    return 0;
}

/* Whether the line of text[0..len) holding byte at is a list's item. */
static int snippet_is_item(const char *t, size_t len, size_t at)
{
    size_t p = at < len ? at : len;
    while (p > 0 && t[p - 1] != '\n')
        p--;
    return snippet_opens_item(t, len, p);
}

/* Whether text[0..len) has a list's item at all. */
static int snippet_has_items(const char *t, size_t len)
{
    for (const char *p = t, *end = t + len; p < end;) {
        if (snippet_opens_item(t, len, (size_t)(p - t)))
            return 1;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

/* One chunk of a document, as snippet_best_chunk weighs it. */
typedef struct {
    size_t seq;        /* its number in the document */
    int start, end;    /* its first token, the next chunk's */
    const rank_hit *v; /* its hits */
    size_t n;
    uint64_t key;    /* snippet_key */
    uint64_t listed; /* snippet_listed_key; SNIPPET_UNREAD until read */
} snippet_chunk;

/* c->listed: c's key when its hits in list items count for the clauses
 * said only (snippet_chunk_has); its text is read once. Never above c->key. */
static int snippet_listed_key(snippet_maker *sm, long long doc_id, const snippet_want *w,
                              snippet_chunk *c)
{
    if (c->listed != SNIPPET_UNREAD)
        return SQLITE_OK;
    sqlite3_int64 id = SCHEMA_CHUNK_ID(doc_id, c->seq);
    sqlite3_bind_int64(sm->chunk, 1, id);
    int rc = sqlite3_step(sm->chunk);
    const char *text = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(sm->chunk, 0) : NULL;
    size_t len = text ? (size_t)sqlite3_column_bytes(sm->chunk, 0) : 0;
    size_t *starts = NULL;
    unsigned char *listed = NULL;
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    if (rc == SQLITE_OK && text && snippet_has_items(text, len)) {
        int npos = 0;
        for (size_t j = 0; j < c->n; j++)
            if (c->v[j].off - c->start + 1 > npos)
                npos = c->v[j].off - c->start + 1;
        starts = malloc((size_t)(npos > 0 ? npos : 1) * sizeof *starts);
        listed = calloc(c->n ? c->n : 1, 1);
        rc = starts && listed ? marks_starts(sm->cache, id, text, len, npos, starts) : SQLITE_NOMEM;
        for (size_t j = 0; rc == SQLITE_OK && j < c->n; j++)
            listed[j] = c->v[j].off >= c->start &&
                        snippet_is_item(text, len, starts[c->v[j].off - c->start]);
    }
    if (rc == SQLITE_OK) {
        snippet_has has = snippet_chunk_has(w, c->v, c->n, c->end, listed);
        c->listed = snippet_key(w, &has);
    }
    free(starts);
    free(listed);
    sqlite3_reset(sm->chunk);
    return rc;
}

/* Compares chunks a and b of doc_id on their listed keys (snippet_listed_key)
 * into *cmp (> 0: a's higher, 0: equal, < 0: lower), reading the texts that
 * decide only: a listed key is never above the key. */
static int snippet_listed_cmp(snippet_maker *sm, long long doc_id, const snippet_want *w,
                              snippet_chunk *a, snippet_chunk *b, int *cmp)
{
    int rc = SQLITE_OK;
    *cmp = 0;
    if (a->key > b->key && (rc = snippet_listed_key(sm, doc_id, w, a)) == SQLITE_OK &&
        a->listed > b->key) {
        *cmp = 1;
        return SQLITE_OK;
    }
    if (rc == SQLITE_OK && (rc = snippet_listed_key(sm, doc_id, w, b)) == SQLITE_OK &&
        a->key < b->listed) {
        *cmp = -1;
        return SQLITE_OK;
    }
    if (rc == SQLITE_OK && (rc = snippet_listed_key(sm, doc_id, w, a)) == SQLITE_OK)
        *cmp = (a->listed > b->listed) - (a->listed < b->listed);
    return rc;
}

/* *loses: chunk c of doc_id loses to the best chunk b (kept at seq) however
 * its text reads, so that it need not be read: its key is no higher than
 * b's listed key (c's listed key is at most its key: a tie at best), its
 * passage score is no higher (not_higher) and b is not a table of
 * contents, which on a tie is what snippet_best_chunk would decide. Reads
 * b's text once for each (*best_contents caches whether b is contents). */
static int snippet_listed_loses(snippet_maker *sm, long long doc_id, const snippet_want *w,
                                const snippet_chunk *c, snippet_chunk *b, int not_higher,
                                sqlite3_int64 seq, int *best_contents, int *loses)
{
    *loses = 0;
    if (!not_higher)
        return SQLITE_OK;
    int rc = snippet_listed_key(sm, doc_id, w, b);
    if (rc != SQLITE_OK || c->key > b->listed)
        return rc;
    if (*best_contents < 0)
        rc = snippet_chunk_is_contents(sm, SCHEMA_CHUNK_ID(doc_id, seq), best_contents);
    *loses = rc == SQLITE_OK && *best_contents == 0;
    return rc;
}

/* The first of h's defining phrase's hits (a meaning question's: « le
 * fichier PO est le … ») that lies whole in the chunk of tokens
 * [start, end), or NULL. */
static const rank_hit *snippet_chunk_def(const marks_hits *h, int start, int end)
{
    for (size_t i = 0; i < h->ndefs; i++)
        if (h->defs[i].off >= start && h->defs[i].end <= end)
            return &h->defs[i];
    return NULL;
}

/* The best chunk of a document from its hits (sorted by rank_hit_cmp): one
 * that holds the defining phrase of a meaning question (h->defs: the page
 * says what the term is, which the question asks), then the one with the
 * best snippet_key, then, in a document of pages (a PDF): of
 * chunks that say as many clauses, the best key from the hits outside list
 * items (snippet_listed_key, read only for those), then one that is not a
 * table of contents (snippet_is_contents, read only for chunks of equal
 * keys); then the best rank_passage, the first of equals;
 * its keywords (the last chunk) only when no other chunk will do: a list of
 * subjects shows less than the text about them. *seq is -1 when there are no hits or no chunk
 * starts, and when every chunk has only function words of a query that has others (it would show
 * nothing of the query: *quiet is then 1). Fills w for the chunk's passage, *said with the
 * clauses whose content words the chunk has (0 without a chunk) and *def with its defining
 * phrase's hit (NULL: none). */
static int snippet_best_chunk(snippet_maker *sm, long long doc_id, const marks_hits *h,
                              const query_expr *expr, const query *q, snippet_want *w,
                              sqlite3_int64 *seq, int *pos, size_t *from, size_t *to, int *quiet,
                              uint64_t *said, const rank_hit **def)
{
    *seq = -1;
    *quiet = 0;
    *said = 0;
    *def = NULL;
    if (expr)
        snippet_want_init(w, expr, h->v, h->n);
    if (h->n == 0)
        return SQLITE_OK;
    sqlite3_bind_int64(sm->starts, 1, doc_id);
    int rc = sqlite3_step(sm->starts);
    if (rc == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(sm->starts, 0);
        size_t nchunks = (size_t)sqlite3_column_bytes(sm->starts, 0) / SCHEMA_STARTS_BYTES;
        w->title = snippet_title_clauses(sm, doc_id, (const char *)sqlite3_column_text(sm->starts, 1),
                                         (size_t)sqlite3_column_bytes(sm->starts, 1), q);
        snippet_chunk best_chunk = {0, 0, 0, NULL, 0, 0, SNIPPET_UNREAD};
        double best = -1;
        int best_contents = -1; /* whether the best chunk is a table of contents; -1: not read */
        int meaning = query_asks_what_means(q);
        /* A page to open (a PDF's): only there does a table of contents
         * give way, its text read on a tie. */
        int paged = sqlite3_column_int(sm->starts, 2) > 0;
        size_t k = 0, i = 0;
        /* Words before the first chunk are the page's context (schema.h,
         * contexts): found, never shown. */
        while (b && nchunks > 0 && i < h->n && h->v[i].off < snippet_start(b, 0))
            i++;
        size_t first = i;
        while (b && nchunks > 0 && i < h->n) {
            /* The chunk of hit i: the last one starting at or before it. */
            while (k + 1 < nchunks && snippet_start(b, k + 1) <= h->v[i].off)
                k++;
            int start = snippet_start(b, k);
            int end = k + 1 < nchunks ? snippet_start(b, k + 1) : INT_MAX;
            size_t j = i;
            while (j < h->n && h->v[j].off < end)
                j++;
            snippet_has has = snippet_chunk_has(w, h->v + i, j - i, end, NULL);
            uint64_t key = snippet_key(w, &has);
            double score = rank_passage(h->v + i, j - i, expr);
            /* The keywords chunk comes last: *seq tells whether another did. */
            int eligible = has.said && (*seq < 0 || !snippet_is_keywords(b, k));
            snippet_chunk chunk = {k, start, end, h->v + i, j - i, key, SNIPPET_UNREAD};
            const rank_hit *d = snippet_chunk_def(h, start, end);
            int cmp = !d != !*def ? (d ? 1 : -1) : (key > best_chunk.key) - (key < best_chunk.key);
            /* In a document of pages, chunks that say as many of the
             * query's clauses compare on their words outside list items,
             * unless the query asks what a word means: a glossary's line
             * is then the answer. */
            if (paged && eligible && *seq >= 0 && !meaning && !d == !*def &&
                SNIPPET_KEY_SAID(key) == SNIPPET_KEY_SAID(best_chunk.key)) {
                int loses = 0;
                int lrc = snippet_listed_loses(sm, doc_id, w, &chunk, &best_chunk, score <= best,
                                               *seq, &best_contents, &loses);
                if (lrc == SQLITE_OK && loses)
                    cmp = -1;
                else if (lrc == SQLITE_OK)
                    lrc = snippet_listed_cmp(sm, doc_id, w, &chunk, &best_chunk, &cmp);
                if (lrc != SQLITE_OK) {
                    sqlite3_reset(sm->starts);
                    return lrc;
                }
            }
            int tie = eligible && *seq >= 0 && cmp == 0;
            int better = eligible && (*seq < 0 || cmp > 0), contents = -1;
            if (tie && !paged) {
                better = score > best;
            } else if (tie) {
                /* A tie: a table of contents loses to the text it lists.
                 * The texts are read only when that decides. */
                int crc = SQLITE_OK;
                if (best_contents < 0)
                    crc = snippet_chunk_is_contents(sm, SCHEMA_CHUNK_ID(doc_id, *seq),
                                                    &best_contents);
                if (crc == SQLITE_OK && (best_contents || score > best))
                    crc = snippet_chunk_is_contents(sm, SCHEMA_CHUNK_ID(doc_id, k), &contents);
                if (crc != SQLITE_OK) {
                    sqlite3_reset(sm->starts);
                    return crc;
                }
                better = contents == 0   ? best_contents || score > best
                         : contents == 1 ? best_contents && score > best
                                         : 0;
            }
            if (better) {
                best_chunk = chunk;
                best = score;
                best_contents = contents;
                *said = has.said;
                *def = d;
                *seq = (sqlite3_int64)k;
                *pos = start;
                *from = i;
                *to = j;
            }
            i = j;
        }
        *quiet = *seq < 0 && i > first;
        rc = SQLITE_DONE;
    }
    sqlite3_reset(sm->starts);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The passage of document doc_id's hidden text (what a click or a script
 * shows: schema.h) around q's words, in *out; NULL there when the text has
 * no more of the content clauses (content: snippet_want's, the same words
 * that choose the text's passage) than shown (those the best passage of the
 * text has), or the document no hidden text. The words are found by the
 * analyzer, as snippet_from_text finds them, not by FTS5's hits: those are
 * read for the body only. */
static int snippet_hidden(snippet_maker *sm, long long doc_id, const query *q, uint64_t content,
                          uint64_t shown, char **out)
{
    uint64_t said = 0;
    *out = NULL;
    shown &= content;
    if (!content || shown == content)
        return SQLITE_OK; /* the text's passage has them all */
    sqlite3_bind_int64(sm->hidden, 1, doc_id);
    int rc = sqlite3_step(sm->hidden);
    const char *text = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(sm->hidden, 0) : NULL;
    if (text) {
        size_t len = (size_t)sqlite3_column_bytes(sm->hidden, 0);
        snippet_toks t = {q, NULL, 0, 0};
        analyzer_tokenize(text, len, ANALYZER_WORDS, snippet_on_token, &t);
        for (size_t i = 0; i < t.n; i++)
            said |= t.v[i].clauses;
        if (__builtin_popcountll(said & content) > __builtin_popcountll(shown))
            *out = snippet_build(text, len, &t, NULL, 0, 0);
        else
            free(t.v);
    }
    sqlite3_reset(sm->hidden);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The snippet of one document once its hits are known. */
static int snippet_finish(snippet_maker *sm, long long doc_id, const marks_hits *h,
                          const query_expr *expr, const query *q, char **out, int *page)
{
    sqlite3_int64 lo = SCHEMA_CHUNK_ID(doc_id, 0), hi = SCHEMA_CHUNK_ID(doc_id, SCHEMA_CHUNK_MAX);
    sqlite3_int64 seq;
    size_t from = 0, to = 0;
    int pos = 0, found = 0, quiet;
    uint64_t said;
    const rank_hit *def;
    snippet_want w;
    *out = NULL;
    *page = 0;
    int rc = snippet_best_chunk(sm, doc_id, h, expr, q, &w, &seq, &pos, &from, &to, &quiet, &said,
                                &def);
    if (rc != SQLITE_OK)
        return rc;
    if (q && expr && !def) {
        /* The hidden text, when it has more of the query's content words
         * than the best passage of the text (none when no passage shows
         * one): the visitor finds them there after a click. A definition
         * in the text is what a meaning question asks: it stays. */
        uint64_t content = snippet_want_clauses(&w, expr);
        if ((rc = snippet_hidden(sm, doc_id, q, content, seq < 0 ? 0 : said, out)) != SQLITE_OK)
            return rc;
        if (*out)
            return SQLITE_OK;
    }
    if (seq >= 0) {
        sqlite3_bind_int64(sm->chunk, 1, SCHEMA_CHUNK_ID(doc_id, seq));
        rc = snippet_from_row(sm, sm->chunk, SCHEMA_CHUNK_ID(doc_id, seq), pos, h->v + from,
                              to - from, def, &w, q, out, page, &found);
    } else {
        /* The start of the document: unmarked when its hits were function
         * words only. */
        sqlite3_bind_int64(sm->first, 1, lo);
        sqlite3_bind_int64(sm->first, 2, hi);
        rc = snippet_from_row(sm, sm->first, lo, 0, NULL, 0, NULL, NULL, quiet ? NULL : q, out,
                              page, &found);
    }
    if (rc != SQLITE_OK)
        return rc;
    if (!found) {
        *out = strdup("");
        if (!*out)
            return SQLITE_NOMEM;
    }
    if (*page < 0)
        *page = 0;
    return SQLITE_OK;
}

/* A JSON array of the n numbers v (for json_each). */
static char *snippet_json_list(const long long *v, size_t n)
{
    buf b = BUF_INIT;
    buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, i ? ",%lld" : "%lld", v[i]);
    buf_putc(&b, ']');
    return buf_detach(&b);
}

/* The hits of the n documents doc_ids in docs_fts's body, into hits[]. */
static int snippet_hits(snippet_maker *sm, size_t n, const long long *doc_ids,
                        const query_expr *expr, marks_hits *hits)
{
    sqlite3_int64 *ids = malloc(n * sizeof *ids);
    long long lo = doc_ids[0], hi = doc_ids[0];
    int rc;
    if (!ids)
        return SQLITE_NOMEM;
    for (size_t i = 0; i < n; i++) {
        ids[i] = doc_ids[i];
        if (doc_ids[i] < lo)
            lo = doc_ids[i];
        if (doc_ids[i] > hi)
            hi = doc_ids[i];
    }
    char *list = snippet_json_list(doc_ids, n);
    marks_request req = {expr, SNIPPET_BODY_COLUMN, n, ids, hits};
    sqlite3_stmt *st = sm->hits;
    sqlite3_bind_text(st, 1, expr->fts, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, &req, MARKS_POINTER, NULL);
    sqlite3_bind_int64(st, 3, lo);
    sqlite3_bind_int64(st, 4, hi);
    sqlite3_bind_text(st, 5, list, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(list);
    free(ids);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int snippet_documents(snippet_maker *sm, size_t n, const long long *doc_ids, const query *q,
                      const query_expr *expr, const marks_hits *given, char **outs, int *pages)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < n; i++) {
        outs[i] = NULL;
        pages[i] = 0;
    }
    if (n == 0)
        return SQLITE_OK;
    marks_hits *hits = NULL;
    static const marks_hits none = {NULL, 0, 0, NULL, 0, 0};
    if (expr && !given) {
        if (!(hits = calloc(n, sizeof *hits)))
            return SQLITE_NOMEM;
        rc = snippet_hits(sm, n, doc_ids, expr, hits);
        given = hits;
    }
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
        rc = snippet_finish(sm, doc_ids[i], given ? &given[i] : &none, expr, q, &outs[i],
                            &pages[i]);
    for (size_t i = 0; hits && i < n; i++)
        marks_hits_free(&hits[i]);
    free(hits);
    return rc;
}
