/* fuzz_doc_deserialize: arbitrary bytes as the pipe message an extraction
 * child sends the indexer. The child parses untrusted documents, so the
 * indexer must not trust what it sends: malformed messages are refused
 * (-1), accepted ones must be well-formed documents that re-serialise to an
 * equal document. */
#include "extract.h"
#include "fuzz_util.h"
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    extract_doc doc;
    extract_doc_init(&doc);
    if (extract_doc_deserialize((const char *)data, size, &doc) == 0) {
        if (doc.n_chunks > doc.cap_chunks || (doc.n_chunks && !doc.chunks))
            fuzz_fail("chunk array inconsistent: %zu of %zu", doc.n_chunks, doc.cap_chunks);
        fuzz_check_roundtrip(&doc);
    }
    extract_doc_free(&doc);
    return 0;
}
