#!/usr/bin/env bash
# Dynamic fan-out benchmark: one root over N leaves, the leaves required in requires()
# (FanOut, static_s) and the same leaves required while the root runs (DynamicFanOut, dynamic_s),
# each a fresh `java -jar` on an empty directory, side by side in one invocation, plus a second
# run of the dynamic graph when everything is complete (rerun_s).
# Usage: bench/dynamic.sh [N ...]   (default: 10000); needs examples/target/pipeline.jar.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
jar=${JAR:-examples/target/pipeline.jar}
[ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
workers=${WORKERS:-2}
rounds=${ROUNDS:-3}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # family n dir -> wall seconds
  { /usr/bin/time -f '%e' java -jar "$jar" "$1" --n "$2" --dir "$3" --workers "$workers" \
      --no-lock --log-level=WARNING --history-dir "$3-history" >/dev/null; } 2>&1 | tail -1
}
printf '%-8s %-8s %-8s %-10s %-10s %-10s %s\n' N workers round static_s dynamic_s ratio rerun_s
for n in "${sizes[@]}"; do
  expected=$(( n * (n - 1) / 2 ))
  for r in $(seq 1 "$rounds"); do
    sync; sleep 2
    s=$(run FanOut "$n" "$work/static-$n-$r")
    sync; sleep 2
    d=$(run DynamicFanOut "$n" "$work/dynamic-$n-$r")
    again=$(run DynamicFanOut "$n" "$work/dynamic-$n-$r")
    [ "$(cat "$work/static-$n-$r/fanout-$n.txt")" = "$expected" ] || { echo "static: wrong sum for N=$n" >&2; exit 1; }
    [ "$(cat "$work/dynamic-$n-$r/dynamic-fanout-$n.txt")" = "$expected" ] || { echo "dynamic: wrong sum for N=$n" >&2; exit 1; }
    printf '%-8s %-8s %-8s %-10s %-10s %-10s %s\n' "$n" "$workers" "$r" "$s" "$d" "$(echo "scale=2; $d / $s" | bc)" "$again"
  done
done
