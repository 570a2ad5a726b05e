/* pool: the indexer's extraction workers (worker.c), each a process that
 * handles many files in turn, started, killed and replaced here. Does not
 * touch the index. */
#ifndef REPERE_POOL_H
#define REPERE_POOL_H

#include <stddef.h>

#include "extract.h"
#include "store.h"

/* A worker is started by re-running bin/indexer in worker mode
 * (posix_spawn: no copy of the indexer's memory), is killed past a file's
 * wall-clock deadline, and is replaced after a crash, a hang, memory
 * exhaustion or a number of files. A file whose worker died is tried once
 * more in a fresh worker when the dead one had handled other files before,
 * so that no file fails for what an earlier one left behind. */

typedef struct {
    int timeout_s;        /* CPU and wall-clock limit per file */
    size_t max_memory_mb; /* address-space limit of a worker; 0: none */
    size_t max_bytes;     /* larger files fail without being read whole */
    size_t max_words;     /* documents with more distinct words fail (wordcount.h); 0: none */
    int files_per_worker; /* a worker is replaced after this many files */
} pool_limits;

/* A file to extract, or (page > 0) one page of a PDF to read by OCR. */
typedef struct {
    const char *path;
    extract_format format;
    /* hash of the indexed version, or NULL; for a page, the hash of the
     * content whose page is wanted */
    const char *old_hash;
    int page;      /* 0: the file; else the 1-based page to read by OCR */
    int timeout_s; /* a page's CPU and wall-clock limit (a file has the pool's) */
    void *tag;     /* the caller's, given back with the result */
} pool_job;

typedef enum {
    POOL_SAME,   /* content hash equals old_hash: nothing extracted */
    POOL_DOC,    /* doc holds the extracted document */
    POOL_TEXT,   /* a page read by OCR: doc holds one chunk, its text */
    POOL_FAILED, /* reason says why, in plain words */
} pool_outcome;

typedef struct {
    pool_outcome outcome;
    void *tag;
    char hash[STORE_HASH_LEN];
    extract_doc doc; /* owned by the result: extract_doc_free it */
    int page;        /* the job's page (0: a file job) */
    int ms;          /* POOL_TEXT: CPU milliseconds the page took */
    char reason[512];
} pool_result;

typedef struct pool pool;

/* A pool of at most workers processes; none is started before a job. */
pool *pool_new(int workers, const pool_limits *limits);
void pool_free(pool *p); /* kills the workers */

int pool_idle(const pool *p); /* jobs pool_start can take now */
int pool_busy(const pool *p); /* jobs in progress */

/* Hands job to a worker (started if needed); the job's strings are copied.
 * Returns 0, or -1 with err set (no worker could be started). */
int pool_start(pool *p, const pool_job *job, char *err, size_t errlen);

/* Waits at most timeout_ms for workers' output, for wake_fd (when >= 0)
 * to become readable, or for a deadline; kills workers past theirs. */
void pool_poll(pool *p, int wake_fd, int timeout_ms);

/* Takes a finished job's result: returns 1 and fills *res, or 0. */
int pool_take(pool *p, pool_result *res);

/* Kills every worker and waits for them; jobs in progress are dropped. */
void pool_kill_all(pool *p);

#endif
