/* container: zip archives under limits and their XML parts through SAX2
 * (see container.h). Every limit is checked twice: on what the central
 * directory declares, before inflating anything, and on the bytes actually
 * inflated, since a header may lie. Only the parts a format asks for are
 * ever inflated; an archive inside a part is refused, never opened. */
#include "container.h"

#include "buf.h"
#include "extract_doc.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

const container_limits container_default_limits = {
    .max_entries = CONTAINER_MAX_ENTRIES,
    .max_part = CONTAINER_MAX_PART,
    .max_total = CONTAINER_MAX_TOTAL,
    .ratio_floor = CONTAINER_RATIO_FLOOR,
    .max_ratio = CONTAINER_MAX_RATIO,
};

struct container {
    zip_t *zip;
    container_limits lim;
    uint64_t inflated; /* bytes inflated so far, all parts */
};

#define MIB(n) ((unsigned long long)((n) >> 20))

container *container_open(const char *data, size_t len, const container_limits *limits, char *err,
                          size_t errlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip) {
        snprintf(err, errlen, "damaged or not a zip archive: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        zip_source_free(src);
        return NULL;
    }
    zip_error_fini(&ze);
    container *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->zip = zip;
    c->lim = limits ? *limits : container_default_limits;
    zip_int64_t n = zip_get_num_entries(zip, 0);
    if (n < 0 || (uint64_t)n > c->lim.max_entries) {
        snprintf(err, errlen, "archive has %lld entries, more than the limit of %zu", (long long)n,
                 c->lim.max_entries);
        goto refuse;
    }
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(zip, (zip_uint64_t)i, 0, &st) != 0)
            continue;
        if ((st.valid & ZIP_STAT_SIZE) && (total += st.size) > c->lim.max_total) {
            snprintf(err, errlen, "archive declares more than %llu MiB of content once inflated",
                     MIB(c->lim.max_total));
            goto refuse;
        }
    }
    return c;
refuse:
    container_close(c);
    return NULL;
}

void container_close(container *c)
{
    if (!c)
        return;
    zip_discard(c->zip);
    free(c);
}

int container_has(container *c, const char *name)
{
    return zip_name_locate(c->zip, name, 0) >= 0;
}

/* Whether inflated bytes out of compressed ones break the ratio limit. */
static int over_ratio(const container *c, uint64_t inflated, uint64_t compressed)
{
    return inflated > c->lim.ratio_floor && inflated / c->lim.max_ratio > compressed;
}

int container_read(container *c, const char *name, char **out, size_t *out_len, char *err,
                   size_t errlen)
{
    *out = NULL;
    *out_len = 0;
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(c->zip, name, 0);
    if (idx < 0 || zip_stat_index(c->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        snprintf(err, errlen, "part %s is missing from the archive", name);
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(err, errlen, "part %s is encrypted", name);
        return -1;
    }
    uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > c->lim.max_part) {
        snprintf(err, errlen, "part %s is larger than the %llu MiB limit", name,
                 MIB(c->lim.max_part));
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && over_ratio(c, st.size, comp)) {
        snprintf(err, errlen, "part %s is compressed more than %u:1 (a zip bomb?)", name,
                 c->lim.max_ratio);
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(c->zip, (zip_uint64_t)idx, 0);
    if (!zf) {
        snprintf(err, errlen, "part %s cannot be read: %s", name,
                 zip_error_strerror(zip_get_error(c->zip)));
        return -1;
    }
    buf b = BUF_INIT;
    int rc = -1;
    for (;;) {
        buf_reserve(&b, 65536);
        /* Never more than one byte past the cap: enough to know it is over. */
        uint64_t room = c->lim.max_part + 1 - b.len;
        zip_uint64_t want = b.cap - b.len - 1 < room ? b.cap - b.len - 1 : room;
        zip_int64_t r = zip_fread(zf, b.data + b.len, want);
        if (r < 0) {
            snprintf(err, errlen, "part %s is damaged: %s", name,
                     zip_error_strerror(zip_file_get_error(zf)));
            goto done;
        }
        if (r == 0)
            break;
        b.len += (size_t)r;
        c->inflated += (uint64_t)r;
        if (b.len > c->lim.max_part) {
            snprintf(err, errlen, "part %s is larger than the %llu MiB limit", name,
                     MIB(c->lim.max_part));
            goto done;
        }
        if (over_ratio(c, b.len, comp)) {
            snprintf(err, errlen, "part %s is compressed more than %u:1 (a zip bomb?)", name,
                     c->lim.max_ratio);
            goto done;
        }
        if (c->inflated > c->lim.max_total) {
            snprintf(err, errlen, "archive holds more than %llu MiB once inflated",
                     MIB(c->lim.max_total));
            goto done;
        }
    }
    if (b.len >= 4 && memcmp(b.data, "PK\x03\x04", 4) == 0) {
        snprintf(err, errlen, "part %s is itself a zip archive (nested archives are not opened)",
                 name);
        goto done;
    }
    buf_reserve(&b, 1);
    b.data[b.len] = '\0';
    *out_len = b.len;
    *out = buf_detach(&b);
    rc = 0;
done:
    zip_fclose(zf);
    buf_free(&b);
    return rc;
}

int container_attr(int n_attrs, const char **attrs, const char *name, char *out, size_t outlen)
{
    for (int i = 0; i < n_attrs; i++) {
        const char **a = attrs + 5 * i;
        if (strcmp(a[0], name) != 0)
            continue;
        size_t n = (size_t)(a[4] - a[3]);
        if (n >= outlen)
            n = outlen - 1;
        memcpy(out, a[3], n);
        out[n] = '\0';
        return 1;
    }
    return 0;
}

/* Parser state shared by the SAX trampolines. */
typedef struct {
    const container_sax *sax;
    void *user;
    xmlParserCtxtPtr ctxt;
    int doctype;
    char message[200];
} sax_state;

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    sax_state *s = ctx;
    if (s->sax->start)
        s->sax->start(s->user, (const char *)localname, uri ? (const char *)uri : "", nb_attributes,
                      (const char **)attributes);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    sax_state *s = ctx;
    if (s->sax->end)
        s->sax->end(s->user, (const char *)localname, uri ? (const char *)uri : "");
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    sax_state *s = ctx;
    if (s->sax->text && len > 0)
        s->sax->text(s->user, (const char *)ch, (size_t)len);
}

/* A DOCTYPE is where entities would be declared: the parse stops there,
 * before anything could refer to one. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    sax_state *s = ctx;
    s->doctype = 1;
    xmlStopParser(s->ctxt);
}

static void on_error(void *ctx, xmlError *e)
{
    sax_state *s = ctx;
    if (!s->message[0] && e && e->message && e->level >= XML_ERR_ERROR) {
        size_t n = strcspn(e->message, "\n");
        snprintf(s->message, sizeof s->message, "%.*s", (int)(n > 150 ? 150 : n), e->message);
    }
}

int container_parse_xml_buffer(const char *data, size_t len, const char *name,
                               const container_sax *sax, void *user, char *err, size_t errlen)
{
    if (len > INT_MAX) {
        snprintf(err, errlen, "part %s is too large", name);
        return -1;
    }
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
    if (!ctxt) {
        snprintf(err, errlen, "part %s cannot be parsed (out of memory)", name);
        return -1;
    }
    sax_state s = {.sax = sax, .user = user, .ctxt = ctxt};
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_text;
    h.cdataBlock = on_text;
    h.internalSubset = on_doctype;
    h.serror = on_error;
    memcpy(ctxt->sax, &h, sizeof h);
    ctxt->userData = &s;
    /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: nothing is fetched or
     * expanded, and libxml2 keeps its depth and size limits. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ctxt->sax->serror = on_error;
    xmlParseDocument(ctxt);
    int rc = 0;
    if (s.doctype) {
        snprintf(err, errlen, "part %s has a DOCTYPE, which these documents never need", name);
        rc = -1;
    } else if (!ctxt->wellFormed) {
        snprintf(err, errlen, "part %s is not well-formed XML%s%s", name, s.message[0] ? ": " : "",
                 s.message);
        rc = -1;
    }
    xmlFreeParserCtxt(ctxt);
    return rc;
}

int container_parse_xml(container *c, const char *name, int optional, const container_sax *sax,
                        void *user, char *err, size_t errlen)
{
    if (optional && !container_has(c, name))
        return 0;
    char *data;
    size_t len;
    if (container_read(c, name, &data, &len, err, errlen) != 0)
        return -1;
    int rc = container_parse_xml_buffer(data, len, name, sax, user, err, errlen);
    free(data);
    return rc;
}

enum {
    META_NONE,
    META_TITLE,
    META_CREATOR,
    META_INITIAL_CREATOR,
    META_DESCRIPTION,
    META_SUBJECT,
    META_CREATED,
    META_DATE,
    META_KEYWORDS
};

#define META_TEXT_MAX 4096 /* bytes kept of one field */

static int meta_field(const char *name)
{
    static const struct {
        const char *name;
        int field;
    } fields[] = {{"title", META_TITLE},
                  {"creator", META_CREATOR},
                  {"initial-creator", META_INITIAL_CREATOR},
                  {"description", META_DESCRIPTION},
                  {"subject", META_SUBJECT},
                  {"created", META_CREATED},
                  {"creation-date", META_CREATED},
                  {"date", META_DATE},
                  {"keyword", META_KEYWORDS},
                  {"keywords", META_KEYWORDS}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(name, fields[i].name) == 0)
            return fields[i].field;
    return META_NONE;
}

void container_meta_start(void *meta, const char *name, const char *uri, int n_attrs,
                          const char **attrs)
{
    (void)uri;
    (void)n_attrs;
    (void)attrs;
    container_meta *m = meta;
    m->field = meta_field(name);
    free(m->text);
    m->text = NULL;
    m->text_len = 0;
}

void container_meta_text(void *meta, const char *s, size_t len)
{
    container_meta *m = meta;
    if (m->field == META_NONE || m->text_len >= META_TEXT_MAX)
        return;
    if (len > META_TEXT_MAX - m->text_len)
        len = META_TEXT_MAX - m->text_len;
    m->text = buf_xrealloc(m->text, m->text_len + len + 1);
    memcpy(m->text + m->text_len, s, len);
    m->text_len += len;
    m->text[m->text_len] = '\0';
}

/* Keeps text in *slot unless a better source already filled it. */
static void meta_keep(char **slot, char **text, int replace)
{
    if (*slot && !replace)
        return;
    free(*slot);
    *slot = *text;
    *text = NULL;
}

void container_meta_end(void *meta, const char *name, const char *uri)
{
    (void)uri;
    container_meta *m = meta;
    int field = meta_field(name);
    if (field == META_NONE || field != m->field || !m->text) {
        m->field = META_NONE;
        return;
    }
    switch (field) {
    case META_TITLE:
        meta_keep(&m->title, &m->text, 0);
        break;
    case META_CREATOR:
        meta_keep(&m->author, &m->text, 0);
        break;
    case META_INITIAL_CREATOR:
        meta_keep(&m->author, &m->text, 1);
        break;
    case META_DESCRIPTION:
        meta_keep(&m->about, &m->text, 1);
        break;
    case META_SUBJECT:
        meta_keep(&m->about, &m->text, 0);
        break;
    case META_CREATED:
        meta_keep(&m->date, &m->text, 1);
        break;
    case META_DATE:
        meta_keep(&m->date, &m->text, 0);
        break;
    case META_KEYWORDS:
        extract_keywords_add(&m->keywords, m->text, m->text_len);
        break;
    }
    m->field = META_NONE;
}

const container_sax container_meta_sax = {container_meta_start, container_meta_end,
                                          container_meta_text};

void container_meta_free(container_meta *m)
{
    free(m->title);
    free(m->author);
    free(m->about);
    free(m->date);
    free(m->keywords);
    free(m->text);
    memset(m, 0, sizeof *m);
}

char *container_resolve(const char *base, const char *target)
{
    buf path = BUF_INIT;
    if (target[0] != '/') {
        const char *slash = strrchr(base, '/');
        if (slash)
            buf_append(&path, base, (size_t)(slash - base) + 1);
    }
    /* Percent-decoded, without query or fragment. */
    for (const char *p = target[0] == '/' ? target + 1 : target; *p && *p != '#' && *p != '?';
         p++) {
        int hi, lo;
        if (*p == '%' && (hi = g_ascii_xdigit_value(p[1])) >= 0 &&
            (lo = g_ascii_xdigit_value(p[2])) >= 0) {
            buf_putc(&path, (char)(hi * 16 + lo));
            p += 2;
        } else {
            buf_putc(&path, *p);
        }
    }
    /* "." and ".." segments folded; climbing above the root fails. */
    buf out = BUF_INIT;
    const char *s = path.data ? path.data : "";
    int ok = 1;
    while (*s && ok) {
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (!out.len) {
                ok = 0;
                break;
            }
            out.len--; /* the slash after the last segment */
            while (out.len && out.data[out.len - 1] != '/')
                out.len--;
            out.data[out.len] = '\0';
        } else if (n && !(n == 1 && s[0] == '.')) {
            buf_append(&out, s, n);
            if (s[n] == '/')
                buf_putc(&out, '/');
        }
        s += n;
        if (*s == '/')
            s++;
    }
    buf_free(&path);
    if (!ok || !out.len) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out);
}
