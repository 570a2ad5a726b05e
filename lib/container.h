/* container: the zip archives DOCX, ODT and EPUB are made of, read through
 * libzip under limits (entries, bytes per part whatever the header claims,
 * compression ratio, total bytes inflated, no archive inside a part), and
 * their XML parts parsed through libxml2's SAX2 parser without network,
 * DTD loading or entity expansion, a DOCTYPE refused. Knows no format. */
#ifndef REPERE_CONTAINER_H
#define REPERE_CONTAINER_H

#include <stddef.h>
#include <stdint.h>

#define CONTAINER_MAX_ENTRIES 10000
#define CONTAINER_MAX_PART ((uint64_t)64 << 20)     /* bytes of one part, inflated */
#define CONTAINER_MAX_TOTAL ((uint64_t)256 << 20)   /* bytes of all entries, inflated */
#define CONTAINER_MAX_RATIO 100                     /* inflated / compressed … */
#define CONTAINER_RATIO_FLOOR ((uint64_t)100 << 10) /* … for parts over 100 KiB */
#define CONTAINER_MAX_CHARS 10000000                /* characters of text in one document */

typedef struct {
    size_t max_entries;
    uint64_t max_part, max_total, ratio_floor;
    unsigned max_ratio;
} container_limits;

/* The limits above, used when container_open gets NULL. */
extern const container_limits container_default_limits;

typedef struct container container;

/* Opens the archive data[0..len) (not copied: it must outlive the
 * container). Refuses more than max_entries entries, or entries declaring
 * more than max_total bytes in all. Returns NULL with a reason in err. */
container *container_open(const char *data, size_t len, const container_limits *limits, char *err,
                          size_t errlen);
void container_close(container *c);

/* 1 when the archive has an entry of that exact name. */
int container_has(container *c, const char *name);

/* Reads a whole part into *out (NUL-terminated, caller frees) and *out_len.
 * Fails, with the part named in err, when it is missing, encrypted,
 * damaged, over max_part bytes or the ratio limit (as declared and as
 * actually inflated), past the total, or itself a zip archive. */
int container_read(container *c, const char *name, char **out, size_t *out_len, char *err,
                   size_t errlen);

/* The SAX events a format module handles; attrs are libxml2's SAX2
 * attributes (localname, prefix, URI, value, value end: 5 per attribute). */
typedef struct {
    void (*start)(void *user, const char *name, const char *uri, int n_attrs, const char **attrs);
    void (*end)(void *user, const char *name, const char *uri);
    void (*text)(void *user, const char *s, size_t len);
} container_sax;

/* Value of attribute name (any namespace) copied into out; 0 when absent. */
int container_attr(int n_attrs, const char **attrs, const char *name, char *out, size_t outlen);

/* Reads part name and parses it, calling sax with user. A DOCTYPE stops
 * the parse and fails it (no document of these formats needs one).
 * Returns 0, or -1 with a reason in err. A missing part fails unless
 * optional is set, when it returns 0 without any call. */
int container_parse_xml(container *c, const char *name, int optional, const container_sax *sax,
                        void *user, char *err, size_t errlen);

/* Parses an XML document already in memory the same way. */
int container_parse_xml_buffer(const char *data, size_t len, const char *name,
                               const container_sax *sax, void *user, char *err, size_t errlen);

/* Document metadata as Dublin Core and its OOXML / ODF cousins say it
 * (docProps/core.xml, meta.xml, an EPUB package): the first of each. */
typedef struct {
    char *title;  /* dc:title */
    char *author; /* meta:initial-creator, else dc:creator */
    char *about;  /* dc:description, else dc:subject */
    char *date;   /* dcterms:created, meta:creation-date, else dc:date */
    char *keywords; /* every meta:keyword and cp:keywords (extract_keywords_add) */
    /* while parsing */
    int field;
    char *text;
    size_t text_len;
} container_meta;

/* SAX handlers collecting metadata into a container_meta; another parser
 * may call them on its own events (an EPUB package holds more). */
extern const container_sax container_meta_sax;
void container_meta_start(void *meta, const char *name, const char *uri, int n_attrs,
                          const char **attrs);
void container_meta_end(void *meta, const char *name, const char *uri);
void container_meta_text(void *meta, const char *s, size_t len);
void container_meta_free(container_meta *m);

/* Resolves target (a relative URI as found in a manifest or a relationship,
 * percent-encoded) against the directory of part base; "/x" is from the
 * root. Returns a new string (caller frees), or NULL when it climbs out of
 * the archive. */
char *container_resolve(const char *base, const char *target);

#endif
