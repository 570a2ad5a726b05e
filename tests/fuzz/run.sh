#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets and runs each for FUZZ_SECONDS
# (default 60), one after the other, at low priority. FUZZ_ONLY="a b" limits
# the targets. The working corpus grows in tests/fuzz/corpus-work/<target>
# (not committed); every crash, leak, timeout or out-of-memory input is copied
# to tests/fuzz/regressions/<target>/ (commit it: `make check` replays it).
# Each run is appended to build/fuzz/history.log. Exit 1 when a target failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/targets.sh

SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
targets=$(tests/fuzz/build.sh fuzz) || {
  echo "fuzz: build failed" >&2
  exit 1
}
[ -n "${FUZZ_ONLY:-}" ] && targets=$(for t in $targets; do
  [[ " $FUZZ_ONLY " == *" $t "* ]] && echo "$t"
done)

mkdir -p build/fuzz
status=0
for t in $targets; do
  work=tests/fuzz/corpus-work/$t
  seeds=build/fuzz/seeds/$t
  art=build/fuzz/artifacts/$t
  reg=tests/fuzz/regressions/$t
  rm -rf "$seeds"
  mkdir -p "$work" "$seeds" "$art" "$reg"
  i=0
  while IFS= read -r f; do
    i=$((i + 1))
    cp "$f" "$seeds/seed-$i"
  done < <(fuzz_seed_files "$t")
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s (log build/fuzz/$t.log)"
  start=$(date +%s)
  nice -n 10 "build/fuzz/lf/fuzz_$t" -max_total_time="$SECONDS_PER_TARGET" \
    -max_len="$(fuzz_max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$work" "$seeds" "$reg" \
    >"build/fuzz/$t.log" 2>&1
  rc=$?
  took=$(($(date +%s) - start))
  found=0
  for a in "$art"/*; do
    [ -f "$a" ] || continue
    found=$((found + 1))
    mv "$a" "$reg/"
    echo "fuzz: $t: kept $reg/$(basename "$a")"
  done
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/$t.log" | grep -o '[0-9]*$')
  echo "$(date -u +%FT%TZ) $t seconds=$took execs=${execs:-?} status=$rc artifacts=$found" \
    >>build/fuzz/history.log
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    status=1
    echo "fuzz: $t FAILED (status $rc); see build/fuzz/$t.log"
    grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error|^==[0-9]+== ERROR' "build/fuzz/$t.log" || true
  else
    echo "fuzz: $t ok, ${took}s, ${execs:-?} inputs"
  fi
done
exit $status
