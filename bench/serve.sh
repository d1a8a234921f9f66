#!/usr/bin/env bash
# serve.sh - compare `bulletinfeed serve` with nginx serving the same feed bytes.
#
# Builds bulletinfeed, ingests the reference issue into a temporary store,
# starts serve on a free loopback port, copies the bytes of one feed into a
# static folder served by a private foreground nginx (gzip on), then runs wrk
# with the same threads, connections and duration against both for:
#   (a) 200 with Accept-Encoding: gzip
#   (b) 304 with If-None-Match: <that server's own ETag>
# in a few rounds, and prints the requests per second and the median over
# the rounds of each round's ratio serve/nginx. Targets:
# at least 0.65 for (a) and 0.85 for (b). Both servers are stopped on exit.
#
#   bench/serve.sh                       # 5 rounds of -t2 -c32 -d5s on /feeds/all.atom
#   THREADS=1 CONNS=64 DURATION=10s FEED=feeds/all.rss bench/serve.sh
#   PIN=1 bench/serve.sh                 # servers on CPU 0, wrk on CPU 1
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-5}
# nginx runs one worker process; serve gets the same one core's worth of
# Go threads, leaving the other core to wrk on a two-core machine.
SERVE_GOMAXPROCS=${SERVE_GOMAXPROCS:-1}
# PIN=1 puts both servers on CPU 0 and wrk on CPU 1: steadier figures on a
# busy machine, each server with exactly one core.
PIN=${PIN:-0}
ON_SERVER=()
ON_CLIENT=()
if [ "$PIN" = 1 ]; then
  ON_SERVER=(taskset -c 0)
  ON_CLIENT=(taskset -c 1)
fi
FEED=${FEED:-feeds/all.atom}
REFERENCE=${REFERENCE:-../shared/testdata/hexi-2023-04.txt}
SECTIONS=("新时代新征程新伟业 以新担当新作为推动高质量发展" "十项行动 奋进新征程")

for tool in nginx wrk curl; do
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

# The same bytes, as a static file for nginx.
mkdir -p "$T/www/$(dirname "$FEED")" "$T/tmp"
curl -fs "$SERVE/$FEED" -o "$T/www/$FEED"
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
cat > "$T/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $T/nginx.pid; error_log $T/error.log warn;
events { worker_connections 1024; }
http { access_log off;
  client_body_temp_path $T/tmp; proxy_temp_path $T/tmp; fastcgi_temp_path $T/tmp; uwsgi_temp_path $T/tmp; scgi_temp_path $T/tmp;
  gzip on; gzip_types application/atom+xml application/rss+xml application/feed+json;
  # The charset goes on through charset_types: a default_type carrying
  # "; charset=" would no longer match gzip_types.
  charset utf-8; charset_types application/atom+xml application/rss+xml application/feed+json;
  server { listen 127.0.0.1:$NGINX_PORT; root $T/www;
    location / { types { } default_type $CT; } } }
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

rps() { # URL HEADER... -> requests/sec
  local url=$1; shift
  local hdrs=() h
  for h in "$@"; do hdrs+=(-H "$h"); done
  "${ON_CLIENT[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "${hdrs[@]}" "$url" | awk '/^Requests\/sec:/ {print $2}'
}

echo "bench: $FEED ($(wc -c <"$T/www/$FEED") bytes), wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS rounds, $(nproc) cores, serve GOMAXPROCS=$SERVE_GOMAXPROCS, nginx 1 worker, PIN=$PIN"
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
