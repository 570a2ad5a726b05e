/* worker: extraction in child processes (see worker.h). The child's message
 * on its result pipe is one of
 *   'S' hash              content unchanged
 *   'D' hash document     extract_doc_serialize output
 *   'E' reason            the file could not be read or extracted
 * and its stderr (parsers' chatter) goes to a second pipe that the parent
 * only reads to name the cause of a death (out of memory, sanitizer). */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

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

/* The child's result pipe, after its descriptors are rearranged. */
#define WORKER_RESULT_FD 3
#define WORKER_STDERR_KEEP 4096

enum { SLOT_FREE, SLOT_RUNNING, SLOT_DONE };

typedef struct {
    int state;
    pid_t pid;
    int out_fd;
    int err_fd;
    int reaped;
    int status;
    int timed_out;
    long long deadline_ms;
    void *tag;
    buf out;
    char errtext[WORKER_STDERR_KEEP + 1];
    size_t errtext_len;
} worker_slot;

struct worker_pool {
    worker_limits limits;
    int n;
    worker_slot *slots;
};

static long long worker_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- child side ---- */

static void worker_write_all(const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(WORKER_RESULT_FD, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(1);
        p += w;
        len -= (size_t)w;
    }
}

static void worker_send_error(const char *reason) __attribute__((noreturn));
static void worker_send_error(const char *reason)
{
    worker_write_all("E", 1);
    worker_write_all(reason, strlen(reason));
    _exit(0);
}

/* Test hook, used by tests/integration: REPERE_TEST_FAULT=KIND:SUBSTRING
 * makes the child extracting a path containing SUBSTRING hang, crash or
 * exhaust its memory, so the isolation can be tested on demand. */
static void worker_test_fault(const char *path)
{
    const char *spec = getenv("REPERE_TEST_FAULT");
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
    if (kind == 3 && strncmp(spec, "oom", 3) == 0) {
        buf b = BUF_INIT;
        for (;;) {
            buf_reserve(&b, b.cap + ((size_t)1 << 20));
            memset(b.data, 1, b.cap);
        }
    }
}

static void worker_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {.rlim_cur = soft, .rlim_max = hard};
    setrlimit(resource, &rl);
}

/* Rearranges descriptors: stderr to err_fd, the result pipe to fd 3,
 * stdin and stdout to /dev/null, everything else closed. */
static void worker_child_fds(int out_fd, int err_fd)
{
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(err_fd, STDERR_FILENO) < 0 || dup2(out_fd, WORKER_RESULT_FD) < 0 ||
        dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0)
        _exit(1);
    close_range(WORKER_RESULT_FD + 1, ~0U, 0);
}

static void worker_child(const worker_job *job, const worker_limits *lim, int out_fd, int err_fd)
    __attribute__((noreturn));
static void worker_child(const worker_job *job, const worker_limits *lim, int out_fd, int err_fd)
{
    char err[512] = "";
    extract_doc doc;
    struct stat st;
    char *data = NULL;
    size_t len = 0;

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    worker_child_fds(out_fd, err_fd);
    if (getppid() == 1)
        _exit(1);

    /* A crashing parser must not leave core files in the user's directory. */
    worker_limit(RLIMIT_CORE, 0, 0);
    worker_limit(RLIMIT_CPU, (rlim_t)lim->timeout_s, (rlim_t)lim->timeout_s + 1);
    if (lim->max_memory_mb > 0 && !WORKER_ASAN && !getenv("REPERE_ASAN"))
        worker_limit(RLIMIT_AS, (rlim_t)lim->max_memory_mb << 20, (rlim_t)lim->max_memory_mb << 20);
    worker_test_fault(job->path);

    int fd = open(job->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0 || fstat(fd, &st) != 0)
        worker_send_error(strerror(errno));
    if (!S_ISREG(st.st_mode))
        worker_send_error("not a regular file");
    if ((unsigned long long)st.st_size > lim->max_bytes) {
        snprintf(err, sizeof err, "larger than the size limit (%zu MB)", lim->max_bytes >> 20);
        worker_send_error(err);
    }
    size_t cap = (size_t)st.st_size + 1;
    data = malloc(cap);
    if (!data)
        worker_send_error("out of memory reading the file");
    for (;;) {
        if (len == cap - 1) {
            if (cap - 1 >= lim->max_bytes) {
                snprintf(err, sizeof err, "larger than the size limit (%zu MB)",
                         lim->max_bytes >> 20);
                worker_send_error(err);
            }
            cap = cap * 2 > lim->max_bytes + 1 ? lim->max_bytes + 1 : cap * 2;
            char *nd = realloc(data, cap);
            if (!nd)
                worker_send_error("out of memory reading the file");
            data = nd;
        }
        ssize_t r = read(fd, data + len, cap - 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            worker_send_error(strerror(errno));
        if (r == 0)
            break;
        len += (size_t)r;
    }
    data[len] = '\0';
    close(fd);

    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)data, (gssize)len);
    const char *hash = g_checksum_get_string(sum);
    if (job->old_hash && strcmp(job->old_hash, hash) == 0) {
        worker_write_all("S", 1);
        worker_write_all(hash, STORE_HASH_LEN - 1);
        _exit(0);
    }

    extract_doc_init(&doc);
    if (extract_buffer(job->format, job->path, data, len, &doc, err, sizeof err) != EXTRACT_OK)
        worker_send_error(err[0] ? err : "the document could not be extracted");
    char *msg = NULL;
    size_t msg_len = 0;
    extract_doc_serialize(&doc, &msg, &msg_len);
    worker_write_all("D", 1);
    worker_write_all(hash, STORE_HASH_LEN - 1);
    worker_write_all(msg, msg_len);
    _exit(0);
}

/* ---- parent side ---- */

worker_pool *worker_pool_new(int jobs, const worker_limits *limits)
{
    worker_pool *pool = calloc(1, sizeof *pool);
    if (!pool)
        abort();
    pool->limits = *limits;
    pool->n = jobs > 0 ? jobs : 1;
    pool->slots = calloc((size_t)pool->n, sizeof *pool->slots);
    if (!pool->slots)
        abort();
    for (int i = 0; i < pool->n; i++)
        pool->slots[i].out_fd = pool->slots[i].err_fd = -1;
    return pool;
}

static void worker_slot_reset(worker_slot *s)
{
    if (s->out_fd >= 0)
        close(s->out_fd);
    if (s->err_fd >= 0)
        close(s->err_fd);
    buf_free(&s->out);
    memset(s, 0, sizeof *s);
    s->out_fd = s->err_fd = -1;
    s->state = SLOT_FREE;
}

void worker_pool_free(worker_pool *pool)
{
    if (!pool)
        return;
    worker_pool_kill_all(pool);
    for (int i = 0; i < pool->n; i++)
        worker_slot_reset(&pool->slots[i]);
    free(pool->slots);
    free(pool);
}

int worker_pool_free_slots(const worker_pool *pool)
{
    int n = 0;
    for (int i = 0; i < pool->n; i++)
        n += pool->slots[i].state == SLOT_FREE;
    return n;
}

int worker_pool_running(const worker_pool *pool)
{
    int n = 0;
    for (int i = 0; i < pool->n; i++)
        n += pool->slots[i].state == SLOT_RUNNING;
    return n;
}

int worker_pool_start(worker_pool *pool, const worker_job *job, char *err, size_t errlen)
{
    worker_slot *s = NULL;
    int out[2] = {-1, -1}, errp[2] = {-1, -1};
    for (int i = 0; i < pool->n && !s; i++)
        if (pool->slots[i].state == SLOT_FREE)
            s = &pool->slots[i];
    if (!s) {
        snprintf(err, errlen, "no free worker");
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
        goto fail;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start an extraction process: %s", strerror(errno));
        goto fail;
    }
    if (pid == 0)
        worker_child(job, &pool->limits, out[1], errp[1]);
    close(out[1]);
    close(errp[1]);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    fcntl(errp[0], F_SETFL, O_NONBLOCK);
    s->state = SLOT_RUNNING;
    s->pid = pid;
    s->out_fd = out[0];
    s->err_fd = errp[0];
    s->tag = job->tag;
    s->deadline_ms = worker_now_ms() + (long long)pool->limits.timeout_s * 1000;
    return 0;
fail:
    for (int i = 0; i < 2; i++) {
        if (out[i] >= 0)
            close(out[i]);
        if (errp[i] >= 0)
            close(errp[i]);
    }
    return -1;
}

/* Drains fd; closes it (and sets it to -1) at end of file. */
static void worker_drain(worker_slot *s, int *fd, int is_err)
{
    char chunk[65536];
    for (;;) {
        ssize_t r = read(*fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (r <= 0) {
            close(*fd);
            *fd = -1;
            return;
        }
        if (!is_err) {
            buf_append(&s->out, chunk, (size_t)r);
        } else if (s->errtext_len < WORKER_STDERR_KEEP) {
            size_t n = (size_t)r;
            if (n > WORKER_STDERR_KEEP - s->errtext_len)
                n = WORKER_STDERR_KEEP - s->errtext_len;
            memcpy(s->errtext + s->errtext_len, chunk, n);
            s->errtext_len += n;
            s->errtext[s->errtext_len] = '\0';
        }
    }
}

/* Both pipes at end of file means the child is exiting (it never closes
 * them itself), so waiting for it blocks only for a moment. */
static void worker_try_reap(worker_slot *s)
{
    pid_t r;
    if (s->state != SLOT_RUNNING || s->out_fd >= 0 || s->err_fd >= 0)
        return;
    do
        r = waitpid(s->pid, &s->status, 0);
    while (r < 0 && errno == EINTR);
    s->reaped = r == s->pid;
    s->state = SLOT_DONE;
}

void worker_pool_poll(worker_pool *pool, int wake_fd, int timeout_ms)
{
    struct pollfd *fds = calloc((size_t)pool->n * 2 + 1, sizeof *fds);
    worker_slot **owner = calloc((size_t)pool->n * 2 + 1, sizeof *owner);
    nfds_t nfds = 0;
    long long now = worker_now_ms();
    if (!fds || !owner)
        abort();
    for (int i = 0; i < pool->n; i++) {
        worker_slot *s = &pool->slots[i];
        if (s->state != SLOT_RUNNING)
            continue;
        if (s->out_fd >= 0) {
            fds[nfds] = (struct pollfd){.fd = s->out_fd, .events = POLLIN};
            owner[nfds++] = s;
        }
        if (s->err_fd >= 0) {
            fds[nfds] = (struct pollfd){.fd = s->err_fd, .events = POLLIN};
            owner[nfds++] = s;
        }
        if (!s->timed_out && s->deadline_ms - now < timeout_ms)
            timeout_ms = s->deadline_ms - now < 0 ? 0 : (int)(s->deadline_ms - now);
    }
    if (wake_fd >= 0) {
        fds[nfds] = (struct pollfd){.fd = wake_fd, .events = POLLIN};
        owner[nfds++] = NULL;
    }
    int ready = poll(fds, nfds, timeout_ms);
    for (nfds_t i = 0; ready > 0 && i < nfds; i++) {
        worker_slot *s = owner[i];
        if (!s || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (fds[i].fd == s->out_fd)
            worker_drain(s, &s->out_fd, 0);
        else if (fds[i].fd == s->err_fd)
            worker_drain(s, &s->err_fd, 1);
    }
    now = worker_now_ms();
    for (int i = 0; i < pool->n; i++) {
        worker_slot *s = &pool->slots[i];
        if (s->state != SLOT_RUNNING)
            continue;
        if (!s->timed_out && now >= s->deadline_ms) {
            kill(s->pid, SIGKILL);
            s->timed_out = 1;
        }
        worker_try_reap(s);
    }
    free(fds);
    free(owner);
}

static int worker_ran_out_of_memory(const char *text)
{
    static const char *const marks[] = {
        "out of memory",          "failed to allocate", "bad_alloc",
        "Cannot allocate memory", "memory exhausted",   "allocation-size-too-big",
        "rss-limit-exceeded",
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(text, marks[i]))
            return 1;
    return 0;
}

/* First line of the child's stderr that names a sanitizer error, if any. */
static int worker_sanitizer_line(const char *text, char *out, size_t outlen)
{
    const char *p = strstr(text, "ERROR: ");
    if (!p || !strstr(text, "Sanitizer"))
        return 0;
    p += strlen("ERROR: ");
    size_t n = strcspn(p, "\n");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 1;
}

static void worker_explain_death(const worker_pool *pool, const worker_slot *s, worker_result *res)
{
    char line[200];
    if (s->timed_out) {
        snprintf(res->reason, sizeof res->reason, "extraction took longer than %d s",
                 pool->limits.timeout_s);
    } else if (worker_ran_out_of_memory(s->errtext)) {
        snprintf(res->reason, sizeof res->reason, "extraction ran out of memory");
    } else if (worker_sanitizer_line(s->errtext, line, sizeof line)) {
        snprintf(res->reason, sizeof res->reason, "extraction crashed (%s)", line);
    } else if (!s->reaped) {
        snprintf(res->reason, sizeof res->reason, "extraction process vanished");
    } else if (WIFSIGNALED(s->status) && WTERMSIG(s->status) == SIGXCPU) {
        snprintf(res->reason, sizeof res->reason, "extraction took longer than %d s",
                 pool->limits.timeout_s);
    } else if (WIFSIGNALED(s->status)) {
        snprintf(res->reason, sizeof res->reason, "extraction crashed (signal %d)",
                 WTERMSIG(s->status));
    } else {
        /* The first line the parser wrote on stderr may name the cause. */
        size_t n = strcspn(s->errtext, "\n");
        snprintf(res->reason, sizeof res->reason, "extraction failed (exit status %d)%s%.*s",
                 WEXITSTATUS(s->status), n ? ": " : "", (int)(n > 200 ? 200 : n), s->errtext);
    }
}

static void worker_read_message(const worker_slot *s, worker_result *res)
{
    const char *m = s->out.data;
    size_t len = s->out.len;
    size_t hl = STORE_HASH_LEN - 1;
    res->outcome = WORKER_FAILED;
    if (len >= 1 && m[0] == 'E') {
        size_t n = len - 1 < sizeof res->reason - 1 ? len - 1 : sizeof res->reason - 1;
        memcpy(res->reason, m + 1, n);
        res->reason[n] = '\0';
        return;
    }
    if (len >= 1 + hl && (m[0] == 'S' || m[0] == 'D')) {
        memcpy(res->hash, m + 1, hl);
        res->hash[hl] = '\0';
        if (m[0] == 'S') {
            res->outcome = WORKER_SAME;
            return;
        }
        if (extract_doc_deserialize(m + 1 + hl, len - 1 - hl, &res->doc) == 0) {
            res->outcome = WORKER_DOC;
            return;
        }
        extract_doc_free(&res->doc);
        extract_doc_init(&res->doc);
    }
    snprintf(res->reason, sizeof res->reason, "extraction produced a malformed result");
}

int worker_pool_take(worker_pool *pool, worker_result *res)
{
    for (int i = 0; i < pool->n; i++) {
        worker_slot *s = &pool->slots[i];
        if (s->state != SLOT_DONE)
            continue;
        memset(res, 0, sizeof *res);
        extract_doc_init(&res->doc);
        res->tag = s->tag;
        res->outcome = WORKER_FAILED;
        if (!s->timed_out && s->reaped && WIFEXITED(s->status) && WEXITSTATUS(s->status) == 0)
            worker_read_message(s, res);
        else
            worker_explain_death(pool, s, res);
        worker_slot_reset(s);
        return 1;
    }
    return 0;
}

void worker_pool_kill_all(worker_pool *pool)
{
    for (int i = 0; i < pool->n; i++) {
        worker_slot *s = &pool->slots[i];
        if (s->state == SLOT_RUNNING) {
            kill(s->pid, SIGKILL);
            while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
        if (s->state != SLOT_FREE)
            worker_slot_reset(s);
    }
}
