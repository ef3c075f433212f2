#!/usr/bin/env bash
# Fixed cost of heavy stages on the embedded Flink: in one JVM, one trivial heavy stage, a chain of
# STAGES of them fused into one Flink job, and the same chain with a job per stage
# (bench/FlinkChain.java); then TopWords on the sample text with --runner=FlinkRunner and
# ScoreReport --workers 3 on 20,000 rows, each a fresh `java -jar`, for every jar given, side by
# side in one invocation. Also reports what each run left in its java.io.tmpdir, and the load
# average before each round (the figures are indicative on a shared machine).
# Usage: JARS="old.jar new.jar" bench/flink-chain.sh [STAGES] [ROUNDS]  (defaults 5 and 3;
# JARS defaults to examples/target/pipeline.jar; CHAIN_ONLY=1 runs the chain programs only).
set -euo pipefail
cd "$(dirname "$0")/.."
jars=(${JARS:-examples/target/pipeline.jar})
stages=${1:-5}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
done
sample=$PWD/examples/data/sample.txt

# What a run leaves in its own java.io.tmpdir, in KB.
left_kb() { du -sk "$1" | cut -f1; }

for round in $(seq 1 "$rounds"); do
  echo "round $round load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for j in "${!jars[@]}"; do
    jar=$(readlink -f "${jars[$j]}")
    name=$(basename "$jar")
    classes=$work/classes-$j
    if [ ! -d "$classes" ]; then
      mkdir -p "$classes"
      javac -proc:none -cp "$jar" -d "$classes" bench/FlinkChain.java
    fi
    run=$work/r$round-$j; mkdir -p "$run/tmp"
    chain=$(/usr/bin/time -f '%e %M' -o "$run/chain.time" java -Djava.io.tmpdir="$run/tmp" -cp "$jar:$classes" FlinkChain \
        "$run/chain" "$stages" 2>"$run/chain.err" | tail -1) \
        || { echo "the chain failed, see $run/chain.err" >&2; cat "$run/chain.err" >&2; exit 1; }
    read -r wall rss < "$run/chain.time"
    printf 'round %d %-28s chain    wall_s %s rss_mb %s tmp_kb %s %s\n' "$round" "$name" "$wall" $((rss / 1024)) \
        "$(left_kb "$run/tmp")" "$chain"
    [ -n "${CHAIN_ONLY:-}" ] && continue
    rm -rf "$run/tmp"; mkdir -p "$run/tmp"
    (cd "$run" && /usr/bin/time -f '%e %M' -o "$run/top.time" java -Djava.io.tmpdir="$run/tmp" -jar "$jar" TopWords \
        --input "$sample" --output "$run/top.txt" --top 5 --runner=FlinkRunner >"$run/top.log" 2>&1) \
        || { echo "TopWords failed, see $run/top.log" >&2; cat "$run/top.log" >&2; exit 1; }
    read -r wall rss < "$run/top.time"
    printf 'round %d %-28s topwords wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$wall" $((rss / 1024)) "$(left_kb "$run/tmp")"
    rm -rf "$run/tmp"; mkdir -p "$run/tmp"
    (cd "$run" && /usr/bin/time -f '%e %M' -o "$run/score.time" java -Djava.io.tmpdir="$run/tmp" -jar "$jar" ScoreReport \
        --workers 3 >"$run/score.log" 2>&1) \
        || { echo "ScoreReport failed, see $run/score.log" >&2; cat "$run/score.log" >&2; exit 1; }
    read -r wall rss < "$run/score.time"
    printf 'round %d %-28s score    wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$wall" $((rss / 1024)) "$(left_kb "$run/tmp")"
  done
done
