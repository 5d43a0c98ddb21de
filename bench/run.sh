#!/usr/bin/env bash
# Macro benchmark: the MixNMatchttp server (bench/Mix) against bare ASP.NET Core (bench/Bare).
#
# Usage: bench/run.sh [--only NAME[,NAME...]]
# Env:   WARMUP=45 DURATION=15 CONNECTIONS=32 THREADS=1 SCENARIOS=file1k,plaintext
#        SERVER_CPU=0 CLIENT_CPU=1 MIX_PROJECT=bench/Mix BARE_PROJECT=bench/Bare
#        AUTH=1 (the auth targets), COMPARE=REV (this tree against commit REV, with cookie and JWT auth)
#        or CLI=1 (the mixnmatchttp command against bench/Mix: quiet, console access log, --logdir)
#        or STORES=1 (users and sessions in memory, SQLite, SQLite + Redis: protected against unprotected file)
# See bench/README.md.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WARMUP=${WARMUP:-45}           # total JIT warm-up seconds per server, cycled over all scenarios
DURATION=${DURATION:-15}       # measured seconds per scenario
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SCENARIOS=${SCENARIOS:-}       # comma-separated scenario names; empty = all
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
HOST=127.0.0.1                 # never change: load goes to loopback only
die_early() { echo "run.sh: $*" >&2; exit 1; }

# Servers: "name=project dir relative to the repo". The first one is the candidate;
# ratios are candidate/BASELINE. Each project is a console app taking --port N --root DIR.
# A project may be followed by server arguments ("mix-cookie=bench/Mix --auth cookie").
SERVERS=(
  "mix=${MIX_PROJECT:-bench/Mix}"
  "bare=${BARE_PROJECT:-bench/Bare}"
)
BASELINE=bare
RSS_TARGET=1.2                 # peak RSS candidate/baseline must be <= this
OTHER_LIMIT=10                 # warn when other processes use more than this % of a CPU during a measurement

# Scenarios: "name|path|expected status|min req/s ratio (empty = none)|extra request header (optional)".
# Example of a header scenario: "protected|/private/file1k.txt|200|1.5|Cookie: session=..."
SCENARIO_DEFS=(
  "file1k|/file1k.txt|200|1.5|"
  "file100k|/file100k.txt|200|1.0|"
  "notfound|/missing.txt|404||"
  "plaintext|/plaintext|200|0.90|"
)

# AUTH=1: the auth targets instead. Each server runs bench/Mix with an auth module, prints
# "Credential: <header>" once it has logged a user in, and {CREDENTIAL} in a scenario header stands for it.
# Ratio checked: a protected 1 KiB file with the credential against the same server's unprotected one.
declare -A INNER_TARGET=()
if [[ ${AUTH:-0} == 1 ]]; then
  SERVERS=(
    "mix-cookie=${MIX_PROJECT:-bench/Mix} --auth cookie"
    "mix-jwt=${MIX_PROJECT:-bench/Mix} --auth jwt"
  )
  BASELINE=none
  SCENARIO_DEFS=(
    "file1k|/file1k.txt|200||"
    "secret1k|/secret/file1k.txt|200||{CREDENTIAL}"
  )
  INNER_TARGET=([mix-cookie]=0.85 [mix-jwt]=0.75)
fi

# STORES=1: users and cookie sessions kept in memory, in SQLite, and in SQLite (users) and Redis (sessions; a
# redis-server this script starts on a free port, on the client's CPU). Ratio checked: a protected 1 KiB file against the same server's unprotected one.
if [[ ${STORES:-0} == 1 ]]; then
  command -v redis-server >/dev/null || die_early "redis-server not found (apt-get install redis-server)"
  STORE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mixbench-stores.XXXXXX")
  REDIS_PORT=$((20000 + RANDOM % 40000))
  SERVERS=(
    "mix-memory=${MIX_PROJECT:-bench/Mix} --auth cookie"
    "mix-sqlite=${MIX_PROJECT:-bench/Mix} --auth cookie --users sqlite:///$STORE_DIR/sqlite.db --sessions sqlite:///$STORE_DIR/sqlite.db"
    "mix-redis=${MIX_PROJECT:-bench/Mix} --auth cookie --users sqlite:///$STORE_DIR/redis-users.db --sessions redis://127.0.0.1:$REDIS_PORT"
  )
  BASELINE=none
  SCENARIO_DEFS=(
    "file1k|/file1k.txt|200||"
    "secret1k|/secret/file1k.txt|200||{CREDENTIAL}"
  )
  INNER_TARGET=([mix-memory]=0.85 [mix-sqlite]=0.85 [mix-redis]=0.75)
fi

# COMPARE=REV: this tree against the commit REV, side by side in one run (a regression check). bench/Mix of both,
# each with cookie and with JWT auth; ratios are this tree over REV, per auth mode and scenario.
declare -A PAIR_OF=() PAIR_TARGETS=()
PAIR_TARGET=0.95
if [[ -n ${COMPARE:-} ]]; then
  OLD_TREE=$(mktemp -d "${TMPDIR:-/tmp}/mixbench-old.XXXXXX")
  git -C "$REPO" worktree add --detach -q "$OLD_TREE/tree" "$COMPARE" || { echo "run.sh: cannot check out $COMPARE" >&2; exit 1; }
  SERVERS=(
    "mix-cookie=${MIX_PROJECT:-bench/Mix} --auth cookie"
    "old-cookie=$OLD_TREE/tree/bench/Mix --auth cookie"
    "mix-jwt=${MIX_PROJECT:-bench/Mix} --auth jwt"
    "old-jwt=$OLD_TREE/tree/bench/Mix --auth jwt"
  )
  BASELINE=none
  SCENARIO_DEFS=(
    "file1k|/file1k.txt|200||"
    "plaintext|/plaintext|200||"
    "secret1k|/secret/file1k.txt|200||{CREDENTIAL}"
  )
  PAIR_OF=([mix-cookie]=old-cookie [mix-jwt]=old-jwt)
fi

# CLI=1: the mixnmatchttp command (src/MixNMatchttp.Cli, as installed: its default modules) serving a 1 KiB file
# against bench/Mix, the library server: quiet (-q), with the console access log (its output goes to a file here),
# and with --logdir file logs. Ratios: each tool run over mix.
if [[ ${CLI:-0} == 1 ]]; then
  CLI_LOGS=$(mktemp -d "${TMPDIR:-/tmp}/mixbench-logs.XXXXXX")
  SERVERS=(
    "mix=${MIX_PROJECT:-bench/Mix}"
    "tool-quiet=src/MixNMatchttp.Cli -q"
    "tool-console=src/MixNMatchttp.Cli"
    "tool-logdir=src/MixNMatchttp.Cli -l $CLI_LOGS"
  )
  BASELINE=none
  SCENARIO_DEFS=("file1k|/file1k.txt|200||")
  PAIR_OF=([tool-quiet]=mix [tool-console]=mix [tool-logdir]=mix)
  PAIR_TARGETS=([tool-quiet]=0.95 [tool-console]=0.8 [tool-logdir]=0.85)
fi

# Docroot served by every server; add files here when a scenario needs them.
make_docroot() {
  local dir=$1
  mkdir -p "$dir"
  text_file "$dir/file1k.txt" 1024
  text_file "$dir/file100k.txt" 102400
  mkdir -p "$dir/secret"
  text_file "$dir/secret/file1k.txt" 1024
}

# text_file PATH BYTES: printable text of exactly BYTES bytes.
text_file() { { yes 'The quick brown fox jumps over the lazy dog 0123456789.' || true; } | head -c "$2" >"$1"; }

# ---------------------------------------------------------------------------

die() { echo "run.sh: $*" >&2; exit 1; }
source "$REPO/bench/lib.sh"

ONLY=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --only) ONLY=${2:?--only needs a server name}; shift 2 ;;
    --only=*) ONLY=${1#--only=}; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done

in_list() { [[ ",$2," == *",$1,"* ]]; }   # in_list NAME "a,b,c"

SEL_SERVERS=()
for def in "${SERVERS[@]}"; do
  if [[ -z $ONLY ]] || in_list "${def%%=*}" "$ONLY"; then SEL_SERVERS+=("$def"); fi
done
[[ ${#SEL_SERVERS[@]} -gt 0 ]] || die "no server selected by --only '$ONLY'"

SEL_SCENARIOS=()
for def in "${SCENARIO_DEFS[@]}"; do
  if [[ -z $SCENARIOS ]] || in_list "${def%%|*}" "$SCENARIOS"; then SEL_SCENARIOS+=("$def"); fi
done
[[ ${#SEL_SCENARIOS[@]} -gt 0 ]] || die "no scenario matches SCENARIOS='$SCENARIOS'"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null; then
  echo "== installing wrk"
  as_root apt-get update -qq
  as_root apt-get install -y -qq wrk >/dev/null
fi
command -v taskset >/dev/null || die "taskset not found (util-linux)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mixbench.XXXXXX")
PIDS=()

stop_server() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_server "$pid"; done
  rm -rf "$WORK" "${CLI_LOGS:-}"
  if [[ -n ${REDIS_PID:-} ]]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
  rm -rf "${STORE_DIR:-}"
  if [[ -n ${OLD_TREE:-} ]]; then
    git -C "$REPO" worktree remove --force "$OLD_TREE/tree" 2>/dev/null || true
    rm -rf "$OLD_TREE"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${REDIS_PORT:-} ]]; then
  taskset -c "$CLIENT_CPU" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$STORE_DIR" >"$STORE_DIR/redis.log" 2>&1 &
  REDIS_PID=$!
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- build -----------------------------------------------------------------

declare -A DLL ARGS
for def in "${SEL_SERVERS[@]}"; do
  name=${def%%=*} proj=${def#*=}
  ARGS[$name]=""
  [[ $proj == *" "* ]] && ARGS[$name]=${proj#* } proj=${proj%% *}
  dir=$proj
  [[ $proj == /* ]] || dir=$REPO/$proj
  [[ -d $dir ]] || die "project folder $proj not found (server '$name'); use --only or ${name^^}_PROJECT"
  echo "== publishing $name ($proj)"
  out=$WORK/$name
  dotnet publish "$dir" -c Release -o "$out" --nologo >"$WORK/$name-publish.log" 2>&1 \
    || { cat "$WORK/$name-publish.log" >&2; die "publish of $proj failed"; }
  cfgs=("$out"/*.runtimeconfig.json)
  [[ -e ${cfgs[0]} ]] || die "no *.runtimeconfig.json in the publish output of $proj"
  dll=$out/$(basename "$proj").dll
  [[ -f $dll ]] || dll=${cfgs[0]%.runtimeconfig.json}.dll
  DLL[$name]=$dll
done

DOCROOT=$WORK/docroot
make_docroot "$DOCROOT"

# --- helpers -----------------------------------------------------------------


# wrk_run URL HEADER SECONDS -> wrk output on stdout
wrk_run() {
  local url=$1 header=$2 secs=$3 args=()
  [[ -n $header ]] && args=(-H "$header")
  timeout $((secs + 60)) taskset -c "$CLIENT_CPU" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency "${args[@]}" "$url"
}

# Turn wrk's duration (e.g. 705.00us, 1.15ms, 2.00s, 1.00m) into milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0) { print "?"; exit }
    printf "%.2f", n * f }'
}

# CPU accounting, to detect other processes competing for the CPUs during a measurement.
TICKS=$(getconf CLK_TCK)
now() { date +%s.%N; }
# Machine-wide CPU seconds: busy (user+nice+system) and stolen by the hypervisor.
sys_cpu() { awk -v hz="$TICKS" '/^cpu / { printf "%.2f %.2f\n", ($2 + $3 + $4) / hz, $9 / hz }' /proc/stat; }
# CPU seconds (user+system, all threads) of process PID.
proc_cpu() { awk -v hz="$TICKS" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$1/stat"; }
# Sets CHILD_CPU to the CPU seconds of this shell's finished children (wrk included). Call it directly,
# not in $(...): `times` must run in this shell, not in a subshell.
children_cpu() {
  times >"$WORK/times"
  CHILD_CPU=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%.2f", t }' "$WORK/times")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

# check RATIO TARGET MODE(min|max) -> "ok" / "MISS" / ""
check() {
  [[ -n $2 && $1 != "-" ]] || { echo ""; return; }
  awk -v r="$1" -v t="$2" -v m="$3" 'BEGIN { ok = (m == "min") ? (r + 0 >= t + 0) : (r + 0 <= t + 0); print ok ? "ok" : "MISS" }'
}

declare -A RPS P99 ERRS RSS OTHER STEAL

# --- run -----------------------------------------------------------------------

for def in "${SEL_SERVERS[@]}"; do
  name=${def%%=*}
  port=$(free_port)
  base=http://$HOST:$port
  echo "== $name: starting on $base (CPU $SERVER_CPU)"
  # shellcheck disable=SC2086 # server arguments are words
  taskset -c "$SERVER_CPU" dotnet "${DLL[$name]}" --port "$port" --root "$DOCROOT" ${ARGS[$name]} >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")

  for ((i = 0; ; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "$name exited during startup"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/" || true)
    [[ $code != 000 ]] && break
    ((i < 300)) || die "$name did not answer on $base within 30 s"
    sleep 0.1
  done

  cred=""
  if [[ ${ARGS[$name]} == *--auth* ]]; then
    for ((i = 0; i < 100; i++)); do
      cred=$(sed -n 's/^Credential: //p' "$WORK/$name.log" | head -n 1)
      [[ -n $cred ]] && break
      sleep 0.1
    done
    [[ -n $cred ]] || die "$name printed no credential"
  fi
  # Scenarios of this server, {CREDENTIAL} replaced; those that need one it lacks are left out.
  MY_SCENARIOS=()
  for sc in "${SEL_SCENARIOS[@]}"; do
    if [[ $sc == *"{CREDENTIAL}"* ]]; then
      [[ -n $cred ]] || continue
      sc=${sc//\{CREDENTIAL\}/$cred}
    fi
    MY_SCENARIOS+=("$sc")
  done

  for sc in "${MY_SCENARIOS[@]}"; do
    IFS='|' read -r sname path status _ header <<<"$sc"
    hargs=()
    [[ -n $header ]] && hargs=(-H "$header")
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${hargs[@]}" "$base$path" || true)
    [[ $code == "$status" ]] || die "$name: GET $path returned $code, expected $status"
  done

  n=${#MY_SCENARIOS[@]}
  slice=$((WARMUP / n))
  ((slice > 5)) && slice=5
  ((slice < 1)) && slice=1
  echo "== $name: warm-up ${WARMUP}s (${slice}s slices over $n scenarios)"
  start=$SECONDS
  i=0
  while ((SECONDS - start < WARMUP)); do
    IFS='|' read -r _ path _ _ header <<<"${MY_SCENARIOS[i % n]}"
    wrk_run "$base$path" "$header" "$slice" >/dev/null
    i=$((i + 1))
  done

  for sc in "${MY_SCENARIOS[@]}"; do
    IFS='|' read -r sname path status _ header <<<"$sc"
    echo "== $name: $sname (${DURATION}s)"
    children_cpu
    c0=$CHILD_CPU t0=$(now) s0=$(sys_cpu) p0=$(proc_cpu "$pid")
    out=$(wrk_run "$base$path" "$header" "$DURATION")
    t1=$(now) s1=$(sys_cpu) p1=$(proc_cpu "$pid")
    children_cpu
    c1=$CHILD_CPU
    # Busy CPU of the machine minus the server's and wrk's, and the stolen CPU, in % of one CPU.
    read -r other steal < <(awk -v t0="$t0" -v t1="$t1" -v b0="${s0% *}" -v b1="${s1% *}" -v st0="${s0#* }" -v st1="${s1#* }" \
      -v p0="$p0" -v p1="$p1" -v c0="$c0" -v c1="$c1" 'BEGIN {
        el = t1 - t0; o = (b1 - b0) - (p1 - p0) - (c1 - c0); if (o < 0) o = 0
        printf "%.0f %.0f\n", 100 * o / el, 100 * (st1 - st0) / el }')
    OTHER[$name,$sname]=$other
    STEAL[$name,$sname]=$steal
    echo "$out" >"$WORK/$name-$sname.wrk"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    [[ -n $rps && -n $p99 ]] || { echo "$out" >&2; die "cannot parse wrk output"; }
    sock=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
    errs=${sock:-0}
    [[ $status == 2* || $status == 3* ]] && errs=$((errs + ${non2xx:-0}))
    RPS[$name,$sname]=$rps
    P99[$name,$sname]=$(to_ms "$p99")
    ERRS[$name,$sname]=$errs
    echo "   $rps req/s, p99 $p99, errors $errs, other processes ${other}% of a CPU, steal ${steal}%"
  done

  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  RSS[$name]=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')
  echo "== $name: peak RSS ${RSS[$name]} MiB; stopping"
  stop_server "$pid"
  PIDS=()
done

# --- report --------------------------------------------------------------------

NAMES=()
for def in "${SEL_SERVERS[@]}"; do NAMES+=("${def%%=*}"); done
CAND=${NAMES[0]}
HAVE_RATIO=0
[[ $CAND != "$BASELINE" && -n ${RSS[$BASELINE]:-} ]] && HAVE_RATIO=1

# Rows as tab-separated cells; first row is the header.
ROWS=()
hdr="scenario"
for s in "${NAMES[@]}"; do hdr+=$'\t'"$s req/s"; done
((HAVE_RATIO)) && hdr+=$'\t'"$CAND/$BASELINE"$'\t'"target"
for s in "${NAMES[@]}"; do hdr+=$'\t'"p99 $s (ms)"; done
ROWS+=("$hdr")
for sc in "${SEL_SCENARIOS[@]}"; do
  IFS='|' read -r sname _ _ target _ <<<"$sc"
  row=$sname
  for s in "${NAMES[@]}"; do row+=$'\t'$(printf '%.0f' "${RPS[$s,$sname]:-0}"); done
  if ((HAVE_RATIO)); then
    r=$(ratio "${RPS[$CAND,$sname]}" "${RPS[$BASELINE,$sname]}")
    row+=$'\t'$r$'\t'${target:+">= $target $(check "$r" "$target" min)"}
  fi
  for s in "${NAMES[@]}"; do row+=$'\t'${P99[$s,$sname]:-}; done
  ROWS+=("$row")
done
# Within-server ratios (AUTH=1, STORES=1): protected with the credential against unprotected.
for s in "${NAMES[@]}"; do
  [[ -n ${INNER_TARGET[$s]:-} && -n ${RPS[$s,secret1k]:-} && -n ${RPS[$s,file1k]:-} ]] || continue
  r=$(ratio "${RPS[$s,secret1k]}" "${RPS[$s,file1k]}")
  ROWS+=("$s secret1k/file1k"$'\t'"$r"$'\t'">= ${INNER_TARGET[$s]} $(check "$r" "${INNER_TARGET[$s]}" min)")
done
# Pair ratios (COMPARE=REV): this tree over REV, per scenario.
for s in "${!PAIR_OF[@]}"; do
  old=${PAIR_OF[$s]}
  for sc in "${SEL_SCENARIOS[@]}"; do
    sname=${sc%%|*}
    [[ -n ${RPS[$s,$sname]:-} && -n ${RPS[$old,$sname]:-} ]] || continue
    r=$(ratio "${RPS[$s,$sname]}" "${RPS[$old,$sname]}")
    target=${PAIR_TARGETS[$s]:-$PAIR_TARGET}
    ROWS+=("$s/$old $sname"$'\t'"$r"$'\t'">= $target $(check "$r" "$target" min)")
  done
done
row="peak RSS (MiB)"
for s in "${NAMES[@]}"; do row+=$'\t'${RSS[$s]}; done
if ((HAVE_RATIO)); then
  r=$(ratio "${RSS[$CAND]}" "${RSS[$BASELINE]}")
  row+=$'\t'$r$'\t'"<= $RSS_TARGET $(check "$r" "$RSS_TARGET" max)"
fi
ROWS+=("$row")

echo
printf '%s\n' "${ROWS[@]}" | awk -F'\t' '
  { for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } if (NF > nf) nf = NF }
  END { for (r = 1; r <= NR; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf(i == 1 ? "%-*s" : "  %*s", w[i], c[r, i]); sub(/ +$/, "", line); print line } }'

for key in "${!ERRS[@]}"; do
  [[ ${ERRS[$key]} -eq 0 ]] || echo "warning: ${key/,/ \/ }: ${ERRS[$key]} socket errors or unexpected statuses (see wrk output)"
done
MAX_OTHER=0 MAX_STEAL=0
for key in "${!OTHER[@]}"; do
  ((OTHER[$key] > MAX_OTHER)) && MAX_OTHER=${OTHER[$key]}
  ((STEAL[$key] > MAX_STEAL)) && MAX_STEAL=${STEAL[$key]}
  ((OTHER[$key] + STEAL[$key] <= OTHER_LIMIT)) \
    || echo "warning: ${key/,/ \/ }: other processes used ${OTHER[$key]}% of a CPU (steal ${STEAL[$key]}%) during the measurement; its figures are unreliable"
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
wrkv=$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }' || true)
commit=$(git -C "$REPO" log -1 --format=%h 2>/dev/null || true)
echo
echo "---- Markdown (paste into bench/RESULTS.md) ----"
echo
echo "### $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}; server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU." \
  ".NET SDK $(dotnet --version), wrk ${wrkv:-?}, commit ${commit:-none}."
echo "Warm-up ${WARMUP} s, ${DURATION} s per scenario, wrk -t$THREADS -c$CONNECTIONS (keep-alive)." \
  "Other processes: at most ${MAX_OTHER}% of a CPU during a measurement, steal at most ${MAX_STEAL}%."
echo
printf '%s\n' "${ROWS[@]}" | awk -F'\t' '
  NR == 1 { nf = NF }
  { line = "|"; for (i = 1; i <= nf; i++) line = line " " $i " |"; print line }
  NR == 1 { line = "|"; for (i = 1; i <= nf; i++) line = line (i == 1 ? " --- |" : " ---: |"); print line }'
