/* fuzz_doc_deserialize: arbitrary bytes as what an extraction worker sends
 * the indexer (indexer/wire.c): a document, and a whole result message.
 * The worker parses untrusted documents, so the indexer must not trust what
 * it sends: malformed messages are refused (-1), accepted documents must be
 * well-formed and re-serialise to an equal document. */
#include "extract.h"
#include "fuzz_util.h"
#include "fuzz_doc.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    extract_doc doc;
    extract_doc_init(&doc);
    if (wire_doc_deserialize((const char *)data, size, &doc) == 0) {
        if (doc.n_chunks > doc.cap_chunks || (doc.n_chunks && !doc.chunks))
            fuzz_fail("chunk array inconsistent: %zu of %zu", doc.n_chunks, doc.cap_chunks);
        fuzz_check_roundtrip(&doc);
    }
    extract_doc_free(&doc);

    wire_result res;
    if (wire_get_result((const char *)data, size, &res) == 0) {
        if (res.kind == WIRE_DOC)
            fuzz_check_roundtrip(&res.doc);
        else if (res.kind == WIRE_TEXT) {
            /* an OCR page: one chunk of text on a page */
            if (res.doc.n_chunks != 1 || res.doc.chunks[0].page < 1 || !res.doc.chunks[0].text)
                fuzz_fail("an OCR page result is not one chunk on a page");
        } else if (res.kind != WIRE_SAME && res.kind != WIRE_ERROR)
            fuzz_fail("unknown result kind %d accepted", (int)res.kind);
    }
    extract_doc_free(&res.doc);
    return 0;
}
