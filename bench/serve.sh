#!/usr/bin/env bash
# serve.sh - compare `bulletinfeed serve` with nginx serving the same feed bytes.
#
# Builds bulletinfeed, ingests the reference issue into a temporary store,
# starts serve on a free loopback port, and gives a private foreground nginx
# the same bytes, precompressed: the feed as serve sends it without
# Accept-Encoding, and beside it FEED.gz, the very bytes serve sends with
# Accept-Encoding: gzip (checked to unpack to the first). nginx serves them
# with gzip_static on and gzip off, so it never compresses on the fly (the
# script checks that its gzip answer is those bytes, with a Content-Length),
# with serve's Cache-Control and security headers, and with as many worker
# processes as serve has cores (SERVE_GOMAXPROCS; with PIN=1 both servers
# get the same that many CPUs). Then wrk runs with the same threads,
# connections and duration against both for:
#   (a) 200 with Accept-Encoding: gzip
#   (b) 304 with If-None-Match: <that server's own ETag>
# in a few rounds, and prints the requests per second and the median over
# the rounds of each round's ratio serve/nginx. Aims (issue 24): 0.85 for
# (a) and 0.95 for (b).
#
# Then the archive (issue 24), unless ARCHIVE=0: ARCHIVE weekly issues by
# bench/scale gen (ten articles each, 20,000 articles at 2,000) in a store
# of their own, a second serve on it and a second nginx on `build --gzip`'s
# output of the same store with the same base URL (the same pages; each
# FILE.gz beside its file for gzip_static). The article paths are those
# linked from PAGES random issue pages (about 3,000 at 300) and, for the
# hits, from HOT of them (about 300). Every path is asked for once of each
# server before the rounds (serve renders and caches it; nginx's files are
# read into the OS's cache), then each round also runs:
#   (c) random article pages of the PAGES set, gzip, serve then nginx:
#       ratio serve/nginx, aim at least 0.7, and serve's p99, aim 10 ms;
#   (d) random article pages of the HOT set on serve, all cache hits, and
#       the all-sections feed of the same serve: ratio pages/feed, aim at
#       least 0.9.
# The store and the build take a few minutes on two cores, once.
#
#   bench/serve.sh                       # 5 rounds of -t2 -c32 -d5s on /feeds/all.atom
#   THREADS=1 CONNS=64 DURATION=10s FEED=feeds/all.rss bench/serve.sh
#   PIN=1 bench/serve.sh                 # servers on CPU 0, wrk on CPU 1
#   SERVE_GOMAXPROCS=2 bench/serve.sh    # serve on 2 cores, nginx 2 workers
#   ARCHIVE=0 bench/serve.sh             # the feed only
#   ROUNDS=3 PIN=1 bench/serve.sh        # the figures of issue 24
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-5}
# serve gets one core's worth of Go threads and nginx one worker process,
# leaving the other core to wrk on a two-core machine. nginx always runs
# as many workers as serve has cores.
SERVE_GOMAXPROCS=${SERVE_GOMAXPROCS:-1}
[[ $SERVE_GOMAXPROCS =~ ^[1-9][0-9]*$ ]] || { echo "bench: SERVE_GOMAXPROCS=$SERVE_GOMAXPROCS: want a positive number" >&2; exit 2; }
NGINX_WORKERS=$SERVE_GOMAXPROCS
# PIN=1 puts both servers on CPU 0 (CPUs 0..SERVE_GOMAXPROCS-1) and wrk on
# the others: steadier figures on a busy machine, each server with exactly
# as many cores as the other.
PIN=${PIN:-0}
ON_SERVER=()
ON_CLIENT=()
if [ "$PIN" = 1 ]; then
  if [ "$(nproc)" -le "$SERVE_GOMAXPROCS" ]; then
    echo "bench: PIN=1 with SERVE_GOMAXPROCS=$SERVE_GOMAXPROCS needs more than $SERVE_GOMAXPROCS CPUs (have $(nproc))" >&2
    exit 2
  fi
  ON_SERVER=(taskset -c "0-$((SERVE_GOMAXPROCS - 1))")
  ON_CLIENT=(taskset -c "$SERVE_GOMAXPROCS-$(($(nproc) - 1))")
fi
FEED=${FEED:-feeds/all.atom}
REFERENCE=${REFERENCE:-../shared/testdata/hexi-2023-04.txt}
ARCHIVE=${ARCHIVE:-2000}
PAGES=${PAGES:-300}
HOT=${HOT:-30}
for v in ARCHIVE PAGES HOT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "bench: $v=${!v}: want a number" >&2; exit 2; }
done
SECTIONS=("新时代新征程新伟业 以新担当新作为推动高质量发展" "十项行动 奋进新征程")

for tool in nginx wrk curl gzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool not found; run ../shared/tools/check-feed/install.sh" >&2; exit 1; }
done

T=$(mktemp -d)
SERVE_PID=
NGINX_PID=
ASERVE_PID=
ANGINX_PID=
cleanup() {
  local p
  for p in "$SERVE_PID" "$ASERVE_PID"; do
    [ -n "$p" ] && { kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; }
  done
  for p in "$NGINX_PID" "$ANGINX_PID"; do
    [ -n "$p" ] && { kill -QUIT "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; }
  done
  rm -rf "$T"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_up() {
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "bench: $1 did not come up" >&2
  exit 1
}

go build -o "$T/bulletinfeed" ./cmd/bulletinfeed
args=()
for s in "${SECTIONS[@]}"; do args+=(--section "$s"); done
"$T/bulletinfeed" ingest --db "$T/bench.db" "${args[@]}" "$REFERENCE" >/dev/null 2>&1

SERVE_PORT=$(free_port)
SERVE=http://127.0.0.1:$SERVE_PORT
GOMAXPROCS=$SERVE_GOMAXPROCS "${ON_SERVER[@]}" "$T/bulletinfeed" serve --db "$T/bench.db" --addr "127.0.0.1:$SERVE_PORT" --base-url "$SERVE" 2>"$T/serve.log" &
SERVE_PID=$!
wait_up "$SERVE/healthz"

# The same bytes, as static files for nginx: the feed as serve sends it
# uncompressed and, beside it, the gzip body serve sends (curl without
# --compressed keeps it as it came).
mkdir -p "$T/www/$(dirname "$FEED")" "$T/tmp"
curl -fs "$SERVE/$FEED" -o "$T/www/$FEED"
curl -fs -H 'Accept-Encoding: gzip' -D "$T/serve-gz.headers" "$SERVE/$FEED" -o "$T/www/$FEED.gz"
header() { tr -d '\r' <"$1" | awk -v h="$2" 'BEGIN {h = tolower(h) ":"} tolower($1) == h {sub(/^[^:]*: */, ""); print; exit}'; }
[ "$(header "$T/serve-gz.headers" Content-Encoding)" = gzip ] || { echo "bench: serve did not gzip $FEED" >&2; exit 1; }
gzip -dc "$T/www/$FEED.gz" | cmp -s - "$T/www/$FEED" || { echo "bench: serve's gzip body of $FEED does not unpack to its plain body" >&2; exit 1; }
# Both files dated as serve dates the feed, for nginx's Last-Modified.
LM=$(header "$T/serve-gz.headers" Last-Modified)
[ -n "$LM" ] && touch -d "$LM" "$T/www/$FEED" "$T/www/$FEED.gz" 2>/dev/null || true
# serve's other headers, so that both answers carry the same: nginx adds
# Content-Type, Content-Length, ETag, Last-Modified and Vary itself.
ADD_HEADERS=
for h in Cache-Control Content-Security-Policy Referrer-Policy X-Content-Type-Options; do
  v=$(header "$T/serve-gz.headers" "$h")
  case $v in *'"'* | *'$'* | *'\'* | '') continue ;; esac
  ADD_HEADERS+="add_header $h \"$v\" always; "
done
# nginx started as root serves as an unprivileged user: let it read.
chmod 755 "$T"
chmod -R a+rX "$T/www"
case $FEED in
  *.atom) CT=application/atom+xml ;;
  *.rss)  CT=application/rss+xml ;;
  *.json) CT=application/feed+json ;;
  *) CT=application/octet-stream ;;
esac
NGINX_PORT=$(free_port)
NGINX=http://127.0.0.1:$NGINX_PORT
# gzip_static serves FEED.gz as it is to a client that accepts gzip; gzip
# off: nothing is ever compressed on the fly.
cat > "$T/nginx.conf" <<CONF
daemon off; worker_processes $NGINX_WORKERS; pid $T/nginx.pid; error_log $T/error.log warn;
events { worker_connections 1024; }
http { access_log off;
  client_body_temp_path $T/tmp; proxy_temp_path $T/tmp; fastcgi_temp_path $T/tmp; uwsgi_temp_path $T/tmp; scgi_temp_path $T/tmp;
  gzip off; gzip_static on; gzip_vary on;
  charset utf-8; charset_types application/atom+xml application/rss+xml application/feed+json;
  server { listen 127.0.0.1:$NGINX_PORT; root $T/www;
    location / { types { } default_type $CT; $ADD_HEADERS} } }
CONF
"${ON_SERVER[@]}" nginx -c "$T/nginx.conf" -e "$T/error.log" &
NGINX_PID=$!
wait_up "$NGINX/$FEED"

etag() { curl -fsI -H 'Accept-Encoding: gzip' "$1" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'; }
SERVE_ETAG=$(etag "$SERVE/$FEED")
NGINX_ETAG=$(etag "$NGINX/$FEED")

# Make sure each case measures what it says before timing it.
expect() { # URL STATUS ENCODING HEADER...
  local url=$1 want=$2 enc=$3; shift 3
  local hdrs=() h
  for h in "$@"; do hdrs+=(-H "$h"); done
  local got
  got=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}' "${hdrs[@]}" "$url")
  if [ "$got" != "$want $enc" ] && [ "$got" != "$want $enc " ]; then
    echo "bench: $url answered '$got', want '$want $enc'" >&2
    exit 1
  fi
}
expect "$SERVE/$FEED" 200 gzip 'Accept-Encoding: gzip'
expect "$NGINX/$FEED" 200 gzip 'Accept-Encoding: gzip'
expect "$SERVE/$FEED" 304 "" 'Accept-Encoding: gzip' "If-None-Match: $SERVE_ETAG"
expect "$NGINX/$FEED" 304 "" 'Accept-Encoding: gzip' "If-None-Match: $NGINX_ETAG"
# nginx's gzip answer is serve's gzip bytes, sent from the file with a
# Content-Length: not compressed on the fly (which would be chunked, and
# other bytes).
curl -fs -H 'Accept-Encoding: gzip' -D "$T/nginx-gz.headers" "$NGINX/$FEED" -o "$T/nginx.gz"
cmp -s "$T/nginx.gz" "$T/www/$FEED.gz" || { echo "bench: nginx's gzip answer is not serve's gzip bytes: is gzip_static in effect?" >&2; exit 1; }
[ "$(header "$T/nginx-gz.headers" Content-Length)" = "$(wc -c <"$T/www/$FEED.gz")" ] ||
  { echo "bench: nginx's gzip answer has no Content-Length of the .gz file: compressed on the fly?" >&2; exit 1; }
# The answers' headers, for the record: their sizes differ by little.
hsize() { wc -c <"$1"; }
curl -fs -o /dev/null -D "$T/serve-gz.headers" -H 'Accept-Encoding: gzip' "$SERVE/$FEED"

rps() { # URL HEADER... -> requests/sec
  local url=$1; shift
  local hdrs=() h
  for h in "$@"; do hdrs+=(-H "$h"); done
  "${ON_CLIENT[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "${hdrs[@]}" "$url" | awk '/^Requests\/sec:/ {print $2}'
}

echo "bench: $FEED ($(wc -c <"$T/www/$FEED") bytes, gzip $(wc -c <"$T/www/$FEED.gz") bytes; response headers serve $(hsize "$T/serve-gz.headers") bytes, nginx $(hsize "$T/nginx-gz.headers") bytes), wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS rounds, $(nproc) cores, serve GOMAXPROCS=$SERVE_GOMAXPROCS, nginx $NGINX_WORKERS worker(s) with gzip_static (precompressed, gzip off), PIN=$PIN${ON_SERVER:+ (servers: ${ON_SERVER[*]}, wrk: ${ON_CLIENT[*]})}"
printf '%-6s %12s %12s %12s %12s\n' round "serve gz200" "nginx gz200" "serve 304" "nginx 304"
: >"$T/results"
for r in $(seq 1 "$ROUNDS"); do
  # Each case runs serve then nginx back to back, so that load from
  # elsewhere on the machine hits both alike.
  s200=$(rps "$SERVE/$FEED" 'Accept-Encoding: gzip')
  n200=$(rps "$NGINX/$FEED" 'Accept-Encoding: gzip')
  s304=$(rps "$SERVE/$FEED" 'Accept-Encoding: gzip' "If-None-Match: $SERVE_ETAG")
  n304=$(rps "$NGINX/$FEED" 'Accept-Encoding: gzip' "If-None-Match: $NGINX_ETAG")
  printf '%-6s %12.0f %12.0f %12.0f %12.0f\n' "$r" "$s200" "$n200" "$s304" "$n304"
  echo "$s200 $n200 $s304 $n304" >>"$T/results"
done

# Each round's ratio compares runs made seconds apart, so load that comes
# and goes on the machine cancels out; the median ratio over the rounds is
# the figure.
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v c="$1" '{print $c}' "$T/results" | median; }
R200=$(awk '{print $1/$2}' "$T/results" | median)
R304=$(awk '{print $3/$4}' "$T/results" | median)
awk -v s200="$(col 1)" -v n200="$(col 2)" -v s304="$(col 3)" -v n304="$(col 4)" -v r200="$R200" -v r304="$R304" 'BEGIN {
  printf "\n%-10s %14s %14s %14s %8s\n", "median", "serve req/s", "nginx req/s", "ratio/round", "target"
  printf "%-10s %14.0f %14.0f %14.2f %8s\n", "gzip 200", s200, n200, r200, ">=0.85"
  printf "%-10s %14.0f %14.0f %14.2f %8s\n", "304", s304, n304, r304, ">=0.95"
}'

[ "$ARCHIVE" -gt 0 ] || exit 0

# ---- the archive: article pages of ARCHIVE issues, serve against nginx
# on build --gzip's output of the same store.
echo
go build -o "$T/scale" ./bench/scale
mapfile -t BANNERS < <("$T/scale" banners)
aargs=()
for s in "${BANNERS[@]}"; do aargs+=(--section "$s"); done
"$T/scale" gen -n "$ARCHIVE" -out "$T/archive" -prefix scale
t0=$(date +%s)
"$T/bulletinfeed" ingest --db "$T/archive.db" "${aargs[@]}" "$T/archive" >"$T/archive-ingest.log" 2>&1 ||
  { tail -3 "$T/archive-ingest.log" >&2; echo "bench: ingest of the archive failed" >&2; exit 1; }
ASERVE_PORT=$(free_port)
ASERVE=http://127.0.0.1:$ASERVE_PORT
GOMAXPROCS=$SERVE_GOMAXPROCS "${ON_SERVER[@]}" "$T/bulletinfeed" serve --db "$T/archive.db" --addr "127.0.0.1:$ASERVE_PORT" --base-url "$ASERVE" 2>"$T/archive-serve.log" &
ASERVE_PID=$!
# The same base URL as serve: the same pages, byte for byte.
"$T/bulletinfeed" build --db "$T/archive.db" --out "$T/site" --base-url "$ASERVE" --allow-local --gzip >"$T/archive-build.log" 2>&1 ||
  { tail -3 "$T/archive-build.log" >&2; echo "bench: build of the archive failed" >&2; exit 1; }
echo "bench: archive of $ARCHIVE issues stored and built (--gzip) in $(($(date +%s) - t0)) s"
wait_up "$ASERVE/healthz"
"$T/scale" urls -base "$ASERVE" -prefix scale -n "$ARCHIVE" -sample "$PAGES" -out "$T/pages.txt" 2>"$T/urls.log" ||
  { cat "$T/urls.log" >&2; exit 1; }
"$T/scale" urls -base "$ASERVE" -prefix scale -n "$ARCHIVE" -sample "$HOT" -out "$T/hot.txt" 2>>"$T/urls.log" ||
  { cat "$T/urls.log" >&2; exit 1; }
chmod -R a+rX "$T/site"
ANGINX_PORT=$(free_port)
ANGINX=http://127.0.0.1:$ANGINX_PORT
APAGE=$(head -1 "$T/pages.txt")
curl -fs -D "$T/apage.headers" -H 'Accept-Encoding: gzip' "$ASERVE$APAGE" -o /dev/null
AADD=
for h in Cache-Control Content-Security-Policy Referrer-Policy X-Content-Type-Options; do
  v=$(header "$T/apage.headers" "$h")
  case $v in *'"'* | *'$'* | *'\'* | '') continue ;; esac
  AADD+="add_header $h \"$v\" always; "
done
# A page is DIR/index.html in a build: try_files finds it at its URL
# without the redirect to DIR/ that nginx makes for a folder.
cat > "$T/nginx-archive.conf" <<CONF
daemon off; worker_processes $NGINX_WORKERS; pid $T/nginx-archive.pid; error_log $T/error-archive.log warn;
events { worker_connections 1024; }
http { access_log off; include /etc/nginx/mime.types;
  client_body_temp_path $T/tmp; proxy_temp_path $T/tmp; fastcgi_temp_path $T/tmp; uwsgi_temp_path $T/tmp; scgi_temp_path $T/tmp;
  gzip off; gzip_static on; gzip_vary on; charset utf-8;
  server { listen 127.0.0.1:$ANGINX_PORT; root $T/site;
    location / { try_files \$uri/index.html \$uri =404; $AADD} } }
CONF
"${ON_SERVER[@]}" nginx -c "$T/nginx-archive.conf" -e "$T/error-archive.log" &
ANGINX_PID=$!
wait_up "$ANGINX$APAGE"
expect "$ASERVE$APAGE" 200 gzip 'Accept-Encoding: gzip'
expect "$ANGINX$APAGE" 200 gzip 'Accept-Encoding: gzip'
# nginx sends the build's .gz with its Content-Length, and it unpacks to
# the page serve sends.
curl -fs -D "$T/anginx.headers" -H 'Accept-Encoding: gzip' "$ANGINX$APAGE" -o "$T/anginx.gz"
cmp -s "$T/anginx.gz" "$T/site$APAGE/index.html.gz" ||
  { echo "bench: nginx's gzip answer for $APAGE is not the build's .gz: is gzip_static in effect?" >&2; exit 1; }
[ "$(header "$T/anginx.headers" Content-Length)" = "$(wc -c <"$T/anginx.gz")" ] ||
  { echo "bench: nginx's gzip answer for $APAGE has no Content-Length of the .gz file" >&2; exit 1; }
curl -fs "$ASERVE$APAGE" -o "$T/apage.html"
gzip -dc "$T/anginx.gz" | cmp -s - "$T/apage.html" ||
  { echo "bench: the build's page $APAGE is not the page serve sends" >&2; exit 1; }
curl -fs -H 'Accept-Encoding: gzip' "$ASERVE$APAGE" -o "$T/aserve.gz"

cp bench/random.lua "$T/random.lua"
# Every page once, before the rounds: serve renders and caches it, nginx
# reads its files. Fifty paths a curl, on one connection.
warm() { # BASE PATHS
  sed "s|^|$1|" "$2" | xargs -n 50 -P 4 curl -fs -H 'Accept-Encoding: gzip' >/dev/null ||
    { echo "bench: a page of $2 did not answer 200 at $1" >&2; exit 1; }
}
t0=$(date +%s%3N)
warm "$ASERVE" "$T/pages.txt"
t1=$(date +%s%3N)
warm "$ANGINX" "$T/pages.txt"
warm "$ASERVE" "$T/hot.txt"
# wrk_pages BASE PATHS -> "requests/sec p99_ms"
wrk_pages() {
  "${ON_CLIENT[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' -s "$T/random.lua" "$1/" -- "$2" |
    awk '/^Requests\/sec:/ {r = $2} $1 == "99%" {v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u); if (u == "us") v /= 1000; else if (u == "s") v *= 1000; p = v} END {printf "%s %.2f\n", r, p}'
}
wrk_feed() { "${ON_CLIENT[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$1" |
  awk '/^Requests\/sec:/ {r = $2} END {print r}'; }

echo "bench: archive of $ARCHIVE issues, $(wc -l <"$T/pages.txt") article pages (from $PAGES issue pages), $(wc -l <"$T/hot.txt") hot ones (from $HOT); page $APAGE: $(wc -c <"$T/apage.html") bytes, gzip serve $(wc -c <"$T/aserve.gz") bytes, build $(wc -c <"$T/anginx.gz") bytes; all of them first asked for of serve in $((t1 - t0)) ms (misses, four clients)"
printf '%-6s %12s %9s %12s %9s %12s %12s\n' round "serve pages" "p99 ms" "nginx pages" "p99 ms" "serve hot" "serve feed"
: >"$T/aresults"
for r in $(seq 1 "$ROUNDS"); do
  read -r sp sp99 < <(wrk_pages "$ASERVE" "$T/pages.txt")
  read -r np np99 < <(wrk_pages "$ANGINX" "$T/pages.txt")
  read -r sh _ < <(wrk_pages "$ASERVE" "$T/hot.txt")
  sf=$(wrk_feed "$ASERVE/feeds/all.atom")
  printf '%-6s %12.0f %9.2f %12.0f %9.2f %12.0f %12.0f\n' "$r" "$sp" "$sp99" "$np" "$np99" "$sh" "$sf"
  echo "$sp $np $sh $sf $sp99" >>"$T/aresults"
done
# The page cache over the rounds: the pages were hits, not renders.
curl -fs "$ASERVE/metrics" | awk '/^bulletinfeed_page_cache_(hits_total|misses_total|evictions_total|entries|bytes) / {sub("bulletinfeed_page_cache_", ""); printf "%s%s %.0f", sep, $1, $2; sep = ", "} END {print ""}' | sed 's/^/bench: serve'"'"'s page cache after the rounds: /'
acol() { awk -v c="$1" '{print $c}' "$T/aresults" | median; }
RPAGES=$(awk '{print $1/$2}' "$T/aresults" | median)
RHOT=$(awk '{print $3/$4}' "$T/aresults" | median)
awk -v sp="$(acol 1)" -v np="$(acol 2)" -v sh="$(acol 3)" -v sf="$(acol 4)" -v p99="$(acol 5)" -v rp="$RPAGES" -v rh="$RHOT" 'BEGIN {
  printf "\n%-26s %12s %12s %12s %8s\n", "median", "req/s", "against", "ratio/round", "target"
  printf "%-26s %12.0f %12.0f %12.2f %8s\n", "pages (serve / nginx)", sp, np, rp, ">=0.7"
  printf "%-26s %12.2f %12s %12s %8s\n", "pages: serve p99 ms", p99, "", "", "<=10"
  printf "%-26s %12.0f %12.0f %12.2f %8s\n", "hot pages / all.atom", sh, sf, rh, ">=0.9"
}'
