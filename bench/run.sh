#!/usr/bin/env bash
# `make bench`: Repère against the naive pipeline (bench/naive.c) on the scale
# corpus (Debian's French documentation, ~9.5k files), in one run: indexing
# time, size and memory; searchd under wrk at c=1/16/64; every query of the
# mix on one thread (bench/reference.c); the naive match+rank floor. Writes
# bench/RESULTS.md with the figures and their ratios to issue 9's targets.
# Settings (environment):
#   BENCH_CORPUS=DIR      corpus tree (default: built by ../shared/bench/make-corpus.sh
#                         into $XDG_CACHE_HOME/repere/bench-data, or $DATA)
#   BENCH_QUERIES=FILE    query mix (default bench/scale-queries.txt)
#   BENCH_SECONDS=N       length of each wrk and loop run (default 10; quick 3)
#   BENCH_RUNS=N          timed runs per query, one thread (default 21; quick 7)
#   BENCH_QUICK=1         reuse the indexes of the last run when the indexer binary
#                         and corpus are the same; shorter runs; writes bench/work/RESULTS.md
#   BENCH_BEFORE_BIN=DIR  also measure DIR/indexer and DIR/searchd (before/after table)
#   BENCH_10X=1           also index and query the corpus ten times over (slow)
#   BENCH_OUT=FILE        where to write the results
#   BENCH_WORK=DIR        indexes and logs (default bench/work)
#   BENCH_OCR_ONLY=1      only the OCR measure (the scanned sample; no scale corpus),
#                         written to bench/work/OCR.md (or BENCH_OUT)
#   BENCH_OCR_RUNS=N      runs of each OCR indexing, the median kept (default 3)
#   BENCH_INDEX_RUNS=N    from-empty indexings of the corpus by each pipeline, in rounds
#                         of alternating order, the median kept (default 3; quick 1)
# Figures travel between steps through printf -v (NAME_WALL, SD_PID_after…):
# shellcheck disable=SC2034,SC2153,SC2154
set -euo pipefail
# The whole script is one block, read before it runs: editing this file (or
# checking out another version) during a run cannot change the running one.
{
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=${BENCH_QUICK:-0}
SECS=${BENCH_SECONDS:-$([ "$QUICK" = 1 ] && echo 3 || echo 10)}
RUNS=${BENCH_RUNS:-$([ "$QUICK" = 1 ] && echo 7 || echo 21)}
QUERIES=${BENCH_QUERIES:-bench/scale-queries.txt}
OUT=${BENCH_OUT:-$([ "$QUICK" = 1 ] && echo bench/work/RESULTS.md || echo bench/RESULTS.md)}
BEFORE=${BENCH_BEFORE_BIN:-}
TENX=${BENCH_10X:-0}
# The OCR measure alone needs no scale corpus.
[ "${BENCH_OCR_ONLY:-0}" = 1 ] && BENCH_CORPUS=${BENCH_CORPUS:-corpus}
SYN=corpus/synonymes.txt
WORK=$(mkdir -p "${BENCH_WORK:-bench/work}" && cd "${BENCH_WORK:-bench/work}" && pwd)
NAIVE=build/bench/naive
REF=build/bench/reference
JOBS=2
mkdir -p "$WORK"
make -s bin/indexer bin/searchd "$NAIVE" "$REF"

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

# ---- tools and corpus ----
apt_install() { # packages... (as scripts/deps.sh does)
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}
apt_install wrk time sqlite3 poppler-utils curl

if [ -n "${BENCH_CORPUS:-}" ]; then
  CORPUS=$BENCH_CORPUS
else
  DATA=${DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/repere/bench-data}
  CORPUS=$DATA/corpus
  if [ ! -f "$CORPUS/.complete" ]; then
    # ../shared next to this checkout, or next to the main checkout of a worktree.
    main=$(dirname "$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$ROOT/.git")")
    MAKE_CORPUS=""
    for c in "$ROOT/../shared/bench/make-corpus.sh" "$main/../shared/bench/make-corpus.sh"; do
      [ -x "$c" ] && MAKE_CORPUS=$c && break
    done
    [ -n "$MAKE_CORPUS" ] || die "no ../shared/bench/make-corpus.sh (set BENCH_CORPUS=DIR)"
    apt_install mandoc bsdextrautils unzip poppler-utils wkhtmltopdf cpio python3-lxml
    say "building the scale corpus into $DATA (once; about 10 minutes)"
    DATA=$DATA "$MAKE_CORPUS" >&2
  fi
fi
[ -d "$CORPUS" ] || die "no corpus at $CORPUS"
CORPUS=$(cd "$CORPUS" && pwd)
if [ -n "$BEFORE" ]; then
  if [ ! -x "$BEFORE/indexer" ] || [ ! -x "$BEFORE/searchd" ]; then
    die "no indexer and searchd in $BEFORE"
  fi
  BEFORE=$(cd "$BEFORE" && pwd)
fi
SYN_ARGS=()
[ -f "$SYN" ] && SYN_ARGS=(--synonyms "$SYN")

# ---- helpers ----
field() { # line key -> value (keys are words before '=', values have no spaces)
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -1
}
calc() { awk "BEGIN { $1 }"; }
ratio() { calc "if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"?\""; }
mib() { calc "printf \"%.1f\", $1 / 1048576"; }
verdict() { if calc "exit !($1)"; then echo met; else echo missed; fi; }
proc_running() { # pid: alive and not a zombie
  local s
  s=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$s" ] && [ "$s" != Z ]
}
db_bytes() { # index file plus its WAL
  local s=0 f
  for f in "$1" "$1-wal"; do [ -f "$f" ] && s=$((s + $(stat -c %s "$f"))); done
  echo "$s"
}
doc_count() { sqlite3 -readonly "$1" "SELECT count(*) FROM $2" 2>/dev/null || echo "?"; }
corpus_stamp() { # what a reused index must have seen
  echo "$1 $(stat -c %Y "$1/.complete" 2>/dev/null || find "$1" -type f | wc -l)"
}

# index_run NAME DB command... : runs one indexing under /usr/bin/time,
# polling the main process's VmHWM; sets IX_*.
index_run() {
  local name=$1 db=$2
  shift 2
  local tf="$WORK/$name.time" hwm=0 h rc=0 polls=0
  IX_CHILD=""
  /usr/bin/time -f 'wall=%e user=%U sys=%S maxrss_kb=%M' -o "$tf" "$@" >"$WORK/$name.out" 2>&1 &
  local tpid=$!
  while proc_running "$tpid"; do
    [ -n "$IX_CHILD" ] || IX_CHILD=$(pgrep -P "$tpid" | head -1 || true)
    if [ -n "$IX_CHILD" ]; then
      h=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$IX_CHILD/status" 2>/dev/null || true)
      [ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
    fi
    polls=$((polls + 1))
    if [ "$polls" -lt 40 ]; then sleep 0.05; else sleep 0.2; fi # short runs are seen too
  done
  wait "$tpid" || rc=$?
  IX_CHILD=""
  # The indexer's 3 means "some files failed" (counted below), not a failed run.
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    cat "$WORK/$name.out" >&2
    die "$name: indexing failed (status $rc)"
  fi
  local t
  t=$(tail -1 "$tf")
  IX_WALL=$(field "$t" wall)
  IX_CPU=$(calc "printf \"%.1f\", $(field "$t" user) + $(field "$t" sys)")
  IX_RSS_TREE=$(calc "printf \"%.1f\", $(field "$t" maxrss_kb) / 1024")
  IX_RSS_PARENT=$(calc "if ($hwm > 0) printf \"%.1f\", $hwm / 1024; else print \"?\"")
  IX_SIZE_RAW=$(db_bytes "$db")
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  IX_SIZE=$(db_bytes "$db")
  IX_WHEN=$(date -u +%Y-%m-%dT%H:%MZ)
  IX_REUSED=0
}
# index_fresh NAME DB BINARY command... : indexes from empty and records the
# figures in DB.figures, which BENCH_QUICK reads back when it reuses the index
# (same binary, same corpus).
IX_VARS="IX_WALL IX_CPU IX_RSS_TREE IX_RSS_PARENT IX_SIZE_RAW IX_SIZE IX_WHEN"
index_fresh() {
  local name=$1 db=$2 stamp STAMP="" v
  stamp="$(sha256sum "$3" | cut -c1-16) $(corpus_stamp "$CORPUS")"
  shift 3
  if [ "$QUICK" = 1 ] && [ -f "$db.figures" ]; then
    # shellcheck disable=SC1090
    . "$db.figures"
    if [ "$STAMP" = "$stamp" ]; then
      say "$name: reusing the index of $IX_WHEN (same binary and corpus)"
      IX_REUSED=1
      return
    fi
  fi
  rm -f "$db" "$db-wal" "$db-shm" "$db.figures"
  say "$name: indexing $CORPUS"
  index_run "$name" "$db" "$@"
  {
    echo "STAMP='$stamp'"
    for v in $IX_VARS; do echo "$v='${!v}'"; done
  } >"$db.figures"
}
save_index() { # prefix: copies IX_* to PREFIX_*
  local v n
  for v in $IX_VARS IX_REUSED; do
    n=${v#IX_}
    printf -v "$1_$n" '%s' "${!v}"
  done
}
# ---- OCR: the scanned sample, in its own indexes ----
# The scanned minutes of the tests (2 pages of 300 dpi black-and-white
# images, no text) indexed from empty: with --ocr off (extraction alone),
# with OCR on one worker and on two (pages in parallel), and again with
# --ocr force on the unchanged file (every page from the cache). Wall and
# CPU time are /usr/bin/time's (workers included), medians of
# BENCH_OCR_RUNS; "OCR CPU" is what the workers measured for rendering and
# reading the pages (the indexer's "OCR:" line). Sets OCR_SECTION.
OCR_SAMPLE=corpus/comptes-rendus/2024-03-23-proces-verbal-assemblee-generale-scan.pdf
OCR_RUNS=${BENCH_OCR_RUNS:-3}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "?" }'; }
ocr_once() { # db args... : one indexing; appends "wall cpu read cached ocr_cpu" to $WORK/ocr-runs
  local db=$1 t line
  shift
  /usr/bin/time -f 'wall=%e user=%U sys=%S' -o "$WORK/ocr.time" bin/indexer --db "$db" "$@" \
    "$OCR_SAMPLE" >"$WORK/ocr.out" 2>&1 || die "OCR run failed: $(cat "$WORK/ocr.out")"
  t=$(tail -1 "$WORK/ocr.time")
  line=$(grep 'OCR: ' "$WORK/ocr.out" || true)
  echo "$(field "$t" wall) $(calc "printf \"%.2f\", $(field "$t" user) + $(field "$t" sys)")" \
    "$(sed -n 's/.*OCR: \([0-9]*\) pages read (\([0-9.]*\) s of CPU), \([0-9]*\) from the cache.*/\1 \3 \2/p' \
      <<<"$line" | grep . || echo "0 0 0")" >>"$WORK/ocr-runs"
}
ocr_case() { # label start args... : a table row of medians; each run starts from an
  # empty index (start "empty") or from a copy of the last index of the case before ("copy")
  local label=$1 start=$2 i db="$WORK/ocr-bench.db" col
  shift 2
  : >"$WORK/ocr-runs"
  for ((i = 0; i < OCR_RUNS; i++)); do
    rm -f "$db" "$db-wal" "$db-shm"
    [ "$start" = empty ] || cp "$WORK/ocr-saved.db" "$db"
    ocr_once "$db" "$@"
  done
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  cp "$db" "$WORK/ocr-saved.db"
  local cols=()
  for col in 1 2 3 4 5; do cols+=("$(awk -v c="$col" '{ print $c }' "$WORK/ocr-runs" | median)"); done
  OCR_ROW="| $label | ${cols[0]} | ${cols[1]} | ${cols[2]} | ${cols[3]} | ${cols[4]} |"
  OCR_LAST=("${cols[@]}")
}
ocr_bench() {
  local rows=() per_page=""
  ocr_case "\`--ocr off\` (extraction only), from empty" empty --quiet --ocr off --jobs 1
  rows+=("$OCR_ROW")
  ocr_case "OCR, \`--jobs 1\`, from empty" empty --ocr missing --jobs 1
  rows+=("$OCR_ROW")
  [ "${OCR_LAST[2]}" = 0 ] || per_page=$(calc "printf \"%.2f\", ${OCR_LAST[4]} / ${OCR_LAST[2]}")
  local wall1=${OCR_LAST[0]} cpu1=${OCR_LAST[4]}
  ocr_case "OCR, \`--jobs 2\` (pages in parallel), from empty" empty --ocr missing --jobs 2
  rows+=("$OCR_ROW")
  local wall2=${OCR_LAST[0]} cpu2=${OCR_LAST[4]} pages=${OCR_LAST[2]}
  # Each worker loads the engine on its first page: two workers load it twice.
  local load net=""
  load=$(calc "printf \"%.2f\", $cpu2 - $cpu1")
  [ "$pages" = 0 ] || net=$(calc "printf \"%.2f\", ($cpu1 - $load) / $pages")
  ocr_case "\`--ocr force\` on that index, file unchanged (pages from the cache)" copy --ocr force --jobs 2
  rows+=("$OCR_ROW")
  local engine
  engine=$(sqlite3 -readonly "$WORK/ocr-saved.db" "SELECT DISTINCT engine || ', ' || lang || ', ' || dpi || ' dpi' FROM ocr_pages" 2>/dev/null | head -1)
  OCR_SECTION=$(
    echo "## OCR (the scanned sample)"
    echo
    echo "\`$OCR_SAMPLE\`: two A4 pages of 300 dpi black-and-white images, no text layer,"
    echo "indexed by \`bin/indexer\` (${engine:-OCR engine unknown}). Medians of $OCR_RUNS runs each;"
    echo "CPU includes the extraction workers. OCR CPU: rendering and reading, as the workers measured it."
    echo
    echo "| run | wall s | CPU s | pages read | pages from the cache | OCR CPU s |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "OCR cost: ${per_page:-?} s of CPU a page on one worker, the engine's load included; that load"
    echo "(OCR CPU on two workers minus on one) is about $load s a worker, which leaves ${net:-?} s a page."
    echo "Wall time: $wall1 s on one worker, $wall2 s on two (one page on each: $(ratio "$wall1" "$wall2") ×"
    echo "faster; load average $(cut -d' ' -f1-3 /proc/loadavg) when this section was written). Text"
    echo "extraction of a born-digital PDF page costs about 3 ms (pdftotext: 360 pages/s)."
  )
}
if [ "${BENCH_OCR_ONLY:-0}" = 1 ]; then
  ocr_bench
  OCR_OUT=${BENCH_OUT:-bench/work/OCR.md}
  echo "$OCR_SECTION" >"$OCR_OUT"
  cat "$OCR_OUT"
  say "written to $OCR_OUT"
  exit
fi


# searchd: start_searchd NAME BIN DB -> SD_PID_NAME, SD_URL_NAME
start_searchd() {
  local log="$WORK/searchd-$1.log" port=""
  "$2" --db "$3" --listen 127.0.0.1:0 --quiet "${SYN_ARGS[@]}" 2>"$log" &
  printf -v "SD_PID_$1" '%s' $!
  PIDS+=($!)
  for _ in $(seq 1 100); do
    port=$(sed -n 's|^searchd: listening on http://[^/]*:\([0-9]*\)/$|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$log" >&2; die "searchd ($1) did not start"; }
  printf -v "SD_URL_$1" '%s' "http://127.0.0.1:$port"
}
# warm_searchd NAME: every query of the mix once, one after the other, before
# any measure: what a query loads once (the page cache, the spelling vocabulary
# for a word the index lacks) is not counted in the warm figures.
warm_searchd() {
  local url q
  url=$(eval echo "\$SD_URL_$1")
  while IFS= read -r q; do
    curl -s -o /dev/null --max-time 120 -G --data-urlencode "q=$q" "$url/api/search" || true
  done < <(grep -v '^#\|^$' "$QUERIES")
}
stop_searchds() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
PIDS=()
IX_CHILD=""
# Interrupted: the indexing under way and the searchd processes end with the run.
trap '[ -z "$IX_CHILD" ] || kill "$IX_CHILD" 2>/dev/null; stop_searchds' EXIT
tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
status_kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\).*/\1/p" "/proc/$1/status"; }

# wrk_run NAME CONNECTIONS SECONDS [QUERIES] -> one table row in WRK_ROW,
# figures in WRK_RPS WRK_P50 WRK_P99 WRK_ERR WRK_CPU
wrk_run() {
  local pid url line req secs t0
  pid=$(eval echo "\$SD_PID_$1")
  url=$(eval echo "\$SD_URL_$1")
  t0=$(cpu_ticks "$pid")
  line=$(BENCH_QUERIES=${4:-$QUERIES} wrk -t1 -c"$2" -d"$3s" --timeout 30s -s bench/mix.lua "$url" |
    grep '^RESULT')
  req=$(field "$line" requests)
  secs=$(field "$line" seconds)
  WRK_RPS=$(calc "printf \"%.0f\", $req / $secs")
  WRK_P50=$(field "$line" p50_ms)
  WRK_P99=$(field "$line" p99_ms)
  WRK_ERR=$(field "$line" errors)
  WRK_REQ=$req
  WRK_SECS=$secs
  WRK_CPU=$(calc "if ($req > 0) printf \"%.2f\", ($(cpu_ticks "$pid") - $t0) * 1000 / $tck / $req; else print \"?\"")
}
naive_loop() { # threads seconds [db]
  "$NAIVE" loop "${3:-$NAIVE_DB}" "$QUERIES" "$1" "$2" | grep '^RESULT'
}

queries_n=$(grep -c -v '^#\|^$' "$QUERIES")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
files_html=$(find "$CORPUS" -type f -iname '*.htm*' | wc -l)
files_txt=$(find "$CORPUS" -type f -iname '*.txt' | wc -l)
files_pdf=$(find "$CORPUS" -type f -iname '*.pdf' | wc -l)
corpus_mib=$(calc "printf \"%.0f\", $(du -sb "$CORPUS" | cut -f1) / 1048576")

# ---- indexing: naive, Repère, Repère with OCR off, Repère before ----
NAIVE_DB=$WORK/scale-naive.db
REP_DB=$WORK/scale-repere.db
OLD_DB=$WORK/scale-before.db
# Like for like: the naive pipeline reads no images, so Repère also indexes with
# OCR off (the default, --ocr missing, reads the image-only pages when built with OCR).
NOOCR_DB=$WORK/scale-repere-noocr.db
IX_RUNS=${BENCH_INDEX_RUNS:-$([ "$QUICK" = 1 ] && echo 1 || echo 3)}
# One from-empty indexing by a pipeline: NV (naive), RP (Repère) or RN (--ocr off).
# Every run starts alike: the last run's writes flushed (sync) and the corpus in
# the page cache (read once; this host pages out page cache left unused for a
# minute, so the first reader of a sequence would otherwise pay the disk).
index_pipeline() {
  sync
  find "$CORPUS" -type f -exec cat {} + >/dev/null
  case $1 in
    NV) index_fresh naive "$NAIVE_DB" "$NAIVE" "$NAIVE" index "$NAIVE_DB" "$JOBS" "$CORPUS" ;;
    RP) index_fresh repere "$REP_DB" bin/indexer bin/indexer --quiet --jobs "$JOBS" \
      --db "$REP_DB" "$CORPUS" ;;
    RN) index_fresh repere-noocr "$NOOCR_DB" bin/indexer bin/indexer --quiet --jobs "$JOBS" \
      --ocr off --db "$NOOCR_DB" "$CORPUS" ;;
  esac
  save_index "$1"
  local runs="$1_RUNS"
  printf -v "$runs" '%s' "${!runs:+${!runs}, }$IX_WALL/$IX_CPU"
}
# IX_RUNS rounds, the order reversed every other round (naive, Repère, OCR off;
# then OCR off, Repère, naive): what running first or after another costs falls
# on each side alike. Each pipeline's wall and CPU are the medians of its runs
# (one run of each, always in one order, measured the load of that moment: the
# same binaries gave 1.03x naive in a run and 0.67-0.89x in pairs by hand).
NV_RUNS="" RP_RUNS="" RN_RUNS=""
for ((round = 1; round <= IX_RUNS; round++)); do
  if ((round % 2)); then order=(NV RP RN); else order=(RN RP NV); fi
  for p in "${order[@]}"; do index_pipeline "$p"; done
done
for p in NV RP RN; do
  runs="${p}_RUNS"
  printf -v "${p}_WALL" '%s' "$(tr , '\n' <<<"${!runs}" | cut -d/ -f1 | median)"
  printf -v "${p}_CPU" '%s' "$(tr , '\n' <<<"${!runs}" | cut -d/ -f2 | median)"
done
NV_DOCS=$(doc_count "$NAIVE_DB" docs)
RP_DOCS=$(doc_count "$REP_DB" documents)
# Ratios come from one run: a reused naive index beside a fresh Repère one is
# indexed again (BENCH_QUICK keeps both only when neither had to be redone).
if [ "$NV_REUSED" = 1 ] && { [ "$RP_REUSED" = 0 ] || [ "$RN_REUSED" = 0 ]; }; then
  say "naive: indexing again, beside the fresh Repère index"
  NV_RUNS=""
  QUICK=0 index_pipeline NV
fi
RP_OCR_PAGES=$(sqlite3 -readonly "$REP_DB" "SELECT count(*) FROM ocr_pages" 2>/dev/null || echo 0)
say "repere: re-run on the unchanged corpus"
index_run repere-rerun "$REP_DB" bin/indexer --quiet --jobs "$JOBS" --db "$REP_DB" "$CORPUS"
save_index RR
if [ -n "$BEFORE" ]; then
  index_fresh before "$OLD_DB" "$BEFORE/indexer" "$BEFORE/indexer" --quiet --jobs "$JOBS" \
    --db "$OLD_DB" "$CORPUS"
  save_index OB
  OB_DOCS=$(doc_count "$OLD_DB" documents)
  say "before: re-run on the unchanged corpus"
  index_run before-rerun "$OLD_DB" "$BEFORE/indexer" --quiet --jobs "$JOBS" \
    --db "$OLD_DB" "$CORPUS"
  save_index OR
fi

say "OCR: the scanned sample"
ocr_bench

# ---- one query at a time, one thread, warm ----
say "per query: Repère (search_run, 1 thread, median of $RUNS)"
REF_EACH=$("$REF" each "$REP_DB" "$QUERIES" "$RUNS" ${SYN_ARGS[1]:+"${SYN_ARGS[1]}"} | grep '^QUERY')
say "per query: naive (1 thread, median of $RUNS)"
NAIVE_EACH=$("$NAIVE" each "$NAIVE_DB" "$QUERIES" "$RUNS" | grep '^QUERY')

# ---- throughput: the naive floor around searchd's runs ----
say "naive floor, $JOBS threads, ${SECS}s"
FLOOR1=$(naive_loop "$JOBS" "$SECS")
start_searchd after bin/searchd "$REP_DB"
[ -n "$BEFORE" ] && start_searchd before "$BEFORE/searchd" "$OLD_DB"
sides=(after)
[ -n "$BEFORE" ] && sides+=(before)
for s in "${sides[@]}"; do warm_searchd "$s"; wrk_run "$s" 4 1; done # warm the page cache and the workers
declare -A ROW RPS P99
for c in 1 16 64; do
  for s in "${sides[@]}"; do
    say "searchd ($s), wrk -c$c, ${SECS}s"
    wrk_run "$s" "$c" "$SECS"
    pid=$(eval echo "\$SD_PID_$s")
    ROW[$s,$c]="| $c | $WRK_RPS | $WRK_P50 | $WRK_P99 | $WRK_ERR | $WRK_CPU | $(calc "printf \"%.1f\", $(status_kib "$pid" VmRSS) / 1024") |"
    RPS[$s,$c]=$WRK_RPS
    P99[$s,$c]=$WRK_P99
    if [ "$c" = 16 ]; then
      printf -v "CPU16_$s" '%s' "$WRK_CPU"
      if [ "$s" = after ]; then P50_16=$WRK_P50; fi
    fi
  done
done

# The target's ratio, in alternating slices so that both sides see the same
# load: naive floor (2 threads) then searchd at c=16, five times each.
PAIRS=$([ "$QUICK" = 1 ] && echo 2 || echo 5)
declare -A SL_N SL_S
for s in floor "${sides[@]}"; do SL_N[$s]=0; SL_S[$s]=0; done
for _ in $(seq 1 "$PAIRS"); do
  say "slices: naive floor, then searchd c=16, 2s each"
  l=$(naive_loop "$JOBS" 2)
  SL_N[floor]=$((SL_N[floor] + $(field "$l" queries)))
  SL_S[floor]=$(calc "print ${SL_S[floor]} + $(field "$l" seconds)")
  for s in "${sides[@]}"; do
    wrk_run "$s" 16 2
    SL_N[$s]=$((SL_N[$s] + WRK_REQ))
    SL_S[$s]=$(calc "print ${SL_S[$s]} + $WRK_SECS")
  done
done
declare -A SL_QPS
for s in floor "${sides[@]}"; do
  SL_QPS[$s]=$(calc "printf \"%.1f\", ${SL_N[$s]} / ${SL_S[$s]}")
done

# Before and after at c=1 in alternating slices too: one connection waits on
# every request, so a run of its own measures the machine's load of the
# moment as much as the engine (sessions 20-21 saw 0.86-0.89 × in the
# sequential rows while the CPU a request was the same).
declare -A S1_N S1_S S1_T
if [ -n "$BEFORE" ]; then
  for s in "${sides[@]}"; do S1_N[$s]=0; S1_S[$s]=0; S1_T[$s]=0; done
  for _ in $(seq 1 "$PAIRS"); do
    say "slices: searchd c=1, after then before, 2s each"
    for s in "${sides[@]}"; do
      pid=$(eval echo "\$SD_PID_$s")
      t0=$(cpu_ticks "$pid")
      wrk_run "$s" 1 2
      S1_N[$s]=$((S1_N[$s] + WRK_REQ))
      S1_S[$s]=$(calc "print ${S1_S[$s]} + $WRK_SECS")
      S1_T[$s]=$((S1_T[$s] + $(cpu_ticks "$pid") - t0))
    done
  done
  declare -A S1_QPS S1_CPU
  for s in "${sides[@]}"; do
    S1_QPS[$s]=$(calc "printf \"%.1f\", ${S1_N[$s]} / ${S1_S[$s]}")
    S1_CPU[$s]=$(calc "printf \"%.3f\", ${S1_T[$s]} * 1000 / $tck / ${S1_N[$s]}")
  done
fi

# Per query over HTTP (c=1, p50), for the before/after table.
declare -A HTTP_Q
if [ -n "$BEFORE" ]; then
  qfile=$WORK/one-query.txt
  while IFS= read -r q; do
    printf '%s\n' "$q" >"$qfile"
    for s in "${sides[@]}"; do
      wrk_run "$s" 1 1 "$qfile"
      HTTP_Q[$s,$q]=$WRK_P50
    done
  done < <(grep -v '^#\|^$' "$QUERIES")
  say "per query over HTTP done"
fi

RSS_PEAK_after=$(calc "printf \"%.1f\", $(status_kib "$SD_PID_after" VmHWM) / 1024")
[ -n "$BEFORE" ] && RSS_PEAK_before=$(calc "printf \"%.1f\", $(status_kib "$SD_PID_before" VmHWM) / 1024")
stop_searchds

say "naive floor again, $JOBS threads, ${SECS}s"
FLOOR2=$(naive_loop "$JOBS" "$SECS")
say "engine alone: search_run loop, $JOBS threads, ${SECS}s"
ENGINE=$("$REF" loop "$REP_DB" "$QUERIES" "$JOBS" "$SECS" ${SYN_ARGS[1]:+"${SYN_ARGS[1]}"} | grep '^RESULT')
FLOOR_QPS=$(calc "printf \"%.1f\", ($(field "$FLOOR1" qps) + $(field "$FLOOR2" qps)) / 2")

# ---- 10x: the corpus ten times under different prefixes ----
if [ "$TENX" = 1 ]; then
  TEN=$WORK/10x
  rm -rf "$TEN"
  mkdir -p "$TEN"
  [ "$(stat -c %d "$CORPUS")" = "$(stat -c %d "$TEN")" ] ||
    die "10x: $WORK is not on the corpus's file system (hard links need it)"
  need=$(((RP_SIZE + NV_SIZE) * 12 / 1024)) # KiB, with a fifth to spare
  avail=$(df --output=avail -k "$WORK" | tail -1)
  [ "$avail" -gt "$need" ] || die "10x: $((avail / 1024)) MiB free, $((need / 1024)) MiB needed"
  for i in 0 1 2 3 4 5 6 7 8 9; do cp -al "$CORPUS" "$TEN/copy$i"; done
  NAIVE10=$WORK/scale10-naive.db
  REP10=$WORK/scale10-repere.db
  rm -f "$NAIVE10"* "$REP10"*
  say "10x: naive indexing"
  index_run naive10 "$NAIVE10" "$NAIVE" index "$NAIVE10" "$JOBS" "$TEN"
  save_index N10
  N10_DOCS=$(doc_count "$NAIVE10" docs)
  say "10x: Repère indexing"
  index_run repere10 "$REP10" bin/indexer --quiet --jobs "$JOBS" --db "$REP10" "$TEN"
  save_index R10
  R10_DOCS=$(doc_count "$REP10" documents)
  start_searchd ten bin/searchd "$REP10"
  warm_searchd ten
  wrk_run ten 4 1
  say "10x: searchd, wrk -c16, ${SECS}s"
  wrk_run ten 16 "$SECS"
  T16_RPS=$WRK_RPS T16_P50=$WRK_P50 T16_P99=$WRK_P99 T16_ERR=$WRK_ERR
  T_RSS=$(calc "printf \"%.1f\", $(status_kib "$SD_PID_ten" VmHWM) / 1024")
  stop_searchds
  FLOOR10=$(naive_loop "$JOBS" "$SECS" "$NAIVE10")
  rm -rf "$TEN" "$NAIVE10" "$NAIVE10"-* "$REP10" "$REP10"-* # 3 GB or more
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- RESULTS.md ----
query_field() { # QUERY-lines query key: the value of key on the line of exactly that query
  awk -v q="$2" -v k="$3" '{
    i = index($0, " q=")
    if (i == 0 || substr($0, i + 3) != q) next
    n = split(substr($0, 1, i - 1), f, " ")
    for (j = 1; j <= n; j++)
      if (index(f[j], k "=") == 1) { print substr(f[j], length(k) + 2); exit }
  }' <<<"$1"
}
# A figure missing from here on shows as an empty cell, not an aborted run.
set +e
slow=0
slowest=0
slowest_q=""
while IFS= read -r q; do
  ms=$(query_field "$REF_EACH" "$q" cpu_ms)
  if calc "exit !($ms > 10)"; then slow=$((slow + 1)); fi
  if calc "exit !($ms > $slowest)"; then slowest=$ms; slowest_q=$q; fi
done < <(grep -v '^#\|^$' "$QUERIES")
ix_ratio=$(ratio "$RP_WALL" "$NV_WALL")
ix_ratio_off=$(ratio "$RN_WALL" "$NV_WALL")
size_ratio=$(ratio "$RP_SIZE" "$NV_SIZE")
q_ratio=$(ratio "${SL_QPS[after]}" "${SL_QPS[floor]}")
reused_note() { if [ "$1" = 1 ]; then echo " (reused from the run of $2)"; fi; }
failures() { # indexing log: what failed, if anything (the notices of empty documents aside)
  local lines
  lines=$(grep -v 'no text found' "$WORK/$1.out" | grep -v '^RESULT' || true)
  if [ -n "$lines" ]; then
    echo
    echo "$2 reported:"
    echo
    awk '{ print "    " $0 }' <<<"$lines"
  fi
}
{
  echo "# Scale benchmark"
  echo
  echo "Written by \`make bench\` (bench/run.sh; BENCH_SECONDS=$SECS BENCH_RUNS=$RUNS$([ "$QUICK" = 1 ] && echo " BENCH_QUICK=1")) from $started to"
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)),"
  echo "shared with whatever else ran then: load average before the run $load_before, after $load_after."
  echo "Wall-clock figures move with that load; CPU seconds much less."
  echo
  echo "Corpus: \`$CORPUS\` ($files_html HTML, $files_txt text, $files_pdf PDF files, $corpus_mib MiB);"
  echo "Repère indexed $RP_DOCS documents, the naive pipeline $NV_DOCS. Query mix: \`$QUERIES\`"
  echo "($queries_n queries: rare and frequent words, two words, multi-word queries with function"
  echo "words, phrases, a long question, a question asking what a term means, prefixes, an"
  echo "exclusion, accents typed and omitted, OR,"
  echo "one without hits). ${SECS} s per wrk or loop run; searchd with its default $(nproc) workers,"
  echo "warmed by each query of the mix once, one after the other, then 1 s of wrk at c=4."
  echo
  echo "Naive pipeline (bench/naive.c): pdftotext for PDFs, libxml2's text nodes for HTML, text"
  echo "as is, one contentful FTS5 table (unicode61, no analysis), $JOBS extraction threads and"
  echo "one writer; its queries are the mix's words quoted for FTS5, MATCH + ORDER BY rank"
  echo "LIMIT 10, no snippet, $JOBS threads (the \"floor\"), with SQLite's and glibc's defaults"
  echo "(Repère's indexer, searchd and engine-alone loop turn SQLite's memory statistics off; searchd"
  echo "and the engine-alone loop also fix glibc's malloc thresholds: search_process_init)."
  echo
  echo "## Issue 9's targets"
  echo
  echo "| target | Repère | naive / floor | ratio | |"
  echo "| --- | ---: | ---: | ---: | --- |"
  echo "| index the corpus, \`--jobs $JOBS\`, from empty: ≤ 1.0 × naive | $RP_WALL s (CPU $RP_CPU s) | $NV_WALL s (CPU $NV_CPU s) | $ix_ratio × (CPU $(ratio "$RP_CPU" "$NV_CPU") ×) | $(verdict "$ix_ratio <= 1.0") |"
  echo "| the same like for like, \`--ocr off\` (the naive pipeline reads no images): ≤ 1.0 × naive | $RN_WALL s (CPU $RN_CPU s) | $NV_WALL s (CPU $NV_CPU s) | $ix_ratio_off × (CPU $(ratio "$RN_CPU" "$NV_CPU") ×) | $(verdict "$ix_ratio_off <= 1.0") |"
  echo "| index size (with WAL, after checkpoint): ≤ 1.1 × naive | $(mib "$RP_SIZE") MiB | $(mib "$NV_SIZE") MiB | $size_ratio × | $(verdict "$size_ratio <= 1.1") |"
  echo "| searchd at c=16 (snippets): ≥ 0.5 × the match+rank floor (alternating 2 s slices) | ${SL_QPS[after]} req/s | ${SL_QPS[floor]} q/s | $q_ratio × | $(verdict "$q_ratio >= 0.5") |"
  echo "| p99 at c=16 ≤ 25 ms | ${P99[after,16]} ms | | | $(verdict "${P99[after,16]} <= 25") |"
  echo "| every query of the mix ≤ 10 ms warm, one thread (CPU time) | $slow of $queries_n over; slowest $slowest ms (\`$slowest_q\`) | | | $(verdict "$slow == 0") |"
  echo "| searchd RSS ≤ 64 MiB | $RSS_PEAK_after MiB | | | $(verdict "$RSS_PEAK_after <= 64") |"
  echo
  echo "## Indexing"
  echo
  echo "| pipeline | wall s | CPU s (user+sys, with children) | size MiB after checkpoint | as left (with WAL) | peak RSS, main process MiB | largest process MiB | documents |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| naive$(reused_note "$NV_REUSED" "$NV_WHEN") | $NV_WALL | $NV_CPU | $(mib "$NV_SIZE") | $(mib "$NV_SIZE_RAW") | $NV_RSS_PARENT | $NV_RSS_TREE | $NV_DOCS |"
  echo "| Repère$(reused_note "$RP_REUSED" "$RP_WHEN") | $RP_WALL | $RP_CPU | $(mib "$RP_SIZE") | $(mib "$RP_SIZE_RAW") | $RP_RSS_PARENT | $RP_RSS_TREE | $RP_DOCS |"
  echo "| Repère, \`--ocr off\`$(reused_note "$RN_REUSED" "$RN_WHEN") | $RN_WALL | $RN_CPU | $(mib "$RN_SIZE") | $(mib "$RN_SIZE_RAW") | $RN_RSS_PARENT | $RN_RSS_TREE | |"
  echo "| Repère, re-run on the unchanged corpus | $RR_WALL | $RR_CPU | $(mib "$RR_SIZE") | $(mib "$RR_SIZE_RAW") | $RR_RSS_PARENT | $RR_RSS_TREE | |"
  if [ -n "$BEFORE" ]; then
    echo "| before (\`$BEFORE\`)$(reused_note "$OB_REUSED" "$OB_WHEN") | $OB_WALL | $OB_CPU | $(mib "$OB_SIZE") | $(mib "$OB_SIZE_RAW") | $OB_RSS_PARENT | $OB_RSS_TREE | $OB_DOCS |"
    echo "| before, re-run | $OR_WALL | $OR_CPU | $(mib "$OR_SIZE") | $(mib "$OR_SIZE_RAW") | $OR_RSS_PARENT | $OR_RSS_TREE | |"
  fi
  echo
  echo "Wall and CPU of the first three rows: medians of $IX_RUNS from-empty runs each, in rounds of"
  echo "alternating order (naive, Repère, \`--ocr off\`, then the reverse), each run after \`sync\` and a"
  echo "read of the corpus. The runs, wall/CPU s: naive $NV_RUNS; Repère $RP_RUNS; \`--ocr off\` $RN_RUNS."
  echo "Size, RSS and documents: the last run of each."
  echo
  echo "Repère/naive: wall $ix_ratio ×, CPU $(ratio "$RP_CPU" "$NV_CPU") ×, size $size_ratio ×; with \`--ocr off\`"
  echo "wall $ix_ratio_off ×, CPU $(ratio "$RN_CPU" "$NV_CPU") ×. Repère's default run (\`--ocr missing\`) read $RP_OCR_PAGES"
  echo "image-only pages by OCR (pages without a text layer: covers, figures, scans), which the naive"
  echo "pipeline leaves empty: the difference between the two Repère rows is that OCR."
  echo "Peak RSS: the main process (VmHWM, sampled every 0.05 s, then 0.2 s) and the largest process of the"
  echo "tree (an extraction child, pdftotext; /usr/bin/time)."
  echo "Files the naive pipeline could not extract: $(field "$(grep '^RESULT' "$WORK/naive.out")" failed)."
  failures repere "Repère's indexer"
  [ -z "$BEFORE" ] || failures before "The indexer before"
  echo
  echo "$OCR_SECTION"
  echo
  echo "## searchd under wrk (the mix, snippets on)"
  echo
  for s in "${sides[@]}"; do
    if [ ${#sides[@]} -gt 1 ]; then
      if [ "$s" = after ]; then echo "Now (\`bin/searchd\`):"; else echo "Before (\`$BEFORE/searchd\`):"; fi
      echo
    fi
    echo "| wrk connections | requests/s | p50 ms | p99 ms | errors | searchd CPU ms/request | searchd RSS MiB |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for c in 1 16 64; do echo "${ROW[$s,$c]}"; done
    echo
    echo "searchd peak RSS (VmHWM): $(eval echo "\$RSS_PEAK_$s") MiB."
    echo
  done
  echo "| loop ($JOBS threads, no HTTP) | queries/s | p50 ms | p99 ms | errors | CPU ms/query |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for l in "floor, before searchd:$FLOOR1" "floor, after searchd:$FLOOR2" "Repère's engine alone (bench/reference.c, search_run with snippets):$ENGINE"; do
    v=${l#*:}
    echo "| ${l%%:*} | $(field "$v" qps) | $(field "$v" p50_ms) | $(field "$v" p99_ms) | $(field "$v" errors) | $(field "$v" cpu_ms_per_query) |"
  done
  echo
  echo "In alternating 2 s slices ($PAIRS each): floor ${SL_QPS[floor]} q/s, searchd c=16 ${SL_QPS[after]} req/s$([ -n "$BEFORE" ] && echo ", before's searchd ${SL_QPS[before]} req/s")."
  echo "searchd c=16 against the floor's mean of the two ${SECS} s runs ($FLOOR_QPS q/s): $(ratio "${RPS[after,16]}" "$FLOOR_QPS") ×."
  echo "CPU per query: searchd $CPU16_after ms per request at c=16 (search, snippets, JSON, HTTP), the"
  echo "engine alone $(field "$ENGINE" cpu_ms_per_query) ms ($(ratio "$CPU16_after" "$(field "$ENGINE" cpu_ms_per_query)") ×: what the server adds), the floor $(field "$FLOOR1" cpu_ms_per_query) ms."
  echo
  echo "## Each query, warm, one thread"
  echo
  echo "Median of $RUNS runs after one warm-up run, one thread: Repère through search_run"
  echo "(bench/reference.c, snippets, facets and totals as searchd gives them), the naive floor"
  echo "through its FTS5 query. CPU: the thread's CPU time, which is the wall time on an idle"
  echo "machine and what the 10 ms target is checked on here; wall: elapsed, with whatever else"
  echo "ran. Matches: documents matching (Repère's total; the naive count)."
  [ -n "$BEFORE" ] && echo "Over HTTP: searchd's p50 at c=1 for that query alone, 1 s each (HTTP included)."
  echo
  if [ -n "$BEFORE" ]; then
    echo "| query | Repère CPU ms | ≤ 10 ms | Repère wall ms | matches | naive CPU ms | naive matches | HTTP before ms | HTTP now ms | now/before |"
    echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  else
    echo "| query | Repère CPU ms | ≤ 10 ms | Repère wall ms | matches | naive CPU ms | naive matches |"
    echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
  fi
  while IFS= read -r q; do
    ms=$(query_field "$REF_EACH" "$q" cpu_ms)
    row="| \`$q\` | $ms | $(verdict "$ms <= 10") | $(query_field "$REF_EACH" "$q" median_ms) | $(query_field "$REF_EACH" "$q" total) | $(query_field "$NAIVE_EACH" "$q" cpu_ms) | $(query_field "$NAIVE_EACH" "$q" total) |"
    if [ -n "$BEFORE" ]; then
      row="$row ${HTTP_Q[before,$q]} | ${HTTP_Q[after,$q]} | $(ratio "${HTTP_Q[after,$q]}" "${HTTP_Q[before,$q]}") |"
    fi
    echo "$row"
  done < <(grep -v '^#\|^$' "$QUERIES")
  if [ -n "$BEFORE" ]; then
    echo
    echo "## Before and after"
    echo
    echo "Before: \`$BEFORE\` (indexer and searchd, own index file); now: \`bin/\`. Same run, same corpus."
    echo "The searchd rows « in slices » alternate 2 s runs of the two ($PAIRS pairs); the other searchd"
    echo "rows are one ${SECS} s run of each, one after the other, which the machine's load moves as much."
    echo
    echo "| measure | before | now | now/before |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| index from empty, wall s | $OB_WALL | $RP_WALL | $(ratio "$RP_WALL" "$OB_WALL") |"
    echo "| index from empty, CPU s | $OB_CPU | $RP_CPU | $(ratio "$RP_CPU" "$OB_CPU") |"
    echo "| re-run on the unchanged corpus, wall s | $OR_WALL | $RR_WALL | $(ratio "$RR_WALL" "$OR_WALL") |"
    echo "| index size MiB | $(mib "$OB_SIZE") | $(mib "$RP_SIZE") | $(ratio "$RP_SIZE" "$OB_SIZE") |"
    echo "| indexer peak RSS (main process) MiB | $OB_RSS_PARENT | $RP_RSS_PARENT | $(ratio "$RP_RSS_PARENT" "$OB_RSS_PARENT") |"
    for c in 1 16 64; do
      echo "| searchd c=$c requests/s | ${RPS[before,$c]} | ${RPS[after,$c]} | $(ratio "${RPS[after,$c]}" "${RPS[before,$c]}") |"
      echo "| searchd c=$c p99 ms | ${P99[before,$c]} | ${P99[after,$c]} | $(ratio "${P99[after,$c]}" "${P99[before,$c]}") |"
    done
    echo "| searchd c=16 in slices, requests/s | ${SL_QPS[before]} | ${SL_QPS[after]} | $(ratio "${SL_QPS[after]}" "${SL_QPS[before]}") |"
    echo "| searchd c=1 in slices, requests/s | ${S1_QPS[before]} | ${S1_QPS[after]} | $(ratio "${S1_QPS[after]}" "${S1_QPS[before]}") |"
    echo "| searchd c=1 in slices, CPU ms/request | ${S1_CPU[before]} | ${S1_CPU[after]} | $(ratio "${S1_CPU[after]}" "${S1_CPU[before]}") |"
    echo "| searchd peak RSS MiB | $RSS_PEAK_before | $RSS_PEAK_after | $(ratio "$RSS_PEAK_after" "$RSS_PEAK_before") |"
  fi
  if [ "$TENX" = 1 ]; then
    echo
    echo "## Ten times the corpus (BENCH_10X=1)"
    echo
    echo "The corpus hard-linked ten times under different prefixes ($R10_DOCS documents for Repère,"
    echo "$N10_DOCS naive), indexed from empty with \`--jobs $JOBS\`; searchd at c=16 for ${SECS} s
($T16_ERR errors)."
    echo
    echo "| measure | 1× | 10× | growth | naive 1× | naive 10× | naive growth |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "| index wall s | $RP_WALL | $R10_WALL | $(ratio "$R10_WALL" "$RP_WALL") × | $NV_WALL | $N10_WALL | $(ratio "$N10_WALL" "$NV_WALL") × |"
    echo "| index CPU s | $RP_CPU | $R10_CPU | $(ratio "$R10_CPU" "$RP_CPU") × | $NV_CPU | $N10_CPU | $(ratio "$N10_CPU" "$NV_CPU") × |"
    echo "| index size MiB | $(mib "$RP_SIZE") | $(mib "$R10_SIZE") | $(ratio "$R10_SIZE" "$RP_SIZE") × | $(mib "$NV_SIZE") | $(mib "$N10_SIZE") | $(ratio "$N10_SIZE" "$NV_SIZE") × |"
    echo "| indexer peak RSS MiB | $RP_RSS_PARENT | $R10_RSS_PARENT | $(ratio "$R10_RSS_PARENT" "$RP_RSS_PARENT") × | $NV_RSS_PARENT | $N10_RSS_PARENT | |"
    echo "| searchd c=16 requests/s (naive: floor q/s) | ${RPS[after,16]} | $T16_RPS | $(ratio "$T16_RPS" "${RPS[after,16]}") × | $FLOOR_QPS | $(field "$FLOOR10" qps) | $(ratio "$(field "$FLOOR10" qps)" "$FLOOR_QPS") × |"
    echo "| searchd c=16 p50 ms (naive: floor p50) | ${P50_16} | $T16_P50 | $(ratio "$T16_P50" "$P50_16") × | $(field "$FLOOR1" p50_ms) | $(field "$FLOOR10" p50_ms) | |"
    echo "| searchd c=16 p99 ms (naive: floor p99) | ${P99[after,16]} | $T16_P99 | $(ratio "$T16_P99" "${P99[after,16]}") × | $(field "$FLOOR1" p99_ms) | $(field "$FLOOR10" p99_ms) | |"
    echo "| searchd peak RSS MiB | $RSS_PEAK_after | $T_RSS | $(ratio "$T_RSS" "$RSS_PEAK_after") × | | | |"
  fi
} >"$OUT"
cat "$OUT"
say "written to $OUT"
exit
}
