/* pages: scores the page a PDF hit carries (search_hit.page, the page of
 * the passage its snippet shows: lib/snippet.c) against the judged pages of
 * tests/relevance/pages/judgments.tsv, through search_run on real indexes.
 * Prints TAP against a committed floor. Does not judge the ranking
 * (relevance.c does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "judged.h"
#include "schema.h"
#include "search.h"

/* An item is a (query, PDF) pair; it is scored when the PDF is among the
 * query's first 10 results. Reports page accuracy (the share of scored items
 * whose page has grade 2, and grade >= 1) per class and overall, next to two
 * references: the first page, and the page with the most distinct query
 * words (not counting words every page of the PDF has). */

#define PG_TOP 10
#define PG_TOLERANCE 0.005
#define PG_MAX_DB 8
#define PG_MAX_WORDS 64

typedef struct {
    int page, grade;
} pg_grade;

typedef struct {
    char *query, *path;
    size_t cls;
    pg_grade *g;
    size_t ng;
} pg_item;

typedef struct {
    pg_item *it;
    size_t n;
    judged_classes classes; /* in order of their first item */
} pg_set;

/* What one item got. rank 0: the PDF is not among the first PG_TOP. */
typedef struct {
    int rank, page, naive, best;
} pg_outcome;

typedef struct {
    search_ctx *ctx;
    sqlite3 *db; /* the same index, read for the naive reference's pages */
} pg_index;

/* One "query<TAB>path<TAB>page<TAB>grade" line; lines with the same query
 * and path form one item. */
static void pg_line(void *ctx, const char *cls, char **field, size_t n)
{
    pg_set *set = ctx;
    if (n < 4)
        judged_die("read a judgment (query, path, page, grade)", field[0]);
    int page = atoi(field[2]), grade = atoi(field[3]);
    if (page < 1 || grade < 0 || grade > 2)
        judged_die("read a judgment (page >= 1, grade 0-2)", field[0]);
    pg_item *it = NULL;
    for (size_t i = 0; i < set->n && !it; i++)
        if (strcmp(set->it[i].query, field[0]) == 0 && strcmp(set->it[i].path, field[1]) == 0)
            it = &set->it[i];
    if (!it) {
        set->it = buf_xrealloc(set->it, (set->n + 1) * sizeof *set->it);
        it = &set->it[set->n++];
        memset(it, 0, sizeof *it);
        it->query = judged_strdup(field[0]);
        it->path = judged_strdup(field[1]);
        it->cls = judged_class_of(&set->classes, cls);
    }
    it->g = buf_xrealloc(it->g, (it->ng + 1) * sizeof *it->g);
    it->g[it->ng++] = (pg_grade){page, grade};
}

/* Reads the judgments; "#@class NAME" puts the lines that follow in class
 * NAME, "#" comments and blank lines are skipped (judged_read). */
static void pg_load(const char *file, pg_set *set)
{
    memset(set, 0, sizeof *set);
    judged_read(file, "all", 4, pg_line, set);
}

static int pg_grade_of(const pg_item *it, int page)
{
    for (size_t i = 0; i < it->ng; i++)
        if (it->g[i].page == page)
            return it->g[i].grade;
    return 0;
}

static int pg_best_grade(const pg_item *it)
{
    int best = 0;
    for (size_t i = 0; i < it->ng; i++)
        if (it->g[i].grade > best)
            best = it->g[i].grade;
    return best;
}

/* The naive reference. A word's keys are what ANALYZER_WORDS gives it
 * that are stems (its folded stem, the stem of its unaccented form, a
 * compound's whole); a query word is on a page when one of its keys is
 * a key of a word of the page. */
typedef struct {
    char *key[PG_MAX_WORDS][3];
    size_t nkeys[PG_MAX_WORDS];
    size_t n;
    int skip;
} pg_words;

static int pg_is_stem_key(const char *t, size_t len, const char **k, size_t *klen)
{
    if (len && (t[0] == ANALYZER_EXACT || t[0] == ANALYZER_FOLDED))
        return 0;
    *k = t[0] == ANALYZER_FOLDED_STEM ? t + 1 : t;
    *klen = t[0] == ANALYZER_FOLDED_STEM ? len - 1 : len;
    return *klen > 0;
}

static int pg_query_word(void *ctx, int flags, const char *t, size_t len, size_t s, size_t e)
{
    pg_words *w = ctx;
    const char *k;
    size_t kl;
    (void)s, (void)e;
    if (!(flags & ANALYZER_COLOCATED)) {
        /* a word typed twice counts once: its second copy's keys are skipped */
        w->skip = 0;
        for (size_t i = 0; i < w->n && !w->skip; i++)
            w->skip = strlen(w->key[i][0]) == len && memcmp(w->key[i][0], t, len) == 0;
        if (w->skip)
            return 0;
        if (w->n == PG_MAX_WORDS - 1)
            return 1;
        w->nkeys[w->n++] = 0;
    }
    if (!w->n || w->skip || w->nkeys[w->n - 1] == 3 || !pg_is_stem_key(t, len, &k, &kl))
        return 0;
    w->key[w->n - 1][w->nkeys[w->n - 1]++] = buf_xstrndup(k, kl);
    return 0;
}

typedef struct {
    const pg_words *w;
    unsigned char *on; /* on[word]: the word is on this page */
} pg_page_scan;

static int pg_page_word(void *ctx, int flags, const char *t, size_t len, size_t s, size_t e)
{
    pg_page_scan *p = ctx;
    const char *k;
    size_t kl;
    (void)flags, (void)s, (void)e;
    if (!pg_is_stem_key(t, len, &k, &kl))
        return 0;
    for (size_t i = 0; i < p->w->n; i++)
        for (size_t j = 0; j < p->w->nkeys[i]; j++)
            if (strlen(p->w->key[i][j]) == kl && memcmp(p->w->key[i][j], k, kl) == 0)
                p->on[i] = 1;
    return 0;
}

/* The page with the most distinct query words, among the words that not
 * every page with text has (those say nothing of where to look); the first
 * such page on a tie, page 1 when the document has no page. */
static int pg_naive_page(sqlite3 *db, long long doc, const char *query)
{
    pg_words w = {.n = 0, .skip = 0};
    analyzer_tokenize(query, strlen(query), ANALYZER_WORDS, pg_query_word, &w);
    sqlite3_stmt *st = NULL;
    unsigned char *on = NULL; /* pages x words */
    int npages = 0, best = 1;
    if (sqlite3_prepare_v2(db,
                           "SELECT page, text FROM chunks WHERE doc_id = ?1 AND page > 0"
                           " ORDER BY page, id",
                           -1, &st, NULL) != SQLITE_OK)
        judged_die("read the chunks", sqlite3_errmsg(db));
    sqlite3_bind_int64(st, 1, doc);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int page = sqlite3_column_int(st, 0);
        if (page > npages) {
            on = buf_xrealloc(on, (size_t)page * PG_MAX_WORDS);
            memset(on + (size_t)npages * PG_MAX_WORDS, 0, (size_t)(page - npages) * PG_MAX_WORDS);
            npages = page;
        }
        pg_page_scan scan = {&w, on + (size_t)(page - 1) * PG_MAX_WORDS};
        const char *text = (const char *)sqlite3_column_text(st, 1);
        analyzer_tokenize(text, (size_t)sqlite3_column_bytes(st, 1), ANALYZER_WORDS, pg_page_word,
                          &scan);
        scan.on[PG_MAX_WORDS - 1] = 1; /* this page has text */
    }
    sqlite3_finalize(st);
    int most = 0;
    for (int p = 0; p < npages; p++) {
        const unsigned char *row = on + (size_t)p * PG_MAX_WORDS;
        if (!row[PG_MAX_WORDS - 1])
            continue;
        int n = 0;
        for (size_t i = 0; i < w.n; i++) {
            int everywhere = 1;
            for (int q = 0; q < npages && everywhere; q++)
                if (on[(size_t)q * PG_MAX_WORDS + PG_MAX_WORDS - 1] &&
                    !on[(size_t)q * PG_MAX_WORDS + i])
                    everywhere = 0;
            n += row[i] && !everywhere;
        }
        if (n > most) {
            most = n;
            best = p + 1;
        }
    }
    free(on);
    for (size_t i = 0; i < w.n; i++)
        for (size_t j = 0; j < w.nkeys[i]; j++)
            free(w.key[i][j]);
    return best;
}

/* Runs the item's query on every index until one lists its PDF among the
 * first PG_TOP results. */
static int pg_run_item(pg_index *ix, size_t nix, const pg_item *it, pg_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->best = pg_best_grade(it);
    for (size_t k = 0; k < nix && !o->rank; k++) {
        search_request req = {.q = it->query, .limit = PG_TOP};
        search_result res;
        char err[512];
        int rc = search_run(ix[k].ctx, &req, &res, err, sizeof err);
        if (rc != SEARCH_OK && rc != SEARCH_EBADREQ) {
            printf("# %s: %s\n", it->query, err);
            return -1;
        }
        if (rc == SEARCH_OK)
            for (size_t i = 0; i < res.n_hits && i < PG_TOP && !o->rank; i++)
                if (judged_same_path(it->path, res.hits[i].path)) {
                    o->rank = (int)i + 1;
                    o->page = res.hits[i].page;
                    o->naive = pg_naive_page(ix[k].db, res.hits[i].id, it->query);
                }
        search_result_free(&res);
    }
    return 0;
}

/* The figures of a class (or of all items when cls == SIZE_MAX). */
typedef struct {
    size_t items, found, ceiling;
    size_t engine2, engine1, naive2, naive1, first2, first1;
} pg_figures;

static pg_figures pg_count(const pg_set *set, const pg_outcome *o, size_t cls)
{
    pg_figures f = {0};
    for (size_t i = 0; i < set->n; i++) {
        const pg_item *it = &set->it[i];
        if (cls != SIZE_MAX && it->cls != cls)
            continue;
        f.items++;
        if (!o[i].rank)
            continue;
        f.found++;
        f.ceiling += o[i].best == 2;
        int e = pg_grade_of(it, o[i].page), n = pg_grade_of(it, o[i].naive),
            p1 = pg_grade_of(it, 1);
        f.engine2 += e == 2, f.engine1 += e >= 1;
        f.naive2 += n == 2, f.naive1 += n >= 1;
        f.first2 += p1 == 2, f.first1 += p1 >= 1;
    }
    return f;
}

static double pg_share(size_t k, size_t n)
{
    return n ? (double)k / (double)n : 0;
}

static void pg_row(buf *b, const char *name, const pg_figures *f)
{
    buf_printf(b, "| %s | %zu | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name,
               f->items, f->found, pg_share(f->engine2, f->found), pg_share(f->engine1, f->found),
               pg_share(f->naive2, f->found), pg_share(f->naive1, f->found),
               pg_share(f->first2, f->found), pg_share(f->first1, f->found),
               pg_share(f->ceiling, f->found));
}

static const char *pg_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void pg_report(buf *b, const pg_set *set, const pg_outcome *o)
{
    buf_puts(b, "Page accuracy: the share of the items whose PDF is in the first 10 results"
                " (found) whose page has grade 2 (@2) or at least 1 (@1). naive: the page with"
                " the most distinct query words; page 1: the first page; ceiling: the items"
                " with a page of grade 2.\n\n"
                "| class | items | found | engine @2 | engine @1 | naive @2 | naive @1 |"
                " page 1 @2 | page 1 @1 | ceiling @2 |\n"
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (size_t c = 0; c < set->classes.n; c++) {
        pg_figures f = pg_count(set, o, c);
        pg_row(b, set->classes.name[c], &f);
    }
    pg_figures all = pg_count(set, o, SIZE_MAX);
    pg_row(b, "**all**", &all);
    buf_puts(b, "\n| query | PDF | rank | engine page (grade) | naive page (grade) |"
                " pages of grade 2 |\n| --- | --- | ---: | --- | --- | --- |\n");
    for (size_t i = 0; i < set->n; i++) {
        const pg_item *it = &set->it[i];
        buf_printf(b, "| %s | %s | ", it->query, pg_base(it->path));
        if (!o[i].rank)
            buf_puts(b, "- | not in the first 10 | | ");
        else
            buf_printf(b, "%d | %d (%d) | %d (%d) | ", o[i].rank, o[i].page,
                       pg_grade_of(it, o[i].page), o[i].naive, pg_grade_of(it, o[i].naive));
        const char *sep = "";
        for (size_t j = 0; j < it->ng; j++)
            if (it->g[j].grade == 2) {
                buf_printf(b, "%s%d", sep, it->g[j].page);
                sep = ", ";
            }
        buf_puts(b, " |\n");
    }
}

/* The floor: "found N", "engine@2 X", "engine@1 X" lines. A missing line
 * reads as -1 (the test fails: every figure needs a committed floor). */
typedef struct {
    double found, at2, at1;
} pg_floor;

static pg_floor pg_read_floor(const char *file)
{
    pg_floor fl = {-1, -1, -1};
    FILE *f = file ? fopen(file, "r") : NULL;
    char key[32];
    double v;
    while (f && fscanf(f, "%31s %lf", key, &v) == 2) {
        if (!strcmp(key, "found"))
            fl.found = v;
        else if (!strcmp(key, "engine@2"))
            fl.at2 = v;
        else if (!strcmp(key, "engine@1"))
            fl.at1 = v;
    }
    if (f)
        fclose(f);
    return fl;
}

/* Writes the floor from this run, never lowering a committed line. */
static void pg_write_floor(const char *file, const pg_figures *all)
{
    pg_floor old = pg_read_floor(file);
    double found = (double)all->found, at2 = pg_share(all->engine2, all->found),
           at1 = pg_share(all->engine1, all->found);
    FILE *f = fopen(file, "w");
    if (!f)
        judged_die("write the floor", file);
    fprintf(f, "found %.0f\nengine@2 %.4f\nengine@1 %.4f\n", found > old.found ? found : old.found,
            at2 > old.at2 ? at2 : old.at2, at1 > old.at1 ? at1 : old.at1);
    fclose(f);
}

static void pg_usage(void)
{
    fprintf(stderr, "usage: pages --db INDEX [--synonyms FILE] [--db INDEX [--synonyms FILE]]..."
                    " --judgments TSV [--floor FILE] [--write-floor] [--out MD]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *dbs[PG_MAX_DB], *syns[PG_MAX_DB] = {NULL}, *judgments = NULL, *floor_file = NULL,
                                *out = NULL;
    size_t ndb = 0;
    int write_floor = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--write-floor")) {
            write_floor = 1;
        } else if (i + 1 >= argc) {
            pg_usage();
        } else if (!strcmp(a, "--db") && ndb < PG_MAX_DB) {
            dbs[ndb++] = argv[++i];
        } else if (!strcmp(a, "--synonyms") && ndb) {
            syns[ndb - 1] = argv[++i];
        } else if (!strcmp(a, "--judgments")) {
            judgments = argv[++i];
        } else if (!strcmp(a, "--floor")) {
            floor_file = argv[++i];
        } else if (!strcmp(a, "--out")) {
            out = argv[++i];
        } else {
            pg_usage();
        }
    }
    if (!ndb || !judgments || (write_floor && !floor_file))
        pg_usage();

    pg_set set;
    pg_load(judgments, &set);
    pg_index ix[PG_MAX_DB];
    long long docs = 0;
    char err[512];
    for (size_t k = 0; k < ndb; k++) {
        if (search_open(dbs[k], syns[k], 5000, &ix[k].ctx, err, sizeof err) != SEARCH_OK)
            judged_die("open the index", err);
        if (schema_open(dbs[k], SCHEMA_READONLY, &ix[k].db, err, sizeof err) != 0)
            judged_die("open the index's chunks", err);
        long long n = search_count(ix[k].ctx);
        docs = k == 0 || n < docs ? n : docs;
    }
    pg_outcome *o = calloc(set.n ? set.n : 1, sizeof *o);
    if (!o)
        abort();
    size_t failed = 0;
    for (size_t i = 0; i < set.n; i++)
        failed += pg_run_item(ix, ndb, &set.it[i], &o[i]) != 0;

    pg_figures all = pg_count(&set, o, SIZE_MAX);
    if (write_floor)
        pg_write_floor(floor_file, &all);
    pg_floor fl = pg_read_floor(floor_file);
    buf table = BUF_INIT;
    pg_report(&table, &set, o);
    if (out) {
        FILE *f = fopen(out, "w");
        if (f) {
            fprintf(f, "# Pages: the page a PDF hit opens at\n\n%s", table.data);
            fclose(f);
        }
    }

    judged_tap tap = {0, 0};
    printf("1..5\n");
    judged_check(&tap, docs > 0, "every index has documents (the smallest has %lld)", docs);
    judged_check(&tap, failed == 0 && set.n > 0, "every item ran (%zu items, %zu failed)", set.n,
                 failed);
    judged_check(
        &tap, fl.found >= 0 && (double)all.found >= fl.found,
        "%zu items of %zu have their PDF in the first 10, not fewer than the committed %.0f",
        all.found, all.items, fl.found);
    double at2 = pg_share(all.engine2, all.found), at1 = pg_share(all.engine1, all.found);
    judged_check(&tap, fl.at2 >= 0 && at2 >= fl.at2 - PG_TOLERANCE,
                 "page accuracy @2 %.4f not below the committed %.4f (tolerance %.3f)", at2, fl.at2,
                 PG_TOLERANCE);
    judged_check(&tap, fl.at1 >= 0 && at1 >= fl.at1 - PG_TOLERANCE,
                 "page accuracy @1 %.4f not below the committed %.4f (tolerance %.3f)", at1, fl.at1,
                 PG_TOLERANCE);
    for (char *line = table.data; line && *line;) {
        char *nl = strchr(line, '\n');
        printf("# %.*s\n", (int)(nl ? nl - line : (long)strlen(line)), line);
        line = nl ? nl + 1 : NULL;
    }

    for (size_t i = 0; i < set.n; i++) {
        free(set.it[i].query);
        free(set.it[i].path);
        free(set.it[i].g);
    }
    judged_classes_free(&set.classes);
    free(set.it);
    free(o);
    buf_free(&table);
    for (size_t k = 0; k < ndb; k++) {
        sqlite3_close(ix[k].db);
        search_close(ix[k].ctx);
    }
    return tap.failed ? 1 : 0;
}
