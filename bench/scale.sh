#!/usr/bin/env bash
# scale.sh - how `bulletinfeed` copes with years of issues (issue 14).
#
# For each N in SIZES it builds bulletinfeed and bench/scale, writes N+11
# weekly issues of ten articles each over twenty sections (bench/scale gen:
# distinct titles and text, nothing dedups) and measures, on a fresh SQLite
# store in a temporary folder:
#   - ingest of the first N issues in one process: seconds, issues/s;
#   - serve on a free loopback port (--base-url its own address): time from
#     the process's start to the first 200 on /feeds/all.atom, and the
#     render time serve logs ("rendered site ... duration=");
#   - serve's VmRSS and VmHWM (/proc) after that first 200;
#   - one more issue, ingested by another process: its own time, and the
#     time from its start until its first article's title is an entry of
#     /feeds/all.atom and until that entry's link answers 200;
#   - nine more, one at a time, each waited for the same way (ten in all):
#     the median and the slowest; serve's memory after the first of them (a
#     re-render) and after the tenth;
#   - load for DURATION: /feeds/all.atom, then random article pages (the
#     articles linked from a random sample of 300 issue pages, so the whole
#     archive, not only what the feeds list), both with Accept-Encoding:
#     gzip, by wrk (or, without wrk or with LOADGEN=go, bench/scale load):
#     requests/s, p50, p99, non-2xx/3xx answers and errors; serve's memory
#     after it;
#   - serve stopped, `build --out DIR` of the whole site: seconds, files
#     written (new files, or files whose inode or mtime changed, counted
#     with find), the files=N of its "built site" log line, the site's size
#     and the command's peak RSS; then one more issue ingested and the
#     build run again into the same DIR: the same figures.
# It prints a table per N, then a summary with the columns of the table of
# issue 14 and one with the rest.
#
# Every step has STEP_TIMEOUT seconds; a step that takes longer is killed
# and reported as "timeout" (and the steps that depend on it as
# "skipped"), so a slow build never hangs the script. Everything runs on
# 127.0.0.1 and stops on exit.
#
#   bench/scale.sh                          # SIZES="500 5000 10000": 5k, 50k, 100k articles
#   SIZES=50 DURATION=3s bench/scale.sh     # a quick check that the script works
#   SIZES=5000 KEEP=1 bench/scale.sh        # keep the folder: issues, store, logs, site
#
# Knobs (environment):
#   SIZES="500 5000 10000"  issues stored before serve starts, one run each
#   DURATION=10s            each load run (N, Ns or Nm)
#   THREADS=2 CONNS=32      wrk threads and connections (CONNS also for LOADGEN=go)
#   LOADGEN=wrk             wrk, or go for bench/scale load (also used when
#                           wrk is not installed)
#   STEP_TIMEOUT=600        seconds for each step: an ingest, the wait for
#                           a 200 or for an issue to be served, a build
#   SAMPLE=300              issue pages read for the random article pages
#   SERVE_GOMAXPROCS        GOMAXPROCS of serve only; unset: Go's default
#   SERVE_ARGS, BUILD_ARGS  more flags for serve and build (e.g. a cache size)
#   REV                     build bulletinfeed from this git revision (git
#                           archive into the temporary folder), e.g. REV=HEAD
#                           while the work tree is half-way through a change,
#                           or an old commit to compare with; unset: the work tree
#   KEEP=0                  1: keep the temporary folder and print its path
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-500 5000 10000}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
LOADGEN=${LOADGEN:-wrk}
STEP_TIMEOUT=${STEP_TIMEOUT:-600}
SAMPLE=${SAMPLE:-300}
SERVE_GOMAXPROCS=${SERVE_GOMAXPROCS:-${GOMAXPROCS:-}}
unset GOMAXPROCS # meant for serve, not for go build, ingest or build
SERVE_ARGS=${SERVE_ARGS:-}
BUILD_ARGS=${BUILD_ARGS:-}
KEEP=${KEEP:-0}
REV=${REV:-}
EXTRA=10 # single-issue ingests while serve runs
PREFIX=scale

die() { echo "scale: $*" >&2; exit 1; }

if [[ $DURATION =~ ^([0-9]+)([sm]?)$ ]]; then
  DURATION_S=${BASH_REMATCH[1]}
  [ "${BASH_REMATCH[2]}" = m ] && DURATION_S=$((DURATION_S * 60))
else
  die "DURATION=$DURATION: want N, Ns or Nm"
fi
[ "$DURATION_S" -gt 0 ] || die "DURATION must be positive"
[[ $STEP_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "STEP_TIMEOUT=$STEP_TIMEOUT: want seconds"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES: $n is not a positive number"; done
[ -n "${SIZES// /}" ] || die "SIZES is empty"
for tool in curl python3 timeout find; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
if [ "$LOADGEN" = wrk ] && ! command -v wrk >/dev/null 2>&1; then
  echo "scale: wrk not found (../shared/tools/check-feed/install.sh installs it): using bench/scale load" >&2
  LOADGEN=go
fi
[ "$LOADGEN" = wrk ] || [ "$LOADGEN" = go ] || die "LOADGEN=$LOADGEN: want wrk or go"
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f '%M' -o)

T=$(mktemp -d)
SERVE_PID=
cleanup() {
  stop_serve
  if [ "$KEEP" = 1 ]; then echo "scale: kept $T" >&2; else rm -rf "$T"; fi
}
stop_serve() {
  [ -n "$SERVE_PID" ] || return 0
  kill "$SERVE_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }
thousands() { sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta' <<<"$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f s", ms / 1000}'; }
# mem: "VmRSS X MB, VmHWM Y MB" of serve, from /proc.
mem() {
  awk '/^VmRSS:/ {r = $2} /^VmHWM:/ {h = $2} END {if (r == "") print "-"; else printf "VmRSS %.0f MB, VmHWM %.0f MB", r / 1024, h / 1024}' "/proc/$SERVE_PID/status" 2>/dev/null || echo -
}
rss_mb() { awk '/^VmRSS:/ {printf "%.0f MB", $2 / 1024}' "/proc/$SERVE_PID/status" 2>/dev/null || echo -; }
# step FILE CMD...: run CMD with STEP_TIMEOUT (its peak RSS in kB into FILE
# when /usr/bin/time is there); returns its status, 124 or 137 on a
# timeout. timeout runs CMD itself, under time: CMD gets SIGTERM at the
# limit and SIGKILL 5 s later, and the step returns only once it is gone,
# so no build goes on writing into a folder the script moves on from.
step() {
  local memfile=$1; shift
  if [ ${#TIME[@]} -gt 0 ]; then
    "${TIME[@]}" "$memfile" timeout -k 5 "$STEP_TIMEOUT" "$@"
  else
    timeout -k 5 "$STEP_TIMEOUT" "$@"
  fi
}
# time writes "Command exited with non-zero status N" before the figure.
peak() { [ -s "$1" ] && awk '$1 ~ /^[0-9]+$/ {kb = $1} END {if (kb != "") printf ", peak RSS %.0f MB", kb / 1024}' "$1" || true; }
failed() { case $1 in 124 | 137) echo "timeout (>${STEP_TIMEOUT} s)" ;; *) echo "failed (exit $1)" ;; esac; }
# snapshot DIR: every file with its inode and mtime, to tell which a build wrote.
snapshot() { (cd "$1" 2>/dev/null && find . -type f -printf '%P %i %T@\n' | sort) || true; }
# written BEFORE AFTER: files new or changed between two snapshots.
written() { comm -13 "$1" "$2" | wc -l; }
# wrk latency like "661.00us", "2.41ms", "1.02s" -> milliseconds
to_ms() { awk -v v="$1" 'BEGIN {
  n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
  if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
  printf "%.2f", n }'; }

echo "scale: building"
if [ -n "$REV" ]; then
  COMMIT=$(git rev-parse --verify --short "$REV^{commit}") || die "REV=$REV: no such revision"
  mkdir "$T/src"
  git archive --format=tar "$COMMIT" | tar -x -C "$T/src"
  (cd "$T/src" && go build -o "$T/bulletinfeed" ./cmd/bulletinfeed)
  BUILT="bulletinfeed of $COMMIT (REV=$REV)"
else
  go build -o "$T/bulletinfeed" ./cmd/bulletinfeed
  BUILT="bulletinfeed of the work tree, $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' with uncommitted changes')"
fi
go build -o "$T/scale" ./bench/scale
BIN=$T/bulletinfeed
SCALE=$T/scale
mapfile -t BANNERS < <("$SCALE" banners)
SEC_ARGS=()
for s in "${BANNERS[@]}"; do SEC_ARGS+=(--section "$s"); done

cp bench/random.lua "$T/random.lua"

# load NAME URL [PATHSFILE]: one load run; sets L_RPS L_P50 L_P99 L_BAD L_ERR.
load() {
  local name=$1 url=$2 paths=${3:-} out=$W/load-$1.txt
  L_RPS=- L_P50=- L_P99=- L_BAD=0 L_ERR=0
  if [ "$LOADGEN" = wrk ]; then
    local script=()
    [ -n "$paths" ] && script=(-s "$T/random.lua")
    local extra=()
    [ -n "$paths" ] && extra=(-- "$paths")
    if ! timeout $((DURATION_S + 60)) wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' \
      "${script[@]}" "$url" "${extra[@]}" >"$out" 2>&1; then
      L_RPS="failed"
      return 0
    fi
    L_RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    L_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    L_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    L_BAD=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    L_ERR=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  else
    local args=(-url "$url")
    [ -n "$paths" ] && args=(-base "$BASE" -paths "$paths")
    if ! timeout $((DURATION_S + 60)) "$SCALE" load "${args[@]}" -conns "$CONNS" -duration "$DURATION" -gzip >"$out" 2>&1; then
      L_RPS="failed"
      return 0
    fi
    val() { sed -n "s/^$1=//p" "$out"; }
    L_RPS=$(val RPS) L_P50=$(val P50_MS) L_P99=$(val P99_MS) L_BAD=$(val NON2XX) L_ERR=$(val ERRORS)
  fi
  L_BAD=${L_BAD:-0} L_ERR=${L_ERR:-0}
}
load_line() { # the figures of the last load run
  if [ "$L_RPS" = failed ]; then echo "failed"; return; fi
  local s="$L_RPS req/s, p50 $L_P50 ms, p99 $L_P99 ms"
  [ "$L_BAD" != 0 ] && s+=", $L_BAD non-2xx/3xx"
  [ "$L_ERR" != 0 ] && s+=", $L_ERR errors"
  echo "$s"
}

# served FILE: ingest one issue FILE with another process and wait until
# its first article is in /feeds/all.atom and its page answers; sets
# S_INGEST (ms), S_FEED (ms from the ingest's start), S_PAGE, S_PATH, S_OK.
served() {
  local f=$1 title t0 t1 rc=0 out
  title=$(sed -n 4p "$f") # gen's layout: Issue:, Date:, blank line, the first title
  S_INGEST=- S_FEED=- S_PAGE=- S_PATH=- S_OK=0
  t0=$(now_ms)
  step "$W/mem-ingest1" "$BIN" ingest --db "$DB" "${SEC_ARGS[@]}" "$f" >>"$W/ingest-one.log" 2>&1 || rc=$?
  t1=$(now_ms)
  if [ "$rc" != 0 ]; then S_FEED="ingest $(failed "$rc")"; return 0; fi
  S_INGEST=$((t1 - t0))
  rc=0
  out=$("$SCALE" wait -url "$BASE/feeds/all.atom" -title "$title" -since "$t0" -timeout "${STEP_TIMEOUT}s" -pid "$SERVE_PID" 2>>"$W/wait.log") || rc=$?
  if [ "$rc" != 0 ]; then
    S_FEED=$(tail -1 "$W/wait.log" | grep -q 'exited' && echo "serve exited" || echo "timeout (>${STEP_TIMEOUT} s)")
    return 0
  fi
  S_FEED=$(sed -n 's/.*feed_ms=\([0-9]*\).*/\1/p' <<<"$out")
  S_PAGE=$(sed -n 's/.*article_ms=\([0-9-]*\).*/\1/p' <<<"$out")
  S_PATH=$(sed -n 's/.*path=\(.*\)/\1/p' <<<"$out")
  S_OK=1
}

# render durations serve logged, in order, as seconds
renders() { sed -n 's/.*msg="rendered site".*duration=\([^ ]*\).*/\1/p' "$W/serve.log" 2>/dev/null; }
go_dur_s() { awk -v d="$1" 'BEGIN {
  n = d + 0; u = d; sub(/^[0-9.]+/, "", u)
  if (u == "ms") n /= 1000; else if (u == "µs" || u == "us") n /= 1e6; else if (u == "m") n *= 60
  else if (d ~ /m[0-9]/) { split(d, p, "m"); n = p[1] * 60 + p[2] }
  printf "%.2f s", n }'; }

SUMMARY=$T/summary
OTHER=$T/other
: >"$SUMMARY"
: >"$OTHER"
echo "scale: $(nproc) cores, load by $LOADGEN ($([ "$LOADGEN" = wrk ] && echo "-t$THREADS ")-c$CONNS -d$DURATION, Accept-Encoding: gzip), STEP_TIMEOUT=${STEP_TIMEOUT}s, serve GOMAXPROCS=${SERVE_GOMAXPROCS:-default}, $BUILT"

for N in $SIZES; do
  W=$T/n$N
  mkdir -p "$W/initial" "$W/extra"
  DB=$W/bench.db
  declare -A R=()
  row() { printf '  %-44s %s\n' "$1" "$2"; }

  echo
  echo "== $N issues ($((N * 10)) articles), ${#BANNERS[@]} sections, SQLite"
  "$SCALE" gen -n $((N + EXTRA + 1)) -out "$W/gen" -prefix "$PREFIX"
  mapfile -t FILES < <(ls "$W/gen"/*.txt | sort)
  for f in "${FILES[@]:0:N}"; do mv "$f" "$W/initial/"; done
  mv "$W/gen"/*.txt "$W/extra/"
  mapfile -t EXTRAS < <(ls "$W/extra"/*.txt | sort)
  R[gen_mb]=$(du -sm "$W/initial" | cut -f1)

  # -- ingest
  rc=0
  t0=$(now_ms)
  step "$W/mem-ingest" "$BIN" ingest --db "$DB" "${SEC_ARGS[@]}" "$W/initial" >"$W/ingest.log" 2>&1 || rc=$?
  t1=$(now_ms)
  STORED=$(awk '/msg=ingested/ {for (i = 1; i <= NF; i++) if ($i ~ /^articles=/) {sub("articles=", "", $i); s += $i}} END {print s + 0}' "$W/ingest.log")
  if [ "$rc" != 0 ]; then
    R[ingest]="$(failed "$rc") after $(secs $((t1 - t0))), $STORED articles stored"
    row "ingest $N issues" "${R[ingest]}"
    grep -v 'level=WARN\|level=INFO' "$W/ingest.log" | tail -3 >&2 || true
    printf '| %s | %s | %s | %s |\n' "$N issues" "ingest ${R[ingest]}" - - >>"$SUMMARY"
    unset R
    continue
  fi
  # What the store holds, by section (the log's count if that fails).
  if timeout "$STEP_TIMEOUT" "$BIN" sections --db "$DB" >"$W/sections.txt" 2>&1; then
    STORED=$(awk 'NR > 1 && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$W/sections.txt")
    R[sections]=$(awk 'NR > 1 && $2 ~ /^[0-9]+$/ && $2 > 0 {n++} END {print n + 0}' "$W/sections.txt")
  fi
  R[ingest_s]=$(secs $((t1 - t0)))
  R[ingest_rate]=$(awk -v n="$N" -v ms=$((t1 - t0)) 'BEGIN {printf "%.0f", n * 1000 / ms}')
  row "ingest $N issues (one process, $(du -sm "$W/initial" | cut -f1) MB)" "${R[ingest_s]}, ${R[ingest_rate]} issues/s, $STORED articles stored in ${R[sections]:-?} sections$(peak "$W/mem-ingest")"

  # -- serve: first 200
  PORT=$(free_port)
  BASE=http://127.0.0.1:$PORT
  serve_env=()
  [ -n "$SERVE_GOMAXPROCS" ] && serve_env=(GOMAXPROCS="$SERVE_GOMAXPROCS")
  # shellcheck disable=SC2086 # SERVE_ARGS is words
  t0=$(now_ms)
  env "${serve_env[@]}" "$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" --base-url "$BASE" $SERVE_ARGS 2>"$W/serve.log" &
  SERVE_PID=$!
  rc=0
  out=$("$SCALE" wait -url "$BASE/feeds/all.atom" -since "$t0" -timeout "${STEP_TIMEOUT}s" -pid "$SERVE_PID" 2>"$W/wait.log") || rc=$?
  UP=0
  if [ "$rc" = 0 ]; then
    UP=1
    R[first_ms]=$(sed -n 's/.*feed_ms=\([0-9]*\).*/\1/p' <<<"$out")
    R[mem_start]=$(mem)
    R[rss_start]=$(rss_mb)
    r=$(renders | head -1)
    R[render_log]=${r:+$(go_dur_s "$r")}
    row "serve: first 200 on /feeds/all.atom" "$(secs "${R[first_ms]}") after the process started (render ${R[render_log]:-not logged})"
    row "serve memory after start" "${R[mem_start]}"
  else
    grep -q exited "$W/wait.log" && R[first_ms]="serve exited" || R[first_ms]="timeout (>${STEP_TIMEOUT} s)"
    row "serve: first 200 on /feeds/all.atom" "${R[first_ms]}"
    tail -3 "$W/serve.log" >&2 || true
  fi

  # -- one more issue, then nine more
  if [ "$UP" = 1 ]; then
    served "${EXTRAS[0]}"
    R[more_ok]=$S_OK
    if [ "$S_OK" = 1 ]; then
      R[more_ms]=$S_FEED
      R[mem_more]=$(mem)
      R[rss_more]=$(rss_mb)
      row "one more issue: ingest" "$S_INGEST ms"
      row "  its first article in /feeds/all.atom" "$S_FEED ms after the ingest started"
      row "  its article page answers 200" "$S_PAGE ms after the ingest started ($S_PATH)"
      row "serve memory after that re-render" "${R[mem_more]}"
      : >"$W/lat"
      echo "$S_FEED" >>"$W/lat"
      ok=1
      for ((i = 1; i < EXTRA; i++)); do
        served "${EXTRAS[i]}"
        if [ "$S_OK" != 1 ]; then
          ok=0
          row "ingest $((i + 1)) of $EXTRA" "$S_FEED"
          break
        fi
        echo "$S_FEED" >>"$W/lat"
      done
      if [ "$ok" = 1 ]; then
        R[ten]=$(sort -n "$W/lat" | awk '{v[NR] = $1} END {printf "median %d ms, slowest %d ms", v[int((NR + 1) / 2)], v[NR]}')
        R[mem_ten]=$(mem)
        R[rss_ten]=$(rss_mb)
        row "$EXTRA single-issue ingests, each served after" "${R[ten]} (from each ingest's start)"
        row "serve memory after $EXTRA more issues" "${R[mem_ten]}"
      else
        R[ten]=skipped
      fi
      nr=$(renders | wc -l)
      if [ "$nr" -gt 1 ]; then
        row "renders serve logged" "$nr: first $(go_dur_s "$(renders | head -1)"), then $(renders | tail -n +2 | while read -r d; do go_dur_s "$d"; echo; done | awk '{s += $1; if ($1 > m) m = $1; n++} END {printf "mean %.2f s, slowest %.2f s", s / n, m}')"
      fi
    else
      R[more_ms]=$S_FEED
      R[ten]=skipped
      row "one more issue served" "$S_FEED"
    fi

    # -- load
    rc=0
    "$SCALE" urls -base "$BASE" -prefix "$PREFIX" -n "$N" -sample "$SAMPLE" -out "$W/articles.txt" 2>"$W/urls.log" || rc=$?
    [ "$rc" = 0 ] && row "article paths for the load" "$(sed -n 's/^scale: //p' "$W/urls.log" | tail -1)"
    load feed "$BASE/feeds/all.atom"
    R[wrk_feed]=$(load_line)
    R[feed_p]="$L_P50 / $L_P99 ms, $L_RPS/s"
    row "load /feeds/all.atom" "${R[wrk_feed]}"
    if [ "$rc" = 0 ]; then
      load articles "$BASE/" "$W/articles.txt"
      R[wrk_art]=$(load_line)
      R[art_p]="$L_P50 / $L_P99 ms, $L_RPS/s"
      row "load random article pages" "${R[wrk_art]}"
    else
      R[wrk_art]="no article paths: $(tail -1 "$W/urls.log")"
      R[art_p]=-
      row "load random article pages" "${R[wrk_art]}"
    fi
    R[mem_load]=$(mem)
    row "serve memory after the load" "${R[mem_load]}"
  fi
  stop_serve

  # -- build, then one more issue and a rebuild
  SITE=$W/site
  mkdir -p "$SITE"
  snapshot "$SITE" >"$W/snap0"
  rc=0
  t0=$(now_ms)
  # shellcheck disable=SC2086 # BUILD_ARGS is words
  step "$W/mem-build" "$BIN" build --db "$DB" --out "$SITE" --base-url https://bench.example.org/ $BUILD_ARGS >"$W/build.log" 2>&1 || rc=$?
  t1=$(now_ms)
  snapshot "$SITE" >"$W/snap1"
  # logged LOG: the counts of the build's "built site" line (files=N, and
  # written=, unchanged=, removed= if it has them).
  logged() {
    grep 'msg="built site"' "$1" | tail -1 | tr ' ' '\n' | grep -E '^(files|written|unchanged|removed)=[0-9]+$' | paste -sd' ' - || true
  }
  if [ "$rc" = 0 ]; then
    R[build]=$(secs $((t1 - t0)))
    R[build_files]=$(written "$W/snap0" "$W/snap1")
    row "build, full" "${R[build]}, ${R[build_files]} files written (log: $(logged "$W/build.log")), $(du -sm "$SITE" | cut -f1) MB$(peak "$W/mem-build")"
    rc=0
    step "$W/mem-ingest2" "$BIN" ingest --db "$DB" "${SEC_ARGS[@]}" "${EXTRAS[EXTRA]}" >>"$W/ingest-one.log" 2>&1 || rc=$?
    if [ "$rc" = 0 ]; then
      t0=$(now_ms)
      # shellcheck disable=SC2086
      step "$W/mem-rebuild" "$BIN" build --db "$DB" --out "$SITE" --base-url https://bench.example.org/ $BUILD_ARGS >"$W/rebuild.log" 2>&1 || rc=$?
      t1=$(now_ms)
      snapshot "$SITE" >"$W/snap2"
      if [ "$rc" = 0 ]; then
        R[rebuild]=$(secs $((t1 - t0)))
        R[rebuild_files]=$(written "$W/snap1" "$W/snap2")
        row "rebuild after one more issue" "${R[rebuild]}, ${R[rebuild_files]} files written (log: $(logged "$W/rebuild.log"))$(peak "$W/mem-rebuild")"
      else
        R[rebuild]=$(failed "$rc")
        row "rebuild after one more issue" "${R[rebuild]}"
        tail -2 "$W/rebuild.log" >&2 || true
      fi
    else
      R[rebuild]="ingest $(failed "$rc")"
      row "rebuild after one more issue" "${R[rebuild]}"
    fi
  else
    R[build]=$(failed "$rc")
    R[rebuild]=skipped
    row "build, full" "${R[build]}"
    tail -2 "$W/build.log" >&2 || true
  fi

  # -- summary rows
  fmt_ms() { [[ $1 =~ ^[0-9]+$ ]] && secs "$1" || echo "$1"; }
  render="$(fmt_ms "${R[first_ms]:-skipped}") / $(fmt_ms "${R[more_ms]:-skipped}")"
  memcol="${R[rss_start]:--} → ${R[rss_more]:--} (after $EXTRA: ${R[rss_ten]:--})"
  buildcol="${R[build]}${R[build_files]:+, ${R[build_files]} files} / ${R[rebuild]}${R[rebuild_files]:+, ${R[rebuild_files]} files}"
  printf '| %s | %s | %s | %s |\n' "$(thousands "$STORED")" "$render" "$memcol" "$buildcol" >>"$SUMMARY"
  printf '| %s | %s/s | %s | %s | %s |\n' "$(thousands "$STORED")" "${R[ingest_rate]:--}" "${R[ten]:--}" "${R[feed_p]:--}" "${R[art_p]:--}" >>"$OTHER"
  unset R
done

echo
echo "== summary (the columns of issue 14; render = from serve's start to the first 200 on /feeds/all.atom / from one more ingest's start to its article in that feed)"
echo "| stored articles | render at start / after one more issue | serve memory (RSS) after render → after one re-render | build / rebuild after one issue |"
echo "|---|---|---|---|"
cat "$SUMMARY"
echo
echo "| stored articles | ingest | $EXTRA more issues, each served after | /feeds/all.atom p50 / p99, req/s | random article pages p50 / p99, req/s |"
echo "|---|---|---|---|---|"
cat "$OTHER"
