/* links: resolution of a web page's link targets to paths of its tree
 * (see links.h). A path, not a URL: the result is compared with the paths
 * the indexer walked, so it is decoded and normalised as a file name. */
#include "links.h"

#include "buf.h"
#include "text.h"

#include <ctype.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* href without its leading and trailing blanks and the tabs and line
 * breaks inside it (a browser drops them), cut at '#' or '?'. */
static char *links_clean(const char *href)
{
    buf b = BUF_INIT;
    const char *s = href, *end = href + strlen(href);
    while (s < end && (unsigned char)*s <= ' ')
        s++;
    while (end > s && (unsigned char)end[-1] <= ' ')
        end--;
    while (s < end && *s != '#' && *s != '?') {
        size_t n = 0;
        while (s + n < end && !strchr("#?\t\n\r", s[n]))
            n++;
        buf_append(&b, s, n);
        s += n;
        if (s < end && (*s == '\t' || *s == '\n' || *s == '\r'))
            s++;
    }
    return buf_detach(&b);
}

/* Length of the scheme of s ("http" in "http://…"), 0 when it has none. */
static size_t links_scheme(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
        n++;
    return s[n] == ':' ? n : 0;
}

/* %XX decoded in place; -1 when that gives a NUL, tab or line break. */
static int links_decode(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        int hi, lo;
        if (*r == '%' && (hi = g_ascii_xdigit_value(r[1])) >= 0 &&
            (lo = g_ascii_xdigit_value(r[2])) >= 0) {
            char c = (char)(hi * 16 + lo);
            if (c == '\0' || c == '\t' || c == '\n' || c == '\r')
                return -1;
            *w++ = c;
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return 0;
}

/* The path part of a reference: for "file:" URLs the path after an empty
 * or localhost host; NULL for any other scheme or a network path. Points
 * into s. */
static const char *links_path_of(const char *s)
{
    size_t n = links_scheme(s);
    if (n) {
        if (n != 4 || strncasecmp(s, "file", 4) != 0)
            return NULL;
        s += 5;
        if (s[0] == '/' && s[1] == '/') {
            const char *host = s + 2, *slash = strchr(host, '/');
            size_t hl = slash ? (size_t)(slash - host) : strlen(host);
            if (hl != 0 && !(hl == 9 && strncasecmp(host, "localhost", 9) == 0))
                return NULL;
            return slash ? slash : "/";
        }
        return s;
    }
    if (s[0] == '/' && s[1] == '/')
        return NULL;
    return s;
}

/* dir (a directory, "" for the current one, without its last '/') joined
 * with rel, then "." and ".." resolved: ".." above an absolute path's root
 * stays at the root, above a relative one is kept (as Python's normpath). */
static char *links_join(const char *dir, const char *rel)
{
    buf in = BUF_INIT, out = BUF_INIT;
    if (rel[0] != '/' && dir[0]) {
        buf_puts(&in, dir);
        buf_putc(&in, '/');
    }
    buf_puts(&in, rel);
    const char *s = in.data ? in.data : "";
    int absolute = s[0] == '/';
    size_t kept = 0; /* segments of out that ".." may take back */
    for (const char *p = s; *p;) {
        while (*p == '/')
            p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* the directory itself */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (kept > 0) {
                char *slash = out.len ? memrchr(out.data, '/', out.len) : NULL;
                out.len = slash ? (size_t)(slash - out.data) : 0;
                kept--;
            } else if (!absolute) {
                buf_puts(&out, out.len ? "/.." : "..");
            }
        } else {
            if (out.len || absolute)
                buf_putc(&out, '/');
            buf_append(&out, p, n);
            kept++;
        }
        p += n;
    }
    if (absolute && out.len == 0)
        buf_putc(&out, '/');
    buf_free(&in);
    if (!out.data)
        return buf_xstrndup(".", 1);
    out.data[out.len] = '\0';
    return buf_detach(&out);
}

/* The directory of path (what is before its last '/'), "" for none. */
static char *links_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return buf_xstrndup("", 0);
    if (slash == path)
        return buf_xstrndup("/", 1);
    return buf_xstrndup(path, (size_t)(slash - path));
}

/* The directory references resolve against: the page's, or its <base>'s
 * (resolved against the page's); NULL when the base is out of the tree. */
static char *links_base_dir(const char *page, const char *base)
{
    char *page_dir = links_dir(page);
    if (!base)
        return page_dir;
    char *clean = links_clean(base);
    const char *path = links_path_of(clean);
    char *dir = NULL;
    if (path && links_decode(clean + (path - clean)) == 0) {
        if (!path[0]) {
            dir = page_dir;
            page_dir = NULL;
        } else {
            /* Only what is before the base's last '/' counts: « sub/ » names
             * the directory sub, « sub » the page's own. */
            char *bdir = links_dir(path);
            dir = strchr(path, '/') ? links_join(page_dir, bdir) : page_dir;
            if (dir == page_dir)
                page_dir = NULL;
            free(bdir);
        }
    }
    free(clean);
    free(page_dir);
    return dir;
}

char *links_resolve(const char *page, const char *base, const char *href)
{
    char *clean = links_clean(href), *dir = NULL, *out = NULL;
    const char *path = links_path_of(clean);
    if (!path || !path[0] || links_decode(clean + (path - clean)) != 0)
        goto done;
    /* A file: URL is absolute whatever the base. */
    if (path != clean)
        out = links_join("", path);
    else if ((dir = links_base_dir(page, base)) != NULL)
        out = links_join(dir, path);
done:
    free(clean);
    free(dir);
    return out;
}

void links_resolve_doc(extract_doc *doc, const char *page)
{
    buf out = BUF_INIT;
    for (const char *s = doc->links; s && *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        const char *tab = memchr(s, '\t', n);
        if (tab) {
            char *href = buf_xstrndup(s, (size_t)(tab - s));
            char *target = links_resolve(page, doc->link_base, href);
            if (target && strcmp(target, page) != 0) {
                buf_puts(&out, target);
                buf_append(&out, tab, n - (size_t)(tab - s));
                buf_putc(&out, '\n');
            }
            free(target);
            free(href);
        }
        s += n + (nl ? 1 : 0);
    }
    free(doc->links);
    doc->links = out.len ? buf_detach(&out) : NULL;
    buf_free(&out);
    free(doc->link_base);
    doc->link_base = NULL;
}

char *links_relative(const char *page, const char *target)
{
    char *dir = links_dir(page);
    buf b = BUF_INIT;
    if (target[0] == '/' && dir[0] != '/') {
        free(dir);
        return buf_xstrndup(target, strlen(target));
    }
    /* The directory's and the target's common leading components. */
    const char *d = dir, *t = target;
    size_t common_d = d[0] == '/', common_t = common_d;
    for (;;) {
        size_t nd = strcspn(d + common_d, "/"), nt = strcspn(t + common_t, "/");
        if (nd == 0 || nd != nt || memcmp(d + common_d, t + common_t, nd) != 0 ||
            t[common_t + nt] != '/')
            break;
        common_d += nd + (d[common_d + nd] == '/');
        common_t += nt + 1;
        if (d[common_d] == '\0')
            break;
    }
    /* One ".." for each component of the directory left. */
    for (const char *p = d + common_d; *p;) {
        size_t n = strcspn(p, "/");
        if (n > 0)
            buf_puts(&b, "../");
        p += n + (p[n] == '/');
    }
    buf_puts(&b, t + common_t);
    free(dir);
    return buf_detach(&b);
}

char *links_target(const char *page, const char *relative)
{
    char *dir = links_dir(page);
    char *t = links_join(dir, relative);
    free(dir);
    return t;
}

char *links_text_key(const char *text, size_t len)
{
    char *line = text_normalize(text, len, TEXT_ONE_LINE);
    char *key = g_utf8_casefold(line, -1);
    free(line);
    return key;
}

uint32_t links_text_hash(const char *text, size_t len)
{
    uint32_t h = text_hash(text, len);
    return h ? h : 1;
}

typedef struct {
    char *rel;
    uint32_t hash;
} links_entry;

static int links_entry_cmp(const void *a, const void *b)
{
    const links_entry *x = a, *y = b;
    int c = strcmp(x->rel, y->rel);
    return c ? c : (x->hash > y->hash) - (x->hash < y->hash);
}

unsigned char *links_encode(const char *page, const char *lines, size_t *len)
{
    buf b = BUF_INIT;
    links_entry *v = NULL;
    size_t n = 0, cap = 0;
    for (const char *s = lines; s && *s;) {
        const char *nl = strchr(s, '\n');
        size_t k = nl ? (size_t)(nl - s) : strlen(s);
        const char *tab = memchr(s, '\t', k);
        if (tab && tab > s) {
            size_t tl = k - (size_t)(tab - s) - 1;
            char *target = buf_xstrndup(s, (size_t)(tab - s));
            v = buf_xgrow(v, &cap, n + 1, sizeof *v);
            v[n].rel = links_relative(page, target);
            v[n++].hash = tl ? links_text_hash(tab + 1, tl) : 0;
            free(target);
        }
        s += k + (nl ? 1 : 0);
    }
    if (n > 1)
        qsort(v, n, sizeof *v, links_entry_cmp);
    const char *prev = "";
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && links_entry_cmp(&v[i], &v[i - 1]) == 0)
            continue;
        unsigned char hb[5];
        for (int j = 0; j < 4; j++)
            hb[j] = (unsigned char)(v[i].hash >> (8 * j));
        size_t shared = 0;
        while (shared < 255 && prev[shared] && prev[shared] == v[i].rel[shared])
            shared++;
        hb[4] = (unsigned char)shared;
        buf_append(&b, hb, 5);
        buf_append(&b, v[i].rel + shared, strlen(v[i].rel + shared) + 1);
        prev = v[i].rel;
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].rel);
    free(v);
    *len = b.len;
    return (unsigned char *)buf_detach(&b);
}

void links_reader_init(links_reader *r, const unsigned char *list, size_t len)
{
    r->list = list;
    r->len = list ? len : 0;
    r->pos = 0;
    r->target = (buf)BUF_INIT;
}

int links_read(links_reader *r, uint32_t *hash, const char **relative)
{
    if (r->pos + 5 >= r->len)
        return 0;
    const unsigned char *p = r->list + r->pos;
    const unsigned char *end = memchr(p + 5, '\0', r->len - r->pos - 5);
    size_t shared = p[4];
    if (!end || shared > r->target.len)
        return 0;
    uint32_t h = 0;
    for (int i = 0; i < 4; i++)
        h |= (uint32_t)p[i] << (8 * i);
    r->target.len = shared;
    buf_append(&r->target, p + 5, (size_t)(end - (p + 5)));
    buf_reserve(&r->target, 1);
    r->target.data[r->target.len] = '\0';
    *hash = h;
    *relative = r->target.data;
    r->pos = (size_t)(end - r->list) + 1;
    return 1;
}

void links_reader_free(links_reader *r)
{
    buf_free(&r->target);
}
