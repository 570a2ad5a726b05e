#!/usr/bin/env bash
# `make valgrind`: valgrind memcheck on the real programs (bin/, built -O2 -g):
# an indexer run over corpus/ into a fresh index (extraction workers
# included: valgrind follows them into their exec), then a searchd session
# with a few requests of each endpoint and a SIGTERM. Any memory error or
# definite leak makes valgrind exit 99 and this script fail. Suppressions
# (tests/valgrind.supp) only cover third-party libraries, each with why.
# TAP output.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${REPERE_BIN:-$ROOT/bin}
tmp=$(mktemp -d)
spid=
cleanup() {
  [ -n "$spid" ] && kill "$spid" 2>/dev/null
  [ -n "${KEEP_LOGS:-}" ] && echo "# logs kept in $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

# GLib's slice allocator hides leaks and frees from valgrind unless disabled.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
VG=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full
  --show-leak-kinds=definite --errors-for-leak-kinds=definite --track-fds=no
  --suppressions="$ROOT/tests/valgrind.supp" --num-callers=30)

# 1. indexer over corpus/ (all formats, workers included). The extraction
# workers end with _exit() or are killed once idle: what they have not freed
# is not a leak, so leaks are errors only in the parent (read from its own
# log); memory errors are errors everywhere (read from every log).
"${VG[@]/--errors-for-leak-kinds=definite/--errors-for-leak-kinds=none}" --trace-children=yes \
  --log-file="$tmp/indexer.%p.log" "$BIN/indexer" --db "$tmp/index.db" --jobs 2 corpus \
  >"$tmp/indexer.out" 2>&1 &
ipid=$!
wait "$ipid"
rc=$?
if { [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; } && ! grep -q 'status 99' "$tmp/indexer.out"; then
  ok "indexer over corpus/ under valgrind: status $rc, no memory error"
else
  notok "indexer over corpus/ under valgrind (status $rc)"
  grep -h -A25 -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and)' \
    "$tmp"/indexer.*.log | head -80 | sed 's/^/# /'
fi
lost=$(grep -o 'definitely lost: [0-9,]* bytes' "$tmp/indexer.$ipid.log" | grep -o '[0-9,]*' | tr -d ,)
if [ "${lost:-0}" -eq 0 ]; then
  ok "indexer process under valgrind: no definite leak"
else
  notok "indexer process under valgrind: $lost bytes definitely lost"
  grep -A25 'definitely lost in' "$tmp/indexer.$ipid.log" | head -60 | sed 's/^/# /'
fi
nlogs=$(ls "$tmp"/indexer.*.log | wc -l)
if grep -q -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and)' "$tmp"/indexer.*.log; then
  notok "extraction workers under valgrind: memory errors"
else
  ok "extraction workers under valgrind: $((nlogs - 1)) processes, no memory error"
fi

# 2. searchd session.
"${VG[@]}" --log-file="$tmp/searchd.log" "$BIN/searchd" --db "$tmp/index.db" --listen 127.0.0.1:0 \
  --synonyms corpus/synonymes.txt --threads 2 2>"$tmp/searchd.err" &
spid=$!
base=
for _ in $(seq 1 600); do
  base=$(grep -o 'listening on http://[^ ]*' "$tmp/searchd.err" 2>/dev/null | sed 's/listening on //; s#/$##')
  [ -n "$base" ] && break
  sleep 0.1
done
if [ -z "$base" ]; then
  notok "searchd under valgrind did not start"
  sed 's/^/# /' "$tmp/searchd.err" | tail -20
else
  bad=0
  for path in "/healthz" "/api/search?q=traite" "/api/search?q=mineurs%20non%20accompagnes&limit=5" \
    "/api/search?q=%22traite%20des%20%C3%AAtres%22&format=pdf,text&year=2015-2020" \
    "/api/search?q=exploit*%20-travail" "/api/search?q=MNA%20OR%20OQTF" "/api/search?q=%22" \
    "/api/search?q=NEAR(" "/api/search?q=%ff%fe" "/api/search?q=" "/api/search?q=a&limit=0" \
    "/api/search?q=traficc" "/api/suggest?q=tra" "/api/doc/1" "/api/doc/999999" "/metrics" "/" \
    "/widget.js" "/nope"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$base$path")
    case $code in 2?? | 400 | 404 | 405) ;; *)
      bad=1
      echo "# $path -> $code"
      ;;
    esac
  done
  [ "$bad" -eq 0 ] && ok "searchd under valgrind answers every endpoint (no 5xx)" ||
    notok "searchd under valgrind answers every endpoint"
  kill -TERM "$spid"
  wait "$spid"
  rc=$?
  spid=
  if [ "$rc" -eq 0 ]; then
    ok "searchd session under valgrind: no memory error, no definite leak"
  else
    notok "searchd session under valgrind (status $rc)"
    grep -A25 -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|.*definitely lost)' \
      "$tmp/searchd.log" | head -80 | sed 's/^/# /'
  fi
fi
echo "1..$n"
[ "$failed" -eq 0 ]
