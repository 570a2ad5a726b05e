/* links: a web page's links to the other files of its tree. The HTML
 * extractor collects each <a href>'s target and text (extract_doc.links);
 * here the target is resolved as a browser resolves it against the page's
 * path and its <base>, to a path of the same tree (the form the indexer
 * stores paths in), and links out of the tree are left out. What the links
 * are used for (a generic title's parent) is context.h's. */
#ifndef REPERE_LINKS_H
#define REPERE_LINKS_H

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

#endif
