#!/usr/bin/env bash
# Fixed cost of heavy stages on the embedded Flink: in one JVM, one trivial heavy stage, a chain of
# STAGES of them fused into one Flink job, and the same chain with a job per stage
# (bench/FlinkChain.java); then TopWords on the sample text with --runner=FlinkRunner and
# ScoreReport --workers 3 on 20,000 rows, each a fresh `java -jar`, for every jar given, side by
# side in one invocation. Also reports what each run left in its java.io.tmpdir, and the load
# average before each round (the figures are indicative on a shared machine).
# TopWords and ScoreReport run three times a round: with CASCATA_CLASS_ARCHIVE=off (one JVM), with
# the jar's class archive and CASCATA_RUN_SERVER=off (archive=on), then in the jar's run server
# (archive=server), as `java -jar` runs them by default. A first TopWords run of each jar saves the
# archive into a cache of the benchmark's own before the rounds (its wall time is printed as
# `saving`), and a second one starts the run server, which every round's server runs reach: they
# share a working directory and JVM options (`starting`). In the server, each round also runs the
# example chain `Increment --step STAGES --no-fuse` (a job per stage, as users' runs reach the
# server) and prints each stage's run time from its summary JSON (`chain-served`). The script
# stops the servers it started.
# Usage: JARS="old.jar new.jar" bench/flink-chain.sh [STAGES] [ROUNDS]  (defaults 5 and 3;
# JARS defaults to examples/target/pipeline.jar; CHAIN_ONLY=1 runs the chain programs only).
set -euo pipefail
cd "$(dirname "$0")/.."
jars=(${JARS:-examples/target/pipeline.jar})
stages=${1:-5}
rounds=${2:-3}
work=$(mktemp -d)
# Stops the run servers this script started (their command line names its directory), then removes it.
stop_servers() {
  local pid
  for pid in $(pgrep -f -- "-Dcascata.run-server=$work/" || true); do
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dcascata.run-server=$work/"; then
      kill -TERM "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
  done
}
trap 'stop_servers; rm -rf "$work"' EXIT
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
done
sample=$PWD/examples/data/sample.txt

# What a run leaves in its own java.io.tmpdir, in KB.
left_kb() { du -sk "$1" | cut -f1; }

# One `java -jar` of jar $1 in directory $2 with the class archive $3 (off, on, or server: on with
# the run server), timed into $2/$4.time. A server run keeps its directory's tmp, which the server shares.
timed_jar() {
  local jar=$1 run=$2 archive=$3 name=$4; shift 4
  local switch=off server=off
  [ "$archive" != off ] && switch=auto
  [ "$archive" = server ] && server=auto
  [ "$archive" = server ] || rm -rf "$run/tmp"
  mkdir -p "$run/tmp"
  (cd "$run" && CASCATA_CLASS_ARCHIVE=$switch CASCATA_RUN_SERVER=$server XDG_CACHE_HOME="$work/cache-$(basename "$jar")" \
      XDG_RUNTIME_DIR="$work/rt" /usr/bin/time -f '%e %M' -o "$run/$name.time" java -Djava.io.tmpdir="$run/tmp" \
      -jar "$jar" "$@" >"$run/$name.log" 2>&1) \
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
    served=$work/served-$j; mkdir -p "$served"
    timed_jar "$jar" "$served" server starting TopWords --input "$sample" --output "$served/top-0.txt" --top 5 \
        --runner=FlinkRunner --workspace "$served/ws-top-0"
    read -r wall rss < "$served/starting.time"
    printf 'starting %-27s topwords wall_s %s (client rss_mb %s)\n' "$(basename "$jar")" "$wall" $((rss / 1024))
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
    served=$work/served-$j
    timed_jar "$jar" "$served" server increment Increment --step "$stages" --no-fuse --runner=FlinkRunner \
        --workspace "$served/ws-increment-$round" --summary-json "$served/increment-$round.json"
    read -r wall rss < "$served/increment.time"
    printf 'round %d %-28s chain-served wall_s %s stages_s %s\n' "$round" "$name" "$wall" "$(python3 -c '
import json, sys
tasks = json.load(open(sys.argv[1]))["tasks"]
steps = sorted((int(t["params"]["step"]), t["runSeconds"]) for t in tasks)
print(" ".join("%5.2f" % s for _, s in steps))' "$served/increment-$round.json")"
    for archive in off on server; do
      arun=$run-archive-$archive
      [ "$archive" = server ] && arun=$work/served-$j
      mkdir -p "$arun"
      timed_jar "$jar" "$arun" "$archive" top TopWords --input "$sample" --output "$arun/top-$round.txt" --top 5 \
          --runner=FlinkRunner --workspace "$arun/ws-top-$round"
      read -r wall rss < "$arun/top.time"
      printf 'round %d %-28s topwords archive=%-6s wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$archive" "$wall" \
          $((rss / 1024)) "$(left_kb "$arun/tmp")"
      timed_jar "$jar" "$arun" "$archive" score ScoreReport --workers 3 --output "$arun/score-$round.txt" \
          --workspace "$arun/ws-score-$round"
      read -r wall rss < "$arun/score.time"
      printf 'round %d %-28s score    archive=%-6s wall_s %s rss_mb %s tmp_kb %s\n' "$round" "$name" "$archive" "$wall" \
          $((rss / 1024)) "$(left_kb "$arun/tmp")"
    done
  done
done
# What each run server held at most (the clients' own peaks are the rss_mb of the archive=server rows).
for pid in $(pgrep -f -- "-Dcascata.run-server=$work/" || true); do
  printf 'run server of %s: peak rss_mb %s, now %s\n' "$(tr '\0' '\n' < "/proc/$pid/cmdline" | awk 'jar { print; exit } $0 == "-jar" { jar = 1 }' | xargs basename)" \
      $(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
done
