/* synonyms: loads the synonym file into groups of sides, each side kept as
 * the stems the analyzer gives it, so a query matches a side whatever its
 * accents, case, elisions or plurals (and as its words' forms, which
 * query.c reads for agent nouns). Does not expand queries (query.c). */
#include "synonyms.h"

#include "analyzer.h"
#include "buf.h"
#include "text.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **tokens; /* stems */
    char **alts;   /* stems of the unaccented forms where they differ, else NULL */
    char **forms;  /* the words as written, lowercase with their accents */
    size_t ntokens;
} synonyms_side_t;

typedef struct {
    synonyms_side_t *sides;
    size_t nsides;
    int related; /* a "~" line (synonyms_related) */
    int learned; /* from the documents (synonyms_learn), not the file */
    int oneway;  /* only side 0 leads to the others (synonyms_relate) */
    int literal; /* side 0 is an abbreviation, spelt (synonyms_literal) */
} synonyms_group;

/* A side in the index of sides by their first token. */
typedef struct {
    uint32_t hash; /* of the first token, or of its unaccented stem (alts) */
    uint32_t group, side;
    int32_t next; /* the next entry of the bucket, -1 at the end */
} synonyms_entry;

struct synonyms {
    synonyms_group *groups;
    size_t ngroups, cap;
    /* Every side by the hash of its first token: a query looks up each run
     * of its words, and the documents may define thousands of acronyms. */
    synonyms_entry *entries;
    size_t nentries, cap_entries;
    int32_t *heads; /* nheads buckets (a power of two, or 0), -1 when empty */
    size_t nheads;
};

static void synonyms_index_add(synonyms *s, const char *token, size_t g, size_t k)
{
    if (s->nentries == s->cap_entries) {
        s->cap_entries = s->cap_entries ? 2 * s->cap_entries : 64;
        s->entries = buf_xrealloc(s->entries, s->cap_entries * sizeof s->entries[0]);
    }
    synonyms_entry *e = &s->entries[s->nentries++];
    e->hash = text_hash(token, strlen(token));
    e->group = (uint32_t)g;
    e->side = (uint32_t)k;
    if (s->nentries > s->nheads) {
        s->nheads = s->nheads ? 2 * s->nheads : 64;
        s->heads = buf_xrealloc(s->heads, s->nheads * sizeof s->heads[0]);
        for (size_t b = 0; b < s->nheads; b++)
            s->heads[b] = -1;
        for (size_t i = 0; i < s->nentries; i++) {
            size_t b = s->entries[i].hash & (s->nheads - 1);
            s->entries[i].next = s->heads[b];
            s->heads[b] = (int32_t)i;
        }
        return;
    }
    size_t b = e->hash & (s->nheads - 1);
    e->next = s->heads[b];
    s->heads[b] = (int32_t)(s->nentries - 1);
}

/* The first entry whose hash is that of token, or -1; then synonyms_more. */
static int32_t synonyms_first(const synonyms *s, const char *token, uint32_t *hash)
{
    if (!s->nheads)
        return -1;
    *hash = text_hash(token, strlen(token));
    int32_t i = s->heads[*hash & (s->nheads - 1)];
    while (i >= 0 && s->entries[i].hash != *hash)
        i = s->entries[i].next;
    return i;
}

static int32_t synonyms_more(const synonyms *s, int32_t i, uint32_t hash)
{
    i = s->entries[i].next;
    while (i >= 0 && s->entries[i].hash != hash)
        i = s->entries[i].next;
    return i;
}

static int synonyms_collect(void *ctx, int flags, const char *token, size_t len, size_t start,
                            size_t end)
{
    synonyms_side_t *side = ctx;
    buf b = BUF_INIT;
    (void)start;
    (void)end;
    if (flags & ANALYZER_COLOCATED) {
        if (side->ntokens == 0)
            return 0;
        char **slot = token[0] == ANALYZER_FOLDED_STEM ? &side->alts[side->ntokens - 1]
                      : token[0] == ANALYZER_EXACT     ? &side->forms[side->ntokens - 1]
                                                       : NULL;
        if (slot && !*slot) {
            buf_append(&b, token + 1, len - 1);
            *slot = buf_detach(&b);
        }
        return 0;
    }
    side->tokens = buf_xrealloc(side->tokens, (side->ntokens + 1) * sizeof side->tokens[0]);
    side->alts = buf_xrealloc(side->alts, (side->ntokens + 1) * sizeof side->alts[0]);
    side->forms = buf_xrealloc(side->forms, (side->ntokens + 1) * sizeof side->forms[0]);
    buf_append(&b, token, len);
    side->tokens[side->ntokens] = buf_detach(&b);
    side->forms[side->ntokens] = NULL;
    side->alts[side->ntokens++] = NULL;
    return 0;
}

static void synonyms_side_free(synonyms_side_t *side)
{
    for (size_t i = 0; i < side->ntokens; i++) {
        free(side->tokens[i]);
        free(side->alts[i]);
        free(side->forms[i]);
    }
    free(side->tokens);
    free(side->alts);
    free(side->forms);
}

/* Does g already have a side with these stems (« mineurs non accompagnés
 * = mineur non accompagné »)? */
static int synonyms_has_side(const synonyms_group *g, const synonyms_side_t *side)
{
    for (size_t k = 0; k < g->nsides; k++) {
        const synonyms_side_t *o = &g->sides[k];
        size_t t = 0;
        while (o->ntokens == side->ntokens && t < side->ntokens &&
               strcmp(o->tokens[t], side->tokens[t]) == 0)
            t++;
        if (o->ntokens == side->ntokens && t == side->ntokens)
            return 1;
    }
    return 0;
}

static void synonyms_group_free(synonyms_group *g)
{
    for (size_t k = 0; k < g->nsides; k++)
        synonyms_side_free(&g->sides[k]);
    free(g->sides);
}

/* Adds g (now s's) when it has 2+ sides, else frees it. Returns 1 when added. */
static int synonyms_push(synonyms *s, synonyms_group *g)
{
    if (g->nsides < 2) {
        synonyms_group_free(g);
        return 0;
    }
    if (s->ngroups == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 32;
        s->groups = buf_xrealloc(s->groups, s->cap * sizeof s->groups[0]);
    }
    s->groups[s->ngroups] = *g;
    for (size_t k = 0; k < (g->oneway ? 1 : g->nsides); k++) {
        const synonyms_side_t *side = &g->sides[k];
        synonyms_index_add(s, side->tokens[0], s->ngroups, k);
        if (side->alts[0] && strcmp(side->alts[0], side->tokens[0]) != 0)
            synonyms_index_add(s, side->alts[0], s->ngroups, k);
    }
    s->ngroups++;
    return 1;
}

/* The side of text's stems. */
static synonyms_side_t synonyms_side_of(const char *text, size_t len)
{
    synonyms_side_t side = {NULL, NULL, NULL, 0};
    analyzer_tokenize(text, len, ANALYZER_WORDS, synonyms_collect, &side);
    return side;
}

/* Adds text's stems to g as a new side, unless they are none or g has
 * that side already. */
static void synonyms_group_side(synonyms_group *g, const char *text, size_t len)
{
    synonyms_side_t side = synonyms_side_of(text, len);
    if (side.ntokens > 0 && !synonyms_has_side(g, &side)) {
        g->sides = buf_xrealloc(g->sides, (g->nsides + 1) * sizeof g->sides[0]);
        g->sides[g->nsides++] = side;
    } else {
        synonyms_side_free(&side);
    }
}

/* Parses one line (without its end); adds a group when it has 2+ distinct
 * sides. Its sides are separated by "=", or by "~" for related words
 * when the line has no "=". */
static void synonyms_line(synonyms *s, const char *line, size_t len)
{
    const char *hash = memchr(line, '#', len);
    if (hash)
        len = (size_t)(hash - line);
    char sep = !memchr(line, '=', len) && memchr(line, '~', len) ? '~' : '=';
    synonyms_group g = {NULL, 0, sep == '~', 0, 0, 0};
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && line[j] != sep)
            j++;
        synonyms_group_side(&g, line + i, j - i);
        i = j + 1;
    }
    synonyms_push(s, &g);
}

int synonyms_load(const char *path, synonyms **out, char *err, size_t errlen)
{
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int result = -1;
    synonyms *s = NULL;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open synonyms file %s: %s", path, strerror(errno));
        goto cleanup;
    }
    s = synonyms_new();
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        synonyms_line(s, line, len);
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read synonyms file %s: %s", path, strerror(errno));
        goto cleanup;
    }
    *out = s;
    s = NULL;
    result = 0;
cleanup:
    free(line);
    if (f)
        fclose(f);
    synonyms_free(s);
    return result;
}

synonyms *synonyms_new(void)
{
    synonyms *s = buf_xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    return s;
}

void synonyms_free(synonyms *s)
{
    if (!s)
        return;
    for (size_t g = 0; g < s->ngroups; g++)
        synonyms_group_free(&s->groups[g]);
    free(s->groups);
    free(s->entries);
    free(s->heads);
    free(s);
}

/* Is side (a non-empty side) already given a meaning that a new group
 * for it must not contradict: a side of a group of equivalents that is
 * not learned (the file's "=" lines, the abbreviations), or, with pair,
 * of a learned group that has pair too (the same definition again)? Only
 * a group with side as a side can clash. */
static int synonyms_taken(const synonyms *s, const synonyms_side_t *side,
                          const synonyms_side_t *pair)
{
    uint32_t hash;
    for (int32_t i = synonyms_first(s, side->tokens[0], &hash); i >= 0;
         i = synonyms_more(s, i, hash)) {
        const synonyms_group *o = &s->groups[s->entries[i].group];
        if (o->learned ? pair && synonyms_has_side(o, side) && synonyms_has_side(o, pair)
                       : !o->related && synonyms_has_side(o, side))
            return 1;
    }
    return 0;
}

int synonyms_defines(const synonyms *s, const char *word)
{
    synonyms_side_t side = synonyms_side_of(word, strlen(word));
    int found = 0;
    uint32_t hash;
    for (int32_t i = side.ntokens ? synonyms_first(s, side.tokens[0], &hash) : -1; i >= 0 && !found;
         i = synonyms_more(s, i, hash)) {
        const synonyms_group *o = &s->groups[s->entries[i].group];
        found = !o->related && synonyms_has_side(o, &side);
    }
    synonyms_side_free(&side);
    return found;
}

int synonyms_has_word(const synonyms *s, const char *stem)
{
    for (size_t g = 0; s && stem && g < s->ngroups; g++)
        for (size_t k = 0; k < s->groups[g].nsides; k++) {
            const synonyms_side_t *side = &s->groups[g].sides[k];
            for (size_t t = 0; t < side->ntokens; t++)
                if (strcmp(side->tokens[t], stem) == 0 ||
                    (side->alts[t] && strcmp(side->alts[t], stem) == 0))
                    return 1;
        }
    return 0;
}

size_t synonyms_row_len(const char *const *rest, size_t max)
{
    size_t n = 0;
    while (n < max && rest[n])
        n++;
    return n;
}

size_t synonyms_row(const char *first, const char *const *rest, size_t max, const char **words)
{
    size_t n = synonyms_row_len(rest, max);
    words[0] = first;
    for (size_t k = 0; k < n; k++)
        words[1 + k] = rest[k];
    return 1 + n;
}

size_t synonyms_equate_rows(synonyms *s, const synonyms_equal_row *rows, size_t n)
{
    size_t added = 0;
    for (size_t i = 0; i < n; i++) {
        const char *words[1 + SYNONYMS_ROW_MAX];
        size_t k = synonyms_row(rows[i].first, rows[i].rest, SYNONYMS_ROW_MAX, words);
        added += (size_t)synonyms_equate(s, words, k, rows[i].oneway);
    }
    return added;
}

const char *synonyms_equal_row_at(const synonyms_equal_row *rows, size_t n, size_t i,
                                  const char *const **rest, size_t *nrest, int *oneway)
{
    if (i >= n)
        return NULL;
    *rest = rows[i].rest;
    *nrest = synonyms_row_len(rows[i].rest, SYNONYMS_ROW_MAX);
    *oneway = rows[i].oneway;
    return rows[i].first;
}

int synonyms_learn(synonyms *s, const char *acronym, const char *expansion)
{
    synonyms_group g = {NULL, 0, 0, 1, 0, 0};
    synonyms_side_t a = synonyms_side_of(acronym, strlen(acronym));
    synonyms_side_t e = synonyms_side_of(expansion, strlen(expansion));
    int clash = a.ntokens == 0 || e.ntokens == 0 || synonyms_taken(s, &a, &e);
    if (clash) {
        synonyms_side_free(&a);
        synonyms_side_free(&e);
        return 0;
    }
    g.sides = buf_xrealloc(NULL, 2 * sizeof g.sides[0]);
    g.sides[g.nsides++] = a;
    if (!synonyms_has_side(&g, &e))
        g.sides[g.nsides++] = e;
    else
        synonyms_side_free(&e);
    return synonyms_push(s, &g);
}

int synonyms_relate(synonyms *s, const char *const *words, size_t n, int oneway)
{
    synonyms_group g = {NULL, 0, 1, 0, oneway, 0};
    for (size_t i = 0; i < n; i++)
        synonyms_group_side(&g, words[i], strlen(words[i]));
    return synonyms_push(s, &g);
}

int synonyms_equate(synonyms *s, const char *const *words, size_t n, int oneway)
{
    synonyms_group g = {NULL, 0, 0, 0, oneway, 1};
    if (n == 0)
        return 0;
    synonyms_side_t first = synonyms_side_of(words[0], strlen(words[0]));
    if (first.ntokens == 0 || synonyms_taken(s, &first, NULL)) {
        synonyms_side_free(&first);
        return 0;
    }
    /* The first side, read once: the group's first. */
    g.sides = buf_xrealloc(NULL, sizeof g.sides[0]);
    g.sides[g.nsides++] = first;
    for (size_t i = 1; i < n; i++)
        synonyms_group_side(&g, words[i], strlen(words[i]));
    return synonyms_push(s, &g);
}

size_t synonyms_groups(const synonyms *s)
{
    return s ? s->ngroups : 0;
}

size_t synonyms_sides(const synonyms *s, size_t g)
{
    return s && g < s->ngroups ? s->groups[g].nsides : 0;
}

int synonyms_related(const synonyms *s, size_t g)
{
    return s && g < s->ngroups && s->groups[g].related;
}

int synonyms_literal(const synonyms *s, size_t g)
{
    return s && g < s->ngroups && s->groups[g].literal;
}

size_t synonyms_side(const synonyms *s, size_t g, size_t side, const char *const **tokens)
{
    if (!s || g >= s->ngroups || side >= s->groups[g].nsides) {
        *tokens = NULL;
        return 0;
    }
    *tokens = (const char *const *)s->groups[g].sides[side].tokens;
    return s->groups[g].sides[side].ntokens;
}

const char *synonyms_side_form(const synonyms *s, size_t g, size_t side, size_t i)
{
    if (!s || g >= s->ngroups || side >= s->groups[g].nsides ||
        i >= s->groups[g].sides[side].ntokens)
        return NULL;
    return s->groups[g].sides[side].forms[i];
}

/* Does side match tokens[0..n) (a token also matching the side word's
 * unaccented stem)? */
static int synonyms_side_matches(const synonyms_side_t *side, const char *const *tokens, size_t n)
{
    if (side->ntokens != n)
        return 0;
    size_t t = 0;
    while (t < n && (strcmp(side->tokens[t], tokens[t]) == 0 ||
                     (side->alts[t] && strcmp(side->alts[t], tokens[t]) == 0)))
        t++;
    return t == n;
}

/* A matching side: its group and its place in the group. */
typedef struct {
    uint32_t group, side;
} synonyms_hit;

static int synonyms_hit_cmp(const void *a, const void *b)
{
    const synonyms_hit *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return (x->side > y->side) - (x->side < y->side);
}

size_t synonyms_lookup(const synonyms *s, const char *const *tokens, size_t n, size_t *groups,
                       size_t *sides, size_t max)
{
    /* The groups with a matching side, in the order of the groups, each
     * with its first matching side (the index gives them in any order). */
    synonyms_hit stack[16], *hit = stack;
    size_t nhit = 0, cap = sizeof stack / sizeof stack[0];
    uint32_t hash;
    if (!s || n == 0)
        return 0;
    for (int32_t i = synonyms_first(s, tokens[0], &hash); i >= 0; i = synonyms_more(s, i, hash)) {
        const synonyms_entry *e = &s->entries[i];
        if (!synonyms_side_matches(&s->groups[e->group].sides[e->side], tokens, n))
            continue;
        if (nhit == cap) {
            synonyms_hit *more = buf_xrealloc(hit == stack ? NULL : hit, 2 * cap * sizeof *hit);
            if (hit == stack)
                memcpy(more, stack, sizeof stack);
            hit = more;
            cap *= 2;
        }
        hit[nhit].group = e->group;
        hit[nhit++].side = e->side;
    }
    qsort(hit, nhit, sizeof *hit, synonyms_hit_cmp);
    size_t found = 0;
    for (size_t j = 0; j < nhit; j++) {
        if (j > 0 && hit[j].group == hit[j - 1].group)
            continue;
        if (found < max) {
            groups[found] = hit[j].group;
            if (sides)
                sides[found] = hit[j].side;
        }
        found++;
    }
    if (hit != stack)
        free(hit);
    return found;
}
