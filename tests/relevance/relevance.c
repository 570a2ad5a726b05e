/* relevance: scores the engine (lib/search.c, through search_run) on the
 * judged queries of tests/relevance/queries.tsv by nDCG@10 and MRR, per
 * class of queries and overall, next to a plain FTS5 baseline (unicode61
 * remove_diacritics 2, bm25(), the query's words quoted and AND-ed) built
 * from the same index's text. Prints TAP and tables; --scores prints every
 * query's scores under weights read from stdin instead of testing (for
 * tests/relevance/crossval). The engine measured is the library's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "judged.h"
#include "schema.h"
#include "search.h"

#define REL_TOP 10
#define REL_TOLERANCE 0.005
/* Queries before any "#@class" line: the original 50 of the first pass. */
#define REL_CLASS_DEFAULT "v1"
/* Issue 10's floor: a query under it is listed. */
#define REL_FLOOR 0.75

typedef struct {
    char *path;
    int grade;
} rel_judgment;

typedef struct {
    char *text;
    size_t cls; /* index in rel_set.classes */
    rel_judgment *j;
    size_t nj;
} rel_query;

typedef struct {
    rel_query *q;
    size_t n;
    judged_classes classes; /* in order of their first query */
} rel_set;

typedef struct {
    double ndcg, rr;
    char *top; /* path of the first result, or NULL */
} rel_score;

/* One "query<TAB>path<TAB>grade" line (a line with fewer fields is
 * skipped); a query belongs to one class only. */
static void rel_line(void *ctx, const char *cls, char **field, size_t n)
{
    rel_set *set = ctx;
    if (n < 3)
        return;
    rel_query *q = NULL;
    for (size_t i = 0; i < set->n && !q; i++)
        if (strcmp(set->q[i].text, field[0]) == 0)
            q = &set->q[i];
    if (!q) {
        set->q = realloc(set->q, (set->n + 1) * sizeof *set->q);
        if (!set->q)
            abort();
        q = &set->q[set->n++];
        memset(q, 0, sizeof *q);
        q->text = judged_strdup(field[0]);
        q->cls = judged_class_of(&set->classes, cls);
    } else if (strcmp(set->classes.name[q->cls], cls) != 0) {
        judged_die("judgments of one query under two classes", field[0]);
    }
    q->j = realloc(q->j, (q->nj + 1) * sizeof *q->j);
    if (!q->j)
        abort();
    /* a path written "./corpus/..." is the path "corpus/..." */
    const char *path = field[1];
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    q->j[q->nj].path = judged_strdup(path);
    q->j[q->nj].grade = atoi(field[2]);
    q->nj++;
}

/* Reads "query<TAB>path<TAB>grade" lines ("#" comments, blank lines). A
 * "#@class NAME" line puts the queries that follow in class NAME. */
static void rel_load(const char *file, rel_set *set)
{
    memset(set, 0, sizeof *set);
    judged_read(file, REL_CLASS_DEFAULT, 3, rel_line, set);
}

static int rel_grade(const rel_query *q, const char *path)
{
    for (size_t i = 0; i < q->nj; i++)
        if (judged_same_path(q->j[i].path, path))
            return q->j[i].grade;
    return 0;
}

static int rel_cmp_desc(const void *a, const void *b)
{
    return *(const int *)b - *(const int *)a;
}

/* nDCG@10 (gain 2^g - 1) and reciprocal rank of the first grade >= 2. */
static rel_score rel_score_of(const rel_query *q, char **paths, size_t n)
{
    rel_score s = {0, 0, n ? judged_strdup(paths[0]) : NULL};
    double dcg = 0, idcg = 0;
    for (size_t i = 0; i < n && i < REL_TOP; i++) {
        int g = rel_grade(q, paths[i]);
        dcg += (pow(2, g) - 1) / log2((double)i + 2);
        if (g >= 2 && s.rr == 0)
            s.rr = 1.0 / ((double)i + 1);
    }
    int *grades = calloc(q->nj ? q->nj : 1, sizeof *grades);
    if (!grades)
        abort();
    for (size_t i = 0; i < q->nj; i++)
        grades[i] = q->j[i].grade;
    qsort(grades, q->nj, sizeof *grades, rel_cmp_desc);
    for (size_t i = 0; i < q->nj && i < REL_TOP; i++)
        idcg += (pow(2, grades[i]) - 1) / log2((double)i + 2);
    free(grades);
    s.ndcg = idcg > 0 ? dcg / idcg : 0;
    return s;
}

static void rel_free_paths(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
}

/* The engine: search_run, first page of 10. Returns -1 on error. */
static int rel_engine(search_ctx *ctx, const char *text, size_t top, char **paths, size_t *n,
                      char *err, size_t errlen)
{
    search_request req = {.q = text, .limit = (int)top};
    search_result res;
    int rc = search_run(ctx, &req, &res, err, errlen);
    *n = 0;
    if (rc == SEARCH_OK)
        for (size_t i = 0; i < res.n_hits && i < top; i++)
            paths[(*n)++] = judged_strdup(res.hits[i].path);
    search_result_free(&res);
    /* A query with nothing to search (only stop characters) is a miss, not
     * an error. */
    return rc == SEARCH_OK || rc == SEARCH_EBADREQ ? 0 : -1;
}

/* The plain baseline: an in-memory FTS5 table of title and text. */
typedef struct {
    sqlite3 *mem;
    sqlite3_stmt *query;
} rel_plain;

static void rel_plain_open(const char *db_path, rel_plain *p)
{
    sqlite3 *idx = NULL;
    sqlite3_stmt *rd = NULL, *wr = NULL;
    char err[512];
    if (schema_open(db_path, SCHEMA_READONLY, &idx, err, sizeof err) != 0)
        judged_die("open the index for the baseline", err);
    if (sqlite3_open(":memory:", &p->mem) != SQLITE_OK ||
        sqlite3_exec(p->mem,
                     "CREATE VIRTUAL TABLE plain USING fts5(path UNINDEXED, title, body,"
                     " tokenize='unicode61 remove_diacritics 2')",
                     NULL, NULL, NULL) != SQLITE_OK)
        judged_die("create the baseline table", sqlite3_errmsg(p->mem));
    if (sqlite3_prepare_v2(idx,
                           "SELECT d.path, d.title, t.body FROM documents d"
                           " JOIN docs_text t ON t.id = d.id",
                           -1, &rd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(p->mem, "INSERT INTO plain(path, title, body) VALUES (?1, ?2, ?3)", -1,
                           &wr, NULL) != SQLITE_OK)
        judged_die("read the index for the baseline", sqlite3_errmsg(idx));
    sqlite3_exec(p->mem, "BEGIN", NULL, NULL, NULL);
    while (sqlite3_step(rd) == SQLITE_ROW) {
        for (int i = 0; i < 3; i++)
            sqlite3_bind_value(wr, i + 1, sqlite3_column_value(rd, i));
        if (sqlite3_step(wr) != SQLITE_DONE)
            judged_die("fill the baseline table", sqlite3_errmsg(p->mem));
        sqlite3_reset(wr);
    }
    sqlite3_exec(p->mem, "COMMIT", NULL, NULL, NULL);
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    sqlite3_close(idx);
    if (sqlite3_prepare_v2(p->mem,
                           "SELECT path FROM plain WHERE plain MATCH ?1"
                           " ORDER BY bm25(plain), rowid LIMIT ?2",
                           -1, &p->query, NULL) != SQLITE_OK)
        judged_die("prepare the baseline query", sqlite3_errmsg(p->mem));
}

/* Each whitespace-separated piece with a letter or digit, quoted. */
static char *rel_plain_expr(const char *text)
{
    buf b = BUF_INIT;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *s = p;
        int word = 0;
        while (*p && *p != ' ' && *p != '\t') {
            unsigned char c = (unsigned char)*p++;
            word |= c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
        }
        if (!word)
            continue;
        buf_puts(&b, b.len ? " AND \"" : "\"");
        for (const char *q = s; q < p; q++) {
            if (*q == '"')
                buf_putc(&b, '"');
            buf_putc(&b, *q);
        }
        buf_putc(&b, '"');
    }
    return buf_detach(&b);
}

static void rel_plain_run(rel_plain *p, const char *text, size_t top, char **paths, size_t *n)
{
    char *expr = rel_plain_expr(text);
    *n = 0;
    if (expr[0]) {
        sqlite3_bind_text(p->query, 1, expr, -1, SQLITE_STATIC);
        sqlite3_bind_int(p->query, 2, (int)top);
        while (sqlite3_step(p->query) == SQLITE_ROW && *n < top)
            paths[(*n)++] = judged_strdup((const char *)sqlite3_column_text(p->query, 0));
        sqlite3_reset(p->query);
    }
    free(expr);
}

/* Mean nDCG@10 and MRR of the engine over the set; per-query scores kept
 * when scores != NULL. Returns the number of queries that failed. */
static int rel_run_engine(search_ctx *ctx, const rel_set *set, rel_score *scores, double *ndcg,
                          double *mrr)
{
    char *paths[REL_TOP];
    char err[512];
    int failed = 0;
    *ndcg = *mrr = 0;
    for (size_t i = 0; i < set->n; i++) {
        size_t n;
        if (rel_engine(ctx, set->q[i].text, REL_TOP, paths, &n, err, sizeof err) != 0) {
            printf("# query \"%s\" failed: %s\n", set->q[i].text, err);
            failed++;
        }
        rel_score s = rel_score_of(&set->q[i], paths, n);
        rel_free_paths(paths, n);
        *ndcg += s.ndcg;
        *mrr += s.rr;
        if (scores)
            scores[i] = s;
        else
            free(s.top);
    }
    if (set->n) {
        *ndcg /= (double)set->n;
        *mrr /= (double)set->n;
    }
    return failed;
}

/* One class's means, its worst query, and its committed baseline. */
typedef struct {
    size_t n;
    double ndcg, mrr, p_ndcg, p_mrr;
    double worst;         /* lowest nDCG@10 of the class */
    size_t worst_q;       /* that query's index in the set */
    double b_ndcg, b_mrr; /* committed; -1 when baseline.txt has none */
} rel_class_score;

/* Means per class of the engine and plain scores; cs has set->classes.n + 1
 * entries, the last one for all queries. */
static void rel_by_class(const rel_set *set, const rel_score *engine, const rel_score *plain,
                         rel_class_score *cs)
{
    for (size_t c = 0; c <= set->classes.n; c++)
        cs[c] = (rel_class_score){.worst = 2, .b_ndcg = -1, .b_mrr = -1};
    for (size_t i = 0; i < set->n; i++) {
        rel_class_score *both[2] = {&cs[set->q[i].cls], &cs[set->classes.n]};
        for (int k = 0; k < 2; k++) {
            rel_class_score *c = both[k];
            c->n++;
            c->ndcg += engine[i].ndcg;
            c->mrr += engine[i].rr;
            c->p_ndcg += plain[i].ndcg;
            c->p_mrr += plain[i].rr;
            if (engine[i].ndcg < c->worst) {
                c->worst = engine[i].ndcg;
                c->worst_q = i;
            }
        }
    }
    for (size_t c = 0; c <= set->classes.n; c++)
        if (cs[c].n) {
            cs[c].ndcg /= (double)cs[c].n;
            cs[c].mrr /= (double)cs[c].n;
            cs[c].p_ndcg /= (double)cs[c].n;
            cs[c].p_mrr /= (double)cs[c].n;
        }
}

/* "ndcg@10 VALUE" and "mrr VALUE" are class v1 (the original 50 queries);
 * "ndcg@10 CLASS VALUE" and "mrr CLASS VALUE" any class; "#" comments.
 * A floor given twice is an error. */
static void rel_read_baseline(const char *file, const rel_set *set, rel_class_score *cs)
{
    FILE *f = fopen(file, "r");
    char *line = NULL;
    size_t cap = 0;
    if (!f)
        return;
    while (getline(&line, &cap, f) > 0) {
        char key[64], cls[64], value[64];
        int n = line[0] == '#' ? 0 : sscanf(line, "%63s %63s %63s", key, cls, value);
        if (n == 2) {
            memcpy(value, cls, sizeof value);
            strcpy(cls, REL_CLASS_DEFAULT);
        } else if (n != 3) {
            continue;
        }
        for (size_t c = 0; c < set->classes.n; c++) {
            if (strcmp(set->classes.name[c], cls) != 0)
                continue;
            double *slot = strcmp(key, "ndcg@10") == 0 ? &cs[c].b_ndcg
                           : strcmp(key, "mrr") == 0   ? &cs[c].b_mrr
                                                       : NULL;
            if (!slot)
                continue;
            /* Two lines for one floor (a merge that kept both sides) would
             * leave the first unchecked: the last one read wins. */
            if (*slot >= 0) {
                line[strcspn(line, "\n")] = '\0';
                judged_die("read the baseline: two lines for one floor", line);
            }
            *slot = atof(value);
        }
    }
    free(line);
    fclose(f);
}

static void rel_write_baseline(const char *file, const char *queries, const rel_set *set,
                               const rel_class_score *cs)
{
    FILE *f = fopen(file, "w");
    if (!f)
        judged_die("write the baseline", file);
    const char *base = strrchr(queries, '/');
    fprintf(f,
            "# Engine means per class of %s (relevance --write-baseline).\n"
            "# Without a class name: class " REL_CLASS_DEFAULT ".\n",
            base ? base + 1 : queries);
    for (size_t c = 0; c < set->classes.n; c++) {
        const char *name =
            strcmp(set->classes.name[c], REL_CLASS_DEFAULT) ? set->classes.name[c] : NULL;
        fprintf(f, "ndcg@10 %s%s%.4f\nmrr %s%s%.4f\n", name ? name : "", name ? " " : "",
                cs[c].ndcg, name ? name : "", name ? " " : "", cs[c].mrr);
    }
    fclose(f);
}

/* The per-class table, the queries under REL_FLOOR, and the per-query table. */
static void rel_report(buf *t, const rel_set *set, const rel_score *engine, const rel_score *plain,
                       const rel_class_score *cs)
{
    buf_printf(t, "| class | queries | nDCG@10 | MRR | worst nDCG@10 | worst query | plain nDCG@10 "
                  "| plain MRR | committed nDCG@10 | committed MRR |\n");
    buf_printf(t, "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
    for (size_t c = 0; c <= set->classes.n; c++) {
        char b_ndcg[16] = "-", b_mrr[16] = "-";
        if (cs[c].b_ndcg >= 0)
            snprintf(b_ndcg, sizeof b_ndcg, "%.4f", cs[c].b_ndcg);
        if (cs[c].b_mrr >= 0)
            snprintf(b_mrr, sizeof b_mrr, "%.4f", cs[c].b_mrr);
        buf_printf(t, "| %s | %zu | %.4f | %.4f | %.3f | %s | %.4f | %.4f | %s | %s |\n",
                   c < set->classes.n ? set->classes.name[c] : "**all**", cs[c].n, cs[c].ndcg,
                   cs[c].mrr, cs[c].n ? cs[c].worst : 0, cs[c].n ? set->q[cs[c].worst_q].text : "",
                   cs[c].p_ndcg, cs[c].p_mrr, b_ndcg, b_mrr);
    }
    buf_printf(t, "\nQueries under nDCG@10 %.2f:\n\n", REL_FLOOR);
    for (size_t i = 0; i < set->n; i++)
        if (engine[i].ndcg < REL_FLOOR)
            buf_printf(t, "- %s: %s (%.3f)\n", set->classes.name[set->q[i].cls], set->q[i].text,
                       engine[i].ndcg);
    buf_printf(t, "\n| class | query | nDCG@10 | RR | plain nDCG@10 | plain RR | first result |\n");
    buf_printf(t, "| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    for (size_t i = 0; i < set->n; i++)
        buf_printf(t, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s |\n",
                   set->classes.name[set->q[i].cls], set->q[i].text, engine[i].ndcg, engine[i].rr,
                   plain[i].ndcg, plain[i].rr, engine[i].top ? engine[i].top : "(none)");
}

/* Reads "TITLE,HEADINGS,BODY,PROX,EXACT[,PHRASE[,K1,B[,SPAN[,HIDDEN]]]]" into
 * t (missing trailing values keep t's). Returns 0, or -1 when fewer than
 * five numbers are given. */
static int rel_parse_weights(const char *s, search_tuning *t)
{
    int n = sscanf(s, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &t->w_title, &t->w_headings,
                   &t->w_body, &t->w_prox, &t->w_exact, &t->w_phrase, &t->k1, &t->b, &t->w_span,
                   &t->w_hidden);
    return n >= 5 ? 0 : -1;
}

/* --scores: for tests/relevance/crossval. Prints each query once
 * ("query INDEX CLASS TEXT"), then, for each line of weights read from
 * stdin (rel_parse_weights, from the engine's defaults), "point WEIGHTS"
 * and every query's nDCG@10 and reciprocal rank in the set's order
 * ("ndcg V1 V2 ...", "rr V1 V2 ..."). Returns the number of failed
 * queries and unreadable lines. */
static int rel_scores(search_ctx *ctx, const rel_set *set)
{
    search_tuning defaults, t;
    rel_score *s = calloc(set->n ? set->n : 1, sizeof *s);
    char *line = NULL;
    size_t cap = 0;
    int failed = 0;
    if (!s)
        abort();
    search_get_tuning(ctx, &defaults);
    for (size_t i = 0; i < set->n; i++)
        printf("query %zu %s %s\n", i, set->classes.name[set->q[i].cls], set->q[i].text);
    while (getline(&line, &cap, stdin) > 0) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0])
            continue;
        t = defaults;
        if (rel_parse_weights(line, &t) != 0) {
            printf("# unreadable weights: %s\n", line);
            failed++;
            continue;
        }
        search_set_tuning(ctx, &t);
        double ndcg, mrr;
        failed += rel_run_engine(ctx, set, s, &ndcg, &mrr);
        printf("point %s\nndcg", line);
        for (size_t i = 0; i < set->n; i++)
            printf(" %.6f", s[i].ndcg);
        printf("\nrr");
        for (size_t i = 0; i < set->n; i++) {
            printf(" %.6f", s[i].rr);
            free(s[i].top);
        }
        printf("\n");
    }
    free(line);
    free(s);
    return failed;
}

/* --pool N: for judging by pooling, prints the engine's and plain FTS5's
 * first N results of every query ("engine|plain<TAB>query<TAB>path"),
 * without scores. Returns the number of failed queries. */
static int rel_pool(search_ctx *ctx, const char *db, const rel_set *set, size_t top)
{
    char **paths = calloc(top, sizeof *paths);
    char err[512];
    int failed = 0;
    rel_plain base;
    if (!paths)
        abort();
    rel_plain_open(db, &base);
    for (size_t i = 0; i < set->n; i++) {
        size_t n;
        if (rel_engine(ctx, set->q[i].text, top, paths, &n, err, sizeof err) != 0) {
            printf("# query \"%s\" failed: %s\n", set->q[i].text, err);
            failed++;
        }
        for (size_t k = 0; k < n; k++)
            printf("engine\t%s\t%s\n", set->q[i].text, paths[k]);
        rel_free_paths(paths, n);
        rel_plain_run(&base, set->q[i].text, top, paths, &n);
        for (size_t k = 0; k < n; k++)
            printf("plain\t%s\t%s\n", set->q[i].text, paths[k]);
        rel_free_paths(paths, n);
    }
    sqlite3_finalize(base.query);
    sqlite3_close(base.mem);
    free(paths);
    return failed;
}

static void rel_usage(void)
{
    fprintf(stderr,
            "usage: relevance --db INDEX --queries TSV [--synonyms FILE]"
            " [--baseline FILE] [--out MD] [--write-baseline] [--scores]\n"
            "       [--pool N]\n"
            "       [--weights TITLE,HEADINGS,BODY,PROX,EXACT[,PHRASE[,K1,B[,SPAN[,HIDDEN]]]]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *db = NULL, *queries = NULL, *synonyms = NULL, *baseline = NULL, *out = NULL,
               *weights = NULL, *pool = NULL;
    int scores = 0, write_baseline = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--db")         ? &db
                            : !strcmp(a, "--queries")  ? &queries
                            : !strcmp(a, "--synonyms") ? &synonyms
                            : !strcmp(a, "--baseline") ? &baseline
                            : !strcmp(a, "--out")      ? &out
                            : !strcmp(a, "--weights")  ? &weights
                            : !strcmp(a, "--pool")     ? &pool
                                                       : NULL;
        if (slot && i + 1 < argc)
            *slot = argv[++i];
        else if (!strcmp(a, "--scores"))
            scores = 1;
        else if (!strcmp(a, "--write-baseline"))
            write_baseline = 1;
        else
            rel_usage();
    }
    if (!db || !queries)
        rel_usage();

    rel_set set;
    rel_load(queries, &set);
    search_ctx *ctx = NULL;
    char err[512];
    if (search_open(db, synonyms, 5000, &ctx, err, sizeof err) != SEARCH_OK)
        judged_die("open the index", err);
    if (weights) {
        search_tuning t;
        search_get_tuning(ctx, &t);
        if (rel_parse_weights(weights, &t) != 0)
            rel_usage();
        search_set_tuning(ctx, &t);
    }
    if (pool) {
        int top = atoi(pool);
        if (top < 1 || top > 100)
            rel_usage();
        int failed = rel_pool(ctx, db, &set, (size_t)top);
        search_close(ctx);
        return failed ? 1 : 0;
    }
    if (scores) {
        int failed = rel_scores(ctx, &set);
        search_close(ctx);
        return failed ? 1 : 0;
    }

    rel_score *engine = calloc(set.n ? set.n : 1, sizeof *engine);
    rel_score *plain = calloc(set.n ? set.n : 1, sizeof *plain);
    rel_class_score *cs = calloc(set.classes.n + 1, sizeof *cs);
    if (!engine || !plain || !cs)
        abort();
    double e_ndcg, e_mrr;
    int failed = rel_run_engine(ctx, &set, engine, &e_ndcg, &e_mrr);
    rel_plain base;
    rel_plain_open(db, &base);
    for (size_t i = 0; i < set.n; i++) {
        char *paths[REL_TOP];
        size_t n;
        rel_plain_run(&base, set.q[i].text, REL_TOP, paths, &n);
        plain[i] = rel_score_of(&set.q[i], paths, n);
        rel_free_paths(paths, n);
    }
    rel_by_class(&set, engine, plain, cs);
    if (baseline && write_baseline)
        rel_write_baseline(baseline, queries, &set, cs);
    rel_read_baseline(baseline ? baseline : "", &set, cs);

    buf table = BUF_INIT;
    rel_report(&table, &set, engine, plain, cs);
    if (out) {
        FILE *f = fopen(out, "w");
        if (f) {
            fprintf(f,
                    "# Relevance: Repère vs plain FTS5 (unicode61 remove_diacritics 2 + "
                    "bm25)\n\n%s",
                    table.data);
            fclose(f);
        }
    }

    /* Tests 3.. : each class against its committed means; then the engine
     * against plain FTS5 on class v1, as before classes existed. */
    size_t v1 = set.classes.n;
    for (size_t c = 0; c < set.classes.n; c++)
        if (strcmp(set.classes.name[c], REL_CLASS_DEFAULT) == 0)
            v1 = c;
    printf("1..%zu\n", 3 + 2 * set.classes.n);
    long long docs = search_count(ctx);
    judged_tap tap = {0, 0};
    judged_check(&tap, docs > 0, "the index has documents (%lld)", docs);
    judged_check(&tap, failed == 0 && set.n > 0, "every judged query ran (%zu queries, %d failed)",
                 set.n, failed);
    for (size_t c = 0; c < set.classes.n; c++) {
        const rel_class_score *k = &cs[c];
        judged_check(&tap, k->b_ndcg >= 0 && k->ndcg >= k->b_ndcg - REL_TOLERANCE,
                     "%s: nDCG@10 %.4f not below the committed %.4f (tolerance %.3f)",
                     set.classes.name[c], k->ndcg, k->b_ndcg, REL_TOLERANCE);
        judged_check(&tap, k->b_mrr >= 0 && k->mrr >= k->b_mrr - REL_TOLERANCE,
                     "%s: MRR %.4f not below the committed %.4f (tolerance %.3f)",
                     set.classes.name[c], k->mrr, k->b_mrr, REL_TOLERANCE);
    }
    /* Not below plain FTS5 by more than the floors' tolerance: where the
     * keyword queries are easy, both reach the ceiling and a strict « above »
     * is a coin toss (heldout39, session 30: 0.9834 against 0.9835, two
     * relevant pages in the other order); every other set is 0.024 or more
     * above. */
    const rel_class_score *k = &cs[v1];
    judged_check(&tap, v1 < set.classes.n && k->ndcg >= k->p_ndcg - REL_TOLERANCE,
                 "%s: engine nDCG@10 %.4f not below plain FTS5 %.4f (tolerance %.3f; MRR %.4f vs "
                 "%.4f)",
                 REL_CLASS_DEFAULT, k->ndcg, k->p_ndcg, REL_TOLERANCE, k->mrr, k->p_mrr);
    for (char *line = table.data; line && *line;) {
        char *nl = strchr(line, '\n');
        printf("# %.*s\n", (int)(nl ? nl - line : (long)strlen(line)), line);
        line = nl ? nl + 1 : NULL;
    }

    for (size_t i = 0; i < set.n; i++) {
        free(engine[i].top);
        free(plain[i].top);
        for (size_t j = 0; j < set.q[i].nj; j++)
            free(set.q[i].j[j].path);
        free(set.q[i].j);
        free(set.q[i].text);
    }
    judged_classes_free(&set.classes);
    free(set.q);
    free(engine);
    free(plain);
    free(cs);
    buf_free(&table);
    sqlite3_finalize(base.query);
    sqlite3_close(base.mem);
    search_close(ctx);
    /* the TAP lines say which; the status says whether, for a run by hand */
    return tap.failed ? 1 : 0;
}
