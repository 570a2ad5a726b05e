/* jsonw: compact JSON written into a growing buffer; see jsonw.h. Replaces building a
 * jansson tree and dumping it for every answer: on the scale index that cost
 * about 0.74 million instructions a search answer (a hash table entry per
 * object and array to detect cycles, a UTF-8 decode per character, a copy
 * of the whole text), this about a tenth of it. The text is byte for byte
 * what jansson wrote with JSON_COMPACT | JSON_REAL_PRECISION(6)
 * (tests/unit/test_jsonw.c holds jansson to it). */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Room for n more bytes; 0, or -1 once memory has run out. */
static int jsonw_room(jsonw *w, size_t n)
{
    if (w->failed)
        return -1;
    if (w->cap - w->len >= n)
        return 0;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->len < n) {
        if (cap > ((size_t)-1) / 2) {
            w->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(w->data, cap);
    if (!p) {
        w->failed = 1;
        return -1;
    }
    w->data = p;
    w->cap = cap;
    return 0;
}

static void jsonw_put(jsonw *w, const char *s, size_t n)
{
    if (n == 0 || jsonw_room(w, n) != 0)
        return;
    memcpy(w->data + w->len, s, n);
    w->len += n;
}

static void jsonw_putc(jsonw *w, char c)
{
    if (jsonw_room(w, 1) == 0)
        w->data[w->len++] = c;
}

static void jsonw_comma(jsonw *w)
{
    if (w->comma)
        jsonw_putc(w, ',');
    w->comma = 0;
}

char *jsonw_finish(jsonw *w, size_t *len)
{
    jsonw_put(w, "\n", 2); /* the newline, and room for the NUL */
    char *text = NULL;
    *len = 0;
    if (!w->failed) {
        text = w->data;
        *len = --w->len;
        text[*len] = '\0';
        w->data = NULL;
    }
    jsonw_free(w);
    return text;
}

void jsonw_free(jsonw *w)
{
    free(w->data);
    *w = (jsonw)JSONW_INIT;
}

void jsonw_object(jsonw *w)
{
    jsonw_comma(w);
    jsonw_putc(w, '{');
}

void jsonw_array(jsonw *w)
{
    jsonw_comma(w);
    jsonw_putc(w, '[');
}

void jsonw_end_object(jsonw *w)
{
    jsonw_putc(w, '}');
    w->comma = 1;
}

void jsonw_end_array(jsonw *w)
{
    jsonw_putc(w, ']');
    w->comma = 1;
}

/* Bytes a JSON string cannot hold as they are: control characters, the
 * quote and the backslash. Others, UTF-8 sequences included, are copied. */
static int jsonw_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

static void jsonw_quoted(jsonw *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    jsonw_putc(w, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!jsonw_special(c))
            continue;
        jsonw_put(w, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"':
        case '\\':
            esc[1] = (char)c;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
            break;
        }
        jsonw_put(w, esc, n);
    }
    jsonw_put(w, s + run, len - run);
    jsonw_putc(w, '"');
}

void jsonw_key(jsonw *w, const char *key)
{
    jsonw_comma(w);
    jsonw_quoted(w, key, strlen(key));
    jsonw_putc(w, ':');
}

void jsonw_strn(jsonw *w, const char *s, size_t len)
{
    jsonw_comma(w);
    jsonw_quoted(w, s, len);
    w->comma = 1;
}

void jsonw_text(jsonw *w, const char *s)
{
    if (!s) {
        jsonw_null(w);
        return;
    }
    size_t len = strlen(s);
    if (text_is_utf8(s, len)) {
        jsonw_strn(w, s, len);
        return;
    }
    size_t n = 0;
    char *clean = text_decode(s, len, TEXT_ENC_UTF8, &n);
    if (clean && text_is_utf8(clean, n))
        jsonw_strn(w, clean, n);
    else
        jsonw_strn(w, "", 0);
    free(clean);
}

void jsonw_int(jsonw *w, long long v)
{
    char num[24];
    int n = snprintf(num, sizeof num, "%lld", v);
    jsonw_comma(w);
    jsonw_put(w, num, (size_t)n);
    w->comma = 1;
}

/* %.6g in the C locale (searchd never sets another), then a ".0" where
 * the number would read as an integer, and the exponent without its '+'
 * or leading zeros ("1e-05" -> "1e-5", "1.5e+20" -> "1.5e20"). */
void jsonw_real(jsonw *w, double v)
{
    char num[40];
    if (!isfinite(v))
        v = 0;
    int n = snprintf(num, sizeof num - 2, "%.6g", v);
    if (n < 0 || (size_t)n >= sizeof num - 2)
        n = snprintf(num, sizeof num, "0");
    char *e = strchr(num, 'e');
    if (!e && !strchr(num, '.')) {
        memcpy(num + n, ".0", 3);
    } else if (e) {
        char *from = e + 1, *to = e + 1;
        if (*from == '+')
            from++;
        else if (*from == '-')
            from = to = e + 2;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    jsonw_comma(w);
    jsonw_put(w, num, strlen(num));
    w->comma = 1;
}

void jsonw_bool(jsonw *w, int v)
{
    jsonw_comma(w);
    if (v)
        jsonw_put(w, "true", 4);
    else
        jsonw_put(w, "false", 5);
    w->comma = 1;
}

void jsonw_null(jsonw *w)
{
    jsonw_comma(w);
    jsonw_put(w, "null", 4);
    w->comma = 1;
}
