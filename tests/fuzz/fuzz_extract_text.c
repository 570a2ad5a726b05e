/* fuzz_extract_text: arbitrary bytes through the minutes/notes extractor
 * (UTF-8 / UTF-16 / Windows-1252 detection, CRLF and form feeds, title, date
 * and numbered headings). Same contract checks as fuzz_extract_html. */
#include "extract.h"
#include "fuzz_util.h"
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract_one(EXTRACT_FORMAT_TEXT, "minutes.txt", data, size);
    return 0;
}
