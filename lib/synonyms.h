/* synonyms: the acronym and synonym file (corpus/synonymes.txt), one group
 * per line, sides separated by "=" ("MNA = mineurs non accompagnés"), "#"
 * comments. Expansion is symmetric; multi-word sides are phrases. */
#ifndef REPERE_SYNONYMS_H
#define REPERE_SYNONYMS_H

#include <stddef.h>

typedef struct synonyms synonyms;

/* Loads path. Returns 0, or -1 with err set (a missing file is an error). */
int synonyms_load(const char *path, synonyms **out, char *err, size_t errlen);
void synonyms_free(synonyms *s);

#endif
