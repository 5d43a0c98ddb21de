#!/usr/bin/env bash
# Start to first response of the installed mixnmatchttp command: pack it (Release, as the README does), install it in a
# temporary tool path, then RUNS times start it on a free loopback port and time until GET / answers 200; prints every
# time and the median. The polling (every 2 ms) uses bash built-ins only (/dev/tcp, read -t, EPOCHREALTIME): a
# process started per try would take a core from the starting server on a 2-core machine (~150 ms more). With
# PUBLISH=1 it times a plain `dotnet publish -c Release` build (portable, no ReadyToRun) instead, for comparison.
# Stops every server it starts.
# Usage: bench/cli-start.sh   Env: RUNS=15 PUBLISH=0
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-15}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mixstart.XXXXXX")
PID=
cleanup() { [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ ${PUBLISH:-0} == 1 ]]; then
  dotnet publish "$REPO/src/MixNMatchttp.Cli" -c Release -o "$WORK/tool" --nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  TOOL=$WORK/tool/MixNMatchttp.Cli
else
  { dotnet pack "$REPO/src/MixNMatchttp.Cli" -c Release -o "$WORK/packages" --nologo \
      && dotnet tool install MixNMatchttp.Cli --tool-path "$WORK/tool" --add-source "$WORK/packages"; } >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log"; exit 1; }
  TOOL=$WORK/tool/mixnmatchttp
fi
mkdir -p "$WORK/root" && echo hello >"$WORK/root/index.html"
mkfifo "$WORK/never" && exec 4<>"$WORK/never" # nothing is ever written: 'read -t' on it is a sleep without a process

now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }

# answers PORT: true when GET / on the port answers 200.
answers() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local status
  read -r -t 2 status <&3 || status=
  exec 3<&-
  [[ $status == "HTTP/1.1 200"* ]]
}

times=()
for ((i = 0; i < RUNS; i++)); do
  port=$((20000 + RANDOM % 40000))
  start=$(now_us)
  "$TOOL" -q -p "$port" -r "$WORK/root" >/dev/null 2>&1 &
  PID=$!
  for ((j = 0; j < 5000; j++)); do
    if answers "$port"; then break; fi
    kill -0 "$PID" 2>/dev/null || { echo "the server on port $port stopped (port in use?); try again" >&2; exit 1; }
    read -r -t 0.002 -u 4 || true
  done
  end=$(now_us)
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
  times+=($(((end - start) / 1000)))
  echo "run $((i + 1)): ${times[-1]} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "start to first response: median ${median} ms over $RUNS runs (target <= 300 ms)"
