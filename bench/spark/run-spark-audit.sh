#!/usr/bin/env bash
# The audit on one machine vs the audit on Spark local[N] vs Spark MLlib MinHashLSH, wall time and peak RSS
# (/usr/bin/time -v), ROUNDS paired rounds (default 1), one TSV line per run:
#   local-full     java -jar cli/target/tunegate.jar audit DATA --format json            (all checks, all cores)
#   spark-full     ./tunegate audit DATA --engine spark --master local[N] --format json  (all checks)
#   local-near     … --only near-duplicates
#   spark-near     … --only near-duplicates --engine spark --master local[N]
#   mllib          bench/spark/run-spark-minhash.sh on the first MLLIB_ROWS rows (default 20000; JDK 17):
#                  its all-pairs join is superlinear, so it runs on a sample and its rate is reported
#
#   bench/spark/run-spark-audit.sh ROWS [THREADS=2]
#
# DATA = /tmp/tgbench/nROWS.jsonl, generated with GEN/gen_dataset.py (GEN, env: default ../shared/bench) when
# missing. Needs the CLI jar (mvn -B -pl cli -am package -DskipTests) and builds the spark module on first use.
# Results: /tmp/tgbench/nROWS.spark/times.tsv (name, round, rows, seconds, max RSS MB, load average).
set -euo pipefail
if [ $# -lt 1 ]; then sed -n '2,17p' "$0" >&2; exit 2; fi
rows=$1; threads=${2:-2}; rounds=${ROUNDS:-1}; mllib_rows=${MLLIB_ROWS:-20000}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
gen=${GEN:-$root/../shared/bench}
. "$root/scripts/find-java.sh"
export JAVA_HOME; JAVA_HOME=$(find_jdk21)
data=/tmp/tgbench/n$rows.jsonl
[ -s "$data" ] || { mkdir -p /tmp/tgbench; python3 "$gen/gen_dataset.py" --rows "$rows" --out "$data" --seed 42; }
out=/tmp/tgbench/n$rows.spark; mkdir -p "$out"; times="$out/times.tsv"
cli="$root/cli/target/tunegate.jar"
[ -f "$cli" ] || { echo "missing $cli: mvn -B -pl cli -am package -DskipTests" >&2; exit 2; }

run() { # name round rows command...
  local name=$1 round=$2 n=$3; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v -o "$out/$name.$round.time" "$@" > "$out/$name.$round.out" 2> "$out/$name.$round.err"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/$name.$round.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out/$name.$round.time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$n" "$wall" "$rss" "$load" | tee -a "$times"
}

"$root/tunegate" audit "$data" --engine spark --master "local[1]" --only counts --format json > /dev/null # builds it
for round in $(seq 1 "$rounds"); do
  run local-full "$round" "$rows" "$JAVA_HOME/bin/java" -jar "$cli" audit "$data" --threads "$threads" --format json
  run spark-full "$round" "$rows" "$root/tunegate" audit "$data" --engine spark --master "local[$threads]" --format json
  run local-near "$round" "$rows" "$JAVA_HOME/bin/java" -jar "$cli" audit "$data" --threads "$threads" --only near-duplicates --format json
  run spark-near "$round" "$rows" "$root/tunegate" audit "$data" --engine spark --master "local[$threads]" --only near-duplicates --format json
done
if [ "${MLLIB:-1}" = 1 ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  sample="$out/sample$mllib_rows.jsonl"; head -n "$mllib_rows" "$data" > "$sample"
  JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 run mllib 1 "$mllib_rows" "$here/run-spark-minhash.sh" "$sample" "$out/mllib-pairs.tsv" "$threads" 5
fi
# the engines agree: the same rows, exact groups and near-duplicate clusters
for f in rows exactDuplicateGroups nearDuplicateClusters rowsInNearDuplicateClusters; do
  l=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))" "$out/local-full.1.out" "$f")
  s=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))" "$out/spark-full.1.out" "$f")
  echo "$f: local $l, spark $s"
done
