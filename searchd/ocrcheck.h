/* ocrcheck: whether the indexer beside this searchd (bin/indexer next to
 * bin/searchd) can read scanned pages, for /healthz. The indexer is asked
 * in its own process (indexer OCR_PROBE_ARG: tesseract started with its
 * language data, about 0.2 s), so that searchd neither links tesseract nor
 * keeps the memory its language data takes. Does not cache the answer
 * (api.c asks once). */
#ifndef REPERE_OCRCHECK_H
#define REPERE_OCRCHECK_H

/* How long the indexer may take to answer. */
#define OCRCHECK_TIMEOUT_MS 30000

typedef struct {
    int available;
    char engine[64];   /* "tesseract 5.3.0" when available */
    char language[16]; /* "fra" */
    int dpi;           /* 300 */
    char reason[256];  /* why not, when not available */
} ocrcheck_result;

/* Asks the indexer in the directory of this program; never fails: an
 * indexer that is missing, crashes or does not answer makes available 0
 * with the reason. */
void ocrcheck_run(ocrcheck_result *out);

#endif
