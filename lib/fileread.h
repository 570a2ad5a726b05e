/* fileread: the one way Repère reads a file it is handed (an indexed
 * document, a file served by searchd): regular files only, never blocking
 * on a FIFO or device, never reading more than the caller allows. Errors
 * come back as a status and a message in plain words; nothing is printed.
 * Knows nothing of formats or encodings. */
#ifndef REPERE_FILEREAD_H
#define REPERE_FILEREAD_H

#include <stddef.h>

typedef enum {
    FILEREAD_OK = 0,
    FILEREAD_EOPEN,   /* cannot be opened or examined; err holds errno's words */
    FILEREAD_ENOTREG, /* a directory, FIFO, device or socket: "not a regular file" */
    FILEREAD_ETOOBIG, /* more than max_bytes: "larger than the size limit (…)" */
    FILEREAD_ENOMEM,  /* "out of memory reading the file" */
    FILEREAD_EREAD,   /* a read failed; err holds errno's words */
} fileread_status;

/* Reads the whole of path, at most max_bytes (a file that grows past the
 * limit while being read is refused too). On FILEREAD_OK, *data is a
 * NUL-terminated copy the caller frees (never NULL, even for an empty
 * file) and *len its length without the NUL. On failure *data is NULL and
 * err (may be NULL) receives the reason. Out of memory is an error, not an
 * abort: a size limit near the memory limit must not kill the caller. */
fileread_status fileread_all(const char *path, size_t max_bytes, char **data, size_t *len,
                             char *err, size_t errlen);

/* Reads the first bytes of path (at most size) into head, for format
 * detection; *len receives how many (fewer for a short file). Same
 * refusals and errors as fileread_all, without the size limit. */
fileread_status fileread_head(const char *path, void *head, size_t size, size_t *len, char *err,
                              size_t errlen);

#endif
