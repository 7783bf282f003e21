#!/usr/bin/env python3
"""Converts the SciFact zip (AllenAI SciFact as exported by sumithra-p-v/claimverifier) into the
inputs of `tunegate retrieval`: a documents JSONL, golden questions JSONL and TREC qrels.

    python3 bench/retrieval/scifact_to_tunegate.py /path/to/scifact.zip OUT_DIR

corpus_train.csv holds 5,183 abstracts; the abstract column is a numpy-printed list of sentences
("['First.' 'Second.']"), joined here with spaces. The validation claims with their cited documents
are the BEIR SciFact test judgments (300 claims). Every document and question gets the group
"researchers" so the run exercises the group filter and the leak check at full size.
"""
import ast
import csv
import io
import json
import re
import sys
import zipfile

QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)


def sentences(abstract):
    return [ast.literal_eval(m.group(0)) for m in QUOTED.finditer(abstract)]


def main(zip_path, out_dir):
    import os
    os.makedirs(out_dir, exist_ok=True)
    csv.field_size_limit(10_000_000)
    with zipfile.ZipFile(zip_path) as z:
        corpus = list(csv.DictReader(io.TextIOWrapper(z.open("corpus_train.csv"), encoding="utf-8")))
        claims = list(csv.DictReader(io.TextIOWrapper(z.open("claims_validation.csv"), encoding="utf-8")))
    with open(os.path.join(out_dir, "documents.jsonl"), "w", encoding="utf-8") as f:
        for row in corpus:
            f.write(json.dumps({"id": row["doc_id"], "title": row["title"], "text": " ".join(sentences(row["abstract"])),
                                "groups": ["researchers"], "updated": []}) + "\n")
    questions = {}
    for row in claims:
        q = questions.setdefault(row["id"], {"id": row["id"], "question": row["claim"], "relevant": [], "groups": ["researchers"]})
        for d in re.findall(r"\d+", row["cited_doc_ids"] or ""):  # numpy-printed: "[ 5152028 11705328]"
            if str(d) not in q["relevant"]:
                q["relevant"].append(str(d))
    with open(os.path.join(out_dir, "questions.jsonl"), "w", encoding="utf-8") as f, \
            open(os.path.join(out_dir, "test.qrels"), "w", encoding="utf-8") as qrels:
        for q in questions.values():
            f.write(json.dumps(q) + "\n")
            for d in q["relevant"]:
                qrels.write(f"{q['id']} 0 {d} 1\n")
    print(f"{len(corpus)} documents, {len(questions)} questions -> {out_dir}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scifact_to_tunegate.py SCIFACT_ZIP OUT_DIR")
    main(sys.argv[1], sys.argv[2])
