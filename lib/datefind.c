/* datefind: French dates in text and the choice of a document's own date.
 * See datefind.h. Month names are matched case- and accent-insensitively
 * through the code point fold of text.h. */
#include "datefind.h"

#include "text.h"

#include <string.h>
#include <utf8proc.h>

int datefind_format(int y, int m, int d, char out[11])
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    const int parts[3] = {y, m, d};
    const int widths[3] = {4, 2, 2};
    char *p = out;
    for (int k = 0; k < 3; k++) {
        for (int w = widths[k] - 1, v = parts[k]; w >= 0; w--, v /= 10)
            p[w] = (char)('0' + v % 10);
        p += widths[k];
        *p++ = k < 2 ? '-' : '\0';
    }
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads n..max digits at s[*i]; fails when more digits follow. */
static int read_number(const char *s, size_t len, size_t *i, int min, int max, int *value)
{
    int v = 0, n = 0;
    size_t j = *i;
    while (j < len && is_digit(s[j]) && n <= max) {
        v = v * 10 + (s[j] - '0');
        j++;
        n++;
    }
    if (n < min || n > max)
        return 0;
    *i = j;
    *value = v;
    return 1;
}

/* Skips spaces and tabs, no-break and narrow no-break spaces. */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len) {
        int32_t cp;
        size_t n = text_cp_at(s, len, i, &cp);
        if (cp != ' ' && cp != '\t' && cp != 0xA0 && cp != 0x202F && cp != 0x2009)
            break;
        i += n;
    }
    return i;
}

/* Reads a word of letters (and combining marks) at s[*i], folded to
 * lowercase ASCII without accents, into w. Returns its folded length, or 0
 * when it is not such a word. */
static size_t read_word(const char *s, size_t len, size_t *i, char *w, size_t wcap)
{
    size_t j = *i, wl = 0;
    while (j < len) {
        int32_t cp;
        size_t n = text_cp_at(s, len, j, &cp);
        utf8proc_category_t c = n ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
        if (c == UTF8PROC_CATEGORY_MN) {
            j += n;
            continue;
        }
        if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO)
            break;
        int32_t folded[TEXT_FOLD_MAX];
        size_t k = text_fold_cp(cp, folded);
        if (!k)
            return 0;
        for (size_t q = 0; q < k; q++) {
            if (folded[q] >= 0x80 || wl + 1 >= wcap)
                return 0;
            w[wl++] = (char)folded[q];
        }
        j += n;
    }
    w[wl] = '\0';
    *i = j;
    return wl;
}

static int month_number(const char *w)
{
    static const struct {
        const char *name;
        int month;
    } months[] = {
        {"janvier", 1},  {"janv", 1},  {"fevrier", 2},   {"fevr", 2},      {"fev", 2},
        {"mars", 3},     {"avril", 4}, {"avr", 4},       {"mai", 5},       {"juin", 6},
        {"juillet", 7},  {"juil", 7},  {"aout", 8},      {"septembre", 9}, {"sept", 9},
        {"octobre", 10}, {"oct", 10},  {"novembre", 11}, {"nov", 11},      {"decembre", 12},
        {"dec", 12},
    };
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++)
        if (strcmp(w, months[k].name) == 0)
            return months[k].month;
    return 0;
}

/* Tries to read a date starting at s[start] (a digit not preceded by a
 * digit). On success sets *end past it and fills out. */
static int date_at(const char *s, size_t len, size_t start, size_t *end, char out[11])
{
    size_t i = start;
    int a, b, c;
    /* ISO: 2018-01-27 */
    if (read_number(s, len, &i, 4, 4, &a)) {
        if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
            char sep = s[i++];
            if (read_number(s, len, &i, 2, 2, &b) && i < len && s[i] == sep) {
                i++;
                if (read_number(s, len, &i, 2, 2, &c) && datefind_format(a, b, c, out)) {
                    *end = i;
                    return 1;
                }
            }
        }
        return 0;
    }
    if (!read_number(s, len, &i, 1, 2, &a))
        return 0;
    /* Day first: 27/01/2018, 27.01.2018, 27-01-2018 */
    if (i < len && (s[i] == '/' || s[i] == '.' || s[i] == '-')) {
        size_t j = i;
        char sep = s[j++];
        if (read_number(s, len, &j, 1, 2, &b) && j < len && s[j] == sep) {
            j++;
            if (read_number(s, len, &j, 4, 4, &c) && datefind_format(c, b, a, out)) {
                *end = j;
                return 1;
            }
        }
        return 0;
    }
    /* Day month year: 27 janvier 2018, 1er février 2019, le27 janvier 2018 */
    size_t j = skip_spaces(s, len, i);
    if (a == 1) {
        if (j + 1 < len && (s[j] == 'e' || s[j] == 'E') && (s[j + 1] == 'r' || s[j + 1] == 'R'))
            j += 2;
        else if (j + 5 <= len && memcmp(s + j, "\xE1\xB5\x89\xCA\xB3", 5) == 0) /* ᵉʳ */
            j += 5;
    }
    j = skip_spaces(s, len, j);
    char w[16];
    if (!read_word(s, len, &j, w, sizeof w))
        return 0;
    b = month_number(w);
    if (!b)
        return 0;
    if (j < len && s[j] == '.')
        j++;
    j = skip_spaces(s, len, j);
    if (!read_number(s, len, &j, 4, 4, &c) || !datefind_format(c, b, a, out))
        return 0;
    *end = j;
    return 1;
}

int datefind_parse(const char *s, size_t len, char out[11])
{
    size_t i = skip_spaces(s, len, 0), end;
    char tmp[11];
    if (i >= len || !is_digit(s[i]) || !date_at(s, len, i, &end, tmp))
        return 0;
    /* An ISO timestamp may follow the date. */
    if (end < len && s[end] == 'T' && end >= 10 && s[i + 4] == '-') {
        memcpy(out, tmp, 11);
        return 1;
    }
    if (skip_spaces(s, len, end) != len)
        return 0;
    memcpy(out, tmp, 11);
    return 1;
}

static int ends_with_word(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (len < wl)
        return 0;
    for (size_t k = 0; k < wl; k++) {
        if (text_ascii_lower(s[len - wl + k]) != word[k])
            return 0;
    }
    return 1;
}

/* The text before a date on its line says « this is a dateline » when it
 * is empty or ends with « le », a weekday, ',' or ':' (« Paris, le »,
 * « Le mardi », « Date : »). */
static int dateline_prefix(const char *p, size_t n)
{
    static const char *const words[] = {"le",    "lundi",    "mardi",  "mercredi",
                                        "jeudi", "vendredi", "samedi", "dimanche"};
    if (n == 0)
        return 1;
    if (p[n - 1] == ',' || p[n - 1] == ':')
        return 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (ends_with_word(p, n, words[k]))
            return 1;
    return 0;
}

#define TOP_BYTES 6000  /* datelines and heading dates count this far */
#define WEAK_BYTES 1500 /* plain dates count only in the opening lines */
#define END_BYTES 1500  /* a dateline this close to the end is a signature */

static datefind_strength classify(const char *s, size_t len, size_t start, size_t end)
{
    size_t ls = start, le = end;
    while (ls > 0 && s[ls - 1] != '\n')
        ls--;
    while (le < len && s[le] != '\n')
        le++;
    size_t ps = ls, pe = start;
    while (ps < pe && (s[ps] == ' ' || s[ps] == '\t'))
        ps++;
    while (pe > ps && (s[pe - 1] == ' ' || s[pe - 1] == '\t'))
        pe--;
    size_t se = le;
    int period = 0;
    while (se > end && strchr(" \t.,;)\r", s[se - 1]))
        period |= s[--se] == '.';
    if (se > end)
        return DATEFIND_WEAK;
    if (pe - ps <= 60 && dateline_prefix(s + ps, pe - ps))
        return DATEFIND_DATELINE;
    /* « Réunion du 3 mai 2019 », but not a sentence « La loi du 5 août 2013. » */
    if (pe - ps <= 100 && !period)
        return DATEFIND_HEADING;
    return DATEFIND_WEAK;
}

datefind_strength datefind_document(const char *text, size_t len, char out[11])
{
    int best_score = 0;
    datefind_strength best_strength = DATEFIND_NONE;
    char best[11] = "";
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1])))
            continue;
        size_t end;
        char d[11];
        if (!date_at(text, len, i, &end, d))
            continue;
        datefind_strength st = classify(text, len, i, end);
        int score = 0;
        if (st == DATEFIND_DATELINE && i < TOP_BYTES)
            score = 6;
        else if (st == DATEFIND_HEADING && i < TOP_BYTES)
            score = 5;
        else if (st == DATEFIND_DATELINE && len - i <= END_BYTES)
            score = 4;
        else if (i < WEAK_BYTES)
            score = 2;
        if (score > best_score) {
            best_score = score;
            best_strength = score == 2 ? DATEFIND_WEAK : st;
            memcpy(best, d, sizeof best);
        }
        i = end - 1;
    }
    if (best_strength != DATEFIND_NONE)
        memcpy(out, best, 11);
    return best_strength;
}
