#!/usr/bin/env bash
# End-to-end near-duplicate measurement: generate a seeded synthetic dataset with planted duplicates,
# run tunegate's near-duplicate detection alone on it, and score the reported pairs against exact
# 5-shingle Jaccard >= 0.8.
#
#   bench/run-neardup.sh ROWS OUT_DIR GEN_DIR [extra NearDupBench flags...]
#
# ROWS     rows to generate (e.g. 100000 or 1000000)
# OUT_DIR  where the dataset, pairs and results go (the dataset is reused if it exists)
# GEN_DIR  folder with gen_dataset.py / evaluate.py / common.py (the shared yardstick; needs
#          python3 and numpy)
# Needs the bench jar: mvn -B -Pbench -pl bench -am package -DskipTests
# JAVA (env) picks the java binary; JAVA_OPTS (env) adds JVM flags.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,16p' "$0" >&2
  exit 2
fi
rows=$1; out=$2; gen=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
java=${JAVA:-java}
[ -f "$jar" ] || { echo "missing $jar: build it with mvn -B -Pbench -pl bench -am package -DskipTests" >&2; exit 2; }
mkdir -p "$out"
data="$out/n$rows.jsonl"
if [ ! -s "$data" ]; then
  python3 "$gen/gen_dataset.py" --rows "$rows" --out "$data" --seed 42
fi
# shellcheck disable=SC2086
"$java" ${JAVA_OPTS:-} -cp "$jar" dev.tunegate.bench.NearDupBench --data "$data" \
  --pairs "$out/n$rows.pairs.tsv" --cluster-pairs "$out/n$rows.cluster-pairs.tsv" "$@" | tee "$out/n$rows.run.json"
python3 "$gen/evaluate.py" --data "$data" --truth "$out/n$rows.truth.tsv" --pairs "$out/n$rows.pairs.tsv" \
  --label "verified pairs" | tee "$out/n$rows.eval-pairs.json"
python3 "$gen/evaluate.py" --data "$data" --truth "$out/n$rows.truth.tsv" --pairs "$out/n$rows.cluster-pairs.tsv" \
  --label "pairs within clusters" | tee "$out/n$rows.eval-clusters.json"
