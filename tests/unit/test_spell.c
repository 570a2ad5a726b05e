/* test_spell: suggestions and completions from the vocabulary of a small
 * index built in a temporary file with the real schema and write
 * protocol (schema.h); the spelling table following the documents added,
 * replaced and deleted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "index_fixture.h"
#include "schema.h"
#include "spell.h"
#include "store.h"
#include "vocab.h"

static const char *const docs[] = {
    "L'exploitation des mineurs non accompagnés. L'exploitation domestique.",
    "Les mineurs accompagnés par l'association; exploitation sexuelle.",
    "Une exploration des archives du collectif.",
    "Accompagnés ou non, les jeunes sont protégés avec soin dans le dispositif.",
    "Identification des victimes de traite, identification précoce.",
    "Le traité de Lisbonne.",
    /* « accompagne » (2 documents) is commoner than « accompagné » (1). */
    "Le Collectif accompagne les victimes.",
    "Il accompagne et il est accompagné.",
    "Des enfants accompagnés.",
    /* « valide », « déconnecter »: test_privative_prefix. */
    "Une signature valide; déconnecter le poste.",
    /* « même » (2 documents) is commoner than « membre » (1):
     * test_stopword_last. */
    "Le même jour, un membre du bureau.",
    "La même semaine.",
};

typedef struct {
    char dir[64];
    char path[128];
    sqlite3 *db;
    spell *sp;
    vocab *vocab;
} fixture;

static void count_form(void *actx, const char *form, size_t len)
{
    (void)form;
    (void)len;
    ++*(int *)actx;
}

/* The stem half of searchd's question (the fixture deletes nothing, so the
 * vocab table's forms are all in the index). */
static int known_stem(void *ctx, const char *folded, const char *stem)
{
    int n = 0;
    (void)folded;
    assert_int_equal(vocab_forms(ctx, stem, strlen(stem), 0, count_form, &n), SQLITE_OK);
    return n > 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char err[256];
    assert_non_null(f);
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        assert_int_equal(ixf_add(&ix, (long long)i + 1, "text", 0, "Note", &docs[i], 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    snprintf(f->path, sizeof f->path, "%s", ix.path);
    snprintf(f->dir, sizeof f->dir, "%s", ix.dir);
    /* As searchd does: read-only. */
    assert_int_equal(schema_open(f->path, SCHEMA_READONLY, &f->db, err, sizeof err), 0);
    assert_int_equal(spell_load(f->db, &f->sp, err, sizeof err), 0);
    assert_int_equal(vocab_open(f->db, &f->vocab, err, sizeof err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    spell_free(f->sp);
    vocab_close(f->vocab);
    sqlite3_close_v2(f->db);
    char p[160];
    const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffixes[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* fn's answer for text (spell_suggest, spell_unglue): none when expect is
 * NULL, else expect; what names the answer in the failure message. */
#define ASSERT_SPELL(fn, what, text, expect)                                                       \
    do {                                                                                           \
        char *got_ = fn(f->sp, text, strlen(text), known_stem, f->vocab);                          \
        if ((expect) == NULL) {                                                                    \
            if (got_)                                                                              \
                fail_msg("unexpected %s %s for %s", what, got_, text);                             \
        } else {                                                                                   \
            assert_non_null(got_);                                                                 \
            assert_string_equal(got_, (expect) ? (expect) : "");                                   \
        }                                                                                          \
        free(got_);                                                                                \
    } while (0)
#define ASSERT_SUGGEST(text, expect) ASSERT_SPELL(spell_suggest, "suggestion", text, expect)
#define ASSERT_UNGLUE(text, expect) ASSERT_SPELL(spell_unglue, "split", text, expect)

static void test_vocabulary_loaded(void **state)
{
    fixture *f = *state;
    assert_true(spell_words(f->sp) > 20);
}

static void test_corrections(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("exploitaton", "exploitation");
    ASSERT_SUGGEST("acompagnés", "accompagnés");
    ASSERT_SUGGEST("mineurs acompagnes", "mineurs accompagnés");
    ASSERT_SUGGEST("l'exploitaton des mineurs", "l'exploitation des mineurs");
    ASSERT_SUGGEST("Exploitaton", "Exploitation");
    /* Distance 2 only for words of 8 letters or more. */
    ASSERT_SUGGEST("idantificasion", "identification");
    ASSERT_SUGGEST("minrs", NULL);
    /* The accents typed are kept: « accompagné », though « accompagne »
     * is commoner (issue 10); typed without, the commoner form. */
    ASSERT_SUGGEST("mineur non acompagné", "mineur non accompagné");
    ASSERT_SUGGEST("Acompagné", "Accompagné");
    ASSERT_SUGGEST("acompagne", "accompagne");
    /* Quotes, operators and spaces kept as typed. */
    ASSERT_SUGGEST("\"exploitaton domestique\"  -traité", "\"exploitation domestique\"  -traité");
}

/* A word that says something before a stopword at the same distance,
 * however common the stopword: « membe » is « membre », not « même ». */
static void test_stopword_last(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("comme membe du bureau", "comme membre du bureau");
}

static void test_no_suggestion_for_known_words(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("exploitation", NULL);
    ASSERT_SUGGEST("mineurs non accompagnes", NULL); /* accents never count */
    ASSERT_SUGGEST("exploitations", NULL);           /* known through its stem */
    ASSERT_SUGGEST("exploration", NULL);
    ASSERT_SUGGEST("traite", NULL);
    ASSERT_SUGGEST("", NULL);
}

/* A word cut short, that no correction reaches but that words of the
 * index begin with, is read as the prefix it is. */
static void test_truncated_words(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("identif des victimes", "identif* des victimes");
    ASSERT_SUGGEST("Dispo", "Dispo*");
    ASSERT_SUGGEST("identif. des victimes", "identif* des victimes"); /* its period */
    ASSERT_SUGGEST("identif.", "identif*");
    ASSERT_SUGGEST("mineurs acompagnes identif", "mineurs accompagnés identif*");
    ASSERT_SUGGEST("minrs", NULL); /* no word begins so */
    ASSERT_SUGGEST("identif*", NULL);
}

/* A word no correction may turn into its opposite: the index's word with
 * a privative prefix dropped or added is no slip of it (« invalide » is
 * not « valide », « connecter » not « déconnecter »); a slip within
 * reach still is. */
static void test_privative_prefix(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("signature invalide", NULL);
    ASSERT_SUGGEST("connecter le poste", NULL);
    ASSERT_SUGGEST("signature valdie", "signature valide");
    ASSERT_SUGGEST("déconecter", "déconnecter");
}

/* An elision typed glued to its word (« quil », « nest ») has its
 * apostrophe put back when the index lacks the glued word but has the
 * rest, a vowel or an h after the elided word (an e after « c »); the
 * vocabulary is needed for it (spell_needed). */
static void test_glued_elisions(void **state)
{
    fixture *f = *state;
    ASSERT_UNGLUE("lexploitation domestique", "l'exploitation domestique");
    ASSERT_UNGLUE("Lexploitation des mineurs", "L'exploitation des mineurs");
    ASSERT_UNGLUE("quil accompagne", "qu'il accompagne");
    ASSERT_UNGLUE("il nest pas accompagné", "il n'est pas accompagné");
    ASSERT_UNGLUE("cest une exploration", "c'est une exploration");
    ASSERT_UNGLUE("LEXPLOITATION DES MINEURS", "L'EXPLOITATION DES MINEURS");
    ASSERT_UNGLUE("LEXPLOITATION", NULL);  /* an acronym */
    ASSERT_UNGLUE("cil", NULL);            /* « c » elides before an e only */
    ASSERT_UNGLUE("lexploitation*", NULL); /* a prefix */
    ASSERT_UNGLUE("jai été accompagné", "j'ai été accompagné"); /* « ai », no document's */
    ASSERT_UNGLUE("exploitation", NULL);
    ASSERT_UNGLUE("lexplotation", NULL); /* the rest misspelt: a correction's */
    assert_true(spell_needed("quil", 4, known_stem, f->vocab));
    assert_false(spell_needed("il", 2, known_stem, f->vocab));
}

static void test_words_left_alone(void **state)
{
    fixture *f = *state;
    ASSERT_SUGGEST("avec dans pour sans", NULL); /* function words */
    ASSERT_SUGGEST("nin", NULL);                 /* under 4 letters */
    ASSERT_SUGGEST("exploi*", NULL);             /* a prefix */
    ASSERT_SUGGEST("20188", NULL);
    ASSERT_SUGGEST("exploitaton\xff", NULL); /* invalid UTF-8: no suggestion */
    ASSERT_SUGGEST("EXPLOITATON", NULL);     /* capitals: an acronym */
    ASSERT_SUGGEST("exploitaton OCRTEH", "exploitation OCRTEH");
    /* A query in capitals throughout: its capitals tell no acronym. */
    ASSERT_SUGGEST("EXPLOITATON DES MINEURS", "EXPLOITATION DES MINEURS");
    assert_null(spell_suggest(NULL, "x", 1, NULL, NULL));
}

static void test_completions(void **state)
{
    fixture *f = *state;
    char *out[4];
    size_t n = spell_complete(f->sp, "mineurs expl", 12, out, 4);
    assert_int_equal(n, 2);
    assert_string_equal(out[0], "mineurs exploitation");
    assert_string_equal(out[1], "mineurs exploration");
    for (size_t i = 0; i < n; i++)
        free(out[i]);
    n = spell_complete(f->sp, "Acc", 3, out, 1);
    assert_int_equal(n, 1);
    assert_string_equal(out[0], "Accompagnés");
    free(out[0]);
    assert_int_equal(spell_complete(f->sp, "mineurs ", 8, out, 4), 0);
    assert_int_equal(spell_complete(f->sp, "zzz", 3, out, 4), 0);
}

/* The completions of text in the index at path, as its spelling table
 * has them now, joined by ","; the caller frees. */
static char *completions_now(const char *path, const char *text)
{
    sqlite3 *db = NULL;
    spell *sp = NULL;
    char err[256], *out[4];
    assert_int_equal(schema_open(path, SCHEMA_READONLY, &db, err, sizeof err), 0);
    assert_int_equal(spell_load(db, &sp, err, sizeof err), 0);
    size_t n = spell_complete(sp, text, strlen(text), out, 4);
    buf b = BUF_INIT;
    buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, i ? "," : "");
        buf_puts(&b, out[i]);
        free(out[i]);
    }
    spell_free(sp);
    sqlite3_close_v2(db);
    return buf_detach(&b);
}

static long long state_value(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT value FROM state WHERE name = ?1", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The spelling table of db, one "word,form,docs" line per row. */
static char *table_rows(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    buf b = BUF_INIT;
    buf_puts(&b, "");
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT word, form, docs FROM spelling", -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(&b, "%s,%s,%lld\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
                   (long long)sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return buf_detach(&b);
}

/* The spelling table of db is what counting the index again gives. */
static void assert_table_counted(sqlite3 *db)
{
    char err[256];
    char *have = table_rows(db);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(spell_write(db, err, sizeof err), SQLITE_OK);
    char *counted = table_rows(db);
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    assert_true(strlen(counted) > 0);
    assert_string_equal(have, counted);
    free(have);
    free(counted);
}

#define ASSERT_COMPLETIONS(path, text, expect)                                                     \
    do {                                                                                           \
        char *got_ = completions_now(path, text);                                                  \
        assert_string_equal(got_, expect);                                                         \
        free(got_);                                                                                \
    } while (0)

/* The spelling table is the index's as of the writer's last store_finish:
 * documents replaced and deleted take their forms and counts with them,
 * and a run that stops before its last step leaves it marked out of date
 * for the next one to rewrite. */
static void test_follows_the_index(void **state)
{
    (void)state;
    static const char *const one[] = {"Une exploration des archives."};
    static const char *const two[] = {"Des explorateurs et une exploration."};
    static const char *const three[] = {"Les explorateurs, encore des explorateurs."};
    static const char *const other[] = {"Rien de tel ici."};
    char err[256];
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    assert_int_equal(ixf_add(&ix, 1, "text", 0, "Note", one, 1), 0);
    assert_int_equal(ixf_add(&ix, 2, "text", 0, "Note", two, 1), 0);
    assert_int_equal(ixf_add(&ix, 3, "text", 0, "Note", three, 1), 0);
    assert_int_equal(ixf_add(&ix, 4, "text", 0, "Note", three, 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    /* explorateurs: 3 documents, exploration: 2. */
    ASSERT_COMPLETIONS(ix.path, "explor", "explorateurs,exploration");
    ASSERT_COMPLETIONS(ix.path, "enc", "encore");
    ASSERT_COMPLETIONS(ix.path, "ic", "");

    assert_int_equal(schema_open(ix.path, SCHEMA_READWRITE, &ix.db, err, sizeof err), 0);
    assert_int_equal(store_open(ix.db, &ix.st, err, sizeof err), 0);
    long long generation = state_value(ix.db, SCHEMA_STATE_SPELLING);
    assert_true(generation >= 1);
    assert_int_equal(state_value(ix.db, SCHEMA_STATE_SPELLING_STALE), -1);
    /* Nothing changed: store_finish writes nothing. */
    assert_int_equal(store_finish(ix.st, err, sizeof err), 0);
    assert_int_equal(state_value(ix.db, SCHEMA_STATE_SPELLING), generation);

    /* Document 3 replaced by a text without those words, document 4
     * deleted: committed, not finished (an interrupted run). */
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 3, "text", 0, "Note", other, 1), 0);
    assert_int_equal(store_delete(ix.st, 4, err, sizeof err), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_true(state_value(ix.db, SCHEMA_STATE_SPELLING_STALE) > 0);
    ASSERT_COMPLETIONS(ix.path, "explor", "explorateurs,exploration");

    /* A transaction rolled back leaves the mark as it was. */
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 5, "text", 0, "Note", three, 1), 0);
    store_rollback(ix.st);
    assert_true(state_value(ix.db, SCHEMA_STATE_SPELLING_STALE) > 0);
    store_close(ix.st);

    /* The next run's last step rewrites the table: explorateurs 1, exploration 2. */
    assert_int_equal(store_open(ix.db, &ix.st, err, sizeof err), 0);
    assert_int_equal(store_finish(ix.st, err, sizeof err), 0);
    assert_int_equal(state_value(ix.db, SCHEMA_STATE_SPELLING_STALE), -1);
    assert_int_equal(state_value(ix.db, SCHEMA_STATE_SPELLING), generation + 1);
    ASSERT_COMPLETIONS(ix.path, "explor", "exploration,explorateurs");
    ASSERT_COMPLETIONS(ix.path, "enc", "");
    ASSERT_COMPLETIONS(ix.path, "ic", "ici");
    assert_table_counted(ix.db);

    /* A run that finishes adds its own changes to the table: the same
     * table as counting again, through additions, replacements (a form in
     * both texts), deletions, a failed document and a rollback. */
    static const char *const four[] = {"Exploration, exploration : encore une exploration."};
    /* A row no document has, to tell an update from a rewrite. */
    assert_int_equal(
        sqlite3_exec(ix.db, "INSERT INTO spelling VALUES ('zzzz', '', 7)", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 4, "text", 0, "Note", four, 1), 0);
    assert_int_equal(ixf_add(&ix, 5, "text", 0, "Encore", three, 1), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 6, "text", 0, "Note", other, 1), 0);
    store_rollback(ix.st);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 4, "text", 0, "Note", two, 1), 0);
    assert_int_equal(store_delete(ix.st, 2, err, sizeof err), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_int_equal(store_finish(ix.st, err, sizeof err), 0);
    assert_int_equal(state_value(ix.db, SCHEMA_STATE_SPELLING), generation + 2);
    ASSERT_COMPLETIONS(ix.path, "explor", "explorateurs,exploration");
    ASSERT_COMPLETIONS(ix.path, "enc", "encore");
    ASSERT_COMPLETIONS(ix.path, "zz", "zzzz");
    assert_int_equal(
        sqlite3_exec(ix.db, "DELETE FROM spelling WHERE word = 'zzzz'", NULL, NULL, NULL),
        SQLITE_OK);
    assert_table_counted(ix.db);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(store_delete(ix.st, 4, err, sizeof err), 0);
    assert_int_equal(store_delete(ix.st, 5, err, sizeof err), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_int_equal(store_finish(ix.st, err, sizeof err), 0);
    ASSERT_COMPLETIONS(ix.path, "explor", "exploration");
    assert_table_counted(ix.db);
    assert_int_equal(ixf_close(&ix), 0);
    ixf_remove(&ix);
}

/* A writer whose vocabulary lets its forms go between transactions (past
 * its limit: here 3) counts the spelling table again at its last step, and
 * the vocabulary table still has every form. */
static void test_forms_let_go(void **state)
{
    (void)state;
    static const char *const one[] = {"Une exploration des archives."};
    static const char *const two[] = {"Des explorateurs et une exploration."};
    static const char *const three[] = {"Les explorateurs, encore des explorateurs."};
    char err[256];
    ixf_index ix;
    assert_int_equal(ixf_create(&ix), 0);
    assert_int_equal(ixf_add(&ix, 1, "text", 0, "Note", one, 1), 0);
    assert_int_equal(ixf_close(&ix), 0);
    assert_int_equal(schema_open(ix.path, SCHEMA_READWRITE, &ix.db, err, sizeof err), 0);
    assert_int_equal(store_open(ix.db, &ix.st, err, sizeof err), 0);
    store_set_max_forms(ix.st, 3);
    /* A row no document has: a rewrite takes it out, an update would not. */
    assert_int_equal(
        sqlite3_exec(ix.db, "INSERT INTO spelling VALUES ('zzzz', '', 7)", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 2, "text", 0, "Note", two, 1), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_int_equal(store_begin(ix.st, err, sizeof err), 0);
    assert_int_equal(ixf_add(&ix, 3, "text", 0, "Encore", three, 1), 0);
    assert_int_equal(store_delete(ix.st, 1, err, sizeof err), 0);
    assert_int_equal(store_commit(ix.st, err, sizeof err), 0);
    assert_int_equal(store_finish(ix.st, err, sizeof err), 0);
    ASSERT_COMPLETIONS(ix.path, "explor", "explorateurs,exploration");
    ASSERT_COMPLETIONS(ix.path, "enc", "encore");
    ASSERT_COMPLETIONS(ix.path, "zz", "");
    assert_table_counted(ix.db);
    /* Every form of documents 2 and 3 is found by its key. */
    static const char *const forms[] = {"des",         "explorateurs", "et",     "une",
                                        "exploration", "les",          "encore", "note"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(
            sqlite3_prepare_v2(ix.db, "SELECT count(*) FROM vocab WHERE form = ?1", -1, &st, NULL),
            SQLITE_OK);
        sqlite3_bind_text(st, 1, forms[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_true(sqlite3_column_int(st, 0) >= 1);
        sqlite3_finalize(st);
    }
    assert_int_equal(ixf_close(&ix), 0);
    ixf_remove(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocabulary_loaded),
        cmocka_unit_test(test_corrections),
        cmocka_unit_test(test_stopword_last),
        cmocka_unit_test(test_no_suggestion_for_known_words),
        cmocka_unit_test(test_truncated_words),
        cmocka_unit_test(test_privative_prefix),
        cmocka_unit_test(test_words_left_alone),
        cmocka_unit_test(test_glued_elisions),
        cmocka_unit_test(test_completions),
        cmocka_unit_test(test_follows_the_index),
        cmocka_unit_test(test_forms_let_go),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
