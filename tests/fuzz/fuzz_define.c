/* fuzz_define: define_finds (lib/define.c) on arbitrary input: the first
 * line is the term, the second the title, the rest the text, given in a
 * buffer of its exact length (no NUL after it, so that a read past the
 * length is caught), with and without the title. */
#include "define.h"
#include "fuzz_util.h"

/* Checks define.h's promises that can be checked whatever the text: the
 * same answer twice; no answer for an empty term or text; a text cut to
 * nothing defines nothing. */
static void df_check(const char *term, const char *title, const char *text, size_t len)
{
    int a = define_finds(text, len, term, title);
    int b = define_finds(text, len, term, title);
    if (a != b)
        fuzz_fail("define_finds gave %d then %d for the term \"%s\"", a, b, term);
    if (a && (len == 0 || term[0] == '\0'))
        fuzz_fail("a definition of \"%s\" found in %zu bytes", term, len);
    if (define_finds(text, 0, term, title))
        fuzz_fail("a definition of \"%s\" found in no text", term);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    char *title = strchr(s, '\n');
    char *rest = NULL;
    if (title) {
        *title++ = '\0';
        rest = strchr(title, '\n');
        if (rest)
            *rest++ = '\0';
    }
    const char *body = rest ? rest : "";
    size_t len = strlen(body);
    char *text = malloc(len ? len : 1);
    if (!text)
        abort();
    memcpy(text, body, len);
    df_check(s, title, text, len);
    df_check(s, NULL, text, len);
    free(text);
    free(s);
    return 0;
}
