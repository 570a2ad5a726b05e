/* fuzz_extract_rtf: arbitrary bytes through the RTF reader (groups, control
 * words, \'hh and \uN decoding with the document's code page, skipped
 * destinations, \bin, the paragraph flow). Same contract checks as the
 * other extractor targets (fuzz_doc.h). Seeds: tests/fuzz/seeds/extract_rtf/. */
#include "extract.h"
#include "fuzz_doc.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract_one(EXTRACT_FORMAT_RTF, "document.rtf", data, size);
    return 0;
}
