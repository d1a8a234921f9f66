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
# the rounds of each round's ratio serve/nginx. Targets:
# at least 0.65 for (a) and 0.85 for (b). Both servers are stopped on exit.
#
#   bench/serve.sh                       # 5 rounds of -t2 -c32 -d5s on /feeds/all.atom
#   THREADS=1 CONNS=64 DURATION=10s FEED=feeds/all.rss bench/serve.sh
#   PIN=1 bench/serve.sh                 # servers on CPU 0, wrk on CPU 1
#   SERVE_GOMAXPROCS=2 bench/serve.sh    # serve on 2 cores, nginx 2 workers
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
SECTIONS=("新时代新征程新伟业 以新担当新作为推动高质量发展" "十项行动 奋进新征程")

for tool in nginx wrk curl gzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool not found; run ../shared/tools/check-feed/install.sh" >&2; exit 1; }
done

T=$(mktemp -d)
SERVE_PID=
NGINX_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && { kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; }
  [ -n "$NGINX_PID" ] && { kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
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
  printf "%-10s %14.0f %14.0f %14.2f %8s\n", "gzip 200", s200, n200, r200, ">=0.65"
  printf "%-10s %14.0f %14.0f %14.2f %8s\n", "304", s304, n304, r304, ">=0.85"
}'
