/* searchd: serves the index over HTTP (see INTERFACE.md). This file reads
 * the settings (settings.c), sets up signals, starts the server and waits
 * for SIGINT or SIGTERM; http.c and api.c do the serving. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "ctxpool.h"
#include "http.h"
#include "metrics.h"
#include "search.h"
#include "settings.h"

/* How long a stop waits for the requests in flight. */
#define SEARCHD_DRAIN_MS 10000

static void searchd_usage(FILE *f)
{
    buf b = BUF_INIT;
    settings_usage(&b);
    fputs(b.data, f);
    buf_free(&b);
}

int main(int argc, char **argv)
{
    settings s;
    char err[512];
    switch (settings_parse(argc, argv, &s, err, sizeof err)) {
    case SETTINGS_OK:
        break;
    case SETTINGS_HELP:
        searchd_usage(stdout);
        return 0;
    case SETTINGS_EBADOPT:
        fprintf(stderr, "searchd: %s\n", err);
        searchd_usage(stderr);
        return 2;
    default:
        fprintf(stderr, "searchd: %s\n", err);
        return 2;
    }
    const http_config *cfg = &s.http;
    if (access(s.db, R_OK) != 0)
        fprintf(stderr, "searchd: warning: %s: %s; answering 503 until it can be read\n", s.db,
                strerror(errno));
    api_serve_files(s.files);

    /* Workers inherit this mask, so only sigwait below sees the signals. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    search_process_init(); /* before SQLite's first use */
    metrics_init();
    if (ctxpool_init(s.db, s.synonyms, s.budget_ms) < 0) {
        fprintf(stderr, "searchd: out of memory\n");
        return 1;
    }
    http_server *server = NULL;
    if (http_start(cfg, &server, err, sizeof err) < 0) {
        fprintf(stderr, "searchd: %s\n", err);
        ctxpool_shutdown();
        return 1;
    }
    int v6 = strchr(cfg->host, ':') != NULL;
    fprintf(stderr, "searchd: listening on http://%s%s%s:%d/\n", v6 ? "[" : "", cfg->host,
            v6 ? "]" : "", http_port(server));
    fflush(stderr);

    int sig = 0;
    sigwait(&stop, &sig);
    if (!cfg->quiet)
        fprintf(stderr, "searchd: %s received, finishing requests in flight\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_stop(server, SEARCHD_DRAIN_MS);
    ctxpool_shutdown();
    return 0;
}
