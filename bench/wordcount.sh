#!/usr/bin/env bash
# Word count benchmark, every variant a fresh JVM on the same input in one run:
#   plain         bench/PlainWordCount.java, a single-threaded Java loop (the yardstick)
#   raw-standard  Beam's standard formulation (a word per element, Count.perElement), no Cascata
#   stage-standard  the same formulation as the CountWordsStandard stage (its combine lifted by
#                 the stage executor), run by `java -jar pipeline.jar`
#   raw           CountWords's pipeline (counts per bundle, then a sum per word), no Cascata
#   stage         the same pipeline as the CountWords stage, run by `java -jar pipeline.jar`
# on Flink [local] for a big text with many distinct words, then on both runners for a smaller
# text with few distinct words (the DirectRunner pays per distinct key; see docs/benchmarks.md),
# then the warm overhead of a light stage. Every result is checked against the plain count.
# Usage: bench/wordcount.sh [BIG_MB] [SMALL_MB]   (defaults 200 and 20); needs pipeline.jar.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
jar=$PWD/examples/target/pipeline.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
big_mb=${1:-200}
small_mb=${2:-20}
parallelism=${PARALLELISM:-2}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
big=$work/big-$big_mb.txt
small=$work/small-$small_mb.txt
[ -f "$big" ] || java bench/GenerateText.java "$big" "$big_mb"
[ -f "$small" ] || java bench/GenerateText.java "$small" "$small_mb" 200

timed() { # label, then the command; prints "label seconds"
  local label=$1; shift
  sync
  /usr/bin/time -f '%e' -o "$work/$label.time" "$@" >"$work/$label.log" 2>&1 \
    || { echo "$label failed, see $work/$label.log" >&2; exit 1; }
  printf '%-28s %8s s\n' "$label" "$(tail -1 "$work/$label.time")"
}
same() { # label, directory of part files, expected plain output
  sort "$3" >"$work/expected.sorted"
  cat "$2"/part-* | sort >"$work/got.sorted"
  cmp -s "$work/expected.sorted" "$work/got.sorted" || { echo "$1: output differs from the plain count" >&2; exit 1; }
}
stage_dir() { find "$1" -path "*${2:-CountWords}/counts_*" -type d -not -name '.*' | head -1; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $big ($(du -mL "$big" | cut -f1) MB), $small ($(du -m "$small" | cut -f1) MB, 200 distinct words); parallelism $parallelism"
timed plain-big java bench/PlainWordCount.java "$big" "$work/plain-big.txt"
timed flink-raw-standard-big java -cp "$jar" io.cascata.examples.topwords.RawWordCount flink "$big" "$work/rs-big/part" "$parallelism" standard
same flink-raw-standard-big "$work/rs-big" "$work/plain-big.txt"
timed flink-stage-standard-big java -jar "$jar" CountWordsStandard --input "$big" --runner=FlinkRunner --parallelism "$parallelism" --workspace "$work/ws-std-big" --no-lock
same flink-stage-standard-big "$(stage_dir "$work/ws-std-big" CountWordsStandard)" "$work/plain-big.txt"
timed flink-raw-big java -cp "$jar" io.cascata.examples.topwords.RawWordCount flink "$big" "$work/r-big/part" "$parallelism"
same flink-raw-big "$work/r-big" "$work/plain-big.txt"
timed flink-stage-big java -jar "$jar" CountWords --input "$big" --runner=FlinkRunner --parallelism "$parallelism" --workspace "$work/ws-big" --no-lock
same flink-stage-big "$(stage_dir "$work/ws-big")" "$work/plain-big.txt"

timed plain-small java bench/PlainWordCount.java "$small" "$work/plain-small.txt"
for runner in flink direct; do
  name=$([ $runner = flink ] && echo FlinkRunner || echo DirectRunner)
  timed $runner-raw-small java -cp "$jar" io.cascata.examples.topwords.RawWordCount $runner "$small" "$work/r-small-$runner/part" "$parallelism"
  same $runner-raw-small "$work/r-small-$runner" "$work/plain-small.txt"
  timed $runner-stage-small java -jar "$jar" CountWords --input "$small" --runner=$name --parallelism "$parallelism" --workspace "$work/ws-small-$runner" --no-lock
  same $runner-stage-small "$(stage_dir "$work/ws-small-$runner")" "$work/plain-small.txt"
done
java -cp "$jar" bench/LightStageOverhead.java "$work/light" 10 2>/dev/null | tail -1
