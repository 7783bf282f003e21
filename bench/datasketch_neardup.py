#!/usr/bin/env python3
"""The near-duplicate reference: datasketch MinHash (128 permutations) + MinHashLSH (threshold 0.8),
one process, over the documents and shingles of shared/bench/common.py. Writes the candidate
pairs as TSV (0-based i<TAB>j) for evaluate.py. datasketch is not a dependency of this project:
put a checkout of it on PYTHONPATH.

    PYTHONPATH=DATASKETCH_CHECKOUT:GEN_DIR python3 bench/datasketch_neardup.py --data F.jsonl --pairs P.tsv
"""
import argparse
import json
import time

from common import doc_text, shingles  # shared/bench/common.py, on PYTHONPATH
from datasketch import MinHash, MinHashLSH


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--perms", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.8)
    a = ap.parse_args()
    t0 = time.time()
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.perms)
    pairs = []
    with open(a.data, encoding="utf-8") as f:
        for i, line in enumerate(f):
            m = MinHash(num_perm=a.perms, seed=1)
            for s in shingles(doc_text(json.loads(line))):
                m.update(s.encode("utf-8"))
            for j in lsh.query(m):
                pairs.append((j, i))
            lsh.insert(i, m)
    seconds = time.time() - t0
    with open(a.pairs, "w") as out:
        for j, i in pairs:
            out.write(f"{j}\t{i}\n")
    print(json.dumps({"rows": i + 1, "pairs": len(pairs), "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
