/* split_hits.h: an FTS5 auxiliary function for the tests of lib/split.c
 * (test_split and fuzz_phrase): every phrase's size and hits in the row
 * as text ("0/3: 2.14 2.40;1/1: 0.2;"), through the plan's view when a
 * split_plan is bound as its argument, else FTS5's own. Both compare the
 * two texts for one expression written both ways. */
#ifndef REPERE_TEST_SPLIT_HITS_H
#define REPERE_TEST_SPLIT_HITS_H

#include <sqlite3.h>

#include "buf.h"
#include "split.h"

static void split_hits_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                          int argc, sqlite3_value **argv)
{
    split_plan *plan = argc == 1 ? sqlite3_value_pointer(argv[0], SPLIT_POINTER) : NULL;
    if (plan)
        split_view(plan, &api, &fts);
    buf b = BUF_INIT;
    for (int ph = 0; ph < api->xPhraseCount(fts); ph++) {
        Fts5PhraseIter it;
        int col, off;
        buf_printf(&b, "%d/%d:", ph, api->xPhraseSize(fts, ph));
        if (api->xPhraseFirst(fts, ph, &it, &col, &off) != SQLITE_OK) {
            sqlite3_result_error(ctx, "xPhraseFirst failed", -1);
            buf_free(&b);
            return;
        }
        for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off))
            buf_printf(&b, " %d.%d", col, off);
        buf_putc(&b, ';');
    }
    sqlite3_result_text(ctx, b.data ? b.data : "", -1, SQLITE_TRANSIENT);
    buf_free(&b);
}

#endif
