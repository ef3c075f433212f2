#!/usr/bin/env bash
# FanIn scale benchmark: wall time of a first run (every task runs) and a second run (all
# complete) for each N, as fresh `java -jar` processes, the way users run pipelines.
# Beside each first run, bench/RawFanIn.java does the same file work by hand (raw_s): the floor
# this disk sets. Usage: bench/fanin.sh [N ...]   (default: 1000 10000 100000); needs examples/target/pipeline.jar.
# JARS="old.jar new.jar" bench/fanin.sh N compares builds side by side: one row per jar, each
# after the same raw run, in the order given.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
jars=(${JARS:-examples/target/pipeline.jar})
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
done
workers=${WORKERS:-2}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each measurement starts with no pending write-back from earlier runs on the same disk. Files
# are only removed at the end: on this ext4 (no journal) creating files stays slow for up to
# five minutes after many were deleted (the inode allocator skips recently deleted inodes), so
# a removal between runs would slow down whichever run came next. For the same reason, leave a
# few minutes between two invocations at the top sizes.
settle() {
  sync; sleep 2
}
label() {
  [ ${#jars[@]} -gt 1 ] && printf ' %s' "$(basename "$1")" || true
}
# The time of each run: a fresh JVM, as a user runs it; stdout (the summary) is dropped.
printf '%-8s %-8s %-10s %-10s %-10s %-10s %s\n' N tasks workers raw_s first_s second_s "peak_rss_mb$( [ ${#jars[@]} -gt 1 ] && printf ' jar' )"
for n in "${sizes[@]}"; do
  tasks=$(( n + n / 10 + 1 ))
  expected=$(( n * (n - 1) / 2 ))
  settle
  raw=$( { /usr/bin/time -f '%e' java bench/RawFanIn.java "$work/raw-$n" "$n"; } 2>&1 | tail -1)
  got=$(cat "$work/raw-$n/fanin-$n.txt")
  [ "$got" = "$expected" ] || { echo "raw: wrong sum for N=$n: $got, expected $expected" >&2; exit 1; }
  settle
  for j in "${!jars[@]}"; do
    jar=${jars[$j]}
    dir="$work/fanin-$n-$j"
    first=$( { /usr/bin/time -f '%e %M' java -jar "$jar" FanIn --n "$n" --dir "$dir" --workers "$workers" \
        --no-lock --log-level=WARNING --history-dir "$dir-history" >/dev/null; } 2>&1 | tail -1)
    sync; sleep 2
    second=$( { /usr/bin/time -f '%e' java -jar "$jar" FanIn --n "$n" --dir "$dir" --workers "$workers" \
        --no-lock --log-level=WARNING --history-dir "$dir-history" >/dev/null; } 2>&1 | tail -1)
    got=$(cat "$dir/fanin-$n.txt")
    [ "$got" = "$expected" ] || { echo "wrong sum for N=$n: $got, expected $expected" >&2; exit 1; }
    read -r first_s rss <<<"$first"
    printf '%-8s %-8s %-10s %-10s %-10s %-10s %s%s\n' "$n" "$tasks" "$workers" "$raw" "$first_s" "$second" \
        $(( rss / 1024 )) "$(label "$jar")"
    settle
  done
done
