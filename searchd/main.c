/* searchd: serves the index over HTTP (see INTERFACE.md). This file parses
 * the options, sets up signals, starts the server and waits for SIGINT or
 * SIGTERM; http.c and api.c do the serving. */
#include <errno.h>
#include <getopt.h>
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

#define SEARCHD_MAX_CORS 32
#define SEARCHD_DRAIN_MS 10000

static void usage(FILE *f)
{
    fprintf(f, "usage: searchd [--db FILE] [--listen HOST:PORT] [--threads N] [--cors ORIGIN]...\n"
               "               [--synonyms FILE] [--budget-ms MS] [--max-connections N]\n"
               "               [--max-per-ip N] [--timeout S] [--files] [--quiet]\n"
               "  --db FILE          index to serve, opened read-only (default repere.db)\n"
               "  --listen HOST:PORT address to listen on (default 127.0.0.1:8080; port 0 picks\n"
               "                     a free port; IPv6 as [::1]:8080)\n"
               "  --threads N        search worker threads (default: number of cores)\n"
               "  --cors ORIGIN      allow this web origin to call the API from a browser\n"
               "                     (repeatable; * allows any)\n"
               "  --synonyms FILE    synonyms file for query expansion\n"
               "  --budget-ms MS     time budget of one query (default 1000)\n"
               "  --max-connections N  connections at once (default 512)\n"
               "  --max-per-ip N     connections at once from one address (default 128)\n"
               "  --timeout S        idle connection timeout in seconds (default 15)\n"
               "  --files            serve documents indexed without --url-prefix at /files/ID\n"
               "                     (their url becomes files/ID); off by default\n"
               "  --quiet            no log line per request\n");
}

/* "host:port", "[v6]:port" or ":port". */
static int parse_listen(char *spec, const char **host, int *port)
{
    char *colon = strrchr(spec, ':');
    if (!colon)
        return -1;
    *colon = '\0';
    char *end;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || errno || p < 0 || p > 65535)
        return -1;
    char *h = spec;
    size_t n = strlen(h);
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
        h[n - 1] = '\0';
        h++;
    }
    *host = *h ? h : "0.0.0.0";
    *port = (int)p;
    return 0;
}

static int parse_count(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"cors", required_argument, NULL, 'c'},
        {"synonyms", required_argument, NULL, 's'},
        {"budget-ms", required_argument, NULL, 'b'},
        {"max-connections", required_argument, NULL, 'm'},
        {"max-per-ip", required_argument, NULL, 'p'},
        {"timeout", required_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},
        {"files", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = "repere.db";
    const char *synonyms = NULL;
    char listen_spec[256] = "127.0.0.1:8080";
    const char *cors[SEARCHD_MAX_CORS];
    long budget = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    http_config cfg = {.threads = cores > 0 ? (unsigned)cores : 1,
                       .io_threads = cores > 1 ? (unsigned)(cores < 4 ? cores : 4) : 1,
                       .cors = cors,
                       .timeout_s = 15,
                       .max_connections = 512,
                       .max_per_ip = 128,
                       .memory_per_conn = 32 * 1024};
    long v;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'l':
            if (strlen(optarg) >= sizeof listen_spec) {
                fprintf(stderr, "searchd: --listen: address too long\n");
                return 2;
            }
            snprintf(listen_spec, sizeof listen_spec, "%s", optarg);
            break;
        case 't':
            if (parse_count(optarg, 1, 256, &v) < 0) {
                fprintf(stderr, "searchd: --threads: expected a number from 1 to 256\n");
                return 2;
            }
            cfg.threads = (unsigned)v;
            break;
        case 'c':
            if (cfg.n_cors == SEARCHD_MAX_CORS) {
                fprintf(stderr, "searchd: --cors: at most %d origins\n", SEARCHD_MAX_CORS);
                return 2;
            }
            cors[cfg.n_cors++] = optarg;
            break;
        case 's':
            synonyms = optarg;
            break;
        case 'b':
            if (parse_count(optarg, 1, 600000, &budget) < 0) {
                fprintf(stderr, "searchd: --budget-ms: expected milliseconds (1 to 600000)\n");
                return 2;
            }
            break;
        case 'm':
            if (parse_count(optarg, 1, 100000, &v) < 0) {
                fprintf(stderr, "searchd: --max-connections: expected a number\n");
                return 2;
            }
            cfg.max_connections = (unsigned)v;
            break;
        case 'p':
            if (parse_count(optarg, 1, 100000, &v) < 0) {
                fprintf(stderr, "searchd: --max-per-ip: expected a number\n");
                return 2;
            }
            cfg.max_per_ip = (unsigned)v;
            break;
        case 'T':
            if (parse_count(optarg, 1, 3600, &v) < 0) {
                fprintf(stderr, "searchd: --timeout: expected seconds (1 to 3600)\n");
                return 2;
            }
            cfg.timeout_s = (unsigned)v;
            break;
        case 'f':
            api_serve_files(1);
            break;
        case 'q':
            cfg.quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "searchd: unexpected argument: %s\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (parse_listen(listen_spec, &cfg.host, &cfg.port) < 0) {
        fprintf(stderr, "searchd: --listen: expected HOST:PORT, e.g. 127.0.0.1:8080\n");
        return 2;
    }
    if (access(db, R_OK) != 0)
        fprintf(stderr, "searchd: warning: %s: %s; answering 503 until it can be read\n", db,
                strerror(errno));

    /* Workers inherit this mask, so only sigwait below sees the signals. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    metrics_init();
    if (ctxpool_init(db, synonyms, (int)budget) < 0) {
        fprintf(stderr, "searchd: out of memory\n");
        return 1;
    }
    char err[512];
    http_server *server = NULL;
    if (http_start(&cfg, &server, err, sizeof err) < 0) {
        fprintf(stderr, "searchd: %s\n", err);
        ctxpool_shutdown();
        return 1;
    }
    int v6 = strchr(cfg.host, ':') != NULL;
    fprintf(stderr, "searchd: listening on http://%s%s%s:%d/\n", v6 ? "[" : "", cfg.host,
            v6 ? "]" : "", http_port(server));
    fflush(stderr);

    int sig = 0;
    sigwait(&stop, &sig);
    if (!cfg.quiet)
        fprintf(stderr, "searchd: %s received, finishing requests in flight\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_stop(server, SEARCHD_DRAIN_MS);
    ctxpool_shutdown();
    return 0;
}
