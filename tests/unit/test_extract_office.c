/* test_extract_office: DOCX, ODT and EPUB built here part by part (libzip,
 * in memory): runs joined, tabs and breaks, headings from styles, notes and
 * comments with the page and heading of their reference, headers and
 * footers once, page hints, metadata and the file-name fallback; and every
 * container limit with its message: entries, part size whatever the header
 * says, compression ratio, total, text length, nested archives, DOCTYPE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "container.h"
#include "extract.h"
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* An archive of n parts (names[i], contents[i], content lengths from
 * strlen unless lens is given) as bytes; caller frees. Parts are stored
 * uncompressed when store is set. */
static char *make_zip(size_t n, const char *const *names, const char *const *contents,
                      const size_t *lens, int store, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t l = lens ? lens[i] : strlen(contents[i]);
        zip_source_t *s = zip_source_buffer(z, contents[i], l, 0);
        zip_int64_t idx = zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8);
        assert_true(idx >= 0);
        if (store)
            zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *out = malloc((size_t)size + 1);
    assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)size;
    return out;
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define MC_NS "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char pkg_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"r1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"r2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

static const char doc_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"s\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"f\" Type=\"" REL "footnotes\" Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"c\" Type=\"" REL "comments\" Target=\"/word/comments.xml\"/>"
    "<Relationship Id=\"h1\" Type=\"" REL "header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"h2\" Type=\"" REL "header\" Target=\"header2.xml\"/>"
    "<Relationship Id=\"x\" Type=\"" REL "hyperlink\" Target=\"https://exemple.org\" "
    "TargetMode=\"External\"/></Relationships>";

/* French Word names its heading style « Titre1 »; its name says heading 1. */
static const char styles[] =
    "<w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:styleId=\"Titre1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Titre\"><w:name w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"MonTitre\"><w:name w:val=\"Mon titre\"/>"
    "<w:basedOn w:val=\"Titre1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Corps\"><w:name w:val=\"Body\"/>"
    "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr></w:style></w:styles>";

static const char document[] =
    "<w:document " W_NS " " MC_NS "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Titre\"/></w:pPr><w:r><w:t>Convention de partenariat</w:t>"
    "</w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"Titre1\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/>"
    "</w:tabs></w:pPr><w:r><w:t>Article premier</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>L'accom</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>pagnement</w:t></w:r>"
    "<w:r><w:t xml:space=\"preserve\"> des victimes</w:t><w:tab/><w:t>de traite</w:t>"
    "<w:br/><w:t>est gratuit.</w:t></w:r>"
    "<w:r><w:footnoteReference w:id=\"2\"/></w:r>"
    "<w:del><w:r><w:delText>texte effacé</w:delText></w:r></w:del>"
    "<w:r><w:instrText>PAGEREF _Toc1</w:instrText></w:r></w:p>"
    "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Deuxième page, signée à Lyon.</w:t></w:r>"
    "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
    "<w:p><w:pPr><w:pStyle w:val=\"MonTitre\"/></w:pPr><w:r><w:t>Article second</w:t></w:r></w:p>"
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>zone de texte</w:t>"
    "</mc:Choice><mc:Fallback><w:t>zone en double</w:t></mc:Fallback></mc:AlternateContent>"
    "</w:r><w:r><w:br w:type=\"page\"/><w:t>Après un saut</w:t></w:r></w:p>"
    "</w:body></w:document>";

static const char footnotes[] =
    "<w:footnotes " W_NS ">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:t>séparateur</w:t></w:r></w:p>"
    "</w:footnote><w:footnote w:id=\"2\"><w:p><w:r><w:t>Loi du 5 août 2013.</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>";

static const char comments[] = "<w:comments " W_NS "><w:comment w:id=\"0\" w:author=\"Léa\">"
                               "<w:p><w:r><w:t>Vérifier la signature</w:t></w:r></w:p>"
                               "</w:comment></w:comments>";

static const char header1[] = "<w:hdr " W_NS "><w:p><w:r><w:t>Collectif Ensemble</w:t></w:r></w:p>"
                              "<w:p><w:r><w:t>3</w:t></w:r></w:p></w:hdr>";
static const char header2[] =
    "<w:hdr " W_NS "><w:p><w:r><w:t>Collectif Ensemble</w:t></w:r></w:p></w:hdr>";

static const char core[] =
    "<cp:coreProperties "
    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
    "<dc:creator>Claire Martin</dc:creator><dc:subject>Partenariat</dc:subject>"
    "<cp:keywords>convention ; victimes  de traite</cp:keywords>"
    "<dcterms:created>2022-03-14T09:00:00Z</dcterms:created></cp:coreProperties>";

static char *make_docx(const char *doc_xml, const char *core_xml, size_t *len)
{
    const char *names[] = {"_rels/.rels",        "word/_rels/document.xml.rels",
                           "word/document.xml",  "word/styles.xml",
                           "word/footnotes.xml", "word/comments.xml",
                           "word/header1.xml",   "word/header2.xml",
                           "docProps/core.xml"};
    const char *parts[] = {pkg_rels, doc_rels, doc_xml, styles,  footnotes,
                           comments, header1,  header2, core_xml};
    return make_zip(9, names, parts, NULL, 0, len);
}

static int text_has(const extract_doc *doc, const char *needle)
{
    return fixture_chunk_with(doc, needle) != NULL;
}

static void test_docx(void **state)
{
    (void)state;
    size_t len;
    char *data = make_docx(document, core, &len);
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256];
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_DOCX, "a/convention.docx", data, len, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_int_equal(doc.format, EXTRACT_FORMAT_DOCX);
    assert_string_equal(extract_format_name(doc.format), "docx");
    /* no metadata title: the Title-styled paragraph */
    assert_string_equal(doc.title, "Convention de partenariat");
    assert_string_equal(doc.date, "2022-03-14");
    assert_non_null(strstr(doc.description, "Claire Martin"));
    assert_non_null(strstr(doc.description, "Partenariat"));
    assert_non_null(strstr(doc.headings, "Article premier\nArticle second"));
    assert_string_equal(doc.keywords, "convention ; victimes de traite");
    /* runs joined, tab and break separate words, deleted text and field
     * codes left out */
    const extract_chunk *c =
        fixture_chunk_with(&doc, "L'accompagnement des victimes de traite\nest gratuit.");
    assert_non_null(c);
    assert_string_equal(c->heading, "Article premier");
    assert_int_equal(c->page, 1);
    assert_false(text_has(&doc, "effacé"));
    assert_false(text_has(&doc, "PAGEREF"));
    assert_false(text_has(&doc, "en double"));
    assert_true(text_has(&doc, "zone de texte"));
    /* pages from w:lastRenderedPageBreak; the hard break is not counted again */
    assert_int_equal(fixture_chunk_with(&doc, "Deuxième page")->page, 2);
    assert_int_equal(fixture_chunk_with(&doc, "Après un saut")->page, 2);
    assert_int_equal(doc.pages, 2);
    /* a note and a comment filed under their reference's page and heading */
    c = fixture_chunk_with(&doc, "Loi du 5 août 2013.");
    assert_non_null(c);
    assert_int_equal(c->page, 1);
    assert_string_equal(c->heading, "Article premier");
    assert_false(text_has(&doc, "séparateur"));
    c = fixture_chunk_with(&doc, "Vérifier la signature");
    assert_non_null(c);
    assert_int_equal(c->page, 2);
    /* headers once, a page number alone dropped */
    size_t seen = 0;
    for (size_t i = 0; i < doc.n_chunks; i++) {
        const char *t = doc.chunks[i].text;
        while ((t = strstr(t, "Collectif Ensemble")) != NULL) {
            seen++;
            t++;
        }
    }
    assert_int_equal(seen, 1);
    extract_doc_free(&doc);
    free(data);
}

static void test_docx_pages_and_titles(void **state)
{
    (void)state;
    /* without rendered breaks, hard page breaks give pages */
    const char body[] =
        "<w:document " W_NS "><w:body>"
        "<w:p><w:r><w:t>Première</w:t></w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        "<w:p><w:r><w:t>Seconde</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Troisième</w:t></w:r></w:p>"
        "</w:body></w:document>";
    const char titled[] =
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Procès-verbal</dc:title>"
        "</cp:coreProperties>";
    size_t len;
    char *data = make_docx(body, titled, &len);
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256];
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_DOCX, "pv.docx", data, len, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_string_equal(doc.title, "Procès-verbal");
    assert_int_equal(fixture_chunk_with(&doc, "Première")->page, 1);
    assert_int_equal(fixture_chunk_with(&doc, "Seconde")->page, 2);
    assert_int_equal(fixture_chunk_with(&doc, "Troisième")->page, 3);
    assert_int_equal(doc.pages, 3);
    extract_doc_free(&doc);
    free(data);

    /* no page hint at all: no pages; no title anywhere: the file name */
    const char plain[] =
        "<w:document " W_NS "><w:body><w:p><w:r><w:t>Un texte.</w:t></w:r></w:p></w:body>"
        "</w:document>";
    const char *names[] = {"word/document.xml"};
    const char *parts[] = {plain};
    data = make_zip(1, names, parts, NULL, 0, &len);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_DOCX, "dossier/cr_reunion-juin.docx", data, len,
                                    &doc, err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(doc.title, "cr reunion juin");
    assert_int_equal(doc.pages, 0);
    assert_int_equal(doc.chunks[0].page, 0);
    extract_doc_free(&doc);
    free(data);
}

static void test_odt(void **state)
{
    (void)state;
#define ODT_NS                                                                                     \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                               \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                             \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                                               \
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
    const char content[] =
        "<office:document-content " ODT_NS "><office:body><office:text>"
        "<text:sequence-decls><text:sequence-decl text:name=\"Figure\"/></text:sequence-decls>"
        "<text:table-of-content><text:index-body><text:p>Sommaire 1</text:p></text:index-body>"
        "</text:table-of-content>"
        "<text:h text:outline-level=\"1\">Ordre du jour</text:h>"
        "<text:p>Le groupe<text:s text:c=\"3\"/>de travail<text:tab/>s'est réuni"
        "<text:line-break/>à Marseille.<text:note text:note-class=\"footnote\">"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Salle du "
        "conseil.</text:p></text:note-body></text:note> La séance est ouverte.</text:p>"
        "<text:soft-page-break/>"
        "<text:h text:outline-level=\"2\">Décisions</text:h>"
        "<text:p><office:annotation><dc:creator>Paul</dc:creator><dc:date>2024-01-01</dc:date>"
        "<text:p>À relire</text:p></office:annotation>Adopté à l'unanimité.</text:p>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>phrase retirée"
        "</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        "</office:text></office:body></office:document-content>";
    const char styles_xml[] =
        "<office:document-styles " ODT_NS "><office:master-styles><style:master-page>"
        "<style:header><text:p>Groupe de travail mineurs</text:p></style:header>"
        "<style:footer><text:p>12</text:p></style:footer>"
        "<style:header-left><text:p>Groupe de travail mineurs</text:p></style:header-left>"
        "</style:master-page></office:master-styles></office:document-styles>";
    const char meta[] = "<office:document-meta " ODT_NS "><office:meta>"
                        "<dc:title>Compte rendu du groupe mineurs</dc:title>"
                        "<meta:initial-creator>Sophie</meta:initial-creator>"
                        "<dc:creator>Marc</dc:creator>"
                        "<meta:creation-date>2019-11-05T10:00:00</meta:creation-date>"
                        "<meta:keyword>mineurs</meta:keyword><meta:keyword> </meta:keyword>"
                        "<meta:keyword>groupe  de travail</meta:keyword>"
                        "</office:meta></office:document-meta>";
    const char *names[] = {"mimetype", "content.xml", "styles.xml", "meta.xml"};
    const char *parts[] = {"application/vnd.oasis.opendocument.text", content, styles_xml, meta};
    size_t len;
    char *data = make_zip(4, names, parts, NULL, 1, &len);
    /* detected by its mimetype whatever its name */
    assert_int_equal(extract_detect("sans-extension", (const unsigned char *)data, len),
                     EXTRACT_FORMAT_ODT);
    assert_int_equal(extract_detect("x.odt", (const unsigned char *)data, len), EXTRACT_FORMAT_ODT);
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256];
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_ODT, "cr.odt", data, len, &doc, err, sizeof err),
                     EXTRACT_OK);
    assert_string_equal(extract_format_name(doc.format), "odt");
    assert_string_equal(doc.title, "Compte rendu du groupe mineurs");
    assert_string_equal(doc.date, "2019-11-05");
    assert_non_null(strstr(doc.description, "Sophie"));
    assert_null(strstr(doc.description, "Marc"));
    assert_string_equal(doc.headings, "Ordre du jour\nDécisions");
    assert_string_equal(doc.keywords, "mineurs\ngroupe de travail");
    const extract_chunk *c = fixture_chunk_with(
        &doc, "Le groupe de travail s'est réuni\nà Marseille. La séance est ouverte.");
    assert_non_null(c);
    assert_int_equal(c->page, 1);
    assert_int_equal(fixture_chunk_with(&doc, "Adopté")->page, 2);
    assert_int_equal(doc.pages, 2);
    c = fixture_chunk_with(&doc, "Salle du conseil.");
    assert_non_null(c);
    assert_string_equal(c->heading, "Ordre du jour");
    assert_int_equal(c->page, 1);
    c = fixture_chunk_with(&doc, "À relire");
    assert_non_null(c);
    assert_int_equal(c->page, 2);
    assert_false(text_has(&doc, "Paul"));
    assert_false(text_has(&doc, "retirée"));
    assert_false(text_has(&doc, "Sommaire"));
    assert_false(text_has(&doc, "Figure"));
    assert_true(text_has(&doc, "Groupe de travail mineurs"));
    assert_false(text_has(&doc, "12"));
    extract_doc_free(&doc);
    free(data);

    /* a spreadsheet is not a text */
    parts[0] = "application/vnd.oasis.opendocument.spreadsheet";
    data = make_zip(4, names, parts, NULL, 1, &len);
    assert_int_equal(extract_detect("x.ods", (const unsigned char *)data, len),
                     EXTRACT_FORMAT_NONE);
    assert_int_equal(extract_buffer(EXTRACT_FORMAT_ODT, "x.odt", data, len, &doc, err, sizeof err),
                     EXTRACT_EFORMAT);
    assert_non_null(strstr(err, "spreadsheet"));
    free(data);
}

static void test_epub(void **state)
{
    (void)state;
    const char container_xml[] =
        "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>"
        "<rootfile full-path=\"OEBPS/livre.opf\" media-type=\"application/oebps-package+xml\"/>"
        "</rootfiles></container>";
    const char opf[] =
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        "<dc:title>Guide de l'accueil</dc:title><dc:creator>Le collectif</dc:creator>"
        "<dc:date>2021-06-01</dc:date></metadata><manifest>"
        "<item id=\"c2\" href=\"texte/chap%202.xhtml\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"c1\" href=\"texte/chap1.xhtml\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"c1b\" href=\"texte/chap1.xhtml#suite\" media-type=\"application/xhtml+xml\"/>"
        "<item id=\"img\" href=\"couv.jpg\" media-type=\"image/jpeg\"/>"
        "<item id=\"couv\" href=\"couv.xhtml\" media-type=\"application/xhtml+xml\"/>"
        "</manifest><spine><itemref idref=\"couv\"/><itemref idref=\"c1\"/>"
        "<itemref idref=\"c1b\"/><itemref idref=\"c2\"/><itemref idref=\"absent\"/></spine>"
        "</package>";
    const char cover[] =
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><img src=\"couv.jpg\"/>"
        "</body></html>";
    const char ch1[] = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Un</title></head>"
                       "<body><h1>Premier accueil</h1><p>Écouter la personne.</p>"
                       "<div hidden=\"hidden\"><p>Réponse dépliée.</p></div></body></html>";
    const char ch2[] = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Orientation</h1>"
                       "<p>Vers une association spécialisée.</p>"
                       "<div hidden=\"hidden\"><p>Note repliée.</p></div></body></html>";
    const char *names[] = {
        "mimetype",         "META-INF/container.xml",  "OEBPS/livre.opf",
        "OEBPS/couv.xhtml", "OEBPS/texte/chap1.xhtml", "OEBPS/texte/chap 2.xhtml"};
    const char *parts[] = {"application/epub+zip", container_xml, opf, cover, ch1, ch2};
    size_t len;
    char *data = make_zip(6, names, parts, NULL, 1, &len);
    assert_int_equal(extract_detect("livre", (const unsigned char *)data, len),
                     EXTRACT_FORMAT_EPUB);
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256];
    assert_int_equal(
        extract_buffer(EXTRACT_FORMAT_EPUB, "livre.epub", data, len, &doc, err, sizeof err),
        EXTRACT_OK);
    assert_string_equal(extract_format_name(doc.format), "epub");
    assert_string_equal(doc.title, "Guide de l'accueil");
    assert_string_equal(doc.date, "2021-06-01");
    assert_string_equal(doc.headings, "Premier accueil\nOrientation");
    /* spine order, each file once */
    assert_int_equal(doc.n_chunks, 2);
    assert_non_null(strstr(doc.chunks[0].text, "Écouter"));
    assert_non_null(strstr(doc.chunks[1].text, "spécialisée"));
    /* each chapter's hidden blocks, apart from the text, in spine order */
    assert_string_equal(doc.hidden, "Réponse dépliée.\nNote repliée.");
    assert_null(strstr(doc.chunks[0].text, "dépliée"));
    assert_int_equal(doc.pages, 0);
    extract_doc_free(&doc);
    free(data);
}

/* Runs extract_buffer on data as fmt and checks it fails with a message
 * holding needle. */
static void assert_refused(extract_format fmt, const char *data, size_t len, const char *needle)
{
    extract_doc doc;
    extract_doc_init(&doc);
    char err[256] = "";
    int rc = extract_buffer(fmt, "x", data, len, &doc, err, sizeof err);
    if (rc == EXTRACT_OK || !strstr(err, needle))
        fail_msg("expected a refusal with \"%s\", got %d \"%s\"", needle, rc, err);
    assert_null(doc.chunks);
}

static char *docx_with_body(const char *body, size_t body_len, int store, size_t *len)
{
    const char *names[] = {"word/document.xml"};
    const char *parts[] = {body};
    return make_zip(1, names, parts, &body_len, store, len);
}

static void test_limit_entries(void **state)
{
    (void)state;
    size_t n = CONTAINER_MAX_ENTRIES + 1;
    char **names = calloc(n, sizeof *names);
    const char **parts = calloc(n, sizeof *parts);
    for (size_t i = 0; i < n; i++) {
        names[i] = malloc(16);
        snprintf(names[i], 16, "f%zu", i);
        parts[i] = "";
    }
    size_t len;
    char *data = make_zip(n, (const char *const *)names, parts, NULL, 1, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len, "10001 entries, more than the limit of 10000");
    free(data);
    /* exactly the limit is fine for the container */
    data = make_zip(n - 1, (const char *const *)names, parts, NULL, 1, &len);
    char err[256];
    container *c = container_open(data, len, NULL, err, sizeof err);
    assert_non_null(c);
    container_close(c);
    free(data);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(parts);
}

static void test_limit_ratio(void **state)
{
    (void)state;
    /* 1 MiB of spaces inside valid XML deflates about 1000:1 */
    size_t n = 1 << 20;
    char *body = malloc(n);
    const char open[] = "<w:document " W_NS "><w:body>";
    const char close[] = "</w:body></w:document>";
    memcpy(body, open, sizeof open - 1);
    memset(body + sizeof open - 1, ' ', n - (sizeof open - 1) - (sizeof close - 1));
    memcpy(body + n - (sizeof close - 1), close, sizeof close - 1);
    size_t len;
    char *data = docx_with_body(body, n, 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len,
                   "part word/document.xml is compressed more than 100:1");
    free(data);
    /* stored, the same part is read */
    data = docx_with_body(body, n, 1, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len, "no text found");
    free(data);
    free(body);
}

/* The part and total limits, with small ones; the declared size is then
 * made to lie, and the bytes actually inflated are what counts. */
static void test_limit_part_and_total(void **state)
{
    (void)state;
    char big[5000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + (i * 7919) % 26);
    const char *names[] = {"a", "b", "c"};
    const char *parts[] = {big, big, big};
    size_t lens[] = {sizeof big, sizeof big, sizeof big};
    size_t len;
    char *data = make_zip(3, names, parts, lens, 0, &len);
    container_limits lim = container_default_limits;
    lim.max_part = 4096;
    char err[256], *out;
    size_t out_len;
    container *c = container_open(data, len, &lim, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(container_read(c, "a", &out, &out_len, err, sizeof err), -1);
    assert_string_equal(err, "part a is larger than the 0 MiB limit");
    assert_int_equal(container_read(c, "absent", &out, &out_len, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing"));
    container_close(c);

    /* a central directory that claims 10 bytes for each part */
    for (size_t i = 0; i + 46 <= len; i++) {
        if (memcmp(data + i, "PK\x01\x02", 4) == 0) {
            data[i + 24] = 10;
            data[i + 25] = data[i + 26] = data[i + 27] = 0;
        }
    }
    c = container_open(data, len, &lim, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(container_read(c, "a", &out, &out_len, err, sizeof err), -1);
    assert_non_null(strstr(err, "part a"));
    container_close(c);

    lim = container_default_limits;
    lim.max_total = 12000; /* the declared 3 × 5000 exceed it */
    free(data);
    data = make_zip(3, names, parts, lens, 0, &len);
    assert_null(container_open(data, len, &lim, err, sizeof err));
    assert_string_equal(err, "archive declares more than 0 MiB of content once inflated");
    lim.max_total = 15000;
    c = container_open(data, len, &lim, err, sizeof err);
    assert_non_null(c);
    lim.max_total = 0;
    container_close(c);
    free(data);
}

static void test_limit_nested_and_doctype(void **state)
{
    (void)state;
    /* a part that is itself an archive */
    const char *inner_names[] = {"word/document.xml"};
    const char *inner_parts[] = {"<x/>"};
    size_t inner_len, len;
    char *inner = make_zip(1, inner_names, inner_parts, NULL, 0, &inner_len);
    char *data = docx_with_body(inner, inner_len, 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len,
                   "part word/document.xml is itself a zip archive");
    free(data);
    free(inner);

    /* entities declared in a DOCTYPE are never expanded: the DOCTYPE stops it */
    const char laughs[] = "<?xml version=\"1.0\"?><!DOCTYPE w:document ["
                          "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                          "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                          "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                          "<w:document " W_NS "><w:body><w:p><w:r><w:t>&d;&d;&d;</w:t></w:r>"
                          "</w:p></w:body></w:document>";
    data = docx_with_body(laughs, strlen(laughs), 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len, "part word/document.xml has a DOCTYPE");
    free(data);
    /* an external entity, likewise */
    const char external[] = "<!DOCTYPE w:document SYSTEM \"http://127.0.0.1:9/x.dtd\">"
                            "<w:document " W_NS "/>";
    data = docx_with_body(external, strlen(external), 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len, "DOCTYPE");
    free(data);
    /* broken XML names the part */
    data = docx_with_body("<w:document", 11, 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len, "part word/document.xml is not well-formed XML");
    free(data);
    /* not a zip at all */
    assert_refused(EXTRACT_FORMAT_DOCX, "{\\rtf1 Bonjour}", 14, "not a zip archive");
    assert_refused(EXTRACT_FORMAT_ODT, "PK\x03\x04 tronqué", 13, "not a zip archive");
    assert_refused(EXTRACT_FORMAT_EPUB, "<html></html>", 13, "not a zip archive");
}

/* More than 10 M characters of ordinary (so not over-compressible) text. */
static void test_limit_characters(void **state)
{
    (void)state;
    static const char *const words[] = {"traite ", "victime ", "accueil ", "réseau ",
                                        "mineur ", "droit ",   "séjour ",  "travail "};
    size_t cap = 11u << 20;
    char *body = malloc(cap + 4096);
    size_t n = (size_t)sprintf(body, "<w:document " W_NS "><w:body><w:p><w:r><w:t>");
    uint32_t seed = 7;
    size_t chars = 0;
    while (chars <= CONTAINER_MAX_CHARS) {
        seed = seed * 1103515245u + 12345u;
        const char *w = words[(seed >> 16) % 8];
        size_t l = strlen(w);
        memcpy(body + n, w, l);
        n += l;
        chars += l - (strstr(w, "é") ? 1 : 0);
    }
    n += (size_t)sprintf(body + n, "</w:t></w:r></w:p></w:body></w:document>");
    size_t len;
    char *data = docx_with_body(body, n, 0, &len);
    assert_refused(EXTRACT_FORMAT_DOCX, data, len,
                   "document has more than 10000000 characters of text");
    free(data);
    free(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx),
        cmocka_unit_test(test_docx_pages_and_titles),
        cmocka_unit_test(test_odt),
        cmocka_unit_test(test_epub),
        cmocka_unit_test(test_limit_entries),
        cmocka_unit_test(test_limit_ratio),
        cmocka_unit_test(test_limit_part_and_total),
        cmocka_unit_test(test_limit_nested_and_doctype),
        cmocka_unit_test(test_limit_characters),
    };
    return cmocka_run_group_tests_name("extract_office", tests, NULL, NULL);
}
