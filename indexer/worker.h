/* worker: the extraction worker process, bin/indexer started by the pool
 * (pool.c) in a hidden mode. It applies its limits to itself, then for each
 * job read from its job pipe reads the file, hashes it (SHA-256), extracts
 * it unless the hash is the one already indexed (or renders one of its PDF
 * pages and reads it by OCR), and writes the result on its result pipe
 * (messages of wire.h). It never touches the index. */
#ifndef REPERE_WORKER_H
#define REPERE_WORKER_H

/* argv[1] that starts bin/indexer as a worker; argv[2] is the pid of the
 * indexer that started it. */
#define WORKER_ARG "--extraction-worker"
/* The worker's descriptors besides stdin, stdout (/dev/null) and stderr.
 * WORKER_EXE_FD is the indexer's own executable, which the worker is
 * started from (/proc/self/fd/5): the very file the indexer runs, even if
 * bin/indexer was replaced since; the worker closes it. */
#define WORKER_JOB_FD 3
#define WORKER_RESULT_FD 4
#define WORKER_EXE_FD 5

/* Runs the worker until its job pipe closes; returns the exit status. */
int worker_main(const char *parent_pid);

#endif
