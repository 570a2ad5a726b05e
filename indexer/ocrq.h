/* ocrq: the indexer's OCR work on the documents its workers extracted.
 * Decides which pages to read (scanned pages, or every page under --ocr
 * force, at most a cap a document), takes what the index's cache already
 * read, hands the other pages out as page jobs for the workers (so the
 * pages of one PDF are read in parallel, each in an isolated worker), and
 * gives each document back with its pages' text once they are all in. It
 * writes the cache; the indexer (main.c) writes the documents. */
#ifndef REPERE_OCRQ_H
#define REPERE_OCRQ_H

#include <stddef.h>

#include "extract.h"
#include "ocrcache.h"
#include "pool.h"
#include "sync.h"

typedef struct ocrq ocrq;

/* What OCR did in a run. */
typedef struct {
    size_t read;   /* pages read by the engine */
    size_t cached; /* pages whose text came from the cache */
    size_t failed; /* pages that could not be read (this run or a cached failure) */
    long long ms;  /* CPU milliseconds of the pages read */
} ocrq_stats;

/* mode: this run's; cache: NULL when OCR is off (the mode is then treated
 * as off). max_pages: pages read at most per document; timeout_s: a page's
 * time limit. available: the engine is known to work; else it is tried
 * (ocr_available) when a first page needs it, and when it cannot read, the
 * run goes on as with OCR off. */
ocrq *ocrq_new(sync_ocr_mode mode, ocrcache *cache, int max_pages, int timeout_s, int available);
void ocrq_free(ocrq *q); /* drops the documents still waiting */

/* Takes doc (extracted from path, content hash; left empty) with the
 * caller's tag. It comes back from ocrq_ready, at once when it has no page
 * to read. Cache reads happen here: the index must be in a transaction.
 * Returns 0, or -1 with err set (a database error; doc not taken). */
int ocrq_add(ocrq *q, void *tag, const char *path, const char *hash, extract_doc *doc,
             long long now, char *err, size_t errlen);

/* The next page to read as a pool job (its strings live until the page's
 * result is given to ocrq_page_done): returns 1, or 0 when none waits.
 * ocrq_started says the job was handed out; until then the same page is
 * offered again. */
int ocrq_next(ocrq *q, pool_job *job);
void ocrq_started(ocrq *q);

/* A page job's result (res->page > 0), written to the cache. Returns 0, or
 * -1 with err set on a database error. */
int ocrq_page_done(ocrq *q, const pool_result *res, long long now, char *err, size_t errlen);

/* A document whose pages are all in: returns 1 with its tag, the document
 * with the text read (*doc, to free), what OCR left to do (*state,
 * SCHEMA_OCR_*) and, in note, what the user should know (pages not read
 * and why; empty when nothing); returns 0 when none is ready. */
int ocrq_ready(ocrq *q, void **tag, extract_doc *doc, int *state, char *note, size_t notelen);

/* Documents taken and not yet given back. */
size_t ocrq_waiting(const ocrq *q);

const ocrq_stats *ocrq_get_stats(const ocrq *q);

/* Whether the engine was tried this run (or known to work when the queue
 * was made): 1 it reads, 0 it cannot (*why says why; lives as long as q),
 * -1 no page needed it. */
int ocrq_engine_state(const ocrq *q, const char **why);

#endif
