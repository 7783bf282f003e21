#!/usr/bin/env bash
# Whole-process comparison of the audit with its references, side by side in one run (JVM start
# included), ROUNDS paired rounds (default 3), medians and ratios:
#   floor        a 1-thread Jackson streaming parse of every row (JacksonFloor)
#   floor-sha    the same, hashing the file's bytes with SHA-256 on the same thread (the digest every report carries)
#   floor-start  the floor on the file's first 10 rows (its fixed cost: the JVM, Jackson's set-up)
#   jtokkit      a bare jtokkit o200k count of every string on all cores (BareTokenCount)
#   ours-bare    the same count with our counter
#   version      tunegate --version (the CLI's start-up alone)
#   counts       tunegate audit F --only counts --format json
#   counts-start the same on the file's first 10 rows (its fixed cost: start-up, the report)
#   counts-text  tunegate audit F --only counts, the issue's own command (the text summary)
#   counts-text-start  the same on the file's first 10 rows
#   near-dup     tunegate audit F --only near-duplicates --findings …
#   tokens       tunegate audit F --only tokens
#   full         tunegate audit F
#   datasketch   MinHash(128) + MinHashLSH(0.8), 1 process (first round only; when a checkout is given)
# Then near-duplicate pair F1 (pairs within the reported clusters) with evaluate.py.
#
#   bench/run-e2e.sh DATA.jsonl [DATASKETCH_CHECKOUT]
#
# DATA is generated with GEN/gen_dataset.py --rows ${ROWS:-100000} when missing (GEN, env: folder of
# gen_dataset.py / evaluate.py / common.py, default ../shared/bench). Needs the CLI and bench jars:
#   mvn -B -Pbench -pl core,cli,bench -am package -DskipTests
# Results go beside DATA (DATA.e2e/). JAVA (env) picks the java binary (its JDK also runs ./tunegate).
# COMMANDS (env) runs only the named commands, e.g. COMMANDS="floor counts" for the counts ratio alone
# (default: all). The tunegate commands run through the ./tunegate launcher, as a user runs them (with
# its start-up cache, prepared before the first round); CLI (env) runs another tunegate.jar with plain
# `java -jar` instead (e.g. a build of an earlier commit, to compare).
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,26p' "$0" >&2; exit 2; fi
data=$1; ds=${2:-}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
gen=${GEN:-$root/../shared/bench}
rounds=${ROUNDS:-3}
java=${JAVA:-java}
bench="$here/target/benchmarks.jar"; cli="${CLI:-$root/cli/target/tunegate.jar}"
for j in "$bench" "$cli"; do
  [ -f "$j" ] || { echo "missing $j: mvn -B -Pbench -pl core,cli,bench -am package -DskipTests" >&2; exit 2; }
done
if [ ! -s "$data" ]; then
  mkdir -p "$(dirname "$data")"
  python3 "$gen/gen_dataset.py" --rows "${ROWS:-100000}" --out "$data" --seed 42
fi
out="$data.e2e"; mkdir -p "$out"
head -n 10 "$data" > "$out/head10.jsonl" # the fixed costs: the same commands on 10 rows
times="$out/times.tsv"; : > "$times"; : > "$out/cpu.tsv"

if [ -n "${CLI:-}" ]; then
  tg=("$java" -jar "$cli")
else
  [ -n "${JAVA:-}" ] && export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"
  tg=("$root/tunegate")
  "$root/tunegate" --version > /dev/null # builds the start-up cache outside the timed rounds
fi
commands=" ${COMMANDS:-floor floor-sha floor-start version jtokkit ours-bare counts counts-start counts-text counts-text-start near-dup tokens full datasketch} "
run() { # name round command...
  local name=$1 round=$2; shift 2
  case "$commands" in *" $name "*) ;; *) return 0 ;; esac
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$out/time.tmp" "$@" > "$out/$name.$round.out" 2> "$out/$name.$round.err"
  read -r secs kb user sys < "$out/time.tmp"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$secs" "$kb" "$load" >> "$times"
  printf '%s\t%s\t%s\n' "$name" "$round" "$(echo "$user + $sys" | bc)" >> "$out/cpu.tsv"
  printf '%-11s round %s: %6.1f s  %7d KB  (load %s)\n' "$name" "$round" "$secs" "$kb" "$load" >&2
}

for r in $(seq 1 "$rounds"); do
  run floor "$r" "$java" -cp "$bench" dev.tunegate.bench.JacksonFloor "$data"
  run floor-sha "$r" "$java" -cp "$bench" dev.tunegate.bench.JacksonFloor "$data" --sha256
  run floor-start "$r" "$java" -cp "$bench" dev.tunegate.bench.JacksonFloor "$out/head10.jsonl"
  run jtokkit "$r" "$java" -cp "$bench" dev.tunegate.bench.BareTokenCount "$data" jtokkit o200k_base
  run ours-bare "$r" "$java" -cp "$bench" dev.tunegate.bench.BareTokenCount "$data" tunegate o200k_base
  run version "$r" "${tg[@]}" --version
  run counts "$r" "${tg[@]}" audit "$data" --only counts --format json
  run counts-start "$r" "${tg[@]}" audit "$out/head10.jsonl" --only counts --format json
  run counts-text "$r" "${tg[@]}" audit "$data" --only counts
  run counts-text-start "$r" "${tg[@]}" audit "$out/head10.jsonl" --only counts
  run near-dup "$r" "${tg[@]}" audit "$data" --only near-duplicates --format json --findings "$out/findings.$r.jsonl"
  run tokens "$r" "${tg[@]}" audit "$data" --only tokens --format json
  run full "$r" "${tg[@]}" audit "$data" --format json
  if [ "$r" = 1 ] && [ -n "$ds" ]; then
    run datasketch "$r" env PYTHONPATH="$ds:$gen" python3 "$here/datasketch_neardup.py" --data "$data" --pairs "$out/datasketch.pairs.tsv"
  fi
done

# pairs within the reported clusters, for evaluate.py
[ -s "$out/findings.1.jsonl" ] && python3 - "$out/findings.1.jsonl" "$out/tunegate.pairs.tsv" <<'PY'
import itertools, json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        x = json.loads(line)
        if x["kind"] == "near_duplicate_cluster":
            for i, j in itertools.combinations(sorted(x["rows"]), 2):
                out.write(f"{i}\t{j}\n")
PY
truth="${data%.jsonl}.truth.tsv"
[ -s "$out/tunegate.pairs.tsv" ] && python3 "$gen/evaluate.py" --data "$data" --truth "$truth" --pairs "$out/tunegate.pairs.tsv" --label "tunegate clusters" > "$out/eval.tunegate.json"
[ -s "$out/datasketch.pairs.tsv" ] && python3 "$gen/evaluate.py" --data "$data" --truth "$truth" --pairs "$out/datasketch.pairs.tsv" --label "datasketch" > "$out/eval.datasketch.json"

python3 - "$out" "$data" <<'PY'
import json, os, statistics, sys
out, data = sys.argv[1], sys.argv[2]
rows = {}
for line in open(os.path.join(out, "times.tsv")):
    name, r, secs, kb, load = line.split("\t")
    rows.setdefault(name, []).append((int(r), float(secs), int(kb), float(load)))
med = {k: statistics.median(s for _, s, _, _ in v) for k, v in rows.items()}
cpus = {}
for line in open(os.path.join(out, "cpu.tsv")):
    name, r, c = line.split("\t")
    cpus.setdefault(name, []).append(float(c))
def ratio_med(a, b):  # median over rounds of the paired ratio a/b
    pa = {r: s for r, s, _, _ in rows.get(a, [])}; pb = {r: s for r, s, _, _ in rows.get(b, [])}
    common = sorted(set(pa) & set(pb))
    return statistics.median(pa[r] / pb[r] for r in common) if common else float("nan")
n = sum(1 for _ in open(data, "rb"))
loads = [l for v in rows.values() for _, _, _, l in v]
rounds = max(len(v) for v in rows.values())
print(f"rows {n}, {rounds} paired rounds, load average during the runs {min(loads):.1f}–{max(loads):.1f} (median {statistics.median(loads):.1f})")
print(f"{'command':<12} {'median s':>9} {'peak RSS MB':>12} {'RSS B/row':>10}")
for k, v in rows.items():
    rss = statistics.median(kb for _, _, kb, _ in v) * 1024
    print(f"{k:<12} {med[k]:9.2f} {rss / 1e6:12.0f} {rss / n:10.0f}")
def show(label, x, goal, kind="contract"):
    if x == x:  # skipped commands give NaN
        print(f"{label:<58} {x:6.2f}   ({kind}: {goal})")
print()
show("counts speed / Jackson floor speed (floor s / counts s)", 1 / ratio_med("counts", "floor"), ">= 0.80")
show("the same, text summary (floor s / counts-text s)", 1 / ratio_med("counts-text", "floor"), ">= 0.80")
show("counts speed / floor-with-SHA-256 speed (floor-sha s / counts s)", 1 / ratio_med("counts", "floor-sha"), "the digest's fair floor")
def rows_only(a, a0, b, b0):  # median over rounds of (b - b0) / (a - a0): each command less its fixed cost
    got = [{r: s for r, s, _, _ in rows.get(k, [])} for k in (a, a0, b, b0)]
    common = sorted(set.intersection(*(set(g) for g in got)))
    return statistics.median((got[2][r] - got[3][r]) / (got[0][r] - got[1][r]) for r in common) if common else float("nan")
show("the rows alone: (floor - floor-start) / (counts - counts-start)", rows_only("counts", "counts-start", "floor", "floor-start"), "the pass against the parse", "no contract")
if "counts-start" in med and "floor-start" in med:
    print(f"{'fixed costs, medians: floor-start s':<58} {med['floor-start']:6.2f}   counts-start {med['counts-start']:.2f}"
          + (f"   counts-text-start {med['counts-text-start']:.2f}" if "counts-text-start" in med else ""))
cpu = {k: statistics.median(c for c in v) for k, v in cpus.items()}
if "counts" in cpu and "floor" in cpu:
    print(f"{'CPU s (user+sys), medians: floor':<58} {cpu['floor']:6.2f}   counts {cpu['counts']:.2f}")
show("--only tokens s / bare jtokkit s", ratio_med("tokens", "jtokkit"), "<= 0.5")
show("full audit s / bare jtokkit s", ratio_med("full", "jtokkit"), "<= 1.25")
show("bare jtokkit s / our bare count s", ratio_med("jtokkit", "ours-bare"), "our counter's speed-up, whole process")
if "datasketch" in rows and "near-dup" in rows:
    show("datasketch s / --only near-duplicates s (round 1)", rows["datasketch"][0][1] / rows["near-dup"][0][1], ">= 25")
if os.path.exists(os.path.join(out, "near-dup.1.out")):
    nd = json.load(open(os.path.join(out, "near-dup.1.out")))
    p = nd.get("nearDuplicateParams", {})
    print(f"near-duplicate index bytes per row (report): {p.get('indexBytesPerRow', p)}")
for f in ("eval.tunegate.json", "eval.datasketch.json"):
    path = os.path.join(out, f)
    if os.path.exists(path):
        print(f, open(path).read().strip()[:600])
PY
