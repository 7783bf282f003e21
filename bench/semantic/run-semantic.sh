#!/usr/bin/env bash
# Semantic audit measurements (docs/PERFORMANCE.md, "Semantic audit"):
#   1. quality: precision/recall of cosine thresholds on a labelled paraphrase corpus (MRPC's TSV layout);
#   2. embedding throughput on the inputs of generated rows, one process per implementation, paired:
#      langchain4j's plain embedAll (float model) vs tunegate's length-bucketed batches (float and quantized);
#   3. HNSW (int8) recall@10 against exact search;
#   4. the whole `tunegate audit --semantic` (inputs and input + output embedded) on 10k rows cold, on 20k rows
#      with the 10k cache (a grown dataset) and on 20k rows warm: wall time and peak RSS.
#
#   bench/semantic/run-semantic.sh OUT_DIR GEN_DIR PARAPHRASE_TSV [REPS]
#
# OUT_DIR         where datasets and results go (datasets are reused if present)
# GEN_DIR         folder with gen_dataset.py (python3 + numpy)
# PARAPHRASE_TSV  e.g. msr_paraphrase_test.txt (Quality, #1 ID, #2 ID, #1 String, #2 String); not shipped
# REPS            paired repetitions of the throughput runs (default 2)
# Needs the bench jar (mvn -B -Pbench -pl bench -am package -DskipTests) and the CLI (./tunegate builds it).
# BENCH_JAR and TUNEGATE (env) override the jar and the CLI command (e.g. copies, while you rebuild).
set -euo pipefail
if [ $# -lt 3 ]; then sed -n '2,17p' "$0" >&2; exit 2; fi
out=$1; gen=$2; corpus=$3; reps=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${BENCH_JAR:-$root/bench/target/benchmarks.jar}
tunegate=${TUNEGATE:-$root/tunegate}
java=${JAVA:-java}
jopts="--enable-native-access=ALL-UNNAMED -Xmx3g"
[ -f "$jar" ] || { echo "missing $jar: mvn -B -Pbench -pl bench -am package -DskipTests" >&2; exit 2; }
mkdir -p "$out"
data="$out/n100000.jsonl"
[ -s "$data" ] || python3 "$gen/gen_dataset.py" --rows 100000 --out "$data" --seed 42 >/dev/null
[ -s "$out/n10000.jsonl" ] || head -n 10000 "$data" > "$out/n10000.jsonl"
# golden: 500 rows of another seed (unrelated rows) for the audit runs
[ -s "$out/golden.jsonl" ] || { python3 "$gen/gen_dataset.py" --rows 500 --out "$out/golden.jsonl" --seed 7 >/dev/null; }

echo "== quality on $(basename "$corpus")"
"$java" $jopts -cp "$jar" dev.tunegate.bench.SemanticBench pairs --corpus "$corpus" 2>/dev/null | tee "$out/pairs.jsonl"

echo "== embedding throughput, 10k inputs, $reps paired repetitions"
for r in $(seq 1 "$reps"); do
  for impl in "embedAll minilm" "bucketed minilm" "bucketed minilm-q" "embedAll minilm-q"; do
    set -- $impl
    "$java" $jopts -cp "$jar" dev.tunegate.bench.SemanticBench embed --data "$out/n10000.jsonl" --rows 10000 --impl "$1" --model "$2" 2>/dev/null
  done
done | tee "$out/throughput-10k.jsonl"

echo "== vector search: HNSW int8 recall@10 against exact, 10k inputs"
"$java" $jopts -cp "$jar" dev.tunegate.bench.SemanticBench recall --data "$out/n10000.jsonl" --rows 10000 2>/dev/null | tee "$out/recall.jsonl"

echo "== embedding throughput, 100k inputs (bucketed, quantized; plain embedAll would take ~10 min here: see the 10k ratio)"
"$java" $jopts -cp "$jar" dev.tunegate.bench.SemanticBench embed --data "$data" --rows 100000 --impl bucketed --model minilm-q 2>/dev/null \
  | tee "$out/throughput-100k.jsonl"

echo "== whole audits (wall seconds, peak RSS KB): 10k cold, 20k with the 10k cache (a grown dataset), 20k warm"
[ -s "$out/n20000.jsonl" ] || head -n 20000 "$data" > "$out/n20000.jsonl"
rm -rf "$out/cache"
run() { # label file
  /usr/bin/time -f "{\"run\": \"$1\", \"wallSeconds\": %e, \"maxRssKB\": %M}" \
    $tunegate audit "$2" --golden "$out/golden.jsonl" --semantic --only counts,leakage \
    --embedding-cache "$out/cache" --format json > "$out/audit-$1.json" 2>> "$out/audit-times.jsonl"
  tail -n 1 "$out/audit-times.jsonl"
}
run 10k-cold "$out/n10000.jsonl"
run 20k-grown "$out/n20000.jsonl"
run 20k-warm "$out/n20000.jsonl"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
for f in ("10k-cold", "20k-grown", "20k-warm"):
    s = json.load(open(f"{out}/audit-{f}.json"))["semantic"]
    print(json.dumps({"run": f, "search": s["run"]["search"], "texts": s["run"]["texts"], "embedded": s["run"]["embedded"],
                      "cached": s["run"]["cached"], "textsPerSecond": s["run"]["textsPerSecond"], "embedSeconds": s["run"]["embedSeconds"],
                      "leaked": s["leakedGoldenRows"], "clusters": s["nearDuplicateClusters"]}))
PY
