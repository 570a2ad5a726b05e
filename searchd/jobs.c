/* jobs: a mutex and condition variable over a singly linked FIFO. Workers
 * sleep on the condition; jobs_stop wakes them all and each leaves once the
 * queue is empty; jobs_free frees the queue after the last submitter. */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>

struct jobs {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    jobs_item *head, *tail;
    int stopping;
    unsigned n;
    pthread_t *threads;
};

static void *jobs_worker(void *arg)
{
    jobs *j = arg;
    pthread_mutex_lock(&j->lock);
    for (;;) {
        while (!j->head && !j->stopping)
            pthread_cond_wait(&j->ready, &j->lock);
        jobs_item *it = j->head;
        if (!it)
            break;
        j->head = it->next;
        if (!j->head)
            j->tail = NULL;
        pthread_mutex_unlock(&j->lock);
        it->fn(it->arg);
        pthread_mutex_lock(&j->lock);
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

jobs *jobs_start(unsigned n)
{
    jobs *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->threads = calloc(n, sizeof *j->threads);
    if (!j->threads) {
        free(j);
        return NULL;
    }
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->ready, NULL);
    for (; j->n < n; j->n++) {
        if (pthread_create(&j->threads[j->n], NULL, jobs_worker, j) != 0) {
            jobs_stop(j);
            jobs_free(j);
            return NULL;
        }
    }
    return j;
}

int jobs_submit(jobs *j, jobs_item *it)
{
    it->next = NULL;
    pthread_mutex_lock(&j->lock);
    if (j->stopping) {
        pthread_mutex_unlock(&j->lock);
        return -1;
    }
    if (j->tail)
        j->tail->next = it;
    else
        j->head = it;
    j->tail = it;
    pthread_cond_signal(&j->ready);
    pthread_mutex_unlock(&j->lock);
    return 0;
}

void jobs_stop(jobs *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->lock);
    int joined = j->stopping;
    j->stopping = 1;
    pthread_cond_broadcast(&j->ready);
    pthread_mutex_unlock(&j->lock);
    if (joined)
        return;
    for (unsigned i = 0; i < j->n; i++)
        pthread_join(j->threads[i], NULL);
}

void jobs_free(jobs *j)
{
    if (!j)
        return;
    pthread_mutex_destroy(&j->lock);
    pthread_cond_destroy(&j->ready);
    free(j->threads);
    free(j);
}
