/* fuzz_util: checks shared by the fuzz targets. A broken invariant is a bug
 * like a crash: it prints what was wrong and aborts, so libFuzzer keeps the
 * input and the replay driver fails. Also a tiny in-memory index with the
 * real schema and tokenizer, for targets that run FTS5 queries. */
#ifndef REPERE_FUZZ_UTIL_H
#define REPERE_FUZZ_UTIL_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

__attribute__((format(printf, 1, 2), noreturn)) static inline void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz invariant broken: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* 1 when s[0..len) is valid UTF-8 with no NUL byte. */
static inline int fuzz_utf8_ok(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0 || cp == 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

static inline void fuzz_check_str(const char *what, const char *s)
{
    if (s && !fuzz_utf8_ok(s, strlen(s)))
        fuzz_fail("%s is not valid UTF-8: \"%s\"", what, s);
}

/* Copies the input into a NUL-terminated string (the inputs are not). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static inline void fuzz_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fuzz_fail("setup SQL failed: %s: %s", sql, msg ? msg : "?");
}

#endif
