/* ocr: tesseract through its C API (see ocr.h). The engine reads OCR_LANG
 * with its default (LSTM) model and automatic page segmentation; its debug
 * output goes to /dev/null rather than into the indexer's error stream.
 * OpenMP threads are not started here: the indexer sets OMP_THREAD_LIMIT=1
 * in its workers' environment, read when libgomp loads. */
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#ifdef REPERE_OCR
#include <tesseract/capi.h>

static TessBaseAPI *ocr_api;
static char ocr_engine_name[64];

const char *ocr_engine(void)
{
    if (!ocr_engine_name[0])
        snprintf(ocr_engine_name, sizeof ocr_engine_name, "tesseract %s", TessVersion());
    return ocr_engine_name;
}

int ocr_available(char *why, size_t whylen)
{
    if (ocr_api)
        return 1;
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api) {
        snprintf(why, whylen, "tesseract could not start");
        return 0;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, NULL, OCR_LANG) != 0) {
        snprintf(why, whylen, "tesseract has no '%s' language data (Debian: tesseract-ocr-%s)",
                 OCR_LANG, OCR_LANG);
        TessBaseAPIDelete(api);
        return 0;
    }
    ocr_api = api;
    return 1;
}

int ocr_read_gray(const unsigned char *pixels, int width, int height, int stride, int dpi,
                  char **text, char *err, size_t errlen)
{
    *text = NULL;
    if (!ocr_available(err, errlen))
        return -1;
    TessBaseAPISetImage(ocr_api, pixels, width, height, 1, stride);
    TessBaseAPISetSourceResolution(ocr_api, dpi);
    char *out = TessBaseAPIGetUTF8Text(ocr_api);
    TessBaseAPIClear(ocr_api);
    if (!out) {
        snprintf(err, errlen, "tesseract could not read the page");
        return -1;
    }
    *text = buf_xstrndup(out, strlen(out));
    TessDeleteText(out);
    return 0;
}

void ocr_release(void)
{
    if (ocr_api) {
        TessBaseAPIEnd(ocr_api);
        TessBaseAPIDelete(ocr_api);
        ocr_api = NULL;
    }
}

#else

const char *ocr_engine(void)
{
    return NULL;
}

int ocr_available(char *why, size_t whylen)
{
    snprintf(why, whylen, "this build has no OCR (built without libtesseract-dev)");
    return 0;
}

int ocr_read_gray(const unsigned char *pixels, int width, int height, int stride, int dpi,
                  char **text, char *err, size_t errlen)
{
    (void)pixels;
    (void)width;
    (void)height;
    (void)stride;
    (void)dpi;
    *text = NULL;
    return ocr_available(err, errlen) ? 0 : -1;
}

void ocr_release(void) {}

#endif
