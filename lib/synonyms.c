/* synonyms: loads the synonym file into groups of sides, each side kept as
 * the stems the analyzer gives it, so a query matches a side whatever its
 * accents, case, elisions or plurals. Does not expand queries (query.c). */
#include "synonyms.h"

#include "analyzer.h"
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **tokens; /* stems */
    char **alts;   /* stems of the unaccented forms where they differ, else NULL */
    size_t ntokens;
} synonyms_side_t;

typedef struct {
    synonyms_side_t *sides;
    size_t nsides;
    int related; /* a "~" line (synonyms_related) */
} synonyms_group;

struct synonyms {
    synonyms_group *groups;
    size_t ngroups, cap;
};

static int synonyms_collect(void *ctx, int flags, const char *token, size_t len, size_t start,
                            size_t end)
{
    synonyms_side_t *side = ctx;
    buf b = BUF_INIT;
    (void)start;
    (void)end;
    if (flags & ANALYZER_COLOCATED) {
        if (side->ntokens > 0 && token[0] == ANALYZER_FOLDED_STEM &&
            !side->alts[side->ntokens - 1]) {
            buf_append(&b, token + 1, len - 1);
            side->alts[side->ntokens - 1] = buf_detach(&b);
        }
        return 0;
    }
    side->tokens = buf_xrealloc(side->tokens, (side->ntokens + 1) * sizeof side->tokens[0]);
    side->alts = buf_xrealloc(side->alts, (side->ntokens + 1) * sizeof side->alts[0]);
    buf_append(&b, token, len);
    side->tokens[side->ntokens] = buf_detach(&b);
    side->alts[side->ntokens++] = NULL;
    return 0;
}

static void synonyms_side_free(synonyms_side_t *side)
{
    for (size_t i = 0; i < side->ntokens; i++) {
        free(side->tokens[i]);
        free(side->alts[i]);
    }
    free(side->tokens);
    free(side->alts);
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

/* Parses one line (without its end); adds a group when it has 2+ distinct
 * sides. Its sides are separated by "=", or by "~" for related words
 * when the line has no "=". */
static void synonyms_line(synonyms *s, const char *line, size_t len)
{
    const char *hash = memchr(line, '#', len);
    if (hash)
        len = (size_t)(hash - line);
    char sep = !memchr(line, '=', len) && memchr(line, '~', len) ? '~' : '=';
    synonyms_group g = {NULL, 0, sep == '~'};
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && line[j] != sep)
            j++;
        synonyms_side_t side = {NULL, NULL, 0};
        analyzer_tokenize(line + i, j - i, ANALYZER_WORDS, synonyms_collect, &side);
        if (side.ntokens > 0 && !synonyms_has_side(&g, &side)) {
            g.sides = buf_xrealloc(g.sides, (g.nsides + 1) * sizeof g.sides[0]);
            g.sides[g.nsides++] = side;
        } else {
            synonyms_side_free(&side);
        }
        i = j + 1;
    }
    if (g.nsides < 2) {
        for (size_t k = 0; k < g.nsides; k++)
            synonyms_side_free(&g.sides[k]);
        free(g.sides);
        return;
    }
    if (s->ngroups == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 32;
        s->groups = buf_xrealloc(s->groups, s->cap * sizeof s->groups[0]);
    }
    s->groups[s->ngroups++] = g;
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
    s = buf_xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
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

void synonyms_free(synonyms *s)
{
    if (!s)
        return;
    for (size_t g = 0; g < s->ngroups; g++) {
        for (size_t k = 0; k < s->groups[g].nsides; k++)
            synonyms_side_free(&s->groups[g].sides[k]);
        free(s->groups[g].sides);
    }
    free(s->groups);
    free(s);
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

size_t synonyms_side(const synonyms *s, size_t g, size_t side, const char *const **tokens)
{
    if (!s || g >= s->ngroups || side >= s->groups[g].nsides) {
        *tokens = NULL;
        return 0;
    }
    *tokens = (const char *const *)s->groups[g].sides[side].tokens;
    return s->groups[g].sides[side].ntokens;
}

size_t synonyms_lookup(const synonyms *s, const char *const *tokens, size_t n, size_t *groups,
                       size_t *sides, size_t max)
{
    size_t found = 0;
    if (!s || n == 0)
        return 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        for (size_t k = 0; k < s->groups[g].nsides; k++) {
            const synonyms_side_t *side = &s->groups[g].sides[k];
            if (side->ntokens != n)
                continue;
            size_t t = 0;
            while (t < n && (strcmp(side->tokens[t], tokens[t]) == 0 ||
                             (side->alts[t] && strcmp(side->alts[t], tokens[t]) == 0)))
                t++;
            if (t < n)
                continue;
            if (found < max) {
                groups[found] = g;
                if (sides)
                    sides[found] = k;
            }
            found++;
            break;
        }
    }
    return found;
}
