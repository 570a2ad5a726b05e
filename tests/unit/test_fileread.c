/* test_fileread: the bounded file reader: whole reads (empty, exact limit,
 * over the limit by size or by growth), refusals (missing file, directory,
 * FIFO without blocking), messages in plain words, and head reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fileread.h"
#include "fixture.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void test_reads_whole_file(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    assert_non_null(dir);
    const char text[] = "Compte rendu de la séance";
    char *p = fixture_write(dir, "cr.txt", text, sizeof text - 1);
    char *data = NULL;
    size_t len = 0;
    char err[128] = "";
    assert_int_equal(fileread_all(p, sizeof text - 1, &data, &len, err, sizeof err), FILEREAD_OK);
    assert_int_equal(len, sizeof text - 1);
    assert_string_equal(data, text); /* NUL-terminated */
    free(data);

    char *empty = fixture_write(dir, "vide.txt", "", 0);
    assert_int_equal(fileread_all(empty, 10, &data, &len, err, sizeof err), FILEREAD_OK);
    assert_non_null(data);
    assert_int_equal(len, 0);
    assert_string_equal(data, "");
    free(data);
    free(p);
    free(empty);
    fixture_rmdir(dir);
}

static void test_size_limit(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char text[] = "Un texte de plus de seize octets.";
    char *p = fixture_write(dir, "gros.txt", text, sizeof text - 1);
    char *data = (char *)1;
    size_t len = 1;
    char err[128] = "";
    assert_int_equal(fileread_all(p, 16, &data, &len, err, sizeof err), FILEREAD_ETOOBIG);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_string_equal(err, "larger than the size limit (16 bytes)");
    assert_int_equal(fileread_all(p, sizeof text - 2, &data, &len, err, sizeof err),
                     FILEREAD_ETOOBIG);
    assert_int_equal(fileread_all(p, (size_t)3 << 20, &data, &len, err, sizeof err), FILEREAD_OK);
    free(data);
    /* the message of a whole number of megabytes */
    char *big = malloc((1u << 20) + 1);
    memset(big, 'a', (1u << 20) + 1);
    char *q = fixture_write(dir, "mega.txt", big, (1u << 20) + 1);
    assert_int_equal(fileread_all(q, 1u << 20, &data, &len, err, sizeof err), FILEREAD_ETOOBIG);
    assert_string_equal(err, "larger than the size limit (1 MB)");
    assert_int_equal(fileread_all(q, (1u << 20) + 1, &data, &len, err, sizeof err), FILEREAD_OK);
    assert_int_equal(len, (1u << 20) + 1);
    free(data);
    free(big);
    free(q);
    free(p);
    fixture_rmdir(dir);
}

/* A /proc file says it is empty and is not: the reader grows its buffer,
 * and still stops at the limit. */
static void test_size_unknown_in_advance(void **state)
{
    (void)state;
    char *data = NULL;
    size_t len = 0;
    char err[128] = "";
    assert_int_equal(fileread_all("/proc/self/status", 1 << 20, &data, &len, err, sizeof err),
                     FILEREAD_OK);
    assert_true(len > 16);
    assert_non_null(strstr(data, "Name:"));
    assert_int_equal(strlen(data), len);
    free(data);
    assert_int_equal(fileread_all("/proc/self/status", 16, &data, &len, err, sizeof err),
                     FILEREAD_ETOOBIG);
    assert_null(data);
}

static void test_refusals(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    char *data = NULL;
    size_t len = 0;
    char err[128] = "";

    char *missing = fixture_write(dir, "x", "", 0);
    unlink(missing);
    assert_int_equal(fileread_all(missing, 10, &data, &len, err, sizeof err), FILEREAD_EOPEN);
    assert_string_equal(err, "No such file or directory");
    assert_null(data);

    assert_int_equal(fileread_all(dir, 10, &data, &len, err, sizeof err), FILEREAD_ENOTREG);
    assert_string_equal(err, "not a regular file");

    /* a FIFO with no writer: refused at once, not waited on */
    char fifo[4096];
    snprintf(fifo, sizeof fifo, "%s/tube", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(fileread_all(fifo, 10, &data, &len, err, sizeof err), FILEREAD_ENOTREG);
    unsigned char head[8];
    assert_int_equal(fileread_head(fifo, head, sizeof head, &len, err, sizeof err),
                     FILEREAD_ENOTREG);
    unlink(fifo);

    assert_int_equal(fileread_all("/dev/null", 10, &data, &len, err, sizeof err), FILEREAD_ENOTREG);

    /* a small error buffer is respected; no buffer at all is allowed */
    char small[4];
    assert_int_equal(fileread_all(dir, 10, &data, &len, small, sizeof small), FILEREAD_ENOTREG);
    assert_string_equal(small, "not");
    assert_int_equal(fileread_all(dir, 10, &data, &len, NULL, 0), FILEREAD_ENOTREG);
    free(missing);
    fixture_rmdir(dir);
}

static void test_head(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    const char text[] = "%PDF-1.7\nsuite";
    char *p = fixture_write(dir, "a.pdf", text, sizeof text - 1);
    unsigned char head[8];
    size_t len = 0;
    char err[128] = "";
    assert_int_equal(fileread_head(p, head, sizeof head, &len, err, sizeof err), FILEREAD_OK);
    assert_int_equal(len, 8);
    assert_memory_equal(head, "%PDF-1.7", 8);

    unsigned char roomy[64];
    assert_int_equal(fileread_head(p, roomy, sizeof roomy, &len, err, sizeof err), FILEREAD_OK);
    assert_int_equal(len, sizeof text - 1);

    char *empty = fixture_write(dir, "vide", "", 0);
    assert_int_equal(fileread_head(empty, roomy, sizeof roomy, &len, err, sizeof err), FILEREAD_OK);
    assert_int_equal(len, 0);

    unlink(p);
    assert_int_equal(fileread_head(p, head, sizeof head, &len, err, sizeof err), FILEREAD_EOPEN);
    assert_string_equal(err, "No such file or directory");
    free(p);
    free(empty);
    fixture_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_whole_file),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_size_unknown_in_advance),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_head),
    };
    return cmocka_run_group_tests_name("fileread", tests, NULL, NULL);
}
