/* naive: the pipeline the scale benchmark measures Repère against, as anyone
 * would write it: pdftotext (a subprocess) for PDFs, libxml2's text nodes for
 * HTML, text files as they are, all into one contentful FTS5 table with the
 * unicode61 tokenizer and no French analysis; queries are the mix's words
 * quoted for FTS5, MATCH + ORDER BY rank LIMIT 10, no snippet. */
#include <ctype.h>
#include <fcntl.h>
#include <ftw.h>
#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "driver.h"

/* Usage:
 *   naive index DB JOBS PATH...            JOBS threads extract, one writes
 *   naive loop DB QUERIES THREADS SECONDS  queries/s, p50, p99 (the floor)
 *   naive each DB QUERIES RUNS             each query on one thread
 *   naive translate QUERIES                the FTS5 expressions it runs */

extern char **environ;

#define NAIVE_COMMIT_EVERY 1000

/* ---- indexing ---- */

typedef struct {
    char **paths;
    size_t n, cap;
} naive_list;

static naive_list naive_files; /* nftw has no user pointer */

static int naive_walk_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    if (ftw->level > 0 && path[ftw->base] == '.')
        return type == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
    if (type == FTW_F) {
        if (naive_files.n == naive_files.cap) {
            naive_files.cap = naive_files.cap ? 2 * naive_files.cap : 1024;
            naive_files.paths =
                buf_xrealloc(naive_files.paths, naive_files.cap * sizeof *naive_files.paths);
        }
        naive_files.paths[naive_files.n++] = buf_xstrndup(path, strlen(path));
    }
    return FTW_CONTINUE;
}

static const char *naive_ext(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* pdftotext's UTF-8 output on its stdout. */
static int naive_pdf(const char *path, buf *out)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", (char *)path, "-", NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    char chunk[65536];
    ssize_t got;
    while ((got = read(fds[0], chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)got);
    close(fds[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return 0;
}

static void naive_html_text(xmlNode *n, buf *out)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            buf_puts(out, (const char *)n->content);
            buf_putc(out, ' ');
        } else if (n->type == XML_ELEMENT_NODE &&
                   strcasecmp((const char *)n->name, "script") != 0 &&
                   strcasecmp((const char *)n->name, "style") != 0) {
            naive_html_text(n->children, out);
        }
    }
}

static int naive_html(const char *path, buf *out)
{
    htmlDocPtr doc = htmlReadFile(path, NULL,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!doc)
        return -1;
    naive_html_text(xmlDocGetRootElement(doc), out);
    xmlFreeDoc(doc);
    return 0;
}

static int naive_text(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, got);
    fclose(f);
    return 0;
}

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *insert;
    pthread_mutex_t lock; /* the writer: one connection, one insert at a time */
    size_t next;          /* next file to take (under lock) */
    size_t docs, failed, in_txn;
    int sql_failed;
    char err[256];
} naive_index_state;

static void naive_store(naive_index_state *s, const char *path, const buf *text)
{
    sqlite3_bind_text(s->insert, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s->insert, 2, text->data ? text->data : "", (int)text->len, SQLITE_STATIC);
    if (sqlite3_step(s->insert) != SQLITE_DONE && !s->sql_failed) {
        s->sql_failed = 1;
        snprintf(s->err, sizeof s->err, "insert: %s", sqlite3_errmsg(s->db));
    }
    sqlite3_reset(s->insert);
    s->docs++;
    if (++s->in_txn == NAIVE_COMMIT_EVERY) {
        sqlite3_exec(s->db, "COMMIT; BEGIN", NULL, NULL, NULL);
        s->in_txn = 0;
    }
}

static void *naive_index_worker(void *arg)
{
    naive_index_state *s = arg;
    buf text = BUF_INIT;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = s->next++;
        pthread_mutex_unlock(&s->lock);
        if (i >= naive_files.n)
            break;
        const char *path = naive_files.paths[i], *ext = naive_ext(path);
        int rc;
        buf_clear(&text);
        if (strcasecmp(ext, "pdf") == 0)
            rc = naive_pdf(path, &text);
        else if (strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0 ||
                 strcasecmp(ext, "xhtml") == 0)
            rc = naive_html(path, &text);
        else if (strcasecmp(ext, "txt") == 0 || strcasecmp(ext, "md") == 0 ||
                 strcasecmp(ext, "text") == 0)
            rc = naive_text(path, &text);
        else
            continue;
        pthread_mutex_lock(&s->lock);
        if (rc == 0)
            naive_store(s, path, &text);
        else
            s->failed++;
        pthread_mutex_unlock(&s->lock);
    }
    buf_free(&text);
    return NULL;
}

static int naive_index(const char *db_path, int jobs, char **roots, int n_roots)
{
    for (int i = 0; i < n_roots; i++)
        if (nftw(roots[i], naive_walk_one, 64, FTW_PHYS | FTW_ACTIONRETVAL) != 0) {
            fprintf(stderr, "naive: cannot walk %s\n", roots[i]);
            return 1;
        }
    xmlInitParser();
    naive_index_state s = {.lock = PTHREAD_MUTEX_INITIALIZER};
    if (sqlite3_open(db_path, &s.db) != SQLITE_OK ||
        sqlite3_exec(s.db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING "
                     "fts5(path UNINDEXED, body, tokenize='unicode61'); BEGIN",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s.db, "INSERT INTO docs(path, body) VALUES (?1, ?2)", -1, &s.insert,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "naive: %s: %s\n", db_path, sqlite3_errmsg(s.db));
        sqlite3_close(s.db);
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_t *ids = buf_xrealloc(NULL, (size_t)jobs * sizeof *ids);
    for (int i = 0; i < jobs; i++)
        pthread_create(&ids[i], NULL, naive_index_worker, &s);
    for (int i = 0; i < jobs; i++)
        pthread_join(ids[i], NULL);
    free(ids);
    sqlite3_finalize(s.insert);
    int rc = sqlite3_exec(s.db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    if (rc != SQLITE_OK && !s.sql_failed) {
        s.sql_failed = 1;
        snprintf(s.err, sizeof s.err, "commit: %s", sqlite3_errmsg(s.db));
    }
    sqlite3_close(s.db);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (size_t i = 0; i < naive_files.n; i++)
        free(naive_files.paths[i]);
    free(naive_files.paths);
    xmlCleanupParser();
    if (s.sql_failed) {
        fprintf(stderr, "naive: %s\n", s.err);
        return 1;
    }
    printf("RESULT docs=%zu failed=%zu seconds=%.3f\n", s.docs, s.failed,
           (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}

/* ---- queries ---- */

/* The mix's query language (words all required, "phrases", -exclusions,
 * word* prefixes, OR between two items) as plain FTS5: every word or phrase
 * quoted, nothing analysed. */
static int naive_is_sep(unsigned char c)
{
    return isspace(c) || strchr(",;:!?()[]{}", c) != NULL;
}

static int naive_has_word(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

static char *naive_translate(const char *q)
{
    buf out = BUF_INIT;
    int items = 0, pending_or = 0;
    const char *p = q;
    while (*p) {
        if (naive_is_sep((unsigned char)*p) || strncmp(p, "«", 2) == 0 || strncmp(p, "»", 2) == 0) {
            p += (unsigned char)*p >= 0x80 ? 2 : 1;
            continue;
        }
        int negated = 0, prefix = 0;
        if (*p == '-' && p[1] && !naive_is_sep((unsigned char)p[1])) {
            negated = 1;
            p++;
        }
        const char *start;
        size_t len;
        if (*p == '"') {
            start = ++p;
            while (*p && *p != '"')
                p++;
            len = (size_t)(p - start);
            if (*p)
                p++;
        } else {
            start = p;
            while (*p && *p != '"' && !naive_is_sep((unsigned char)*p) && strncmp(p, "«", 2) != 0 &&
                   strncmp(p, "»", 2) != 0)
                p++;
            len = (size_t)(p - start);
            if (!negated &&
                (len == 2 && (strncmp(start, "OR", 2) == 0 || strncmp(start, "OU", 2) == 0))) {
                pending_or = items > 0;
                continue;
            }
            if (len > 1 && start[len - 1] == '*') {
                prefix = 1;
                len--;
            }
        }
        if (!naive_has_word(start, len) || (negated && items == 0))
            continue;
        if (items > 0)
            buf_puts(&out, negated ? " NOT " : pending_or ? " OR " : " ");
        buf_putc(&out, '"');
        for (size_t i = 0; i < len; i++) {
            if (start[i] == '"')
                buf_putc(&out, '"');
            buf_putc(&out, start[i]);
        }
        buf_puts(&out, prefix ? "\"*" : "\"");
        items++;
        pending_or = 0;
    }
    return buf_detach(&out);
}

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *top; /* MATCH + ORDER BY rank LIMIT 10 */
} naive_conn;

static void *naive_open(void *arg, char *err, size_t errlen)
{
    naive_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (sqlite3_open_v2(arg, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_busy_timeout(c->db, 5000) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db,
                           "SELECT rowid, path FROM docs WHERE docs MATCH ?1 "
                           "ORDER BY rank LIMIT 10",
                           -1, &c->top, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", (const char *)arg, sqlite3_errmsg(c->db));
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    return c;
}

static int naive_run(void *state, const char *fts, long long *total, char *err, size_t errlen)
{
    naive_conn *c = state;
    long long rows = 0;
    int rc = SQLITE_DONE;
    if (fts[0]) { /* nothing left to search for: no match */
        sqlite3_bind_text(c->top, 1, fts, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(c->top)) == SQLITE_ROW)
            rows++;
        sqlite3_reset(c->top);
    }
    *total = rows;
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(c->db));
        return -1;
    }
    return 0;
}

static void naive_close(void *state)
{
    naive_conn *c = state;
    sqlite3_finalize(c->top);
    sqlite3_close(c->db);
    free(c);
}

/* Every document matching, for the per-query table (not timed). */
static long long naive_count(void *arg, const char *fts)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long n = fts[0] ? -1 : 0;
    if (fts[0] && sqlite3_open_v2(arg, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM docs WHERE docs MATCH ?1", -1, &st, NULL) ==
            SQLITE_OK) {
        sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* translate QUERIES | loop DB QUERIES THREADS SECONDS | each DB QUERIES RUNS */
static int naive_queries(int argc, char **argv)
{
    int translate = strcmp(argv[1], "translate") == 0;
    if (translate ? argc != 3 : argc < 5)
        return 2;
    char err[512];
    char **queries = NULL;
    size_t n = 0;
    if (driver_read_queries(argv[translate ? 2 : 3], &queries, &n, err, sizeof err) != 0) {
        fprintf(stderr, "naive: %s\n", err);
        return 1;
    }
    char **fts = buf_xrealloc(NULL, n * sizeof *fts);
    for (size_t i = 0; i < n; i++)
        fts[i] = naive_translate(queries[i]);
    int rc = 0;
    if (translate) {
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\n", queries[i], fts[i]);
    } else {
        driver_engine engine = {naive_open, naive_run, naive_close, naive_count, argv[2]};
        rc = driver_command("naive", &engine, argv[1], argv + 4, argc - 4, fts, queries, n);
    }
    for (size_t i = 0; i < n; i++)
        free(fts[i]);
    free(fts);
    driver_free_queries(queries, n);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "index") == 0) {
        int jobs = atoi(argv[3]);
        if (jobs < 1 || jobs > 64) {
            fprintf(stderr, "naive: bad JOBS\n");
            return 2;
        }
        return naive_index(argv[2], jobs, argv + 4, argc - 4);
    }
    if (argc >= 3 && (strcmp(argv[1], "loop") == 0 || strcmp(argv[1], "each") == 0 ||
                      strcmp(argv[1], "translate") == 0)) {
        int rc = naive_queries(argc, argv);
        if (rc != 2)
            return rc;
    }
    fprintf(stderr, "usage: naive index DB JOBS PATH...\n"
                    "       naive loop DB QUERIES THREADS SECONDS\n"
                    "       naive each DB QUERIES RUNS\n"
                    "       naive translate QUERIES\n");
    return 2;
}
