/* define: does a document's text define a term, as a glossary's line or a
 * definition's opening sentence does (« Juju – serment rituel prêté avant
 * le départ… », « Lover boy : proxénète qui séduit… », « La traite des
 * êtres humains est définie par l'article 225-4-1… »)? search.c asks it of
 * the best rows of a question asking what a term means. Reads text only. */
#ifndef REPERE_DEFINE_H
#define REPERE_DEFINE_H

#include <stddef.h>

/* Does text[0..len) define term (its words unaccented, lowercase, apart by
 * spaces)? A line or a sentence that opens with the term (after a bullet,
 * a number or an article) followed, maybe after a bracket, by a colon, a
 * dash or « = » and three words or more of text, or by « est », « sont »
 * with an article or « défini(e) », « désigne », « signifie »,
 * « consiste », « correspond »; or « on appelle » before the term. A line
 * that is the title (title, may be NULL) is not a definition: « Traite
 * des êtres humains : repérer… » heads its page. */
int define_finds(const char *text, size_t len, const char *term, const char *title);

#endif
