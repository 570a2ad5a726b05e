/* ctxpool: one search_ctx per worker thread. A context is opened on the
 * thread's first request and kept; it is never shared between threads. All of
 * them are closed by ctxpool_shutdown once the worker threads have ended. */
#ifndef SEARCHD_CTXPOOL_H
#define SEARCHD_CTXPOOL_H

#include <stddef.h>

#include "search.h"

/* Remembers how to open contexts (strings are copied). budget_ms: see
 * search_open. */
int ctxpool_init(const char *db_path, const char *synonyms_path, int budget_ms);

/* The calling thread's context, opened when needed. NULL when the index
 * cannot be opened, with the reason in err. */
search_ctx *ctxpool_get(char *err, size_t errlen);

/* Closes the calling thread's context after SEARCH_EUNAVAILABLE, so the next
 * request reopens the index (it may have been replaced or created since). */
void ctxpool_discard(void);

/* Closes every context. Call only when no worker thread runs any more. */
void ctxpool_shutdown(void);

#endif
