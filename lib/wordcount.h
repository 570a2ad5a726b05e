/* wordcount: how many distinct words a document would put in the index
 * (its distinct index forms, as the FTS5 tokenizer emits them: analyzer.h),
 * counted up to a cap. The index writer holds every distinct form of a
 * document in memory until the document's row ends, so the indexer's
 * extraction workers refuse a document past the cap before the writer
 * ever sees it. Does not index nor store anything. */
#ifndef REPERE_WORDCOUNT_H
#define REPERE_WORDCOUNT_H

#include <stddef.h>

#include "extract_doc.h"

/* 1 when doc's title, headings, description and chunks have more than max
 * distinct index forms, else 0; the count stops as soon as it passes max.
 * A document of at most max bytes of text (a form takes one byte at least)
 * is not analysed. */
int wordcount_over(const extract_doc *doc, size_t max);

#endif
