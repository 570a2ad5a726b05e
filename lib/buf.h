/* buf: a growable byte buffer, always NUL-terminated, for building strings
 * (extracted text, SQL, JSON-free output). Allocation failure aborts: the
 * engine treats out-of-memory as fatal rather than threading it everywhere. */
#ifndef REPERE_BUF_H
#define REPERE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data; /* owned; NUL-terminated when len > 0 or after buf_reserve */
    size_t len;
    size_t cap;
} buf;

/* clang-format off */
#define BUF_INIT {NULL, 0, 0}
/* clang-format on */

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_clear(buf *b);
/* Returns the string (caller owns it, never NULL) and resets the buffer. */
char *buf_detach(buf *b);
void buf_free(buf *b);

/* The same out-of-memory policy for the engine's other allocations:
 * realloc (n = 0 allocates one byte) and strndup that abort on failure. */
void *buf_xrealloc(void *p, size_t n);
/* An array p of *cap elements of size bytes made to hold at least need:
 * its capacity doubles (from 16) until it does. Returns the array. */
void *buf_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *buf_xstrndup(const char *s, size_t n);

#endif
