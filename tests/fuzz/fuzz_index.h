/* fuzz_index: a small index with the real schema (schema_open, hence the
 * real tokenizer and tables) and a few French documents, written with the
 * protocol of schema.h, for targets that run queries against FTS5. */
#ifndef REPERE_FUZZ_INDEX_H
#define REPERE_FUZZ_INDEX_H

#include "fuzz_util.h"
#include "schema.h"

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
};

/* Opens path (":memory:" or a file) read-write and fills it. */
static inline sqlite3 *fuzz_index_create(const char *path)
{
    sqlite3 *db = NULL;
    char err[512];
    if (schema_open(path, SCHEMA_READWRITE, &db, err, sizeof err) != 0)
        fuzz_fail("schema_open(%s): %s", path, err);
    fuzz_exec(db, "BEGIN");
    for (size_t i = 0; i < sizeof fuzz_index_docs / sizeof fuzz_index_docs[0]; i++) {
        char *sql = sqlite3_mprintf(
            "INSERT INTO documents(id, path, url, format, title, date, year, headings, pages,"
            " bytes, mtime_ns, hash, indexed_at) VALUES (%d, 'doc%d.txt', 'file:///doc%d.txt',"
            " 'text', %Q, '2018-01-27', 2018, %Q, 0, 100, 0, 'h', '2026-01-01T00:00:00Z');"
            "INSERT INTO chunks(id, doc_id, seq, page, heading, text) VALUES (%lld, %d, 0, 0, %Q,"
            " %Q);"
            "INSERT INTO chunks(id, doc_id, seq, page, heading, text) VALUES (%lld, %d, 1, 0, %Q,"
            " %Q);"
            "INSERT INTO docs_fts(rowid, title, headings, body)"
            " SELECT id, title, headings, body FROM docs_text WHERE id = %d;",
            (int)i + 1, (int)i + 1, (int)i + 1, fuzz_index_docs[i][0], fuzz_index_docs[i][1],
            (long long)SCHEMA_CHUNK_ID(i + 1, 0), (int)i + 1, fuzz_index_docs[i][1],
            fuzz_index_docs[i][2], (long long)SCHEMA_CHUNK_ID(i + 1, 1), (int)i + 1,
            fuzz_index_docs[i][1], fuzz_index_docs[(i + 1) % 4][2], (int)i + 1);
        fuzz_exec(db, sql);
        sqlite3_free(sql);
    }
    fuzz_exec(db, "COMMIT");
    return db;
}

#endif
