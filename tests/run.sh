#!/usr/bin/env bash
# Runs every test suite and prints, last, "N passed, N failed, N skipped".
# Each suite speaks TAP ("ok N - name" / "not ok N - name" at column 0);
# a suite that exits non-zero without reporting a failure counts as one.
# A "# SKIP reason" line ("ok N - name # SKIP why", or cmocka's "not ok N #
# SKIP why") is a skip, not a pass, and so is a whole suite's plan "1..0"
# ("1..0 # SKIP why"). A "# TODO reason" line (a known failure an issue will fix) is neither
# passed nor failed: it is counted apart, and one that passes is named.
# Suites: unit (cmocka, normal and ASan+UBSan builds), tests/compilers/clang
# (everything built again with clang, warnings as errors), tests/integration/*
# against bin/ and again against the ASan binaries, tests/relevance,
# tests/relevance/heldout, tests/relevance/heldout3, tests/relevance/heldout4,
# tests/relevance/heldout5, tests/relevance/heldout6, tests/relevance/heldout7,
# tests/relevance/heldout8, tests/relevance/heldout9, tests/relevance/heldout10,
# tests/relevance/heldout11, tests/relevance/heldout12, tests/relevance/heldout13,
# tests/relevance/heldout14, tests/relevance/heldout15, tests/relevance/heldout16,
# tests/relevance/heldout17, tests/relevance/heldout18, tests/relevance/heldout19,
# tests/relevance/heldout20, tests/relevance/heldout21, tests/relevance/heldout22,
# tests/relevance/heldout23, tests/relevance/heldout24, tests/relevance/heldout25,
# tests/relevance/heldout26, tests/relevance/heldout27,
# tests/relevance/heldout28, tests/relevance/heldout29, tests/relevance/heldout30,
# tests/relevance/heldout31, tests/relevance/heldout32, tests/relevance/heldout33,
# tests/relevance/heldout34, tests/relevance/heldout35, tests/relevance/heldout36,
# tests/relevance/heldout37, tests/relevance/heldout38, tests/relevance/heldout39,
# tests/relevance/heldout40, tests/relevance/heldout41, tests/relevance/heldout42,
# tests/relevance/heldout43, tests/relevance/heldout44, tests/relevance/heldout45, tests/relevance/heldout46, tests/relevance/heldout47, tests/relevance/heldout48, tests/relevance/heldout49, tests/relevance/heldout50, tests/relevance/heldout51, tests/relevance/heldout52, tests/relevance/heldout53, tests/relevance/heldout54, tests/relevance/heldout55, tests/relevance/heldout56, tests/relevance/heldout57, tests/relevance/heldout58, tests/relevance/heldout59, tests/relevance/heldout60, tests/relevance/heldout61, tests/relevance/heldout62, tests/relevance/heldout63,
# tests/relevance/invariance (queries typed other ways, tests/relevance/typings),
# tests/relevance/pages (the page a PDF hit opens at),
# tests/browser.
# TESTS=pattern runs only suites whose name matches.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export REPERE_ROOT="$ROOT"
LOG_DIR="$ROOT/build/test-logs"
mkdir -p "$LOG_DIR"
passed=0
failed=0
skipped=0
todo=0
failures=()
todo_passing=()

run_suite() { # name, env assignments..., -- command...
  local name=$1; shift
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  if [ -n "${TESTS:-}" ] && [[ "$name" != *$TESTS* ]]; then return; fi
  local log="$LOG_DIR/$(echo "$name" | tr '/ ' '__').log"
  local start=$SECONDS
  env "${envs[@]}" "$@" >"$log" 2>&1
  local rc=$?
  local p f s t todo_re='^(not )?ok [0-9]+.*#[[:space:]]*TODO'
  local skip_re='^(not )?ok [0-9]+.*#[[:space:]]*SKIP' plan_skip_re='^1\.\.0([[:space:]]|$)'
  p=$(grep -E '^ok [0-9]+' "$log" | grep -viE "$todo_re" | grep -cviE "$skip_re")
  f=$(grep -E '^not ok [0-9]+' "$log" | grep -viE "$todo_re" | grep -cviE "$skip_re")
  s=$(($(grep -viE "$todo_re" "$log" | grep -ciE "$skip_re") + $(grep -cE "$plan_skip_re" "$log")))
  t=$(grep -ciE "$todo_re" "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
    echo "not ok - suite exited with status $rc" >>"$log"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  todo=$((todo + t))
  printf '%-44s %4d passed %3d failed %4ds%s%s\n' "$name" "$p" "$f" $((SECONDS - start)) \
    "$([ "$s" -gt 0 ] && echo " ($s skipped)")" "$([ "$t" -gt 0 ] && echo " ($t todo)")"
  while IFS= read -r line; do
    todo_passing+=("$name: ${line#ok }")
  done < <(grep -iE '^ok [0-9]+.*#[[:space:]]*TODO' "$log")
  if [ "$f" -gt 0 ]; then
    failures+=("$name")
    grep -E '^not ok' "$log" | grep -viE "$todo_re" | grep -viE "$skip_re" | head -20 |
      sed 's/^/    /'
    echo "    (log: $log)"
  fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

for t in build/tests/test_*; do
  [ -x "$t" ] || continue
  run_suite "unit/$(basename "$t")" CMOCKA_MESSAGE_OUTPUT=TAP -- "$t"
done
for t in build/asan/tests/test_*; do
  [ -x "$t" ] || continue
  run_suite "asan/unit/$(basename "$t")" CMOCKA_MESSAGE_OUTPUT=TAP -- "$t"
done

run_suite "compilers/clang" -- tests/compilers/clang

for t in tests/integration/*; do
  [ -x "$t" ] || continue
  run_suite "integration/$(basename "$t")" REPERE_BIN="$ROOT/bin" -- "$t"
done
for t in tests/integration/*; do
  [ -x "$t" ] || continue
  run_suite "asan/integration/$(basename "$t")" REPERE_BIN="$ROOT/build/asan/bin" REPERE_ASAN=1 -- "$t"
done

for t in tests/relevance/run tests/relevance/heldout/run tests/relevance/heldout3/run tests/relevance/heldout4/run tests/relevance/heldout5/run tests/relevance/heldout6/run tests/relevance/heldout7/run tests/relevance/heldout8/run tests/relevance/heldout9/run tests/relevance/heldout10/run tests/relevance/heldout11/run tests/relevance/heldout12/run tests/relevance/heldout13/run tests/relevance/heldout14/run tests/relevance/heldout15/run tests/relevance/heldout16/run tests/relevance/heldout17/run tests/relevance/heldout18/run tests/relevance/heldout19/run tests/relevance/heldout20/run tests/relevance/heldout21/run tests/relevance/heldout22/run tests/relevance/heldout23/run tests/relevance/heldout24/run tests/relevance/heldout25/run tests/relevance/heldout26/run tests/relevance/heldout27/run tests/relevance/heldout28/run tests/relevance/heldout29/run tests/relevance/heldout30/run tests/relevance/heldout31/run tests/relevance/heldout32/run tests/relevance/heldout33/run tests/relevance/heldout34/run tests/relevance/heldout35/run tests/relevance/heldout36/run tests/relevance/heldout37/run tests/relevance/heldout38/run tests/relevance/heldout39/run tests/relevance/heldout40/run tests/relevance/heldout41/run tests/relevance/heldout42/run tests/relevance/heldout43/run tests/relevance/heldout44/run tests/relevance/heldout45/run tests/relevance/heldout46/run tests/relevance/heldout47/run tests/relevance/heldout48/run tests/relevance/heldout49/run tests/relevance/heldout50/run tests/relevance/heldout51/run tests/relevance/heldout52/run tests/relevance/heldout53/run tests/relevance/heldout54/run tests/relevance/heldout55/run tests/relevance/heldout56/run tests/relevance/heldout57/run tests/relevance/heldout58/run tests/relevance/heldout59/run tests/relevance/heldout60/run tests/relevance/heldout61/run tests/relevance/heldout62/run tests/relevance/heldout63/run tests/relevance/invariance/run tests/relevance/pages/run tests/fuzz/replay tests/browser/run; do
  [ -x "$t" ] || continue
  run_suite "${t#tests/}" REPERE_BIN="$ROOT/bin" -- "$t"
done

if [ ${#failures[@]} -gt 0 ]; then
  echo "failed suites: ${failures[*]}"
fi
if [ "$todo" -gt 0 ]; then
  echo "$todo todo (known failures, counted neither way; ${#todo_passing[@]} now pass)"
  for line in "${todo_passing[@]}"; do echo "    todo passes, remove its TODO: $line"; done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
