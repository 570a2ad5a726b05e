/* test_links: a web page's links (lib/links.c, lib/extract_html.c): every
 * <a href> with its text, blanks collapsed and case folded, wherever it
 * stands; hrefs resolved as a browser resolves them against the page's
 * path and <base> (".", "..", %XX, fragments and queries, file: URLs),
 * links out of the tree and to the page itself left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "extract.h"
#include "links.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static void assert_resolves(const char *page, const char *base, const char *href, const char *want)
{
    char *got = links_resolve(page, base, href);
    if (!want) {
        if (got)
            fail_msg("%s on %s: %s, want nothing", href, page, got);
        return;
    }
    if (!got)
        fail_msg("%s on %s: nothing, want %s", href, page, want);
    assert_string_equal(got, want);
    free(got);
}

static void test_resolve(void **state)
{
    (void)state;
    const char *page = "corpus/gosa/users/samba.html";
    assert_resolves(page, NULL, "node23.html", "corpus/gosa/users/node23.html");
    assert_resolves(page, NULL, "./node23.html#sec", "corpus/gosa/users/node23.html");
    assert_resolves(page, NULL, " node23.html?x=1 ", "corpus/gosa/users/node23.html");
    assert_resolves(page, NULL, "../groups/./node12.html", "corpus/gosa/groups/node12.html");
    assert_resolves(page, NULL, "sous%20dossier/a%C3%A9.html",
                    "corpus/gosa/users/sous dossier/aé.html");
    assert_resolves(page, NULL, "../../../../x.html", "../x.html");
    assert_resolves(page, NULL, "/usr/share/doc/gosa/index.html", "/usr/share/doc/gosa/index.html");
    assert_resolves(page, NULL, "file:///usr/share/doc/a.html", "/usr/share/doc/a.html");
    assert_resolves(page, NULL, "FILE://localhost/a/../b.html", "/b.html");
    assert_resolves("/srv/site/a.html", NULL, "../../../b.html", "/b.html");
    assert_resolves("a.html", NULL, "b.html", "b.html");
    /* out of the tree, or the page itself */
    assert_resolves(page, NULL, "http://example.org/a.html", NULL);
    assert_resolves(page, NULL, "mailto:a@b.fr", NULL);
    assert_resolves(page, NULL, "javascript:void(0)", NULL);
    assert_resolves(page, NULL, "//example.org/a.html", NULL);
    assert_resolves(page, NULL, "file://host/a.html", NULL);
    assert_resolves(page, NULL, "#top", NULL);
    assert_resolves(page, NULL, "?q=1", NULL);
    assert_resolves(page, NULL, "", NULL);
    assert_resolves(page, NULL, "a%0Ab.html", NULL);
    /* <base>: its directory, resolved against the page's */
    assert_resolves(page, "../", "groups/node12.html", "corpus/gosa/groups/node12.html");
    assert_resolves(page, "../index.html", "a.html", "corpus/gosa/a.html");
    assert_resolves(page, "autre.html", "a.html", "corpus/gosa/users/a.html");
    assert_resolves(page, "/srv/doc/", "a.html", "/srv/doc/a.html");
    assert_resolves(page, "http://example.org/doc/", "a.html", NULL);
    assert_resolves(page, "http://example.org/doc/", "file:///a.html", "/a.html");
}

static void assert_relative(const char *page, const char *target, const char *want)
{
    char *rel = links_relative(page, target);
    assert_string_equal(rel, want);
    char *back = links_target(page, rel);
    assert_string_equal(back, target);
    free(back);
    free(rel);
}

/* The index keeps targets relative to the page's directory. */
static void test_relative(void **state)
{
    (void)state;
    assert_relative("corpus/gosa/users/samba.html", "corpus/gosa/users/node23.html", "node23.html");
    assert_relative("corpus/gosa/users/samba.html", "corpus/gosa/groups/node12.html",
                    "../groups/node12.html");
    assert_relative("corpus/gosa/users/samba.html", "corpus/index.html", "../../index.html");
    assert_relative("corpus/gosa/users/samba.html", "corpus/gosa/users/sub/a.html", "sub/a.html");
    assert_relative("corpus/a.html", "../x.html", "../../x.html");
    assert_relative("a.html", "b/c.html", "b/c.html");
    assert_relative("corpus/a.html", "/usr/share/doc/a.html", "/usr/share/doc/a.html");
    assert_relative("/srv/site/doc/a.html", "/srv/site/b.html", "../b.html");
    assert_relative("/srv/site/doc/a.html", "/usr/x.html", "../../../usr/x.html");
    assert_relative("/a.html", "/x/y.html", "x/y.html");
    assert_relative("corpus/users/a.html", "corpus/usersx/b.html", "../usersx/b.html");
}

/* The index's form of the links: text hash, relative target, sorted,
 * each once, targets front-coded. */
static void test_encode(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *list = links_encode("site/users/samba.html",
                                       "site/users/node23.html\tinformations générales\n"
                                       "site/img.html\t\n"
                                       "site/users/node23.html\tinformations générales\n"
                                       "site/users/node24.html\tmail\n",
                                       &len);
    uint32_t hash;
    const char *rel;
    links_reader r;
    links_reader_init(&r, list, len);
    assert_true(links_read(&r, &hash, &rel));
    assert_string_equal(rel, "../img.html");
    assert_true(hash == 0);
    assert_true(links_read(&r, &hash, &rel));
    assert_string_equal(rel, "node23.html");
    assert_true(hash ==
                links_text_hash("informations générales", strlen("informations générales")));
    assert_true(hash != 0);
    assert_true(links_read(&r, &hash, &rel));
    assert_string_equal(rel, "node24.html");
    assert_true(hash == links_text_hash("mail", 4));
    assert_false(links_read(&r, &hash, &rel));
    links_reader_free(&r);
    /* « node24.html » is stored as 5 shared bytes and « 4.html ». */
    assert_int_equal(len, (5 + 12) + (5 + 12) + (5 + 7));
    /* Cut short, or a shared count past the previous target: nothing read past the end. */
    links_reader_init(&r, list, 8);
    assert_false(links_read(&r, &hash, &rel));
    links_reader_free(&r);
    list[4] = 3;
    links_reader_init(&r, list, len);
    assert_false(links_read(&r, &hash, &rel));
    links_reader_free(&r);
    free(list);
    list = links_encode("a.html", NULL, &len);
    assert_int_equal(len, 0);
    free(list);
}

static void test_page_links(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><title>Samba</title><base href=\"../\"></head><body>"
        "<nav><a href=\"users/node23.html\">Informations\n   Générales</a></nav>"
        "<p>Voir <a href=\"groups/node12.html#s\"><b>Le</b> Groupe</a> et "
        "<a href=\"http://example.org/\">le site</a>, <a href=\"#haut\">haut</a>,"
        "<a name=\"ancre\">pas un lien</a> <a href=\"img.html\"><img src=\"x.png\"></a>"
        "<a href=\"users/samba.html\">moi</a></p></body></html>";
    extract_doc doc;
    char err[256];
    extract_doc_init(&doc);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_HTML, "site/users/samba.html", html,
                                    sizeof html - 1, &doc, err, sizeof err),
                     EXTRACT_OK);
    assert_non_null(doc.links);
    assert_string_equal(doc.links, "site/users/node23.html\tinformations générales\n"
                                   "site/groups/node12.html\tle groupe\n"
                                   "site/img.html\t\n");
    assert_null(doc.link_base);
    extract_doc_free(&doc);
    /* A link's text past LINKS_TEXT_MAX keeps its target only; an href
     * past LINKS_HREF_MAX is left out. */
    GString *big = g_string_new("<html><body><p>Texte. <a href=\"long.html\">");
    for (int i = 0; i < 600; i++)
        g_string_append(big, "mot ");
    g_string_append(big, "</a><a href=\"");
    for (int i = 0; i < LINKS_HREF_MAX; i++)
        g_string_append_c(big, 'x');
    g_string_append(big, ".html\">x</a></p></body></html>");
    extract_doc_init(&doc);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_HTML, "site/a.html", big->str, big->len, &doc,
                                    err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(doc.links, "site/long.html\t\n");
    extract_doc_free(&doc);
    g_string_free(big, TRUE);
    /* No file name: nothing to resolve against. */
    extract_doc_init(&doc);
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_HTML, NULL, html, sizeof html - 1, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_null(doc.links);
    extract_doc_free(&doc);
    /* Other formats have none. */
    extract_doc_init(&doc);
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_TEXT, "a.txt", "voir a.html", 11, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_null(doc.links);
    extract_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_page_links),
    };
    return cmocka_run_group_tests_name("links", tests, NULL, NULL);
}
