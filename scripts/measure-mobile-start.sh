#!/usr/bin/env bash
# Measures the mobile app's cold start on the desktop JVM: the time from the JVM starting to the
# technician's job list showing its jobs (the app logs "interactive N ms after the JVM started").
#
#   scripts/measure-mobile-start.sh [backend-url] [runs]
#
# Needs a running backend with the demo city (see the README) and a display: run it under
# `xvfb-run -a` on a machine without one. The app folder is prepared once by signing the demo
# technician in through the app; every measured start is a fresh JVM on that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND="${1:-http://localhost:8080}"
RUNS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mvn -q -B -DskipTests install >/dev/null
mvn -q -B -pl mobile dependency:build-classpath -Dmdep.outputFile="$WORK/runtime.cp" -DincludeScope=runtime >/dev/null
mvn -q -B -pl mobile dependency:build-classpath -Dmdep.outputFile="$WORK/test.cp" -DincludeScope=test >/dev/null
RUNTIME_CP="mobile/target/classes:$(cat "$WORK/runtime.cp")"
TEST_CP="mobile/target/classes:mobile/target/test-classes:$(cat "$WORK/test.cp")"

java -cp "$TEST_CP" org.opencity.mobile.ColdStartPrep "$BACKEND" "$WORK/app" >"$WORK/prep.log" 2>&1 \
  || { cat "$WORK/prep.log" >&2; exit 1; }

measure() {  # $1 = label, rest = extra JVM options
  local label="$1"; shift
  local figures=()
  for i in $(seq "$RUNS"); do
    java "$@" -cp "$RUNTIME_CP" org.opencity.mobile.Main --backend="$BACKEND" --data="$WORK/app" >"$WORK/run.log" 2>&1 &
    local pid=$!
    for _ in $(seq 60); do
      grep -q "interactive" "$WORK/run.log" && break
      sleep 0.5
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    figures+=("$(grep -o 'interactive [0-9]*' "$WORK/run.log" | grep -o '[0-9]*' || echo '?')")
  done
  printf '%-32s %s ms\n' "$label" "${figures[*]}"
}

echo "cold start to an interactive job list, $RUNS runs each ($(nproc) cores, $(java -version 2>&1 | head -n 1))"
measure "default JIT"
measure "-XX:TieredStopAtLevel=1" -XX:TieredStopAtLevel=1
