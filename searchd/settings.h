/* settings: searchd's options, each default and bound named once, and the
 * one parser from the command line (and the usage text built from the same
 * names). Knows nothing of serving: main() hands the result to http.c,
 * ctxpool.c and api.c. Prints nothing. */
#ifndef SEARCHD_SETTINGS_H
#define SEARCHD_SETTINGS_H

#include <stddef.h>

#include "buf.h"
#include "http.h"

#define SETTINGS_DB "repere.db"
#define SETTINGS_LISTEN "127.0.0.1:8080"
#define SETTINGS_MAX_CORS 32            /* --cors given at most this often */
#define SETTINGS_IO_THREADS 4           /* libmicrohttpd's pool: cores, at most this */
#define SETTINGS_TIMEOUT_S 15           /* idle connection timeout */
#define SETTINGS_MAX_CONNECTIONS 512    /* all clients together */
#define SETTINGS_MAX_PER_IP 128         /* one client address */
#define SETTINGS_MEMORY_PER_CONN 32768  /* bytes of request line and headers */
#define SETTINGS_THREADS_TOP 256        /* --threads 1..this */
#define SETTINGS_BUDGET_MS_TOP 600000   /* --budget-ms 1..this */
#define SETTINGS_CONNECTIONS_TOP 100000 /* --max-connections, --max-per-ip 1..this */
#define SETTINGS_TIMEOUT_S_TOP 3600     /* --timeout 1..this */

/* What the options say. http's strings (host, cors) point into this
 * struct: use it where settings_parse filled it, do not copy it. */
typedef struct {
    const char *db;       /* an argv string or SETTINGS_DB */
    const char *synonyms; /* an argv string or NULL (no synonyms) */
    int budget_ms;        /* 0: the engine's default, SEARCH_DEFAULT_BUDGET_MS */
    int files;            /* --files: serve indexed local files at /files/ID */
    http_config http;     /* threads default to the number of cores */
    char host[256];
    const char *cors[SETTINGS_MAX_CORS];
} settings;

enum {
    SETTINGS_OK = 0,
    SETTINGS_HELP = 1,       /* --help: show the usage, exit 0 */
    SETTINGS_EBADOPT = -1,   /* unknown option, missing value, extra argument */
    SETTINGS_EBADVALUE = -2, /* an option's value out of bounds or malformed */
};

/* Fills s from argv (argv[0] is the program). Returns SETTINGS_OK,
 * SETTINGS_HELP, or an error with err saying which option and what it
 * expects. Uses getopt_long, so argv may be permuted; callable again. */
int settings_parse(int argc, char **argv, settings *s, char *err, size_t errlen);

/* Appends the usage text, with the defaults, to out. */
void settings_usage(buf *out);

#endif
