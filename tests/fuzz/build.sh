#!/usr/bin/env bash
# Builds the fuzz targets (tests/fuzz/fuzz_*.c) against the real lib/ sources.
#   build.sh fuzz    clang + libFuzzer + ASan + UBSan  -> build/fuzz/lf/fuzz_<target>
#   build.sh replay  gcc + ASan + UBSan, with driver.c as main() (no libFuzzer),
#                    linked with build/asan/librepere.a -> build/fuzz/replay/fuzz_<target>
# A target whose lib sources are not there yet is skipped. Prints the names
# of the targets built, one per line, on stdout; build output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/targets.sh

MODE=${1:-fuzz}
PKGS="sqlite3 libxml-2.0 libzip poppler-glib cairo glib-2.0 libutf8proc libmicrohttpd jansson"
# lib/ocr.c uses tesseract when the Makefile finds it (its OCR=yes default).
if pkg-config --exists tesseract lept 2>/dev/null; then PKGS="$PKGS tesseract lept"; fi
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS="$(pkg-config --libs $PKGS) -lstemmer -lpthread -lm"
SAN="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"

case $MODE in
  fuzz)
    CC=clang
    OUT=build/fuzz/lf
    LIB=$OUT/librepere.a
    # The lib is built with the Makefile's own rules, into its own tree.
    # Warnings are not errors here: a clang-only warning must not stop fuzzing.
    BUILD_DIR=$OUT
    MAKE_WARN="-Wall -Wextra"
    MAKE_CFLAGS="$SAN -fsanitize=fuzzer-no-link"
    make --no-print-directory -s CC=clang BUILD=$OUT WARN="$MAKE_WARN" CFLAGS="$MAKE_CFLAGS" "$LIB" >&2
    TFLAGS="$SAN -fsanitize=fuzzer"
    EXTRA=()
    ;;
  replay)
    CC=${FUZZ_CC:-gcc}
    OUT=build/fuzz/replay
    LIB=build/asan/librepere.a
    # Same tree and flags as `make asan`: in `make check` this is already built.
    BUILD_DIR=build/asan
    MAKE_WARN="-Wall -Wextra -Wpedantic -Werror"
    MAKE_CFLAGS="$SAN"
    make --no-print-directory -s BUILD=build/asan CFLAGS="$SAN" "$LIB" >&2
    TFLAGS="$SAN"
    EXTRA=(tests/fuzz/driver.c)
    ;;
  *)
    echo "usage: $0 fuzz|replay" >&2
    exit 2
    ;;
esac

mkdir -p "$OUT"
for t in $FUZZ_TARGETS; do
  ok=1
  for f in $(fuzz_requires "$t"); do
    [ -e "$f" ] || ok=0
  done
  [ "$ok" = 1 ] && [ -e "tests/fuzz/fuzz_$t.c" ] || continue
  bin=$OUT/fuzz_$t
  objs=()
  for o in $(fuzz_objects "$t"); do
    objs+=("$BUILD_DIR/$o")
  done
  if [ ${#objs[@]} -gt 0 ]; then
    make --no-print-directory -s CC="$CC" BUILD="$BUILD_DIR" WARN="$MAKE_WARN" CFLAGS="$MAKE_CFLAGS" \
      "${objs[@]}" >&2
  fi
  newer_obj=0
  for o in "${objs[@]}"; do
    [ "$o" -nt "$bin" ] && newer_obj=1
  done
  if [ ! -e "$bin" ] || [ "$newer_obj" = 1 ] || [ "$LIB" -nt "$bin" ] || [ "tests/fuzz/fuzz_$t.c" -nt "$bin" ] ||
    [ tests/fuzz/driver.c -nt "$bin" ] ||
    [ -n "$(find tests/fuzz -name '*.h' -newer "$bin")" ]; then
    # shellcheck disable=SC2086
    $CC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $TFLAGS $PKG_CFLAGS -iquote lib -Ilib \
      -Isearchd -Iindexer -o "$bin" "tests/fuzz/fuzz_$t.c" "${EXTRA[@]}" "${objs[@]}" "$LIB" $PKG_LIBS >&2
  fi
  echo "$t"
done
