/* progress: terminal progress bar of the indexer. See progress.h. */
#include "progress.h"

#include <stdio.h>
#include <time.h>

#define PROGRESS_WIDTH 30
#define PROGRESS_INTERVAL 0.1

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int enabled)
{
    p->enabled = enabled;
    p->drawn = 0;
    p->start = progress_now();
    p->last_draw = 0;
    p->base = 0;
}

void progress_start(progress *p, size_t base)
{
    p->start = progress_now();
    p->base = base;
}

static void progress_eta(double seconds, char *out, size_t len)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, len, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(out, len, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(out, len, "%lds", s);
}

void progress_update(progress *p, size_t done, size_t total, int force)
{
    if (!p->enabled)
        return;
    double now = progress_now();
    if (!force && now - p->last_draw < PROGRESS_INTERVAL)
        return;
    p->last_draw = now;
    double elapsed = now - p->start;
    size_t counted = done > p->base ? done - p->base : 0;
    double rate = elapsed > 0 ? (double)counted / elapsed : 0;
    size_t filled = total ? done * PROGRESS_WIDTH / total : PROGRESS_WIDTH;
    char bar[PROGRESS_WIDTH + 1];
    for (size_t i = 0; i < PROGRESS_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[PROGRESS_WIDTH] = '\0';
    char eta[32] = "?";
    if (rate > 0)
        progress_eta((double)(total - done) / rate, eta, sizeof eta);
    fprintf(stderr, "\r\033[K[%s] %zu/%zu files  %.1f files/s  ETA %s", bar, done, total, rate,
            eta);
    fflush(stderr);
    p->drawn = 1;
}

void progress_scanning(progress *p, size_t found)
{
    if (!p->enabled)
        return;
    double now = progress_now();
    if (now - p->last_draw < PROGRESS_INTERVAL)
        return;
    p->last_draw = now;
    fprintf(stderr, "\r\033[Kscanning: %zu files", found);
    fflush(stderr);
    p->drawn = 1;
}

void progress_clear(progress *p)
{
    if (!p->enabled || !p->drawn)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
    p->last_draw = 0;
}
