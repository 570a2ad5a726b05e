/* test_extract_html: web pages: what is kept (<main>, <article>, body) and
 * dropped (scripts, navigation, page header/footer, asides, cookie
 * banners, hidden elements), fields (title, description, h1–h6, a
 * reference page's purpose line), encodings
 * (ISO-8859-1 declared by meta charset or http-equiv, mislabeled UTF-8, undeclared
 * Windows-1252, BOMs, ISO-8859-15), malformed and deeply nested markup,
 * binary junk, chunking and dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "buf.h"
#include "extract.h"
#include "fixture.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static int run(const char *html, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    extract_doc_init(doc);
    return extract_buffer(EXTRACT_FORMAT_HTML, NULL, html, len, doc, err, errlen);
}

/* Extracts html (which must succeed) and returns all chunk texts joined by
 * "\n"; the caller frees the text and the doc. */
static char *extract_ok(const char *html, size_t len, extract_doc *doc)
{
    char err[256];
    int rc = run(html, len, doc, err, sizeof err);
    if (rc != EXTRACT_OK)
        fail_msg("extraction failed (%d): %s", rc, err);
    size_t n = 1;
    for (size_t i = 0; i < doc->n_chunks; i++)
        n += strlen(doc->chunks[i].text) + 1;
    char *s = calloc(1, n);
    assert_non_null(s);
    for (size_t i = 0; i < doc->n_chunks; i++) {
        assert_int_equal(doc->chunks[i].page, 0);
        assert_true(text_is_utf8(doc->chunks[i].text, strlen(doc->chunks[i].text)));
        strcat(s, doc->chunks[i].text);
        strcat(s, "\n");
    }
    return s;
}

static const char full_page[] =
    "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\n"
    "<title>Fiche : l&rsquo;accueil des victimes | Collectif</title>\n"
    "<meta name=\"description\" content=\"Comment  accueillir &amp; orienter.\">\n"
    "<style>body { font-family: proxenetisme-style; }</style>\n"
    "<script>var motcache = 'proxénétisme'; document.write('<p>proxénétisme</p>');</script>\n"
    "</head><body>\n"
    "<div id=\"cookie-banner\" class=\"banner\">Nous utilisons des cookies. "
    "<button>Accepter</button></div>\n"
    "<div class=\"CookieConsent-wrapper\">Gestion du consentement</div>\n"
    "<header><a href=\"/\">Logo du site</a><nav><ul><li><a href=\"/a\">Menu "
    "principal</a></li></ul></nav></header>\n"
    "<div role=\"navigation\">Fil d’Ariane</div>\n"
    "<main>\n"
    "<h1>L&#8217;accueil des victimes</h1>\n"
    "<p>Premier&nbsp;contact :   écouter\n   sans juger.</p>\n"
    "<noscript>Activez JavaScript</noscript>\n"
    "<template><p>Modèle caché</p></template>\n"
    "<h2>Orienter</h2><p>Vers le <b>115</b> et les <i>asso</i>ciations.</p>\n"
    "<aside>Publicité latérale</aside>\n"
    "<p hidden>Texte masqué</p><p aria-hidden=\"true\">Icône</p>"
    "<p style=\"display: none\">Invisible</p>\n"
    "<h3>Sous-partie</h3><ul><li>un</li><li>deux</li></ul>\n"
    "</main>\n"
    "<footer>Mentions légales du pied de page</footer>\n"
    "<script>console.log('proxénétisme encore')</script>\n"
    "</body></html>\n";

static void test_full_page(void **state)
{
    (void)state;
    extract_doc doc;
    char *text = extract_ok(full_page, sizeof full_page - 1, &doc);
    assert_int_equal(doc.format, EXTRACT_FORMAT_HTML);
    assert_string_equal(doc.title, "Fiche : l’accueil des victimes"); /* site name dropped */
    assert_string_equal(doc.description, "Comment accueillir & orienter.");
    assert_string_equal(doc.headings, "L’accueil des victimes\nOrienter\nSous-partie");
    assert_non_null(strstr(text, "L’accueil des victimes\nPremier contact : écouter sans juger."));
    assert_non_null(strstr(text, "Vers le 115 et les associations."));
    assert_non_null(strstr(text, "un\ndeux"));
    const char *absent[] = {"proxénétisme", "proxenetisme", "cookies",   "Accepter",
                            "consentement", "Logo",         "Menu",      "Ariane",
                            "JavaScript",   "Modèle",       "Publicité", "masqué",
                            "Icône",        "Invisible",    "Mentions",  "console"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        if (strstr(text, absent[i]))
            fail_msg("\"%s\" should not be in the text:\n%s", absent[i], text);
    for (size_t i = 0; i < doc.n_chunks; i++)
        assert_null(strstr(doc.chunks[i].heading ? doc.chunks[i].heading : "", "proxén"));
    /* chunks are cut at headings and carry their heading */
    assert_int_equal(doc.n_chunks, 3);
    assert_string_equal(doc.chunks[1].heading, "Orienter");
    assert_string_equal(doc.chunks[2].heading, "Sous-partie");
    assert_string_equal(doc.hidden, "Texte masqué"); /* apart (test_hidden_apart) */
    free(text);
    extract_doc_free(&doc);
}

/* What the hidden attribute keeps from the visitor until a click or a
 * script shows it is set apart (extract_doc.hidden) when it is or holds a
 * block, its headings no headings of the page; a hidden run of inline text
 * (one platform's word beside another's) is left out; <details> is text. */
static void test_hidden_apart(void **state)
{
    (void)state;
    extract_doc doc;
    static const char page[] =
        "<html><head><title>Statistiques</title></head><body>"
        "<h1>Statistiques</h1><p>Affiche les statistiques du document.</p>"
        "<p>Appuyez sur <span class=\"switchinline\"><span hidden>Commande</span>"
        "<span hidden=\"true\">Ctrl</span></span>+N.</p>"
        "<div class=\"switch\"><div hidden=\"true\"><h2>Writer</h2>"
        "<p>Mots : <b>Nombre de mots</b></p><ul><li>Images</li></ul></div>"
        "<div hidden><p>Cellules</p></div></div>"
        "<details><summary>Question</summary><p>Réponse visible</p></details>"
        "<p aria-hidden=\"true\">Icône</p></body></html>";
    char *text = extract_ok(page, sizeof page - 1, &doc);
    assert_string_equal(text, "Statistiques\nAffiche les statistiques du document.\n"
                              "Appuyez sur +N.\nQuestion\nRéponse visible\n");
    assert_string_equal(doc.hidden, "Writer\nMots : Nombre de mots\nImages\nCellules");
    assert_string_equal(doc.headings, "Statistiques");
    assert_int_equal(doc.n_chunks, 1);
    free(text);
    extract_doc_free(&doc);

    static const char none[] = "<html><body><p>Rien de caché.</p></body></html>";
    text = extract_ok(none, sizeof none - 1, &doc);
    assert_null(doc.hidden);
    free(text);
    extract_doc_free(&doc);
}

static void test_articles_preferred(void **state)
{
    (void)state;
    const char *html = "<html><body><div class=\"menu\">Accueil Contact</div>"
                       "<article><header><h1>Premier article</h1><p>Le 3 mai 2019</p></header>"
                       "<p>Texte un.</p><footer>Tags : traite</footer></article>"
                       "<aside><article>Article connexe</article></aside>"
                       "<article><h2>Second article</h2><p>Texte deux.</p></article>"
                       "<p>Bas de page hors article</p></body></html>";
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_null(strstr(text, "Accueil Contact"));
    assert_null(strstr(text, "connexe"));
    assert_null(strstr(text, "Bas de page"));
    assert_non_null(strstr(text, "Premier article\nLe 3 mai 2019\nTexte un.\nTags : traite"));
    assert_non_null(strstr(text, "Texte deux."));
    assert_string_equal(doc.title, "Premier article"); /* no <title>: the first heading */
    assert_string_equal(doc.date, "2019-05-03");
    free(text);
    extract_doc_free(&doc);
}

static void test_body_fallback(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Page simple</title></head><body>"
                       "<header><h1>Nom du site</h1></header>"
                       "<div id=\"contenu\"><p>Le contenu de la page.</p></div>"
                       "<main></main>"
                       "<footer><p>Pied</p></footer></body></html>";
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_string_equal(text, "Le contenu de la page.\n");
    assert_string_equal(doc.title, "Page simple");
    assert_null(doc.headings);
    assert_null(doc.description);
    free(text);
    extract_doc_free(&doc);
}

/* The description extract_html gives html (caller frees; NULL: none). */
static char *description_of(const char *html)
{
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    char *d = doc.description ? strdup(doc.description) : NULL;
    free(text);
    extract_doc_free(&doc);
    return d;
}

static void test_reference_purpose(void **state)
{
    (void)state;
    /* DocBook's reference page: the name, then what it does */
    const char *html = "<html><head><title>rank</title></head><body>"
                       "<div class=\"refnamediv\"><h1 class=\"refname\">rank</h1>"
                       "<p class=\"refpurpose\">rang</p></div>"
                       "<p>rank(X) calcule le rang de X.</p></body></html>";
    extract_doc doc;
    char *d;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_string_equal(doc.title, "rank");
    assert_string_equal(doc.description, "rang");
    assert_string_equal(doc.headings, "rank");
    assert_non_null(strstr(text, "rang\n"));
    free(text);
    extract_doc_free(&doc);
    /* a meta description stays the description */
    const char *meta = "<html><head><meta name=\"description\" content=\"Le rang.\"></head>"
                       "<body><h1>rank</h1><p class=\"para refpurpose\">rang</p></body></html>";
    d = description_of(meta);
    assert_string_equal(d, "Le rang.");
    free(d);
    /* a contents page lists the purpose of each page: none is its own */
    const char *toc = "<html><body><h1>Algèbre</h1><ul>"
                      "<li>rank <span class=\"refpurpose\">rang</span></li>"
                      "<li>inv <span class=\"refpurpose\">inverse</span></li></ul></body></html>";
    assert_null(description_of(toc));
    /* a class that only contains the word is not it */
    const char *other = "<html><body><h1>x</h1><p class=\"refpurposes\">rang</p></body></html>";
    assert_null(description_of(other));
}

static void test_reference_lead(void **state)
{
    (void)state;
    /* a reference page (it shows code): the first sentence under its h1 */
    const char *html = "<html><head><title>Fonction Len</title></head><body>"
                       "<h1>Fonction Len</h1><p class=\"paragraph\">Renvoie le nombre de "
                       "caractères d'une chaîne. Vous devez déclarer une variable.</p>"
                       "<h3>Syntaxe :</h3><pre><code>Len (Text As String)</code></pre>"
                       "<p>Autre paragraphe.</p></body></html>";
    extract_doc doc;
    char *d;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_non_null(doc.description);
    assert_string_equal(doc.description, "Renvoie le nombre de caractères d'une chaîne.");
    assert_non_null(strstr(text, "Vous devez déclarer une variable."));
    free(text);
    extract_doc_free(&doc);
    /* a page that shows no code keeps no description */
    const char *prose = "<html><body><h1>Barre d'outils</h1><p>Affiche la barre. Et plus.</p>"
                        "</body></html>";
    assert_null(description_of(prose));
    /* a heading between the h1 and the paragraph: no lead */
    const char *later = "<html><body><h1>Beep</h1><h2>Syntaxe</h2><p>Émet un son.</p>"
                        "<code>Beep</code></body></html>";
    assert_null(description_of(later));
    /* dots inside a word do not end the sentence; a meta description wins */
    const char *dots = "<html><body><h1>If...Then...Else</h1><p>Définit des blocs "
                       "(If...Then) exécutés si une condition est True.</p><pre>If</pre>"
                       "</body></html>";
    d = description_of(dots);
    assert_string_equal(d, "Définit des blocs (If...Then) exécutés si une condition est True.");
    free(d);
    /* an initial or an abbreviation does not end the sentence */
    const char *initial = "<html><body><h1>Introduction</h1><p>Écrit par Donald E. Knuth, "
                          "voir M. Dupont (cf. la fig. 3). Suite.</p><pre>tex</pre></body></html>";
    d = description_of(initial);
    assert_string_equal(d, "Écrit par Donald E. Knuth, voir M. Dupont (cf. la fig. 3).");
    free(d);
    const char *meta = "<html><head><meta name=\"description\" content=\"Len.\"></head>"
                       "<body><h1>Len</h1><p>Renvoie.</p><code>Len</code></body></html>";
    d = description_of(meta);
    assert_string_equal(d, "Len.");
    free(d);
}

static void test_cookie_class_on_wrapper(void **state)
{
    (void)state;
    /* a site-wide wrapper with a cookie-looking class must not hide the page */
    const char *html = "<body><div class=\"page cookies-enabled\"><p>Le texte de la page.</p>"
                       "<div id=\"cookie-notice\">Nous utilisons des cookies.</div></div></body>";
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_non_null(strstr(text, "Le texte de la page."));
    free(text);
    extract_doc_free(&doc);
    /* pages hidden until a script shows them */
    const char *hidden = "<body style=\"display:none\"><p>Visible une fois chargé.</p></body>";
    text = extract_ok(hidden, strlen(hidden), &doc);
    assert_string_equal(text, "Visible une fois chargé.\n");
    free(text);
    extract_doc_free(&doc);
    const char *app = "<body><div id=\"app\" style=\"visibility: hidden\"><p>Contenu.</p></div>"
                      "</body>";
    text = extract_ok(app, strlen(app), &doc);
    assert_string_equal(text, "Contenu.\n");
    free(text);
    extract_doc_free(&doc);
}

static void test_iso_8859_1_meta_charset(void **state)
{
    (void)state;
    const char html[] = "<html><head><meta charset=\"ISO-8859-1\"><title>R\xe9union "
                        "pl\xe9ni\xe8re</title></head><body><p>Les b\xe9n\xe9voles &amp; "
                        "l&eacute;gislation \xab traite \xbb</p></body></html>";
    extract_doc doc;
    char *text = extract_ok(html, sizeof html - 1, &doc);
    assert_string_equal(doc.title, "Réunion plénière");
    assert_string_equal(text, "Les bénévoles & législation « traite »\n");
    free(text);
    extract_doc_free(&doc);
}

static void test_iso_8859_1_http_equiv(void **state)
{
    (void)state;
    const char html[] = "<html><head><META HTTP-EQUIV=\"Content-Type\" "
                        "CONTENT=\"text/html; charset=iso-8859-1\"></head><body>"
                        "<p>Prot\xe9g\xe9s, \x9cuvre</p></body></html>";
    extract_doc doc;
    char *text = extract_ok(html, sizeof html - 1, &doc);
    assert_string_equal(text, "Protégés, œuvre\n");
    free(text);
    extract_doc_free(&doc);
}

static void test_undeclared_encodings(void **state)
{
    (void)state;
    extract_doc doc;
    /* invalid UTF-8 without declaration: Windows-1252 */
    const char cp[] = "<p>d\xe9j\xe0 l\x92"
                      "enfant</p>";
    char *text = extract_ok(cp, sizeof cp - 1, &doc);
    assert_string_equal(text, "déjà l’enfant\n");
    free(text);
    extract_doc_free(&doc);
    /* valid UTF-8 without declaration */
    const char *u = "<p>déjà l’enfant</p>";
    text = extract_ok(u, strlen(u), &doc);
    assert_string_equal(text, "déjà l’enfant\n");
    free(text);
    extract_doc_free(&doc);
    /* a UTF-8 BOM beats a wrong declaration */
    const char *bom = "\xEF\xBB\xBF<meta charset=\"iso-8859-1\"><p>déjà</p>";
    text = extract_ok(bom, strlen(bom), &doc);
    assert_string_equal(text, "déjà\n");
    free(text);
    extract_doc_free(&doc);
    /* UTF-16LE with BOM */
    const char *src = "<p>Ok</p>";
    char u16[32] = "\xFF\xFE";
    for (size_t i = 0; i < strlen(src); i++) {
        u16[2 + 2 * i] = src[i];
        u16[3 + 2 * i] = '\0';
    }
    text = extract_ok(u16, 2 + 2 * strlen(src), &doc);
    assert_string_equal(text, "Ok\n");
    free(text);
    extract_doc_free(&doc);
    /* UTF-8 bytes under a Latin-1 declaration are read as UTF-8 */
    const char *mislabeled = "<meta charset=\"iso-8859-1\"><p>déjà « vu »</p>";
    text = extract_ok(mislabeled, strlen(mislabeled), &doc);
    assert_string_equal(text, "déjà « vu »\n");
    free(text);
    extract_doc_free(&doc);
    /* another declared charset goes through iconv: ISO-8859-15 0xA4 is € */
    const char l9[] = "<meta charset=iso-8859-15><p>10 \xa4</p>";
    text = extract_ok(l9, sizeof l9 - 1, &doc);
    assert_string_equal(text, "10 €\n");
    free(text);
    extract_doc_free(&doc);
}

static void test_malformed(void **state)
{
    (void)state;
    extract_doc doc;
    const char *html = "<html><body><p>un<p>deux<div><b>trois <i>quatre</b> cinq</i>"
                       "<table><tr><td>case<td>autre</table><p>fin</b></span></div>";
    char *text = extract_ok(html, strlen(html), &doc);
    assert_non_null(strstr(text, "un\ndeux\ntrois quatre cinq"));
    assert_non_null(strstr(text, "case\nautre\nfin"));
    free(text);
    extract_doc_free(&doc);

    const char *tagsoup = "<title>Sans fin<body><h2>Titre <p>texte &unknown; &#xZZ; <<>> x";
    char err[256];
    int rc = run(tagsoup, strlen(tagsoup), &doc, err, sizeof err);
    assert_int_equal(rc, EXTRACT_OK);
    extract_doc_free(&doc);

    const char *plain = "Juste du texte, sans balise.";
    text = extract_ok(plain, strlen(plain), &doc);
    assert_string_equal(text, "Juste du texte, sans balise.\n");
    free(text);
    extract_doc_free(&doc);
}

/* libxml2's tree builder stopped at 256 levels of nesting and cut a text
 * node at 10 MB, silently losing the rest of the page; read from the
 * parser's events, the page is read whole. */
static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *html = malloc(depth * 11 + 64);
    assert_non_null(html);
    char *p = html;
    p += sprintf(p, "<html><body><p>avant</p>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "profond");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "</div>");
    p += sprintf(p, "<p>ensuite</p></body></html>");
    extract_doc doc;
    char *text = extract_ok(html, (size_t)(p - html), &doc);
    assert_non_null(strstr(text, "avant"));
    assert_non_null(strstr(text, "profond"));
    assert_non_null(strstr(text, "ensuite"));
    free(text);
    extract_doc_free(&doc);

    /* never closed, nothing before the nesting */
    p = html + sprintf(html, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "profond");
    text = extract_ok(html, (size_t)(p - html), &doc);
    assert_string_equal(text, "profond\n");
    free(text);
    extract_doc_free(&doc);
    free(html);
}

static void test_long_text_node(void **state)
{
    (void)state;
    /* one text node of 12 MB (past libxml2's tree limit of 10 MB) */
    size_t words = 12u * 1024 * 1024 / 8;
    char *html = malloc(words * 8 + 128);
    assert_non_null(html);
    char *p = html + sprintf(html, "<html><body><p>debut ");
    for (size_t i = 0; i < words; i++) {
        memcpy(p, "mineur. ", 8);
        p += 8;
    }
    p += sprintf(p, "derniermot</p></body></html>");
    extract_doc doc;
    char *text = extract_ok(html, (size_t)(p - html), &doc);
    assert_non_null(strstr(text, "debut"));
    assert_non_null(strstr(text + strlen(text) - 64, "derniermot"));
    free(text);
    extract_doc_free(&doc);
    free(html);
}

static void test_binary_and_empty(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    unsigned char junk[512];
    uint32_t seed = 7;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (unsigned char)(seed >> 16);
    }
    char *path = fixture_write(dir, "page.html", junk, sizeof junk);
    extract_doc doc;
    char err[256];
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EFORMAT);
    assert_string_equal(err, "binary content, not HTML");
    free(path);
    path = fixture_write(dir, "vide.html", "", 0);
    assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_EEMPTY);
    free(path);
    fixture_rmdir(dir);

    const char *nothing = "<html><head><title>Vide</title><script>x()</script></head><body> "
                          "</body></html>";
    assert_int_equal(run(nothing, strlen(nothing), &doc, err, sizeof err), EXTRACT_EEMPTY);
}

static void test_long_sections(void **state)
{
    (void)state;
    char *html = malloc(60000);
    assert_non_null(html);
    strcpy(html, "<title>Long</title><h2>Partie longue</h2>");
    for (int i = 0; i < 100; i++)
        strcat(html, "<p>Un paragraphe sur la traite des êtres humains et l’accompagnement des "
                     "victimes, assez long pour peser.</p>");
    strcat(html, "<h2>Courte</h2><p>fin</p>");
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_true(doc.n_chunks >= 4);
    for (size_t i = 0; i + 1 < doc.n_chunks; i++) {
        assert_string_equal(doc.chunks[i].heading, "Partie longue");
        assert_true(strlen(doc.chunks[i].text) <= EXTRACT_CHUNK_TARGET * 3 / 2);
    }
    assert_string_equal(doc.chunks[doc.n_chunks - 1].heading, "Courte");
    assert_string_equal(doc.chunks[doc.n_chunks - 1].text, "Courte\nfin");
    free(text);
    extract_doc_free(&doc);
    free(html);
}

static void test_heading_only_sections_merge(void **state)
{
    (void)state;
    const char *html = "<main><h2>À la une</h2><h3>Journée européenne</h3><p>Texte.</p></main>";
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_int_equal(doc.n_chunks, 1);
    assert_string_equal(doc.chunks[0].heading, "Journée européenne");
    assert_string_equal(doc.chunks[0].text, "À la une\nJournée européenne\nTexte.");
    assert_string_equal(doc.headings, "À la une\nJournée européenne");
    free(text);
    extract_doc_free(&doc);
}

/* A manual's sections go deeper than h3 (the Debian installation guide's
 * « 6.3.4.2. Le partitionnement assisté » is an h4 in an 11,000-word
 * page): h4-h6 are headings and cut chunks too. */
static void test_deep_headings(void **state)
{
    (void)state;
    const char *html = "<main><h2>6.3. Utilisation</h2><p>Intro.</p>"
                       "<div><h4 class=\"title\"><a name=\"a\"></a>6.3.4.2. Le partitionnement "
                       "assisté</h4></div><p>Texte.</p><h5>Note</h5><p>Avis.</p>"
                       "<h6>Détail</h6><p>Fin.</p></main>";
    extract_doc doc;
    char *text = extract_ok(html, strlen(html), &doc);
    assert_string_equal(doc.headings,
                        "6.3. Utilisation\n6.3.4.2. Le partitionnement assisté\nNote\nDétail");
    assert_int_equal(doc.n_chunks, 4);
    assert_string_equal(doc.chunks[1].heading, "6.3.4.2. Le partitionnement assisté");
    assert_string_equal(doc.chunks[1].text, "6.3.4.2. Le partitionnement assisté\nTexte.");
    assert_string_equal(doc.chunks[2].heading, "Note");
    assert_string_equal(doc.chunks[3].heading, "Détail");
    free(text);
    extract_doc_free(&doc);
}

/* <meta name="keywords"> in the head and schema.org's itemprop="keywords"
 * in the body (LibreOffice's help pages) are the document's keywords, one
 * line each, whitespace collapsed, never in its text; a page with nothing
 * else is still empty; they stop at EXTRACT_KEYWORDS_MAX bytes. */
static void test_keywords(void **state)
{
    (void)state;
    extract_doc doc;
    char err[256];
    static const char page[] =
        "<html><head><title>CSV</title>"
        "<meta name=\"keywords\" content=\"  Fichiers CSV ,\n import  \">"
        "<meta name=\"keywords\" content=\"   \"></head><body>"
        "<div><meta itemprop=\"keywords\" content=\"valeurs séparées par des virgules\">"
        "<p>Ouvrir un fichier texte.</p></div></body></html>";
    char *text = extract_ok(page, sizeof page - 1, &doc);
    assert_string_equal(doc.keywords, "Fichiers CSV , import\nvaleurs séparées par des virgules");
    assert_null(strstr(text, "virgules"));
    free(text);
    extract_doc_free(&doc);

    static const char only[] = "<html><head><meta name=\"keywords\" content=\"traite\"></head>"
                               "<body></body></html>";
    assert_int_equal(run(only, sizeof only - 1, &doc, err, sizeof err), EXTRACT_EEMPTY);

    buf many = BUF_INIT;
    buf_puts(&many, "<html><body><p>Texte.</p>");
    for (int i = 0; i < 400; i++)
        buf_printf(&many, "<meta itemprop=\"keywords\" content=\"mot-clé numéro %03d\">", i);
    buf_puts(&many, "</body></html>");
    text = extract_ok(many.data, many.len, &doc);
    size_t n = strlen(doc.keywords);
    assert_true(n <= EXTRACT_KEYWORDS_MAX && n > EXTRACT_KEYWORDS_MAX - 24);
    assert_non_null(strstr(doc.keywords, "mot-clé numéro 000\nmot-clé numéro 001\n"));
    free(text);
    extract_doc_free(&doc);
    buf_free(&many);
}

static void test_dates(void **state)
{
    (void)state;
    extract_doc doc;
    const char *meta = "<meta name=\"date\" content=\"2020-10-16\"><main><p>Publié le 16 octobre "
                       "2020 · Communiqué</p><p>La loi du 5 août 2013.</p></main>";
    char *text = extract_ok(meta, strlen(meta), &doc);
    assert_string_equal(doc.date, "2020-10-16");
    free(text);
    extract_doc_free(&doc);

    const char *dateline = "<meta property=\"article:published_time\" "
                           "content=\"2024-01-02T09:00:00+01:00\"><p>Paris, le 27 janvier "
                           "2018</p><p>Texte.</p>";
    text = extract_ok(dateline, strlen(dateline), &doc);
    assert_string_equal(doc.date, "2018-01-27");
    free(text);
    extract_doc_free(&doc);

    const char *weak = "<p>Depuis la loi du 5 août 2013, la traite est mieux définie.</p>";
    text = extract_ok(weak, strlen(weak), &doc);
    assert_string_equal(doc.date, "2013-08-05");
    free(text);
    extract_doc_free(&doc);

    const char *none = "<p>Aucune date.</p>";
    text = extract_ok(none, strlen(none), &doc);
    assert_null(doc.date);
    free(text);
    extract_doc_free(&doc);
}

static void test_corpus_pages(void **state)
{
    (void)state;
    const char *pages[] = {"corpus/site/index.html", "corpus/site/qui-sommes-nous.html",
                           "corpus/fiches/mineurs-non-accompagnes.html"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char *path = fixture_path(pages[i]);
        if (access(path, R_OK) != 0)
            fail_msg("%s is missing: the corpus is part of the repository", path);
        extract_doc doc;
        char err[256];
        assert_int_equal(fixture_extract(path, &doc, err, sizeof err), EXTRACT_OK);
        assert_true(strlen(doc.title) > 0);
        assert_true(doc.n_chunks > 0);
        for (size_t c = 0; c < doc.n_chunks; c++) {
            assert_null(strstr(doc.chunks[c].text, "<script"));
            assert_null(strstr(doc.chunks[c].text, "function("));
        }
        extract_doc_free(&doc);
        free(path);
    }
}

/* The page is read from the parser's events, as libxml2's tree would hold
 * it: what follows </html> goes into the root unless the document's first
 * node is not the root (a DOCTYPE, a comment), and then it is left out. */
static void test_tree_rules(void **state)
{
    (void)state;
    static const struct {
        const char *html;
        const char *text;
    } cases[] = {
        /* after </html>: in the root, not in the body */
        {"<html><body><p>dedans</p></body></html><p>apres</p>", "dedans\n"},
        /* the root is the <main>: its walk takes what was put in it */
        {"<html role=\"main\"><body><p>dedans</p></body></html><p>apres</p>", "dedans\napres\n"},
        /* a DOCTYPE first: what follows </html> is beside the root */
        {"<!DOCTYPE html><html role=\"main\"><body><p>dedans</p></body></html><p>apres</p>",
         "dedans\n"},
        {"<!-- note --><html role=\"main\"><body><p>dedans</p></body></html><p>apres</p>",
         "dedans\n"},
        /* a comment ends a text node: each is collapsed on its own */
        {"<p>un <!-- c --> deux</p>", "un deux\n"},
        /* an empty <main>: the body; an empty body: leniently */
        {"<body><main> </main><p>corps</p></body>", "corps\n"},
        {"<body class=\"cookie\"><div hidden><p>cache</p></div></body>", "cache\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        extract_doc doc;
        char *text = extract_ok(cases[i].html, strlen(cases[i].html), &doc);
        assert_string_equal(text, cases[i].text);
        free(text);
        extract_doc_free(&doc);
    }
    /* a byte order mark and nothing else: no text, not a parse failure */
    extract_doc doc;
    char err[256];
    assert_int_equal(run("\xEF\xBB\xBF", 3, &doc, err, sizeof err), EXTRACT_EEMPTY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_page),
        cmocka_unit_test(test_hidden_apart),
        cmocka_unit_test(test_articles_preferred),
        cmocka_unit_test(test_body_fallback),
        cmocka_unit_test(test_reference_purpose),
        cmocka_unit_test(test_reference_lead),
        cmocka_unit_test(test_cookie_class_on_wrapper),
        cmocka_unit_test(test_iso_8859_1_meta_charset),
        cmocka_unit_test(test_iso_8859_1_http_equiv),
        cmocka_unit_test(test_undeclared_encodings),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_long_text_node),
        cmocka_unit_test(test_binary_and_empty),
        cmocka_unit_test(test_long_sections),
        cmocka_unit_test(test_heading_only_sections_merge),
        cmocka_unit_test(test_deep_headings),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_corpus_pages),
        cmocka_unit_test(test_tree_rules),
    };
    return cmocka_run_group_tests_name("extract_html", tests, NULL, NULL);
}
