#!/usr/bin/env python3
"""What a group of threads was doing, second by second, from a wall-clock profile: the share of
their samples whose stack holds a given frame (waiting for the object store, committing, polling,
checking), first match wins. A CPU-time profile (cpu-timeline.py) cannot show waiting; this can.

Usage: bench/probes/thread-waits.py RECORDING.jfr THREAD_REGEX LABEL=FRAME [LABEL=FRAME ...]
  e.g. bench/probes/thread-waits.py /tmp/wall.jfr 'StreamThread-\\d+$' \\
         get-wait=ConcurrentStoreSource.getAll check=CheckScenario.process \\
         commit=commitOffsetsOrTransaction poll=StreamThread.pollRequests aggregate=AggregateRun.process
A FRAME matches `SimpleClassName.method` anywhere in the sampled stack. The recording is
async-profiler's `event=wall` written as JFR; docs/PERFORMANCE.md shows how it is made.
Needs the JDK's `jfr` on the PATH.
"""
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime

STACK_DEPTH = 64


def samples(recording):
    printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(STACK_DEPTH), "--events",
                              "jdk.ExecutionSample", recording], check=True, capture_output=True, text=True).stdout
    return json.loads(printed)["recording"]["events"]


def thread_name(event):
    thread = event["values"].get("sampledThread") or {}
    return thread.get("osName") or thread.get("javaName") or "?"


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    return [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in stack.get("frames", [])]


def seconds(event):
    return datetime.fromisoformat(event["values"]["startTime"].replace("Z", "+00:00")).timestamp()


def main():
    if len(sys.argv) < 4 or any("=" not in arg for arg in sys.argv[3:]):
        sys.exit(__doc__)
    threads = re.compile(sys.argv[2])
    categories = [tuple(arg.split("=", 1)) for arg in sys.argv[3:]]
    labels = list(dict.fromkeys([label for label, _ in categories] + ["other"]))
    events = samples(sys.argv[1])
    start = min(seconds(e) for e in events)
    per_second = defaultdict(Counter)
    for event in events:
        if not threads.search(thread_name(event)):
            continue
        stack = frames(event)
        label = next((label for label, frame in categories if any(frame in f for f in stack)), "other")
        per_second[int(seconds(event) - start)][label] += 1
    print("second  " + "  ".join(f"{label:>10}" for label in labels) + "  samples")
    for second in sorted(per_second):
        counts = per_second[second]
        total = sum(counts.values())
        print(f"{second:6d}  " + "  ".join(f"{100 * counts[label] / total:9.0f}%" for label in labels)
              + f"  {total:7d}")


if __name__ == "__main__":
    main()
