/* test_settings: searchd's command line (settings_parse): the named
 * defaults, each option, the bounds of the numbers, --listen forms, the
 * --cors limit, errors in words that name the option, and the usage text
 * built from the same defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "search.h"
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARGV_MAX 80

/* Parses "searchd" followed by the NULL-terminated arguments. */
static int parse(settings *s, char *err, size_t errlen, ...)
{
    static char *argv[ARGV_MAX + 1];
    int argc = 0;
    argv[argc++] = "searchd";
    va_list ap;
    va_start(ap, errlen);
    char *a;
    while ((a = va_arg(ap, char *)) != NULL && argc < ARGV_MAX)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    err[0] = '\0';
    return settings_parse(argc, argv, s, err, errlen);
}

static void test_defaults(void **state)
{
    (void)state;
    settings s;
    char err[256];
    assert_int_equal(parse(&s, err, sizeof err, NULL), SETTINGS_OK);
    assert_string_equal(s.db, SETTINGS_DB);
    assert_null(s.synonyms);
    assert_int_equal(s.budget_ms, 0);
    assert_int_equal(s.files, 0);
    assert_string_equal(s.http.host, "127.0.0.1");
    assert_int_equal(s.http.port, 8080);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    assert_int_equal(s.http.threads, cores > 0 ? cores : 1);
    assert_true(s.http.io_threads >= 1 && s.http.io_threads <= SETTINGS_IO_THREADS);
    assert_int_equal(s.http.n_cors, 0);
    assert_int_equal(s.http.quiet, 0);
    assert_int_equal(s.http.timeout_s, SETTINGS_TIMEOUT_S);
    assert_int_equal(s.http.max_connections, SETTINGS_MAX_CONNECTIONS);
    assert_int_equal(s.http.max_per_ip, SETTINGS_MAX_PER_IP);
    assert_int_equal(s.http.memory_per_conn, SETTINGS_MEMORY_PER_CONN);
}

static void test_every_option(void **state)
{
    (void)state;
    settings s;
    char err[256];
    assert_int_equal(parse(&s, err, sizeof err, "--db", "x.db", "--listen", "0.0.0.0:9090",
                           "--threads", "3", "--cors", "https://a.example", "--cors", "*",
                           "--synonyms", "syn.txt", "--budget-ms", "250", "--max-connections", "40",
                           "--max-per-ip", "4", "--timeout", "30", "--files", "--quiet", NULL),
                     SETTINGS_OK);
    assert_string_equal(s.db, "x.db");
    assert_string_equal(s.http.host, "0.0.0.0");
    assert_int_equal(s.http.port, 9090);
    assert_int_equal(s.http.threads, 3);
    assert_int_equal(s.http.n_cors, 2);
    assert_string_equal(s.http.cors[0], "https://a.example");
    assert_string_equal(s.http.cors[1], "*");
    assert_string_equal(s.synonyms, "syn.txt");
    assert_int_equal(s.budget_ms, 250);
    assert_int_equal(s.http.max_connections, 40);
    assert_int_equal(s.http.max_per_ip, 4);
    assert_int_equal(s.http.timeout_s, 30);
    assert_int_equal(s.files, 1);
    assert_int_equal(s.http.quiet, 1);
    /* "--name=value" works too, and a second parse starts afresh */
    assert_int_equal(parse(&s, err, sizeof err, "--threads=2", NULL), SETTINGS_OK);
    assert_int_equal(s.http.threads, 2);
    assert_int_equal(s.files, 0);
    assert_int_equal(s.http.n_cors, 0);
}

static void assert_bad(int want, const char *message, const char *a, const char *b)
{
    settings s;
    char err[256];
    int rc = parse(&s, err, sizeof err, a, b, NULL);
    if (rc != want)
        fail_msg("%s %s: got %d, want %d (%s)", a, b ? b : "", rc, want, err);
    assert_string_equal(err, message);
}

static void test_bounds(void **state)
{
    (void)state;
    settings s;
    char err[256], top[16];
    snprintf(top, sizeof top, "%d", SETTINGS_THREADS_TOP);
    assert_int_equal(parse(&s, err, sizeof err, "--threads", top, NULL), SETTINGS_OK);
    assert_int_equal(s.http.threads, SETTINGS_THREADS_TOP);
    const char *threads = "--threads: expected a number from 1 to 256";
    assert_bad(SETTINGS_EBADVALUE, threads, "--threads", "0");
    assert_bad(SETTINGS_EBADVALUE, threads, "--threads", "257");
    assert_bad(SETTINGS_EBADVALUE, threads, "--threads", "");
    assert_bad(SETTINGS_EBADVALUE, threads, "--threads", "4x");
    assert_bad(SETTINGS_EBADVALUE, threads, "--threads", "99999999999999999999");
    assert_bad(SETTINGS_EBADVALUE, "--budget-ms: expected milliseconds from 1 to 600000",
               "--budget-ms", "600001");
    assert_bad(SETTINGS_EBADVALUE, "--max-connections: expected a number from 1 to 100000",
               "--max-connections", "0");
    assert_bad(SETTINGS_EBADVALUE, "--max-per-ip: expected a number from 1 to 100000",
               "--max-per-ip", "-1");
    assert_bad(SETTINGS_EBADVALUE, "--timeout: expected seconds from 1 to 3600", "--timeout",
               "3601");
}

static void test_listen(void **state)
{
    (void)state;
    settings s;
    char err[256];
    assert_int_equal(parse(&s, err, sizeof err, "--listen", "[::1]:8081", NULL), SETTINGS_OK);
    assert_string_equal(s.http.host, "::1");
    assert_int_equal(s.http.port, 8081);
    assert_int_equal(parse(&s, err, sizeof err, "--listen", ":0", NULL), SETTINGS_OK);
    assert_string_equal(s.http.host, "0.0.0.0");
    assert_int_equal(s.http.port, 0);
    assert_int_equal(parse(&s, err, sizeof err, "--listen", "localhost:65535", NULL), SETTINGS_OK);
    assert_string_equal(s.http.host, "localhost");
    const char *want = "--listen: expected HOST:PORT, e.g. 127.0.0.1:8080";
    assert_bad(SETTINGS_EBADVALUE, want, "--listen", "nonsense");
    assert_bad(SETTINGS_EBADVALUE, want, "--listen", "127.0.0.1:");
    assert_bad(SETTINGS_EBADVALUE, want, "--listen", "127.0.0.1:65536");
    assert_bad(SETTINGS_EBADVALUE, want, "--listen", "127.0.0.1:80x");
    char long_host[400];
    memset(long_host, 'h', 300);
    snprintf(long_host + 300, sizeof long_host - 300, ":80");
    assert_bad(SETTINGS_EBADVALUE, want, "--listen", long_host);
}

static void test_cors_limit(void **state)
{
    (void)state;
    settings s;
    char err[256];
    char *argv[2 * SETTINGS_MAX_CORS + 4];
    int argc = 0;
    argv[argc++] = "searchd";
    for (int i = 0; i <= SETTINGS_MAX_CORS; i++) {
        argv[argc++] = "--cors";
        argv[argc++] = "https://a.example";
    }
    argv[argc] = NULL;
    assert_int_equal(settings_parse(argc - 2, argv, &s, err, sizeof err), SETTINGS_OK);
    assert_int_equal(s.http.n_cors, SETTINGS_MAX_CORS);
    assert_int_equal(settings_parse(argc, argv, &s, err, sizeof err), SETTINGS_EBADVALUE);
    assert_string_equal(err, "--cors: at most 32 origins");
}

static void test_usage_errors(void **state)
{
    (void)state;
    settings s;
    char err[256];
    assert_bad(SETTINGS_EBADOPT, "unknown option: --bogus", "--bogus", NULL);
    assert_bad(SETTINGS_EBADOPT, "unknown option: -x", "-x", NULL);
    assert_bad(SETTINGS_EBADOPT, "--db: expected a value", "--db", NULL);
    assert_bad(SETTINGS_EBADOPT, "unexpected argument: extra", "--quiet", "extra");
    assert_int_equal(parse(&s, err, sizeof err, "--quiet", "--help", NULL), SETTINGS_HELP);
}

static void test_usage_text(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    settings_usage(&b);
    assert_non_null(strstr(b.data, "usage: searchd"));
    char want[64];
    snprintf(want, sizeof want, "(default %d)", SEARCH_DEFAULT_BUDGET_MS);
    assert_non_null(strstr(b.data, want));
    snprintf(want, sizeof want, "(default %s;", SETTINGS_LISTEN);
    assert_non_null(strstr(b.data, want));
    snprintf(want, sizeof want, "(default %s)", SETTINGS_DB);
    assert_non_null(strstr(b.data, want));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),   cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_bounds),     cmocka_unit_test(test_listen),
        cmocka_unit_test(test_cors_limit), cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_usage_text),
    };
    return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
