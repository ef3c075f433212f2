#!/usr/bin/env bash
# FanIn scale benchmark: wall time of a first run (every task runs) and a second run (all
# complete) for each N, as fresh `java -jar` processes, the way users run pipelines.
# Beside each first run, bench/RawFanIn.java does the same file work by hand (raw_s): the floor
# this disk sets. Usage: bench/fanin.sh [N ...]   (default: 1000 10000 100000); needs examples/target/pipeline.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=examples/target/pipeline.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
workers=${WORKERS:-2}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The time of each run: a fresh JVM, as a user runs it; stdout (the summary) is dropped.
printf '%-8s %-8s %-10s %-10s %-10s %-10s %s\n' N tasks workers raw_s first_s second_s peak_rss_mb
for n in "${sizes[@]}"; do
  dir="$work/fanin-$n"
  # Start each measurement with no pending write-back from earlier runs on the same disk.
  sync; sleep 2
  raw=$( { /usr/bin/time -f '%e' java bench/RawFanIn.java "$work/raw-$n" "$n"; } 2>&1 | tail -1)
  sync; sleep 2
  first=$( { /usr/bin/time -f '%e %M' java -jar "$jar" FanIn --n "$n" --dir "$dir" --workers "$workers" \
      --no-lock --log-level=WARNING >/dev/null; } 2>&1 | tail -1)
  sync; sleep 2
  second=$( { /usr/bin/time -f '%e' java -jar "$jar" FanIn --n "$n" --dir "$dir" --workers "$workers" \
      --no-lock --log-level=WARNING >/dev/null; } 2>&1 | tail -1)
  expected=$(( n * (n - 1) / 2 ))
  got=$(cat "$dir/fanin-$n.txt")
  [ "$got" = "$expected" ] || { echo "wrong sum for N=$n: $got, expected $expected" >&2; exit 1; }
  tasks=$(( n + n / 10 + 1 ))
  read -r first_s rss <<<"$first"
  printf '%-8s %-8s %-10s %-10s %-10s %-10s %s\n' "$n" "$tasks" "$workers" "$raw" "$first_s" "$second" $(( rss / 1024 ))
done
