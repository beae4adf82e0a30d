#!/usr/bin/env python3
"""How many cores each part of a demo used, second by second, from a CPU-time profile whose samples
are taken at a fixed CPU interval (async-profiler's `itimer` event written as JFR; JFR's own
execution samples leave out native and compiler threads and are not CPU time).

Usage: bench/probes/cpu-timeline.py RECORDING.jfr [INTERVAL_MS]   (INTERVAL_MS defaults to 5)
Needs the JDK's `jfr` on the PATH. docs/PERFORMANCE.md shows how the recording is made.
"""
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime

# First match wins; a thread matching none is "other".
GROUPS = [
    ("store", r"S3Proxy"),
    ("store client", r"OkHttp|ForkJoinPool\.commonPool"),
    ("publisher", r"publisher"),
    ("qc", r"StreamThread|qc-"),
    ("solver", r"solver"),
    ("jit", r"Compiler"),
    ("gc", r"^G1|GC Thread"),
    ("kafka", r"kafka|data-plane|broker|quorum|raft|controller|coordinator|Txn|AddPartitions"),
]


def samples(recording):
    printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "1", "--events", "jdk.ExecutionSample",
                              recording], check=True, capture_output=True, text=True).stdout
    return json.loads(printed)["recording"]["events"]


def group(event):
    thread = event["values"].get("sampledThread") or {}
    name = thread.get("osName") or thread.get("javaName") or "?"
    return next((label for label, pattern in GROUPS if re.search(pattern, name)), "other")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    interval_s = (float(sys.argv[2]) if len(sys.argv) > 2 else 5.0) / 1000
    events = samples(sys.argv[1])
    times = [datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp() for e in events]
    start = min(times)
    per_second = defaultdict(Counter)
    for event, time in zip(events, times):
        per_second[int(time - start)][group(event)] += 1
    labels = [label for label, _ in GROUPS] + ["other"]
    print("second  cores  " + "  ".join(f"{label:>12}" for label in labels))
    for second in sorted(per_second):
        counts = per_second[second]
        cores = sum(counts.values()) * interval_s
        print(f"{second:6d}  {cores:5.2f}  " + "  ".join(f"{counts[label] * interval_s:12.2f}" for label in labels))


if __name__ == "__main__":
    main()
