/* ocrcheck: asks the indexer beside searchd whether OCR can run. See
 * ocrcheck.h. The indexer starts with the default signal mask and
 * dispositions (searchd blocks SIGINT and SIGTERM in its threads) and none
 * of searchd's descriptors but the pipe of its answer. */
#include "ocrcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ocr.h"

extern char **environ;

/* The indexer's path: "indexer" in the directory of this program. */
static int ocrcheck_indexer_path(char *path, size_t len)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return snprintf(path, len, "%s/indexer", self) < (int)len ? 0 : -1;
}

static long long ocrcheck_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads fd until end of file, a full buffer or the deadline. Returns the
 * bytes read (NUL-terminated), or -1 on a timeout. */
static ssize_t ocrcheck_read(int fd, char *out, size_t len, long long deadline)
{
    size_t got = 0;
    while (got + 1 < len) {
        long long left = deadline - ocrcheck_now_ms();
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (left <= 0)
            return -1;
        int rc = poll(&p, 1, (int)left);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0)
            return -1;
        ssize_t n = read(fd, out + got, len - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    out[got] = '\0';
    return (ssize_t)got;
}

/* Fills out from the indexer's line (see OCR_PROBE_ARG). */
static void ocrcheck_parse(char *line, ocrcheck_result *out)
{
    char *save = NULL;
    line[strcspn(line, "\n")] = '\0';
    const char *status = strtok_r(line, "\t", &save);
    if (status && strcmp(status, "ok") == 0) {
        const char *engine = strtok_r(NULL, "\t", &save);
        const char *language = strtok_r(NULL, "\t", &save);
        const char *dpi = strtok_r(NULL, "\t", &save);
        if (engine && language && dpi && atoi(dpi) > 0) {
            out->available = 1;
            snprintf(out->engine, sizeof out->engine, "%s", engine);
            snprintf(out->language, sizeof out->language, "%s", language);
            out->dpi = atoi(dpi);
            return;
        }
    } else if (status && strcmp(status, "unavailable") == 0) {
        const char *reason = strtok_r(NULL, "", &save);
        snprintf(out->reason, sizeof out->reason, "%s", reason ? reason : "no reason given");
        return;
    }
    snprintf(out->reason, sizeof out->reason, "the indexer's OCR check answered nonsense");
}

void ocrcheck_run(ocrcheck_result *out)
{
    char path[PATH_MAX + 16], answer[1024];
    char *argv[] = {"indexer", OCR_PROBE_ARG, NULL};
    int fd[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    pid_t pid;
    memset(out, 0, sizeof *out);
    if (ocrcheck_indexer_path(path, sizeof path) != 0 || access(path, X_OK) != 0) {
        snprintf(out->reason, sizeof out->reason, "no indexer beside searchd to ask");
        return;
    }
    if (pipe2(fd, O_CLOEXEC) != 0) {
        snprintf(out->reason, sizeof out->reason, "cannot ask the indexer: %s", strerror(errno));
        return;
    }
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    int e = posix_spawn(&pid, path, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fd[1]);
    if (e != 0) {
        close(fd[0]);
        snprintf(out->reason, sizeof out->reason, "cannot start the indexer: %s", strerror(e));
        return;
    }
    ssize_t n =
        ocrcheck_read(fd[0], answer, sizeof answer, ocrcheck_now_ms() + OCRCHECK_TIMEOUT_MS);
    close(fd[0]);
    if (n < 0)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (n < 0)
        snprintf(out->reason, sizeof out->reason, "the indexer's OCR check took over %d s",
                 OCRCHECK_TIMEOUT_MS / 1000);
    else if (n == 0)
        snprintf(out->reason, sizeof out->reason, "the indexer's OCR check failed");
    else
        ocrcheck_parse(answer, out);
}
