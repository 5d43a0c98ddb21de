#!/usr/bin/env bash
# Start to first response of the mixnmatchttp command: publish it (Release), then RUNS times start it on a free
# loopback port and time until GET / answers 200; prints every time and the median. Stops every server it starts.
# Usage: bench/cli-start.sh   Env: RUNS=15
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-15}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mixstart.XXXXXX")
PID=
cleanup() { [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$REPO/src/MixNMatchttp.Cli" -c Release -o "$WORK/tool" --nologo >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
mkdir -p "$WORK/root" && echo hello >"$WORK/root/index.html"
times=()
for ((i = 0; i < RUNS; i++)); do
  port=$((20000 + RANDOM % 40000))
  start=$(date +%s%N)
  "$WORK/tool/MixNMatchttp.Cli" -q -p "$port" -r "$WORK/root" >/dev/null 2>&1 &
  PID=$!
  for ((j = 0; j < 2000; j++)); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null | grep -q 200; then break; fi
    sleep 0.005
  done
  end=$(date +%s%N)
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
  times+=($(( (end - start) / 1000000 )))
  echo "run $((i + 1)): ${times[-1]} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "start to first response: median ${median} ms over $RUNS runs (target <= 300 ms)"
