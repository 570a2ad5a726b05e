/* indexer: walks the PATH arguments, hands every new or changed document to
 * the isolated extraction workers (pool.c, worker.c), and the scanned pages
 * of PDFs to them too (ocrq.c), and writes the results into the index
 * (lib/store.c) in batched transactions, as the single writer. Prints
 * failures, a progress bar on a terminal and a one-line summary. Started
 * with WORKER_ARG, the program is an extraction worker. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glib.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "fileread.h"
#include "ocr.h"
#include "ocrcache.h"
#include "ocrcheck.h"
#include "ocrq.h"
#include "pool.h"
#include "progress.h"
#include "schema.h"
#include "skipped.h"
#include "store.h"
#include "sync.h"
#include "walk.h"
#include "worker.h"

/* Files one extraction worker handles before it is replaced. */
#define INDEXER_FILES_PER_WORKER 1000
#define INDEXER_HEAD_BYTES 4096
#define INDEXER_CONFIG_FILE "synonymes.txt"
/* OCR cache entries unused for this long, of contents no document has (or
 * read by another engine), are pruned at the end of a complete run. */
#define INDEXER_OCR_KEEP_S (30LL * 24 * 3600)
/* --max-words: the scale corpus's richest document has 20,171 distinct
 * words. FTS5 keeps each distinct word of a row in memory, with its
 * positions, until the row ends: some 300 bytes each in the writer with
 * the vocabulary's (100 MB of random words, 11.6 million, took 3.4 GB and
 * 18 minutes). */
#define INDEXER_MAX_WORDS 500000

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_SOME_FAILED = 3 };

typedef struct {
    const char *db_path;
    const char *url_prefix;
    int jobs;
    int prune;
    int quiet;
    int check;
    int timeout_s;
    size_t max_memory_mb;
    size_t max_size_mb;
    size_t max_words;
    sync_ocr_mode ocr;
    int ocr_asked; /* --ocr was given */
    int ocr_timeout_s;
    int ocr_max_pages;
} indexer_options;

/* A file to hash and maybe extract. */
typedef struct {
    char *path;
    char *url;
    sqlite3_int64 bytes;
    sqlite3_int64 mtime_ns;
    sqlite3_int64 started_ns; /* wall-clock time its extraction started */
    extract_format format;
    sync_doc *known;           /* its indexed version, or NULL */
    int extract;               /* extract even when its hash is the indexed one (OCR) */
    char hash[STORE_HASH_LEN]; /* of the content extracted */
} indexer_job;

typedef struct {
    indexer_options opt;
    sqlite3 *db;
    store *st;
    ocrcache *ocr_cache; /* NULL: no OCR this run */
    ocrq *ocr;
    sync_state *sync; /* the documents indexed at start, the walk's marks */
    sync_batch batch; /* the open transaction and the committed counts */
    GPtrArray *jobs;  /* indexer_job */
    size_t skipped, failed;
    skipped *skips; /* which files were skipped, and why */
    size_t found;   /* documents met: unchanged ones and jobs */
    size_t done;
    int fatal;
    progress prog;
} indexer;

static volatile sig_atomic_t indexer_signal;
static int indexer_wake[2] = {-1, -1};

static void indexer_on_signal(int sig)
{
    int saved = errno;
    indexer_signal = sig;
    if (indexer_wake[1] >= 0 && write(indexer_wake[1], "x", 1) < 0)
        errno = saved;
    errno = saved;
}

static int indexer_install_signals(void)
{
    struct sigaction sa;
    if (pipe2(indexer_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = indexer_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

static void indexer_usage(FILE *out)
{
    fputs("usage: indexer [--db FILE] [--url-prefix URL] [--jobs N] [--prune] [--quiet]\n"
          "               [--timeout SEC] [--max-memory MB] [--max-size MB] [--max-words N]\n"
          "               [--ocr off|missing|force] [--ocr-timeout SEC] [--ocr-max-pages N]\n"
          "               PATH...\n"
          "       indexer [--db FILE] --check\n",
          out);
}

static void indexer_help(void)
{
    indexer_usage(stdout);
    fputs("\nIndexes the PDF, HTML and text documents under each PATH into the index.\n"
          "  --db FILE          index file (default: repere.db)\n"
          "  --url-prefix URL   document URL = URL/path relative to its PATH argument\n"
          "                     (default: a file:// URL)\n"
          "  --jobs N           parallel extractions (default: number of cores)\n"
          "  --prune            remove documents whose file is gone\n"
          "  --quiet            print only errors\n"
          "  --timeout SEC      time limit of one file's extraction (default: 60)\n"
          "  --max-memory MB    memory limit of one file's extraction (default: 1024)\n"
          "  --max-size MB      larger files are skipped (default: 256)\n"
          "  --max-words N      a document with more distinct words (random data, a dump)\n"
          "                     fails, its earlier version stays (default: 500000)\n"
          "  --ocr MODE         scanned PDF pages: off, missing (read the pages without\n"
          "                     text; the default when built with OCR) or force (read\n"
          "                     every page of every PDF)\n"
          "  --ocr-timeout SEC  time limit of one page's OCR (default: 120)\n"
          "  --ocr-max-pages N  pages read by OCR at most per document (default: 100)\n"
          "  --check            check the index's integrity and print its document count\n"
          "Exit status: 0 all indexed or skipped, 3 some files failed, 2 usage error,\n"
          "1 fatal error.\n",
          stdout);
}

static int indexer_parse_number(const char *arg, const char *name, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "indexer: %s wants a number from %ld to %ld, not '%s'\n", name, min, max,
                arg);
        return -1;
    }
    *out = v;
    return 0;
}

/* Parses argv into opt; returns the index of the first PATH, or -1 after
 * printing a usage error, or -2 when --help was answered. */
static int indexer_parse_args(int argc, char **argv, indexer_options *opt)
{
    enum {
        O_DB = 1,
        O_URL,
        O_JOBS,
        O_PRUNE,
        O_QUIET,
        O_TIMEOUT,
        O_MEM,
        O_SIZE,
        O_WORDS,
        O_OCR,
        O_OCR_TIMEOUT,
        O_OCR_PAGES,
        O_CHECK,
        O_HELP
    };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"url-prefix", required_argument, NULL, O_URL},
        {"jobs", required_argument, NULL, O_JOBS},
        {"prune", no_argument, NULL, O_PRUNE},
        {"quiet", no_argument, NULL, O_QUIET},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"max-memory", required_argument, NULL, O_MEM},
        {"max-size", required_argument, NULL, O_SIZE},
        {"max-words", required_argument, NULL, O_WORDS},
        {"ocr", required_argument, NULL, O_OCR},
        {"ocr-timeout", required_argument, NULL, O_OCR_TIMEOUT},
        {"ocr-max-pages", required_argument, NULL, O_OCR_PAGES},
        {"check", no_argument, NULL, O_CHECK},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0},
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    long v;
    *opt = (indexer_options){
        .db_path = "repere.db",
        .jobs = cores > 0 ? (int)(cores > 64 ? 64 : cores) : 1,
        .timeout_s = 60,
        .max_memory_mb = 1024,
        .max_size_mb = 256,
        .max_words = INDEXER_MAX_WORDS,
        .ocr = ocr_engine() ? SYNC_OCR_MISSING : SYNC_OCR_OFF,
        .ocr_timeout_s = 120,
        .ocr_max_pages = 100,
    };
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, "", longopts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case O_DB:
            opt->db_path = optarg;
            break;
        case O_URL:
            opt->url_prefix = optarg;
            break;
        case O_JOBS:
            if (indexer_parse_number(optarg, "--jobs", 1, 256, &v) != 0)
                goto usage;
            opt->jobs = (int)v;
            break;
        case O_PRUNE:
            opt->prune = 1;
            break;
        case O_QUIET:
            opt->quiet = 1;
            break;
        case O_TIMEOUT:
            if (indexer_parse_number(optarg, "--timeout", 1, 86400, &v) != 0)
                goto usage;
            opt->timeout_s = (int)v;
            break;
        case O_MEM:
            if (indexer_parse_number(optarg, "--max-memory", 16, 1L << 20, &v) != 0)
                goto usage;
            opt->max_memory_mb = (size_t)v;
            break;
        case O_SIZE:
            if (indexer_parse_number(optarg, "--max-size", 1, 1L << 20, &v) != 0)
                goto usage;
            opt->max_size_mb = (size_t)v;
            break;
        case O_WORDS:
            if (indexer_parse_number(optarg, "--max-words", 1, 1000000000L, &v) != 0)
                goto usage;
            opt->max_words = (size_t)v;
            break;
        case O_OCR:
            if (strcmp(optarg, "off") == 0) {
                opt->ocr = SYNC_OCR_OFF;
            } else if (strcmp(optarg, "missing") == 0) {
                opt->ocr = SYNC_OCR_MISSING;
            } else if (strcmp(optarg, "force") == 0) {
                opt->ocr = SYNC_OCR_FORCE;
            } else {
                fprintf(stderr, "indexer: --ocr wants off, missing or force, not '%s'\n", optarg);
                goto usage;
            }
            opt->ocr_asked = 1;
            break;
        case O_OCR_TIMEOUT:
            if (indexer_parse_number(optarg, "--ocr-timeout", 1, 86400, &v) != 0)
                goto usage;
            opt->ocr_timeout_s = (int)v;
            break;
        case O_OCR_PAGES:
            if (indexer_parse_number(optarg, "--ocr-max-pages", 1, 100000, &v) != 0)
                goto usage;
            opt->ocr_max_pages = (int)v;
            break;
        case O_CHECK:
            opt->check = 1;
            break;
        case O_HELP:
            indexer_help();
            return -2;
        default:
            if (optopt >= O_DB && optopt <= O_HELP)
                fprintf(stderr, "indexer: option '%s' needs a value\n", argv[optind - 1]);
            else
                fprintf(stderr, "indexer: unknown option '%s'\n", argv[optind - 1]);
            goto usage;
        }
    }
    if (opt->check && optind < argc) {
        fprintf(stderr, "indexer: --check takes no PATH\n");
        goto usage;
    }
    if (!opt->check && optind >= argc) {
        fprintf(stderr, "indexer: no PATH to index\n");
        goto usage;
    }
    if (opt->url_prefix && opt->url_prefix[0] == '\0') {
        fprintf(stderr, "indexer: --url-prefix wants a URL\n");
        goto usage;
    }
    return optind;
usage:
    indexer_usage(stderr);
    return -1;
}

/* ---- messages ---- */

static void indexer_report(indexer *ix, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void indexer_report(indexer *ix, const char *path, const char *fmt, ...)
{
    va_list ap;
    progress_clear(&ix->prog);
    fprintf(stderr, "indexer: %s: ", path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void indexer_fatal(indexer *ix, const char *what, const char *reason)
{
    progress_clear(&ix->prog);
    fprintf(stderr, "indexer: %s: %s\n", what, reason);
    ix->fatal = 1;
}

/* ---- batched transactions ---- */

static int indexer_tx(indexer *ix)
{
    char err[512];
    if (ix->fatal)
        return -1;
    if (store_in_transaction(ix->st))
        return 0;
    if (store_begin(ix->st, err, sizeof err) != 0) {
        indexer_fatal(ix, ix->opt.db_path, err);
        return -1;
    }
    sync_batch_begin(&ix->batch, progress_now());
    return 0;
}

static void indexer_tx_tick(indexer *ix, int force)
{
    char err[512];
    if (!store_in_transaction(ix->st) || !sync_batch_due(&ix->batch, progress_now(), force))
        return;
    if (store_commit(ix->st, err, sizeof err) != 0) {
        sync_batch_rolled_back(&ix->batch);
        indexer_fatal(ix, ix->opt.db_path, err);
        return;
    }
    sync_batch_committed(&ix->batch);
}

/* A write error on one document is the document's failure, unless the
 * index itself is in trouble (disk full, I/O, read-only, locked). */
static int indexer_write_is_fatal(indexer *ix)
{
    switch (store_last_error(ix->st) & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CORRUPT:
    case SQLITE_NOMEM:
    case SQLITE_CANTOPEN:
        return 1;
    default:
        return 0;
    }
}

/* ---- the walk ---- */

static void indexer_walk_error(void *ctx, const char *path, int errnum)
{
    indexer *ix = ctx;
    indexer_report(ix, path, "%s", strerror(errnum));
    ix->failed++;
}

/* Reads the first bytes of path to recognise its format. Returns 0, or -1
 * with err set. */
static int indexer_detect(const char *path, extract_format *format, char *err, size_t errlen)
{
    unsigned char head[INDEXER_HEAD_BYTES];
    size_t n;
    if (fileread_head(path, head, sizeof head, &n, err, errlen) != FILEREAD_OK)
        return -1;
    *format = extract_detect(path, head, n);
    return 0;
}

static void indexer_job_free(void *p)
{
    indexer_job *j = p;
    free(j->path);
    free(j->url);
    free(j);
}

static int indexer_walk_file(void *ctx, const walk_file *f)
{
    indexer *ix = ctx;
    char err[512];
    extract_format format;
    sync_doc *known;
    if (indexer_signal)
        return 1;
    if (strcmp(f->name, INDEXER_CONFIG_FILE) == 0)
        return 0;
    sqlite3_int64 bytes = (sqlite3_int64)f->st->st_size;
    sqlite3_int64 mtime_ns =
        (sqlite3_int64)f->st->st_mtim.tv_sec * 1000000000 + f->st->st_mtim.tv_nsec;
    char *url = walk_url(ix->opt.url_prefix, f->rel, f->path);
    if (!url) {
        indexer_fatal(ix, "cannot find the current directory", strerror(errno));
        return 1;
    }
    sync_action action = sync_walked(ix->sync, f->path, bytes, mtime_ns, url, &known);
    if (action == SYNC_SEEN_BEFORE) {
        free(url);
        return 0;
    }
    if ((unsigned long long)bytes > (unsigned long long)ix->opt.max_size_mb << 20) {
        char kind[48], reason[64];
        snprintf(kind, sizeof kind, "larger than %zu MB", ix->opt.max_size_mb);
        snprintf(reason, sizeof reason, "%s (--max-size)", kind);
        skipped_add(ix->skips, f->path, reason, kind);
        ix->skipped++;
        free(url);
        return 0;
    }
    if (action == SYNC_UNCHANGED || action == SYNC_NEW_URL) {
        ix->batch.committed.unchanged++;
        ix->found++;
        ix->done++;
        if (action == SYNC_NEW_URL) {
            if (indexer_tx(ix) != 0 ||
                store_touch(ix->st, known->id, mtime_ns, url, err, sizeof err) != 0) {
                if (!ix->fatal)
                    indexer_fatal(ix, ix->opt.db_path, err);
                free(url);
                return 1;
            }
            sync_batch_wrote(&ix->batch, SYNC_WROTE_URL);
            indexer_tx_tick(ix, 0);
        }
        free(url);
        progress_scanning(&ix->prog, ix->found);
        return ix->fatal;
    }
    if (indexer_detect(f->path, &format, err, sizeof err) != 0) {
        indexer_report(ix, f->path, "%s", err);
        ix->failed++;
        free(url);
        return 0;
    }
    if (format == EXTRACT_FORMAT_NONE) {
        char kind[32];
        skipped_extension(f->name, kind, sizeof kind);
        skipped_add(ix->skips, f->path, "format not recognised", kind);
        ix->skipped++;
        free(url);
        return 0;
    }
    indexer_job *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->path = g_strdup(f->path);
    j->url = url;
    j->bytes = bytes;
    j->mtime_ns = mtime_ns;
    j->format = format;
    j->known = known;
    j->extract = action == SYNC_EXTRACT;
    g_ptr_array_add(ix->jobs, j);
    ix->found++;
    progress_scanning(&ix->prog, ix->found);
    return 0;
}

/* ---- pruning ---- */

static int indexer_prune_one(void *ctx, const char *path, const sync_doc *doc)
{
    indexer *ix = ctx;
    char err[512];
    (void)path;
    if (indexer_signal || indexer_tx(ix) != 0)
        return 1;
    if (store_delete(ix->st, doc->id, err, sizeof err) != 0) {
        indexer_fatal(ix, ix->opt.db_path, err);
        return 1;
    }
    sync_batch_wrote(&ix->batch, SYNC_WROTE_REMOVED);
    indexer_tx_tick(ix, 0);
    return ix->fatal;
}

/* ---- the order of extraction ---- */

static gint indexer_pdf_larger(gconstpointer a, gconstpointer b)
{
    const indexer_job *x = *(indexer_job *const *)a, *y = *(indexer_job *const *)b;
    return (x->bytes < y->bytes) - (x->bytes > y->bytes);
}

/* Orders the jobs for the two sides of the run to stay busy together: a PDF
 * costs its worker much CPU and leaves the writer little text, a web page or
 * text file the reverse. The PDFs, largest first (none is left to run alone
 * at the end), are spread among the other files, which keep the walk's
 * order, so that at any point of the run the same share of the PDFs' bytes
 * and of the others' bytes has been handed out. */
static void indexer_order_jobs(indexer *ix)
{
    GPtrArray *pdfs = g_ptr_array_new(), *others = g_ptr_array_new();
    sqlite3_int64 pdf_total = 0, other_total = 0, pdf_sent = 0, other_sent = 0;
    for (guint i = 0; i < ix->jobs->len; i++) {
        indexer_job *j = g_ptr_array_index(ix->jobs, i);
        if (j->format == EXTRACT_FORMAT_PDF) {
            g_ptr_array_add(pdfs, j);
            pdf_total += j->bytes;
        } else {
            g_ptr_array_add(others, j);
            other_total += j->bytes;
        }
    }
    g_ptr_array_sort(pdfs, indexer_pdf_larger);
    guint p = 0, o = 0;
    for (guint i = 0; i < ix->jobs->len; i++) {
        /* pdf_sent / pdf_total <= other_sent / other_total, without division */
        int take_pdf =
            p < pdfs->len && (o >= others->len || (double)pdf_sent * (double)other_total <=
                                                      (double)other_sent * (double)pdf_total);
        indexer_job *j = take_pdf ? g_ptr_array_index(pdfs, p++) : g_ptr_array_index(others, o++);
        if (take_pdf)
            pdf_sent += j->bytes;
        else
            other_sent += j->bytes;
        ix->jobs->pdata[i] = j;
    }
    g_ptr_array_free(pdfs, TRUE);
    g_ptr_array_free(others, TRUE);
}

/* ---- extraction results ---- */

static sqlite3_int64 indexer_wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (sqlite3_int64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Writes the extracted document of job j (its pages read by OCR) with
 * what OCR left to do on it. */
static void indexer_store(indexer *ix, indexer_job *j, const char *hash, extract_doc *doc,
                          int ocr_state)
{
    char err[512];
    store_file f = {
        .path = j->path,
        .url = j->url,
        .bytes = j->bytes,
        .mtime_ns = sync_recorded_mtime(j->mtime_ns, j->started_ns),
        .hash = hash,
        .ocr = ocr_state,
    };
    int added = 0;
    ix->done++;
    if (indexer_tx(ix) != 0)
        return;
    if (store_put(ix->st, &f, doc, &added, NULL, err, sizeof err) != 0) {
        if (indexer_write_is_fatal(ix)) {
            indexer_fatal(ix, ix->opt.db_path, err);
            return;
        }
        indexer_report(ix, j->path, "cannot be indexed: %s", err);
        ix->failed++;
        return;
    }
    sync_batch_wrote(&ix->batch, added ? SYNC_WROTE_ADDED : SYNC_WROTE_UPDATED);
}

static void indexer_take_result(indexer *ix, pool_result *res)
{
    indexer_job *j = res->tag;
    char err[512];
    if (res->page > 0) {
        if (indexer_tx(ix) == 0 &&
            ocrq_page_done(ix->ocr, res, (long long)time(NULL), err, sizeof err) != 0)
            indexer_fatal(ix, ix->opt.db_path, err);
        return;
    }
    if (res->outcome == POOL_DOC) {
        /* Its scanned pages, if any, are read before it is written. */
        g_strlcpy(j->hash, res->hash, sizeof j->hash);
        if (indexer_tx(ix) == 0 && ocrq_add(ix->ocr, j, j->path, res->hash, &res->doc,
                                            (long long)time(NULL), err, sizeof err) != 0)
            indexer_fatal(ix, ix->opt.db_path, err);
        return;
    }
    ix->done++;
    if (res->outcome == POOL_FAILED) {
        indexer_report(ix, j->path, "%s", res->reason);
        ix->failed++;
        return;
    }
    if (indexer_tx(ix) != 0)
        return;
    if (res->outcome == POOL_SAME) {
        if (store_touch(ix->st, j->known->id, sync_recorded_mtime(j->mtime_ns, j->started_ns),
                        j->url, err, sizeof err) != 0) {
            indexer_fatal(ix, ix->opt.db_path, err);
            return;
        }
        sync_batch_wrote(&ix->batch, SYNC_WROTE_UNCHANGED);
    }
}

/* Hands jobs to the idle workers: pages to read first (a document waiting
 * for them is written sooner, and the pages of one document spread over
 * the idle workers), then the next files. */
static void indexer_dispatch(indexer *ix, pool *workers, guint *next)
{
    char err[512];
    while (!ix->fatal && !indexer_signal && pool_idle(workers) > 0) {
        pool_job wj;
        int page = ocrq_next(ix->ocr, &wj);
        indexer_job *j = NULL;
        if (!page && *next < ix->jobs->len) {
            j = g_ptr_array_index(ix->jobs, *next);
            wj = (pool_job){
                .path = j->path,
                .format = j->format,
                .old_hash = j->known && !j->extract ? j->known->hash : NULL,
                .tag = j,
            };
            j->started_ns = indexer_wall_ns();
        }
        if (!page && !j)
            break;
        if (pool_start(workers, &wj, err, sizeof err) != 0) {
            if (pool_busy(workers) == 0)
                indexer_fatal(ix, "cannot extract", err);
            break;
        }
        if (page)
            ocrq_started(ix->ocr);
        else
            (*next)++;
    }
}

/* Takes the workers' finished jobs and gives the idle workers their next
 * ones at once, before anything is written: a worker does not wait while
 * the parent writes a document. */
static void indexer_collect(indexer *ix, pool *workers, guint *next)
{
    pool_result res;
    while (!ix->fatal && pool_take(workers, &res)) {
        if (!indexer_signal)
            indexer_take_result(ix, &res);
        extract_doc_free(&res.doc);
    }
    indexer_dispatch(ix, workers, next);
}

/* Writes the documents whose pages are all read; between two, takes what
 * the workers finished meanwhile and gives them more. */
static void indexer_store_ready(indexer *ix, pool *workers, guint *next)
{
    void *tag;
    extract_doc doc;
    int state;
    char note[1024];
    while (!ix->fatal && ocrq_ready(ix->ocr, &tag, &doc, &state, note, sizeof note)) {
        indexer_job *j = tag;
        if (note[0] && !ix->opt.quiet)
            indexer_report(ix, j->path, "%s", note);
        if (!indexer_signal)
            indexer_store(ix, j, j->hash, &doc, state);
        extract_doc_free(&doc);
        indexer_tx_tick(ix, 0);
        pool_poll(workers, -1, 0);
        indexer_collect(ix, workers, next);
    }
}

static void indexer_run_jobs(indexer *ix)
{
    pool_limits lim = {
        .timeout_s = ix->opt.timeout_s,
        .max_memory_mb = ix->opt.max_memory_mb,
        .max_bytes = ix->opt.max_size_mb << 20,
        .max_words = ix->opt.max_words,
        .files_per_worker = INDEXER_FILES_PER_WORKER,
    };
    pool *workers = pool_new(ix->opt.jobs, &lim);
    guint next = 0;
    progress_start(&ix->prog, ix->done);
    progress_update(&ix->prog, ix->done, ix->found, 1);
    while (!ix->fatal && !indexer_signal) {
        indexer_dispatch(ix, workers, &next);
        if (ix->fatal || (next >= ix->jobs->len && pool_busy(workers) == 0 &&
                          ocrq_waiting(ix->ocr) == 0 && pool_idle(workers) == ix->opt.jobs))
            break;
        pool_poll(workers, indexer_wake[0], 100);
        indexer_collect(ix, workers, &next);
        indexer_store_ready(ix, workers, &next);
        indexer_tx_tick(ix, 0);
        progress_update(&ix->prog, ix->done, ix->found, 0);
    }
    pool_free(workers);
}

/* ---- main ---- */

static int indexer_check(const indexer_options *opt)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char err[512];
    int status = EXIT_FATAL;
    /* The read-only open checks that this is an index of our version (a
     * read-write one would empty another); FTS5's integrity-check is an
     * INSERT, so the check itself needs the read-write connection. */
    if (schema_open(opt->db_path, SCHEMA_READONLY, &db, err, sizeof err) != 0) {
        fprintf(stderr, "indexer: %s\n", err);
        return EXIT_FATAL;
    }
    sqlite3_close_v2(db);
    db = NULL;
    if (schema_open(opt->db_path, SCHEMA_READWRITE, &db, err, sizeof err) != 0) {
        fprintf(stderr, "indexer: %s\n", err);
        return EXIT_FATAL;
    }
    if (schema_check(db, err, sizeof err) != 0) {
        fprintf(stderr, "indexer: %s: index check failed: %s\n", opt->db_path, err);
        goto cleanup;
    }
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        fprintf(stderr, "indexer: %s: %s\n", opt->db_path, sqlite3_errmsg(db));
        goto cleanup;
    }
    printf("ok: %lld documents\n", (long long)sqlite3_column_int64(st, 0));
    status = EXIT_OK;
cleanup:
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    return status;
}

/* --ocr missing or force asked for OCR: the engine is tried once here (the
 * workers load their own), and the run stops when it cannot read. Without
 * --ocr the engine is tried only when a page needs it (ocrq.c): a run with
 * nothing to read does not pay for loading it. */
static int indexer_check_ocr(indexer *ix)
{
    char err[512];
    if (!ix->opt.ocr_asked || ix->opt.ocr == SYNC_OCR_OFF)
        return 0;
    int ok = ocr_available(err, sizeof err);
    ocr_release();
    if (!ok) {
        fprintf(stderr, "indexer: --ocr: OCR is unavailable: %s\n", err);
        return -1;
    }
    return 0;
}

/* Opens the OCR cache and the OCR work queue of this run. */
static int indexer_open_ocr(indexer *ix)
{
    char err[512];
    if (ix->opt.ocr != SYNC_OCR_OFF && ocrcache_open(ix->db, ocr_engine(), OCR_LANG, OCR_DPI,
                                                     &ix->ocr_cache, err, sizeof err) != 0) {
        fprintf(stderr, "indexer: %s: %s\n", ix->opt.db_path, err);
        return -1;
    }
    ix->ocr = ocrq_new(ix->opt.ocr, ix->ocr_cache, ix->opt.ocr_max_pages, ix->opt.ocr_timeout_s,
                       ix->opt.ocr_asked);
    /* Tesseract would start a thread per core in each worker: the pages
     * run in parallel over the workers instead. libgomp reads this when
     * it loads, so it goes into the workers' environment. */
    setenv("OMP_THREAD_LIMIT", "1", 1);
    return 0;
}

/* Prunes the OCR cache after a complete run. */
static void indexer_prune_ocr(indexer *ix)
{
    char err[512];
    long long removed;
    if (!ix->ocr_cache || indexer_tx(ix) != 0)
        return;
    if (ocrcache_prune(ix->ocr_cache, (long long)time(NULL) - INDEXER_OCR_KEEP_S, &removed, err,
                       sizeof err) != 0)
        indexer_fatal(ix, ix->opt.db_path, err);
}

/* The end of a complete run: records what this indexer knows of OCR for
 * searchd's /healthz (ocrcheck.h), which then need not load the engine:
 * that OCR was off, or what the engine did when this run tried it, or else
 * a check of its own when the record is due for one (ocrcheck_due). */
static void indexer_record_ocr(indexer *ix)
{
    char err[512];
    ocrcheck c, old;
    const char *why = "";
    int state = ocrq_engine_state(ix->ocr, &why);
    memset(&c, 0, sizeof c);
    if (ix->opt.ocr == SYNC_OCR_OFF && ix->opt.ocr_asked) {
        snprintf(c.reason, sizeof c.reason, "OCR was turned off for the last run (--ocr off)");
    } else if (state >= 0) {
        c.available = state;
        snprintf(c.reason, sizeof c.reason, "%s", why);
    } else {
        int found = ocrcheck_read(ix->db, &old);
        if (found < 0) {
            snprintf(err, sizeof err, "cannot read the OCR check's record: %s",
                     sqlite3_errmsg(ix->db));
            indexer_fatal(ix, ix->opt.db_path, err);
            return;
        }
        if (!ocrcheck_due(found ? &old : NULL, ocr_engine(), OCR_LANG, OCR_DPI))
            return;
        c.available = ocr_available(c.reason, sizeof c.reason);
        ocr_release();
    }
    if (c.available) {
        snprintf(c.engine, sizeof c.engine, "%s", ocr_engine());
        snprintf(c.language, sizeof c.language, "%s", OCR_LANG);
        c.dpi = OCR_DPI;
    }
    if (ocrcheck_write(ix->db, &c, err, sizeof err) != 0)
        indexer_fatal(ix, ix->opt.db_path, err);
}

static int indexer_open(indexer *ix)
{
    char err[512];
    struct stat st;
    if (stat(ix->opt.db_path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "indexer: %s: is a directory, not an index file\n", ix->opt.db_path);
        return -1;
    }
    if (schema_open(ix->opt.db_path, SCHEMA_READWRITE, &ix->db, err, sizeof err) != 0) {
        if (strstr(err, "readonly"))
            fprintf(stderr, "indexer: %s: the index is not writable (%s)\n", ix->opt.db_path, err);
        else if (!strstr(err, ix->opt.db_path))
            fprintf(stderr, "indexer: %s: %s\n", ix->opt.db_path, err);
        else
            fprintf(stderr, "indexer: %s\n", err);
        return -1;
    }
    if (sqlite3_db_readonly(ix->db, "main") == 1) {
        fprintf(stderr, "indexer: %s: the index is not writable\n", ix->opt.db_path);
        return -1;
    }
    if (store_open(ix->db, &ix->st, err, sizeof err) != 0 ||
        store_each(ix->st, sync_add_known, ix->sync, err, sizeof err) != 0) {
        fprintf(stderr, "indexer: %s: %s\n", ix->opt.db_path, err);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    indexer ix;
    if (argc == 3 && strcmp(argv[1], WORKER_ARG) == 0)
        return worker_main(argv[2]);
    memset(&ix, 0, sizeof ix);
    double start = progress_now();
    int first = indexer_parse_args(argc, argv, &ix.opt);
    if (first == -2)
        return EXIT_OK;
    if (first < 0)
        return EXIT_USAGE;
    /* Before SQLite's first use (the workers do not use it). */
    schema_sqlite_config();
    if (ix.opt.check)
        return indexer_check(&ix.opt);

    if (indexer_check_ocr(&ix) != 0)
        return EXIT_FATAL;

    int status = EXIT_FATAL;
    int n_roots = argc - first;
    char **roots = calloc((size_t)n_roots, sizeof *roots);
    if (!roots)
        abort();
    ix.sync = sync_new(ix.opt.ocr);
    ix.jobs = g_ptr_array_new_with_free_func(indexer_job_free);
    ix.skips = skipped_new();
    progress_init(&ix.prog, !ix.opt.quiet && isatty(STDERR_FILENO));
    if (indexer_install_signals() != 0) {
        fprintf(stderr, "indexer: cannot set up signals: %s\n", strerror(errno));
        goto cleanup;
    }
    if (indexer_open(&ix) != 0 || indexer_open_ocr(&ix) != 0)
        goto cleanup;

    for (int i = 0; i < n_roots && !ix.fatal && !indexer_signal; i++) {
        roots[i] = walk_normalize(argv[first + i]);
        if (walk_tree(roots[i], indexer_walk_file, indexer_walk_error, &ix) < 0 && ix.fatal)
            break;
    }
    if (ix.opt.prune && !ix.fatal && !indexer_signal)
        sync_each_gone(ix.sync, roots, n_roots, indexer_prune_one, &ix);
    indexer_tx_tick(&ix, 1);
    if (!ix.fatal && !indexer_signal && ix.jobs->len > 0) {
        indexer_order_jobs(&ix);
        indexer_run_jobs(&ix);
    }
    if (!ix.fatal && !indexer_signal)
        indexer_prune_ocr(&ix);
    if (!ix.fatal)
        indexer_tx_tick(&ix, 1);
    /* Not after an interruption: the next run does it. */
    if (!ix.fatal && !indexer_signal) {
        char err[512];
        if (store_finish(ix.st, err, sizeof err) != 0)
            indexer_fatal(&ix, ix.opt.db_path, err);
        else
            indexer_record_ocr(&ix);
    }
    progress_clear(&ix.prog);

    if (!ix.opt.quiet)
        skipped_print(ix.skips, stderr, "indexer: ");
    const ocrq_stats *os = ocrq_get_stats(ix.ocr);
    if ((!ix.opt.quiet || indexer_signal) && (os->read || os->cached || os->failed))
        fprintf(stderr,
                "indexer: OCR: %zu pages read (%.2f s of CPU), %zu from the cache, %zu not "
                "readable\n",
                os->read, os->ms / 1000.0, os->cached, os->failed);
    const sync_counts *c = &ix.batch.committed;
    if (!ix.opt.quiet || indexer_signal)
        fprintf(stderr,
                "indexer: %s%zu added, %zu updated, %zu unchanged, %zu removed, %zu skipped, "
                "%zu failed in %.2f s\n",
                indexer_signal ? "interrupted: " : "", c->added, c->updated, c->unchanged,
                c->removed, ix.skipped, ix.failed, progress_now() - start);
    if (ix.fatal)
        status = EXIT_FATAL;
    else if (indexer_signal)
        status = 128 + indexer_signal;
    else
        status = ix.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
cleanup:
    ocrq_free(ix.ocr);
    ocrcache_close(ix.ocr_cache);
    store_close(ix.st);
    sqlite3_close_v2(ix.db);
    for (int i = 0; i < n_roots; i++)
        free(roots[i]);
    free(roots);
    g_ptr_array_free(ix.jobs, TRUE);
    skipped_free(ix.skips);
    sync_free(ix.sync);
    return status;
}
