#!/usr/bin/env bash
# The weekly review on a million-call log: generates a seeded log (bench/ops/GenerateCallLog.java) once,
# then times `tunegate ops weekly --dry-run` on it (plain and zstd) and, paired with each, a reference that
# parses every line too (`jq -c 'select(.refused)'`), whole processes, RUNS paired runs; prints wall and CPU.
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
tm() { /usr/bin/time -f '%e %U %S' -o "$out/time.txt" "$@" > "$out/stdout.txt"; read -r wall user sys < "$out/time.txt"; echo "$wall $(echo "$user + $sys" | bc)"; }
for i in $(seq 1 "$runs"); do
  for f in "$log" "$log.zst"; do
    [ -s "$f" ] || continue
    read -r w c <<< "$(TUNEGATE_JAVA_OPTS="-Xmx3g" tm "$root/tunegate" ops weekly "$out/ws" --log "$f" --dry-run --format json)"
    calls_read=$(grep -m1 '"calls"' "$out/stdout.txt" | tr -dc 0-9)
    if [ "$f" = "$log" ] && command -v jq >/dev/null; then
      read -r rw rc <<< "$(tm jq -c 'select(.refused)' "$log")"
      printf 'run %d jsonl  tunegate %6.1f s wall %6.1f s cpu | jq %6.1f s wall %6.1f s cpu | ratio %.2f  calls=%s load=%s\n' \
        "$i" "$w" "$c" "$rw" "$rc" "$(echo "$w / $rw" | bc -l)" "$calls_read" "$(cut -d' ' -f1 /proc/loadavg)"
    else
      printf 'run %d %-5s  tunegate %6.1f s wall %6.1f s cpu  calls=%s load=%s\n' "$i" "${f##*.}" "$w" "$c" "$calls_read" "$(cut -d' ' -f1 /proc/loadavg)"
    fi
  done
done
