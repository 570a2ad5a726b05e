/* fuzz_extract_html: arbitrary bytes through the HTML extractor (libxml2's
 * HTML parser, encoding detection, boilerplate removal, chunking). Beyond
 * memory safety it checks the extract_doc contract: a title on success,
 * valid UTF-8 everywhere (the text ends up in JSON), a reason on failure,
 * and that the document survives the child-to-indexer serialisation. */
#include "extract.h"
#include "fuzz_util.h"
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract_one(EXTRACT_FORMAT_HTML, "page.html", data, size);
    return 0;
}
