/* judged: the judgment-file reader, class registry, path test and TAP
 * lines shared by the relevance and pages scorers (judged.h). Knows no
 * line format beyond tab-separated fields: what a field means, and what a
 * short line does, is each tool's. */
#include "judged.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void judged_die(const char *what, const char *why)
{
    printf("not ok 1 - %s: %s\n", what, why);
    exit(1);
}

char *judged_strdup(const char *s)
{
    return buf_xstrndup(s, strlen(s));
}

size_t judged_class_of(judged_classes *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->name[i], name) == 0)
            return i;
    c->name = buf_xrealloc(c->name, (c->n + 1) * sizeof *c->name);
    c->name[c->n] = judged_strdup(name);
    return c->n++;
}

void judged_classes_free(judged_classes *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->name[i]);
    free(c->name);
    c->name = NULL;
    c->n = 0;
}

int judged_same_path(const char *judged, const char *doc)
{
    size_t lj = strlen(judged), ld = strlen(doc);
    if (lj == ld)
        return strcmp(judged, doc) == 0;
    const char *longer = lj > ld ? judged : doc, *shorter = lj > ld ? doc : judged;
    size_t ll = lj > ld ? lj : ld, ls = lj > ld ? ld : lj;
    return strcmp(longer + ll - ls, shorter) == 0 && longer[ll - ls - 1] == '/';
}

/* Splits line at its first nfield - 1 tabs when it has that many. */
static size_t judged_split(char *line, size_t nfield, char **field)
{
    size_t n = 1;
    field[0] = line;
    for (char *t = line; n < nfield && (t = strchr(t, '\t')) != NULL;)
        field[n++] = ++t;
    if (n < nfield)
        return n;
    for (size_t i = 1; i < n; i++)
        field[i][-1] = 0;
    return n;
}

void judged_read(const char *file, const char *default_cls, size_t nfield, judged_line_fn fn,
                 void *ctx)
{
    FILE *f = fopen(file, "r");
    char *line = NULL, *cls = judged_strdup(default_cls);
    char *field[JUDGED_MAX_FIELDS];
    size_t cap = 0;
    if (!f)
        judged_die("read the judgments", file);
    if (nfield < 1 || nfield > JUDGED_MAX_FIELDS)
        abort();
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\r\n")] = 0;
        /* "#@class" alone is a class line too: it dies for its missing name
         * rather than pass for a comment */
        if (strncmp(line, "#@class", 7) == 0 && (line[7] == ' ' || line[7] == '\t' || !line[7])) {
            char name[64];
            if (sscanf(line + 7, "%63s", name) != 1)
                judged_die("read a #@class line (no class name)", line);
            free(cls);
            cls = judged_strdup(name);
            continue;
        }
        if (!line[0] || line[0] == '#')
            continue;
        size_t n = judged_split(line, nfield, field);
        fn(ctx, cls, field, n);
    }
    free(cls);
    free(line);
    fclose(f);
}

void judged_check(judged_tap *tap, int ok, const char *fmt, ...)
{
    va_list ap;
    tap->failed += !ok;
    printf("%s %zu - ", ok ? "ok" : "not ok", ++tap->n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}
