#!/usr/bin/env python3
"""Where a pipeline's CPU goes: each execution sample of a flight recording is put with the first
of RULES whose marker is on its stack, and each group is printed with its share, split into work
the bench's bare loop also does ("shared") and work only the pipeline does ("pipeline").

Usage: bench/probes/jfr-shares.py RECORDING.jfr [FROM_END_S [TO_END_S]]
  counts the samples between FROM_END_S (default 40) and TO_END_S (default 3) seconds before the
  recording's last sample, i.e. the run part of a demo that exits soon after its run completes.
Needs the JDK's `jfr` on the PATH.
"""
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime

RULES = [
    ("shared: QC checks", ["io/scenarioops/qc/QualityGate", "io/scenarioops/qc/ScenarioArtifactsRead"]),
    ("shared: PostgreSQL writes", ["QcRecorder", "StoreAndDatabaseRecorder", "io/scenarioops/runstore",
                                   "org/postgresql", "com/zaxxer"]),
    ("shared: render artifacts", ["io/scenarioops/publisher/ScenarioArtifacts"]),
    ("shared: solve", ["io/scenarioops/solver/ScenarioSolver.solve", "io/scenarioops/model/"]),
    ("shared: S3 client and server", ["io/minio", "okhttp3", "org/gaul/s3proxy", "org/eclipse/jetty", "org/jclouds"]),
    ("pipeline: event encode/decode/validate", ["io/scenarioops/events/EventCodec", "io/scenarioops/events/schema"]),
    ("pipeline: Kafka Streams", ["org/apache/kafka/streams"]),
    ("pipeline: broker", ["kafka/server", "org/apache/kafka/storage", "kafka/log", "org/apache/kafka/coordinator",
                          "org/apache/kafka/raft", "kafka/network", "org/apache/kafka/server", "kafka/coordinator",
                          "org/apache/kafka/metadata", "org/apache/kafka/image", "kafka/cluster"]),
    ("pipeline: Kafka clients", ["org/apache/kafka/clients", "org/apache/kafka/common"]),
]
BROKER_THREADS = ("data-plane", "kafka-", "broker", "quorum", "raft", "controller", "ExpirationReaper",
                  "transaction", "group-coordinator", "LogCleaner")


def samples(recording):
    printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample",
                              recording], check=True, capture_output=True, text=True).stdout
    return json.loads(printed)["recording"]["events"]


def seconds(event):
    return datetime.fromisoformat(event["values"]["startTime"].replace("Z", "+00:00")).timestamp()


def group(event):
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in event["values"]["stackTrace"]["frames"]]
    for name, markers in RULES:
        if any(marker in frame for frame in frames for marker in markers):
            return name
    sampled = event["values"].get("sampledThread") or {}
    # async-profiler names native threads (the JIT, GC) by their OS name only
    thread = sampled.get("javaName") or sampled.get("osName") or "?"
    if thread.startswith("S3Proxy"):
        return "shared: S3 client and server"
    if thread.startswith(BROKER_THREADS):
        return "pipeline: broker"
    return "other: " + re.sub(r"[-0-9]+$", "", thread)[:40]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    from_end = float(sys.argv[2]) if len(sys.argv) > 2 else 40.0
    to_end = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    events = samples(sys.argv[1])
    end = max(seconds(e) for e in events)
    counts = Counter(group(e) for e in events if end - from_end <= seconds(e) <= end - to_end)
    total = sum(counts.values())
    print(f"{total} samples from {from_end:g} s to {to_end:g} s before the last one")
    for name, count in counts.most_common():
        print(f"{100 * count / total:5.1f} %  {name}")
    for kind in ("shared", "pipeline", "other"):
        share = sum(c for n, c in counts.items() if n.startswith(kind))
        print(f"{kind}: {100 * share / total:.1f} %")


if __name__ == "__main__":
    main()
