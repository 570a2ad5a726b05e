#!/usr/bin/env bash
# `make stress`: the long versions of the robustness suites, against bin/:
# 60 s of wrk at c=64 while the indexer runs plus the abuse phase
# (load_abuse.py --rss), then 30 SIGKILL rounds of crash_consistency with a
# random seed (printed, to reproduce) over a tree of 4 000 files.
# STRESS_SECONDS, CRASH_ROUNDS, CRASH_FILES, CRASH_SEED override.
set -u
cd "$(dirname "$0")/../.."
export REPERE_ROOT=$PWD REPERE_BIN=${REPERE_BIN:-$PWD/bin}
status=0
/usr/bin/python3 tests/stress/load_abuse.py --seconds "${STRESS_SECONDS:-60}" --rss || status=1
CRASH_ROUNDS=${CRASH_ROUNDS:-30} CRASH_SEED=${CRASH_SEED:-$RANDOM} CRASH_FILES=${CRASH_FILES:-4000} \
  tests/integration/crash_consistency || status=1
[ "$status" -eq 0 ] && echo "stress: all passed" || echo "stress: FAILED"
exit $status
