#!/usr/bin/env bash
# check-image.sh - checks what the Docker image would hold, without a Docker
# engine.
#
# Builds bulletinfeed into a temporary directory with the Dockerfile's own
# command (CGO_ENABLED=0, -trimpath, -ldflags="-s -w"), checks that the
# binary is static (no ELF interpreter, no shared libraries), then assembles
# a root directory holding only what the image holds: the binary at
# /usr/local/bin/bulletinfeed, the host's CA bundle and zoneinfo, /etc/passwd
# and /etc/group with nonroot (65532), /data owned by nonroot, /tmp, and the
# example issue at /in. In that root, chrooted as uid:gid 65532:65532 with
# only the image's environment, it ingests the example issue (its time zone,
# Asia/Shanghai, must resolve), serves it on a free loopback port (the
# host's network namespace; nothing leaves 127.0.0.1), checks /healthz and
# /feeds/all.atom with curl from outside, runs the image's HEALTHCHECK
# command inside, stops serve with SIGTERM as docker stop does and checks
# the healthcheck then fails. It needs root (for chroot), go, curl, timeout
# and one of readelf, file or ldd; it installs nothing. Every step is
# bounded in time and everything is removed on exit. The last line is
# "check-image: ok (static, NNN KB, healthcheck ok)", or one saying what
# failed, with a non-zero exit status.
#
#   sudo scripts/check-image.sh        # from anywhere in the repository
#   KEEP=1 scripts/check-image.sh      # keep the temporary root for a look
set -euo pipefail
cd "$(dirname "$0")/.."

# What the Dockerfile says; checked against it below so the two cannot
# drift apart silently.
BUILD_CMD='CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"'
BIN_PATH=/usr/local/bin/bulletinfeed
HEALTHCHECK_CMD='CMD ["/usr/local/bin/bulletinfeed","healthcheck"]'
NONROOT=65532
SECTIONS=("幸福养老 温暖夕阳" "文明创建 人人参与")
EXAMPLE=examples/xinyuan-2024-05.txt
STEP_TIMEOUT=60 # seconds, for each command run in the root
START_TIMEOUT=15 # seconds for serve to answer /healthz
SERVE_TIMEOUT=300 # seconds serve may live at most

fail() {
  echo "check-image: FAIL: $*" >&2
  exit 1
}
say() { echo "check-image: $*"; }

[ "$(id -u)" -eq 0 ] || fail "must run as root: chroot and running as uid $NONROOT need it (try sudo)"
for tool in go curl chroot timeout; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not on the PATH"
done
grep -qF "$BUILD_CMD" Dockerfile || fail "the Dockerfile no longer builds with: $BUILD_CMD (update this script with it)"
grep -qF "$HEALTHCHECK_CMD" Dockerfile || fail "the Dockerfile has no HEALTHCHECK $HEALTHCHECK_CMD"
grep -qE '^USER nonroot(:nonroot)?$' Dockerfile || fail "the Dockerfile does not say USER nonroot:nonroot"
[ -r "$EXAMPLE" ] || fail "$EXAMPLE is missing"

T=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP:-}" ]; then
    echo "check-image: kept $T" >&2
  else
    rm -rf "$T"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The binary, built as the Dockerfile builds it.
say "building"
BIN=$T/bulletinfeed
CGO_ENABLED=0 timeout 600 go build -trimpath -ldflags="-s -w" -o "$BIN" ./cmd/bulletinfeed ||
  fail "go build failed"

# Static: no PT_INTERP program header (the dynamic loader) and no shared
# libraries, by whichever tool the host has; the build settings recorded in
# the binary must say what was asked for.
if command -v readelf >/dev/null 2>&1; then
  headers=$(readelf -lW "$BIN") || fail "readelf cannot read $BIN"
  grep -q 'INTERP' <<<"$headers" && fail "the binary asks for a dynamic loader: $(grep -A1 INTERP <<<"$headers" | tail -n1)"
  grep -q 'DYNAMIC' <<<"$headers" && fail "the binary has a dynamic section"
  how=readelf
elif command -v file >/dev/null 2>&1; then
  desc=$(file -b "$BIN")
  case $desc in *"statically linked"*) ;; *) fail "the binary is not static: $desc" ;; esac
  how=file
elif command -v ldd >/dev/null 2>&1; then
  out=$(ldd "$BIN" 2>&1 || true)
  case $out in *"not a dynamic executable"* | *"statically linked"*) ;; *) fail "the binary is not static: $out" ;; esac
  how=ldd
else
  fail "none of readelf, file or ldd is on the PATH to check the binary is static"
fi
buildinfo=$(go version -m "$BIN") || fail "go version -m cannot read $BIN"
grep -qE '^\s+build\s+CGO_ENABLED=0$' <<<"$buildinfo" || fail "the binary was not built with CGO_ENABLED=0"
grep -qE '^\s+build\s+-trimpath=true$' <<<"$buildinfo" || fail "the binary was not built with -trimpath"
SIZE_KB=$(($(stat -c %s "$BIN") / 1024))
say "static ($how), $SIZE_KB KB"

# The root: what the distroless :nonroot base and the Dockerfile's COPY
# lines put in the image, nothing else (no shell, no libc, no /proc).
ROOT=$T/root
install -d -m 0755 "$ROOT/usr/local/bin" "$ROOT/etc/ssl/certs" "$ROOT/usr/share" "$ROOT/in"
install -m 0755 "$BIN" "$ROOT$BIN_PATH"
CA=/etc/ssl/certs/ca-certificates.crt
[ -r "$CA" ] || fail "$CA is missing on this host"
install -m 0644 "$CA" "$ROOT$CA"
[ -r /usr/share/zoneinfo/Asia/Shanghai ] || fail "/usr/share/zoneinfo is missing on this host"
cp -a /usr/share/zoneinfo "$ROOT/usr/share/zoneinfo"
cat >"$ROOT/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:$NONROOT:$NONROOT:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$ROOT/etc/group" <<EOF
root:x:0:
nobody:x:65534:
nonroot:x:$NONROOT:
EOF
chmod 0644 "$ROOT/etc/passwd" "$ROOT/etc/group"
install -d -m 1777 "$ROOT/tmp"
install -d -m 0700 -o "$NONROOT" -g "$NONROOT" "$ROOT/home/nonroot"
install -d -m 0755 -o "$NONROOT" -g "$NONROOT" "$ROOT/data"
install -m 0644 "$EXAMPLE" "$ROOT/in/"

# The image's environment (its ENV lines; docker adds PATH and HOME), and
# nothing of the host's.
IMAGE_ENV=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/home/nonroot
  BULLETINFEED_DB=/data/bulletinfeed.db BULLETINFEED_ADDR=:8080)

# inside [VAR=VALUE...] -- ARGS...: runs the binary in the root as nonroot,
# with the image's environment and VARs, for at most STEP_TIMEOUT.
inside() {
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  env -i "${IMAGE_ENV[@]}" "${vars[@]}" \
    timeout -k 5 "$STEP_TIMEOUT" chroot --userspec="$NONROOT:$NONROOT" "$ROOT" "$BIN_PATH" "$@" </dev/null
}

# Ingest: the publication's time zone (Asia/Shanghai, the default for
# Chinese) must resolve inside, and the store is written by nonroot.
args=()
for s in "${SECTIONS[@]}"; do args+=(--section "$s"); done
inside -- ingest --db /data/bulletinfeed.db "${args[@]}" "/in/${EXAMPLE##*/}" 2>"$T/ingest.log" ||
  fail "ingest in the root failed: $(tail -n1 "$T/ingest.log")"
[ "$(stat -c %u "$ROOT/data/bulletinfeed.db")" = "$NONROOT" ] || fail "the store was not written by uid $NONROOT"
if inside -- ingest --db /data/bulletinfeed.db --publication tzcheck --tz No/Such_Zone "/in/${EXAMPLE##*/}" 2>"$T/tz.log"; then
  fail "an unknown time zone was accepted: zone lookups do not work in the root"
fi
grep -q 'unknown time zone' "$T/tz.log" || fail "an unknown time zone failed for another reason: $(tail -n1 "$T/tz.log")"

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  fail "no free loopback port found"
}

# Serve, in the background, on loopback; a port taken between choosing and
# binding makes serve fail at once, so try a few.
for attempt in 1 2 3; do
  PORT=$(free_port)
  BASE=http://127.0.0.1:$PORT
  # Not through inside(): $! must be the process that forwards SIGTERM to
  # serve (env execs timeout), and timeout ends serve even if this script
  # is killed before its trap runs.
  env -i "${IMAGE_ENV[@]}" timeout -k 5 "$SERVE_TIMEOUT" chroot --userspec="$NONROOT:$NONROOT" "$ROOT" \
    "$BIN_PATH" serve --db /data/bulletinfeed.db --addr "127.0.0.1:$PORT" --base-url "$BASE" \
    </dev/null >"$T/serve.log" 2>&1 &
  SERVER_PID=$!
  up=
  for _ in $(seq 1 $((START_TIMEOUT * 10))); do
    if curl -fs -m 2 -o /dev/null "$BASE/healthz"; then up=1; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$up" ] && break
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  grep -q 'address already in use' "$T/serve.log" && [ "$attempt" -lt 3 ] && continue
  sed 's/^/  /' "$T/serve.log" >&2
  fail "serve in the root did not answer /healthz within ${START_TIMEOUT}s"
done
# timeout's one child is serve, after chroot dropped to nonroot.
child=$(cat "/proc/$SERVER_PID/task/$SERVER_PID/children" 2>/dev/null || true)
if [ -n "$child" ]; then
  uids=$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/${child%% *}/status")
  [ "$uids" = "$NONROOT $NONROOT $NONROOT $NONROOT" ] || fail "serve runs with uids $uids, want $NONROOT"
fi
say "serving in the root as $NONROOT:$NONROOT on $BASE"

# From outside, as a client or the Docker port mapping would.
code=$(curl -s -m 10 -o "$T/healthz" -w '%{http_code}' "$BASE/healthz") || fail "GET /healthz failed"
[ "$code" = 200 ] || fail "GET /healthz: status $code: $(head -n1 "$T/healthz")"
code=$(curl -s -m 10 -o "$T/all.atom" -w '%{http_code}' "$BASE/feeds/all.atom") || fail "GET /feeds/all.atom failed"
[ "$code" = 200 ] || fail "GET /feeds/all.atom: status $code"
grep -q '<entry>' "$T/all.atom" || fail "/feeds/all.atom has no <entry>"
# Dates of the issue are in the first hour of its day in Asia/Shanghai
# (the issue's midnight plus seconds that keep print order): the zone
# resolved.
grep -Eq '<published>2024-05-01T00:[0-5][0-9]:[0-5][0-9]\+08:00</published>' "$T/all.atom" ||
  fail "/feeds/all.atom has no entry published in the first hour of 2024-05-01 in Asia/Shanghai: $(grep -o '<published>[^<]*' "$T/all.atom" | head -n1)"

# Inside: the HEALTHCHECK command exactly, its URL taken from the addr
# setting as in the image (there :8080, here the chosen port), and --url.
inside BULLETINFEED_ADDR=":$PORT" -- healthcheck 2>"$T/hc.log" ||
  fail "the image's HEALTHCHECK command failed in the root: $(tail -n1 "$T/hc.log")"
inside -- healthcheck --url "$BASE/healthz" 2>"$T/hc.log" ||
  fail "healthcheck --url $BASE/healthz failed in the root: $(tail -n1 "$T/hc.log")"

# Stopped as docker stop does (SIGTERM): serve exits 0, and the healthcheck
# then fails with exit 1.
kill -TERM "$SERVER_PID"
status=0
wait "$SERVER_PID" || status=$?
SERVER_PID=
[ "$status" -eq 0 ] || { sed 's/^/  /' "$T/serve.log" >&2; fail "serve exited $status on SIGTERM"; }
status=0
inside -- healthcheck --url "$BASE/healthz" 2>"$T/hc.log" || status=$?
[ "$status" -eq 1 ] || fail "healthcheck of a stopped server exited $status, want 1: $(cat "$T/hc.log")"

say "ok (static, $SIZE_KB KB, healthcheck ok)"
