/* skipped: the indexer's report of the files it skipped. See skipped.h. */
#include "skipped.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* A longer extension is reported as this kind, not as itself. */
#define SKIPPED_EXT_MAX 12

struct skipped {
    size_t count;
    GPtrArray *shown;  /* "PATH: skipped: REASON", the first SKIPPED_SHOWN */
    GHashTable *kinds; /* kind -> count, of the files not shown */
};

skipped *skipped_new(void)
{
    skipped *s = g_new0(skipped, 1);
    s->shown = g_ptr_array_new_with_free_func(g_free);
    s->kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

void skipped_free(skipped *s)
{
    if (!s)
        return;
    g_ptr_array_free(s->shown, TRUE);
    g_hash_table_destroy(s->kinds);
    g_free(s);
}

void skipped_add(skipped *s, const char *path, const char *reason, const char *kind)
{
    s->count++;
    if (s->shown->len < SKIPPED_SHOWN) {
        g_ptr_array_add(s->shown, g_strdup_printf("%s: skipped: %s", path, reason));
        return;
    }
    gpointer n = g_hash_table_lookup(s->kinds, kind);
    g_hash_table_replace(s->kinds, g_strdup(kind), GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
}

size_t skipped_count(const skipped *s)
{
    return s->count;
}

void skipped_extension(const char *name, char *out, size_t len)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name || dot[1] == '\0') {
        snprintf(out, len, "no extension");
        return;
    }
    if (strlen(dot) > SKIPPED_EXT_MAX) {
        snprintf(out, len, "long extension");
        return;
    }
    gchar *lower = g_ascii_strdown(dot, -1);
    snprintf(out, len, "%s", lower);
    g_free(lower);
}

typedef struct {
    const char *kind;
    size_t n;
} skipped_kind;

/* Most files first, then by name: the same report for the same tree. */
static gint skipped_kind_order(gconstpointer a, gconstpointer b)
{
    const skipped_kind *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->kind, y->kind);
}

void skipped_print(const skipped *s, FILE *out, const char *prefix)
{
    for (guint i = 0; i < s->shown->len; i++)
        fprintf(out, "%s%s\n", prefix, (const char *)g_ptr_array_index(s->shown, i));
    if (s->count <= s->shown->len)
        return;
    GArray *kinds = g_array_new(FALSE, FALSE, sizeof(skipped_kind));
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, s->kinds);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        skipped_kind k = {key, GPOINTER_TO_SIZE(value)};
        g_array_append_val(kinds, k);
    }
    g_array_sort(kinds, skipped_kind_order);
    fprintf(out, "%s… and %zu more skipped: ", prefix, s->count - s->shown->len);
    size_t others = 0;
    for (guint i = 0; i < kinds->len; i++) {
        const skipped_kind *k = &g_array_index(kinds, skipped_kind, i);
        if (i < SKIPPED_KINDS)
            fprintf(out, "%s%zu %s", i > 0 ? ", " : "", k->n, k->kind);
        else
            others += k->n;
    }
    if (others > 0)
        fprintf(out, ", %zu of other kinds", others);
    fputc('\n', out);
    g_array_free(kinds, TRUE);
}
