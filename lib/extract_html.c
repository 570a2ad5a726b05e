/* extract_html: placeholder until the libxml2 extractor lands. */
#include "extract.h"

#include <stdio.h>

int extract_html(const char *data, size_t len, extract_doc *doc, char *err, size_t errlen)
{
    (void)data;
    (void)len;
    (void)doc;
    snprintf(err, errlen, "HTML extraction is not built yet");
    return EXTRACT_EFORMAT;
}
