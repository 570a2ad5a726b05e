/* fileread: bounded reads of regular files. O_NONBLOCK keeps open() from
 * waiting for a FIFO's writer (the file is refused right after, by fstat);
 * on a regular file it changes nothing. O_NOCTTY keeps a terminal device
 * from becoming ours before it is refused. */
#include "fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static fileread_status fileread_fail(char *err, size_t errlen, fileread_status st,
                                     const char *words)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", words);
    return st;
}

/* Opens path for reading if it is a regular file; returns the descriptor
 * and its size, or -1 with *st set. */
static int fileread_open(const char *path, off_t *size, fileread_status *st, char *err,
                         size_t errlen)
{
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &sb) != 0) {
        *st = fileread_fail(err, errlen, FILEREAD_EOPEN, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        *st = fileread_fail(err, errlen, FILEREAD_ENOTREG, "not a regular file");
        close(fd);
        return -1;
    }
    *size = sb.st_size;
    return fd;
}

/* One read(), retried on EINTR. */
static ssize_t fileread_some(int fd, char *to, size_t n)
{
    ssize_t r;
    do
        r = read(fd, to, n);
    while (r < 0 && errno == EINTR);
    return r;
}

static fileread_status fileread_too_big(char *err, size_t errlen, size_t max_bytes)
{
    char words[80];
    if (max_bytes >= (1u << 20) && max_bytes % (1u << 20) == 0)
        snprintf(words, sizeof words, "larger than the size limit (%zu MB)", max_bytes >> 20);
    else
        snprintf(words, sizeof words, "larger than the size limit (%zu bytes)", max_bytes);
    return fileread_fail(err, errlen, FILEREAD_ETOOBIG, words);
}

fileread_status fileread_all(const char *path, size_t max_bytes, char **data, size_t *len,
                             char *err, size_t errlen)
{
    fileread_status st = FILEREAD_OK;
    off_t size;
    char *d = NULL;
    size_t n = 0;
    *data = NULL;
    *len = 0;
    if (max_bytes > SIZE_MAX - 2)
        max_bytes = SIZE_MAX - 2;
    int fd = fileread_open(path, &size, &st, err, errlen);
    if (fd < 0)
        return st;
    if ((uintmax_t)size > (uintmax_t)max_bytes) {
        st = fileread_too_big(err, errlen, max_bytes);
        goto cleanup;
    }
    /* Room for the size fstat gave, one byte more to notice a file that
     * grew (or a /proc file that reports 0), and the NUL. */
    size_t cap = (size_t)size + 2;
    d = malloc(cap);
    for (;;) {
        if (!d) {
            st = fileread_fail(err, errlen, FILEREAD_ENOMEM, "out of memory reading the file");
            goto cleanup;
        }
        ssize_t r = fileread_some(fd, d + n, cap - 1 - n);
        if (r < 0) {
            st = fileread_fail(err, errlen, FILEREAD_EREAD, strerror(errno));
            goto cleanup;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max_bytes) {
            st = fileread_too_big(err, errlen, max_bytes);
            goto cleanup;
        }
        if (n == cap - 1) {
            size_t bigger = cap > (max_bytes + 2) / 2 ? max_bytes + 2 : cap * 2;
            char *nd = realloc(d, bigger);
            if (!nd)
                free(d);
            d = nd;
            cap = bigger;
        }
    }
    d[n] = '\0';
    *data = d;
    *len = n;
    d = NULL;
cleanup:
    close(fd);
    free(d);
    return st;
}

fileread_status fileread_head(const char *path, void *head, size_t size, size_t *len, char *err,
                              size_t errlen)
{
    fileread_status st = FILEREAD_OK;
    off_t fsize;
    *len = 0;
    int fd = fileread_open(path, &fsize, &st, err, errlen);
    if (fd < 0)
        return st;
    while (*len < size) {
        ssize_t r = fileread_some(fd, (char *)head + *len, size - *len);
        if (r < 0) {
            st = fileread_fail(err, errlen, FILEREAD_EREAD, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        *len += (size_t)r;
    }
    close(fd);
    return st;
}
