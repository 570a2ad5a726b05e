/* ctxpool: per-thread search contexts. The thread-local pointer gives each
 * worker its own context without locking on the request path; a registry
 * under a mutex (touched only on open and close) lets the main thread close
 * them all at exit, since libmicrohttpd's threads have no exit hook. */
#include "ctxpool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctxpool_entry {
    search_ctx *ctx;
    struct ctxpool_entry *next;
} ctxpool_entry;

static char *ctxpool_db;
static char *ctxpool_synonyms;
static int ctxpool_budget;
static pthread_mutex_t ctxpool_lock = PTHREAD_MUTEX_INITIALIZER;
static ctxpool_entry *ctxpool_all;
static _Thread_local ctxpool_entry *ctxpool_mine;

int ctxpool_init(const char *db_path, const char *synonyms_path, int budget_ms)
{
    ctxpool_db = strdup(db_path);
    ctxpool_synonyms = synonyms_path ? strdup(synonyms_path) : NULL;
    ctxpool_budget = budget_ms;
    if (!ctxpool_db || (synonyms_path && !ctxpool_synonyms))
        return -1;
    return 0;
}

search_ctx *ctxpool_get(char *err, size_t errlen)
{
    if (ctxpool_mine)
        return ctxpool_mine->ctx;
    search_ctx *ctx = NULL;
    if (search_open(ctxpool_db, ctxpool_synonyms, ctxpool_budget, &ctx, err, errlen) != SEARCH_OK) {
        if (ctx)
            search_close(ctx);
        return NULL;
    }
    ctxpool_entry *e = malloc(sizeof *e);
    if (!e) {
        search_close(ctx);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->ctx = ctx;
    pthread_mutex_lock(&ctxpool_lock);
    e->next = ctxpool_all;
    ctxpool_all = e;
    pthread_mutex_unlock(&ctxpool_lock);
    ctxpool_mine = e;
    return ctx;
}

void ctxpool_discard(void)
{
    ctxpool_entry *e = ctxpool_mine;
    if (!e)
        return;
    ctxpool_mine = NULL;
    pthread_mutex_lock(&ctxpool_lock);
    for (ctxpool_entry **p = &ctxpool_all; *p; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    pthread_mutex_unlock(&ctxpool_lock);
    search_close(e->ctx);
    free(e);
}

void ctxpool_shutdown(void)
{
    pthread_mutex_lock(&ctxpool_lock);
    ctxpool_entry *e = ctxpool_all;
    ctxpool_all = NULL;
    pthread_mutex_unlock(&ctxpool_lock);
    while (e) {
        ctxpool_entry *next = e->next;
        search_close(e->ctx);
        free(e);
        e = next;
    }
    ctxpool_mine = NULL;
    free(ctxpool_db);
    free(ctxpool_synonyms);
    ctxpool_db = ctxpool_synonyms = NULL;
}
