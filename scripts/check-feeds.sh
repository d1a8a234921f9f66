#!/usr/bin/env bash
# check-feeds.sh - end-to-end check of every feed with ../shared/tools/check-feed.
#
# Builds bulletinfeed, ingests the reference issue into a temporary SQLite
# store, serves it on a free loopback port and runs check-feed on every feed
# listed in /feeds.opml, /feeds.opml?sections=1 and their ?format=rss and
# ?format=json forms (each section's and "all", as Atom, RSS and JSON Feed). A second server with 3
# items per feed makes RFC 5005 archive pages, and every archive page
# reached through prev-archive links is checked too. A third serves two
# publications from one configuration file (the example bulletin under
# /xinyuan/, with a base URL that has a path) and checks the second one's
# feeds.
# A fourth serves a real PDF bulletin with photographs, whose feeds carry
# figures, enclosures and Media RSS, and fetches a picture they name.
# Exits non-zero if any check fails.
#
#   scripts/check-feeds.sh              # from anywhere in the repository
#   CHECK_FEED_ARGS=--strict scripts/check-feeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REFERENCE=${REFERENCE:-../shared/testdata/hexi-2023-04.txt}
SECTIONS=("新时代新征程新伟业 以新担当新作为推动高质量发展" "十项行动 奋进新征程")
# The W3C validator is optional and absent here; its "not found" warning is
# the only one check-feed prints, so it is skipped rather than counted.
CHECK_FEED_ARGS=${CHECK_FEED_ARGS:---skip w3c}

if ! command -v check-feed >/dev/null 2>&1; then
  echo "check-feeds: installing check-feed"
  ../shared/tools/check-feed/install.sh --no-bench
fi

T=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$T"
}
trap cleanup EXIT

echo "check-feeds: building"
go build -o "$T/bulletinfeed" ./cmd/bulletinfeed
BIN=$T/bulletinfeed
DB=$T/bulletinfeed.db

args=()
for s in "${SECTIONS[@]}"; do args+=(--section "$s"); done
"$BIN" ingest --db "$DB" "${args[@]}" "$REFERENCE"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server ITEMS: serves the store on a free port; sets BASE.
start_server() {
  local port items=$1
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  "$BIN" serve --db "$DB" --addr "127.0.0.1:$port" --base-url "$BASE" --feed-items "$items" 2>"$T/serve-$items.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -fs -o /dev/null "$BASE/healthz"; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "check-feeds: server did not start:" >&2
  cat "$T/serve-$items.log" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

failed=0
checked=0
# check URL: runs check-feed with the format taken from the extension.
check() {
  local url=$1 kind=${1##*.} out
  checked=$((checked + 1))
  # shellcheck disable=SC2086
  if out=$(check-feed $CHECK_FEED_ARGS "$url" "$kind" 2>&1); then
    echo "ok   $url: ${out##*$'\n'}"
  else
    failed=$((failed + 1))
    echo "FAIL $url"
    echo "$out" | grep -Ev '^(ok|skip) ' | sed 's/^/     /'
  fi
}

# Subscription feeds, with the default number of items.
# opml_feeds URL...: the xmlUrl of every outline of the OPML documents.
opml_feeds() {
  for u in "$@"; do curl -fs "$u"; done | grep -o 'xmlUrl="[^"]*"' | sed 's/^xmlUrl="//; s/"$//' | sort -u
}

start_server 50
# /feeds.opml lists "all", ?sections=1 each section's feed.
mapfile -t FEEDS < <(opml_feeds "$BASE/feeds.opml" "$BASE/feeds.opml?format=rss" "$BASE/feeds.opml?format=json" \
  "$BASE/feeds.opml?sections=1" "$BASE/feeds.opml?sections=1&format=rss" "$BASE/feeds.opml?sections=1&format=json")
if [ "${#FEEDS[@]}" -lt 9 ]; then
  echo "check-feeds: /feeds.opml lists ${#FEEDS[@]} feeds; expected every section and all, in three formats" >&2
  exit 1
fi
for url in "${FEEDS[@]}"; do check "$url"; done
# WebSub discovery: the hub serve runs by default, in the document and in
# the Link header.
# The bodies are read whole before grep: under pipefail, grep -q leaving
# early made curl fail with a broken pipe, and the check fail by timing.
checked=$((checked + 1))
atom_body=$(curl -fs "$BASE/feeds/all.atom" || true)
rss_head=$(curl -fsI "$BASE/feeds/all.rss" || true)
if grep -q "<link href=\"$BASE/websub\" rel=\"hub\">" <<<"$atom_body" &&
  grep -qi "^link: <$BASE/websub>; rel=\"hub\", <$BASE/feeds/all.rss>; rel=\"self\"" <<<"$rss_head"; then
  echo "ok   WebSub hub named in the feeds and their Link headers"
else
  failed=$((failed + 1))
  echo "FAIL WebSub hub not named in /feeds/all.atom or the Link header of /feeds/all.rss"
fi
stop_server

# Archive pages: 3 items per page makes several; walk prev-archive links.
start_server 3
for url in "${FEEDS[@]}"; do
  case $url in *.json) continue ;; esac
  path=${url#http://*/}
  next=$BASE/$path
  while :; do
    next=$(curl -fs "$next" | grep -o '<[a-z:]*link href="[^"]*" rel="prev-archive"' | sed 's/.*href="//; s/".*//' || true)
    [ -n "$next" ] || break
    check "$next"
  done
done
stop_server

# Two publications from one configuration file; the base URL has a path,
# which the server strips. The second publication's feeds live under
# /xinyuan/.
cat >"$T/two.toml" <<TOML
[[publication]]
id = "default"
sections = ["${SECTIONS[0]}", "${SECTIONS[1]}"]

[[publication]]
id = "xinyuan"
title = "新苑街道工作简报"
sections = [{ banner = "幸福养老 温暖夕阳", slug = "elderly-care" }, "文明创建 人人参与"]
seed = ["$PWD/examples/xinyuan-2024-05.txt"]
TOML
port=$(free_port)
BASE=http://127.0.0.1:$port
"$BIN" serve --config "$T/two.toml" --db "$DB" --addr "127.0.0.1:$port" --base-url "$BASE/bulletin" 2>"$T/serve-two.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
O=$BASE/bulletin/xinyuan/feeds.opml
mapfile -t FEEDS < <(opml_feeds "$O" "$O?format=rss" "$O?format=json" "$O?sections=1" "$O?sections=1&format=rss" "$O?sections=1&format=json")
if [ "${#FEEDS[@]}" -lt 9 ]; then
  echo "check-feeds: $O lists ${#FEEDS[@]} feeds; expected every section and all, in three formats" >&2
  cat "$T/serve-two.log" >&2
  exit 1
fi
for url in "${FEEDS[@]}"; do check "$url"; done
stop_server

# Pictures: a real PDF issue with photographs (issue 20).
PICTURES=${PICTURES:-../shared/testdata/real/school-epicrobotz-2014-10.pdf}
if [ -f "$PICTURES" ]; then
  DB=$T/pictures.db
  "$BIN" ingest --db "$DB" "$PICTURES" 2>"$T/ingest-pictures.log"
  start_server 50
  for f in rss atom json; do check "$BASE/feeds/all.$f"; done
  checked=$((checked + 1))
  rss_body=$(curl -fs "$BASE/feeds/all.rss" || true)
  img=$(grep -o '<enclosure url="[^"]*"' <<<"$rss_body" | head -1 | sed 's/.*url="//; s/"$//' || true)
  img_head=$(curl -fsI "$img" 2>/dev/null || true)
  if [ -n "$img" ] && grep -q '<media:content ' <<<"$rss_body" && grep -qi '^content-type: image/jpeg' <<<"$img_head" &&
    grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$img_head"; then
    echo "ok   pictures: enclosure and Media RSS in /feeds/all.rss, $img served as an immutable JPEG"
  else
    failed=$((failed + 1))
    echo "FAIL pictures: no enclosure or media:content in /feeds/all.rss, or its image $img not served"
  fi
  stop_server
fi

echo "check-feeds: $checked feeds checked, $failed failed"
[ "$failed" -eq 0 ]
