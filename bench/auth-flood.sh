#!/usr/bin/env bash
# Registration flood: bench/Mix with cookie auth on 127.0.0.1, /register flooded by wrk (a new user name per
# request, see auth-flood.lua) while one more connection measures the latency of a static GET; reports the median
# GET latency and the server's peak RSS (VmHWM). Stops by itself. Run it on a quiet machine.
#
# Usage: bench/auth-flood.sh
# Env:   CONNECTIONS=32 DURATION=20 RATE_LIMIT= (RateLimitOptions.PermitsPerSecond; empty = the default, 0 = off)
#        SERVER_CPU=0 CLIENT_CPU=1 (empty: no pinning) MIX_PROJECT=bench/Mix
# Targets: peak RSS below 400 MiB, static GET median below 20 ms.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20}
RATE_LIMIT=${RATE_LIMIT:-}
SERVER_CPU=${SERVER_CPU-0}
CLIENT_CPU=${CLIENT_CPU-1}
MIX_PROJECT=${MIX_PROJECT:-bench/Mix}
HOST=127.0.0.1                 # never change: load goes to loopback only
RSS_TARGET_MIB=400
MEDIAN_TARGET_MS=20

die() { echo "auth-flood.sh: $*" >&2; exit 1; }
source "$REPO/bench/lib.sh"

command -v wrk >/dev/null || die "wrk not found: apt-get install wrk (bench/run.sh installs it too)"
command -v curl >/dev/null || die "curl not found"
# taskset prefixes (taskset execs its command, so $! of a background server is the server's own PID).
pinned() { if [[ -n $1 ]] && command -v taskset >/dev/null; then echo "taskset -c $1"; fi; }
read -r -a PIN_SERVER <<<"$(pinned "$SERVER_CPU")"
read -r -a PIN_CLIENT <<<"$(pinned "$CLIENT_CPU")"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/authflood.XXXXXX")
SERVER=""
cleanup() {
  if [[ -n $SERVER ]] && kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== publishing $MIX_PROJECT"
dotnet publish "$REPO/$MIX_PROJECT" -c Release -o "$WORK/mix" --nologo >"$WORK/publish.log" 2>&1 \
  || { cat "$WORK/publish.log" >&2; die "publish failed"; }
DLL=$WORK/mix/$(basename "$MIX_PROJECT").dll
[[ -f $DLL ]] || die "no $DLL"

mkdir -p "$WORK/docroot"
{ yes 'The quick brown fox jumps over the lazy dog 0123456789.' || true; } | head -c 1024 >"$WORK/docroot/file1k.txt"

PORT=""
for _ in $(seq 200); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/$HOST/$p") 2>/dev/null; then PORT=$p; break; fi
done
[[ -n $PORT ]] || die "no free port found"
BASE=http://$HOST:$PORT

args=(--port "$PORT" --root "$WORK/docroot" --auth cookie)
[[ -n $RATE_LIMIT ]] && args+=(--rate-limit "$RATE_LIMIT")
echo "== starting the server on $BASE (cookie auth${RATE_LIMIT:+, rate limit $RATE_LIMIT/s})"
"${PIN_SERVER[@]}" dotnet "$DLL" "${args[@]}" >"$WORK/server.log" 2>&1 &
SERVER=$!
wait_for_credential "$SERVER" "$WORK/server.log"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/file1k.txt" || true)
[[ $code == 200 ]] || die "GET /file1k.txt returned $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -d 'username=warmup&password=W4rmup!Passw0rd' "$BASE/register" || true)
[[ $code == 200 ]] || die "POST /register returned $code"

echo "== flooding /register with $CONNECTIONS connections for ${DURATION}s; 1 connection measures GET /file1k.txt"
"${PIN_CLIENT[@]}" timeout $((DURATION + 60)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$REPO/bench/auth-flood.lua" "$BASE" >"$WORK/flood.wrk" 2>&1 &
FLOOD=$!
sleep 1
"${PIN_CLIENT[@]}" timeout $((DURATION + 60)) wrk -t1 -c1 -d"$((DURATION - 2))s" --latency "$BASE/file1k.txt" >"$WORK/static.wrk" 2>&1 \
  || { cat "$WORK/static.wrk" >&2; die "the static wrk failed"; }
wait "$FLOOD" || { cat "$WORK/flood.wrk" >&2; die "the flood wrk failed"; }

kill -0 "$SERVER" 2>/dev/null || die "the server died during the flood"
[[ $(tr '\0' ' ' <"/proc/$SERVER/cmdline") == *"$DLL"* ]] || die "PID $SERVER is not the server"
hwm_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER/status")
rss_mib=$(awk -v k="$hwm_kib" 'BEGIN { printf "%.1f", k / 1024 }')
median=$(awk '$1 == "50%" { print $2 }' "$WORK/static.wrk")
[[ -n $median ]] || { cat "$WORK/static.wrk" >&2; die "cannot parse the static wrk output"; }
median_ms=$(awk -v v="$median" 'BEGIN {
  n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
  if (f < 0) print "?"; else printf "%.2f", n * f }')

echo
echo "---- flood (POST /register) ----"
grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' "$WORK/flood.wrk" || true
echo "---- static GET /file1k.txt (1 connection) ----"
grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' "$WORK/static.wrk" || true
check() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0) ? "ok" : "MISS" }'; }
echo
echo "static GET median: ${median_ms} ms (target < ${MEDIAN_TARGET_MS} ms: $(check "$median_ms" "$MEDIAN_TARGET_MS"))"
echo "server peak RSS:   ${rss_mib} MiB (target < ${RSS_TARGET_MIB} MiB: $(check "$rss_mib" "$RSS_TARGET_MIB"))"
echo "machine: $(nproc) CPUs; server CPU ${SERVER_CPU:-any}, wrk CPU ${CLIENT_CPU:-any}; commit $(git -C "$REPO" log -1 --format=%h 2>/dev/null || echo none)"
