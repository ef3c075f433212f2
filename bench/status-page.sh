#!/usr/bin/env bash
# How fast the status page shows a big run: one FanIn run of N leaves (N + N/10 + 1 tasks)
# recorded in the history, then ROUNDS times a fresh `java -jar pipeline.jar ui` over that
# history, timed in headless Chromium by bench/StatusPageTiming.java (families shown, a family's
# first page of tasks, a task's page; each cold, on the server's first look, and warm).
# Usage: bench/status-page.sh [N] [ROUNDS]   (default: 100000 3); needs examples/target/pipeline.jar
# (or JAR=...), Debian's chromium and chromium-driver, and Maven's offline repository for Selenium.
set -euo pipefail
# One JVM per run, as the figures in docs/benchmarks.md were taken, and no class archive saved in
# ~/.cache; bench/flink-chain.sh measures the archive. CASCATA_CLASS_ARCHIVE=auto to run with it.
export CASCATA_CLASS_ARCHIVE=${CASCATA_CLASS_ARCHIVE:-off}
cd "$(dirname "$0")/.."
n=${1:-100000}
rounds=${2:-3}
jar=${JAR:-examples/target/pipeline.jar}
[ -f "$jar" ] || { echo "no $jar; build first: mvn -B -q -DskipTests package" >&2; exit 1; }
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
  || { echo "Chromium not installed: apt-get install chromium chromium-driver" >&2; exit 1; }
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Selenium's class path from the ui module's test dependencies (built with the modules it needs,
# so that nothing has to be installed in the local repository).
mvn -B -o -q -pl ui -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp" >/dev/null
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "FanIn $n: %e s" java -jar "$jar" FanIn --n "$n" --dir "$work/out" --workspace "$work/ws" \
    --workers 2 --no-lock --log-level=WARNING
echo "history: $(du -sh "$work/ws/_history" | cut -f1)"
for r in $(seq 1 "$rounds"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  java -jar "$jar" ui --port "$port" --workspace "$work/ws" >"$work/ui.out" 2>"$work/ui.err" &
  server=$!
  for _ in $(seq 1 300); do
    grep -q 'Serving' "$work/ui.out" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/ui.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "round $r"
  java -cp "$(cat "$work/cp")" bench/StatusPageTiming.java "http://127.0.0.1:$port/" Leaf "$n" "$n" 2>/dev/null
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
