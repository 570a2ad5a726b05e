/* walk: recursive listing of a PATH argument for the indexer, path
 * normalisation and document URLs. See walk.h. Directory symlinks below the
 * root are not followed; fifos, sockets and devices are ignored. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

char *walk_normalize(const char *path)
{
    buf b = BUF_INIT;
    int absolute = path[0] == '/';
    const char *p = path;
    if (absolute)
        buf_putc(&b, '/');
    while (*p) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0 && !(len == 1 && p[0] == '.')) {
            if (b.len > 0 && b.data[b.len - 1] != '/')
                buf_putc(&b, '/');
            buf_append(&b, p, len);
        }
        p += len;
    }
    if (b.len == 0)
        buf_putc(&b, '.');
    return buf_detach(&b);
}

int walk_is_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, ".") == 0)
        return path[0] != '/' && strcmp(path, "..") != 0 && strncmp(path, "../", 3) != 0;
    if (strcmp(root, "/") == 0)
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

char *walk_url(const char *prefix, const char *rel, const char *path)
{
    buf b = BUF_INIT;
    if (prefix) {
        size_t n = strlen(prefix);
        while (n > 0 && prefix[n - 1] == '/')
            n--;
        char *escaped = g_uri_escape_string(rel, "/", FALSE);
        buf_append(&b, prefix, n);
        buf_putc(&b, '/');
        buf_puts(&b, escaped);
        g_free(escaped);
        return buf_detach(&b);
    }
    char *cwd = g_get_current_dir();
    char *absolute = g_canonicalize_filename(path, cwd);
    char *escaped = g_uri_escape_string(absolute, "/", FALSE);
    buf_puts(&b, "file://");
    buf_puts(&b, escaped);
    g_free(escaped);
    g_free(absolute);
    g_free(cwd);
    return buf_detach(&b);
}

typedef struct {
    walk_file_fn fn;
    walk_error_fn err;
    void *ctx;
    size_t rel_offset; /* where the relative part starts in a child's path */
} walk_state;

static int walk_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the names of directory path (hidden ones left out), sorted. */
static int walk_list(const char *path, char ***names, size_t *count)
{
    DIR *dir = opendir(path);
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    if (!dir)
        return -1;
    errno = 0;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nv = realloc(v, cap * sizeof *v);
            if (!nv)
                abort();
            v = nv;
        }
        v[n] = strdup(de->d_name);
        if (!v[n])
            abort();
        n++;
    }
    int saved = errno;
    closedir(dir);
    if (saved != 0) {
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        errno = saved;
        return -1;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, walk_name_cmp);
    *names = v;
    *count = n;
    return 0;
}

static int walk_dir(walk_state *ws, const char *dirpath);

/* Examines one entry: file -> callback, directory -> recursion. */
static int walk_entry(walk_state *ws, const char *path, const char *name, int follow)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (ws->err)
            ws->err(ws->ctx, path, errno);
        return 0;
    }
    if (S_ISLNK(st.st_mode)) {
        struct stat target;
        if (stat(path, &target) != 0) {
            if (ws->err)
                ws->err(ws->ctx, path, errno);
            return 0;
        }
        if (S_ISDIR(target.st_mode) && !follow)
            return 0;
        st = target;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(ws, path);
    if (!S_ISREG(st.st_mode))
        return 0;
    walk_file f = {
        .path = path,
        .rel = path + ws->rel_offset,
        .name = name,
        .st = &st,
    };
    return ws->fn(ws->ctx, &f);
}

static int walk_dir(walk_state *ws, const char *dirpath)
{
    char **names = NULL;
    size_t n = 0;
    int result = 0;
    if (walk_list(dirpath, &names, &n) != 0) {
        if (ws->err)
            ws->err(ws->ctx, dirpath, errno);
        return 0;
    }
    int dot = strcmp(dirpath, ".") == 0;
    int slash = strcmp(dirpath, "/") == 0;
    buf child = BUF_INIT;
    for (size_t i = 0; i < n && result == 0; i++) {
        buf_clear(&child);
        if (!dot) {
            buf_puts(&child, dirpath);
            if (!slash)
                buf_putc(&child, '/');
        }
        buf_puts(&child, names[i]);
        result = walk_entry(ws, child.data, names[i], 0);
    }
    buf_free(&child);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return result;
}

int walk_tree(const char *root, walk_file_fn fn, walk_error_fn err, void *ctx)
{
    char *norm = walk_normalize(root);
    walk_state ws = {.fn = fn, .err = err, .ctx = ctx};
    struct stat st;
    int result;
    if (stat(norm, &st) != 0) {
        if (err)
            err(ctx, norm, errno);
        free(norm);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (strcmp(norm, ".") == 0)
            ws.rel_offset = 0;
        else if (strcmp(norm, "/") == 0)
            ws.rel_offset = 1;
        else
            ws.rel_offset = strlen(norm) + 1;
        result = walk_dir(&ws, norm);
    } else {
        const char *slash = strrchr(norm, '/');
        const char *name = slash ? slash + 1 : norm;
        ws.rel_offset = (size_t)(name - norm);
        result = walk_entry(&ws, norm, name, 1);
    }
    free(norm);
    return result;
}
