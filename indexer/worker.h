/* worker: runs each extraction in a child process the indexer can lose
 * without harm. The child reads the file, hashes it (SHA-256), extracts it
 * unless the hash is the one already indexed, and sends the result back
 * through a pipe; it runs under CPU-time and address-space limits and a
 * wall-clock deadline the parent enforces. Does not touch the index. */
#ifndef REPERE_WORKER_H
#define REPERE_WORKER_H

#include <stddef.h>

#include "extract.h"
#include "store.h"

typedef struct {
    int timeout_s;        /* CPU and wall-clock limit per file */
    size_t max_memory_mb; /* address-space limit of a child; 0: none */
    size_t max_bytes;     /* larger files fail without being read whole */
} worker_limits;

typedef struct {
    const char *path;
    extract_format format;
    const char *old_hash; /* hash of the indexed version, or NULL */
    void *tag;            /* the caller's, given back with the result */
} worker_job;

typedef enum {
    WORKER_SAME,   /* content hash equals old_hash: nothing extracted */
    WORKER_DOC,    /* doc holds the extracted document */
    WORKER_FAILED, /* reason says why, in plain words */
} worker_outcome;

typedef struct {
    worker_outcome outcome;
    void *tag;
    char hash[STORE_HASH_LEN];
    extract_doc doc; /* owned by the result: extract_doc_free it */
    char reason[512];
} worker_result;

typedef struct worker_pool worker_pool;

/* A pool of at most jobs children at once. */
worker_pool *worker_pool_new(int jobs, const worker_limits *limits);
void worker_pool_free(worker_pool *pool); /* kills what still runs */

int worker_pool_free_slots(const worker_pool *pool);
int worker_pool_running(const worker_pool *pool);

/* Forks a child for job. Returns 0, or -1 with err set (fork failed). */
int worker_pool_start(worker_pool *pool, const worker_job *job, char *err, size_t errlen);

/* Waits at most timeout_ms for children's output, for wake_fd (when >= 0)
 * to become readable, or for a deadline; kills children past theirs. */
void worker_pool_poll(worker_pool *pool, int wake_fd, int timeout_ms);

/* Takes a finished child's result: returns 1 and fills *res, or 0. */
int worker_pool_take(worker_pool *pool, worker_result *res);

/* Kills every running child and waits for them; their jobs are dropped. */
void worker_pool_kill_all(worker_pool *pool);

#endif
