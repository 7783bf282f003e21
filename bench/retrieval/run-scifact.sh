#!/usr/bin/env bash
# Retrieval benchmark: SciFact (5,183 abstracts, 300 test claims with the BEIR test judgments).
#   bench/retrieval/run-scifact.sh /path/to/scifact.zip
# Converts the zip (scifact_to_tunegate.py), then runs `tunegate retrieval` twice at k=100:
# a cold run (index built) and a warm run (index reused), printing wall time, stage timings and recall.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ZIP="${1:?usage: run-scifact.sh SCIFACT_ZIP}"
OUT="$ROOT/bench/data/scifact"
python3 "$ROOT/bench/retrieval/scifact_to_tunegate.py" "$ZIP" "$OUT"
"$ROOT/tunegate" --version >/dev/null   # builds the CLI once, outside the timings
rm -rf "${TMPDIR:-/tmp}/tunegate-index"
for run in cold warm; do
  start=$(date +%s.%N)
  "$ROOT/tunegate" retrieval --corpus "$OUT/documents.jsonl" --golden "$OUT/questions.jsonl" --k 100 --format json > "$OUT/report-$run.json"
  end=$(date +%s.%N)
  python3 - "$OUT/report-$run.json" "$run" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]}: wall {float(sys.argv[4]) - float(sys.argv[3]):.1f} s; stages (ms) {r['timings']}; rebuilt {r['index']['rebuilt']}")
print(f"  {r['documents']} documents, {r['chunks']} chunks, {r['judgedQuestions']} questions; "
      + " ".join(f"recall@{k} {v:.3f}" for k, v in r['recallAtK'].items())
      + f"; MRR {r['mrr']:.3f}; nDCG@10 {r['ndcgAt10']:.3f}; context p50 {r['contextTokensP50']} tokens")
PY
done
