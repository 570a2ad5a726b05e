/* test_analyzer: the French tokenizer, rule by rule, through
 * analyzer_tokenize (tokens written as "stem/=exact/~folded", positions
 * separated by spaces: the keys of ANALYZER_WORDS, ASSERT_STEMS for the
 * stems alone), the index's forms (ANALYZER_INDEX), the keys of a form,
 * the listener, and FTS5 MATCH on an in-memory table. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzer.h"
#include "buf.h"

typedef struct {
    buf out;
    const char *text;
    int offsets_ok;
    int stems_only; /* only the first token of each position */
} dump_ctx;

static int dump_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    dump_ctx *d = ctx;
    if (d->stems_only && (flags & ANALYZER_COLOCATED))
        return 0;
    if (d->out.len > 0)
        buf_putc(&d->out, (flags & ANALYZER_COLOCATED) ? '/' : ' ');
    buf_append(&d->out, token, len);
    if (start >= end || end > strlen(d->text))
        d->offsets_ok = 0;
    return 0;
}

/* The tokens of text in mode, as one string (caller frees). */
static char *dump_as(const char *text, int mode, int stems_only)
{
    dump_ctx d = {BUF_INIT, text, 1, stems_only};
    assert_int_equal(analyzer_tokenize(text, strlen(text), mode, dump_cb, &d), 0);
    assert_true(d.offsets_ok);
    return buf_detach(&d.out);
}

static char *dump(const char *text, int mode)
{
    return dump_as(text, mode, 0);
}

#define ASSERT_DOC(text, expect)                                                                   \
    do {                                                                                           \
        char *got_ = dump(text, ANALYZER_WORDS);                                                   \
        assert_string_equal(got_, expect);                                                         \
        free(got_);                                                                                \
    } while (0)

#define ASSERT_STEMS(text, expect)                                                                 \
    do {                                                                                           \
        char *got_ = dump_as(text, ANALYZER_WORDS, 1);                                             \
        assert_string_equal(got_, expect);                                                         \
        free(got_);                                                                                \
    } while (0)

#define ASSERT_MODE(mode, text, expect)                                                            \
    do {                                                                                           \
        char *got_ = dump(text, mode);                                                             \
        assert_string_equal(got_, expect);                                                         \
        free(got_);                                                                                \
    } while (0)

static void test_plain_words(void **state)
{
    (void)state;
    ASSERT_DOC("Les mineurs", "le/=les mineur/=mineurs");
    ASSERT_STEMS("Les mineurs", "le mineur");
    ASSERT_DOC("", "");
    ASSERT_DOC(" ,;: « » ", "");
}

static void test_nfkc_and_case_folding(void **state)
{
    (void)state;
    ASSERT_STEMS("MINEURS Mineurs mineurs", "mineur mineur mineur");
    ASSERT_STEMS("\xef\xbd\x8d\xef\xbd\x89\xef\xbd\x8e\xef\xbd\x85\xef\xbd\x95\xef\xbd\x92",
                 "mineur");                             /* fullwidth */
    ASSERT_STEMS("e\xcc\x81te\xcc\x81", "ete");         /* decomposed é */
    ASSERT_DOC("e\xcc\x81te\xcc\x81", "ete/=été/~ete"); /* composed in the exact form */
    ASSERT_STEMS("ÉTÉ été", "ete ete");
}

static void test_ligatures(void **state)
{
    (void)state;
    ASSERT_DOC("œuvre", "oeuvr/=oeuvre");
    ASSERT_STEMS("ŒUVRE oeuvre", "oeuvr oeuvr");
    ASSERT_STEMS("cæcum", "caecum");
    ASSERT_STEMS("\xef\xac\x81nancement financement", "financ financ"); /* ﬁ */
    ASSERT_STEMS("\xef\xac\x82"
                 "eur",
                 "fleur"); /* ﬂ */
}

static void test_apostrophes_and_elision(void **state)
{
    (void)state;
    ASSERT_DOC("l'exploitation", "exploit/=exploitation");
    ASSERT_STEMS("l’exploitation lʼexploitation l‘exploitation L'EXPLOITATION",
                 "exploit exploit exploit exploit");
    ASSERT_STEMS("qu’il qu'elle", "il elle");
    ASSERT_STEMS("d'abord j'ai m'a t'a n'a s'il c'est", "abord ai a a a il est");
    ASSERT_STEMS("jusqu'à lorsqu'il puisqu'elle quoiqu'on", "a il elle on");
    /* Not an elision: a compound, read by parts. */
    ASSERT_DOC("aujourd'hui", "aujourd/=aujourd/aujourdhui hui/=hui");
    /* A quote that does not join two letters is no apostrophe. */
    ASSERT_STEMS("'mineurs' ‘mineurs’", "mineur mineur");
    /* The elided words the query compiler also joins when typed without
     * their apostrophe (« l abri »): the analyzer's own list. */
    static const char *const elided[] = {"l", "m", "t",     "qu",     "n",      "s",     "j",
                                         "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"};
    for (size_t i = 0; i < sizeof elided / sizeof elided[0]; i++)
        assert_true(analyzer_is_elision(elided[i], strlen(elided[i])));
    assert_false(analyzer_is_elision("a", 1));
    assert_false(analyzer_is_elision("la", 2));
    assert_false(analyzer_is_elision("que", 3));
    assert_false(analyzer_is_elision("aujourd", 7));
}

typedef struct {
    size_t n;
    size_t start[8], end[8];
} offsets_ctx;

static int offsets_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    offsets_ctx *o = ctx;
    (void)token;
    (void)len;
    if ((flags & ANALYZER_COLOCATED) || o->n == 8)
        return 0;
    o->start[o->n] = start;
    o->end[o->n++] = end;
    return 0;
}

static void test_offsets_point_into_original(void **state)
{
    (void)state;
    const char *text = "L’ŒUVRE des mineurs";
    offsets_ctx o = {0, {0}, {0}};
    assert_int_equal(analyzer_tokenize(text, strlen(text), ANALYZER_WORDS, offsets_cb, &o), 0);
    assert_int_equal(o.n, 3);
    /* "ŒUVRE" after the 3-byte apostrophe: bytes 4..10 */
    assert_int_equal(o.start[0], 4);
    assert_int_equal(o.end[0], 10);
    assert_int_equal(o.start[2], strlen("L’ŒUVRE des "));
    assert_int_equal(o.end[2], strlen(text));
}

static void test_stemming_accented_then_folded(void **state)
{
    (void)state;
    ASSERT_STEMS("mineur mineurs", "mineur mineur");
    ASSERT_STEMS("accompagné accompagnés accompagnées Accompagnée",
                 "accompagn accompagn accompagn accompagn");
    ASSERT_STEMS("exploitation exploiter exploités", "exploit exploit exploit");
    ASSERT_STEMS("protégés protégées", "proteg proteg");
    /* -ification nouns meet their -ifier verbs. */
    ASSERT_STEMS("identification identifier identifiées Identifié",
                 "identif identif identif identif");
    ASSERT_STEMS("qualification qualifiés", "qualif qualif");
    /* Typed without accents, Snowball stems some forms apart; documents
     * carry the stem of their unaccented form too ("%"). */
    ASSERT_DOC("accompagnées", "accompagn/=accompagnées/~accompagnees/%accompagne");
    ASSERT_STEMS("accompagnees", "accompagne");
}

static void test_traite_is_protected(void **state)
{
    (void)state;
    ASSERT_STEMS("traite traites", "traite traite");
    ASSERT_STEMS("traité traités traitement traiter", "trait trait trait trait");
    ASSERT_DOC("traite", "traite/=traite");
    ASSERT_DOC("traité", "trait/=traité/~traite"); /* no "%traite" */
    /* « signes » (of trafficking) apart from « signée » (a convention). */
    ASSERT_STEMS("signe signes", "signe signe");
    ASSERT_STEMS("signé signée signer", "sign sign sign");
}

static void test_numbers_and_legal_references(void **state)
{
    (void)state;
    ASSERT_DOC("2018", "2018/=2018");
    ASSERT_DOC("1er", "1er/=1er");
    ASSERT_DOC("L.425-1", "l/=l/l.425-1 425/=425 1/=1");
    ASSERT_STEMS("L.425-1", "l 425 1");
    /* Written without the dot: the same parts and the same whole. */
    ASSERT_DOC("L425-1", "l/=l/l.425-1 425/=425 1/=1");
    ASSERT_STEMS("R316-1 G20", "r 316 1 g 20");
    ASSERT_DOC("225-4-1", "225/=225/225-4-1 4/=4 1/=1");
    ASSERT_STEMS("3,5 %", "3 5");
}

static void test_dotted_acronyms(void **state)
{
    (void)state;
    ASSERT_DOC("O.N.U.", "onu/=onu");
    ASSERT_DOC("ONU", "onu/=onu");
    ASSERT_STEMS("l'O.N.U. U.E", "onu ue");
    /* A dot ending a sentence joins nothing. */
    ASSERT_STEMS("fin. Début", "fin debut");
}

static void test_hyphenated_compounds(void **state)
{
    (void)state;
    ASSERT_DOC("Hors-la-Rue", "hor/=hors/horslaru la/=la ru/=rue");
    ASSERT_STEMS("Hors-la-Rue", "hor la ru");
    ASSERT_STEMS("horslarue", "horslaru");
    ASSERT_DOC("e-mails", "e/=e/email mail/=mails");
    ASSERT_STEMS("email", "email");
    ASSERT_STEMS("demandeurs‐d‑asile", "demandeur d asil"); /* U+2010, U+2011 */
    /* Inclusive writing: the whole meets the plain word. */
    ASSERT_DOC("accompagné·e·s", "accompagn/=accompagné/~accompagne/accompagn e/=e s/=s");
}

static void test_stop_words_kept(void **state)
{
    (void)state;
    ASSERT_STEMS("mineurs non accompagnés", "mineur non accompagn");
    ASSERT_STEMS("sans papiers", "san papi");
    ASSERT_STEMS("le la les de des du à", "le la le de de du a");
}

static void test_markers_never_from_text(void **state)
{
    (void)state;
    ASSERT_DOC("=traite ~traite %traite !traite |traite",
               "traite/=traite traite/=traite traite/=traite traite/=traite traite/=traite");
    /* Query strings written by query.c pass through: "!x" is the index
     * token x, "|" separates alternatives; other markers are separators. */
    ASSERT_MODE(ANALYZER_QUERY, "=traité", "traité");
    ASSERT_MODE(ANALYZER_QUERY, "!mineur !non !accompagnées", "mineur non accompagnées");
    ASSERT_MODE(ANALYZER_QUERY, "!accompagne|!accompagnée", "accompagne/accompagnée");
    ASSERT_MODE(ANALYZER_QUERY, "!a|=b|~c x", "a x");
}

/* The index holds each word's form, and compounds' wholes beside their
 * first part; the query side reads forms of the parts. */
static void test_index_forms(void **state)
{
    (void)state;
    ASSERT_MODE(ANALYZER_INDEX, "Les MINEURS accompagnées, l’O.N.U.",
                "les mineurs accompagnées onu");
    ASSERT_MODE(ANALYZER_INDEX, "Hors-la-Rue L425-1 e-mails",
                "hors/horslarue la rue l/l.425-1 425 1 e/emails mails");
    ASSERT_MODE(ANALYZER_QUERY, "Hors-la-Rue ÉTÉ", "hors la rue été");
}

static void test_keys(void **state)
{
    (void)state;
    analyzer_keyset k;
    analyzer_keys("accompagnées", strlen("accompagnées"), &k);
    assert_int_equal(k.stem_len, 9);
    assert_memory_equal(k.stem, "accompagn", 9);
    assert_int_equal(k.fold_len, 12);
    assert_memory_equal(k.fold, "accompagnees", 12);
    assert_int_equal(k.pct_len, 10);
    assert_memory_equal(k.pct, "accompagne", 10);
    /* No accent: no unaccented form, no second stem. */
    analyzer_keys("mineurs", 7, &k);
    assert_memory_equal(k.stem, "mineur", 6);
    assert_int_equal(k.fold_len, 0);
    assert_int_equal(k.pct_len, 0);
    /* A compound's whole has the stem ANALYZER_WORDS gives it. */
    analyzer_keys("horslarue", 9, &k);
    assert_int_equal(k.stem_len, 8);
    assert_memory_equal(k.stem, "horslaru", 8);
    analyzer_keys("l.425-1", 7, &k);
    assert_int_equal(k.stem_len, 7);
    assert_memory_equal(k.stem, "l.425-1", 7);
    analyzer_keys("traité", strlen("traité"), &k);
    assert_int_equal(k.stem_len, 5); /* « trait », not the protected « traite » */
    assert_int_equal(k.pct_len, 0);
}

typedef struct {
    int texts, tokens;
    buf forms;
} listen_ctx;

static void listen_text(void *ctx, const char *text, size_t len)
{
    listen_ctx *l = ctx;
    (void)text;
    (void)len;
    l->texts++;
}

static void listen_token(void *ctx, int flags, const char *token, size_t len, size_t start,
                         size_t end)
{
    listen_ctx *l = ctx;
    (void)start;
    (void)end;
    l->tokens++;
    buf_putc(&l->forms, (flags & ANALYZER_COLOCATED) ? '/' : ' ');
    buf_append(&l->forms, token, len);
}

/* The listener hears what FTS5 indexes on this thread, not its queries. */
static void test_listener(void **state)
{
    (void)state;
    sqlite3 *db;
    char err[128];
    listen_ctx l = {0, 0, BUF_INIT};
    analyzer_listener listener = {listen_text, listen_token, &l};
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(analyzer_register(db, err, sizeof err), 0);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='repere')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    analyzer_listen(&listener);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO t VALUES('Les Hors-la-Rue', 'été')", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "SELECT * FROM t WHERE t MATCH 'été'", NULL, NULL, NULL),
                     SQLITE_OK);
    analyzer_listen(NULL);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO t VALUES('plus', 'rien')", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(l.texts, 2);
    assert_int_equal(l.tokens, 6);
    assert_string_equal(l.forms.data, " les hors/horslarue la rue été");
    buf_free(&l.forms);
    sqlite3_close(db);
}

static void test_odd_bytes(void **state)
{
    (void)state;
    ASSERT_STEMS("mine\xffurs", "min ur");
    ASSERT_STEMS("\xc3", "");
    ASSERT_STEMS("a\x00"
                 "b",
                 "a");
    ASSERT_STEMS("\x01\x02mineurs\x1f", "mineur");
    /* A very long word is cut, never dropped whole. */
    buf b = BUF_INIT;
    for (int i = 0; i < 1000; i++)
        buf_putc(&b, 'a');
    char *got = dump(b.data, ANALYZER_QUERY);
    assert_true(strlen(got) > 0);
    free(got);
    buf_free(&b);
}

/* The byte ranges of the words (not their colocated forms), "start-end "
 * each. */
static int span_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    buf *out = ctx;
    (void)token;
    (void)len;
    if (!(flags & ANALYZER_COLOCATED)) {
        char one[48];
        snprintf(one, sizeof one, "%zu-%zu ", start, end);
        buf_puts(out, one);
    }
    return 0;
}

static void assert_spans(const char *text, const char *want)
{
    buf out = BUF_INIT;
    assert_int_equal(analyzer_tokenize(text, strlen(text), ANALYZER_WORDS, span_cb, &out), 0);
    assert_string_equal(out.data ? out.data : "", want);
    buf_free(&out);
}

/* A run of letters is cut every 256 bytes, whatever its characters: ASCII
 * ones (taken a run at a time) and others (one by one) alike; a character
 * that would straddle the limit starts the next word. */
static void test_long_runs_cut(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    for (int i = 0; i < 600; i++)
        buf_putc(&b, i % 7 ? 'a' : 'Z');
    assert_spans(b.data, "0-256 256-512 512-600 ");
    buf_clear(&b);
    for (int i = 0; i < 255; i++)
        buf_putc(&b, 'a');
    buf_puts(&b, "\xC3\xA9"
                 "bbb d\xC3\xA9j\xC3\xA0 vu");
    assert_spans(b.data, "0-255 255-260 261-267 268-270 ");
    buf_clear(&b);
    for (int i = 0; i < 100; i++)
        buf_puts(&b, "\xC3\xA9");
    for (int i = 0; i < 100; i++)
        buf_putc(&b, 'x');
    assert_spans(b.data, "0-256 256-300 ");
    buf_free(&b);
}

/* A part of ASCII and Latin-1 letters is folded without utf8proc
 * (analyzer_normalize_latin1); a soft hyphen (U+00AD, ignorable) in the
 * same word sends it through utf8proc's NFKC case fold: both must give
 * the same tokens, for every Latin-1 letter, capital or small. */
static void test_latin1_fast_path(void **state)
{
    (void)state;
    for (unsigned cp = 0xC0; cp <= 0xFF; cp++) {
        if (cp == 0xD7 || cp == 0xF7)
            continue; /* × ÷ are not letters */
        char fast[32], slow[32];
        snprintf(fast, sizeof fast, "Za%c%cBzs", 0xC3, (int)(0x80 | (cp & 0x3F)));
        snprintf(slow, sizeof slow,
                 "Za%c%c\xC2\xAD"
                 "Bzs",
                 0xC3, (int)(0x80 | (cp & 0x3F)));
        for (int m = 0; m < 2; m++) {
            int mode = m ? ANALYZER_QUERY : ANALYZER_WORDS;
            char *a = dump(fast, mode), *b = dump(slow, mode);
            assert_non_null(a);
            assert_null(strchr(b, ' ')); /* one word: the hyphen did not split it */
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
    }
}

static int stop_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    int *n = ctx;
    (void)flags;
    (void)token;
    (void)len;
    (void)start;
    (void)end;
    return ++*n == 2 ? 7 : 0;
}

static void test_callback_stops(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(analyzer_tokenize("un deux trois", 13, ANALYZER_QUERY, stop_cb, &n), 7);
    assert_int_equal(n, 2);
}

static void test_fold(void **state)
{
    (void)state;
    size_t n;
    char *f = analyzer_fold("élève", strlen("élève"), &n);
    assert_string_equal(f, "eleve");
    assert_int_equal(n, 5);
    free(f);
}

/* Through FTS5: the same tokens, with offsets for highlight(). */
static void test_fts5_tokenizer(void **state)
{
    (void)state;
    sqlite3 *db;
    char err[128];
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(analyzer_register(db, err, sizeof err), 0);
    assert_int_equal(
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='repere');"
                     "INSERT INTO t VALUES('L’exploitation des mineurs non accompagnés');"
                     "INSERT INTO t VALUES('Le traité et le traitement');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rowid, highlight(t, 0, '[', ']') FROM t "
                                        "WHERE t MATCH ? ORDER BY rowid",
                                        -1, &st, NULL),
                     SQLITE_OK);
    /* The index tokens are forms: stems and unaccented spellings are the
     * query compiler's (query.c with vocab.c). */
    sqlite3_bind_text(st, 1, "exploitation ACCOMPAGNÉS", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    assert_string_equal((const char *)sqlite3_column_text(st, 1),
                        "L’[exploitation] des mineurs non [accompagnés]");
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "exploitations", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "traite", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "\"=traité\"", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "Le [traité] et le traitement");
    sqlite3_finalize(st);
    /* An unknown option is refused. */
    assert_int_not_equal(sqlite3_exec(db,
                                      "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='repere foo')",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(db);
}

/* analyzer_tokenize from several threads at once: each has its own
 * stemmer and buffers, so every thread sees the same tokens. */
static void *thread_run(void *arg)
{
    const char *text = "L’exploitation des mineurs non accompagnés, Hors-la-Rue, O.N.U., L.425-1.";
    char *expect = arg;
    void *result = NULL;
    for (int i = 0; i < 200 && !result; i++) {
        /* No cmocka assertion outside the main thread. */
        dump_ctx d = {BUF_INIT, text, 1, 0};
        int mode = i % 2 ? ANALYZER_QUERY : ANALYZER_WORDS;
        if (analyzer_tokenize(text, strlen(text), mode, dump_cb, &d) != 0 || !d.offsets_ok ||
            (mode == ANALYZER_WORDS && strcmp(d.out.data, expect) != 0))
            result = (void *)1;
        buf_free(&d.out);
    }
    return result;
}

static void test_threads(void **state)
{
    (void)state;
    char *expect = dump("L’exploitation des mineurs non accompagnés, Hors-la-Rue, O.N.U., L.425-1.",
                        ANALYZER_WORDS);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_run, expect), 0);
    for (int i = 0; i < 4; i++) {
        void *rc;
        assert_int_equal(pthread_join(th[i], &rc), 0);
        assert_null(rc);
    }
    free(expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_words),
        cmocka_unit_test(test_nfkc_and_case_folding),
        cmocka_unit_test(test_ligatures),
        cmocka_unit_test(test_apostrophes_and_elision),
        cmocka_unit_test(test_offsets_point_into_original),
        cmocka_unit_test(test_stemming_accented_then_folded),
        cmocka_unit_test(test_traite_is_protected),
        cmocka_unit_test(test_numbers_and_legal_references),
        cmocka_unit_test(test_dotted_acronyms),
        cmocka_unit_test(test_hyphenated_compounds),
        cmocka_unit_test(test_stop_words_kept),
        cmocka_unit_test(test_markers_never_from_text),
        cmocka_unit_test(test_index_forms),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_listener),
        cmocka_unit_test(test_odd_bytes),
        cmocka_unit_test(test_long_runs_cut),
        cmocka_unit_test(test_latin1_fast_path),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fts5_tokenizer),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
