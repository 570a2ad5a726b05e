/* rank: FTS5 auxiliary functions giving the ranking signals bm25() lacks
 * (proximity, phrase and exact-form hits, distinct clauses matched, marks),
 * the ranking expression, and the phrase map that tells them which query
 * clause each FTS5 phrase is. Does not decide weights or ordering: search.c
 * does. */
#include "rank.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define RANK_MAX_CLAUSES 64

/* A query phrase of n words (a quoted phrase, the long side of a synonym
 * group) weighs 1 + 0.25 (n - 1) times its IDF: matching several words in a
 * row says more than its document frequency alone tells. Without it the
 * acronym side of « MNA » (rarer, so higher IDF) buried the documents that
 * spell out « mineurs non accompagnés », which the judges rank first.
 * Measured on tests/relevance with bm25's usual k1 1.2: bonus 0 gave
 * nDCG@10 0.9023, 0.25 0.9050 (MNA 0.746 -> 0.814, « MIPROF plan
 * national » 0.749 -> 0.926, ASE 1.000 -> 0.887), 0.5 0.9034, 1 0.9035;
 * with search.c's final weights: 0 0.9207 (MNA 0.775), 0.25 0.9236 (MNA
 * 0.947), 0.5 0.9211. */
#define RANK_PHRASE_LENGTH_BONUS 0.25

enum { RANK_BASE = 0, RANK_EXACT = 1, RANK_IGNORE = 2, RANK_PHRASE = 3 };

/* A hit of a clause: column, first token, one past the last, clause. */
typedef struct {
    int col, off, end, clause, phrase;
} rank_inst;

static int rank_inst_cmp(const void *a, const void *b)
{
    const rank_inst *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->clause - y->clause;
}

/* The parsed map and the query's statistics, kept as FTS5 auxdata for the
 * whole query. */
typedef struct {
    int n;                               /* phrases */
    int *clause;                         /* per phrase: clause number or -1 */
    unsigned char *kind;                 /* per phrase: RANK_BASE, RANK_EXACT or RANK_IGNORE */
    int *size;                           /* per phrase: tokens */
    double *idf;                         /* per phrase */
    double *tf;                          /* per phrase: column-weighted hits in the current row */
    int nclauses;                        /* 1 + the highest clause number */
    double clause_idf[RANK_MAX_CLAUSES]; /* per clause: its rarest phrase's IDF */
    double avgdl;                        /* mean row length in tokens */
    int stats;                           /* idf, clause_idf and avgdl computed */
    double k1, b;                        /* bm25 parameters of the current call */
    unsigned char *pair_prev;            /* per phrase: AND-ed to phrase - 1 in its clause */
    int *ph_col, *ph_end, *ph_gap;       /* scratch per phrase, as last_* and best_gap */
    rank_inst *inst;                     /* scratch: the current row's clause hits */
    size_t inst_cap;
} rank_map;

static int rank_is_bareword(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_' || c == 0x1a;
}

static const char *rank_skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* Lexes an FTS5 expression the way FTS5 numbers its phrases: each quoted
 * string or bareword that is not an operator, a column name or a NEAR
 * distance starts a phrase unless "+" joins it to the previous one. Calls
 * cb with the byte offset of each phrase start. Returns the phrase count. */
static int rank_lex(const char *expr, void (*cb)(void *, int, size_t, size_t, int), void *cbctx)
{
    const char *p = expr;
    int count = 0, joined = 0, braces = 0, near_depth = 0, depth = 0, after_comma = 0;
    int state = 0; /* 1: just after a phrase; 2: after a phrase and AND */
    while (*(p = rank_skip_space(p))) {
        const char *start = p;
        int phrase = 0;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"') {
                    if (p[1] != '"')
                        break;
                    p++;
                }
                p++;
            }
            if (*p == '"')
                p++;
            phrase = !braces;
        } else if (rank_is_bareword((unsigned char)*p)) {
            while (rank_is_bareword((unsigned char)*p))
                p++;
            size_t len = (size_t)(p - start);
            const char *next = rank_skip_space(p);
            if ((len == 3 && (!strncmp(start, "AND", 3) || !strncmp(start, "NOT", 3))) ||
                (len == 2 && !strncmp(start, "OR", 2))) {
                joined = 0;
                state = state == 1 && !strncmp(start, "AND", 3) ? -2 : 0;
            } else if (len == 4 && !strncmp(start, "NEAR", 4) && *next == '(') {
                near_depth = depth + 1;
            } else if (*next == ':' || braces) {
                /* a column name */
            } else if (near_depth && depth == near_depth && after_comma) {
                /* the NEAR distance */
            } else {
                phrase = 1;
            }
        } else {
            switch (*p) {
            case '+':
                joined = 1;
                break;
            case '*':
            case '^':
                break;
            case '{':
                braces++;
                break;
            case '}':
                if (braces)
                    braces--;
                break;
            case '(':
                depth++;
                break;
            case ')':
                if (near_depth == depth)
                    near_depth = 0;
                if (depth)
                    depth--;
                after_comma = 0;
                break;
            case ',':
                after_comma = 1;
                break;
            default:
                break;
            }
            if (*p != '+' && *p != '*' && *p != '^')
                state = 0;
            p++;
            continue;
        }
        if (phrase) {
            if (!joined) {
                if (cb)
                    cb(cbctx, count, (size_t)(start - expr), (size_t)(p - expr), state > 0);
                count++;
            }
            joined = 0;
            state = 1;
        } else {
            state = state == -2 ? 2 : 0;
        }
    }
    return count;
}

int rank_count_phrases(const char *expr)
{
    return rank_lex(expr, NULL, NULL);
}

typedef struct {
    size_t *offsets;
    unsigned char *anded; /* the phrase is AND-ed to the one just before */
    size_t *ends;         /* may be NULL: one past each phrase's text */
    int cap;
} rank_offsets;

static void rank_collect(void *vctx, int i, size_t off, size_t end, int anded)
{
    rank_offsets *o = vctx;
    if (i < o->cap) {
        o->offsets[i] = off;
        o->anded[i] = (unsigned char)anded;
        if (o->ends)
            o->ends[i] = end;
    }
}

/* Runs of two or more quoted phrases AND-ed one to the next (the words of a
 * query, or a synonym group's typed side) joined into one phrase each, OR-ed:
 * "a" AND "b" AND "c" gives "a b c". Prefix phrases end a run. */
static void rank_phrase_runs(const char *base, buf *runs)
{
    int count = rank_lex(base, NULL, NULL);
    if (count < 2)
        return;
    size_t *offsets = calloc((size_t)count, sizeof *offsets);
    size_t *ends = calloc((size_t)count, sizeof *ends);
    unsigned char *anded = calloc((size_t)count, 1);
    if (offsets && ends && anded) {
        rank_offsets o = {offsets, anded, ends, count};
        rank_lex(base, rank_collect, &o);
        int from = 0;
        for (int i = 0; i <= count; i++) {
            int plain = i < count && base[offsets[i]] == '"' && ends[i] >= offsets[i] + 2 &&
                        base[ends[i] - 1] == '"' && base[ends[i]] != '*';
            if (i < count && plain && i > from && anded[i])
                continue;
            if (i - from >= 2) {
                buf_puts(runs, runs->len ? " OR \"" : "\"");
                for (int k = from; k < i; k++)
                    buf_printf(runs, "%s%.*s", k > from ? " " : "", (int)(ends[k] - offsets[k] - 2),
                               base + offsets[k] + 1);
                buf_putc(runs, '"');
            }
            from = plain ? i : i + 1;
        }
    }
    free(offsets);
    free(ends);
    free(anded);
}

/* Map entries of base: the clause each phrase lies in (clauses are
 * substrings of base, in order), -1 outside (exclusions) or when the clauses
 * cannot be found. */
static void rank_map_base(buf *b, const char *base, char *const *clauses, size_t n)
{
    int count = rank_lex(base, NULL, NULL);
    size_t *offsets = calloc(count > 0 ? (size_t)count : 1, sizeof *offsets);
    unsigned char *anded = calloc(count > 0 ? (size_t)count : 1, 1);
    size_t *from = calloc(n ? n : 1, sizeof *from), *to = calloc(n ? n : 1, sizeof *to);
    int mapped = offsets && anded && from && to && n <= RANK_MAX_CLAUSES;
    if (mapped) {
        rank_offsets o = {offsets, anded, NULL, count};
        rank_lex(base, rank_collect, &o);
    }
    size_t pos = 0;
    for (size_t i = 0; i < n && mapped; i++) {
        const char *hit = clauses[i] && clauses[i][0] ? strstr(base + pos, clauses[i]) : NULL;
        if (!hit) {
            mapped = 0;
            break;
        }
        from[i] = (size_t)(hit - base);
        to[i] = from[i] + strlen(clauses[i]);
        pos = to[i];
    }
    size_t c = 0;
    int prev = -1;
    for (int i = 0; i < count; i++) {
        int clause = -1;
        if (mapped) {
            while (c < n && offsets[i] >= to[c])
                c++;
            clause = c < n && offsets[i] >= from[c] ? (int)c : -1;
        }
        /* Words AND-ed inside one clause (a synonym group's typed side)
         * are a pair for proximity, as neighbouring clauses are. */
        int pair = clause >= 0 && clause == prev && anded[i];
        buf_printf(b, "%s%d%s", b->len ? "," : "", clause, pair ? "p" : "");
        prev = clause;
    }
    free(offsets);
    free(anded);
    free(from);
    free(to);
}

static void rank_map_flagged(buf *b, const char *expr, const char *flag)
{
    int count = rank_lex(expr, NULL, NULL);
    for (int i = 0; i < count; i++)
        buf_printf(b, "%s-1%s", b->len ? "," : "", flag);
}

void rank_query_build(const char *base, char *const *clauses, size_t n, const char *exact,
                      const char *dup, int phrases, char **expr, char **map)
{
    buf e = BUF_INIT, m = BUF_INIT, runs = BUF_INIT;
    rank_map_base(&m, base, clauses, n);
    if (phrases && dup && dup[0])
        rank_phrase_runs(base, &runs);
    int has_exact = exact && exact[0], has_runs = runs.len > 0;
    if ((has_exact || has_runs) && dup && dup[0]) {
        buf_printf(&e, "(%s) AND (", base);
        if (has_exact) {
            buf_printf(&e, "(%s) OR ", exact);
            rank_map_flagged(&m, exact, "x");
        }
        if (has_runs) {
            buf_printf(&e, "(%s) OR ", runs.data);
            rank_map_flagged(&m, runs.data, "r");
        }
        buf_printf(&e, "(%s))", dup);
        rank_map_flagged(&m, dup, "i");
    } else {
        buf_puts(&e, base);
    }
    buf_free(&runs);
    *expr = buf_detach(&e);
    *map = buf_detach(&m);
}

static void rank_map_free(void *p)
{
    rank_map *m = p;
    if (!m)
        return;
    free(m->clause);
    free(m->kind);
    free(m->size);
    free(m->idf);
    free(m->tf);
    free(m->pair_prev);
    free(m->ph_col);
    free(m->ph_end);
    free(m->ph_gap);
    free(m->inst);
    free(m);
}

static int rank_count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *vctx)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)vctx)++;
    return SQLITE_OK;
}

/* The statistics bm25 needs, once per query: each phrase's IDF and the
 * mean row length in tokens. The IDF is log(1 + (N - n + 0.5) / (n + 0.5)),
 * not FTS5's log((N - n + 0.5) / (n + 0.5)) floored at 1e-6: FTS5's gives
 * every word found in more than half the documents the same near-zero
 * weight, which on a small collection (the 33 documents of corpus/) is most
 * query words, and ranking turned to noise (measured on tests/relevance with
 * the other signals off: nDCG@10 0.8679 before, 0.8708 after; the queries
 * whose words are in most documents were the ones that moved). */
static int rank_map_stats(const Fts5ExtensionApi *api, Fts5Context *fts, rank_map *m)
{
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK)
        return rc;
    m->stats = 1;
    m->avgdl = rows > 0 ? (double)tokens / (double)rows : 1.0;
    if (m->avgdl <= 0)
        m->avgdl = 1.0;
    for (int i = 0; i < m->n; i++) {
        sqlite3_int64 hits = 0;
        if (m->kind[i] == RANK_IGNORE)
            continue;
        rc = api->xQueryPhrase(fts, i, &hits, rank_count_row);
        if (rc != SQLITE_OK)
            return rc;
        m->idf[i] = log(1.0 + ((double)(rows - hits) + 0.5) / ((double)hits + 0.5));
        if (m->kind[i] == RANK_BASE && m->size[i] > 1)
            m->idf[i] *= 1.0 + RANK_PHRASE_LENGTH_BONUS * (m->size[i] - 1);
        int c = m->clause[i];
        if (c >= 0 && m->idf[i] > m->clause_idf[c])
            m->clause_idf[c] = m->idf[i];
    }
    return SQLITE_OK;
}

/* Parses the map text once per query (cached as auxdata), and computes the
 * statistics when with_stats (they cost a pass over each phrase's whole
 * doclist: passages do without). Returns NULL when the map does not fit the
 * expression FTS5 is running, or on error (*rc). */
static rank_map *rank_map_get(const Fts5ExtensionApi *api, Fts5Context *fts, const char *text,
                              int with_stats, int *rc)
{
    rank_map *m = api->xGetAuxdata(fts, 0);
    *rc = SQLITE_OK;
    if (m) {
        if (with_stats && !m->stats && (*rc = rank_map_stats(api, fts, m)) != SQLITE_OK)
            return NULL;
        return m;
    }
    int n = api->xPhraseCount(fts);
    if (!text || n <= 0)
        return NULL;
    m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->n = n;
    m->clause = calloc((size_t)n, sizeof *m->clause);
    m->kind = calloc((size_t)n, 1);
    m->size = calloc((size_t)n, sizeof *m->size);
    m->idf = calloc((size_t)n, sizeof *m->idf);
    m->tf = calloc((size_t)n, sizeof *m->tf);
    m->pair_prev = calloc((size_t)n, 1);
    m->ph_col = calloc((size_t)n, sizeof *m->ph_col);
    m->ph_end = calloc((size_t)n, sizeof *m->ph_end);
    m->ph_gap = calloc((size_t)n, sizeof *m->ph_gap);
    if (!m->clause || !m->kind || !m->size || !m->idf || !m->tf || !m->pair_prev || !m->ph_col ||
        !m->ph_end || !m->ph_gap)
        goto fail;
    const char *p = text;
    for (int i = 0; i < n; i++) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < -1 || v >= RANK_MAX_CLAUSES)
            goto fail;
        m->clause[i] = (int)v;
        m->kind[i] = RANK_BASE;
        if (*end == 'p') {
            m->pair_prev[i] = i > 0;
            end++;
        } else if (*end == 'x' || *end == 'i' || *end == 'r') {
            m->kind[i] = *end == 'x' ? RANK_EXACT : *end == 'r' ? RANK_PHRASE : RANK_IGNORE;
            if (m->kind[i] != RANK_BASE)
                m->clause[i] = -1;
            end++;
        }
        m->size[i] = api->xPhraseSize(fts, i);
        if (m->clause[i] >= m->nclauses)
            m->nclauses = m->clause[i] + 1;
        if (i + 1 < n) {
            if (*end != ',')
                goto fail;
            end++;
        } else if (*end) {
            goto fail;
        }
        p = end;
    }
    if ((*rc = api->xSetAuxdata(fts, m, rank_map_free)) != SQLITE_OK)
        return NULL; /* xSetAuxdata freed m */
    if (with_stats && (*rc = rank_map_stats(api, fts, m)) != SQLITE_OK)
        return NULL; /* m stays owned by FTS5 */
    return m;
fail:
    rank_map_free(m);
    return NULL;
}

typedef struct {
    double bm25;      /* over the query's own phrases */
    double exact;     /* bm25 over the exact-form phrases */
    double phrase;    /* bm25 over the query's words as phrases */
    double hits;      /* column-weighted hits of the query's own phrases */
    int clauses;      /* distinct clauses hit in the row */
    double proximity; /* 0..1 */
} rank_signals;

/* bm25 (FTS5 fixes k1 = 1.2, b = 0.75; here they come from the caller) of
 * the phrases of one kind, with
 * term frequencies already weighted by column in m->tf. */
static double rank_bm25(const rank_map *m, int kind, double len)
{
    const double k1 = m->k1, b = m->b;
    double score = 0;
    for (int i = 0; i < m->n; i++) {
        if (m->kind[i] != kind || m->tf[i] <= 0)
            continue;
        double tf = m->tf[i];
        score += m->idf[i] * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / m->avgdl));
    }
    return score;
}

/* Proximity of two clauses from the gap (tokens between them) of their
 * closest instances: 1 when adjacent, 1/2 with 2 tokens between. */
static double rank_gap_score(int gap)
{
    return 1.0 / (1.0 + (gap > 0 ? gap : 0) / 2.0);
}

/* The row's hits read phrase by phrase, then sorted by column and offset:
 * term frequencies, clauses present, and for each pair of clauses next to
 * each other in the query the smallest gap between their instances in one
 * column (the nearest earlier instance of the other clause gives it), and
 * the same for words AND-ed inside one clause (map flag "p"). The
 * proximity is the mean over those pairs of rank_gap_score, each pair
 * weighted by the rarer-word IDF of the two, so that « de » next to
 * « traite » counts for little. */
static int rank_compute(const Fts5ExtensionApi *api, Fts5Context *fts, rank_map *m,
                        const double *weights, int nweights, rank_signals *out)
{
    unsigned long long seen = 0;
    int rc, ncols = api->xColumnCount(fts), len = 0;
    size_t ninst = 0;
    int last_col[RANK_MAX_CLAUSES], last_end[RANK_MAX_CLAUSES], best_gap[RANK_MAX_CLAUSES];
    memset(out, 0, sizeof *out);
    memset(m->tf, 0, (size_t)m->n * sizeof *m->tf);
    /* Phrase by phrase rather than xInst: the phrases that only keep the
     * match set (RANK_IGNORE) are never decoded. */
    for (int ph = 0; ph < m->n; ph++) {
        Fts5PhraseIter it;
        int col, off;
        if (m->kind[ph] == RANK_IGNORE)
            continue;
        if ((rc = api->xPhraseFirst(fts, ph, &it, &col, &off)) != SQLITE_OK)
            return rc;
        for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off)) {
            m->tf[ph] += col < nweights && col < ncols ? weights[col] : 1.0;
            if (m->clause[ph] < 0)
                continue;
            if (ninst == m->inst_cap) {
                size_t cap = m->inst_cap ? m->inst_cap * 2 : 256;
                rank_inst *v = realloc(m->inst, cap * sizeof *v);
                if (!v)
                    return SQLITE_NOMEM;
                m->inst = v;
                m->inst_cap = cap;
            }
            m->inst[ninst++] = (rank_inst){col, off, off + m->size[ph], m->clause[ph], ph};
        }
    }
    if (ninst > 1)
        qsort(m->inst, ninst, sizeof *m->inst, rank_inst_cmp);
    for (int c = 0; c < RANK_MAX_CLAUSES; c++) {
        last_col[c] = -1;
        last_end[c] = 0;
        best_gap[c] = INT_MAX; /* between clause c and clause c + 1 */
    }
    for (int ph = 0; ph < m->n; ph++) {
        m->ph_col[ph] = -1;
        m->ph_end[ph] = 0;
        m->ph_gap[ph] = INT_MAX; /* between phrase ph - 1 and phrase ph */
    }
    for (size_t i = 0; i < ninst; i++) {
        const rank_inst *h = &m->inst[i];
        int c = h->clause;
        seen |= 1ULL << c;
        if (c > 0 && last_col[c - 1] == h->col && h->off - last_end[c - 1] < best_gap[c - 1])
            best_gap[c - 1] = h->off - last_end[c - 1];
        if (c + 1 < RANK_MAX_CLAUSES && last_col[c + 1] == h->col &&
            h->off - last_end[c + 1] < best_gap[c])
            best_gap[c] = h->off - last_end[c + 1];
        last_col[c] = h->col;
        last_end[c] = h->end;
        int ph = h->phrase;
        if (m->pair_prev[ph] && m->ph_col[ph - 1] == h->col &&
            h->off - m->ph_end[ph - 1] < m->ph_gap[ph])
            m->ph_gap[ph] = h->off - m->ph_end[ph - 1];
        if (ph + 1 < m->n && m->pair_prev[ph + 1] && m->ph_col[ph + 1] == h->col &&
            h->off - m->ph_end[ph + 1] < m->ph_gap[ph + 1])
            m->ph_gap[ph + 1] = h->off - m->ph_end[ph + 1];
        m->ph_col[ph] = h->col;
        m->ph_end[ph] = h->end;
    }
    if ((rc = api->xColumnSize(fts, -1, &len)) != SQLITE_OK)
        return rc;
    if (m->stats) {
        out->bm25 = rank_bm25(m, RANK_BASE, (double)len);
        out->exact = rank_bm25(m, RANK_EXACT, (double)len);
        out->phrase = rank_bm25(m, RANK_PHRASE, (double)len);
    }
    for (int i = 0; i < m->n; i++)
        if (m->kind[i] == RANK_BASE)
            out->hits += m->tf[i];
    out->clauses = __builtin_popcountll(seen);
    double sum = 0, weight = 0;
    for (int c = 0; c + 1 < m->nclauses; c++) {
        double w = !m->stats                                 ? 1.0
                   : m->clause_idf[c] < m->clause_idf[c + 1] ? m->clause_idf[c]
                                                             : m->clause_idf[c + 1];
        weight += w;
        if (best_gap[c] != INT_MAX)
            sum += w * rank_gap_score(best_gap[c]);
    }
    for (int ph = 1; ph < m->n; ph++) {
        if (!m->pair_prev[ph])
            continue;
        double w = !m->stats ? 1.0 : m->idf[ph - 1] < m->idf[ph] ? m->idf[ph - 1] : m->idf[ph];
        weight += w;
        if (m->ph_gap[ph] != INT_MAX)
            sum += w * rank_gap_score(m->ph_gap[ph]);
    }
    out->proximity = weight > 0 ? sum / weight : 0;
    return SQLITE_OK;
}

#define RANK_MAX_COLUMNS 8

static void rank_fn_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                         int argc, sqlite3_value **argv)
{
    double weights[RANK_MAX_COLUMNS];
    int rc, nweights = argc - 6;
    if (argc < 6 || nweights > RANK_MAX_COLUMNS) {
        sqlite3_result_error(ctx, "repere_rank: wrong number of arguments", -1);
        return;
    }
    for (int i = 0; i < nweights; i++)
        weights[i] = sqlite3_value_double(argv[6 + i]);
    double w_prox = sqlite3_value_double(argv[1]);
    double w_exact = sqlite3_value_double(argv[2]);
    double w_phrase = sqlite3_value_double(argv[3]);
    rank_map *m = rank_map_get(api, fts, (const char *)sqlite3_value_text(argv[0]), 1, &rc);
    if (!m) {
        if (rc != SQLITE_OK)
            sqlite3_result_error_code(ctx, rc);
        else
            sqlite3_result_error(ctx, "repere_rank: the phrase map does not fit the query", -1);
        return;
    }
    m->k1 = sqlite3_value_double(argv[4]);
    m->b = sqlite3_value_double(argv[5]);
    rank_signals s;
    if ((rc = rank_compute(api, fts, m, weights, nweights, &s)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_double(ctx, (s.bm25 + w_exact * s.exact + w_phrase * s.phrase) *
                                   (1.0 + w_prox * s.proximity));
}

/* repere_clauses (passage = 0) and repere_passage (passage = 1). */
static void rank_fn_count(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                          int argc, sqlite3_value **argv, int passage)
{
    int rc;
    if (argc != 1) {
        sqlite3_result_error(ctx, "repere_clauses: wrong number of arguments", -1);
        return;
    }
    rank_map *m = rank_map_get(api, fts, (const char *)sqlite3_value_text(argv[0]), 0, &rc);
    if (!m) {
        if (rc != SQLITE_OK)
            sqlite3_result_error_code(ctx, rc);
        else
            sqlite3_result_int(ctx, 0);
        return;
    }
    rank_signals s;
    if ((rc = rank_compute(api, fts, m, NULL, 0, &s)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (passage)
        sqlite3_result_double(ctx, s.clauses + 0.5 * s.proximity + 0.25 * s.hits / (s.hits + 5.0));
    else
        sqlite3_result_int(ctx, s.clauses);
}

static void rank_fn_clauses(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                            int argc, sqlite3_value **argv)
{
    rank_fn_count(api, fts, ctx, argc, argv, 0);
}

static void rank_fn_passage(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                            int argc, sqlite3_value **argv)
{
    rank_fn_count(api, fts, ctx, argc, argv, 1);
}

typedef struct {
    const uint64_t *masks; /* per token position: clauses of the hits there */
    int npos;
    int pos; /* position of the current token */
    buf *out;
    size_t start, end; /* bytes of the pending mark */
    uint64_t mask;     /* its clauses (0: none pending) */
} rank_marks_ctx;

/* Appends v in decimal and then sep (buf_printf's vsnprintf was a tenth of
 * a query's cost, one call per mark). */
static void rank_put_u64(buf *b, uint64_t v, char sep)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n > 0)
        buf_putc(b, d[--n]);
    buf_putc(b, sep);
}

static void rank_marks_flush(rank_marks_ctx *c)
{
    if (c->mask) {
        rank_put_u64(c->out, c->start, ' ');
        rank_put_u64(c->out, c->end, ' ');
        rank_put_u64(c->out, c->mask, '\n');
    }
    c->mask = 0;
}

static int rank_marks_token(void *vctx, int tflags, const char *token, int ntoken, int start,
                            int end)
{
    rank_marks_ctx *c = vctx;
    (void)token;
    (void)ntoken;
    if (!(tflags & FTS5_TOKEN_COLOCATED))
        c->pos++;
    /* Past the last position with a hit: nothing more to mark (the words of
     * that position, colocated, have all been seen), stop the tokenizer. */
    if (c->pos >= c->npos)
        return SQLITE_DONE;
    uint64_t mask = c->pos >= 0 && c->pos < c->npos ? c->masks[c->pos] : 0;
    if (!mask || start < 0 || end <= start)
        return SQLITE_OK;
    /* Words at one position (a compound and its parts) make one mark. */
    if (c->mask && (size_t)start < c->end) {
        if ((size_t)start < c->start)
            c->start = (size_t)start;
        if ((size_t)end > c->end)
            c->end = (size_t)end;
        c->mask |= mask;
        return SQLITE_OK;
    }
    rank_marks_flush(c);
    c->start = (size_t)start;
    c->end = (size_t)end;
    c->mask = mask;
    return SQLITE_OK;
}

/* The token stream of a chunk's column (flags and byte offsets), which does
 * not depend on the query: repere_marks keeps it per connection so that a
 * chunk shown again is not analysed again (stemming every word was most of
 * a query's cost). An entry is used only when its text is the row's text. */
#define RANK_TOKS_SLOTS 512

typedef struct {
    int flags, start, end;
} rank_tok;

typedef struct {
    sqlite3_int64 rowid;
    int col, len, n, cap;
    char *text;
    rank_tok *v;
} rank_toks;

typedef struct {
    rank_toks slot[RANK_TOKS_SLOTS];
} rank_toks_cache;

static void rank_toks_cache_free(void *p)
{
    rank_toks_cache *c = p;
    if (!c)
        return;
    for (int i = 0; i < RANK_TOKS_SLOTS; i++) {
        free(c->slot[i].text);
        free(c->slot[i].v);
    }
    free(c);
}

static int rank_toks_add(void *vctx, int tflags, const char *token, int ntoken, int start,
                         int end)
{
    rank_toks *t = vctx;
    (void)token;
    (void)ntoken;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 256;
        rank_tok *v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v)
            return SQLITE_NOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (rank_tok){tflags, start, end};
    return SQLITE_OK;
}

/* The tokens of text (column col of the current row), from the cache or
 * analysed now; NULL with *rc set on error. */
static rank_toks *rank_toks_get(const Fts5ExtensionApi *api, Fts5Context *fts, int col,
                                const char *text, int len, int *rc)
{
    rank_toks_cache *c = api->xUserData(fts);
    sqlite3_int64 rowid = api->xRowid(fts);
    *rc = SQLITE_OK;
    if (!c)
        return NULL;
    uint64_t h = ((uint64_t)rowid * 0x9E3779B97F4A7C15ULL + (uint64_t)col) >> 55;
    rank_toks *t = &c->slot[h % RANK_TOKS_SLOTS];
    if (t->text && t->rowid == rowid && t->col == col && t->len == len &&
        memcmp(t->text, text, (size_t)len) == 0)
        return t;
    free(t->text);
    t->text = malloc(len > 0 ? (size_t)len : 1);
    t->n = 0;
    t->len = 0;
    if (!t->text) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    *rc = api->xTokenize(fts, text, len, t, rank_toks_add);
    if (*rc != SQLITE_OK) {
        free(t->text);
        t->text = NULL;
        return NULL;
    }
    memcpy(t->text, text, (size_t)len);
    t->len = len;
    t->rowid = rowid;
    t->col = col;
    return t;
}

/* repere_marks(tbl, map, col): the byte ranges of column col's words that
 * are hits of the query's phrases, as FTS5 matched them (so a phrase is
 * marked only where it stands whole), one "start end clauses" line each,
 * clauses a bit mask. */
static void rank_fn_marks(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                          int argc, sqlite3_value **argv)
{
    int rc, ninst = 0, npos = 0;
    if (argc != 2) {
        sqlite3_result_error(ctx, "repere_marks: wrong number of arguments", -1);
        return;
    }
    int want = sqlite3_value_int(argv[1]);
    rank_map *m = rank_map_get(api, fts, (const char *)sqlite3_value_text(argv[0]), 0, &rc);
    if (!m) {
        if (rc != SQLITE_OK)
            sqlite3_result_error_code(ctx, rc);
        else
            sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        api->xInst(fts, i, &ph, &col, &off);
        if (col == want && ph >= 0 && ph < m->n && m->clause[ph] >= 0 && off + m->size[ph] > npos)
            npos = off + m->size[ph];
    }
    uint64_t *masks = calloc(npos > 0 ? (size_t)npos : 1, sizeof *masks);
    if (!masks) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        api->xInst(fts, i, &ph, &col, &off);
        if (col != want || ph < 0 || ph >= m->n || m->clause[ph] < 0 || off < 0)
            continue;
        for (int k = off; k < off + m->size[ph] && k < npos; k++)
            masks[k] |= (uint64_t)1 << m->clause[ph];
    }
    buf out = BUF_INIT;
    buf_reserve(&out, 64);
    const char *text = NULL;
    int len = 0;
    rc = api->xColumnText(fts, want, &text, &len);
    if (rc == SQLITE_OK && text && npos > 0) {
        rank_marks_ctx c = {masks, npos, -1, &out, 0, 0, 0};
        rank_toks *t = rank_toks_get(api, fts, want, text, len, &rc);
        if (t) {
            for (int i = 0; i < t->n; i++)
                if (rank_marks_token(&c, t->v[i].flags, NULL, 0, t->v[i].start, t->v[i].end) !=
                    SQLITE_OK)
                    break;
        } else if (rc == SQLITE_OK) {
            rc = api->xTokenize(fts, text, len, &c, rank_marks_token);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        rank_marks_flush(&c);
    }
    free(masks);
    if (rc != SQLITE_OK) {
        buf_free(&out);
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_text(ctx, out.data, (int)out.len, free);
}

static fts5_api *rank_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int rank_register(sqlite3 *db, char *err, size_t errlen)
{
    fts5_api *api = rank_fts5_api(db);
    if (!api || api->iVersion < 2) {
        snprintf(err, errlen, "FTS5 is not available in this SQLite");
        return -1;
    }
    if (api->xCreateFunction(api, "repere_rank", NULL, rank_fn_rank, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "repere_clauses", NULL, rank_fn_clauses, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "repere_passage", NULL, rank_fn_passage, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot register the ranking functions: %s", sqlite3_errmsg(db));
        return -1;
    }
    rank_toks_cache *cache = calloc(1, sizeof *cache);
    if (!cache) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* FTS5 frees the cache with the connection (not when this fails). */
    if (api->xCreateFunction(api, "repere_marks", cache, rank_fn_marks, rank_toks_cache_free) !=
        SQLITE_OK) {
        rank_toks_cache_free(cache);
        snprintf(err, errlen, "cannot register the ranking functions: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}
