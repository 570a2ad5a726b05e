/* titles: for the title audit (tests/audit/README), prints what title.c
 * makes of every title written in capitals among the files named on
 * stdin (one path a line): "path TAB title as written TAB title shown".
 * A line "path TAB TITLE" instead asks what title.c makes of TITLE (a
 * made-up title in capitals) with that file's text: the same three columns.
 * Built by `make audit-titles`; linked with --wrap=title_from_capitals so
 * that extract_buffer's own call is the one seen, with its input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "fileread.h"
#include "title.h"

char *__real_title_from_capitals(const char *title, const char *const *texts, size_t n);
char *__wrap_title_from_capitals(const char *title, const char *const *texts, size_t n);

static const char *titles_path;
static const char *titles_made; /* the made-up title asked about, or NULL */

char *__wrap_title_from_capitals(const char *title, const char *const *texts, size_t n)
{
    if (titles_made) {
        char *m = __real_title_from_capitals(titles_made, texts, n);
        printf("%s\t%s\t%s\n", titles_path, titles_made, m ? m : titles_made);
        free(m);
    }
    char *t = __real_title_from_capitals(title, texts, n);
    if (t && !titles_made)
        printf("%s\t%s\t%s\n", titles_path, title, t);
    return t;
}

int main(void)
{
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        titles_made = tab ? tab + 1 : NULL;
        if (tab)
            *tab = '\0';
        char *data = NULL, err[256];
        size_t len = 0;
        if (fileread_all(line, 64u << 20, &data, &len, err, sizeof err) != FILEREAD_OK)
            continue;
        extract_doc doc;
        extract_doc_init(&doc);
        titles_path = line;
        extract_format f = extract_detect(line, (const unsigned char *)data, len < 1024 ? len : 1024);
        if (f != EXTRACT_FORMAT_NONE && extract_buffer(f, line, data, len, &doc, err, sizeof err) == 0)
            extract_doc_free(&doc);
        free(data);
    }
    return 0;
}
