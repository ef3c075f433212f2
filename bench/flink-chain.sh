#!/usr/bin/env bash
# Fixed cost of heavy stages on the embedded Flink: in one JVM, one trivial heavy stage, a chain of
# STAGES of them fused into one Flink job, and the same chain with a job per stage
# (bench/FlinkChain.java); then TopWords on the sample text with --runner=FlinkRunner and
# ScoreReport --workers 3 on 20,000 rows, each a fresh `java -jar`, for every jar given, side by
# side in one invocation. Also reports what each run left in its java.io.tmpdir, and the load
# average before each round (the figures are indicative on a shared machine).
# TopWords and ScoreReport run twice a round: with CASCATA_CLASS_ARCHIVE=off (one JVM), then
# with the jar's class archive (archive=on), which a first TopWords run of each jar saves into a
# cache of the benchmark's own before the rounds (its wall time is printed as `saving`).
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

# One `java -jar` of jar $1 in directory $2 with the class archive $3 (off or on), timed into $2/$4.time.
timed_jar() {
  local jar=$1 run=$2 archive=$3 name=$4; shift 4
  local switch=off; [ "$archive" = on ] && switch=auto
  rm -rf "$run/tmp"; mkdir -p "$run/tmp"
  (cd "$run" && CASCATA_CLASS_ARCHIVE=$switch XDG_CACHE_HOME="$work/cache-$(basename "$jar")" \
      /usr/bin/time -f '%e %M' -o "$run/$name.time" java -Djava.io.tmpdir="$run/tmp" -jar "$jar" "$@" \
      >"$run/$name.log" 2>&1) \
    || { echo "$name failed, see $run/$name.log" >&2; cat "$run/$name.log" >&2; exit 1; }
}

if [ -z "${CHAIN_ONLY:-}" ]; then
  for j in "${!jars[@]}"; do
    jar=$(readlink -f "${jars[$j]}")
    run=$work/saving-$j; mkdir -p "$run"
    timed_jar "$jar" "$run" on saving TopWords --input "$sample" --output "$run/top.txt" --top 5 --runner=FlinkRunner
    read -r wall rss < "$run/saving.time"
    printf 'saving  %-28s topwords wall_s %s rss_mb %s archive_mb %s\n' "$(basename "$jar")" "$wall" $((rss / 1024)) \
        "$(du -sm "$work/cache-$(basename "$jar")" 2>/dev/null | cut -f1)"
  done
fi

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
    for archive in off on; do
      arun=$run-archive-$archive; mkdir -p "$arun"
      timed_jar "$jar" "$arun" "$archive" top TopWords --input "$sample" --output "$arun/top.txt" --top 5 \
          --runner=FlinkRunner
      read -r wall rss < "$arun/top.time"
      printf 'round %d %-28s topwords archive=%-3s wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$archive" "$wall" \
          $((rss / 1024)) "$(left_kb "$arun/tmp")"
      timed_jar "$jar" "$arun" "$archive" score ScoreReport --workers 3
      read -r wall rss < "$arun/score.time"
      printf 'round %d %-28s score    archive=%-3s wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$archive" "$wall" \
          $((rss / 1024)) "$(left_kb "$arun/tmp")"
    done
  done
done
