/* settings: parsing of searchd's command line; see settings.h. getopt_long
 * reads the options with its own messages turned off, so that every
 * complaint comes back through err in the same words. */
#include "settings.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search.h"

static const struct option settings_options[] = {
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

void settings_usage(buf *out)
{
    buf_printf(out,
               "usage: searchd [--db FILE] [--listen HOST:PORT] [--threads N] [--cors ORIGIN]...\n"
               "               [--synonyms FILE] [--budget-ms MS] [--max-connections N]\n"
               "               [--max-per-ip N] [--timeout S] [--files] [--quiet]\n"
               "  --db FILE          index to serve, opened read-only (default %s)\n"
               "  --listen HOST:PORT address to listen on (default %s; port 0 picks\n"
               "                     a free port; IPv6 as [::1]:8080)\n"
               "  --threads N        search worker threads (default: number of cores)\n"
               "  --cors ORIGIN      allow this web origin to call the API from a browser\n"
               "                     (repeatable, at most %d; * allows any)\n"
               "  --synonyms FILE    synonyms file for query expansion\n"
               "  --budget-ms MS     time budget of one query (default %d)\n"
               "  --max-connections N  connections at once (default %d)\n"
               "  --max-per-ip N     connections at once from one address (default %d)\n"
               "  --timeout S        idle connection timeout in seconds (default %d)\n"
               "  --files            serve documents indexed without --url-prefix at /files/ID\n"
               "                     (their url becomes files/ID); off by default\n"
               "  --quiet            no log line per request\n",
               SETTINGS_DB, SETTINGS_LISTEN, SETTINGS_MAX_CORS, SEARCH_DEFAULT_BUDGET_MS,
               SETTINGS_MAX_CONNECTIONS, SETTINGS_MAX_PER_IP, SETTINGS_TIMEOUT_S);
}

static void settings_defaults(settings *s)
{
    memset(s, 0, sizeof *s);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1)
        cores = 1;
    s->db = SETTINGS_DB;
    s->http.threads = (unsigned)cores;
    s->http.io_threads = (unsigned)(cores < SETTINGS_IO_THREADS ? cores : SETTINGS_IO_THREADS);
    s->http.cors = s->cors;
    s->http.timeout_s = SETTINGS_TIMEOUT_S;
    s->http.max_connections = SETTINGS_MAX_CONNECTIONS;
    s->http.max_per_ip = SETTINGS_MAX_PER_IP;
    s->http.memory_per_conn = SETTINGS_MEMORY_PER_CONN;
}

/* A whole number in [1, top] for option name ("expected seconds from 1 to
 * 3600"); unit says what it counts. */
static int settings_number(const char *name, const char *arg, long top, const char *unit, long *out,
                           char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || errno || v < 1 || v > top) {
        snprintf(err, errlen, "--%s: expected %s from 1 to %ld", name, unit, top);
        return SETTINGS_EBADVALUE;
    }
    *out = v;
    return SETTINGS_OK;
}

/* "host:port", "[v6]:port" or ":port" (any address) into s. */
static int settings_listen(settings *s, const char *spec, char *err, size_t errlen)
{
    const char *colon = strrchr(spec, ':');
    char *end;
    long port = 0;
    size_t n = colon ? (size_t)(colon - spec) : 0;
    if (colon && colon[1] != '\0') {
        errno = 0;
        port = strtol(colon + 1, &end, 10);
    }
    if (!colon || colon[1] == '\0' || *end || errno || port < 0 || port > 65535 ||
        n >= sizeof s->host) {
        snprintf(err, errlen, "--listen: expected HOST:PORT, e.g. %s", SETTINGS_LISTEN);
        return SETTINGS_EBADVALUE;
    }
    if (n >= 2 && spec[0] == '[' && spec[n - 1] == ']') {
        spec++;
        n -= 2;
    }
    memcpy(s->host, spec, n);
    s->host[n] = '\0';
    if (n == 0)
        snprintf(s->host, sizeof s->host, "0.0.0.0");
    s->http.host = s->host;
    s->http.port = (int)port;
    return SETTINGS_OK;
}

int settings_parse(int argc, char **argv, settings *s, char *err, size_t errlen)
{
    settings_defaults(s);
    const char *listen = SETTINGS_LISTEN;
    long v = 0;
    int c, rc = SETTINGS_OK;
    opterr = 0;
    optind = 0; /* GNU getopt: start afresh, also on a second call */
    while (rc == SETTINGS_OK && (c = getopt_long(argc, argv, ":", settings_options, NULL)) != -1) {
        switch (c) {
        case 'd':
            s->db = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 't':
            rc = settings_number("threads", optarg, SETTINGS_THREADS_TOP, "a number", &v, err,
                                 errlen);
            s->http.threads = (unsigned)v;
            break;
        case 'c':
            if (s->http.n_cors == SETTINGS_MAX_CORS) {
                snprintf(err, errlen, "--cors: at most %d origins", SETTINGS_MAX_CORS);
                rc = SETTINGS_EBADVALUE;
                break;
            }
            s->cors[s->http.n_cors++] = optarg;
            break;
        case 's':
            s->synonyms = optarg;
            break;
        case 'b':
            rc = settings_number("budget-ms", optarg, SETTINGS_BUDGET_MS_TOP, "milliseconds", &v,
                                 err, errlen);
            s->budget_ms = (int)v;
            break;
        case 'm':
            rc = settings_number("max-connections", optarg, SETTINGS_CONNECTIONS_TOP, "a number",
                                 &v, err, errlen);
            s->http.max_connections = (unsigned)v;
            break;
        case 'p':
            rc = settings_number("max-per-ip", optarg, SETTINGS_CONNECTIONS_TOP, "a number", &v,
                                 err, errlen);
            s->http.max_per_ip = (unsigned)v;
            break;
        case 'T':
            rc = settings_number("timeout", optarg, SETTINGS_TIMEOUT_S_TOP, "seconds", &v, err,
                                 errlen);
            s->http.timeout_s = (unsigned)v;
            break;
        case 'f':
            s->files = 1;
            break;
        case 'q':
            s->http.quiet = 1;
            break;
        case 'h':
            return SETTINGS_HELP;
        case ':':
            snprintf(err, errlen, "%s: expected a value", argv[optind - 1]);
            return SETTINGS_EBADOPT;
        default:
            if (optopt)
                snprintf(err, errlen, "unknown option: -%c", optopt);
            else
                snprintf(err, errlen, "unknown option: %s", argv[optind - 1]);
            return SETTINGS_EBADOPT;
        }
    }
    if (rc != SETTINGS_OK)
        return rc;
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument: %s", argv[optind]);
        return SETTINGS_EBADOPT;
    }
    return settings_listen(s, listen, err, errlen);
}
