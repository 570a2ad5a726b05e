/* fuzz_phrase: lib/phrase.c against FTS5 itself. The input's bytes choose
 * a phrase of exact forms with alternatives at its positions (a byte with
 * its high bit set opens a new position, any other adds one form from a
 * list of words and stems of the small index, or one absent), the way
 * query.c writes a synonym side ("!mise|!mises !à|!a !jour"). When
 * phrase_split takes it, the rows counted from the AND of its forms with
 * repere_phrase must be FTS5's own rows of the phrase, in every column and
 * in the shown ones (the property rank.c's document counts rely on); when
 * it does not, it must have written nothing. Up to 64 positions and any
 * number of forms: the refusals at 32 positions and 512 forms are
 * reached. */
#include "buf.h"
#include "fuzz_index.h"
#include "phrase.h"

static sqlite3 *p_db;
static sqlite3_stmt *p_fts, *p_fts_shown, *p_ours;

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
    if (phrase_register(p_db, err, sizeof err) != 0)
        fuzz_fail("phrase_register: %s", err);
    if (sqlite3_prepare_v2(p_db, "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1", -1,
                           &p_fts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH"
                           " '{title headings body} : (' || ?1 || ')'",
                           -1, &p_fts_shown, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p_db,
                           "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1"
                           " AND repere_phrase(docs_fts, ?2, ?3)",
                           -1, &p_ours, NULL) != SQLITE_OK)
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
done:
    buf_free(&phrase);
    buf_free(&expr);
    buf_free(&shape);
    return 0;
}
