#!/usr/bin/env bash
# The weekly review on a million-call log: generates a seeded log (bench/ops/GenerateCallLog.java) once,
# then times `tunegate ops weekly --dry-run` on it (plain and zstd), whole processes, RUNS paired runs.
#
#   bench/ops/run-weekly.sh [CALLS=1000000] [OUT_DIR=/tmp/tunegate-ops-bench] [RUNS=3]
#
# Needs the CLI jar (./tunegate builds it) and, for the .zst run, the zstd command.
set -euo pipefail
calls=${1:-1000000}; out=${2:-/tmp/tunegate-ops-bench}; runs=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/scripts/find-java.sh"
java="$(find_jdk21)/bin/java"
mkdir -p "$out/ws"
log="$out/calls-$calls.jsonl"
[ -s "$log" ] || "$java" "$root/bench/ops/GenerateCallLog.java" "$calls" "$log" 42
[ -s "$log.zst" ] || ! command -v zstd >/dev/null || zstd -q -3 "$log" -o "$log.zst"
cat > "$out/ws/tunegate.yaml" <<YAML
useCase: {name: ops-bench, taskType: question-answering, businessOwner: Content, technicalOwner: Platform}
requirements: {factsChange: monthly}
pilot: {qualityTarget: 0.8, latencyP95MsMax: 3000, unitCostUsdMax: 0.01}
ops: {lowScoreThreshold: 0.45}
YAML
"$root/tunegate" --version >/dev/null
echo "calls=$calls file=$(du -h "$log" | cut -f1) cores=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  for f in "$log" "$log.zst"; do
    [ -s "$f" ] || continue
    s=$(date +%s.%N)
    TUNEGATE_JAVA_OPTS="-Xmx3g" "$root/tunegate" ops weekly "$out/ws" --log "$f" --dry-run --format json > "$out/review.json"
    e=$(date +%s.%N)
    printf 'run %d %-8s %6.1f s  calls=%s\n' "$i" "$(basename "$f" | sed 's/.*\.//')" "$(echo "$e - $s" | bc)" "$(grep -m1 '"calls"' "$out/review.json" | tr -dc 0-9)"
  done
done
