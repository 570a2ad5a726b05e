/* extract_rtf: Rich Text Format read as text: \'hh bytes in the document's
 * code page, \uN with its \ucN fallbacks skipped; tables, pictures, objects,
 * hidden text and unknown \* destinations skipped. Paragraphs go through
 * extract_flow (\outlinelevel headings, footnotes and comments aside,
 * headers once); \info gives the metadata. No pages: RTF records no layout.
 * Bounded: group depth, control word length, \bin lengths, characters. */
#include "extract_formats.h"

#include "buf.h"
#include "extract_flow.h"

#include <errno.h>
#include <glib.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RTF_MAX_DEPTH 256 /* groups open at once */
#define RTF_WORD_MAX 32   /* letters of a control word (the spec's limit) */
#define RTF_META_MAX 1024 /* bytes kept of an \info field */

/* What the text of a group is. */
typedef enum {
    DEST_TEXT = 0, /* document text (body, note, header…) */
    DEST_SKIP,     /* not text: skipped with everything inside */
    DEST_INFO,     /* \info: not text, but its fields below are kept */
    DEST_TITLE,
    DEST_AUTHOR,
    DEST_SUBJECT,
    DEST_CREATED,
} rtf_dest;

typedef struct {
    rtf_dest dest;
    int uc;                       /* bytes or symbols standing for each \uN (\ucN) */
    int hidden;                   /* \v */
    int opens;                    /* this group opened a note or header: close it at '}' */
    extract_flow_sink outer_sink; /* … and what was read around it */
    int outer_para;
    int at_start; /* no control word or text yet: a \* may follow */
} rtf_group;

typedef struct {
    const char *p, *end;
    extract_flow flow;
    rtf_group stack[RTF_MAX_DEPTH];
    int depth;
    int level;         /* heading level of the paragraph being read (\outlinelevel + 1) */
    int para_open;     /* the flow has an open paragraph at this level of asides */
    int skip_fallback; /* characters still to skip after a \uN */
    int high;          /* a pending high surrogate from \uN, or 0 */
    buf bytes;         /* \'hh and 8-bit bytes not yet decoded */
    iconv_t cd;        /* the code page to UTF-8; (iconv_t)-1 until one is set */
    buf meta[3];       /* \info: title, author, subject */
    int yr, mo, dy;    /* \info\creatim */
} rtf;

static rtf_group *top(rtf *r)
{
    return &r->stack[r->depth];
}

/* The iconv name of a Windows code page; NULL for one we do not know. */
static const char *codepage_name(int cp, char *buf, size_t len)
{
    switch (cp) {
    case 10000:
        return "MACINTOSH";
    case 65001:
        return "UTF-8";
    case 437:
    case 850:
    case 852:
    case 866:
    case 874:
    case 932:
    case 936:
    case 949:
    case 950:
        break;
    default:
        if (cp < 1250 || cp > 1258)
            return NULL;
    }
    snprintf(buf, len, "CP%d", cp);
    return buf;
}

static void set_codepage(rtf *r, int cp)
{
    char name[16];
    const char *n = codepage_name(cp, name, sizeof name);
    iconv_t cd = n ? iconv_open("UTF-8", n) : (iconv_t)-1;
    if (cd == (iconv_t)-1)
        return; /* unknown: the one in effect stays */
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    r->cd = cd;
}

/* Appends decoded text to the open paragraph or \info field. */
static void put_text(rtf *r, const char *s, size_t len)
{
    rtf_group *g = top(r);
    if (g->hidden || len == 0)
        return;
    switch (g->dest) {
    case DEST_TEXT:
        if (!r->para_open) {
            extract_flow_begin(&r->flow);
            r->para_open = 1;
        }
        extract_flow_text(&r->flow, s, len);
        break;
    case DEST_TITLE:
    case DEST_AUTHOR:
    case DEST_SUBJECT: {
        buf *m = &r->meta[g->dest - DEST_TITLE];
        if (m->len + len <= RTF_META_MAX)
            buf_append(m, s, len);
        break;
    }
    default:
        break;
    }
}

/* Decodes the pending bytes with the code page; a byte it cannot decode
 * is dropped. */
static void flush_bytes(rtf *r)
{
    if (!r->bytes.len)
        return;
    if (r->cd == (iconv_t)-1)
        set_codepage(r, 1252);
    char out[1024];
    char *in = r->bytes.data;
    size_t in_left = r->bytes.len;
    iconv(r->cd, NULL, NULL, NULL, NULL);
    while (in_left > 0) {
        char *o = out;
        size_t o_left = sizeof out;
        size_t rc = iconv(r->cd, &in, &in_left, &o, &o_left);
        put_text(r, out, sizeof out - o_left);
        if (rc == (size_t)-1 && errno != E2BIG) {
            in++; /* EILSEQ or EINVAL: drop one byte, go on */
            in_left--;
            iconv(r->cd, NULL, NULL, NULL, NULL);
        }
    }
    buf_clear(&r->bytes);
}

static void put_ascii(rtf *r, const char *s, size_t len)
{
    flush_bytes(r);
    put_text(r, s, len);
}

/* A code point from \uN (or a symbol word) as UTF-8. */
static void put_codepoint(rtf *r, long cp)
{
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        r->high = (int)cp;
        return;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (!r->high)
            return;
        cp = 0x10000 + ((long)(r->high - 0xD800) << 10) + (cp - 0xDC00);
    }
    r->high = 0;
    if (cp <= 0 || cp > 0x10FFFF)
        return;
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    put_ascii(r, u, n);
}

/* Ends the open paragraph of the flow (body, note or header alike); an
 * empty one adds nothing. */
static void end_paragraph(rtf *r)
{
    flush_bytes(r);
    if (!r->para_open)
        return;
    extract_flow_end(&r->flow, r->flow.sink == FLOW_BODY ? r->level : 0, 0);
    r->para_open = 0;
}

/* A group opening a note or a header: its paragraphs go aside, inside the
 * paragraph it stands in, which goes on after it. */
static void open_aside(rtf *r, extract_flow_sink sink)
{
    rtf_group *g = top(r);
    flush_bytes(r);
    g->opens = 1;
    g->outer_sink = r->flow.sink;
    g->outer_para = r->para_open;
    r->para_open = 0;
    extract_flow_sink_to(&r->flow, sink, 0, extract_flow_heading(&r->flow));
}

static void close_aside(rtf *r, const rtf_group *g)
{
    end_paragraph(r);
    extract_flow_sink_to(&r->flow, g->outer_sink, 0, extract_flow_heading(&r->flow));
    r->para_open = g->outer_para;
}

/* Destinations whose content is never text, each between spaces. */
static const char rtf_skipped[] =
    " fonttbl colortbl stylesheet pict object objdata listtable listoverridetable revtbl"
    " rsidtbl generator themedata colorschememapping datastore latentstyles xmlnstbl filetbl"
    " pgdsctbl listtext pntext pntxtb pntxta nonshppict fldinst bkmkstart bkmkend private"
    " mmathPr operator company manager category keywords comment doccomm hlinkbase revtim"
    " printim buptim txe xe tc rxe atnid atnauthor ftnsep ftnsepc ftncn aftnsep"
    " aftnsepc aftncn ";

static int is_skipped_destination(const char *w)
{
    char needle[RTF_WORD_MAX + 3];
    snprintf(needle, sizeof needle, " %s ", w);
    return strstr(rtf_skipped, needle) != NULL;
}

/* A control symbol standing for a character: one of a \uN's fallbacks,
 * or the character. */
static void put_symbol(rtf *r, long cp)
{
    if (r->skip_fallback > 0) {
        r->skip_fallback--;
        return;
    }
    put_codepoint(r, cp);
}

/* Words that stand for characters, in any text (body or \info field).
 * Returns 1 when w was one of them. */
static int character_word(rtf *r, rtf_group *g, const char *w, int has_param, long param)
{
    static const struct {
        const char *word;
        long cp;
    } symbols[] = {{"emdash", 0x2014},    {"endash", 0x2013}, {"bullet", 0x2022},
                   {"lquote", 0x2018},    {"rquote", 0x2019}, {"ldblquote", 0x201C},
                   {"rdblquote", 0x201D}, {"emspace", ' '},   {"enspace", ' '},
                   {"qmspace", ' '},      {"line", '\n'},     {"tab", '\t'},
                   {"cell", '\t'},        {"nestcell", '\t'}};
    if (strcmp(w, "uc") == 0) {
        g->uc = has_param && param >= 0 && param < 16 ? (int)param : 1;
        return 1;
    }
    if (strcmp(w, "u") == 0) {
        if (has_param) {
            put_codepoint(r, param < 0 ? param + 65536 : param);
            r->skip_fallback = g->uc;
        }
        return 1;
    }
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(w, symbols[i].word) == 0) {
            put_codepoint(r, symbols[i].cp);
            return 1;
        }
    return 0;
}

/* One control word with its parameter (has_param 0: none); ignorable when
 * \* came before it. */
static void control_word(rtf *r, const char *w, int has_param, long param, int ignorable)
{
    rtf_group *g = top(r);
    int first = g->at_start;
    g->at_start = 0;
    if (g->dest == DEST_SKIP)
        return;
    /* a \uN's fallback may be a control word too (it counts as one) */
    if (r->skip_fallback > 0 && strcmp(w, "u") != 0) {
        r->skip_fallback--;
        return;
    }
    if (first && g->dest == DEST_INFO) {
        /* the fields of \info kept, the others skipped */
        g->dest = strcmp(w, "title") == 0     ? DEST_TITLE
                  : strcmp(w, "author") == 0  ? DEST_AUTHOR
                  : strcmp(w, "subject") == 0 ? DEST_SUBJECT
                  : strcmp(w, "creatim") == 0 ? DEST_CREATED
                                              : DEST_SKIP;
        return;
    }
    if (g->dest == DEST_CREATED) {
        if (has_param && strcmp(w, "yr") == 0)
            r->yr = (int)param;
        else if (has_param && strcmp(w, "mo") == 0)
            r->mo = (int)param;
        else if (has_param && strcmp(w, "dy") == 0)
            r->dy = (int)param;
        return;
    }
    if (g->dest == DEST_INFO)
        return;
    if (first && g->dest == DEST_TEXT) {
        /* a destination: the group's first word */
        if (strcmp(w, "info") == 0) {
            g->dest = DEST_INFO;
            return;
        }
        if (strcmp(w, "footnote") == 0 || strcmp(w, "annotation") == 0) {
            open_aside(r, FLOW_ASIDE);
            return;
        }
        if (strncmp(w, "header", 6) == 0 || strncmp(w, "footer", 6) == 0) {
            open_aside(r, FLOW_FURNITURE);
            return;
        }
    }
    if (first && (ignorable || is_skipped_destination(w))) {
        /* \*\anything this reader does not know is skipped */
        g->dest = DEST_SKIP;
        return;
    }
    if (strcmp(w, "v") == 0) {
        g->hidden = !has_param || param != 0;
    } else if (strcmp(w, "plain") == 0) {
        g->hidden = 0;
    } else if (character_word(r, g, w, has_param, param) || g->dest != DEST_TEXT) {
        return; /* formatting inside an \info field */
    } else if (strcmp(w, "par") == 0 || strcmp(w, "sect") == 0 || strcmp(w, "page") == 0 ||
               strcmp(w, "row") == 0 || strcmp(w, "nestrow") == 0) {
        end_paragraph(r);
    } else if (strcmp(w, "pard") == 0) {
        r->level = 0;
    } else if (strcmp(w, "outlinelevel") == 0) {
        r->level = has_param && param >= 0 && param < 9 ? (int)param + 1 : 0;
    } else if (strcmp(w, "ansicpg") == 0) {
        if (has_param)
            set_codepage(r, (int)param);
    } else if (strcmp(w, "mac") == 0) {
        set_codepage(r, 10000);
    } else if (strcmp(w, "pc") == 0) {
        set_codepage(r, 437);
    } else if (strcmp(w, "pca") == 0) {
        set_codepage(r, 850);
    }
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads what follows a backslash. Returns 0, or -1 when the input is cut. */
static int control(rtf *r, int *ignorable)
{
    if (r->p >= r->end)
        return -1;
    char c = *r->p;
    rtf_group *g = top(r);
    if (!is_letter(c)) {
        r->p++;
        if (c == '*') {
            *ignorable = 1;
            return 0;
        }
        g->at_start = 0;
        if (g->dest == DEST_SKIP)
            return 0;
        if (c == '\'') {
            if (r->end - r->p < 2)
                return -1;
            int hi = g_ascii_xdigit_value(r->p[0]), lo = g_ascii_xdigit_value(r->p[1]);
            r->p += 2;
            if (hi < 0 || lo < 0)
                return 0;
            if (r->skip_fallback > 0) {
                r->skip_fallback--;
                return 0;
            }
            if (!g->hidden && (g->dest == DEST_TEXT || g->dest >= DEST_TITLE) &&
                g->dest != DEST_CREATED)
                buf_putc(&r->bytes, (char)(hi * 16 + lo));
        } else if (c == '\\' || c == '{' || c == '}') {
            if (r->skip_fallback > 0)
                r->skip_fallback--;
            else
                put_ascii(r, &c, 1);
        } else if (c == '~') {
            put_symbol(r, 0xA0);
        } else if (c == '_') {
            put_symbol(r, 0x2011);
        } else if (c == '\n' || c == '\r') {
            end_paragraph(r);
        } else if (c == '\t') {
            put_symbol(r, '\t');
        }
        /* \- (optional hyphen), \: and others: nothing */
        return 0;
    }
    char word[RTF_WORD_MAX + 1];
    size_t n = 0;
    while (r->p < r->end && is_letter(*r->p)) {
        if (n < RTF_WORD_MAX)
            word[n++] = *r->p;
        r->p++;
    }
    word[n] = '\0';
    int neg = 0, has_param = 0, digits = 0;
    long param = 0;
    if (r->p < r->end && *r->p == '-') {
        neg = 1;
        r->p++;
    }
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        if (digits++ < 10)
            param = param * 10 + (*r->p - '0');
        has_param = 1;
        r->p++;
    }
    if (neg)
        param = -param;
    if (r->p < r->end && *r->p == ' ')
        r->p++; /* the delimiter space belongs to the word */
    if (strcmp(word, "bin") == 0) {
        /* raw bytes: skipped whatever the group */
        size_t skip = has_param && param > 0 ? (size_t)param : 0;
        r->p += skip < (size_t)(r->end - r->p) ? skip : (size_t)(r->end - r->p);
        g->at_start = 0;
        return 0;
    }
    control_word(r, word, has_param, param, *ignorable);
    *ignorable = 0;
    return 0;
}

static int parse(rtf *r, char *err, size_t errlen)
{
    int ignorable = 0;
    while (r->p < r->end) {
        char c = *r->p++;
        if (c == '{') {
            flush_bytes(r);
            if (r->depth + 1 >= RTF_MAX_DEPTH) {
                snprintf(err, errlen, "RTF groups nested more than %d deep", RTF_MAX_DEPTH);
                return -1;
            }
            r->stack[r->depth + 1] = *top(r);
            r->depth++;
            top(r)->opens = 0;
            top(r)->at_start = 1;
            ignorable = 0;
        } else if (c == '}') {
            flush_bytes(r);
            r->skip_fallback = 0;
            if (top(r)->opens)
                close_aside(r, top(r));
            if (r->depth == 0)
                return 0; /* the document's group is closed: the rest is not RTF */
            r->depth--;
            ignorable = 0;
        } else if (c == '\\') {
            if (control(r, &ignorable) != 0)
                break;
        } else if (c == '\r' || c == '\n') {
            continue;
        } else {
            rtf_group *g = top(r);
            g->at_start = 0;
            ignorable = 0;
            if (g->dest == DEST_SKIP || g->dest == DEST_INFO || g->dest == DEST_CREATED)
                continue;
            if (r->skip_fallback > 0) {
                r->skip_fallback--;
                continue;
            }
            if ((unsigned char)c >= 0x80) {
                if (!g->hidden)
                    buf_putc(&r->bytes, c);
            } else if (c != '\0') {
                put_ascii(r, &c, 1);
            }
        }
        if (extract_flow_over(&r->flow))
            break;
    }
    /* a cut file: what was read is kept */
    flush_bytes(r);
    return 0;
}

int extract_rtf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    if (len < 5 || memcmp(data, "{\\rtf", 5) != 0) {
        snprintf(err, errlen, "not an RTF document (no {\\rtf at the start)");
        return EXTRACT_EFORMAT;
    }
    rtf *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->p = data + 1; /* inside the document's group */
    r->end = data + len;
    r->cd = (iconv_t)-1;
    r->stack[0].uc = 1;
    extract_flow_init(&r->flow, doc);
    int rc = EXTRACT_EFORMAT;
    if (parse(r, err, errlen) != 0)
        goto done;
    end_paragraph(r);
    if (extract_flow_finish(&r->flow, err, errlen) != 0)
        goto done;
    char date[16] = "";
    if (r->yr >= 1000 && r->yr <= 9999 && r->mo >= 1 && r->mo <= 12 && r->dy >= 1 && r->dy <= 31)
        snprintf(date, sizeof date, "%04d-%02d-%02d", r->yr, r->mo, r->dy);
    extract_flow_title(&r->flow, r->meta[0].data, NULL);
    extract_doc_apply_meta(doc, NULL, r->meta[1].data, r->meta[2].data, date[0] ? date : NULL);
    rc = EXTRACT_OK;
done:
    extract_flow_free(&r->flow);
    buf_free(&r->bytes);
    for (int i = 0; i < 3; i++)
        buf_free(&r->meta[i]);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(r);
    return rc;
}
