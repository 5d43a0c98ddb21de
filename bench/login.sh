#!/usr/bin/env bash
# Login throughput: bench/Mix with cookie auth and users and sessions kept in memory, in SQLite and in PostgreSQL (a
# server this script initializes and starts in a temporary directory), side by side in one run. wrk POSTs /login
# (Argon2id, the default hash) for DURATION seconds per store; reports req/s and p99. Stops by itself. Two connections:
# the server hashes on as many threads as it has CPUs and answers 503 to what does not fit in its queue.
#
# Usage: bench/login.sh
# Env:   CONNECTIONS=2 DURATION=20 WARMUP=5 SERVER_CPU=0 CLIENT_CPU=1 MIX_PROJECT=bench/Mix
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONNECTIONS=${CONNECTIONS:-2}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
MIX_PROJECT=${MIX_PROJECT:-bench/Mix}
HOST=127.0.0.1                 # never change: load goes to loopback only

die() { echo "login.sh: $*" >&2; exit 1; }
source "$REPO/bench/lib.sh"
command -v wrk >/dev/null || die "wrk not found: apt-get install wrk"
command -v curl >/dev/null || die "curl not found"
PG_BIN=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n 1)")")
[[ -x $PG_BIN/initdb ]] || die "PostgreSQL not found: apt-get install postgresql"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/loginbench.XXXXXX")
chmod 755 "$WORK"
SERVER="" PG_DATA=""
# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_server() {
  [[ -n $SERVER ]] || return 0
  kill -TERM "$SERVER" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
}
cleanup() {
  stop_server
  [[ -n $PG_DATA ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== publishing $MIX_PROJECT"
dotnet publish "$REPO/$MIX_PROJECT" -c Release -o "$WORK/mix" --nologo >"$WORK/publish.log" 2>&1 \
  || { cat "$WORK/publish.log" >&2; die "publish failed"; }
DLL=$WORK/mix/$(basename "$MIX_PROJECT").dll
mkdir -p "$WORK/docroot"
echo hello >"$WORK/docroot/index.html"

echo "== starting PostgreSQL"
PG_DATA=$WORK/pg
PG_PORT=$(free_port)
mkdir -p "$PG_DATA"
[[ $(id -u) -ne 0 ]] || chown postgres "$PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U bench --auth=trust >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=$HOST" start >/dev/null
as_pg "$PG_BIN/createdb" -h "$HOST" -p "$PG_PORT" -U bench bench

declare -A URL=(
  [memory]=""
  [sqlite]="sqlite:///$WORK/users.db"
  [postgres]="postgresql://bench@$HOST:$PG_PORT/bench"
)
ROWS=()
for store in memory sqlite postgres; do
  port=$(free_port)
  base=http://$HOST:$port
  args=(--port "$port" --root "$WORK/docroot" --auth cookie --rate-limit 0)
  [[ -n ${URL[$store]} ]] && args+=(--users "${URL[$store]}" --sessions "${URL[$store]}")
  echo "== $store: starting on $base"
  taskset -c "$SERVER_CPU" dotnet "$DLL" "${args[@]}" >"$WORK/$store.log" 2>&1 &
  SERVER=$!
  wait_for_credential "$SERVER" "$WORK/$store.log" "$store: "
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -d 'username=login-bench&password=B3nch!Passw0rd' "$base/register" || true)
  [[ $code == 200 ]] || die "$store: POST /register returned $code"
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$REPO/bench/login.lua" "$base/login" >/dev/null
  out=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$REPO/bench/login.lua" "$base/login")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
  echo "   $rps logins/s, p99 $p99, non-2xx ${non2xx:-0}"
  ROWS+=("| $store | $rps | $p99 | ${non2xx:-0} |")
  stop_server
done

echo
echo "---- Markdown (paste into bench/RESULTS.md) ----"
echo "Login (Argon2id) with users and sessions in each store: $CONNECTIONS connections, ${DURATION}s, commit $(git -C "$REPO" log -1 --format=%h), $(nproc) CPUs"
echo
echo "| store | logins/s | p99 | non-2xx |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
