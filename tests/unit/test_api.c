/* test_api: searchd's checks of the /api/search parameters
 * (api_search_params over search_check_request): defaults, the bounds of
 * limit, offset and year, format lists (the extraction table's names), the
 * query text, and messages that say what is allowed. No index is needed: the checks come before it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "api.h"
#include "extract.h"
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARGS_MAX 6

/* A request's decoded arguments: name, value (len bytes, NUL allowed). */
typedef struct {
    const char *name[ARGS_MAX];
    const char *value[ARGS_MAX];
    size_t len[ARGS_MAX];
    size_t n;
} args;

static const char *args_get(void *cls, const char *name, size_t *len)
{
    args *a = cls;
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->name[i], name) == 0) {
            *len = a->len[i];
            return a->value[i];
        }
    }
    return NULL;
}

static void args_add(args *a, const char *name, const char *value, size_t len)
{
    a->name[a->n] = name;
    a->value[a->n] = value;
    a->len[a->n] = len;
    a->n++;
}

/* Runs api_search_params on q plus one argument (name may be NULL). */
static int params(const char *q, const char *name, const char *value, search_request *sr, char *err,
                  size_t errlen)
{
    args a = {.n = 0};
    if (q)
        args_add(&a, "q", q, strlen(q));
    if (name)
        args_add(&a, name, value, strlen(value));
    api_request req = {.path = "/api/search", .arg = args_get, .cls = &a};
    err[0] = '\0';
    return api_search_params(&req, sr, err, errlen);
}

static void assert_refused(const char *name, const char *value, const char *want)
{
    search_request sr;
    char err[256];
    if (params("traite", name, value, &sr, err, sizeof err) != -1)
        fail_msg("%s=%s accepted", name, value);
    assert_string_equal(err, want);
}

static void test_defaults(void **state)
{
    (void)state;
    search_request sr;
    char err[256];
    assert_int_equal(params("mineurs non accompagnés", NULL, NULL, &sr, err, sizeof err), 0);
    assert_string_equal(sr.q, "mineurs non accompagnés");
    assert_int_equal(sr.limit, 10);
    assert_int_equal(sr.offset, 0);
    assert_null(sr.formats);
    assert_int_equal(sr.year_from, 0);
    assert_int_equal(sr.year_to, 0);
}

static void test_limit_and_offset(void **state)
{
    (void)state;
    search_request sr;
    char err[256], want[128];
    assert_int_equal(params("traite", "limit", "1", &sr, err, sizeof err), 0);
    assert_int_equal(sr.limit, 1);
    char top[16];
    snprintf(top, sizeof top, "%d", SEARCH_MAX_LIMIT);
    assert_int_equal(params("traite", "limit", top, &sr, err, sizeof err), 0);
    assert_int_equal(sr.limit, SEARCH_MAX_LIMIT);
    snprintf(want, sizeof want, "limit must be a whole number from 1 to %d", SEARCH_MAX_LIMIT);
    snprintf(top, sizeof top, "%d", SEARCH_MAX_LIMIT + 1);
    const char *bad_limits[] = {"0", top, "", "-1", "+5", "1e2", " 5", "5 ", "abc", "9999999999"};
    for (size_t i = 0; i < sizeof bad_limits / sizeof *bad_limits; i++)
        assert_refused("limit", bad_limits[i], want);

    assert_int_equal(params("traite", "offset", "0", &sr, err, sizeof err), 0);
    snprintf(top, sizeof top, "%d", SEARCH_MAX_OFFSET);
    assert_int_equal(params("traite", "offset", top, &sr, err, sizeof err), 0);
    assert_int_equal(sr.offset, SEARCH_MAX_OFFSET);
    snprintf(want, sizeof want, "offset must be a whole number from 0 to %d", SEARCH_MAX_OFFSET);
    snprintf(top, sizeof top, "%d", SEARCH_MAX_OFFSET + 1);
    assert_refused("offset", top, want);
    assert_refused("offset", "-1", want);
    assert_refused("offset", "dix", want);
}

static void test_year(void **state)
{
    (void)state;
    search_request sr;
    char err[256];
    assert_int_equal(params("traite", "year", "2018", &sr, err, sizeof err), 0);
    assert_int_equal(sr.year_from, 2018);
    assert_int_equal(sr.year_to, 2018);
    assert_int_equal(params("traite", "year", "2017-2019", &sr, err, sizeof err), 0);
    assert_int_equal(sr.year_from, 2017);
    assert_int_equal(sr.year_to, 2019);
    assert_int_equal(params("traite", "year", "2017 - 2019", &sr, err, sizeof err), 0);
    assert_int_equal(sr.year_to, 2019);
    assert_int_equal(params("traite", "year", "2018 ", &sr, err, sizeof err), 0);
    assert_int_equal(params("traite", "year", "", &sr, err, sizeof err), 0); /* no filter */
    assert_int_equal(sr.year_from, 0);
    const char *want = "year must be a year such as 2018 or a range such as 2017-2019";
    const char *bad[] = {"2019-2017",  "0",     "0-2018", "10000",      "2017-",   "-2017",
                         "2017--2019", "vingt", " 2018",  "2017-2019 ", "20180000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_refused("year", bad[i], want);
}

static void test_formats(void **state)
{
    (void)state;
    search_request sr;
    char err[256];
    assert_int_equal(params("traite", "format", "pdf,html", &sr, err, sizeof err), 0);
    assert_string_equal(sr.formats, "pdf,html");
    assert_int_equal(params("traite", "format", "TEXT, Html", &sr, err, sizeof err), 0);
    assert_int_equal(params("traite", "format", ",,pdf,", &sr, err, sizeof err), 0);
    assert_int_equal(params("traite", "format", "", &sr, err, sizeof err), 0);
    assert_null(sr.formats);
    /* every name of the extraction table is accepted, and listed when one is not */
    char want[256] = "format must be a comma-separated list of: ";
    for (int f = EXTRACT_FORMAT_NONE + 1; f < EXTRACT_FORMAT_COUNT; f++) {
        const char *name = extract_format_name((extract_format)f);
        assert_int_equal(params("traite", "format", name, &sr, err, sizeof err), 0);
        if (f > EXTRACT_FORMAT_NONE + 1)
            strcat(want, ", ");
        strcat(want, name);
    }
    assert_non_null(strstr(want, "pdf, html, text"));
    assert_refused("format", "<b>", want);
    assert_refused("format", "pdf;html", want);
    assert_refused("format", "pdf,doc", want);
    assert_refused("format", "none", want);
    assert_refused("format", "pdfpdfpdfpdfpdfpdf", want);
}

static void test_query_text(void **state)
{
    (void)state;
    search_request sr;
    char err[256], want[128];
    assert_int_equal(params(NULL, NULL, NULL, &sr, err, sizeof err), -1);
    assert_string_equal(err, "the parameter q is required");
    assert_int_equal(params(" \t\n", NULL, NULL, &sr, err, sizeof err), -1);
    assert_string_equal(err, "the query is empty");
    assert_int_equal(params("r\xe9union", NULL, NULL, &sr, err, sizeof err), -1);
    assert_string_equal(err, "the parameter q is not valid UTF-8 text");

    char *q = malloc(SEARCH_MAX_QUERY_BYTES + 2);
    memset(q, 'a', SEARCH_MAX_QUERY_BYTES);
    q[SEARCH_MAX_QUERY_BYTES] = '\0';
    assert_int_equal(params(q, NULL, NULL, &sr, err, sizeof err), 0);
    q[SEARCH_MAX_QUERY_BYTES] = 'a';
    q[SEARCH_MAX_QUERY_BYTES + 1] = '\0';
    assert_int_equal(params(q, NULL, NULL, &sr, err, sizeof err), -1);
    snprintf(want, sizeof want, "the query is too long (at most %d bytes)", SEARCH_MAX_QUERY_BYTES);
    assert_string_equal(err, want);
    free(q);

    /* a NUL inside the decoded value */
    args a = {.n = 0};
    args_add(&a, "q", "traite\0humains", 14);
    api_request req = {.path = "/api/search", .arg = args_get, .cls = &a};
    assert_int_equal(api_search_params(&req, &sr, err, sizeof err), -1);
    assert_string_equal(err, "the parameter q contains a NUL character");
}

/* The engine applies the same rules to callers that skip searchd. */
static void test_engine_rules(void **state)
{
    (void)state;
    char err[256];
    search_request ok = {.q = "traite", .limit = 10};
    assert_int_equal(search_check_request(&ok, err, sizeof err), SEARCH_OK);
    search_request r = ok;
    r.limit = SEARCH_MAX_LIMIT + 1;
    assert_int_equal(search_check_request(&r, err, sizeof err), SEARCH_EBADREQ);
    r = ok;
    r.year_from = 2019;
    r.year_to = 2018;
    assert_int_equal(search_check_request(&r, err, sizeof err), SEARCH_EBADREQ);
    r = ok;
    r.year_to = 2018; /* an end without a start */
    assert_int_equal(search_check_request(&r, err, sizeof err), SEARCH_EBADREQ);
    r = ok;
    r.q = NULL;
    assert_int_equal(search_check_request(&r, err, sizeof err), SEARCH_EBADREQ);
    assert_string_equal(err, "the query is missing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),   cmocka_unit_test(test_limit_and_offset),
        cmocka_unit_test(test_year),       cmocka_unit_test(test_formats),
        cmocka_unit_test(test_query_text), cmocka_unit_test(test_engine_rules),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
