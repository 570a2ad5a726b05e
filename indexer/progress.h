/* progress: the indexer's progress bar on a terminal (files done / total,
 * rate, ETA), redrawn in place on stderr at most ten times a second. Does
 * nothing when disabled (stderr not a TTY, or --quiet). */
#ifndef REPERE_PROGRESS_H
#define REPERE_PROGRESS_H

#include <stddef.h>

typedef struct {
    int enabled;
    int drawn;    /* a line is on screen */
    double start; /* when counting began (seconds, monotonic) */
    double last_draw;
    size_t base; /* files already done when counting began */
} progress;

void progress_init(progress *p, int enabled);
/* Starts the rate clock: done counts from base on. */
void progress_start(progress *p, size_t base);
/* Redraws when enough time passed since the last redraw (or force). */
void progress_update(progress *p, size_t done, size_t total, int force);
/* Wipes the line, e.g. before printing a message or at the end. */
void progress_clear(progress *p);
/* Shows "scanning" while files are being listed. */
void progress_scanning(progress *p, size_t found);

double progress_now(void); /* monotonic seconds */

#endif
