/* context: what an HTML page whose title is generic takes from its
 * parent, the page that lists it. Here the contexts are decided from the
 * tables; the store writes them (store_finish). */
#ifndef REPERE_CONTEXT_H
#define REPERE_CONTEXT_H

#include <sqlite3.h>
#include <stddef.h>

/* Help systems title many pages alike (GOsa's « Informations
 * générales » for each tab of each form, LibreOffice's « Options »,
 * aptitude's « Long Description »): the page's subject is the title of
 * the page that lists it, which the page itself never writes. A title is
 * generic when another HTML page of the index has it too (case and blanks
 * aside); the parent is an HTML page linking to the page (links.h) with
 * the page's title as the link's text (a table of contents, a list of
 * subsections), of several the one with the fewest link targets (the
 * nearest list); the page's context is the parent's title, indexed as the
 * body's first paragraph (schema.h, contexts). */

/* A document whose context is to change: its new context, NULL for none. */
typedef struct {
    sqlite3_int64 id;
    char *text;
} context_change;

/* Decides every HTML page's context from db's documents, links and
 * contexts tables and lists in *out (n in *n, free with
 * context_changes_free) the documents whose stored context differs. A
 * link's target that is not the path of an HTML page of the index names
 * the one HTML page, if any, whose path ends with the longest run of the
 * same path components (a link written for the installed tree, an
 * absolute path). Returns an SQLite code (SQLITE_OK). */
int context_decide(sqlite3 *db, context_change **out, size_t *n);
void context_changes_free(context_change *v, size_t n);

#endif
