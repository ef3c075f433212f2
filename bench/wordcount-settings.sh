#!/usr/bin/env bash
# What each setting a stage can be given does to the word count in Beam's standard formulation
# (CountWordsStandard: a word per element, Count.perElement) on Flink [local]: every variant a
# fresh `java -jar pipeline.jar` on the same text, each checked against the plain count, ROUNDS
# rounds (default 2) one variant after the other, with the wall time and the CPU time (user +
# system) of the JVM, which moves less than the wall time when others share the machine.
# Settings are Beam's own options or Cascata's; the first row is the stage as it runs by default.
# Usage: bench/wordcount-settings.sh [BIG_MB]   (default 200); JAR (default the built
# pipeline.jar), WORK (default a new temporary directory) and PARALLELISM (default 2) from the
# environment.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
jar=${JAR:-$PWD/examples/target/pipeline.jar}
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
big_mb=${1:-200}
rounds=${ROUNDS:-2}
parallelism=${PARALLELISM:-2}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
big=$work/big-$big_mb.txt
[ -f "$big" ] || java bench/GenerateText.java "$big" "$big_mb"
[ -f "$work/plain-big.txt" ] || java bench/PlainWordCount.java "$big" "$work/plain-big.txt"
sort "$work/plain-big.txt" >"$work/expected.sorted"

variants=(
  "defaults|"
  "no-combiner-lifting|--no-combiner-lifting"
  "objectReuse=false|--objectReuse=false"
  "fasterCopy=false|--fasterCopy=false"
  "operatorChaining=false|--operatorChaining=false"
  "useDataStreamForBatch|--useDataStreamForBatch=true"
  "maxBundleSize=1000|--maxBundleSize=1000"
  "maxBundleSize=100000000|--maxBundleSize=100000000"
  "disableMetrics|--disableMetrics=true"
  "use_sdf_read|--experiments=use_sdf_read"
  "parallelism 1|--parallelism=1"
)

echo "input: $big ($(du -mL "$big" | cut -f1) MB); parallelism $parallelism unless the row says; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    label=${v%%|*}
    read -r -a extra <<<"${v#*|}"
    ws=$work/ws-$round-${label//[^a-zA-Z0-9]/_}
    rm -rf "$ws"
    sync
    width=(--parallelism "$parallelism")
    [[ "${extra[*]:-}" == *--parallelism=* ]] && width=()
    /usr/bin/time -f '%e %U %S' -o "$work/time" java -jar "$jar" CountWordsStandard --input "$big" --runner=FlinkRunner \
        "${width[@]}" --workspace "$ws" --no-lock "${extra[@]}" >"$work/last.log" 2>&1 \
      || { echo "$label failed, see $work/last.log" >&2; exit 1; }
    out=$(find "$ws" -path '*CountWordsStandard/counts_*' -type d -not -name '.*' | head -1)
    cat "$out"/part-* | sort | cmp -s - "$work/expected.sorted" || { echo "$label: output differs from the plain count" >&2; exit 1; }
    read -r wall user sys < <(tail -1 "$work/time")
    printf 'round %s  %-26s %8s s wall %8s s CPU\n' "$round" "$label" "$wall" "$(echo "$user + $sys" | bc)"
    rm -rf "$ws"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
