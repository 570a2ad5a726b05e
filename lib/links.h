/* links: a web page's links to the other files of its tree. The HTML
 * extractor collects each <a href>'s target and text (extract_doc.links);
 * here the target is resolved as a browser resolves it against the page's
 * path and its <base>, to a path of the same tree (the form the indexer
 * stores paths in), and links out of the tree are left out. What the links
 * are used for (a generic title's parent) is context.h's. */
#ifndef REPERE_LINKS_H
#define REPERE_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "extract_doc.h"

/* Links kept of one page, and bytes of a link's text (longer: kept
 * with an empty text, as a target only), its case-folded text. */
#define LINKS_MAX 20000
#define LINKS_TEXT_MAX 512
/* Bytes of an href kept: a longer one is left out (no path is that long). */
#define LINKS_HREF_MAX 4096

/* The path href (an attribute's value, as written) names when read on the
 * page at path page whose <base href> is base (NULL: none): the fragment
 * and query cut, %XX decoded, "." and ".." resolved against page's
 * directory (an absolute path, or file: URL, as it is). NULL for a link
 * out of the tree (another scheme, //host), to the page itself (empty,
 * "#…", "?…"), or with a tab, line break or NUL in it. Caller frees. */
char *links_resolve(const char *page, const char *base, const char *href);

/* Turns doc->links as the extractor gives them (one "href\ttext" line a
 * link) into "target\ttext" lines resolved against page and
 * doc->link_base (links_resolve), leaving out the links that resolve to
 * nothing; frees doc->link_base. */
void links_resolve_doc(extract_doc *doc, const char *page);

/* A path as the index keeps a link's target: target relative to page's
 * directory (« ../groups/node12.html »; an absolute target of a relative
 * page stays absolute), and back. Both return what the caller frees;
 * links_target(page, links_relative(page, t)) is t for a resolved t. */
char *links_relative(const char *page, const char *target);
char *links_target(const char *page, const char *relative);

/* The form in which a link's text and a page's title are compared
 * (links_text_hash): blanks collapsed to one line (text_normalize),
 * case-folded. The caller g_frees it. */
char *links_text_key(const char *text, size_t len);

/* The 32-bit hash the index keeps of a link's case-folded text (and
 * compares with a title's): never 0, which stands for no text. A link
 * whose text differs from its target's title is taken for a parent's
 * only when the hashes collide too: about 6e-5 of a link over the scale
 * corpus's 276,000 (8 bytes would add 1.1 MB to its index). */
uint32_t links_text_hash(const char *text, size_t len);

/* The index's form of a page's links (the "target\ttext" lines of
 * extract_doc.links), each link once, sorted by target: for each, the
 * text's hash (4 bytes, little-endian; 0 for an empty text), how many
 * leading bytes its target shares with the previous one (a byte, at most
 * 255), the rest of the target relative to page (links_relative) and a
 * NUL. The caller frees it; *len 0 for none. */
unsigned char *links_encode(const char *page, const char *lines, size_t *len);

/* Reads an encoded list of len bytes: links_read fills *hash and
 * *relative (the reader's, valid until the next call) and returns 1, or 0
 * at the end or on malformed bytes; links_reader_free when done. */
typedef struct {
    const unsigned char *list;
    size_t len, pos;
    buf target;
} links_reader;

void links_reader_init(links_reader *r, const unsigned char *list, size_t len);
int links_read(links_reader *r, uint32_t *hash, const char **relative);
void links_reader_free(links_reader *r);

#endif
