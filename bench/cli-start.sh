#!/usr/bin/env bash
# Start to first response of the installed mixnmatchttp command: pack it (Release, as the README does), install it in a
# temporary tool path, then RUNS times start it on a free loopback port and time until GET / answers 200; prints every
# time and the median. The polling (every 2 ms) uses bash built-ins only (/dev/tcp, read -t, EPOCHREALTIME): a
# process started per try would take a core from the starting server on a 2-core machine (~150 ms more).
# BUILDS picks what is timed, side by side (each run starts every build once, in turn):
#   tool      the installed tool: the package for this platform (self-contained, one precompiled composite image)
#   portable  the installed tool from the portable package only (-p:ToolPackageRuntimeIdentifiers=any; JIT)
#   publish   a plain `dotnet publish -c Release` build (framework-dependent, JIT)
#   tool@REV  the installed tool packed from commit REV (a temporary git worktree), e.g. tool@HEAD~3
# Stops every server it starts.
# Usage: bench/cli-start.sh   Env: RUNS=15 BUILDS=tool
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-15}
read -r -a BUILDS <<<"${BUILDS:-tool}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mixstart.XXXXXX")
PID=
cleanup() {
  [[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null
  for tree in "$WORK"/tree-*; do [[ -d $tree ]] && git -C "$REPO" worktree remove --force "$tree"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# install NAME SOURCE [PACK ARGS…]: packs the command of the SOURCE tree and installs it in $WORK/NAME; prints the
# command's path.
install() {
  local name=$1 source=$2
  shift 2
  { dotnet pack "$source/src/MixNMatchttp.Cli" -c Release -o "$WORK/$name-packages" --nologo "$@" \
      && dotnet tool install MixNMatchttp.Cli --tool-path "$WORK/$name" --add-source "$WORK/$name-packages"; } >"$WORK/$name.log" 2>&1 \
    || { cat "$WORK/$name.log" >&2; exit 1; }
  echo "$WORK/$name/mixnmatchttp"
}

declare -A COMMAND
for build in "${BUILDS[@]}"; do
  echo "building $build…"
  case $build in
    tool) COMMAND[$build]=$(install tool "$REPO") ;;
    portable) COMMAND[$build]=$(install portable "$REPO" -p:ToolPackageRuntimeIdentifiers=any) ;;
    tool@*)
      trees=$((${trees:-0} + 1))
      tree=$WORK/tree-$trees
      git -C "$REPO" worktree add --detach "$tree" "${build#tool@}" >/dev/null
      COMMAND[$build]=$(install "rev-$trees" "$tree")
      ;;
    publish)
      dotnet publish "$REPO/src/MixNMatchttp.Cli" -c Release -o "$WORK/publish" --nologo >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log"; exit 1; }
      COMMAND[$build]=$WORK/publish/MixNMatchttp.Cli
      ;;
    *) echo "unknown build '$build': tool, portable, publish or tool@REV" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK/root" && echo hello >"$WORK/root/index.html"
mkfifo "$WORK/never" && exec 4<>"$WORK/never" # nothing is ever written: 'read -t' on it is a sleep without a process

now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }

# answers PORT: true when GET / on the port answers 200.
answers() {
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local status
  read -r -t 2 status <&3 || status=
  exec 3<&-
  [[ $status == "HTTP/1.1 200"* ]]
}

# start_to_first_response COMMAND: sets MS to the milliseconds from starting the command to its first 200.
start_to_first_response() {
  local port=$((20000 + RANDOM % 40000)) start end
  start=$(now_us)
  "$1" -q -p "$port" -r "$WORK/root" >/dev/null 2>&1 &
  PID=$!
  for ((j = 0; j < 5000; j++)); do
    if answers "$port"; then break; fi
    kill -0 "$PID" 2>/dev/null || { echo "the server on port $port stopped (port in use?); try again" >&2; exit 1; }
    read -r -t 0.002 -u 4 || true
  done
  end=$(now_us)
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
  MS=$(((end - start) / 1000))
}

declare -A TIMES
for ((i = 0; i < RUNS; i++)); do
  line="run $((i + 1)):"
  for build in "${BUILDS[@]}"; do
    start_to_first_response "${COMMAND[$build]}"
    TIMES[$build]+="$MS "
    line+=" $build $MS ms"
  done
  echo "$line"
done
for build in "${BUILDS[@]}"; do
  median=$(printf '%s\n' ${TIMES[$build]} | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "start to first response, $build: median ${median} ms over $RUNS runs (target <= 300 ms)"
done
