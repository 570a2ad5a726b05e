/* jsonw: writes compact JSON text into a growing buffer, in the order the
 * calls come, the way searchd's answers have always been written (jansson's
 * compact output, reals at 6 significant digits). Builds no tree and parses
 * nothing: the caller opens, fills and closes the containers; the writer
 * only places the commas. Strings must be valid UTF-8 (jsonw_text repairs
 * the ones that may not be). Running out of memory does not abort: the
 * writer stops writing and jsonw_finish says so, for a 500 answer. */
#ifndef SEARCHD_JSONW_H
#define SEARCHD_JSONW_H

#include <stddef.h>

typedef struct {
    char *data; /* the text so far (owned), not NUL-terminated until finished */
    size_t len, cap;
    int comma;  /* a value ended: the next key or array value needs a comma */
    int failed; /* out of memory: nothing more is written */
} jsonw;

/* clang-format off */
#define JSONW_INIT {NULL, 0, 0, 0, 0}
/* clang-format on */

/* Ends the text with a newline and returns it, NUL-terminated (the caller
 * frees it; *len is its length without the NUL), or NULL when memory ran
 * out on the way. Either way w is left empty. */
char *jsonw_finish(jsonw *w, size_t *len);
/* Frees what w holds (a text not finished). */
void jsonw_free(jsonw *w);

void jsonw_object(jsonw *w); /* { */
void jsonw_array(jsonw *w);  /* [ */
void jsonw_end_object(jsonw *w);
void jsonw_end_array(jsonw *w);
/* An object's key (valid UTF-8); the next call writes its value. */
void jsonw_key(jsonw *w, const char *key);

/* A string of len bytes that is valid UTF-8, escaped as JSON requires. */
void jsonw_strn(jsonw *w, const char *s, size_t len);
/* Text that may not be valid UTF-8 (from the index or a client): invalid
 * sequences become U+FFFD as text_decode does; NULL writes null. */
void jsonw_text(jsonw *w, const char *s);
void jsonw_int(jsonw *w, long long v);
/* A number with 6 significant digits, always with a '.' or an exponent
 * ("3.0", "12.4", "1e-5"); infinities and NaN write 0.0. */
void jsonw_real(jsonw *w, double v);
void jsonw_bool(jsonw *w, int v);
void jsonw_null(jsonw *w);

#endif
