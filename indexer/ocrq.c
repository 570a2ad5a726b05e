/* ocrq: OCR work of the indexer (see ocrq.h). A document waiting for pages
 * holds one text slot per page to read; page jobs are queued first in,
 * first out, and a document is ready when its last slot is filled. */
#include "ocrq.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ocr.h"
#include "schema.h"

typedef struct ocrq_doc ocrq_doc;

/* One page to read: the tag of its pool job. */
typedef struct {
    ocrq_doc *doc;
    size_t slot;
} ocrq_page;

struct ocrq_doc {
    void *tag;
    char *path;
    char hash[STORE_HASH_LEN];
    extract_doc doc;
    int state;
    size_t n;        /* pages to read */
    int *pages;      /* their numbers */
    char **texts;    /* what was read (NULL: not read) */
    size_t waiting;  /* slots not filled yet */
    ocrq_page *jobs; /* one per page */
    buf note;
};

struct ocrq {
    sync_ocr_mode mode;
    ocrcache *cache;
    int max_pages, timeout_s;
    int available; /* the engine: 1 reads, 0 cannot (why says why), -1 not tried yet */
    char why[256];
    GQueue pages;     /* ocrq_page *, not handed out yet */
    GQueue ready;     /* ocrq_doc *, every page in */
    GHashTable *docs; /* ocrq_doc *: taken and not given back */
    /* "hash/page" -> GPtrArray of ocrq_page *: the pages waiting for one
     * page job (the same content under two names is read once) */
    GHashTable *reading;
    ocrq_stats stats;
};

ocrq *ocrq_new(sync_ocr_mode mode, ocrcache *cache, int max_pages, int timeout_s, int available)
{
    ocrq *q = calloc(1, sizeof *q);
    if (!q)
        abort();
    q->mode = cache ? mode : SYNC_OCR_OFF;
    q->cache = cache;
    q->max_pages = max_pages;
    q->timeout_s = timeout_s;
    q->available = available ? 1 : -1;
    g_queue_init(&q->pages);
    g_queue_init(&q->ready);
    q->docs = g_hash_table_new(g_direct_hash, g_direct_equal);
    q->reading = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_ptr_array_unref);
    return q;
}

static void ocrq_doc_free(ocrq_doc *d)
{
    if (!d)
        return;
    free(d->path);
    extract_doc_free(&d->doc);
    for (size_t i = 0; i < d->n; i++)
        free(d->texts[i]);
    free(d->texts);
    free(d->pages);
    free(d->jobs);
    buf_free(&d->note);
    free(d);
}

void ocrq_free(ocrq *q)
{
    if (!q)
        return;
    GHashTableIter it;
    gpointer d;
    g_hash_table_iter_init(&it, q->docs);
    while (g_hash_table_iter_next(&it, &d, NULL))
        ocrq_doc_free(d);
    g_hash_table_destroy(q->docs);
    g_hash_table_destroy(q->reading);
    g_queue_clear(&q->pages);
    g_queue_clear(&q->ready);
    free(q);
}

static void ocrq_note(ocrq_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ocrq_note(ocrq_doc *d, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (d->note.len)
        buf_puts(&d->note, "; ");
    buf_puts(&d->note, line);
}

/* Whether the engine can read, tried on first need. */
static int ocrq_available(ocrq *q)
{
    if (q->available < 0) {
        q->available = ocr_available(q->why, sizeof q->why);
        ocr_release(); /* the workers read; this process only asked */
    }
    return q->available;
}

/* Fills d->pages with the pages this run reads, and d->state. */
static void ocrq_plan(ocrq *q, ocrq_doc *d)
{
    const extract_doc *doc = &d->doc;
    size_t want = 0;
    d->state = SCHEMA_OCR_NONE;
    if (doc->format != EXTRACT_FORMAT_PDF)
        return;
    if (q->mode == SYNC_OCR_FORCE)
        want = (size_t)(doc->pages > 0 ? doc->pages : 0);
    else if (q->mode == SYNC_OCR_MISSING)
        want = doc->n_scan_pages;
    if (want > 0 && !ocrq_available(q))
        want = 0;
    if (want == 0) {
        if (doc->n_scan_pages > 0) {
            d->state = SCHEMA_OCR_PENDING;
            ocrq_note(d, "%zu scanned page%s left without text (%s%s)", doc->n_scan_pages,
                      doc->n_scan_pages > 1 ? "s" : "",
                      q->mode == SYNC_OCR_OFF ? "no OCR" : "OCR is unavailable: ",
                      q->mode == SYNC_OCR_OFF ? "" : q->why);
        }
        return;
    }
    if (q->mode == SYNC_OCR_FORCE)
        d->state = SCHEMA_OCR_FORCED;
    d->n = want > (size_t)q->max_pages ? (size_t)q->max_pages : want;
    if (d->n < want)
        ocrq_note(d, "OCR read %zu of %zu pages (--ocr-max-pages)", d->n, want);
    d->pages = calloc(d->n ? d->n : 1, sizeof *d->pages);
    d->texts = calloc(d->n ? d->n : 1, sizeof *d->texts);
    d->jobs = calloc(d->n ? d->n : 1, sizeof *d->jobs);
    if (!d->pages || !d->texts || !d->jobs)
        abort();
    for (size_t i = 0; i < d->n; i++)
        d->pages[i] = q->mode == SYNC_OCR_FORCE ? (int)i + 1 : doc->scan_pages[i];
}

int ocrq_add(ocrq *q, void *tag, const char *path, const char *hash, extract_doc *doc,
             long long now, char *err, size_t errlen)
{
    ocrq_doc *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    d->tag = tag;
    d->path = buf_xstrndup(path, strlen(path));
    g_strlcpy(d->hash, hash, sizeof d->hash);
    d->doc = *doc;
    ocrq_plan(q, d);
    for (size_t i = 0; i < d->n; i++) {
        char *text = NULL, *error = NULL;
        int rc = ocrcache_get(q->cache, hash, d->pages[i], now, &text, &error, err, errlen);
        if (rc < 0) {
            extract_doc_init(&d->doc); /* not taken */
            ocrq_doc_free(d);
            return -1;
        }
        if (rc == 1 && (text || q->mode != SYNC_OCR_FORCE)) {
            d->texts[i] = text;
            if (text) {
                q->stats.cached++;
            } else {
                q->stats.failed++;
                ocrq_note(d,
                          "page %d could not be read by OCR earlier (%s; --ocr force tries again)",
                          d->pages[i], error);
            }
            free(error);
            continue;
        }
        free(text);
        free(error);
        d->jobs[i] = (ocrq_page){d, i};
        d->waiting++;
        char *key = g_strdup_printf("%s/%d", hash, d->pages[i]);
        GPtrArray *waiting = g_hash_table_lookup(q->reading, key);
        if (waiting) {
            g_free(key);
        } else {
            waiting = g_ptr_array_new();
            g_hash_table_insert(q->reading, key, waiting);
            g_queue_push_tail(&q->pages, &d->jobs[i]);
        }
        g_ptr_array_add(waiting, &d->jobs[i]);
    }
    extract_doc_init(doc);
    g_hash_table_add(q->docs, d);
    if (d->waiting == 0)
        g_queue_push_tail(&q->ready, d);
    return 0;
}

int ocrq_next(ocrq *q, pool_job *job)
{
    ocrq_page *p = g_queue_peek_head(&q->pages);
    if (!p)
        return 0;
    *job = (pool_job){
        .path = p->doc->path,
        .format = EXTRACT_FORMAT_PDF,
        .old_hash = p->doc->hash,
        .page = p->doc->pages[p->slot],
        .timeout_s = q->timeout_s,
        .tag = p,
    };
    return 1;
}

void ocrq_started(ocrq *q)
{
    g_queue_pop_head(&q->pages);
}

int ocrq_page_done(ocrq *q, const pool_result *res, long long now, char *err, size_t errlen)
{
    ocrq_page *p = res->tag;
    int page = p->doc->pages[p->slot];
    const char *text = NULL, *why = NULL;
    int rc;
    if (res->outcome == POOL_TEXT && res->doc.n_chunks == 1) {
        text = res->doc.chunks[0].text;
        q->stats.read++;
        q->stats.ms += res->ms;
    } else {
        why = res->outcome == POOL_FAILED ? res->reason : "unexpected answer";
        q->stats.failed++;
    }
    rc = ocrcache_put(q->cache, p->doc->hash, page, text, why, text ? res->ms : 0, now, err,
                      errlen);
    /* Every page of that content waiting for this job, p's first. */
    char *key = g_strdup_printf("%s/%d", p->doc->hash, page);
    GPtrArray *waiting = g_hash_table_lookup(q->reading, key);
    for (guint i = 0; waiting && i < waiting->len; i++) {
        ocrq_page *w = g_ptr_array_index(waiting, i);
        ocrq_doc *d = w->doc;
        if (text)
            d->texts[w->slot] = buf_xstrndup(text, strlen(text));
        else
            ocrq_note(d, "page %d could not be read by OCR: %s", page, why);
        if (i > 0)
            q->stats.cached += text != NULL;
        if (--d->waiting == 0)
            g_queue_push_tail(&q->ready, d);
    }
    g_hash_table_remove(q->reading, key);
    g_free(key);
    return rc;
}

int ocrq_ready(ocrq *q, void **tag, extract_doc *doc, int *state, char *note, size_t notelen)
{
    ocrq_doc *d = g_queue_pop_head(&q->ready);
    if (!d)
        return 0;
    extract_put_ocr(&d->doc, d->path, d->pages, d->texts, d->n);
    *tag = d->tag;
    *doc = d->doc;
    extract_doc_init(&d->doc);
    *state = d->state;
    snprintf(note, notelen, "%s", d->note.len ? d->note.data : "");
    g_hash_table_remove(q->docs, d);
    ocrq_doc_free(d);
    return 1;
}

size_t ocrq_waiting(const ocrq *q)
{
    return g_hash_table_size(q->docs);
}

const ocrq_stats *ocrq_get_stats(const ocrq *q)
{
    return &q->stats;
}

int ocrq_engine_state(const ocrq *q, const char **why)
{
    *why = q->why;
    return q->available;
}
