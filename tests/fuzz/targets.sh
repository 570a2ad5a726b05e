# Fuzz target table, sourced by build.sh, run.sh and replay.
# For each target: the lib sources it needs (a target is skipped until they
# exist on the branch), the largest input libFuzzer may generate, and the
# seed files from corpus/ and tests/fixtures/ (besides seeds/<target>/).

FUZZ_TARGETS="extract_html extract_text extract_zip extract_rtf text tokenizer query snippet search_params doc_deserialize acronym title phrase define"

fuzz_requires() {
  case $1 in
    extract_html) echo "lib/extract_html.c" ;;
    extract_text) echo "lib/extract_text.c" ;;
    extract_zip) echo "lib/container.c lib/extract_docx.c lib/extract_odt.c lib/extract_epub.c" ;;
    extract_rtf) echo "lib/extract_rtf.c" ;;
    text) echo "lib/text.c lib/text.h lib/datefind.c lib/datefind.h" ;;
    tokenizer) echo "lib/analyzer.c" ;;
    query) echo "lib/query.c lib/grammar.c lib/morph.c lib/piece.c lib/analyzer.c lib/synonyms.c" ;;
    snippet) echo "lib/snippet.c lib/snippet.h lib/query.c lib/analyzer.c lib/text.c" ;;
    search_params) echo "lib/search.c searchd/api.c searchd/ctxpool.c searchd/metrics.c" ;;
    doc_deserialize) echo "lib/extract.c indexer/wire.c" ;;
    acronym) echo "lib/acronym.c lib/synonyms.c lib/query.c" ;;
    title) echo "lib/title.c lib/text.c" ;;
    phrase) echo "lib/phrase.c lib/phrase.h lib/split.c lib/split.h" ;;
    define) echo "lib/define.c lib/define.h lib/text.c" ;;
  esac
}

# Objects from outside lib/ a target links (built by the Makefile's rules
# into the same build tree as the lib).
fuzz_objects() {
  case $1 in
    search_params) echo "searchd/api.o searchd/ctxpool.o searchd/metrics.o searchd/static_assets.o" ;;
    extract_html | extract_text | extract_zip | extract_rtf | doc_deserialize) echo "indexer/wire.o" ;;
  esac
}

fuzz_max_len() {
  case $1 in
    extract_html | extract_text | extract_zip | extract_rtf) echo 65536 ;;
    text | snippet) echo 16384 ;;
    title) echo 8192 ;;
    tokenizer | acronym) echo 4096 ;;
    query | search_params | phrase) echo 2048 ;;
    *) echo 8192 ;;
  esac
}

# Prints the seed files of a target, one per line (paths relative to the root).
fuzz_seed_files() {
  local t=$1
  [ -d "tests/fuzz/seeds/$t" ] && find "tests/fuzz/seeds/$t" -type f
  case $t in
    extract_html)
      find corpus tests/fixtures -type f \( -name '*.html' -o -name '*.htm' \) -size -256k 2>/dev/null ;;
    extract_rtf)
      find corpus tests/fixtures -type f -name '*.rtf' -size -256k 2>/dev/null ;;
    extract_zip)
      find corpus tests/fixtures -type f \( -name '*.docx' -o -name '*.odt' -o -name '*.epub' \) -size -256k 2>/dev/null ;;
    extract_text | text | tokenizer | snippet | acronym)
      find corpus tests/fixtures -type f \( -name '*.txt' -o -name '*.md' \) -size -64k 2>/dev/null ;;
  esac
  return 0
}
