/* ocrcheck: the indexer's last OCR check, recorded in the index (state row
 * SCHEMA_STATE_OCR of schema.h) so that searchd's /healthz can say whether
 * scanned pages get read without loading the OCR engine itself. Stores and
 * reads the record; knows nothing of OCR (the indexer makes the check with
 * ocr.h and decides when it is due). */
#ifndef REPERE_OCRCHECK_H
#define REPERE_OCRCHECK_H

#include <sqlite3.h>
#include <stddef.h>

/* A record older than this is checked again by the next run. */
#define OCRCHECK_MAX_AGE_S (24 * 3600)

typedef struct {
    int available;       /* 1: the indexer can read scanned pages */
    char engine[64];     /* available: "tesseract 5.3.0" */
    char language[16];   /* available: OCR_LANG */
    int dpi;             /* available: OCR_DPI */
    char reason[256];    /* not available: why, in plain words */
    char checked_at[32]; /* when, ISO 8601 in UTC ("2026-12-05T09:30:00Z") */
    long long age_s;     /* seconds since checked_at (ocrcheck_read) */
} ocrcheck;

/* Records c (its engine, language and dpi when available, else its
 * reason), checked now: checked_at and age_s are not read. db is opened
 * read-write by schema_open; one statement, so it needs no transaction.
 * Returns 0, or -1 with err set. */
int ocrcheck_write(sqlite3 *db, const ocrcheck *c, char *err, size_t errlen);

/* Reads the record into *c (a read-only connection is fine). Returns 1,
 * 0 when the index holds none (made by an indexer older than the record),
 * or -1 when it cannot be read (sqlite3_errmsg(db) says why). */
int ocrcheck_read(sqlite3 *db, ocrcheck *c);

/* Should a run that did not try the engine itself check it again, given
 * the record (NULL: none) and the engine this indexer was built with
 * (NULL: none)? Yes when there is no record, it says unavailable (a
 * failed check is cheap: no language data to load), it names another
 * engine, language or resolution, or it is older than OCRCHECK_MAX_AGE_S;
 * a successful check costs about 0.15 s of CPU, which a run indexing one
 * file should not pay every time. */
int ocrcheck_due(const ocrcheck *recorded, const char *engine, const char *language, int dpi);

#endif
