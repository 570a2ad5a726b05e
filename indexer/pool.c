/* pool: starts and supervises the extraction workers (see pool.h). Each
 * worker has three pipes: jobs to it, results from it (wire.h frames) and
 * its stderr, which is only read to name the cause of a death (out of
 * memory, sanitizer). A slot holds one worker and at most one job. */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "wire.h"
#include "worker.h"

#define POOL_STDERR_KEEP 4096
/* A result buffer larger than this is not kept for the next result. */
#define POOL_KEEP_BUFFER ((size_t)8 << 20)
/* The workers' own descriptors stay below this one (see pool_high_fd). */
#define POOL_FIRST_FD (WORKER_EXE_FD + 1)
/* Room for a whole document in the result pipe saves wake-ups. */
#define POOL_PIPE_BYTES (1 << 20)

typedef struct {
    pid_t pid; /* 0: no worker in this slot */
    int job_fd, out_fd, err_fd;
    int ready;   /* the worker said it is ready */
    int files;   /* jobs this worker was given */
    int earlier; /* files the worker had handled before this job */
    /* The job in progress (busy) or finished (done), kept to be retried. */
    int busy, done;
    char *path, *old_hash;
    extract_format format;
    int page, timeout_s;
    void *tag;
    int retried;
    long long deadline_ms;
    /* How the job ended: a result, or the worker's death. */
    int has_result;
    wire_result res;
    int died, status, reaped, timed_out, malformed;
    buf out; /* result bytes not yet decoded */
    char errtext[POOL_STDERR_KEEP + 1];
    size_t errtext_len;
} pool_slot;

struct pool {
    pool_limits limits;
    int exe_fd; /* the indexer's executable, opened on the first spawn */
    int n;
    pool_slot *slots;
};

static long long pool_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pool_close(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

pool *pool_new(int workers, const pool_limits *limits)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->limits = *limits;
    if (p->limits.files_per_worker < 1)
        p->limits.files_per_worker = 1;
    p->exe_fd = -1;
    p->n = workers > 0 ? workers : 1;
    p->slots = calloc((size_t)p->n, sizeof *p->slots);
    if (!p->slots)
        abort();
    for (int i = 0; i < p->n; i++)
        p->slots[i].job_fd = p->slots[i].out_fd = p->slots[i].err_fd = -1;
    return p;
}

void pool_free(pool *p)
{
    if (!p)
        return;
    pool_kill_all(p);
    pool_close(&p->exe_fd);
    free(p->slots);
    free(p);
}

int pool_idle(const pool *p)
{
    int n = 0;
    for (int i = 0; i < p->n; i++)
        n += !p->slots[i].busy && !p->slots[i].done;
    return n;
}

int pool_busy(const pool *p)
{
    int n = 0;
    for (int i = 0; i < p->n; i++)
        n += p->slots[i].busy;
    return n;
}

/* Forgets the slot's job (not its worker). */
static void pool_job_clear(pool_slot *s)
{
    free(s->path);
    free(s->old_hash);
    extract_doc_free(&s->res.doc);
    s->path = s->old_hash = NULL;
    s->tag = NULL;
    s->page = 0;
    s->busy = s->done = s->retried = 0;
    s->has_result = s->died = s->status = s->reaped = s->timed_out = s->malformed = 0;
}

/* Forgets the slot's worker, after its death was observed or caused. */
static void pool_worker_clear(pool_slot *s)
{
    pool_close(&s->job_fd);
    pool_close(&s->out_fd);
    pool_close(&s->err_fd);
    buf_free(&s->out);
    s->pid = 0;
    s->ready = 0;
    s->files = 0;
}

/* Kills the slot's worker and waits for it: *status gets its end. */
static void pool_worker_kill(pool_slot *s, int *status)
{
    int st = 0;
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
            ;
    }
    if (status)
        *status = st;
    pool_worker_clear(s);
}

/* Moves fd above the descriptors a worker is given, so that arranging them
 * in the worker never overwrites one with another. Returns it, or -1. */
static int pool_high_fd(int fd)
{
    if (fd < 0 || fd >= POOL_FIRST_FD)
        return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, POOL_FIRST_FD);
    close(fd);
    return high;
}

static int pool_pipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    fds[0] = pool_high_fd(fds[0]);
    fds[1] = pool_high_fd(fds[1]);
    if (fds[0] < 0 || fds[1] < 0) {
        pool_close(&fds[0]);
        pool_close(&fds[1]);
        return -1;
    }
    return 0;
}

static int pool_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Starts a worker in slot s and sends it its limits. */
static int pool_spawn(pool *p, pool_slot *s, char *err, size_t errlen)
{
    int job[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    char ppid[32];
    char *argv[] = {"indexer", WORKER_ARG, ppid, NULL};
    char exe[32];
    buf msg = BUF_INIT;
    pid_t pid;
    int rc = -1;

    if (p->exe_fd < 0)
        p->exe_fd = pool_high_fd(open("/proc/self/exe", O_RDONLY | O_CLOEXEC));
    if (p->exe_fd < 0) {
        snprintf(err, errlen, "cannot find the indexer's program: %s", strerror(errno));
        goto cleanup;
    }
    if (pool_pipe(job) != 0 || pool_pipe(out) != 0 || pool_pipe(errp) != 0) {
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
        goto cleanup;
    }
    snprintf(ppid, sizeof ppid, "%ld", (long)getpid());
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, job[0], WORKER_JOB_FD);
    posix_spawn_file_actions_adddup2(&fa, out[1], WORKER_RESULT_FD);
    posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&fa, p->exe_fd, WORKER_EXE_FD);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&fa, POOL_FIRST_FD);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    snprintf(exe, sizeof exe, "/proc/self/fd/%d", WORKER_EXE_FD);
    int e = posix_spawn(&pid, exe, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (e != 0) {
        snprintf(err, errlen, "cannot start an extraction process: %s", strerror(e));
        goto cleanup;
    }
    s->pid = pid;
    s->files = 0;
    s->job_fd = job[1];
    s->out_fd = out[0];
    s->err_fd = errp[0];
    job[1] = out[0] = errp[0] = -1;
    fcntl(s->out_fd, F_SETFL, O_NONBLOCK);
    fcntl(s->err_fd, F_SETFL, O_NONBLOCK);
    fcntl(s->out_fd, F_SETPIPE_SZ, POOL_PIPE_BYTES);
    wire_config cfg = {
        .timeout_s = (uint32_t)p->limits.timeout_s,
        .max_memory_mb = p->limits.max_memory_mb,
        .max_bytes = p->limits.max_bytes,
        .max_words = p->limits.max_words,
    };
    size_t frame = wire_frame_begin(&msg);
    wire_put_config(&msg, &cfg);
    wire_frame_end(&msg, frame);
    if (pool_write_all(s->job_fd, msg.data, msg.len) != 0) {
        snprintf(err, errlen, "cannot start an extraction process: %s", strerror(errno));
        pool_worker_kill(s, NULL);
        goto cleanup;
    }
    rc = 0;
cleanup:
    buf_free(&msg);
    for (int i = 0; i < 2; i++) {
        pool_close(&job[i]);
        pool_close(&out[i]);
        pool_close(&errp[i]);
    }
    return rc;
}

/* Reads what is there of fd; *eof set at end of file. */
static void pool_drain(pool_slot *s, int fd, int is_err, int *eof)
{
    char chunk[65536];
    *eof = 0;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (r <= 0) {
            *eof = 1;
            return;
        }
        if (!is_err) {
            buf_append(&s->out, chunk, (size_t)r);
        } else if (s->errtext_len < POOL_STDERR_KEEP) {
            size_t n = (size_t)r;
            if (n > POOL_STDERR_KEEP - s->errtext_len)
                n = POOL_STDERR_KEEP - s->errtext_len;
            memcpy(s->errtext + s->errtext_len, chunk, n);
            s->errtext_len += n;
            s->errtext[s->errtext_len] = '\0';
        }
    }
}

/* Sends the slot's job to its worker, starting one when there is none. */
static int pool_send(pool *p, pool_slot *s, char *err, size_t errlen)
{
    buf msg = BUF_INIT;
    int eof, rc = -1;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (s->pid == 0 && pool_spawn(p, s, err, errlen) != 0)
            break;
        /* What the worker wrote on stderr so far belongs to earlier files. */
        pool_drain(s, s->err_fd, 1, &eof);
        s->errtext_len = 0;
        s->errtext[0] = '\0';
        buf_clear(&msg);
        size_t frame = wire_frame_begin(&msg);
        if (s->page > 0)
            wire_put_page_job(&msg, s->path, s->old_hash, (uint32_t)s->page,
                              (uint32_t)s->timeout_s);
        else
            wire_put_job(&msg, s->format, s->path, s->old_hash);
        wire_frame_end(&msg, frame);
        if (pool_write_all(s->job_fd, msg.data, msg.len) == 0) {
            s->earlier = s->files++;
            s->busy = 1;
            s->deadline_ms = pool_now_ms() + (long long)s->timeout_s * 1000;
            rc = 0;
            break;
        }
        /* The worker died while idle: replace it once. */
        snprintf(err, errlen, "cannot reach an extraction process: %s", strerror(errno));
        pool_worker_kill(s, NULL);
    }
    buf_free(&msg);
    return rc;
}

int pool_start(pool *p, const pool_job *job, char *err, size_t errlen)
{
    pool_slot *s = NULL;
    /* A slot with a running worker first: starting one costs. */
    for (int i = 0; i < p->n; i++) {
        pool_slot *c = &p->slots[i];
        if (!c->busy && !c->done && (!s || (s->pid == 0 && c->pid != 0)))
            s = c;
    }
    if (!s) {
        snprintf(err, errlen, "no free worker");
        return -1;
    }
    pool_job_clear(s);
    s->path = buf_xstrndup(job->path, strlen(job->path));
    s->old_hash = job->old_hash ? buf_xstrndup(job->old_hash, strlen(job->old_hash)) : NULL;
    s->format = job->format;
    s->page = job->page;
    s->timeout_s = job->page > 0 && job->timeout_s > 0 ? job->timeout_s : p->limits.timeout_s;
    s->tag = job->tag;
    if (pool_send(p, s, err, errlen) != 0) {
        pool_job_clear(s);
        return -1;
    }
    return 0;
}

/* The worker ended (its result pipe is at end of file): reap it. */
static void pool_reap(pool_slot *s)
{
    int eof;
    pid_t r;
    pool_drain(s, s->err_fd, 1, &eof);
    do
        r = waitpid(s->pid, &s->status, 0);
    while (r < 0 && errno == EINTR);
    s->reaped = r == s->pid;
    s->died = 1;
    pool_worker_clear(s);
}

/* Decodes the worker's messages: "ready", then one result per job. */
static void pool_decode(pool_slot *s)
{
    const char *payload;
    size_t plen, used, off = 0;
    for (;;) {
        int rc = wire_frame_next(s->out.data + off, s->out.len - off, &payload, &plen, &used);
        if (rc == 0)
            break;
        if (rc < 0)
            goto untrusted;
        off += used;
        if (!s->ready) {
            if (!wire_get_ready(payload, plen))
                goto untrusted;
            s->ready = 1;
            s->deadline_ms = pool_now_ms() + (long long)s->timeout_s * 1000;
            continue;
        }
        if (!s->busy || s->has_result || wire_get_result(payload, plen, &s->res) != 0)
            goto untrusted;
        /* A page job is answered by a text or an error, a file job never by a text. */
        if ((s->res.kind == WIRE_TEXT) != (s->page > 0 && s->res.kind != WIRE_ERROR) ||
            (s->res.kind == WIRE_TEXT && s->res.doc.chunks[0].page != s->page))
            goto untrusted;
        s->has_result = 1;
    }
    if (off > 0) {
        memmove(s->out.data, s->out.data + off, s->out.len - off);
        s->out.len -= off;
    }
    /* The buffer of a large document is not kept while it is written. */
    if (s->out.len == 0 && s->out.cap > POOL_KEEP_BUFFER)
        buf_free(&s->out);
    return;
untrusted:
    /* Bytes out of turn or not a message: this worker cannot be trusted. */
    extract_doc_free(&s->res.doc);
    s->malformed = s->busy && !s->has_result;
    pool_worker_kill(s, NULL);
    s->died = 1;
    s->reaped = 0;
}

/* A worker killed by a signal (not by us) may owe it to files it handled
 * before this one: the job gets one more chance in a fresh worker. */
static int pool_retry(pool *p, pool_slot *s)
{
    char err[256];
    if (s->retried || s->timed_out || s->malformed || !s->reaped || !WIFSIGNALED(s->status) ||
        WTERMSIG(s->status) == SIGXCPU || s->earlier == 0)
        return 0;
    s->retried = 1;
    s->died = s->status = s->reaped = 0;
    return pool_send(p, s, err, sizeof err) == 0;
}

void pool_poll(pool *p, int wake_fd, int timeout_ms)
{
    struct pollfd *fds = calloc((size_t)p->n * 2 + 1, sizeof *fds);
    pool_slot **owner = calloc((size_t)p->n * 2 + 1, sizeof *owner);
    nfds_t nfds = 0;
    long long now = pool_now_ms();
    if (!fds || !owner)
        abort();
    for (int i = 0; i < p->n; i++) {
        pool_slot *s = &p->slots[i];
        if (s->pid == 0)
            continue;
        fds[nfds] = (struct pollfd){.fd = s->out_fd, .events = POLLIN};
        owner[nfds++] = s;
        fds[nfds] = (struct pollfd){.fd = s->err_fd, .events = POLLIN};
        owner[nfds++] = s;
        if (s->busy && !s->timed_out && s->deadline_ms - now < timeout_ms)
            timeout_ms = s->deadline_ms - now < 0 ? 0 : (int)(s->deadline_ms - now);
    }
    if (wake_fd >= 0) {
        fds[nfds] = (struct pollfd){.fd = wake_fd, .events = POLLIN};
        owner[nfds++] = NULL;
    }
    int ready = poll(fds, nfds, timeout_ms);
    for (nfds_t i = 0; ready > 0 && i < nfds; i++) {
        pool_slot *s = owner[i];
        int eof = 0;
        if (!s || s->pid == 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (fds[i].fd == s->err_fd) {
            pool_drain(s, s->err_fd, 1, &eof);
            continue;
        }
        pool_drain(s, s->out_fd, 0, &eof);
        pool_decode(s);
        if (eof && s->pid != 0)
            pool_reap(s);
    }
    now = pool_now_ms();
    for (int i = 0; i < p->n; i++) {
        pool_slot *s = &p->slots[i];
        if (s->busy && !s->has_result && s->pid != 0 && !s->timed_out && now >= s->deadline_ms) {
            kill(s->pid, SIGKILL);
            s->timed_out = 1;
        }
        if (!s->busy)
            continue;
        if (s->has_result || (s->died && !pool_retry(p, s))) {
            s->busy = 0;
            s->done = 1;
        }
    }
    free(fds);
    free(owner);
}

static int pool_ran_out_of_memory(const char *text)
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

/* First line of the worker's stderr that names a sanitizer error, if any. */
static int pool_sanitizer_line(const char *text, char *out, size_t outlen)
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

static void pool_explain_death(const pool_slot *s, pool_result *res)
{
    char line[200];
    if (s->timed_out) {
        snprintf(res->reason, sizeof res->reason, "extraction took longer than %d s", s->timeout_s);
    } else if (s->malformed) {
        snprintf(res->reason, sizeof res->reason, "extraction produced a malformed result");
    } else if (pool_ran_out_of_memory(s->errtext)) {
        snprintf(res->reason, sizeof res->reason, "extraction ran out of memory");
    } else if (pool_sanitizer_line(s->errtext, line, sizeof line)) {
        snprintf(res->reason, sizeof res->reason, "extraction crashed (%s)", line);
    } else if (!s->reaped) {
        snprintf(res->reason, sizeof res->reason, "extraction process vanished");
    } else if (WIFSIGNALED(s->status) && WTERMSIG(s->status) == SIGXCPU) {
        snprintf(res->reason, sizeof res->reason, "extraction took longer than %d s", s->timeout_s);
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

int pool_take(pool *p, pool_result *res)
{
    for (int i = 0; i < p->n; i++) {
        pool_slot *s = &p->slots[i];
        if (!s->done)
            continue;
        memset(res, 0, sizeof *res);
        extract_doc_init(&res->doc);
        res->tag = s->tag;
        res->page = s->page;
        res->outcome = POOL_FAILED;
        if (s->has_result) {
            if (s->res.kind == WIRE_ERROR) {
                snprintf(res->reason, sizeof res->reason, "%s", s->res.reason);
            } else {
                res->outcome = s->res.kind == WIRE_SAME   ? POOL_SAME
                               : s->res.kind == WIRE_TEXT ? POOL_TEXT
                                                          : POOL_DOC;
                res->ms = (int)(s->res.ms > INT32_MAX ? INT32_MAX : s->res.ms);
                memcpy(res->hash, s->res.hash, sizeof res->hash);
                res->doc = s->res.doc;
                extract_doc_init(&s->res.doc);
            }
        } else {
            pool_explain_death(s, res);
        }
        pool_job_clear(s);
        if (s->pid != 0 && s->files >= p->limits.files_per_worker)
            pool_worker_kill(s, NULL); /* idle: nothing is lost */
        return 1;
    }
    return 0;
}

void pool_kill_all(pool *p)
{
    for (int i = 0; i < p->n; i++) {
        pool_worker_kill(&p->slots[i], NULL);
        pool_job_clear(&p->slots[i]);
    }
}
