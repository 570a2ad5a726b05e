/* worker: the extraction worker process (see worker.h). One job at a time:
 * its CPU-time limit is re-armed per file (RLIMIT_CPU counts the whole
 * process life), its address-space limit is set once; the pool enforces
 * the wall-clock deadline, replaces the worker after a crash or N files,
 * and the worker retires itself when its heap has grown large. Errors are
 * answered as messages; only a broken pipe ends the process early. */
#include "worker.h"

#include <errno.h>
#include <glib.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "extract.h"
#include "extract_formats.h"
#include "fileread.h"
#include "ocr.h"
#include "wire.h"
#include "wordcount.h"

#if defined(__SANITIZE_ADDRESS__)
#define WORKER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WORKER_ASAN 1
#endif
#endif
#ifndef WORKER_ASAN
#define WORKER_ASAN 0
#endif

/* A worker whose heap passed this share of its address-space limit
 * retires after the file, so that no later file fails for want of memory
 * an earlier one took. */
#define WORKER_HEAP_SHARE 4
#define WORKER_SPIN_MS 200

/* A result buffer larger than this is not kept for the next file. */
#define WORKER_KEEP_BUFFER ((size_t)8 << 20)

typedef struct {
    wire_config cfg;
    buf in;  /* bytes read from the job pipe */
    buf out; /* the result being written */
} worker;

static void worker_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {.rlim_cur = soft, .rlim_max = hard};
    setrlimit(resource, &rl);
}

/* RLIMIT_CPU counts the process's whole life: each file gets its own
 * timeout on top of what the earlier files used. Only the soft limit moves
 * (SIGXCPU ends the worker): a hard limit, once lowered, cannot be raised
 * again without privilege. The pool's wall-clock deadline backs it up. */
static void worker_arm_cpu(uint32_t timeout_s)
{
    struct rusage ru;
    struct rlimit rl;
    if (getrusage(RUSAGE_SELF, &ru) != 0 || getrlimit(RLIMIT_CPU, &rl) != 0)
        return;
    rlim_t soft = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1 + timeout_s;
    if (rl.rlim_max != RLIM_INFINITY && soft > rl.rlim_max)
        soft = rl.rlim_max;
    worker_limit(RLIMIT_CPU, soft, rl.rlim_max);
}

/* Test hook, used by tests/integration: REPERE_TEST_FAULT=KIND:SUBSTRING
 * makes the extraction of a path containing SUBSTRING hang, crash or
 * exhaust its memory, so the isolation can be tested on demand, or spin
 * for WORKER_SPIN_MS of CPU time (limits are per file, not per worker);
 * page-KIND:SUBSTRING does it to the OCR of its pages only. */
static void worker_test_fault(const wire_job *job)
{
    const char *path = job->path;
    const char *spec = getenv("REPERE_TEST_FAULT");
    /* "page-KIND:NAME" strikes the OCR of a page only, "KIND:NAME" any job. */
    if (spec && strncmp(spec, "page-", 5) == 0) {
        if (job->kind != WIRE_JOB_PAGE)
            return;
        spec += 5;
    }
    const char *colon = spec ? strchr(spec, ':') : NULL;
    if (!colon || colon[1] == '\0' || !strstr(path, colon + 1))
        return;
    size_t kind = (size_t)(colon - spec);
    if (kind == 4 && strncmp(spec, "hang", 4) == 0) {
        for (;;)
            pause();
    }
    if (kind == 5 && strncmp(spec, "crash", 5) == 0)
        raise(SIGSEGV);
    if (kind == 4 && strncmp(spec, "spin", 4) == 0) {
        struct timespec start, now;
        volatile unsigned spin = 0;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
        do {
            for (int i = 0; i < 1000000; i++)
                spin += (unsigned)i;
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        } while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 <
                 WORKER_SPIN_MS);
        (void)spin; /* read once: clang counts a sum never read as unused */
    }
    if (kind == 3 && strncmp(spec, "oom", 3) == 0) {
        buf b = BUF_INIT;
        for (;;) {
            buf_reserve(&b, b.cap + ((size_t)1 << 20));
            memset(b.data, 1, b.cap);
        }
    }
}

/* Reads one frame from the job pipe into *payload (inside w->in, valid
 * until the next call). Returns 1, or 0 at end of file or on error. */
static int worker_read_frame(worker *w, size_t *consumed, const char **payload, size_t *plen)
{
    if (*consumed > 0) {
        memmove(w->in.data, w->in.data + *consumed, w->in.len - *consumed);
        w->in.len -= *consumed;
        *consumed = 0;
    }
    for (;;) {
        int rc = wire_frame_next(w->in.data, w->in.len, payload, plen, consumed);
        if (rc != 0)
            return rc > 0;
        buf_reserve(&w->in, 65536);
        ssize_t r = read(WORKER_JOB_FD, w->in.data + w->in.len, w->in.cap - w->in.len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0;
        w->in.len += (size_t)r;
    }
}

static void worker_write_all(const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(WORKER_RESULT_FD, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            _exit(1); /* the indexer is gone */
        p += n;
        len -= (size_t)n;
    }
}

static long long worker_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads one page of a PDF by OCR, from the content the parent extracted
 * (the hash it names), into w->out. */
static void worker_page(worker *w, const wire_job *job, const char *data, size_t len,
                        const char *hash)
{
    char reason[512] = "";
    unsigned char *pixels = NULL;
    int width, height;
    char *text = NULL;
    long long start = worker_cpu_ms();
    if (strcmp(hash, job->old_hash) != 0)
        wire_put_error(&w->out, "the file changed while it was being indexed");
    else if (extract_pdf_render_gray(data, len, (int)job->page, OCR_DPI, &pixels, &width, &height,
                                     reason, sizeof reason) != EXTRACT_OK ||
             ocr_read_gray(pixels, width, height, width, OCR_DPI, &text, reason, sizeof reason) !=
                 0)
        wire_put_error(&w->out, reason[0] ? reason : "the page could not be read");
    else
        wire_put_text(&w->out, job->page, (uint32_t)(worker_cpu_ms() - start), text);
    free(pixels);
    free(text);
}

/* Answers one job into w->out (a whole frame). */
static void worker_job(worker *w, const wire_job *job)
{
    char reason[512] = "";
    char *data = NULL;
    size_t len = 0;
    extract_doc doc;
    extract_doc_init(&doc);
    size_t frame = wire_frame_begin(&w->out);
    if (fileread_all(job->path, (size_t)w->cfg.max_bytes, &data, &len, reason, sizeof reason) !=
        FILEREAD_OK) {
        wire_put_error(&w->out, reason);
        goto done;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)data, (gssize)len);
    const char *hash = g_checksum_get_string(sum);
    if (job->kind == WIRE_JOB_PAGE) {
        worker_page(w, job, data, len, hash);
    } else if (job->old_hash && strcmp(job->old_hash, hash) == 0) {
        wire_put_same(&w->out, hash);
    } else if (extract_buffer(job->format, job->path, data, len, &doc, reason, sizeof reason) !=
               EXTRACT_OK) {
        wire_put_error(&w->out, reason[0] ? reason : "the document could not be extracted");
    } else if (w->cfg.max_words > 0 && wordcount_over(&doc, (size_t)w->cfg.max_words)) {
        /* The index writer would hold every distinct word in memory until
         * the document's row ends: random data, a dump, a log of ids. */
        snprintf(reason, sizeof reason,
                 "too many distinct words (more than %llu, --max-words): not indexed",
                 (unsigned long long)w->cfg.max_words);
        wire_put_error(&w->out, reason);
    } else {
        /* The file's bytes are not needed to send the document. */
        free(data);
        data = NULL;
        wire_put_doc(&w->out, hash, &doc);
    }
    g_checksum_free(sum);
done:
    if (wire_frame_end(&w->out, frame) != 0) {
        w->out.len = frame;
        frame = wire_frame_begin(&w->out);
        wire_put_error(&w->out, "the extracted text is too large");
        wire_frame_end(&w->out, frame);
    }
    extract_doc_free(&doc);
    free(data);
}

/* Whether the heap grew past its share of the address-space limit. */
static int worker_heap_too_large(const worker *w)
{
    if (w->cfg.max_memory_mb == 0)
        return 0;
    struct mallinfo2 mi = mallinfo2();
    return mi.arena + mi.hblkhd > (size_t)(w->cfg.max_memory_mb << 20) / WORKER_HEAP_SHARE;
}

int worker_main(const char *parent_pid)
{
    worker w = {.in = BUF_INIT, .out = BUF_INIT};
    const char *payload;
    size_t plen, consumed = 0;

    close(WORKER_EXE_FD);
    /* Die with the indexer, even when it is killed while a file hangs. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != (pid_t)atol(parent_pid))
        return 1;
    /* A crashing parser must not leave core files in the user's directory. */
    worker_limit(RLIMIT_CORE, 0, 0);
    if (!worker_read_frame(&w, &consumed, &payload, &plen) ||
        wire_get_config(payload, plen, &w.cfg) != 0)
        return 1;
    if (w.cfg.max_memory_mb > 0 && !WORKER_ASAN && !getenv("REPERE_ASAN"))
        worker_limit(RLIMIT_AS, (rlim_t)w.cfg.max_memory_mb << 20,
                     (rlim_t)w.cfg.max_memory_mb << 20);
    size_t frame = wire_frame_begin(&w.out);
    wire_put_ready(&w.out);
    wire_frame_end(&w.out, frame);
    worker_write_all(w.out.data, w.out.len);
    while (worker_read_frame(&w, &consumed, &payload, &plen)) {
        wire_job job;
        if (wire_get_job(payload, plen, &job) != 0)
            _exit(1);
        worker_arm_cpu(job.kind == WIRE_JOB_PAGE ? job.timeout_s : w.cfg.timeout_s);
        worker_test_fault(&job);
        buf_clear(&w.out);
        worker_job(&w, &job);
        wire_job_free(&job);
        worker_write_all(w.out.data, w.out.len);
        if (w.out.cap > WORKER_KEEP_BUFFER)
            buf_free(&w.out);
        if (worker_heap_too_large(&w))
            break;
    }
    /* _exit: the parsers' global caches are not worth tearing down. */
    _exit(0);
}
