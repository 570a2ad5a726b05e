/* sync: the indexer's incremental-sync policy. Which walked file needs
 * reading (size and mtime first, the content hash after), which mtime to
 * record (a "racy" file is hashed again next run), which documents --prune
 * removes (under a walked root, file gone), and when a batch of writes
 * commits (counting only what was committed), which indexed PDFs are read
 * again for OCR (pages left unread, or --ocr force). Decisions only: the indexer
 * (main.c) walks, extracts and writes. */
#ifndef REPERE_SYNC_H
#define REPERE_SYNC_H

#include <sqlite3.h>
#include <stddef.h>

#include "store.h"

/* A file modified less than this before it was read may be rewritten
 * within the same mtime tick: coarser than any file system's granularity
 * (FAT: 2 s). */
#define SYNC_RACY_NS 2000000000LL
/* A batch commits after this many writes or this many seconds. */
#define SYNC_BATCH_WRITES 100
#define SYNC_BATCH_SECONDS 0.2

/* A document the index held when the run started. */
typedef struct {
    sqlite3_int64 id;
    sqlite3_int64 bytes;
    sqlite3_int64 mtime_ns;
    char hash[STORE_HASH_LEN];
    char *url;
    int is_pdf;
    int ocr;  /* SCHEMA_OCR_* */
    int seen; /* its file was met by this run's walk */
} sync_doc;

/* What this run does with scanned pages (--ocr). */
typedef enum {
    SYNC_OCR_OFF,     /* nothing: they stay without text */
    SYNC_OCR_MISSING, /* reads the scanned pages not read yet */
    SYNC_OCR_FORCE,   /* reads every page of every PDF, text or not */
} sync_ocr_mode;

typedef struct sync_state sync_state;

sync_state *sync_new(sync_ocr_mode ocr);
void sync_free(sync_state *s);

/* Records a document of the index (from store_each); always returns 0. */
int sync_add_known(void *s, const store_entry *e);

typedef enum {
    SYNC_SEEN_BEFORE, /* the walk met this path already (overlapping PATHs) */
    SYNC_UNCHANGED,   /* same size and mtime as indexed: not read */
    SYNC_NEW_URL,     /* unchanged, but its URL is new: record it */
    SYNC_READ,        /* new or changed size/mtime: hash, maybe extract */
    SYNC_EXTRACT,     /* OCR has pages to read in it: extract, whatever its hash */
} sync_action;

/* What to do with a walked file; *doc is set to its indexed document, or
 * NULL for a new file. Marks the document seen. An indexed PDF is
 * extracted again (SYNC_EXTRACT) when this run's OCR mode has pages to
 * read in it: scanned pages left unread, or --ocr force on a PDF not yet
 * read whole. */
sync_action sync_walked(sync_state *s, const char *path, sqlite3_int64 bytes,
                        sqlite3_int64 mtime_ns, const char *url, sync_doc **doc);

/* The mtime to record for a file whose content was read at read_ns
 * (CLOCK_REALTIME): 0 when the file was modified less than SYNC_RACY_NS
 * before, so that the next run hashes it again rather than trust size and
 * mtime (git's "racily clean" entries). */
sqlite3_int64 sync_recorded_mtime(sqlite3_int64 mtime_ns, sqlite3_int64 read_ns);

/* Calls fn for each document not seen by the walk whose path is under one
 * of roots (walk_is_under) and whose file is gone (lstat says ENOENT or
 * ENOTDIR; any other error keeps it). A non-zero return from fn stops and
 * is returned. */
typedef int (*sync_gone_fn)(void *ctx, const char *path, const sync_doc *doc);
int sync_each_gone(sync_state *s, char *const *roots, int n_roots, sync_gone_fn fn, void *ctx);

/* Write counts, as the summary line reports them. */
typedef struct {
    size_t added, updated, unchanged, removed;
} sync_counts;

/* A batch of writes in one transaction: what it holds counts only once it
 * commits (sync_batch_committed), so that an interrupted run reports what
 * the index really holds. */
typedef struct {
    int open;
    double start; /* monotonic seconds when it began */
    int writes;
    sync_counts pending;
    sync_counts committed;
} sync_batch;

typedef enum {
    SYNC_WROTE_ADDED,
    SYNC_WROTE_UPDATED,
    SYNC_WROTE_UNCHANGED, /* content hash unchanged: new mtime recorded */
    SYNC_WROTE_REMOVED,
    SYNC_WROTE_URL, /* counted as unchanged by the walk already */
} sync_write;

void sync_batch_begin(sync_batch *b, double now);
/* Counts one write of the open batch. */
void sync_batch_wrote(sync_batch *b, sync_write w);
/* Whether an open batch should commit now (force: at the end of a run). */
int sync_batch_due(const sync_batch *b, double now, int force);
void sync_batch_committed(sync_batch *b);
/* The batch was rolled back: what it held is forgotten. */
void sync_batch_rolled_back(sync_batch *b);

#endif
