#!/usr/bin/env bash
# Line coverage of lib/ reached by a fuzz target's corpora: builds the target
# with clang's source-based coverage (no sanitizers, driver.c as main()),
# replays tests/fuzz/corpus-work/<target>, its seeds and its regressions, and
# prints llvm-cov's report for the lib sources named (all of lib/ by default).
#   coverage.sh <target> [lib/file.c ...]
# Output in build/fuzz/cov/<target>.{profdata,txt}; `llvm-cov show` on the
# same files lists the lines never reached.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/targets.sh

t=${1:?usage: $0 target [lib/file.c ...]}
shift
OUT=build/fuzz/cov
PKGS="sqlite3 libxml-2.0 libzip poppler-glib cairo glib-2.0 libutf8proc libmicrohttpd jansson"
if pkg-config --exists tesseract lept 2>/dev/null; then PKGS="$PKGS tesseract lept"; fi
COV="-O1 -g -fprofile-instr-generate -fcoverage-mapping"
make --no-print-directory -s CC=clang BUILD=$OUT WARN="-Wall -Wextra" CFLAGS="$COV" "$OUT/librepere.a" >&2
objs=()
for o in $(fuzz_objects "$t"); do
  objs+=("$OUT/$o")
done
if [ ${#objs[@]} -gt 0 ]; then
  make --no-print-directory -s CC=clang BUILD=$OUT WARN="-Wall -Wextra" CFLAGS="$COV" "${objs[@]}" >&2
fi
# shellcheck disable=SC2046
clang -std=c11 -D_GNU_SOURCE $COV $(pkg-config --cflags $PKGS) -iquote lib -Ilib -Isearchd -Iindexer \
  -o "$OUT/fuzz_$t" "tests/fuzz/fuzz_$t.c" tests/fuzz/driver.c "${objs[@]}" "$OUT/librepere.a" \
  $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
i=0
while IFS= read -r f; do
  i=$((i + 1))
  ln -s "$PWD/$f" "$seeds/seed-$i"
done < <(fuzz_seed_files "$t")
dirs=("$seeds")
for d in "tests/fuzz/corpus-work/$t" "tests/fuzz/regressions/$t"; do
  [ -d "$d" ] && dirs+=("$d")
done
rm -f "$OUT/$t".*.profraw
LLVM_PROFILE_FILE="$OUT/$t.%p.profraw" "$OUT/fuzz_$t" "${dirs[@]}" >&2
llvm-profdata merge -sparse "$OUT/$t".*.profraw -o "$OUT/$t.profdata"
rm -f "$OUT/$t".*.profraw
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(lib/*.c)
llvm-cov report "$OUT/fuzz_$t" -instr-profile="$OUT/$t.profdata" "${files[@]}" | tee "$OUT/$t.txt"
