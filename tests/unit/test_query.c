/* test_query: the search-box language. Each compiled FTS5 expression is
 * run with MATCH on a small index written by store_put (its vocabulary
 * expands the words into forms): the expected documents must come back
 * and no input may cause an SQLite error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyzer.h"
#include "buf.h"
#include "index_fixture.h"
#include "morph.h"
#include "query.h"
#include "synonyms.h"
#include "vocab.h"

static const char *const docs[] = {
    /* 1 */ "Les mineurs non accompagnés sont protégés par l'ASE.",
    /* 2 */ "Un MNA a été identifié par la PJJ.",
    /* 3 */ "La traite des êtres humains est un crime.",
    /* 4 */ "Le traitement des données personnelles.",
    /* 5 */ "L’exploitation domestique et les personnes exploitées.",
    /* 6 */ "Article L.425-1 du code, en 2018, le 1er janvier.",
    /* 7 */ "L'association Hors-la-Rue accompagne des mineurs.",
    /* 8 */ "Un traité international.",
    /* 9 */ "Les éducateurs et l'éducation à l'O.N.U.",
    /* 10 */ "Exploiter un mineur, des jeunes exploités.",
    /* 11 */ "Des jeunes filles accompagnées et réfugiées.",
    /* 12 */ "Les FA du foyer.",
    /* 13 */ "JEUNES FILLES ACCOMPAGNEES",
    /* 14 */ "Des signes d'alerte.",
    /* 15 */ "Une convention signée.",
    /* 16 */ "Le piratage du serveur.",
    /* 17 */ "Pirater un compte.",
    /* 18 */ "Un visage connu.",
    /* 19 */ "Un avantage fiscal.",
    /* 20 */ "Avant la loi.",
    /* 21 */ "Trois zéros devant le nombre.",
    /* 22 */ "Un lieu d'hébergement.",
    /* 23 */ "Le mois dernier.",
    /* 24 */ "Moi aussi, un ami.",
    /* 25 */ "Des amis.",
    /* 26 */ "Le zéro absolu.",
    /* 27 */ "Des lieux publics.",
    /* 28-83: action nouns and their verbs, in pairs (test_derivations) */
    /* 28 */ "La publication.",
    /* 29 */ "Publier.",
    /* 30 */ "La communication.",
    /* 31 */ "Communiquer.",
    /* 32 */ "La création.",
    /* 33 */ "Créer.",
    /* 34 */ "La migration.",
    /* 35 */ "Migrer.",
    /* 36 */ "La définition.",
    /* 37 */ "Définir.",
    /* 38 */ "La démolition.",
    /* 39 */ "Démolir.",
    /* 40 */ "La réduction.",
    /* 41 */ "Réduire.",
    /* 42 */ "La suppression.",
    /* 43 */ "Supprimer.",
    /* 44 */ "La correction.",
    /* 45 */ "Corriger.",
    /* 46 */ "L'insertion.",
    /* 47 */ "Insérer.",
    /* 48 */ "La conversion.",
    /* 49 */ "Convertir.",
    /* 50 */ "La description.",
    /* 51 */ "Décrire.",
    /* 52 */ "L'écriture.",
    /* 53 */ "Écrire.",
    /* 54 */ "La sélection.",
    /* 55 */ "Sélectionner.",
    /* 56 */ "La fermeture.",
    /* 57 */ "Fermer.",
    /* 58 */ "La coupure.",
    /* 59 */ "Couper.",
    /* 60 */ "L'exécution.",
    /* 61 */ "Exécuter.",
    /* 62 */ "La pollution.",
    /* 63 */ "Polluer.",
    /* 64 */ "La résolution.",
    /* 65 */ "Résoudre.",
    /* 66 */ "La transmission.",
    /* 67 */ "Transmettre.",
    /* 68 */ "La perception.",
    /* 69 */ "Percevoir.",
    /* 70 */ "Le choix.",
    /* 71 */ "Choisir.",
    /* 72 */ "La lecture.",
    /* 73 */ "Lire.",
    /* 74 */ "L'ouverture.",
    /* 75 */ "Ouvrir.",
    /* 76 */ "La réception.",
    /* 77 */ "Recevoir.",
    /* 78 */ "L'impression.",
    /* 79 */ "Imprimé.",
    /* 80 */ "La mission.",
    /* 81 */ "Mettre.",
    /* 82 */ "L'inscription.",
    /* 83 */ "Inscrire.",
    /* 84-93: agent nouns and their verbs (test_agent_nouns) */
    /* 84 */ "Utilisateur.",
    /* 85 */ "Utiliser.",
    /* 86 */ "Utilisation.",
    /* 87 */ "Utilisatrices.",
    /* 88 */ "Opérateurs.",
    /* 89 */ "Opérer.",
    /* 90 */ "Programmer.",
    /* 91 */ "Indicateurs.",
    /* 92 */ "Indiqué.",
    /* 93 */ "Des balises.",
    /* 94-97: verbs in the third person plural (test_person_forms) */
    /* 94 */ "Les portées se chevauchent.",
    /* 95 */ "Chevaucher.",
    /* 96 */ "Un parent.",
    /* 97 */ "Parer.",
    /* 98-102: verbs in -dre (test_re_verb_forms) */
    /* 98 */ "Gimp répond.",
    /* 99 */ "Répondre.",
    /* 100 */ "Perdus.",
    /* 101 */ "Perdre.",
    /* 102 */ "Une commande.",
    /* 103-105: more verbs and their nouns (test_more_derivations) */
    /* 103 */ "La connexion.",
    /* 104 */ "Connecter.",
    /* 105 */ "La réponse.",
    /* 106-117: verbs in -traire, -dire, -rompre, -clure, -oindre, -quérir and
     * their nouns (test_derivations_irregular_stems) */
    /* 106 */ "L'extraction du texte.",
    /* 107 */ "Extraire.",
    /* 108 */ "L'interdiction.",
    /* 109 */ "Interdire.",
    /* 110 */ "L'interruption.",
    /* 111 */ "Interrompre.",
    /* 112 */ "L'exclusion.",
    /* 113 */ "Exclure.",
    /* 114 */ "La jonction.",
    /* 115 */ "Joindre.",
    /* 116 */ "L'acquisition.",
    /* 117 */ "Acquérir.",
    /* 118-121: adjectives and their verbs (test_adjective_verbs) */
    /* 118 */ "L'écran s'assombrit.",
    /* 119 */ "Un fond sombre.",
    /* 120 */ "Élargir la colonne.",
    /* 121 */ "Des colonnes larges.",
    /* 122 */ "Un import de fichiers.",
    /* 123 */ "Une étape importante.",
    /* 124 */ "Les champs du fichier .changes d'un envoi.",
    /* 125 */ "Les changements d'un envoi.",
    /* 126-134: words whose other number Snowball stems apart (test_number_forms) */
    /* 126 */ "Les menus déroulants.",
    /* 127 */ "Le menu principal.",
    /* 128 */ "Les permissions des dossiers.",
    /* 129 */ "La permission accordée.",
    /* 130 */ "Des travaux publics.",
    /* 131 */ "Le travail du soir.",
    /* 132 */ "Le délai de recours.",
    /* 133 */ "Des délits graves.",
    /* 134 */ "Un délit, en mai, mais rare.",
    /* 135-138: an agent noun and the « gu » of « -guer » (test_agent_derivations) */
    /* 135 */ "Astuces de débogage.",
    /* 136 */ "Le débogueur.",
    /* 137 */ "La navigation.",
    /* 138 */ "Naviguer.",
};

/* FTS5's phrase count of the expression being run, for checking the
 * compiled phrase tables. */
static void phrase_count_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                            int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, api->xPhraseCount(fts));
}

typedef struct {
    ixf_index ix;
    sqlite3 *db;
    vocab *vocab;
    query_vocab qv;
    synonyms *syn;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char err[256];
    assert_non_null(f);
    /* The documents written as the indexer writes them (vocabulary too),
     * then read as searchd reads them. */
    assert_int_equal(ixf_create(&f->ix), 0);
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        assert_int_equal(ixf_add(&f->ix, (long long)i + 1, "text", 0, "Note", &docs[i], 1), 0);
    assert_int_equal(ixf_close(&f->ix), 0);
    assert_int_equal(schema_open(f->ix.path, SCHEMA_READONLY, &f->db, err, sizeof err), 0);
    fts5_api *api = schema_fts5(f->db);
    assert_non_null(api);
    assert_int_equal(api->xCreateFunction(api, "phrase_count", NULL, phrase_count_fn, NULL),
                     SQLITE_OK);
    assert_int_equal(vocab_open(f->db, &f->vocab, err, sizeof err), 0);
    f->qv = (query_vocab){vocab_forms, f->vocab, 0};

    snprintf(f->dir, sizeof f->dir, "/tmp/test_query.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char path[128];
    snprintf(path, sizeof path, "%s/syn.txt", f->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("# sigles\nMNA = mineurs non accompagnés\nTEH = traite des êtres humains\n"
          "ASE = aide sociale à l’enfance\nFA = filles accompagnées\n"
          "balises ~ indicateurs\n",
          fp);
    fclose(fp);
    assert_int_equal(synonyms_load(path, &f->syn, err, sizeof err), 0);
    unlink(path);
    rmdir(f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    synonyms_free(f->syn);
    vocab_close(f->vocab);
    sqlite3_close(f->db);
    ixf_remove(&f->ix);
    free(f);
    return 0;
}

/* Matching rowids of expr, "1,5", or "error: ..." */
static char *run(sqlite3 *db, const char *expr)
{
    buf b = BUF_INIT;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK) {
        buf_printf(&b, "error: %s", sqlite3_errmsg(db));
        return buf_detach(&b);
    }
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(&b, "%s%lld", b.len ? "," : "", (long long)sqlite3_column_int64(st, 0));
    if (rc != SQLITE_DONE) {
        buf_clear(&b);
        buf_printf(&b, "error: %s in %s", sqlite3_errmsg(db), expr);
    }
    sqlite3_finalize(st);
    return buf_detach(&b);
}

/* FTS5's phrase count for expr on the table (-1 when no row matches). */
static int fts_phrases(sqlite3 *db, const char *expr)
{
    sqlite3_stmt *st = NULL;
    int n = -1;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT phrase_count(docs_fts) FROM docs_fts"
                                        " WHERE docs_fts MATCH ? LIMIT 1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Walks node n of e's shape (query_expr.nodes): a phrase is a quoted
 * string, FTS5's next; between the children of an AND, an OR or a NOT
 * stands its operator, with the parentheses around them. */
static void shape_walk(const query_expr *e, int n, int *seen, int *phrase)
{
    static const char *const ops[] = {
        [EXPR_AND] = " AND ", [EXPR_OR] = " OR ", [EXPR_NOT] = " NOT "};
    const expr_node *x = &e->nodes[n];
    const char *t = e->fts;
    (*seen)++;
    if (x->kind == EXPR_PHRASE) {
        assert_int_equal(x->phrase, (*phrase)++);
        assert_int_equal(t[x->start], '"');
        assert_int_equal(t[x->end - 1], x->prefix ? '*' : '"');
        return;
    }
    size_t at = x->start;
    int kids = 0;
    for (int k = x->kid; k >= 0; k = e->nodes[k].next, kids++) {
        size_t start = e->nodes[k].start;
        while (at < start && t[at] == ')')
            at++;
        if (kids > 0) {
            if (strncmp(t + at, ops[x->kind], strlen(ops[x->kind])) != 0)
                fail_msg("%s: no%s at %zu", t, ops[x->kind], at);
            at += strlen(ops[x->kind]);
        }
        while (at < start && t[at] == '(')
            at++;
        assert_int_equal(at, start);
        shape_walk(e, k, seen, phrase);
        at = e->nodes[k].end;
    }
    while (at < x->end && t[at] == ')')
        at++;
    assert_int_equal(at, x->end);
    assert_true(kids >= 2);
}

/* e's shape is its text's: every node and phrase once, the root all of
 * it but the parentheses around it. */
static void check_shape(const query_expr *e)
{
    assert_true(e->root >= 0 && e->root < e->nnodes);
    int seen = 0, phrase = 0;
    shape_walk(e, e->root, &seen, &phrase);
    assert_int_equal(seen, e->nnodes);
    assert_int_equal(phrase, e->nphrases);
    size_t len = strlen(e->fts);
    for (size_t i = 0; i < len; i++)
        if (i < e->nodes[e->root].start || i >= e->nodes[e->root].end)
            assert_int_equal(e->fts[i], i < e->nodes[e->root].start ? '(' : ')');
}

/* The rows of node n of e's shape, a bit per rowid (the documents are
 * fewer than ROWSET_MAX): each phrase's rows are FTS5's for its text alone,
 * joined as the tree says (NOT: the first child's without the others'). */
#define ROWSET_WORDS 3
#define ROWSET_MAX (ROWSET_WORDS * 64)
typedef struct {
    uint64_t w[ROWSET_WORDS];
} rowset;

static rowset shape_rows(fixture *f, const query_expr *e, int n)
{
    const expr_node *x = &e->nodes[n];
    rowset r = {{0}};
    if (x->kind == EXPR_PHRASE) {
        char *text = buf_xstrndup(e->fts + x->start, x->end - x->start);
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(f->db,
                                            "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?", -1,
                                            &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            long long id = sqlite3_column_int64(st, 0);
            assert_true(id > 0 && id < ROWSET_MAX);
            r.w[id / 64] |= 1ULL << (id % 64);
        }
        sqlite3_finalize(st);
        free(text);
        return r;
    }
    int first = 1;
    for (int k = x->kid; k >= 0; k = e->nodes[k].next) {
        rowset c = shape_rows(f, e, k);
        for (int i = 0; i < ROWSET_WORDS; i++) {
            if (first)
                r.w[i] = c.w[i];
            else if (x->kind == EXPR_AND)
                r.w[i] &= c.w[i];
            else if (x->kind == EXPR_OR)
                r.w[i] |= c.w[i];
            else
                r.w[i] &= ~c.w[i];
        }
        first = 0;
    }
    return r;
}

/* e's shape matches the rows FTS5 matches for e->fts ("1,5"): the
 * operators the tree joins its phrases with are the text's, with FTS5's
 * precedence, wherever query.c wrote them (check_shape only reads the
 * text along the tree). */
static void check_rows(fixture *f, const query_expr *e, const char *rows)
{
    rowset r = shape_rows(f, e, e->root);
    buf b = BUF_INIT;
    for (int id = 0; id < ROWSET_MAX; id++)
        if (r.w[id / 64] >> (id % 64) & 1)
            buf_printf(&b, "%s%d", b.len ? "," : "", id);
    if (strcmp(b.data ? b.data : "", rows) != 0)
        fail_msg("%s: the tree matches %s, FTS5 %s", e->fts, b.data ? b.data : "", rows);
    buf_free(&b);
}

/* Parses text and runs every compiled expression; returns the rowids of
 * the QUERY_ALL one ("" when none, "empty" for QUERY_EMPTY). The signals
 * never change the rows, each phrase table is FTS5's and the shape
 * recorded is the text's (check_shape) and matches its rows (check_rows). */
static char *search(fixture *f, const char *text, size_t len)
{
    query *q = NULL;
    char err[256] = "";
    int rc = query_parse(text, len, f->syn, &q, err, sizeof err);
    if (rc == QUERY_EMPTY) {
        assert_null(q);
        assert_true(err[0] != '\0');
        buf b = BUF_INIT;
        buf_puts(&b, "empty");
        return buf_detach(&b);
    }
    assert_int_equal(rc, QUERY_OK);
    assert_true(query_clauses(q) >= 1);
    query_lend(q, &f->qv); /* as search.c does */
    static const int flags[] = {QUERY_ALL,
                                QUERY_ANY,
                                QUERY_ALL | QUERY_SIGNALS,
                                QUERY_ANY | QUERY_SIGNALS,
                                QUERY_ALL | QUERY_SIGNALS | QUERY_RUNS,
                                QUERY_ANY | QUERY_SIGNALS | QUERY_RUNS};
    char *rows[6];
    for (size_t i = 0; i < 6; i++) {
        query_expr *e = query_compile(q, flags[i], &f->qv);
        rows[i] = run(f->db, e->fts);
        if (strncmp(rows[i], "error", 5) == 0)
            fail_msg("%s (query %.80s)", rows[i], text);
        assert_int_equal(e->nclauses, (int)query_clauses(q));
        check_shape(e);
        check_rows(f, e, rows[i]);
        int n = fts_phrases(f->db, e->fts);
        if (n >= 0 && n != e->nphrases)
            fail_msg("%s: FTS5 counts %d phrases, the compiler %d", e->fts, n, e->nphrases);
        /* Each term's phrases follow one another, every phrase has one. */
        int next = 0;
        for (int k = 0; k < e->nterms; k++) {
            const query_term *t = &e->terms[k];
            assert_true(t->clause >= -1 && t->clause < e->nclauses);
            assert_true((t->clause >= 0) == (t->kind == QUERY_PHRASE_MATCH) ||
                        t->kind == QUERY_PHRASE_FILTER);
            assert_true(!t->pair || (k > 0 && e->terms[k - 1].clause == t->clause));
            assert_true(!t->exact_too || t->kind == QUERY_PHRASE_MATCH);
            assert_int_equal(t->first, next);
            /* An exact-form term may be read off a word's phrases. */
            int read_off = 0;
            for (int ph = 0; ph < e->nphrases; ph++)
                if (e->phrases[ph].exact == k) {
                    assert_int_equal(t->kind, QUERY_PHRASE_EXACT);
                    assert_int_equal(e->terms[e->phrases[ph].term].kind, QUERY_PHRASE_MATCH);
                    read_off++;
                }
            /* Or off a phrase of as many words (of), with one-form
             * check phrases only keeping the match set. */
            if (t->of >= 0) {
                assert_int_equal(t->kind, QUERY_PHRASE_EXACT);
                assert_int_equal(t->n, 0);
                assert_true(t->of < e->nphrases);
                assert_int_equal(e->terms[e->phrases[t->of].term].kind, QUERY_PHRASE_MATCH);
                read_off++;
            }
            for (int ph = 0; ph < e->nphrases; ph++)
                if (e->phrases[ph].check == k) {
                    assert_true(t->of >= 0);
                    assert_int_equal(e->terms[e->phrases[ph].term].kind, QUERY_PHRASE_FILTER);
                    assert_true(e->phrases[ph].at >= 0);
                }
            assert_true(t->n >= 1 || (t->n == 0 && read_off > 0));
            assert_true(t->n == 0 || read_off == 0);
            for (int ph = t->first; ph < t->first + t->n; ph++)
                assert_int_equal(e->phrases[ph].term, k);
            next += t->n;
        }
        assert_int_equal(next, e->nphrases);
        query_expr_free(e);
    }
    for (size_t i = 2; i < 6; i++) {
        assert_string_equal(rows[i], rows[i % 2]);
        free(rows[i]);
    }
    free(rows[1]);
    char *exact = query_fts_exact(q, &f->qv);
    if (exact) {
        char *r = run(f->db, exact);
        if (strncmp(r, "error", 5) == 0)
            fail_msg("%s (query %.80s)", r, text);
        free(r);
    }
    free(exact);
    query_free(q);
    return rows[0];
}

#define ASSERT_SEARCH(query_text, expect)                                                          \
    do {                                                                                           \
        char *got_ = search(*state, query_text, strlen(query_text));                               \
        assert_string_equal(got_, expect);                                                         \
        free(got_);                                                                                \
    } while (0)

/* The relaxed expression of text with its acronyms required
 * (query_require_acronyms), written as keys. Caller frees. */
static char *relaxed(fixture *f, const char *text)
{
    query *q = NULL;
    char err[256] = "";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    query_require_acronyms(q);
    query_expr *e = query_compile(q, QUERY_ANY, NULL);
    buf b = BUF_INIT;
    buf_puts(&b, e->fts);
    query_expr_free(e);
    query_free(q);
    return buf_detach(&b);
}

/* A word typed in capitals is an acronym, which the relaxed expression
 * requires; not in a query typed in capitals throughout (« ZQWX 18 ANS »),
 * whose case tells no acronym from a word: it reads as in lower case. */
static void test_shouted_query_has_no_acronym(void **state)
{
    char *lower = relaxed(*state, "zqwx 18 ans");
    char *acronym = relaxed(*state, "ZQWX 18 ans");
    char *shouted = relaxed(*state, "ZQWX 18 ANS");
    assert_string_not_equal(acronym, lower);
    assert_string_equal(shouted, lower);
    free(lower);
    free(acronym);
    free(shouted);
}

/* The expression and exact forms of text, written as keys, and whether it
 * has operators. Caller frees. */
static char *compiled(fixture *f, const char *text)
{
    query *q = NULL;
    char err[256] = "";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    char *all = query_fts_all(q, NULL), *exact = query_fts_exact(q, NULL);
    buf b = BUF_INIT;
    buf_printf(&b, "%s | %s | %d", all, exact ? exact : "-", query_has_operators(q));
    free(all);
    free(exact);
    query_free(q);
    return buf_detach(&b);
}

#define ASSERT_SAME_TYPING(a, b)                                                                   \
    do {                                                                                           \
        char *a_ = compiled(*state, a), *b_ = compiled(*state, b);                                 \
        assert_string_equal(a_, b_);                                                               \
        free(a_);                                                                                  \
        free(b_);                                                                                  \
    } while (0)

/* A question asking what a term means has one more exact-form phrase
 * (query_build_defining), the term followed by « est » and a determiner:
 * the page that defines it (« Le fichier PO - C'est le type … »), not one
 * that says what is done to it (« le fichier PO est ouvert »); a term of
 * two words or more has r31's too, the term followed by « est ». The
 * defining term leaves out the place the question names (« … dans
 * lyx ? »). Not another question, nor keywords. */
static void test_defining_phrase(void **state)
{
    (void)state;
    static const struct {
        const char *q, *plain, *defining;
    } yes[] = {
        {"qu'est-ce qu'un fichier PO ?", "\"=fichier|~fichier =po|~po =est\"",
         "\"=fichier|~fichier =po|~po =est =un|=une|=le|=la|=les|=des|=du\""},
        {"qu'est-ce qu'un grob ?", NULL, "\"=grob|~grob =est =un|=une|=le|=la|=les|=des|=du\""},
        {"qu est ce qu un flottant dans lyx", "\"=flottant|~flottant =dans|~dans =lyx|~lyx =est\"",
         "\"=flottant|~flottant =est =un|=une|=le|=la|=les|=des|=du\""},
    };
    const char *no[] = {"comment ouvrir un fichier PO ?", "fichier PO"};
    query *q = NULL;
    char err[128];
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        assert_int_equal(query_parse(yes[i].q, strlen(yes[i].q), NULL, &q, err, sizeof err),
                         QUERY_OK);
        char *e = query_fts_exact(q, NULL);
        if (yes[i].plain)
            assert_non_null(strstr(e, yes[i].plain));
        else
            assert_null(strstr(e, "=est\""));
        assert_non_null(strstr(e, yes[i].defining));
        free(e);
        query_free(q);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        assert_int_equal(query_parse(no[i], strlen(no[i]), NULL, &q, err, sizeof err), QUERY_OK);
        char *e = query_fts_exact(q, NULL);
        assert_null(strstr(e, "=est"));
        free(e);
        query_free(q);
    }
}

/* A period typed after the last word ends the sentence: it is not the
 * word's, so a file name's extension stays one and a '*' before it still
 * makes a prefix. */
static void test_final_period(void **state)
{
    ASSERT_SAME_TYPING("structure d'un fichier .changes.", "structure d'un fichier .changes");
    ASSERT_SAME_TYPING("exploit*.", "exploit*");
    ASSERT_SAME_TYPING("victimes de traite.", "victimes de traite");
    ASSERT_SAME_TYPING("L.425-1.", "L.425-1");
}

static void test_words_all_required_any_order(void **state)
{
    ASSERT_SEARCH("accompagnés mineurs", "1,7");
    ASSERT_SEARCH("mineurs", "1,7,10");
    ASSERT_SEARCH("mineurs crime", "");
}

static void test_accents_and_forms(void **state)
{
    /* Accents typed or not, in the query or in the document. */
    ASSERT_SEARCH("ACCOMPAGNÉES", "1,7,11,13");
    /* The stem of « accompagnées » (doc 11), lent (test_accents_omitted). */
    ASSERT_SEARCH("accompagnees", "1,7,11,13");
    ASSERT_SEARCH("refugiees", "11");
    ASSERT_SEARCH("\"filles accompagnees et refugiees\"", "11");
    ASSERT_SEARCH("exploitation", "5,10");
    ASSERT_SEARCH("l'exploitation", "5,10");
    ASSERT_SEARCH("identifie", "2");
}

/* A word typed without accents matches what its accented spellings in the
 * index match: « exploitees » is « exploitées » (doc 5), whose stem also
 * has « exploités » (doc 10), where Snowball stems the bare word apart;
 * the marks know it. A protected word does not widen (« traite » is not
 * « traité »), nor does an exclusion (« -exploitees » removes doc 5 only). */
static void test_accents_omitted(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("exploitees", "5,10");
    ASSERT_SEARCH("exploitées", "5,10");
    ASSERT_SEARCH("\"jeunes exploitees\"", "10");
    ASSERT_SEARCH("refugiees", "11");
    ASSERT_SEARCH("traite", "3");
    ASSERT_SEARCH("mineur -exploitees", "1,7,10");
    query *q;
    char err[256];
    assert_int_equal(query_parse("exploitees", 10, NULL, &q, err, sizeof err), QUERY_OK);
    assert_int_equal(query_token_clause(q, "exploit", 7), -1);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "exploit", 7), 0);
    assert_int_equal(query_token_clause(q, "exploite", 8), 0);
    query_free(q);
    assert_int_equal(query_parse("traite", 6, NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "trait", 5), -1);
    query_free(q);
}

/* How many phrases of the first term of text compiled are weak forms,
 * after query_lend as search.c compiles it when lend; *phrases: how many
 * phrases that term has. */
static int weak_count(fixture *f, const char *text, int lend, int *phrases)
{
    query *q;
    char err[256];
    assert_int_equal(query_parse(text, strlen(text), NULL, &q, err, sizeof err), QUERY_OK);
    if (lend)
        query_lend(q, &f->qv);
    query_expr *e = query_compile(q, QUERY_ALL, &f->qv);
    int n = 0;
    for (int ph = e->terms[0].first; ph < e->terms[0].first + e->terms[0].n; ph++)
        n += e->phrases[ph].weak != 0;
    *phrases = e->terms[0].n;
    query_expr_free(e);
    query_free(q);
    return n;
}

/* The weak forms of the first term of q compiled: how many of its phrases
 * are, or -1 when it has a single phrase. */
static int weak_forms(fixture *f, const char *text)
{
    int phrases, n = weak_count(f, text, 0, &phrases);
    return phrases > 1 ? n : -1;
}

/* A noun's participles (« exploitées », « exploités » for « exploitation »)
 * are weak forms, and so are its present participles and their adjectives
 * (« importante » for « import »); a participle typed, with accents or
 * without, has none, nor has « importante » typed. */
static void test_weak_forms(void **state)
{
    fixture *f = *state;
    assert_int_equal(weak_forms(f, "exploitation"), 2);
    /* A present participle or its adjective is weak too. */
    assert_int_equal(weak_forms(f, "import"), 1);
    assert_int_equal(weak_forms(f, "importante"), 0);
    assert_int_equal(weak_forms(f, "exploiter"), 2);
    assert_int_equal(weak_forms(f, "exploités"), 0);
    assert_int_equal(weak_forms(f, "exploite"), 0);
    assert_int_equal(weak_forms(f, "exploites"), 0);
    assert_int_equal(weak_forms(f, "traite"), -1);
}

/* The weak forms of the first term of q compiled after query_lend, as
 * search.c compiles it. */
static int lent_weak_forms(fixture *f, const char *text)
{
    int phrases;
    return weak_count(f, text, 1, &phrases);
}

/* A verb reaches its « -age » noun and the noun its verb, Snowball
 * joining neither (« pirat », « piratag »), as weak forms; a short stem
 * does not (« viser » is not « visage »), nor a word of no verb
 * in the index (« avant » and « avantage »). */
static void test_derived_forms(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("piraté", "16,17");
    ASSERT_SEARCH("piratage", "16,17");
    ASSERT_SEARCH("visé", "");
    ASSERT_SEARCH("serveurs", "16");
    ASSERT_SEARCH("avantages", "19");
    ASSERT_SEARCH("avant", "20");
    assert_int_equal(lent_weak_forms(f, "piratage"), 1); /* « pirater » */
    assert_int_equal(lent_weak_forms(f, "pirater"), 1);  /* « piratage » */
    assert_int_equal(weak_forms(f, "pirater"), -1);      /* not lent: its own form only */
    /* Marked in snippets as a weak form is. */
    query *q;
    char err[256];
    assert_int_equal(query_parse("piraté", strlen("piraté"), NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "piratag", 7), 0);
    assert_int_equal(query_token_clause(q, "pirat", 5), 0);
    query_free(q);
    assert_int_equal(query_parse("visé", strlen("visé"), NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "visag", 5), -1);
    query_free(q);
}

/* Each verb and action noun French derives one from the other and
 * Snowball stems apart (morph_derivations: « vérifier » "vérifi" and
 * « vérification » "vérif") reaches the other, both ways, a pair of
 * documents per class of ending; « mettre » does not reach « mission ». */
static void test_derivations(void **state)
{
    static const char *const pairs[][2] = {
        {"publication", "publier"},  {"communication", "communiquer"},
        {"création", "créer"},       {"migration", "migrer"},
        {"définition", "définir"},   {"démolition", "démolir"},
        {"réduction", "réduire"},    {"suppression", "supprimer"},
        {"correction", "corriger"},  {"insertion", "insérer"},
        {"conversion", "convertir"}, {"description", "décrire"},
        {"écriture", "écrire"},      {"sélection", "sélectionner"},
        {"fermeture", "fermer"},     {"coupure", "couper"},
        {"exécution", "exécuter"},   {"pollution", "polluer"},
        {"résolution", "résoudre"},  {"transmission", "transmettre"},
        {"perception", "percevoir"}, {"choix", "choisir"},
        {"lecture", "lire"},         {"ouverture", "ouvrir"},
        {"réception", "recevoir"},   {"impression", "imprimé"},
        {"mission", "mettre"}, /* 80, 81: not a pair (below) */
        {"inscription", "inscrire"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (!strcmp(pairs[i][0], "mission"))
            continue;
        char expect[32];
        snprintf(expect, sizeof expect, "%zu,%zu", 28 + 2 * i, 29 + 2 * i);
        for (int k = 0; k < 2; k++) {
            char *got = search(*state, pairs[i][k], strlen(pairs[i][k]));
            if (strcmp(got, expect) != 0)
                fail_msg("%s: got %s, expected %s", pairs[i][k], got, expect);
            free(got);
        }
    }
    ASSERT_SEARCH("mettre", "81");
    ASSERT_SEARCH("mission", "80");
}

/* « connecter » / « connexion » and « répondre » / « réponse », which
 * Snowball stems apart, reach each other both ways. */
static void test_more_derivations(void **state)
{
    ASSERT_SEARCH("connexion", "103,104");
    ASSERT_SEARCH("connecter", "103,104");
    ASSERT_SEARCH("réponse", "99,105");
}

/* An agent noun reaches its verb's « -age » noun, not the other way
 * (« débogueur », « débogage »: morph_agent_derivations), and a verb in
 * « -guer » its noun in « -gation » both ways, as French spelling writes
 * « g » before « a » and « gu » before « e » (morph_derived_make). */
static void test_agent_derivations(void **state)
{
    ASSERT_SEARCH("débogueur", "135,136");
    ASSERT_SEARCH("débogage", "135");
    ASSERT_SEARCH("naviguer", "137,138");
    ASSERT_SEARCH("navigation", "137,138");
}

/* A clause that joins words typed apart (a synonym group's run of words,
 * « mineurs non accompagnés ») is what search_run reads again with its
 * words apart when nothing has it (query_joins_words); not a word typed
 * with its hyphen, whose clause also holds a phrase of its parts (the
 * reading again would be the same), nor a query with operators. */
static void test_joins_words(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *text;
        int joins;
    } cases[] = {
        {"mineurs non accompagnés", 1},
        {"aide aux mineurs non accompagnés", 1},
        {"MNA", 0},
        {"traite", 0},
        {"pense-bête", 0},
        {"demi-soupir pointé", 0},
        {"\"mineurs non accompagnés\"", 0},
        {"mineurs non accompagnés -traite", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        query *q = NULL;
        char err[256];
        assert_int_equal(
            query_parse(cases[i].text, strlen(cases[i].text), f->syn, &q, err, sizeof err),
            QUERY_OK);
        if (query_joins_words(q) != cases[i].joins)
            fail_msg("%s: %d", cases[i].text, query_joins_words(q));
        query_free(q);
    }
}

/* Verbs whose action noun changes the end of the stem (« extraire »
 * "extrair", « extraction » "extract"; « interrompre » / « interruption »,
 * « exclure » / « exclusion », « joindre » / « jonction », « interdire » /
 * « interdiction », « acquérir » / « acquisition ») reach it both ways. */
static void test_derivations_irregular_stems(void **state)
{
    static const char *const pairs[][2] = {
        {"extraction", "extraire"}, {"interdiction", "interdire"}, {"interruption", "interrompre"},
        {"exclusion", "exclure"},   {"jonction", "joindre"},       {"acquisition", "acquérir"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char expect[32];
        snprintf(expect, sizeof expect, "%zu,%zu", 106 + 2 * i, 107 + 2 * i);
        for (int k = 0; k < 2; k++) {
            char *got = search(*state, pairs[i][k], strlen(pairs[i][k]));
            if (strcmp(got, expect) != 0)
                fail_msg("%s: got %s, expected %s", pairs[i][k], got, expect);
            free(got);
        }
    }
    ASSERT_SEARCH("extraction texte", "106");
}

/* An adjective and the verb French makes of it (« sombre » /
 * « assombrir », « large » / « élargir »: morph_adjective_verbs), which
 * Snowball stems apart, reach each other both ways, the verb by any of its
 * forms (« assombrit »). */
static void test_adjective_verbs(void **state)
{
    ASSERT_SEARCH("sombre", "118,119");
    ASSERT_SEARCH("assombri", "118,119");
    ASSERT_SEARCH("large", "120,121");
    ASSERT_SEARCH("élargir", "120,121");
    ASSERT_SEARCH("colonnes larges", "120,121");
}

/* A plural Snowball leaves its s or x (« zéros », « lieux », « amis ») is
 * its singular, in a phrase too, and the singular its plural, for matching,
 * excluding and marking; an invariable word is not (« mois » is not
 * « moi »). */
static void test_plural_forms(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("zéro", "21,26");
    ASSERT_SEARCH("zero nombre", "21");
    ASSERT_SEARCH("zéros absolu", "26");
    ASSERT_SEARCH("lieux", "22,27");
    ASSERT_SEARCH("lieu publics", "27");
    ASSERT_SEARCH("\"lieux d'hébergement\"", "22");
    ASSERT_SEARCH("ami", "24,25");
    ASSERT_SEARCH("amis", "24,25");
    ASSERT_SEARCH("nombre -zéro", "");
    ASSERT_SEARCH("aussi -amis", "");
    ASSERT_SEARCH("mois", "23");
    ASSERT_SEARCH("moi", "24");
    /* Marked in snippets as the word itself. */
    query *q;
    char err[256];
    assert_int_equal(query_parse("zéro", strlen("zéro"), NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "zeros", 5), 0); /* a token's folded stem */
    query_free(q);
    assert_int_equal(query_parse("mois", strlen("mois"), NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "moi", 3), -1);
    query_free(q);
}

/* A word and its other number that Snowball stems apart (« menus » keeps
 * its s, « permissions » "perm" and « permission » "permiss", « travaux »
 * "traval" and « travail ») meet, either way, for matching and excluding;
 * not another word of the stem (« délai » and « délit » are "del", but
 * « délits » is no number of « délai »), nor a function or invariable
 * word (« mai » is not « mais »). */
static void test_number_forms(void **state)
{
    fixture *f = *state;
    /* off (search.c's first reading): « menu » is only « menu » */
    ASSERT_SEARCH("menu", "127");
    ASSERT_SEARCH("menu déroulant", "");
    f->qv.numbers = 1;
    ASSERT_SEARCH("menu", "126,127");
    ASSERT_SEARCH("menus", "126,127");
    ASSERT_SEARCH("menu déroulant", "126");
    ASSERT_SEARCH("permission", "128,129");
    ASSERT_SEARCH("permissions accordées", "129");
    ASSERT_SEARCH("dossiers -permission", "");
    ASSERT_SEARCH("travail", "130,131");
    ASSERT_SEARCH("travaux", "130,131");
    ASSERT_SEARCH("délai graves", "");
    ASSERT_SEARCH("mai", "134");
    f->qv.numbers = 0;
}

/* A verb's third person plural, which Snowball leaves whole
 * (« chevauchent »), is its verb, and the verb (« chevaucher ») reaches
 * it: as weak forms alone, as alternatives in a phrase and an exclusion;
 * a stem under four letters does not (« parent » is not « parer »). */
static void test_person_forms(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("chevauchent", "94,95");
    ASSERT_SEARCH("chevaucher", "94,95");
    ASSERT_SEARCH("\"se chevaucher\"", "94");
    ASSERT_SEARCH("portées -chevaucher", "");
    assert_int_equal(lent_weak_forms(f, "chevauchent"), 1); /* « chevaucher » */
    assert_int_equal(lent_weak_forms(f, "chevaucher"), 1);  /* « chevauchent » */
    ASSERT_SEARCH("parent", "96");
    ASSERT_SEARCH("parer", "97");
    /* A plural the index lacks still reaches its verb (« pirater »). */
    ASSERT_SEARCH("piratent", "17");
    assert_int_equal(morph_person_verb(&f->qv, "piratent", 8), 5);
    assert_int_equal(morph_person_verb(&f->qv, "parent", 6), 0);
    assert_int_equal(morph_person_verb(&f->qv, "zorgent", 7), 0);
    query *q;
    char err[256];
    assert_int_equal(query_parse("chevaucher", strlen("chevaucher"), NULL, &q, err, sizeof err),
                     QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "chevauchent", 11), 0);
    query_free(q);
}

/* A verb in -dre or -ttre, which Snowball stems four ways (« répondre »
 * "répondr", « répond » "répond", « répondu » "répondu"), is one word
 * when the index has its infinitive; a noun in -de is no such verb
 * (« commande »). */
static void test_re_verb_forms(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("répondre", "98,99,105"); /* « réponse »: test_more_derivations */
    /* Its other stems derive as it does: « réponse » through « répondre ». */
    ASSERT_SEARCH("répond", "98,99,105");
    ASSERT_SEARCH("\"gimp répondre\"", "98");
    ASSERT_SEARCH("perdre", "100,101");
    ASSERT_SEARCH("perdus", "100,101");
    ASSERT_SEARCH("commande", "102");
    assert_int_equal(lent_weak_forms(f, "répond"), 2); /* « répondre », « réponse » */
}

/* An agent noun typed (« utilisateur », « utilisatrices »), which Snowball
 * stems as its verb and action noun (« utiliser », « utilisation »:
 * "utilis"), is itself: alone it reaches the other forms of its stem as
 * weak forms only; in a phrase, an exclusion or a synonym side it is its
 * agent-noun forms, accents folded (« operateur » for « opérateurs »).
 * A verb typed still reaches its agent noun; an agent noun the index does
 * not have keeps the forms of its stem. */
static void test_agent_nouns(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("utilisateur", "84,85,86,87");
    assert_int_equal(lent_weak_forms(f, "utilisateur"), 2); /* utiliser, utilisation */
    assert_int_equal(lent_weak_forms(f, "utilisatrices"), 2);
    assert_int_equal(lent_weak_forms(f, "utiliser"), 0);
    ASSERT_SEARCH("\"utilisateur\"", "84,87");
    ASSERT_SEARCH("\"operateur\"", "88");
    ASSERT_SEARCH("\"OPÉRATEURS\"", "88");
    ASSERT_SEARCH("utiliser", "84,85,86,87");
    ASSERT_SEARCH("utilisation -utilisateur", "85,86");
    ASSERT_SEARCH("opérer -opératrice", "89");
    ASSERT_SEARCH("\"programmateur\"", "90");
    /* A synonym side's agent noun, both ways. */
    ASSERT_SEARCH("balises", "91,93");
    ASSERT_SEARCH("indiqué", "91,92");
    ASSERT_SEARCH("indicateur", "91,92,93");
    /* Marked as matched. */
    query *q;
    char err[256];
    const char *text = "\"utilisateur\"";
    assert_int_equal(query_parse(text, strlen(text), NULL, &q, err, sizeof err), QUERY_OK);
    query_lend(q, &f->qv);
    assert_int_equal(query_token_clause(q, "=utilisatrices", 14), 0);
    assert_int_equal(query_token_clause(q, "utilis", 6), -1);
    assert_int_equal(query_token_clause(q, "=utiliser", 9), -1);
    query_free(q);
}

/* The content positions (query_term.content) of the match term of q with
 * the longest single phrase. */
static int content_of_longest(fixture *f, const char *text)
{
    query *q;
    char err[256];
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    query_expr *e = query_compile(q, QUERY_ALL, &f->qv);
    int content = -1, longest = 0;
    for (int t = 0; t < e->nterms; t++) {
        const query_term *qt = &e->terms[t];
        if (qt->kind != QUERY_PHRASE_MATCH || qt->n != 1)
            continue;
        int size = 1;
        for (const char *p = qt->text; *p; p++)
            size += *p == ' ';
        if (size > longest) {
            longest = size;
            content = qt->content;
        }
    }
    query_expr_free(e);
    query_free(q);
    return content;
}

/* A phrase's positions that say something (rank.c's phrase bonus): the
 * commonest function words do not count, typed in a quoted phrase or in a
 * synonym side (« à » of « aide sociale à l'enfance »), and a plain word
 * is one. */
static void test_phrase_content(void **state)
{
    fixture *f = *state;
    assert_int_equal(content_of_longest(f, "\"traite des êtres humains\""), 3);
    assert_int_equal(content_of_longest(f, "ASE"), 3);
    assert_int_equal(content_of_longest(f, "mineurs non accompagnés"), 3);
    assert_int_equal(content_of_longest(f, "traite"), 1);
}

static void test_phrase(void **state)
{
    ASSERT_SEARCH("\"humains êtres\"", "");
    ASSERT_SEARCH("\"êtres humains\"", "3");
    ASSERT_SEARCH("\"données personnelles\" traitement", "4");
}

static void test_exclusion(void **state)
{
    ASSERT_SEARCH("mineurs -Hors-la-Rue", "1,10");
    ASSERT_SEARCH("mineurs -\"hors la rue\" -exploiter", "1");
    ASSERT_SEARCH("-mineurs", "empty");
    /* An excluded acronym excludes its expansions too. */
    ASSERT_SEARCH("identifié", "2");
    ASSERT_SEARCH("protégés", "1");
    ASSERT_SEARCH("protégés -MNA", "");
    ASSERT_SEARCH("identifié -\"mineurs non accompagnés\"", "");
}

static void test_or(void **state)
{
    ASSERT_SEARCH("crime OR données", "3,4");
    ASSERT_SEARCH("crime OR données OR traité", "3,4,8");
    ASSERT_SEARCH("crime OR données personnelles", "4");
    ASSERT_SEARCH("or", "");
    /* French: OU in capitals is OR too; « ou » is a word. */
    ASSERT_SEARCH("crime OU données", "3,4");
    ASSERT_SEARCH("crime ou données", "");
    ASSERT_SEARCH("OU crime", "3"); /* a function word, not required */
}

/* The function words typed before a word (« de », « la » of « de la
 * bulle ») go with it when search.c drops them (query_drop_attached);
 * the others stay. */
static void test_drop_attached(void **state)
{
    fixture *f = *state;
    char err[128];
    query *q, *shorter;
    const char *text = "couleur de la bulle", *without = "couleur bulle";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    assert_int_equal(query_clauses(q), 4);
    assert_int_equal(query_has_attached(q, 0), 0);
    assert_int_equal(query_has_attached(q, 2), 0); /* « la » is a function word */
    assert_int_equal(query_has_attached(q, 3), 1);
    query_drop_attached(q, 1u << 0); /* no function word before it */
    assert_int_equal(query_clauses(q), 4);
    query_drop_attached(q, 1u << 3);
    assert_int_equal(query_clauses(q), 2);
    assert_int_equal(query_parse(without, strlen(without), f->syn, &shorter, err, sizeof err),
                     QUERY_OK);
    char *a = query_fts_all(q, NULL), *b = query_fts_all(shorter, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* Nor is the form typed of « de », « la » a signal any more. */
    a = query_fts_exact(q, NULL);
    b = query_fts_exact(shorter, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
    query_free(shorter);
    query_free(q);
    /* A question's function words are no clauses: nothing to drop. */
    text = "comment changer la couleur de la bulle ?";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    assert_int_equal(query_clauses(q), 3);
    assert_int_equal(query_has_attached(q, 2), 0);
    query_free(q);
}

/* The auxiliaries' imperfect, future and conditional say as little as
 * their present: « la réunion sera consacrée » has two content words, as
 * « la réunion est consacrée » has; a noun or a verb still counts; and
 * so do adverbs of time and frequency (« toujours », « souvent »). */
static void test_auxiliary_tenses_say_little(void **state)
{
    fixture *f = *state;
    char err[128];
    static const char *const texts[] = {
        "la réunion est consacrée",
        "la réunion sera consacrée",
        "la réunion serait consacrée",
        "la réunion avait consacré",
        "la réunion aura consacré",
        "les réunions étaient consacrées",
        /* Nor do adverbs of time and frequency. */
        "la réunion toujours consacrée",
        "la réunion souvent consacrée",
        "la réunion ensuite consacrée",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        query *q;
        assert_int_equal(query_parse(texts[i], strlen(texts[i]), f->syn, &q, err, sizeof err),
                         QUERY_OK);
        if (query_content_words(q) != 2)
            fail_msg("%s: %zu content words", texts[i], query_content_words(q));
        query_free(q);
    }
}

static size_t clauses_of(fixture *f, const char *text);

/* A compound counts the content words its parts would count typed apart
 * (search.c lists partial matches after fewer documents with three):
 * « arrière-plan » two, as « arrière plan »; « en-tête » one, as « en
 * tête ». */
static void test_compound_content_words(void **state)
{
    fixture *f = *state;
    char err[128];
    static const struct {
        const char *text;
        size_t words;
    } cases[] = {
        {"l'arrière-plan d'une diapo", 3},
        {"l'arrière plan d'une diapo", 3},
        {"l en-tete des diapos", 2},
        {"l en tete des diapos", 2},
        {"sous-totaux", 1},
        {"mot-clé", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        query *q;
        assert_int_equal(
            query_parse(cases[i].text, strlen(cases[i].text), f->syn, &q, err, sizeof err),
            QUERY_OK);
        if (query_content_words(q) != cases[i].words)
            fail_msg("%s: %zu content words", cases[i].text, query_content_words(q));
        query_free(q);
    }
}

/* A keyword query's function words (« sur », « un », « à ») are not
 * required: document 3 says « crime » and « traite », not « sur »; they
 * still are in a query typed with an operator. */
static void test_function_words_optional(void **state)
{
    fixture *f = *state;
    ASSERT_SEARCH("traite sur un crime", "3");
    /* « et » joins words as « ou » does: document 3 has no « et ». */
    ASSERT_SEARCH("traite et crime", "3");
    ASSERT_SEARCH("traite sur un crime -xyzzy", "");
    ASSERT_SEARCH("\"traite\" sur un crime", "");
    ASSERT_SEARCH("un crime", "3");
    /* The negation is no such word (« n' » is elided, as in the text). */
    ASSERT_SEARCH("la traite n'est pas un crime", "");
    ASSERT_SEARCH("ne traite un crime", ""); /* document 3 has no « ne » */
    /* An indefinite determiner before a word neither (document 3 has no
     * « plusieurs »), but a question's stays. */
    ASSERT_SEARCH("traite de plusieurs êtres", "3");
    ASSERT_SEARCH("traite de plusieurs", "");
    ASSERT_SEARCH("comment traite-t-on plusieurs êtres ?", "");
    /* A question's words that say little alone (« toujours », « plus »)
     * neither: document 3 has none; a keyword query's stay. */
    ASSERT_SEARCH("pourquoi la traite est-elle toujours un crime ?", "3");
    ASSERT_SEARCH("pourquoi la traite est-elle plus un crime ?", "3");
    ASSERT_SEARCH("traite toujours crime", "");
    /* When every word is one of them, each is required (the strict
     * expression requiring none is not valid FTS5): no document has
     * « toujours » or « plus », not an error. */
    ASSERT_SEARCH("pourquoi toujours ?", "");
    ASSERT_SEARCH("qu'est-ce que plus dans la traite ?", "");
    /* Nor, when a question asks what a word means, the place after its
     * « dans » or « avec » (document 3 has no « roman »); another
     * question's stays. */
    ASSERT_SEARCH("qu'est-ce que la traite dans un roman ?", "3");
    ASSERT_SEARCH("qu'est-ce que la traite avec un roman ?", "3");
    ASSERT_SEARCH("comment parler de la traite dans un roman ?", "");
    /* Unless typed in quotes or as a prefix. */
    ASSERT_SEARCH("qu'est-ce que la traite dans \"un roman\" ?", "");
    ASSERT_SEARCH("qu'est-ce que la traite dans un rom* ?", "");
    /* Nor the nouns that name a general account (document 3 has neither
     * « vue » nor « ensemble »), unless nothing else is left. */
    ASSERT_SEARCH("vue d'ensemble de la traite", "3");
    ASSERT_SEARCH("panorama de la traite", "3");
    ASSERT_SEARCH("vue de la traite", "");
    ASSERT_SEARCH("vue d'ensemble", "");
    /* Still a clause, ranked where a row has it. */
    assert_int_equal(clauses_of(f, "traite sur un crime"), 4);
}

static void test_prefix(void **state)
{
    ASSERT_SEARCH("exploit*", "5,10");
    ASSERT_SEARCH("EXPLOITÉ*", "5,10");
    ASSERT_SEARCH("educat*", "9");
    ASSERT_SEARCH("éduc*", "9");
    ASSERT_SEARCH("accompagn* mineur*", "1,7");
    /* One phrase term with two alternatives: a word having both an exact
     * and an unaccented token counts once for bm25. */
    query *q;
    char err[64];
    assert_int_equal(query_parse("Exploit*", 8, NULL, &q, err, sizeof err), QUERY_OK);
    char *e = query_fts_all(q, NULL);
    assert_string_equal(e, "(\"=exploit|~exploit\"*)");
    free(e);
    query_free(q);
    /* Too short to be a prefix: the word itself. */
    ASSERT_SEARCH("ex*", "");
    ASSERT_SEARCH("exp*", "5,10");
}

/* A word typed with a dot glued before it (« .changes ») is a file
 * name's extension: its own form only, not its stem's (« changements »)
 * nor its synonyms; a dot between words or before a number is not one. */
static void test_file_extension(void **state)
{
    ASSERT_SEARCH(".changes envoi", "124");
    ASSERT_SEARCH(".CHANGES", "124");
    ASSERT_SEARCH("changes envoi", "124,125");
    ASSERT_SEARCH("fichier.changes", "124");
}

static void test_traite_is_not_traitement(void **state)
{
    ASSERT_SEARCH("traite", "3");
    ASSERT_SEARCH("traitement", "4,8");
    ASSERT_SEARCH("traité", "4,8");
    /* « signes » is protected too, and « signée » typed without accents
     * stems to "signe": neither reaches the other. */
    ASSERT_SEARCH("signes", "14");
    ASSERT_SEARCH("signe", "14");
    ASSERT_SEARCH("signée", "15");
    ASSERT_SEARCH("signées", "15");
}

static void test_synonyms_both_directions(void **state)
{
    ASSERT_SEARCH("MNA", "1,2");
    ASSERT_SEARCH("mna", "1,2");
    ASSERT_SEARCH("mineurs non accompagnes", "1,2");
    ASSERT_SEARCH("filles accompagnees", "11,12,13");
    ASSERT_SEARCH("\"mineurs non accompagnés\"", "1,2");
    ASSERT_SEARCH("TEH", "3");
    /* Loose words that form a side also look for that side as a phrase
     * (it earns documents where they stand together more). */
    fixture *f = *state;
    query *q;
    char err[64];
    const char *text = "accompagnés mineurs non";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    char *e = query_fts_all(q, NULL);
    assert_null(strstr(e, "\"!mineur !non !accompagn\"")); /* not in that order: no side */
    free(e);
    query_free(q);
    text = "mineurs non accompagnés";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    e = query_fts_all(q, NULL);
    assert_non_null(strstr(e, "\"!mineur !non !accompagn\""));
    assert_non_null(strstr(e, "\"!mna\""));
    free(e);
    query_free(q);
    ASSERT_SEARCH("aide sociale à l'enfance", "1");
}

/* Does an FTS5 expression's text hold a quoted phrase of two tokens or
 * more? */
static int has_long_phrase(const char *text)
{
    int quoted = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"' && p[1] == '"' && quoted)
            p++;
        else if (*p == '"')
            quoted = !quoted;
        else if (*p == ' ' && quoted)
            return 1;
    }
    return 0;
}

/* A synonym group standing alone (« MNA » or « mineurs non accompagnés »)
 * has no word that every row of it has: the dup that keeps the signals'
 * rows writes each side of several words as one of its words, never the
 * side's phrase again (FTS5 would read each of its doclists twice). The
 * rows stay the group's (search checks every flag gives the same). */
static void test_synonym_group_dup(void **state)
{
    fixture *f = *state;
    static const char *const texts[] = {"les mna", "des teh", "le TEH"};
    ASSERT_SEARCH("MNA", "1,2");
    ASSERT_SEARCH("TEH", "3");
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        query *q;
        char err[64];
        assert_int_equal(query_parse(texts[i], strlen(texts[i]), f->syn, &q, err, sizeof err),
                         QUERY_OK);
        query_lend(q, &f->qv);
        query_expr *e = query_compile(q, QUERY_ALL | QUERY_SIGNALS, &f->qv);
        int filters = 0;
        for (int k = 0; k < e->nterms; k++) {
            if (e->terms[k].kind != QUERY_PHRASE_FILTER)
                continue;
            filters++;
            if (has_long_phrase(e->terms[k].text))
                fail_msg("%s: the dup repeats a phrase: %s", texts[i], e->fts);
        }
        if (filters == 0)
            fail_msg("%s: no dup: %s", texts[i], e->fts);
        query_expr_free(e);
        query_free(q);
    }
}

static void test_legal_references_and_numbers(void **state)
{
    ASSERT_SEARCH("L.425-1", "6");
    ASSERT_SEARCH("l. 425-1", "6");
    ASSERT_SEARCH("425-1", "6");
    ASSERT_SEARCH("L425-1", "6");
    ASSERT_SEARCH("article l425-1", "6");
    ASSERT_SEARCH("2018", "6");
    /* Punctuation inside a word makes a phrase; sentence punctuation splits. */
    ASSERT_SEARCH("1er/janvier", "6");
    ASSERT_SEARCH("janvier/1er", "");
    ASSERT_SEARCH("2018,mineurs", "");
    ASSERT_SEARCH("janvier,2018", "6");
    ASSERT_SEARCH("1er", "6");
    ASSERT_SEARCH("ONU", "9");
    ASSERT_SEARCH("O.N.U", "9");
}

static void test_compounds(void **state)
{
    /* The whole of a compound whose first part has accents. */
    query *q;
    char err[64];
    assert_int_equal(query_parse("Été-Hiver", strlen("Été-Hiver"), NULL, &q, err, sizeof err),
                     QUERY_OK);
    char *e = query_fts_all(q, NULL);
    assert_string_equal(e, "((\"!ete !hiv|%hiv\" OR \"!etehiv\"))");
    free(e);
    query_free(q);
    /* An accented word: its stem, and the stem of its unaccented spelling. */
    assert_int_equal(query_parse("accompagnées", strlen("accompagnées"), NULL, &q, err, sizeof err),
                     QUERY_OK);
    e = query_fts_all(q, NULL);
    assert_string_equal(e, "(\"!accompagn|!accompagne\")");
    free(e);
    query_free(q);
    ASSERT_SEARCH("Hors-la-Rue", "7");
    ASSERT_SEARCH("horslarue", "7");
    ASSERT_SEARCH("hors la rue", "7");
    ASSERT_SEARCH("rue", "7");
}

static void test_exact_form_expression(void **state)
{
    fixture *f = *state;
    char err[128];
    query *q;
    assert_int_equal(query_parse("traité", 7, NULL, &q, err, sizeof err), QUERY_OK);
    char *e = query_fts_exact(q, &f->qv);
    char *r = run(f->db, e);
    assert_string_equal(r, "8");
    free(r);
    free(e);
    query_free(q);
    /* Typed without accents: the accented spelling is the same word. */
    assert_int_equal(query_parse("accompagnes", 11, NULL, &q, err, sizeof err), QUERY_OK);
    e = query_fts_exact(q, &f->qv);
    r = run(f->db, e);
    assert_string_equal(r, "1");
    free(r);
    free(e);
    query_free(q);
    /* With accents typed, only that spelling. */
    assert_int_equal(query_parse("accompagnées", 13, NULL, &q, err, sizeof err), QUERY_OK);
    e = query_fts_exact(q, &f->qv);
    r = run(f->db, e);
    assert_string_equal(r, "11");
    free(r);
    free(e);
    query_free(q);
    assert_int_equal(query_parse("exploit*", 8, NULL, &q, err, sizeof err), QUERY_OK);
    assert_null(query_fts_exact(q, &f->qv));
    query_free(q);
}

/* Rowids matching fts_all, documents matching fts_exact first, then by
 * bm25: how a ranker may use the exact-form signal. */
static char *ranked(fixture *f, const char *text)
{
    query *q;
    char err[128];
    buf b = BUF_INIT;
    sqlite3_stmt *st;
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    char *all = query_fts_all(q, &f->qv), *exact = query_fts_exact(q, &f->qv);
    assert_int_equal(
        sqlite3_prepare_v2(f->db,
                           "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY"
                           " rowid IN (SELECT rowid FROM docs_fts WHERE docs_fts"
                           " MATCH ?2) DESC, bm25(docs_fts), rowid",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, all, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, exact, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(&b, "%s%lld", b.len ? "," : "", (long long)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    free(all);
    free(exact);
    query_free(q);
    return buf_detach(&b);
}

static void test_exact_form_ranks_first(void **state)
{
    fixture *f = *state;
    char *r = ranked(f, "traité");
    assert_string_equal(r, "8,4"); /* « traité » before « traitement » */
    free(r);
    r = ranked(f, "traitement");
    assert_string_equal(r, "4,8");
    free(r);
    r = ranked(f, "mineur");
    assert_string_equal(r, "10,7,1"); /* « mineur » before « mineurs » */
    free(r);
    r = ranked(f, "exploites");
    assert_string_equal(r, "10,5"); /* « exploités » before « exploitation » */
    free(r);
}

static void test_token_clause(void **state)
{
    fixture *f = *state;
    char err[128];
    query *q;
    const char *text = "MNA traite exploit*";
    assert_int_equal(query_parse(text, strlen(text), f->syn, &q, err, sizeof err), QUERY_OK);
    assert_int_equal(query_clauses(q), 3);
    assert_int_equal(query_token_clause(q, "mna", 3), 0);
    assert_int_equal(query_token_clause(q, "mineur", 6), 0);
    assert_int_equal(query_token_clause(q, "accompagn", 9), 0);
    assert_int_equal(query_token_clause(q, "traite", 6), 1);
    assert_int_equal(query_token_clause(q, "trait", 5), -1);
    assert_int_equal(query_token_clause(q, "=exploitation", 13), 2);
    assert_int_equal(query_token_clause(q, "~exploites", 10), 2);
    assert_int_equal(query_token_clause(q, "=explorer", 9), -1);
    assert_int_equal(query_token_clause(q, "crime", 5), -1);
    query_free(q);
}

static size_t clauses_of(fixture *f, const char *text)
{
    query *q;
    char err[128];
    if (query_parse(text, strlen(text), f->syn, &q, err, sizeof err) != QUERY_OK)
        return 0;
    size_t n = query_clauses(q);
    query_free(q);
    return n;
}

/* The FTS5 expression (without vocabulary) of text, for comparing two
 * spellings of one query. */
static char *fts_of(fixture *f, const char *text)
{
    query *q;
    char err[128];
    if (query_parse(text, strlen(text), f->syn, &q, err, sizeof err) != QUERY_OK)
        return NULL;
    char *s = query_fts_all(q, NULL);
    query_free(q);
    return s;
}

#define ASSERT_SAME_QUERY(a, b)                                                                    \
    do {                                                                                           \
        char *x_ = fts_of(*state, a), *y_ = fts_of(*state, b);                                     \
        assert_non_null(x_);                                                                       \
        assert_non_null(y_);                                                                       \
        if (strcmp(x_, y_) != 0)                                                                   \
            fail_msg("%s -> %s\n%s -> %s", a, x_, b, y_);                                          \
        free(x_);                                                                                  \
        free(y_);                                                                                  \
    } while (0)

/* A question asking what a word means (a glossary's line answers it,
 * snippet.c, define.c): « que veut dire », « que signifie », « qu'est-ce
 * que » typed with or without apostrophe and hyphen, « définition de »,
 * « c'est quoi … », « … c'est quoi ? », « … ça veut dire quoi ? »; not
 * « est-ce que » (yes or no), nor another question or a plain query. The
 * term asked about (query_defined_term) is the same whichever way it is
 * asked, and the words that ask are no clauses. */
static void test_asks_what_means(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int means;
        const char *term;
        size_t clauses;
    } cases[] = {
        {"que veut dire MIPROF", 1, "miprof", 1},
        {"que veulent dire ces sigles ?", 1, "sigles", 1},
        {"que signifie OQTF ?", 1, "oqtf", 1},
        {"qu'est-ce que la traite ?", 1, "traite", 1},
        {"qu est ce que TDS", 1, "tds", 1},
        {"  « Qu’est-ce que la traite ? »", 1, "traite", 1},
        {"définition de la servitude ?", 1, "servitude", 1},
        {"c'est quoi un lover boy ?", 1, "lover boy", 2},
        {"c est quoi un lover boy", 1, "lover boy", 2},
        {"lover boy c'est quoi ?", 1, "lover boy", 2},
        {"OQTF ça veut dire quoi ?", 1, "oqtf", 1},
        {"que veut dire lover boy ?", 1, "lover boy", 2},
        {"est-ce que la CIVI indemnise ?", 0, NULL, 2},
        {"que demande le collectif au gouvernement ?", 0, NULL, 3},
        {"comment porter plainte ?", 0, NULL, 2},
        {"MIPROF", 0, NULL, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        query *q = NULL;
        char err[64];
        assert_int_equal(
            query_parse(cases[i].text, strlen(cases[i].text), NULL, &q, err, sizeof err), QUERY_OK);
        if (query_asks_what_means(q) != cases[i].means)
            fail_msg("%s: %d", cases[i].text, query_asks_what_means(q));
        const char *term = query_defined_term(q);
        if (cases[i].term ? !term || strcmp(term, cases[i].term) != 0 : term != NULL)
            fail_msg("%s: term %s", cases[i].text, term ? term : "(none)");
        if (query_clauses(q) != cases[i].clauses)
            fail_msg("%s: %zu clauses", cases[i].text, query_clauses(q));
        query_free(q);
    }
}

static void test_questions(void **state)
{
    fixture *f = *state;
    /* Function words of a question are not required. */
    assert_int_equal(clauses_of(f, "comment identifier une victime de traite ?"), 3);
    assert_int_equal(clauses_of(f, "comment identifier une victime de traite"), 3);
    assert_int_equal(clauses_of(f, "Où est l'ONU ?"), 1);
    ASSERT_SEARCH("où sont les éducateurs ?", "9");
    ASSERT_SEARCH("qu'est-ce que l'aide sociale à l'enfance ?", "1");
    /* Not a question: every word counts. */
    assert_int_equal(clauses_of(f, "une victime de traite"), 4);
    assert_int_equal(clauses_of(f, "qui sommes-nous"), 2);
    /* Nothing but function words: they stay. */
    assert_int_equal(clauses_of(f, "qui est-ce ?"), 2);
    assert_int_equal(clauses_of(f, "qui sommes-nous ?"), 2);
    assert_int_equal(clauses_of(f, "le ?"), 1);
    /* The verbs and pronouns that only carry the question go too; « faire »
     * and « sans » stay. */
    assert_int_equal(clauses_of(f, "j'ai été victime de traite, que faire ?"), 3);
    assert_int_equal(
        clauses_of(f, "une victime sans papiers peut-elle obtenir un titre de séjour ?"), 6);
    assert_int_equal(clauses_of(f, "pouvez-vous me dire si on doit porter plainte ?"), 3);
    /* « savoir » before an interrogative or « si » opens an indirect
     * question: the page answers what follows. */
    ASSERT_SAME_QUERY("comment savoir quel éducateur aide les mineurs ?", "éducateur aide mineurs");
    ASSERT_SAME_QUERY("comment savoir si un mineur est exploité", "mineur exploité");
    assert_int_equal(clauses_of(f, "comment savoir que la traite est un crime ?"), 3);
    assert_int_equal(clauses_of(f, "savoir si ?"), 2); /* nothing else: they stay */
    /* Typed all in capitals, « OU » is « où » or « ou », not the operator:
     * the person did not choose its capitals; « OR » stays one. */
    ASSERT_SAME_QUERY("D OU VIENNENT LES CHAUFFEURS ROUTIERS DETACHES",
                      "d ou viennent les chauffeurs routiers detaches");
    ASSERT_SAME_QUERY("PASSEUR OU EXPLOITEUR QUELLE DIFFÉRENCE",
                      "passeur ou exploiteur quelle différence");
    assert_int_equal(clauses_of(f, "servitude OU esclavage"), 1);
    assert_int_equal(clauses_of(f, "GRUB OR LILO"), 1);
    /* « comment faire pour … », « comment on fait pour … »: « faire »
     * frames the question as « comment » does. */
    ASSERT_SAME_QUERY("comment faire pour adhérer au collectif ?",
                      "comment adhérer au collectif ?");
    ASSERT_SAME_QUERY("comment on fait pour porter plainte ?", "comment porter plainte ?");
    ASSERT_SAME_QUERY("que faire pour aider un mineur ?", "comment aider un mineur ?");
    assert_int_equal(clauses_of(f, "comment faire pour ?"), 1); /* nothing else: it stays */
    /* The question's verb in the present after its subject is read as its
     * infinitive (Snowball stems « désactive » apart from « désactiver »);
     * not a verb further on, nor one whose root has an « è ». */
    ASSERT_SAME_QUERY("comment on désactive la correction automatique ?",
                      "comment désactiver la correction automatique ?");
    ASSERT_SAME_QUERY("comment je signale un bogue ?", "comment signaler un bogue ?");
    ASSERT_SAME_QUERY("pourquoi ils contestent la décision ?", "pourquoi contester la décision ?");
    {
        char *a = fts_of(f, "comment afficher un menu quand on désactive l option ?");
        char *b = fts_of(f, "comment afficher un menu quand on désactiver l option ?");
        assert_non_null(a);
        assert_non_null(b);
        assert_string_not_equal(a, b);
        free(a);
        free(b);
    }
    assert_int_equal(clauses_of(f, "faire pour adhérer au collectif"), 5); /* no question */
    /* A noun after « sans » and its determiner is what the person goes
     * without: neither it (its first word) nor « sans » is a word to look
     * for. A bare noun
     * (« sans papiers » above, « sans fil ») and a verb after its object
     * pronoun (« sans le signer ») stay. */
    ASSERT_SAME_QUERY("comment créer une requête sans l'assistant ?", "créer requête");
    ASSERT_SAME_QUERY("comment créer une requête sans l’assistant ?", "créer requête");
    ASSERT_SAME_QUERY("comment créer une requête sans l assistant ?", "créer requête");
    ASSERT_SAME_QUERY("comment imprimer sans mon imprimante habituelle ?", "imprimer habituelle");
    ASSERT_SAME_QUERY("comment signaler sans un avocat ?", "signaler");
    assert_int_equal(clauses_of(f, "comment construire un paquet sans le signer ?"), 4);
    assert_int_equal(clauses_of(f, "comment l'ouvrir sans l'installer ?"), 3);
    assert_int_equal(clauses_of(f, "comment se connecter à un réseau sans fil ?"), 4);
    assert_int_equal(clauses_of(f, "créer une requête sans l'assistant"), 5); /* no question */
    assert_int_equal(clauses_of(f, "comment faire sans l'assistant ?"), 1);
    assert_int_equal(clauses_of(f, "sans l'assistant ?"), 2); /* nothing else: they stay */
    /* A letter French elides, standing alone (before a consonant or at
     * the end), is no elision: a name, « le langage C ». */
    ASSERT_SAME_QUERY("comment trier un tableau en c ?", "trier tableau c");
    ASSERT_SAME_QUERY("comment trier un tableau en C", "trier tableau C");
    assert_int_equal(clauses_of(f, "comment trier un tableau en c ?"), 3);
    ASSERT_SAME_QUERY("c est quoi l ASE", "ASE");
    /* The noun of a prepositional or interrogative locution names no
     * topic (« au lieu de », « combien de temps »); the same noun
     * elsewhere stays. */
    ASSERT_SAME_QUERY("combien de temps dure le délai de réflexion ?", "dure délai réflexion");
    ASSERT_SAME_QUERY("pourquoi le nom s'affiche au lieu de la valeur ?", "nom affiche valeur");
    ASSERT_SAME_QUERY("nom au lieu de la valeur", "nom valeur"); /* not required */
    assert_int_equal(clauses_of(f, "quel lieu d'accueil ?"), 2);
    /* A prepositional locution's noun only before what it governs. */
    assert_int_equal(clauses_of(f, "comment accéder à l'aide juridictionnelle ?"), 3);
    assert_int_equal(clauses_of(f, "comment le faire à l'aide d'un outil ?"), 2);
    assert_int_equal(clauses_of(f, "pourquoi l'allaitement au sein ?"), 2);
    assert_int_equal(clauses_of(f, "que faire par rapport au juge ?"), 2);
    assert_int_equal(clauses_of(f, "combien de temps ?"), 3); /* nothing else: they stay */
    /* A frequency (« tous les jours », « chaque semaine ») says when, not
     * what: its noun goes too. */
    assert_int_equal(clauses_of(f, "comment planifier une tâche tous les jours ?"), 3);
    assert_int_equal(clauses_of(f, "comment sauvegarder chaque semaine ?"), 2);
    assert_int_equal(clauses_of(f, "comment compter les jours ?"), 2);
    assert_int_equal(clauses_of(f, "combien de temps de travail ?"), 2);
    /* A conjunctive locution (« tant que », « parce que », « à mesure
     * que ») is grammar too: its words before « que » or « qu' » go,
     * required in no query; the same words elsewhere stay. */
    ASSERT_SAME_QUERY("boucle tant que", "boucle");
    ASSERT_SAME_QUERY("colonnes à mesure que le texte grandit", "colonnes texte grandit");
    assert_int_equal(clauses_of(f, "comment protéger un mineur parce qu'il est en danger ?"), 3);
    assert_int_equal(clauses_of(f, "comment protéger un mineur parce qu il est en danger ?"), 3);
    assert_int_equal(clauses_of(f, "comment agir bien que la victime refuse ?"), 3);
    assert_int_equal(clauses_of(f, "pourquoi tant de victimes ?"), 2);
    assert_int_equal(clauses_of(f, "que faire avant la fin ?"), 3);
    assert_int_equal(clauses_of(f, "pourquoi tant que ?"), 3); /* nothing else: they stay */
    /* The pronoun after a verb is no word to look for: « aident-ils » is
     * « aident », « va-t-il » « va ». */
    assert_int_equal(clauses_of(f, "comment les éducateurs aident-ils les mineurs ?"), 3);
    ASSERT_SAME_QUERY("comment les éducateurs aident-ils les mineurs ?",
                      "éducateurs aident mineurs");
    ASSERT_SAME_QUERY("où va-t-il ?", "va");
    /* The inversion asks by itself, « ? » or not; outside a question the
     * compound stays whole (« connectez-vous »: an imperative). */
    assert_int_equal(clauses_of(f, "aident-ils les mineurs"), 2);
    assert_int_equal(clauses_of(f, "connectez-vous au site"), 3);
    query *q;
    char err[64];
    assert_int_equal(query_parse("comment porter plainte", 22, NULL, &q, err, sizeof err),
                     QUERY_OK);
    assert_true(query_is_question(q));
    query_free(q);
    assert_int_equal(query_parse("porter plainte", 14, NULL, &q, err, sizeof err), QUERY_OK);
    assert_false(query_is_question(q));
    query_free(q);
    /* A question by its first words, « ? » or not, with or without its
     * apostrophes and hyphen: « qu'est-ce que », « est-ce que », « où ». */
    ASSERT_SAME_QUERY("qu est ce qu une victime de traite", "qu'est-ce qu'une victime de traite ?");
    ASSERT_SAME_QUERY("qu'est-ce qu'une victime de traite", "qu'est-ce qu'une victime de traite ?");
    ASSERT_SAME_QUERY("qu’est ce qu’une victime de traite", "victime traite");
    ASSERT_SAME_QUERY("est-ce que l'ASE protège les mineurs", "ASE protège mineurs");
    ASSERT_SAME_QUERY("est ce que l ASE protège les mineurs", "ASE protège mineurs");
    ASSERT_SAME_QUERY("où sont les éducateurs", "où sont les éducateurs ?");
    /* « ou » typed first, without its accent, is « où »: nothing comes
     * before it for « or » to join. */
    ASSERT_SAME_QUERY("ou trouver de l aide", "où trouver de l'aide ?");
    ASSERT_SAME_QUERY("Ou porter plainte", "où porter plainte");
    /* A preposition or a few, then an interrogative, ask too. */
    ASSERT_SAME_QUERY("a qui s adresser pour un mineur", "à qui s'adresser pour un mineur ?");
    ASSERT_SAME_QUERY("de quoi a besoin une victime", "besoin victime");
    const char *const asks[] = {"qu est ce qu une victime",
                                "Qu'est-ce que la traite",
                                "est-ce que la traite est un crime",
                                "Où porter plainte",
                                "ou porter plainte",
                                "à partir de quel âge un mineur est-il majeur",
                                "jusqu'à quand dure la protection",
                                "jusqu a quand dure la protection",
                                "avec qui travailler",
                                "en quoi consiste la traite",
                                "depuis combien de temps",
                                "c'est quoi la traite",
                                "c est quoi l ASE",
                                "le 115 sert à quoi"};
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        assert_int_equal(query_parse(asks[i], strlen(asks[i]), NULL, &q, err, sizeof err),
                         QUERY_OK);
        if (!query_is_question(q))
            fail_msg("not read as a question: %s", asks[i]);
        query_free(q);
    }
    /* A verb and its subject pronoun inverted anywhere, or an interrogative
     * opening a later clause, ask too. */
    const char *const later[] = {"une victime sans papiers peut-elle obtenir un titre de séjour",
                                 "a-t-il un titre",
                                 "peut-on porter plainte",
                                 "va-t-on porter plainte",
                                 "victime de traite, que faire",
                                 "titre de séjour : comment l'obtenir",
                                 "les mineurs aident-ils"};
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        assert_int_equal(query_parse(later[i], strlen(later[i]), NULL, &q, err, sizeof err),
                         QUERY_OK);
        if (!query_is_question(q))
            fail_msg("not read as a question: %s", later[i]);
        query_free(q);
    }
    ASSERT_SAME_QUERY("une victime sans papiers peut-elle obtenir un titre de séjour",
                      "une victime sans papiers peut-elle obtenir un titre de séjour ?");
    /* Typed without the hyphen, after an auxiliary or a modal verb. */
    ASSERT_SAME_QUERY("une victime sans papiers peut elle obtenir un titre de sejour",
                      "victime sans papiers obtenir titre sejour");
    ASSERT_SAME_QUERY("faut il un titre de sejour", "titre sejour");
    assert_int_equal(clauses_of(f, "puis il porte plainte"), 4);
    assert_int_equal(clauses_of(f, "la loi, il faut la connaitre"), 6);
    /* « ou » without its accent between words is « or », and alone a
     * word; « est » alone, the east. An
     * elided pronoun is no inversion (« s'il », « qu'on », « lorsqu'il »),
     * nor an object pronoun after an imperative (« connectez-vous »), nor
     * « -on » after a word other than an auxiliary, a modal or a euphonic t
     * (« add-on »). */
    const char *const states[] = {"la traite ou bien l'exploitation",
                                  "ou",
                                  "pour que la victime soit protégée",
                                  "pour ou contre la prostitution",
                                  "mineurs isolés, ou jeunes majeurs",
                                  "de la traite qui exploite",
                                  "est de la France",
                                  "la traite est-ce",
                                  "victime s'il porte plainte",
                                  "victime qu'on aide",
                                  "victime lorsqu'il part",
                                  "connectez-vous au site",
                                  "rendez-vous au commissariat",
                                  "add-on firefox",
                                  "reset-on du serveur",
                                  "la traite, une exploitation"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        assert_int_equal(query_parse(states[i], strlen(states[i]), NULL, &q, err, sizeof err),
                         QUERY_OK);
        if (query_is_question(q))
            fail_msg("read as a question: %s", states[i]);
        query_free(q);
    }
    /* A determiner that ends its clause is a noun: « son » is the sound. */
    assert_int_equal(clauses_of(f, "pourquoi je n'ai pas de son ?"), 2);
    ASSERT_SAME_QUERY("pourquoi je n ai pas de son", "pourquoi je n'ai pas de son ?");
    ASSERT_SAME_QUERY("pourquoi je n'ai pas de son ?", "pas son");
    assert_int_equal(clauses_of(f, "je n'ai pas de son, que faire ?"), 3);
    assert_int_equal(clauses_of(f, "où est son titre de séjour ?"), 2);
    /* A possessive right after a determiner is a noun too (« le son », « du
     * ton », « au son »); a possessive before its noun is not. */
    ASSERT_SAME_QUERY("que faire si le son grésille ?", "faire le son grésille");
    ASSERT_SAME_QUERY("comment régler le ton du son ?", "régler le ton du son");
    ASSERT_SAME_QUERY("pourquoi au son de l'alerte ?", "au son de l'alerte");
    ASSERT_SAME_QUERY("comment changer son titre de séjour ?", "changer titre séjour");
    ASSERT_SAME_QUERY("un des mineurs est-il protégé ?", "mineurs protégé");
    /* Not across a clause's end. */
    ASSERT_SAME_QUERY("que faire du titre, son délai ?", "faire titre délai");
    /* Words joined by OR, excluded or quoted are never dropped. */
    assert_int_equal(clauses_of(f, "comment \"une victime\" ?"), 1);
    assert_int_equal(clauses_of(f, "comment un OR une victime ?"), 2);
}

static void test_elision_without_apostrophe(void **state)
{
    fixture *f = *state;
    /* A lone elided word before a vowel or an h is read as with its
     * apostrophe, which the analyzer strips. */
    ASSERT_SAME_QUERY("mise a l abri", "mise à l'abri");
    ASSERT_SAME_QUERY("mise à l abri", "mise à l’abri");
    ASSERT_SAME_QUERY("droits d enfants", "droits d'enfants");
    ASSERT_SAME_QUERY("qu un enfant", "qu'un enfant");
    ASSERT_SAME_QUERY("j ai été victime", "j'ai été victime");
    ASSERT_SAME_QUERY("la mendicite n est pas", "la mendicite n'est pas");
    ASSERT_SAME_QUERY("s il c est m a t ont", "s'il c'est m'a t'ont");
    ASSERT_SAME_QUERY("L HOMME", "l'homme");
    ASSERT_SAME_QUERY("jusqu a l été", "jusqu'à l'été");
    ASSERT_SAME_QUERY("d Œuvre", "d'œuvre");
    ASSERT_SAME_QUERY("l’  abri", "l'abri");
    /* The four apostrophes the analyzer joins words with are one: a left
     * quote or a modifier letter typed for it (« l‘abri », « lʼabri ») is
     * read as « l'abri » everywhere the parser looks at the elision: the
     * article before an object (« sans l'assistant »), « qu' » after a
     * conjunction (« bien qu'elle »), a space after it. */
    ASSERT_SAME_QUERY("l‘  abri", "l'abri");
    ASSERT_SAME_QUERY("lʼ abri", "l'abri");
    ASSERT_SAME_QUERY("comment créer une requête sans l‘assistant ?",
                      "comment créer une requête sans l'assistant ?");
    ASSERT_SAME_QUERY("comment créer une requête sans lʼassistant ?",
                      "comment créer une requête sans l’assistant ?");
    ASSERT_SAME_QUERY("maison bien qu‘elle brûle", "maison bien qu'elle brûle");
    ASSERT_SAME_QUERY("maison bien quʼelle brûle", "maison bien qu’elle brûle");
    ASSERT_SAME_QUERY("\"mise a l abri\"", "\"mise à l'abri\"");
    ASSERT_SAME_QUERY("que faire si je soupconne qu un enfant est exploite ?",
                      "que faire si je soupconne qu'un enfant est exploite ?");
    ASSERT_SEARCH("l exploitation", "5,10");
    ASSERT_SEARCH("l exploitation domestique", "5");
    ASSERT_SEARCH("mineurs accompagnés par l ASE", "1");
    /* French elides only before a vowel or an h: the letter stays a word
     * before a consonant, a number, an operator or at the end. */
    assert_int_equal(clauses_of(f, "L 425-1"), 2);
    assert_int_equal(clauses_of(f, "vitamine c"), 2);
    assert_int_equal(clauses_of(f, "plan d"), 2);
    assert_int_equal(clauses_of(f, "l OR abri"), 1);
    assert_int_equal(clauses_of(f, "d OU enfants"), 1);
    assert_int_equal(clauses_of(f, "la l"), 2);
    /* Inside a word it is no elision. */
    assert_int_equal(clauses_of(f, "lol abri"), 2);
    assert_int_equal(clauses_of(f, "-l abri"), 1);
}

static void test_hostile_inputs(void **state)
{
    static const char *const hostile[] = {
        "\"",
        "\"\"",
        "\"\"\"",
        "NEAR(",
        "NEAR(a b)",
        "*",
        "**",
        "-",
        "--",
        "- -",
        "OR",
        "OR OR",
        "a OR",
        "OR a",
        "a OR OR b",
        "AND",
        "NOT",
        "a NOT b",
        "col:word",
        "body:mineurs",
        "^",
        "^mineurs",
        "(",
        ")",
        "(mineurs",
        "mineurs)",
        "((a))",
        "{a b}",
        "a + b",
        "\"a",
        "a\"",
        "-\"",
        "-\"mineurs",
        "mineurs*\"",
        "\"*\"",
        "'",
        "’",
        "l'",
        "qu’",
        "...",
        "-*",
        "*-",
        "a*",
        "é*",
        "=traite",
        "~traite",
        "!traite",
        "\"=traite\"",
        "\\",
        "\"\\\"",
        "\x01\x02\x1f",
        "mineurs\tnon\naccompagnés",
        "\xff\xfe",
        "\xc3",
        "mine\xc3urs",
        "\xe2\x80",
        "😀 ✓ ∞",
        "؟",
        "ﷺ",
        "ﷰ",
        ("a\xc2\xa0"
         "b"),
        "NEAR/3",
        "mineurs NEAR/2 traite",
        ":",
        "a:b:c",
        "\"a\" OR",
        /* shapes: synonym groups, exclusions, operators typed, prefixes */
        "MNA OR TEH",
        "MNA -traite",
        "MNA NOT traite",
        "MNA TEH -ASE -FA",
        "mineurs OR traite -exploitation",
        "(mineurs OR traite) exploitation",
        "mineurs AND traite OR exploitation NOT jeunes",
        "((mineurs)) ((traite OR TEH))",
        "\"mineurs \"non\" accompagnés\"",
        "mine* -trai*",
        "mineurs* OR traite*",
        "mineurs -\"traite des\"",
        "balises indicateurs -MNA",
        "title:traite OR mineurs",
        "NOT NOT mineurs",
        "différence entre traite et exploitation ?",
        "quelle différence entre MNA et ASE ?",
        "choisir entre mineurs et",
        "différence entre traite et exploitation et mineurs ?",
        "beaucoup de",
        "un grand nombre de mineurs accompagnés",
        "\"beaucoup de mineurs\" traite",
        "de nombreux mineurs -traite",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *r = search(*state, hostile[i], strlen(hostile[i]));
        free(r);
    }
    ASSERT_SEARCH("\"", "empty");
    ASSERT_SEARCH("*", "empty");
    ASSERT_SEARCH("- -- ...", "empty");
    ASSERT_SEARCH("« … » ; : ! ?", "empty");
    ASSERT_SEARCH("\"mineurs", "1,7,10");
    ASSERT_SEARCH("(mineurs", "1,7,10");
    ASSERT_SEARCH("NEAR(mineurs", "");
    ASSERT_SEARCH("body:mineurs", "");
}

static void test_long_and_many_terms(void **state)
{
    fixture *f = *state;
    buf b = BUF_INIT;
    for (int i = 0; i < 2000; i++)
        buf_puts(&b, "mineurs ");
    char *r = search(f, b.data, b.len);
    assert_string_equal(r, "1,7,10");
    free(r);
    buf_clear(&b);
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, "\"-*( OR)a"[i % 9]);
    r = search(f, b.data, b.len);
    free(r);
    buf_clear(&b);
    static const char *const mixed[] = {"mineurs", "OR",  "traite", "-exploitation",
                                        "MNA",     "(",   ")",      "\"filles accompagnées\"",
                                        "jeunes*", "TEH", "NOT"};
    for (int i = 0; i < 200; i++)
        buf_printf(&b, "%s ", mixed[(i * 7 + i / 3) % 11]);
    r = search(f, b.data, b.len);
    free(r);
    buf_clear(&b);
    for (int i = 0; i < 100; i++)
        buf_printf(&b, "mot%d ", i);
    query *q;
    char err[64];
    assert_int_equal(query_parse(b.data, b.len, NULL, &q, err, sizeof err), QUERY_OK);
    assert_true(query_clauses(q) <= QUERY_MAX_TERMS);
    query_free(q);
    buf_free(&b);
}

/* Random strings over a hostile alphabet: never an SQLite error. */
static void test_random_inputs(void **state)
{
    static const char *const pieces[] = {
        "\"",     "-",   "*",     "(",       ")", ":",  "^", " ",  " ",    " OR ", "OR",
        "AND",    "NOT", "NEAR(", "mineurs", "é", "l'", "’", ".",  "\xff", "\xc3", "\t",
        "traite", "+",   "\\",    "=",       "~", "!",  "1", "-1", "a",
    };
    unsigned seed = 12345;
    buf b = BUF_INIT;
    for (int n = 0; n < 1500; n++) {
        buf_clear(&b);
        seed = seed * 1103515245u + 12345u;
        int len = (int)((seed >> 16) % 12);
        for (int i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf_puts(&b, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
        }
        char *r = search(*state, b.data ? b.data : "", b.len);
        free(r);
    }
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_all_required_any_order),
        cmocka_unit_test(test_final_period),
        cmocka_unit_test(test_defining_phrase),
        cmocka_unit_test(test_shouted_query_has_no_acronym),
        cmocka_unit_test(test_accents_and_forms),
        cmocka_unit_test(test_phrase),
        cmocka_unit_test(test_phrase_content),
        cmocka_unit_test(test_weak_forms),
        cmocka_unit_test(test_derived_forms),
        cmocka_unit_test(test_derivations),
        cmocka_unit_test(test_more_derivations),
        cmocka_unit_test(test_derivations_irregular_stems),
        cmocka_unit_test(test_agent_derivations),
        cmocka_unit_test(test_joins_words),
        cmocka_unit_test(test_adjective_verbs),
        cmocka_unit_test(test_plural_forms),
        cmocka_unit_test(test_number_forms),
        cmocka_unit_test(test_person_forms),
        cmocka_unit_test(test_re_verb_forms),
        cmocka_unit_test(test_agent_nouns),
        cmocka_unit_test(test_exclusion),
        cmocka_unit_test(test_or),
        cmocka_unit_test(test_function_words_optional),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_file_extension),
        cmocka_unit_test(test_traite_is_not_traitement),
        cmocka_unit_test(test_synonyms_both_directions),
        cmocka_unit_test(test_synonym_group_dup),
        cmocka_unit_test(test_legal_references_and_numbers),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_exact_form_expression),
        cmocka_unit_test(test_exact_form_ranks_first),
        cmocka_unit_test(test_token_clause),
        cmocka_unit_test(test_drop_attached),
        cmocka_unit_test(test_auxiliary_tenses_say_little),
        cmocka_unit_test(test_compound_content_words),
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_asks_what_means),
        cmocka_unit_test(test_elision_without_apostrophe),
        cmocka_unit_test(test_hostile_inputs),
        cmocka_unit_test(test_long_and_many_terms),
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_accents_omitted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
