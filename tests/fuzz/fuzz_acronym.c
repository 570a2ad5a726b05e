/* fuzz_acronym: arbitrary bytes as a document's text through the acronym
 * detector (lib/acronym.c), which the indexer runs on every text it
 * stores, then each definition found through the query side: learned into
 * the synonyms (synonyms_learn, over corpus/synonymes.txt's groups and
 * over none) and both sides parsed and compiled as queries with them. */
#include "acronym.h"
#include "fuzz_util.h"
#include "query.h"
#include "synonyms.h"

/* Checks acronym.h's promises: the acronym is a slice of the text of 2 to
 * 10 capital letters, the long form valid UTF-8 without NUL, lowercase,
 * with single spaces and none at its ends; a non-zero return of the
 * callback stops the search and is returned; two runs find the same. */

#define AC_MAX_DEFS 64

typedef struct {
    const char *text;
    size_t len;
    size_t found;   /* definitions seen */
    size_t stop_at; /* return 7 on this definition (1-based; 0: never) */
    char *acr[AC_MAX_DEFS], *exp[AC_MAX_DEFS];
} ac_state;

static synonyms *ac_file; /* corpus/synonymes.txt, never learned into */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (synonyms_load("corpus/synonymes.txt", &ac_file, err, sizeof err) != 0)
        ac_file = NULL;
    return 0;
}

static void ac_check(const ac_state *st, const char *a, size_t alen, const char *e, size_t elen)
{
    if (a < st->text || a + alen > st->text + st->len)
        fuzz_fail("the acronym is not a slice of the text");
    size_t letters = 0;
    for (size_t i = 0; i < alen;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)a + i, (utf8proc_ssize_t)(alen - i), &c);
        if (m <= 0 || utf8proc_category(c) != UTF8PROC_CATEGORY_LU)
            fuzz_fail("acronym \"%.*s\" has a character that is no capital", (int)alen, a);
        letters++;
        i += (size_t)m;
    }
    if (letters < ACRONYM_MIN_LETTERS || letters > ACRONYM_MAX_LETTERS)
        fuzz_fail("acronym \"%.*s\" of %zu letters", (int)alen, a, letters);
    if (elen == 0 || !fuzz_utf8_ok(e, elen))
        fuzz_fail("long form of \"%.*s\" empty or not UTF-8", (int)alen, a);
    if (e[0] == ' ' || e[elen - 1] == ' ')
        fuzz_fail("long form \"%.*s\" has a space at an end", (int)elen, e);
    for (size_t i = 0; i < elen; i++) {
        if (e[i] == '\n' || e[i] == '\t' || e[i] == '\r' || (e[i] == ' ' && e[i + 1] == ' '))
            fuzz_fail("long form \"%.*s\" has a space that is not single", (int)elen, e);
    }
    for (size_t i = 0; i < elen;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)e + i, (utf8proc_ssize_t)(elen - i), &c);
        if (utf8proc_category(c) == UTF8PROC_CATEGORY_LU && utf8proc_tolower(c) != c)
            fuzz_fail("long form \"%.*s\" has a capital", (int)elen, e);
        i += (size_t)m;
    }
}

static int ac_collect(void *ctx, const char *a, size_t alen, const char *e, size_t elen)
{
    ac_state *st = ctx;
    ac_check(st, a, alen, e, elen);
    if (st->found < AC_MAX_DEFS) {
        st->acr[st->found] = fuzz_cstr((const uint8_t *)a, alen);
        st->exp[st->found] = fuzz_cstr((const uint8_t *)e, elen);
    }
    st->found++;
    return st->found == st->stop_at ? 7 : 0;
}

static void ac_free(ac_state *st)
{
    for (size_t i = 0; i < st->found && i < AC_MAX_DEFS; i++) {
        free(st->acr[i]);
        free(st->exp[i]);
    }
}

/* The query side of a definition: both texts parsed and compiled with the
 * synonyms that learned it (no vocabulary: the rewrite alone). */
static void ac_query(const synonyms *syn, const char *s)
{
    query *q = NULL;
    char err[256];
    int rc = query_parse(s, strlen(s), syn, &q, err, sizeof err);
    if (rc != QUERY_OK) {
        if (rc != QUERY_EMPTY || q)
            fuzz_fail("query_parse(\"%s\") returned %d", s, rc);
        return;
    }
    query_expr *e = query_compile(q, QUERY_ALL | QUERY_SIGNALS | QUERY_RUNS, NULL);
    if (!e || !e->fts)
        fuzz_fail("query_compile(\"%s\") gave no expression", s);
    query_expr_free(e);
    query_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ac_state st = {text, size, 0, 0, {NULL}, {NULL}};
    int rc = acronym_find(text, size, ac_collect, &st);
    if (rc != 0)
        fuzz_fail("acronym_find returned %d with a callback returning 0", rc);

    /* Stopped at the last definition: same ones, and the callback's code. */
    if (st.found > 0) {
        ac_state again = {text, size, 0, st.found, {NULL}, {NULL}};
        rc = acronym_find(text, size, ac_collect, &again);
        if (rc != 7 || again.found != st.found)
            fuzz_fail("stopping at definition %zu returned %d after %zu", st.found, rc,
                      again.found);
        for (size_t i = 0; i < st.found && i < AC_MAX_DEFS; i++)
            if (strcmp(st.acr[i], again.acr[i]) || strcmp(st.exp[i], again.exp[i]))
                fuzz_fail("second run found %s=%s for %s=%s", again.acr[i], again.exp[i], st.acr[i],
                          st.exp[i]);
        ac_free(&again);
    }

    /* The query side: learned alone, and over the file's groups. */
    synonyms *fresh = synonyms_new(), *over = NULL;
    char err[256];
    if (ac_file && st.found > 0 &&
        synonyms_load("corpus/synonymes.txt", &over, err, sizeof err) != 0)
        fuzz_fail("corpus/synonymes.txt loaded once, not twice: %s", err);
    size_t before = synonyms_groups(over);
    for (size_t i = 0; i < st.found && i < AC_MAX_DEFS; i++) {
        size_t g = synonyms_groups(fresh);
        int added = synonyms_learn(fresh, st.acr[i], st.exp[i]);
        if (synonyms_groups(fresh) != g + (added ? 1 : 0))
            fuzz_fail("synonyms_learn returned %d, groups %zu -> %zu", added, g,
                      synonyms_groups(fresh));
        if (over)
            synonyms_learn(over, st.acr[i], st.exp[i]);
    }
    if (over && synonyms_groups(over) < before)
        fuzz_fail("learning lost groups of the file");
    for (size_t i = 0; i < st.found && i < AC_MAX_DEFS; i++) {
        ac_query(fresh, st.acr[i]);
        ac_query(fresh, st.exp[i]);
        if (over) {
            ac_query(over, st.acr[i]);
            ac_query(over, st.exp[i]);
        }
    }
    synonyms_free(fresh);
    synonyms_free(over);
    ac_free(&st);
    return 0;
}
