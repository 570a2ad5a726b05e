/* extract_pdf: placeholder until the poppler-glib extractor lands. */
#include "extract.h"

#include <stdio.h>

int extract_pdf(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    (void)data;
    (void)len;
    (void)doc;
    snprintf(err, errlen, "PDF extraction is not built yet");
    return EXTRACT_EFORMAT;
}
