#!/usr/bin/env bash
# Code shipped to a Flink session cluster: RUNS runs (each a fresh JVM) of a chain of STAGES trivial
# heavy stages (bench/SessionChain.java) on the local session cluster, for every jar given, side by
# side in one invocation. Per run: wall time, each stage's run time, the megabytes the driver wrote
# while each stage ran (its uploads to the cluster; from /proc/self/io), each stage's submission
# time (from the driver's log: job graph and code sent, until the cluster lists the job) and how
# much the TaskManager's blob cache grew.
# Needs the cluster: scripts/flink-cluster start. Each jar gets SessionChain's classes added (the
# cluster must have them); jars of the same content stored on the cluster from earlier invocations
# are deleted first, so that the first run of each jar shows the upload.
# Usage: JARS="old.jar new.jar" bench/session-chain.sh [STAGES] [RUNS]  (defaults 5 and 3;
# JARS defaults to examples/target/pipeline.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
jars=(${JARS:-examples/target/pipeline.jar})
stages=${1:-5}
runs=${2:-3}
master=127.0.0.1:8081
blobs=$PWD/.run/flink/blobs/taskmanager
scripts/flink-cluster status >/dev/null || { echo "no session cluster: scripts/flink-cluster start" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
done

for j in "${!jars[@]}"; do
  jar=$(readlink -f "${jars[$j]}")
  mkdir -p "$work/classes-$j"
  javac -proc:none -cp "$jar" -d "$work/classes-$j" bench/SessionChain.java
  cp "$jar" "$work/bench-$j.jar"
  jar uf "$work/bench-$j.jar" -C "$work/classes-$j" .
  sum=$(sha256sum "$work/bench-$j.jar" | cut -d' ' -f1)
  for id in $(curl -sf "http://$master/jars" | grep -o "\"id\":\"[^\"]*_cascata-$sum.jar\"" | cut -d'"' -f4); do
    curl -sf -X DELETE "http://$master/jars/$id" >/dev/null
  done
done

for run in $(seq 1 "$runs"); do
  for j in "${!jars[@]}"; do
    name=$(basename "${jars[$j]}")
    dir=$work/r$run-$j; mkdir -p "$dir/tmp"
    before=$(du -sk "$blobs" | cut -f1)
    chain=$(/usr/bin/time -f '%e %M' -o "$dir/time" java -Djava.io.tmpdir="$dir/tmp" -cp "$work/bench-$j.jar" SessionChain \
        "$dir/chain" "$stages" "$master" 2>"$dir/err" | tail -1) \
        || { echo "the chain failed, see $dir/err" >&2; cat "$dir/err" >&2; exit 1; }
    after=$(du -sk "$blobs" | cut -f1)
    read -r wall rss < "$dir/time"
    submit=$(sed -n 's/.*FINISHED: submitted in \([0-9]*\) ms.*/\1/p' "$dir/err" | tr '\n' ' ')
    printf 'run %d %-22s wall_s %s %s  submit_ms %s blob_cache_kb +%s\n' "$run" "$name" "$wall" "$chain" "$submit" \
        $((after - before))
  done
done
