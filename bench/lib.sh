# Helpers shared by the bench scripts. Source it after setting HOST (the loopback address) and defining die.

# free_port: prints a port on $HOST that nothing listens on now.
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/$HOST/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# wait_for_credential PID LOG [PREFIX]: waits (30 s at most) until the bench/Mix server PID, started with an auth
# module, has printed its "Credential: <header>" line to LOG; dies with LOG's content if the server exits first.
wait_for_credential() {
  local pid=$1 log=$2 prefix=${3:-} i
  for ((i = 0; ; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "${prefix}the server exited during startup"; }
    grep -q '^Credential: ' "$log" && break
    ((i < 300)) || die "${prefix}the server did not start within 30 s"
    sleep 0.1
  done
}
