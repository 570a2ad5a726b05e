/* Unit tests of lib/walk.c: path normalisation, "under a root", document
 * URLs, and the recursive listing (hidden entries, symlink loops, fifos). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

static void check_normalize(const char *in, const char *want)
{
    char *got = walk_normalize(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_normalize(void **state)
{
    (void)state;
    check_normalize("corpus", "corpus");
    check_normalize("corpus/", "corpus");
    check_normalize("./corpus//fiches/", "corpus/fiches");
    check_normalize("a/./b/.", "a/b");
    check_normalize("", ".");
    check_normalize(".", ".");
    check_normalize("./", ".");
    check_normalize("/", "/");
    check_normalize("//srv/./docs//", "/srv/docs");
    check_normalize("../docs/", "../docs");
}

static void test_is_under(void **state)
{
    (void)state;
    assert_true(walk_is_under("corpus/a.txt", "corpus"));
    assert_true(walk_is_under("corpus", "corpus"));
    assert_false(walk_is_under("corpus2/a.txt", "corpus"));
    assert_false(walk_is_under("corp", "corpus"));
    assert_true(walk_is_under("a/b.txt", "."));
    assert_false(walk_is_under("../a.txt", "."));
    assert_false(walk_is_under("/srv/a.txt", "."));
    assert_true(walk_is_under("/srv/a.txt", "/"));
    assert_true(walk_is_under("/srv/docs/x/y.pdf", "/srv/docs"));
}

static void test_url_prefix(void **state)
{
    (void)state;
    char *u = walk_url("https://example.org/docs/", "fiches/n\xc3\xa9 w#1.txt", "corpus/x");
    assert_string_equal(u, "https://example.org/docs/fiches/n%C3%A9%20w%231.txt");
    free(u);
    u = walk_url("https://example.org", "a.pdf", "corpus/a.pdf");
    assert_string_equal(u, "https://example.org/a.pdf");
    free(u);
}

static void test_url_file(void **state)
{
    (void)state;
    char *u = walk_url(NULL, "ignored", "/srv/mes docs/a.txt");
    assert_string_equal(u, "file:///srv/mes%20docs/a.txt");
    free(u);
    char *cwd = g_get_current_dir();
    char *want = g_strdup_printf("file://%s/corpus/b.txt", cwd);
    u = walk_url(NULL, "b.txt", "corpus/./x/../b.txt");
    if (!strchr(cwd, ' '))
        assert_string_equal(u, want);
    free(u);
    g_free(want);
    g_free(cwd);
}

typedef struct {
    GString *seen;
    int errors;
} listing;

static int collect(void *ctx, const walk_file *f)
{
    listing *l = ctx;
    g_string_append_printf(l->seen, "%s|%s|%s\n", f->path, f->rel, f->name);
    return 0;
}

static void on_error(void *ctx, const char *path, int errnum)
{
    (void)path;
    (void)errnum;
    ((listing *)ctx)->errors++;
}

static void put(const char *dir, const char *name)
{
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, "x", 1, NULL));
    g_free(p);
}

static void test_tree(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("walkXXXXXX", NULL);
    assert_non_null(dir);
    char *sub = g_build_filename(dir, "sub", NULL);
    char *hidden = g_build_filename(dir, ".git", NULL);
    char *loop = g_build_filename(sub, "loop", NULL);
    char *flink = g_build_filename(dir, "link.txt", NULL);
    char *fifo = g_build_filename(dir, "fifo.txt", NULL);
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(mkdir(hidden, 0755), 0);
    put(dir, "b.txt");
    put(dir, "a.pdf");
    put(dir, ".hidden.txt");
    put(sub, "c.html");
    put(hidden, "d.txt");
    assert_int_equal(symlink("..", loop), 0);
    assert_int_equal(symlink("b.txt", flink), 0);
    assert_int_equal(mkfifo(fifo, 0644), 0);

    listing l = {g_string_new(NULL), 0};
    char *root = g_strdup_printf("%s//", dir);
    assert_int_equal(walk_tree(root, collect, on_error, &l), 0);
    char *want = g_strdup_printf("%s/a.pdf|a.pdf|a.pdf\n"
                                 "%s/b.txt|b.txt|b.txt\n"
                                 "%s/link.txt|link.txt|link.txt\n"
                                 "%s/sub/c.html|sub/c.html|c.html\n",
                                 dir, dir, dir, dir);
    assert_string_equal(l.seen->str, want);
    assert_int_equal(l.errors, 0);
    g_free(want);

    g_string_truncate(l.seen, 0);
    char *file = g_build_filename(sub, "c.html", NULL);
    assert_int_equal(walk_tree(file, collect, on_error, &l), 0);
    want = g_strdup_printf("%s|c.html|c.html\n", file);
    assert_string_equal(l.seen->str, want);
    g_free(want);

    char *missing = g_build_filename(dir, "missing", NULL);
    assert_int_equal(walk_tree(missing, collect, on_error, &l), -1);
    assert_int_equal(l.errors, 1);

    char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    g_free(cmd);
    g_free(missing);
    g_free(file);
    g_free(root);
    g_string_free(l.seen, TRUE);
    g_free(fifo);
    g_free(flink);
    g_free(loop);
    g_free(hidden);
    g_free(sub);
    g_free(dir);
}

static int stop_at_first(void *ctx, const walk_file *f)
{
    (void)f;
    (*(int *)ctx)++;
    return 7;
}

static void test_stop(void **state)
{
    (void)state;
    int calls = 0;
    char *dir = g_dir_make_tmp("walkXXXXXX", NULL);
    assert_non_null(dir);
    put(dir, "a.txt");
    put(dir, "b.txt");
    assert_int_equal(walk_tree(dir, stop_at_first, NULL, &calls), 7);
    assert_int_equal(calls, 1);
    char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    g_free(cmd);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),  cmocka_unit_test(test_is_under),
        cmocka_unit_test(test_url_prefix), cmocka_unit_test(test_url_file),
        cmocka_unit_test(test_tree),       cmocka_unit_test(test_stop),
    };
    return cmocka_run_group_tests_name("walk", tests, NULL, NULL);
}
