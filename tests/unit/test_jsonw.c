/* test_jsonw: searchd's JSON writer (searchd/jsonw.c) against jansson, which
 * wrote searchd's answers before it: the same bytes for every single byte and
 * tricky UTF-8 in strings, for numbers (reals at 6 significant digits,
 * integers at their bounds), for nested containers with their commas; text
 * that is not UTF-8 repaired as text_decode does; a writer out of memory
 * gives no text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jsonw.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))

/* jansson's text for v (taken), with the newline jsonw_finish adds. */
static char *oracle(json_t *v)
{
    assert_non_null(v);
    char *text = json_dumps(v, FLAGS | JSON_ENCODE_ANY);
    json_decref(v);
    assert_non_null(text);
    size_t n = strlen(text);
    char *out = malloc(n + 2);
    assert_non_null(out);
    memcpy(out, text, n);
    memcpy(out + n, "\n", 2);
    free(text);
    return out;
}

static void assert_same(jsonw *w, json_t *want)
{
    size_t len = 0;
    char *got = jsonw_finish(w, &len);
    char *exp = oracle(want);
    assert_non_null(got);
    assert_int_equal(len, strlen(got));
    assert_string_equal(got, exp);
    free(got);
    free(exp);
}

static void assert_string_same(const char *s, size_t len)
{
    jsonw w = JSONW_INIT;
    jsonw_strn(&w, s, len);
    assert_same(&w, json_stringn(s, len));
}

static void test_every_byte(void **state)
{
    (void)state;
    for (int c = 1; c < 0x80; c++) {
        char s[4] = {'a', (char)c, 'b', 0};
        assert_string_same(s, 3);
        assert_string_same(s + 1, 1);
    }
    char all[127];
    for (int c = 1; c < 0x80; c++)
        all[c - 1] = (char)c;
    assert_string_same(all, sizeof all);
}

static void test_utf8_strings(void **state)
{
    (void)state;
    const char *samples[] = {
        "",
        "mineurs non accompagnés",
        "« traite des êtres humains » — l’enfant",
        "\xe2\x80\xa8 and \xe2\x80\xa9 (line and paragraph separators)",
        "\xf0\x9f\x98\x80 four bytes \xf4\x8f\xbf\xbf",
        "\xef\xbb\xbf BOM, \xef\xbf\xbd replacement",
        "<mark>traite</mark> &amp; &quot;exploitation&quot; \\ \"quoted\" / slash",
        "tab\there\r\nline\x0b\x0c\x1f\x7f",
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        assert_string_same(samples[i], strlen(samples[i]));
}

static void test_invalid_utf8_repaired(void **state)
{
    (void)state;
    const char *bad[] = {"caf\xe9",           "\xff\xfe",
                         "ok \xc3",           "\xed\xa0\x80 surrogate",
                         "\xc0\xaf overlong", "\xf4\x90\x80\x80 too high"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(json_string(bad[i])); /* jansson refuses it too */
        char *clean = text_decode(bad[i], strlen(bad[i]), TEXT_ENC_UTF8, NULL);
        jsonw w = JSONW_INIT;
        jsonw_text(&w, bad[i]);
        assert_same(&w, json_string(clean));
        free(clean);
    }
    jsonw w = JSONW_INIT;
    jsonw_text(&w, NULL);
    assert_same(&w, json_null());
    jsonw_text(&w, "plain");
    assert_same(&w, json_string("plain"));
}

static void test_reals(void **state)
{
    (void)state;
    const double v[] = {0.0,       -0.0,     1.0,      3.0,        12.4,        0.1 + 0.2,
                        1234567.0, 123456.0, 999999.5, 1e-5,       0.000123456, -2.5e20,
                        1e100,     1e-300,   5e-324,   1.7976e308, 17.83,       -0.0012345678,
                        100.0,     2.675,    0.5,      1e16,       1e21,        -7.0};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        jsonw w = JSONW_INIT;
        jsonw_real(&w, v[i]);
        assert_same(&w, json_real(v[i]));
    }
    const double odd[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        jsonw w = JSONW_INIT;
        jsonw_real(&w, odd[i]);
        assert_same(&w, json_real(0.0));
    }
}

static void test_integers(void **state)
{
    (void)state;
    const long long v[] = {0, 1, -1, 41, 9471, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        jsonw w = JSONW_INIT;
        jsonw_int(&w, v[i]);
        assert_same(&w, json_integer(v[i]));
    }
}

/* An answer's shape: nested objects and arrays, empty ones, every kind of
 * value, so that each comma lands where jansson put it. */
static void test_nesting(void **state)
{
    (void)state;
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    jsonw_key(&w, "query");
    jsonw_text(&w, "mot de passe");
    jsonw_key(&w, "total");
    jsonw_int(&w, 2);
    jsonw_key(&w, "results");
    jsonw_array(&w);
    for (int i = 0; i < 2; i++) {
        jsonw_object(&w);
        jsonw_key(&w, "id");
        jsonw_text(&w, "d1");
        jsonw_key(&w, "page");
        if (i)
            jsonw_int(&w, 3);
        else
            jsonw_null(&w);
        jsonw_key(&w, "score");
        jsonw_real(&w, 12.4);
        jsonw_end_object(&w);
    }
    jsonw_end_array(&w);
    jsonw_key(&w, "empty");
    jsonw_array(&w);
    jsonw_end_array(&w);
    jsonw_key(&w, "facets");
    jsonw_object(&w);
    jsonw_key(&w, "format");
    jsonw_object(&w);
    jsonw_end_object(&w);
    jsonw_key(&w, "year");
    jsonw_object(&w);
    jsonw_key(&w, "2018");
    jsonw_int(&w, 9);
    jsonw_end_object(&w);
    jsonw_end_object(&w);
    jsonw_key(&w, "nested");
    jsonw_array(&w);
    jsonw_array(&w);
    jsonw_bool(&w, 1);
    jsonw_end_array(&w);
    jsonw_array(&w);
    jsonw_end_array(&w);
    jsonw_bool(&w, 0);
    jsonw_end_array(&w);
    jsonw_key(&w, "suggestion");
    jsonw_null(&w);
    jsonw_end_object(&w);
    json_t *want = json_pack(
        "{s:s, s:i, s:[{s:s, s:n, s:f}, {s:s, s:i, s:f}], s:[], s:{s:{}, s:{s:i}}, s:[[b], [], b], "
        "s:n}",
        "query", "mot de passe", "total", 2, "results", "id", "d1", "page", "score", 12.4, "id",
        "d1", "page", 3, "score", 12.4, "empty", "facets", "format", "year", "2018", 9, "nested", 1,
        0, "suggestion");
    assert_same(&w, want);
}

/* A long text grows the buffer several times over. */
static void test_long_text(void **state)
{
    (void)state;
    size_t n = 100000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = "ab\"c\\d\n\xc3\xa9"[i % 9];
    s[n - (n % 9)] = '\0'; /* whole sequences only */
    jsonw w = JSONW_INIT;
    jsonw_array(&w);
    jsonw_text(&w, s);
    jsonw_text(&w, s);
    jsonw_end_array(&w);
    assert_same(&w, json_pack("[s, s]", s, s));
    free(s);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    jsonw w = JSONW_INIT;
    jsonw_object(&w);
    w.failed = 1; /* as after a failed realloc */
    jsonw_key(&w, "lost");
    jsonw_end_object(&w);
    size_t len = 7;
    assert_null(jsonw_finish(&w, &len));
    assert_int_equal(len, 0);
    assert_null(w.data);
    /* The writer is reusable afterwards. */
    jsonw_null(&w);
    assert_same(&w, json_null());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_utf8_strings),
        cmocka_unit_test(test_invalid_utf8_repaired),
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
