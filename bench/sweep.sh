#!/usr/bin/env bash
# Throughput of a sweep through the whole pipeline on the embedded stack, with 1 and with 2 solver
# instances, measured side by side: runs alternate between the two settings, and the median of
# each is reported with their ratio. Each run is a fresh `demo` (new data dir), so it also pays for
# JIT warm-up, as a real first run does; the figure is the "run" time the demo prints (publish to
# QC completion), not the stack start.
#   bench/sweep.sh [RUNS (default 3)] [SCENARIOS (default 1000)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
SCENARIOS="${2:-1000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/scenarioops-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# demand from just above 0.5 up to 1.5 in SCENARIOS steps: scenarios with and without overtime
STEP=$(awk -v n="$SCENARIOS" 'BEGIN { print 1 / n }')
START=$(awk -v n="$SCENARIOS" 'BEGIN { print 0.5 + 1 / n }')

"$ROOT/scenarioops" --version > /dev/null  # build once, outside the measurements

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for run in $(seq 1 "$RUNS"); do
  for solvers in 1 2; do
    out="$WORK/run-$run-$solvers.out"
    SCENARIOOPS_LOG_LEVEL=WARN "$ROOT/scenarioops" demo --sweep "demand_scale=$START:1.5:$STEP" --solvers "$solvers" \
      --data-dir "$WORK/data-$run-$solvers" --timeout 900 > "$out" 2> "$WORK/run-$run-$solvers.err"
    seconds=$(sed -n 's/^wall time .*run \([0-9.]*\) s)$/\1/p' "$out")
    echo "run $run, $solvers solver(s): $SCENARIOS scenarios in $seconds s" >&2
    echo "$seconds" >> "$WORK/solvers-$solvers.txt"
  done
done

one=$(median < "$WORK/solvers-1.txt")
two=$(median < "$WORK/solvers-2.txt")
awk -v n="$SCENARIOS" -v one="$one" -v two="$two" -v runs="$RUNS" -v cores="$(nproc)" 'BEGIN {
  printf "%d scenarios, median of %d runs each, %d cores\n", n, runs, cores;
  printf "  1 solver : %6.1f s  (%5.1f scenarios/s)\n", one, n / one;
  printf "  2 solvers: %6.1f s  (%5.1f scenarios/s)\n", two, n / two;
  printf "  ratio 1 solver / 2 solvers: %.2f\n", one / two;
}'
