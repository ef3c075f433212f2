#!/usr/bin/env bash
# What recording the run history costs: FanIn first runs of one pipeline.jar with the history
# (the default) and with --no-history, interleaved, each a fresh `java -jar` into a fresh output
# directory and workspace. The order alternates per round (odd rounds start with the history,
# even rounds without), so that a disk that slows down or speeds up during the invocation
# weighs on both sides alike. Prints every run, then the median of the per-round ratios
# (with / without) and the ratio of the two medians.
# Usage: bench/history-cost.sh [N] [ROUNDS]   (default: 100000 5; N leaves make N + N/10 + 1 tasks)
# JAR=path/to/pipeline.jar picks the build (default: examples/target/pipeline.jar);
# WORKERS (default 2) as in bench/fanin.sh.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-5}
jar=${JAR:-examples/target/pipeline.jar}
workers=${WORKERS:-2}
[ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
[[ "$n" =~ ^[1-9][0-9]*0$ ]] || { echo "N must be a positive multiple of 10, got $n" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive number, got $rounds" >&2; exit 2; }
tasks=$(( n + n / 10 + 1 ))
expected=$(( n * (n - 1) / 2 ))
work=$(mktemp -d)
# Files are removed only at the end: on this disk creating files stays slow for minutes after
# many were deleted, so a removal between runs would slow down whichever run came next.
trap 'rm -rf "$work"' EXIT

settle() {
  sync; sleep 2
}

# One run; prints "seconds peak_rss_kb". With the history, also checks that it was recorded:
# the run's record with its exit code, and one line per task.
run() {
  local mode=$1 dir=$2
  local flags=()
  [ "$mode" = without ] && flags=(--no-history)
  local out
  out=$( { /usr/bin/time -f '%e %M' java -jar "$jar" FanIn --n "$n" --dir "$dir/out" --workspace "$dir/workspace" \
      --workers "$workers" --no-lock --log-level=WARNING "${flags[@]}" >/dev/null; } 2>&1 | tail -1)
  local got
  got=$(cat "$dir/out/fanin-$n.txt")
  [ "$got" = "$expected" ] || { echo "$mode: wrong sum for N=$n: $got, expected $expected" >&2; exit 1; }
  if [ "$mode" = with ]; then
    local record
    record=$(ls "$dir"/workspace/_history/*/run.json)
    grep -q '"exitCode":0' "$record" || { echo "with: the run's record has no exit code 0: $record" >&2; exit 1; }
    local lines
    lines=$(cat "$(dirname "$record")"/tasks.jsonl "$(dirname "$record")"/tasks-*.jsonl | grep -c .)
    [ "$lines" -eq "$tasks" ] || { echo "with: $lines task lines in the history, expected $tasks" >&2; exit 1; }
  elif [ -e "$dir/workspace/_history" ]; then
    echo "without: a history was recorded under $dir/workspace" >&2; exit 1
  fi
  echo "$out"
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "jar: $jar  N: $n ($tasks tasks)  workers: $workers  rounds: $rounds"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-6s %-8s %-10s %s\n' round order history seconds peak_rss_mb
with_s=(); without_s=(); ratios=()
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then order=(with without); else order=(without with); fi
  declare -A secs=()
  for i in 0 1; do
    mode=${order[$i]}
    settle
    read -r s rss <<<"$(run "$mode" "$work/r$r-$mode")"
    secs[$mode]=$s
    printf '%-6s %-6s %-8s %-10s %s\n' "$r" "$(( i + 1 ))" "$mode" "$s" $(( rss / 1024 ))
  done
  with_s+=("${secs[with]}"); without_s+=("${secs[without]}")
  ratios+=("$(awk -v a="${secs[with]}" -v b="${secs[without]}" 'BEGIN { printf "%.4f", a / b }')")
  unset secs
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "per-round ratios (with / without): ${ratios[*]}"
echo "median of the per-round ratios: $(printf '%s\n' "${ratios[@]}" | median)"
mw=$(printf '%s\n' "${with_s[@]}" | median)
mo=$(printf '%s\n' "${without_s[@]}" | median)
echo "median seconds: with $mw, without $mo, ratio $(awk -v a="$mw" -v b="$mo" 'BEGIN { printf "%.4f", a / b }')"
