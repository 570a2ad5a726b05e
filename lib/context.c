/* context: a generic title's parent, decided from the index's tables (see
 * context.h). Holds the HTML pages' paths and titles in memory for the
 * decision (a few hundred bytes a page) and reads the links whose text is
 * a generic title, then every link of each candidate parent. Writes
 * nothing: the store does. */
#include "context.h"

#include "buf.h"
#include "links.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    sqlite3_int64 id;
    char *path;
    char *title;
    char *key;    /* title, blanks collapsed, case-folded (g_free) */
    gint hash;    /* links_text_hash of key */
    char *stored; /* the context the index has, or NULL */
    int generic;
    int ntargets; /* pages it links to; -1: not counted yet */
    int parent;   /* its parent's index, -1: none */
} context_page;

typedef struct {
    sqlite3 *db;
    context_page *v;
    size_t n, cap;
    GHashTable *by_path;  /* path -> index + 1 */
    GHashTable *by_id;    /* id (gint64 *) -> index + 1 */
    GHashTable *by_name;  /* file name -> GArray of indexes */
    GHashTable *keys;     /* key -> pages with that title */
    GHashTable *generic;  /* the hashes of the generic titles */
    GHashTable *resolved; /* target -> index + 1, 0 for none */
    sqlite3_stmt *targets;
} context_set;

static const char *context_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* How many path components a and b end with alike. */
static int context_suffix(const char *a, const char *b)
{
    size_t i = strlen(a), j = strlen(b);
    int n = 0;
    for (;;) {
        size_t si = i, sj = j;
        while (si > 0 && a[si - 1] != '/')
            si--;
        while (sj > 0 && b[sj - 1] != '/')
            sj--;
        if (i - si != j - sj || memcmp(a + si, b + sj, i - si) != 0)
            break;
        n++;
        if (si == 0 || sj == 0)
            break;
        i = si - 1;
        j = sj - 1;
    }
    return n;
}

/* The page target names: its path, else the one page of that file name
 * whose path ends most like it; -1 for none. */
static int context_resolve(context_set *s, const char *target)
{
    gpointer v;
    if (g_hash_table_lookup_extended(s->resolved, target, NULL, &v))
        return GPOINTER_TO_INT(v) - 1;
    int found = GPOINTER_TO_INT(g_hash_table_lookup(s->by_path, target)) - 1;
    if (found < 0) {
        GArray *same = g_hash_table_lookup(s->by_name, context_name(target));
        int best_n = 0, ties = 0;
        for (guint i = 0; same && i < same->len; i++) {
            int k = g_array_index(same, int, i);
            int n = context_suffix(target, s->v[k].path);
            if (n > best_n) {
                best_n = n;
                found = k;
                ties = 0;
            } else if (n == best_n) {
                ties++;
            }
        }
        if (ties)
            found = -1;
    }
    g_hash_table_insert(s->resolved, g_strdup(target), GINT_TO_POINTER(found + 1));
    return found;
}

/* How many pages page k links to (itself aside). */
static int context_ntargets(context_set *s, int k)
{
    context_page *p = &s->v[k];
    if (p->ntargets >= 0)
        return p->ntargets;
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    sqlite3_bind_int64(s->targets, 1, p->id);
    if (sqlite3_step(s->targets) == SQLITE_ROW) {
        const unsigned char *list = sqlite3_column_blob(s->targets, 0);
        links_reader lr;
        uint32_t hash;
        const char *rel;
        links_reader_init(&lr, list, (size_t)sqlite3_column_bytes(s->targets, 0));
        while (links_read(&lr, &hash, &rel)) {
            char *t = links_target(p->path, rel);
            int r = context_resolve(s, t);
            free(t);
            if (r >= 0 && r != k)
                g_hash_table_add(seen, GINT_TO_POINTER(r + 1));
        }
        links_reader_free(&lr);
    }
    sqlite3_reset(s->targets);
    p->ntargets = (int)g_hash_table_size(seen);
    g_hash_table_destroy(seen);
    return p->ntargets;
}

/* Is page a a better parent than page b: fewer link targets, then the
 * first path. */
static int context_better(context_set *s, int a, int b)
{
    int na = context_ntargets(s, a), nb = context_ntargets(s, b);
    return na != nb ? na < nb : strcmp(s->v[a].path, s->v[b].path) < 0;
}

static int context_load(context_set *s)
{
    static const char sql[] = "SELECT d.id, d.path, d.title, x.text FROM documents d"
                              " LEFT JOIN contexts x ON x.doc_id = d.id WHERE d.format = 'html'";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 1);
        const char *title = (const char *)sqlite3_column_text(st, 2);
        const char *stored = (const char *)sqlite3_column_text(st, 3);
        s->v = buf_xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
        context_page *p = &s->v[s->n++];
        p->id = sqlite3_column_int64(st, 0);
        p->path = buf_xstrndup(path ? path : "", path ? strlen(path) : 0);
        p->title = buf_xstrndup(title ? title : "", title ? strlen(title) : 0);
        p->key = links_text_key(p->title, strlen(p->title));
        p->hash = (gint)links_text_hash(p->key, strlen(p->key));
        p->stored = stored ? buf_xstrndup(stored, strlen(stored)) : NULL;
        p->generic = 0;
        p->ntargets = -1;
        p->parent = -1;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    for (size_t i = 0; i < s->n; i++) {
        context_page *p = &s->v[i];
        g_hash_table_insert(s->by_path, p->path, GINT_TO_POINTER((int)i + 1));
        g_hash_table_insert(s->by_id, &p->id, GINT_TO_POINTER((int)i + 1));
        GArray *same = g_hash_table_lookup(s->by_name, context_name(p->path));
        if (!same) {
            same = g_array_new(FALSE, FALSE, sizeof(int));
            g_hash_table_insert(s->by_name, (gpointer)context_name(p->path), same);
        }
        int k = (int)i;
        g_array_append_val(same, k);
        if (p->key[0])
            g_hash_table_insert(
                s->keys, p->key,
                GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(s->keys, p->key)) + 1));
    }
    return SQLITE_OK;
}

/* Finds each generic page's parent among the links whose text is its
 * title. */
static int context_parents(context_set *s)
{
    int generic = 0;
    for (size_t i = 0; i < s->n; i++) {
        context_page *p = &s->v[i];
        p->generic = p->key[0] && GPOINTER_TO_INT(g_hash_table_lookup(s->keys, p->key)) >= 2;
        generic += p->generic;
    }
    if (!generic)
        return SQLITE_OK;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].generic)
            g_hash_table_add(s->generic, &s->v[i].hash);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT doc_id, list FROM links", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        gint64 id = sqlite3_column_int64(st, 0);
        int src = GPOINTER_TO_INT(g_hash_table_lookup(s->by_id, &id)) - 1;
        if (src < 0)
            continue;
        const unsigned char *list = sqlite3_column_blob(st, 1);
        links_reader lr;
        uint32_t hash;
        const char *rel;
        links_reader_init(&lr, list, (size_t)sqlite3_column_bytes(st, 1));
        while (links_read(&lr, &hash, &rel)) {
            gint h = (gint)hash;
            if (!hash || h == s->v[src].hash || !g_hash_table_contains(s->generic, &h))
                continue;
            char *target = links_target(s->v[src].path, rel);
            int k = context_resolve(s, target);
            free(target);
            if (k < 0 || k == src || !s->v[k].generic || s->v[k].hash != h)
                continue;
            if (s->v[k].parent < 0 || context_better(s, src, s->v[k].parent))
                s->v[k].parent = src;
        }
        links_reader_free(&lr);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The stored contexts of documents that are no HTML pages any more. */
static int context_strays(context_set *s, context_change **out, size_t *n, size_t *cap)
{
    static const char sql[] = "SELECT doc_id FROM contexts WHERE doc_id NOT IN"
                              " (SELECT id FROM documents WHERE format = 'html')";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = buf_xgrow(*out, cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = (context_change){sqlite3_column_int64(st, 0), NULL};
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void context_array_free(gpointer a)
{
    g_array_free(a, TRUE);
}

int context_decide(sqlite3 *db, context_change **out, size_t *n_out)
{
    context_set s = {db, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    size_t n = 0, cap = 0;
    *out = NULL;
    *n_out = 0;
    s.by_path = g_hash_table_new(g_str_hash, g_str_equal);
    s.by_id = g_hash_table_new(g_int64_hash, g_int64_equal);
    s.by_name = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, context_array_free);
    s.keys = g_hash_table_new(g_str_hash, g_str_equal);
    s.generic = g_hash_table_new(g_int_hash, g_int_equal);
    s.resolved = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rc =
        sqlite3_prepare_v2(db, "SELECT list FROM links WHERE doc_id = ?1", -1, &s.targets, NULL);
    if (rc == SQLITE_OK)
        rc = context_load(&s);
    if (rc == SQLITE_OK)
        rc = context_parents(&s);
    for (size_t i = 0; rc == SQLITE_OK && i < s.n; i++) {
        const context_page *p = &s.v[i];
        const char *want = p->parent >= 0 ? s.v[p->parent].title : NULL;
        if (want ? p->stored && strcmp(want, p->stored) == 0 : !p->stored)
            continue;
        *out = buf_xgrow(*out, &cap, n + 1, sizeof **out);
        (*out)[n++] = (context_change){p->id, want ? buf_xstrndup(want, strlen(want)) : NULL};
    }
    if (rc == SQLITE_OK)
        rc = context_strays(&s, out, &n, &cap);
    sqlite3_finalize(s.targets);
    g_hash_table_destroy(s.by_path);
    g_hash_table_destroy(s.by_id);
    g_hash_table_destroy(s.by_name);
    g_hash_table_destroy(s.keys);
    g_hash_table_destroy(s.generic);
    g_hash_table_destroy(s.resolved);
    for (size_t i = 0; i < s.n; i++) {
        free(s.v[i].path);
        free(s.v[i].title);
        g_free(s.v[i].key);
        free(s.v[i].stored);
    }
    free(s.v);
    if (rc != SQLITE_OK) {
        context_changes_free(*out, n);
        *out = NULL;
        n = 0;
    }
    *n_out = n;
    return rc;
}

void context_changes_free(context_change *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].text);
    free(v);
}
