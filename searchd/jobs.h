/* jobs: a fixed set of worker threads taking functions to run from one
 * queue, first come first served. searchd runs its searches there, so any
 * idle worker takes the next query whichever connection it came from. */
#ifndef SEARCHD_JOBS_H
#define SEARCHD_JOBS_H

typedef struct jobs jobs;
typedef void (*jobs_fn)(void *arg);

/* One queued call. The caller owns it (embedded in its own job, so queuing
 * never allocates) and must keep it alive until fn has run. */
typedef struct jobs_item {
    jobs_fn fn;
    void *arg;
    struct jobs_item *next;
} jobs_item;

/* Starts n workers. Returns NULL when out of memory or threads. */
jobs *jobs_start(unsigned n);

/* Queues item->fn(item->arg). Returns 0, or -1 once jobs_stop has begun
 * (then nothing is queued and the caller runs it itself). */
int jobs_submit(jobs *j, jobs_item *item);

/* Runs what is queued, then stops and joins the workers. j stays valid, so
 * a late jobs_submit from a thread that has not seen the stop is refused
 * rather than touching freed memory; jobs_free releases it afterwards. */
void jobs_stop(jobs *j);

/* Frees j once no thread can call jobs_submit any more (after jobs_stop). */
void jobs_free(jobs *j);

#endif
