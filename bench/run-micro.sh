#!/usr/bin/env bash
# Micro benchmarks (BenchmarkDotNet, bench/Micro): endpoint resolution and the request pipeline.
#
# Usage: bench/run-micro.sh [BenchmarkDotNet options...]
# Env:   FILTER='*'   which benchmarks (BenchmarkDotNet --filter glob), e.g. '*EndpointResolve*', '*Pipeline*'
# Jobs are short runs ([ShortRunJob]); results go to bench/Micro/BenchmarkDotNet.Artifacts/results.
# See bench/README.md.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FILTER=${FILTER:-*}

case ${1:-} in
  -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
exec dotnet run -c Release --project "$REPO/bench/Micro" -- --filter "$FILTER" "$@"
