/* fuzz_tokenizer: arbitrary bytes through the French analyzer, in document
 * and query modes, directly and as the FTS5 tokenizer "repere". Checks:
 * offsets inside the text, non-empty valid UTF-8 tokens (they
 * become index terms, vocabulary and suggestions in JSON), no colocated
 * first token, the same tokens every time (FTS5 integrity-check re-tokenises
 * and compares), and no SQLite error. */
#include "analyzer.h"
#include "fuzz_util.h"

typedef struct {
    size_t len;      /* input length */
    size_t n;        /* tokens so far */
    size_t last_end; /* end offset of the last token */
    unsigned long long hash;
} tok_state;

static int tok_cb(void *ctx, int flags, const char *token, size_t len, size_t start, size_t end)
{
    tok_state *st = ctx;
    if (!token || len == 0)
        fuzz_fail("empty token at %zu..%zu", start, end);
    if (!fuzz_utf8_ok(token, len))
        fuzz_fail("token at %zu..%zu is not valid UTF-8 (%zu bytes)", start, end, len);
    if (start > end || end > st->len)
        fuzz_fail("token offsets %zu..%zu outside the text (%zu bytes)", start, end, st->len);
    if ((flags & ANALYZER_COLOCATED) && st->n == 0)
        fuzz_fail("first token is colocated");
    if (len > 4096)
        fuzz_fail("token of %zu bytes", len);
    for (size_t i = 0; i < len; i++)
        st->hash = st->hash * 1099511628211ULL + (unsigned char)token[i];
    st->hash = st->hash * 31 + start * 7 + end + (unsigned)flags;
    st->last_end = end;
    st->n++;
    return 0;
}

static sqlite3 *tok_db;
static sqlite3_stmt *tok_insert;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (sqlite3_open(":memory:", &tok_db) != SQLITE_OK ||
        analyzer_register(tok_db, err, sizeof err) != 0)
        fuzz_fail("cannot set up the tokenizer");
    fuzz_exec(tok_db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='" ANALYZER_TOKENIZER "')");
    if (sqlite3_prepare_v2(tok_db, "INSERT INTO t(rowid, x) VALUES (1, ?)", -1, &tok_insert,
                           NULL) != SQLITE_OK)
        fuzz_fail("prepare: %s", sqlite3_errmsg(tok_db));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    for (int mode = ANALYZER_WORDS; mode <= ANALYZER_INDEX; mode++) {
        tok_state a = {size, 0, 0, 0}, b = {size, 0, 0, 0};
        int rc = analyzer_tokenize(text, size, mode, tok_cb, &a);
        if (rc != 0)
            fuzz_fail("analyzer_tokenize returned %d", rc);
        analyzer_tokenize(text, size, mode, tok_cb, &b);
        if (a.n != b.n || a.hash != b.hash)
            fuzz_fail("two tokenisations of the same text differ");
    }
    /* Through FTS5: index it, have FTS5 re-tokenise and compare, remove it. */
    sqlite3_bind_text(tok_insert, 1, text, (int)size, SQLITE_STATIC);
    if (sqlite3_step(tok_insert) != SQLITE_DONE)
        fuzz_fail("insert: %s", sqlite3_errmsg(tok_db));
    sqlite3_reset(tok_insert);
    fuzz_exec(tok_db, "INSERT INTO t(t) VALUES('integrity-check')");
    fuzz_exec(tok_db, "DELETE FROM t");
    return 0;
}
