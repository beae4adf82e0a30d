#!/usr/bin/env bash
# The demo's start and exit: runs `./scenarioops demo` (seed run) N times on one data dir and prints,
# per run, the stack start and run part the demo reports and the seconds from QC's
# `completed: passed` log line to the process's exit (the exit target of docs/PERFORMANCE.md).
# The first run starts a new data dir; the others start an existing one. Environment settings
# (SCENARIOOPS_JAVA_OPTS, KAFKA_*) pass through, so two settings can be measured alternately.
# Usage: bench/probes/demo-exit.sh [runs, default 5] [data dir, default a new scratch dir]
set -euo pipefail
runs=${1:-5}
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
data=${2:-$scratch/data}
trap 'rm -rf "$scratch"' EXIT

to_seconds() { # HH:MM:SS.fraction (UTC) -> seconds since midnight
  awk -F: '{ printf "%.3f", $1 * 3600 + $2 * 60 + $3 }' <<< "$1"
}

for run in $(seq "$runs"); do
  log="$scratch/demo-$run.log"
  status=0
  "$root/scenarioops" demo --data-dir "$data" > "$log" 2>&1 || status=$?
  exited=$(date -u +%H:%M:%S.%N)
  completed=$(grep -m1 'completed: passed' "$log" | cut -c1-12 || true)
  if [[ $status -ne 0 || -z "$completed" ]]; then
    echo "run $run: demo exited $status without QC's 'completed: passed'; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  parts=$(grep -m1 -o 'stack start [0-9.]* s, run [0-9.]* s' "$log")
  exit_after=$(awk -v a="$(to_seconds "$completed")" -v b="$(to_seconds "$exited")" 'BEGIN { d = b - a; if (d < 0) d += 86400; printf "%.3f", d }')
  echo "run $run: $parts, exit ${exit_after} s after completion"
done
