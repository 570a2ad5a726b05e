/* fuzz_phrase: lib/phrase.c and lib/split.c against FTS5 itself: the rows
 * they count or view for a phrase of exact forms with alternatives at its
 * positions must be FTS5's own rows (the property rank.c's document counts
 * rely on). */
#include "buf.h"
#include "fuzz_index.h"
#include "phrase.h"
#include "split.h"
#include "../unit/expr_read.h"
#include "../unit/split_hits.h"

/* The input's bytes choose a phrase of exact forms with alternatives at its
 * positions (a byte with its high bit set opens a new position, any other
 * adds one form from a list of words and stems of the small index, or one
 * absent), the way query.c writes a synonym side ("!mise|!mises !à|!a
 * !jour"). When phrase_split takes it, the rows counted from the AND of its
 * forms with repere_phrase must be FTS5's own rows of the phrase, in every
 * column and in the shown ones; when it does not, it must have written
 * nothing. Up to 64 positions and any number of forms: the refusals at 32
 * positions and 512 forms are reached. And lib/split.c: the phrase in an
 * expression of the shapes query.c writes (alone, beside the words' AND,
 * below a required AND, again below an AND that is not), matched as its
 * forms' AND and read through split_view with repere_keep, must give FTS5's
 * rows, and on each every phrase's size and hits. */

static sqlite3 *p_db;
static sqlite3_stmt *p_fts, *p_fts_shown, *p_ours, *p_rowids, *p_rows, *p_split_rows;

/* Forms of the index's words (exact forms, as typed and lower-cased, and
 * some stems), a few twice, and words no document has. */
static const char *const p_words[] = {
    "la",          "le",         "les",        "de",          "des",          "du",
    "d",           "l",          "à",          "a",           "et",           "traite",
    "êtres",       "humains",    "humain",     "mineurs",     "mineur",       "non",
    "accompagnés", "protection", "enfance",    "aide",        "sociale",      "jeunesse",
    "travail",     "forcé",      "forcée",     "mendicité",   "exploitation", "victimes",
    "papiers",     "sans",       "qu",         "est",         "ce",           "que",
    "compte",      "rendu",      "rencontres", "collectif",   "œuvres",       "oeuvres",
    "cœur",        "filles",     "flux",       "hébergement", "urgence",      "ase",
    "mmna",        "oqtf",       "1er",        "mai",         "225",          "4",
    "1",           "absent",     "nullepart",  "mise",        "jour",         "sécurité",
};
#define P_NWORDS (sizeof p_words / sizeof p_words[0])

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    p_db = fuzz_index_create(":memory:");
    if (phrase_register(p_db, err, sizeof err) != 0 || split_register(p_db, err, sizeof err) != 0 ||
        schema_fts5_function(p_db, "p_hits", split_hits_fn, err, sizeof err) != 0)
        fuzz_fail("register: %s", err);
    if (sqlite3_prepare_v2(p_db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1", -1,
                           &p_fts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH"
                           " '{title headings body} : (' || ?1 || ')'",
                           -1, &p_fts_shown, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                           " AND repere_phrase(docs_fts, ?2, ?3)",
                           -1, &p_ours, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1", -1,
                           &p_rowids, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT rowid, p_hits(docs_fts, ?2) FROM docs_fts"
                           " WHERE docs_fts MATCH ?1",
                           -1, &p_rows, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT rowid, p_hits(docs_fts, ?2) FROM docs_fts"
                           " WHERE docs_fts MATCH ?1 AND repere_keep(docs_fts, ?2)",
                           -1, &p_split_rows, NULL) != SQLITE_OK)
        fuzz_fail("prepare: %s", sqlite3_errmsg(p_db));
    return 0;
}

/* The count st gives, or -1 when it fails. */
static long long p_count(sqlite3_stmt *st)
{
    long long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return n;
}

/* Every row's id and p_hits of st with ?1 = fts and ?2 = plan. */
static char *p_rows_of(sqlite3_stmt *st, const char *fts, split_plan *plan)
{
    buf b = BUF_INIT;
    int rc;
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    if (plan)
        sqlite3_bind_pointer(st, 2, plan, SPLIT_POINTER, NULL);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(&b, "%lld %s\n", (long long)sqlite3_column_int64(st, 0),
                   (const char *)sqlite3_column_text(st, 1));
    if (rc != SQLITE_DONE)
        fuzz_fail("%s: %s", fts, sqlite3_errmsg(p_db));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    buf_putc(&b, '.');
    return buf_detach(&b);
}

/* The phrase in an expression of one of query.c's shapes (shape % 4),
 * split: the rows and every hit of FTS5's match of the expression. */
static void p_split(const char *phrase, unsigned shape, const char *w1, const char *w2)
{
    buf fts = BUF_INIT;
    int n;
    switch (shape % 4) {
    case 0:
        buf_puts(&fts, phrase);
        n = 1;
        break;
    case 1: /* the words' AND beside the side, as query_with_synonyms writes it */
        buf_printf(&fts, "((\"!%s\" OR \"!%s\") AND \"!%s\") OR %s", w1, w2, w2, phrase);
        n = 4;
        break;
    case 2: /* below the root's AND */
        buf_printf(&fts, "(%s OR \"!%s\") AND (\"!%s\" OR \"!%s\")", phrase, w1, w2, w1);
        n = 4;
        break;
    default: /* again below an AND that is not required, as a relaxed pass writes it */
        buf_printf(&fts, "(\"!%s\" OR %s) AND (\"!%s\" OR ((\"!%s\" OR %s) AND \"!%s\"))", w1,
                   phrase, w2, w1, phrase, w2);
        n = 6;
        break;
    }
    query_term t[6];
    query_phrase ph[6];
    for (int i = 0; i < n; i++) {
        t[i] = (query_term){.clause = i, .first = i, .n = 1, .of = -1, .text = (char *)""};
        ph[i] = (query_phrase){.term = i, .exact = -1, .check = -1};
    }
    query_expr e = {.terms = t, .nterms = n, .phrases = ph, .nphrases = n};
    e.root = expr_read(fts.data, &e.fts, &e.nodes, &e.nnodes);
    if (strcmp(e.fts, fts.data) != 0)
        fuzz_fail("the writer wrote %s as %s", fts.data, e.fts);
    split_plan *plan = split_plan_new(&e, p_rowids, NULL, 0);
    if (!plan)
        fuzz_fail("split_plan_new refused %s", fts.data);
    char *want = p_rows_of(p_rows, fts.data, NULL);
    char *got = p_rows_of(p_split_rows, split_plan_fts(plan), plan);
    if (strcmp(want, got) != 0)
        fuzz_fail("%s split as %s:\nFTS5:\n%s\nsplit:\n%s", fts.data, split_plan_fts(plan), want,
                  got);
    free(want);
    free(got);
    split_plan_free(plan);
    free(e.fts);
    free(e.nodes);
    buf_free(&fts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf phrase = BUF_INIT, expr = BUF_INIT, shape = BUF_INIT;
    int positions = 0, empty = 1;
    buf_putc(&phrase, '"');
    for (size_t i = 0; i < size; i++) {
        if (data[i] & 0x80 || positions == 0) {
            if (positions == 64)
                break;
            if (positions > 0 && empty)
                continue; /* a position has one form at least */
            if (positions++ > 0)
                buf_putc(&phrase, ' ');
            empty = 1;
            if (data[i] & 0x80)
                continue;
        }
        if (!empty)
            buf_putc(&phrase, '|');
        buf_printf(&phrase, "!%s", p_words[data[i] % P_NWORDS]);
        empty = 0;
    }
    buf_putc(&phrase, '"');
    if (positions == 0 || empty)
        goto done;
    int n = phrase_split(phrase.data, &expr, &shape);
    if (n == 0) {
        if (expr.len || shape.len)
            fuzz_fail("phrase_split refused %s but wrote something", phrase.data);
        goto done;
    }
    if (n != positions)
        fuzz_fail("phrase_split of %s: %d positions, not %d", phrase.data, n, positions);
    for (int shown = 0; shown < 2; shown++) {
        sqlite3_stmt *fts = shown ? p_fts_shown : p_fts;
        sqlite3_bind_text(fts, 1, phrase.data, -1, SQLITE_STATIC);
        long long want = p_count(fts);
        if (want < 0)
            fuzz_fail("FTS5 cannot count %s: %s", phrase.data, sqlite3_errmsg(p_db));
        sqlite3_bind_text(p_ours, 1, expr.data, -1, SQLITE_STATIC);
        sqlite3_bind_text(p_ours, 2, shape.data, -1, SQLITE_STATIC);
        sqlite3_bind_int(p_ours, 3, shown ? SCHEMA_HIDDEN_COLUMN : 0);
        long long got = p_count(p_ours);
        if (got != want)
            fuzz_fail(
                "%s%s: repere_phrase counts %lld rows, FTS5 %lld\n  expression: %s  shape: %s",
                shown ? "shown columns, " : "", phrase.data, got, want, expr.data, shape.data);
    }
    p_split(phrase.data, data[0], p_words[data[size - 1] % P_NWORDS],
            p_words[data[size / 2] % P_NWORDS]);
done:
    buf_free(&phrase);
    buf_free(&expr);
    buf_free(&shape);
    return 0;
}
