/* fuzz_index: a small index with the real schema (schema_open, hence the
 * real tokenizer and tables) and a few French documents, written by the
 * real writer (store_put), for targets that run queries against FTS5. */
#ifndef REPERE_FUZZ_INDEX_H
#define REPERE_FUZZ_INDEX_H

#include "fuzz_util.h"
#include "schema.h"
#include "store.h"

static const char *const fuzz_index_docs[][3] = {
    {"Mineurs non accompagnés", "Protection de l'enfance",
     "La mission mineurs non accompagnés (MMNA) du ministère de la Justice répartit les "
     "jeunes. L'aide sociale à l'enfance (ASE) les accueille."},
    {"Traite des êtres humains", "Identification des victimes",
     "La traite des êtres humains est définie à l'article 225-4-1 du code pénal. "
     "Exploitation sexuelle, travail forcé, esclavage domestique : l'O.N.U. et le GRETA."},
    {"Compte-rendu des rencontres du Collectif", "2. LETTRE AU PRÉSIDENT",
     "Paris, le 27 janvier 2018. Le traité, le traitement des données et la traite ; "
     "obligation de quitter le territoire français (OQTF), L.425-1 du CESEDA, 1er mai."},
    {"Fiche pratique", "Œuvres et cœur",
     "Les ﬁlles et les ﬂux d’hébergement ; jusqu’à présent, lorsqu’elles arrivent, "
     "qu’il s’agisse d’enfants… « sans papiers » — prostitution forcée."},
    /* Longer than a snippet: the passage is chosen inside the chunk. */
    {"Réunion du collectif", "Questions des familles",
     "La protection judiciaire de la jeunesse (PJJ) suit les mineurs. Les éducateurs de la "
     "protection de l'enfance et les juges de la jeunesse se réunissent chaque mois ; la "
     "protection, judiciaire ou non, reste la priorité. Qu'est-ce que la traite des êtres "
     "humains ? C'est l'exploitation d'une personne : travail forcé, mendicité forcée. Lors "
     "des rencontres, tout le collectif a même évoqué les victimes mineures, vers qui les "
     "associations se tournent. Les jeunes sans papiers et les mineurs non accompagnés "
     "demandent une aide sociale à l'enfance. Est-ce que le département doit les héberger ? "
     "Où trouver un hébergement d'urgence ? ASE : aide sociale à l'enfance. Le mineur non "
     "accompagné est un enfant sans représentant légal ; la définition vient de la directive."},
};
#define FUZZ_INDEX_NDOCS (sizeof fuzz_index_docs / sizeof fuzz_index_docs[0])

/* Opens path (":memory:" or a file) read-write and fills it. */
static inline sqlite3 *fuzz_index_create(const char *path)
{
    sqlite3 *db = NULL;
    store *st = NULL;
    char err[512];
    if (schema_open(path, SCHEMA_READWRITE, &db, err, sizeof err) != 0 ||
        store_open(db, &st, err, sizeof err) != 0 || store_begin(st, err, sizeof err) != 0)
        fuzz_fail("index %s: %s", path, err);
    for (size_t i = 0; i < FUZZ_INDEX_NDOCS; i++) {
        char name[32], url[48];
        snprintf(name, sizeof name, "doc%zu.txt", i + 1);
        snprintf(url, sizeof url, "file:///%s", name);
        extract_chunk chunks[2] = {
            {0, (char *)fuzz_index_docs[i][1], (char *)fuzz_index_docs[i][2]},
            {0, (char *)fuzz_index_docs[i][1],
             (char *)fuzz_index_docs[(i + 1) % FUZZ_INDEX_NDOCS][2]},
        };
        extract_doc doc = {.format = EXTRACT_FORMAT_TEXT,
                           .title = (char *)fuzz_index_docs[i][0],
                           .date = (char *)"2018-01-27",
                           .headings = (char *)fuzz_index_docs[i][1],
                           .chunks = chunks,
                           .n_chunks = 2,
                           /* every other document has keywords: its last chunk */
                           .keywords = i % 2 ? (char *)"traite, mineurs non accompagnés\n"
                                                       "protection de l'enfance ; ASE"
                                             : NULL};
        store_file f = {.path = name, .url = url, .bytes = 100, .hash = "h"};
        if (store_put(st, &f, &doc, NULL, NULL, err, sizeof err) != 0)
            fuzz_fail("store_put: %s", err);
    }
    if (store_commit(st, err, sizeof err) != 0)
        fuzz_fail("commit: %s", err);
    store_close(st);
    return db;
}

#endif
