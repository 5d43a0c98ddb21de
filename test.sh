#!/usr/bin/env bash
# Runs every test of the solution (after checking the code is `dotnet format` clean)
# and ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

if ! dotnet format MixNMatchttp.slnx --verify-no-changes; then
  echo "dotnet format found unformatted code: run 'dotnet format MixNMatchttp.slnx'" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test MixNMatchttp.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$failed" -ne 0 ]; then
  echo "failed tests:"
  grep -E '^[[:space:]]+Failed [A-Za-z]' "$log" || true
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
