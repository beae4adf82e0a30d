#!/usr/bin/env bash
# QC's CPU while idle: starts ./scenarioops stack and ./scenarioops service qc as processes on a
# scratch data dir, lets QC settle, then reads its CPU time from /proc over a window.
# Usage: bench/probes/qc-idle-cpu.sh [settle seconds, default 50] [window seconds, default 30]
set -euo pipefail
settle=${1:-50}
window=${2:-30}
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

"$root/scenarioops" stack --data-dir "$scratch/data" > "$scratch/stack.env" 2> "$scratch/stack.log" &
pids+=($!)
for _ in $(seq 300); do
  grep -q 'PG_URL=' "$scratch/stack.env" 2>/dev/null && break
  sleep 1
done
grep -q 'PG_URL=' "$scratch/stack.env" || { echo "the stack did not start; see its log:" >&2; cat "$scratch/stack.log" >&2; exit 1; }
set -a; source "$scratch/stack.env"; set +a

# ./scenarioops execs java, so this pid is QC's JVM
"$root/scenarioops" service qc > "$scratch/qc.log" 2>&1 &
qc=$!
pids=("$qc" "${pids[@]}")
sleep "$settle"
kill -0 "$qc" 2>/dev/null || { echo "qc exited; see its log:" >&2; cat "$scratch/qc.log" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$qc/stat"; }
before=$(ticks)
sleep "$window"
after=$(ticks)
echo "qc idle CPU: $(( (after - before) * 1000 / $(getconf CLK_TCK) / window )) ms per second over ${window} s, after ${settle} s"
