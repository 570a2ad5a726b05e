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

/* 1 when doc's title, headings, description, hidden text and chunks have more than max
 * distinct index forms, else 0; the count stops as soon as it passes max.
 * A document of at most max bytes of text (a form takes one byte at least),
 * or whose distinct runs of non-blank bytes add up to at most max bytes, is
 * not analysed: the richest document of the scale corpus (2.4 MB of text,
 * 20,171 forms) has 388,805 bytes of such runs. */
int wordcount_over(const extract_doc *doc, size_t max);

#endif
