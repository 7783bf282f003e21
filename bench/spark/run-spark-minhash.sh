#!/usr/bin/env bash
# Spark MLlib MinHashLSH on a JSONL file, for a side-by-side reference with tunegate's engine.
#
#   bench/spark/run-spark-minhash.sh DATA.jsonl PAIRS_OUT.tsv [THREADS=2] [TABLES=5]
#
# Needs a JDK 17 or 21 (JAVA_HOME); builds this standalone project on first use (downloads Spark
# from Maven Central). Prints one JSON line; score PAIRS_OUT.tsv with shared/bench/evaluate.py.
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,8p' "$0" >&2; exit 2; fi
data=$1; pairs=$2; threads=${3:-2}; tables=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ ! -f "$here/target/classpath.txt" ] || [ ! -f "$here/target/tunegate-bench-spark-0.1.0-SNAPSHOT.jar" ]; then
  mvn -B -q -f "$here/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# shellcheck disable=SC2086
exec "$java" -Xmx4g $opens -cp "$here/target/tunegate-bench-spark-0.1.0-SNAPSHOT.jar:$(cat "$here/target/classpath.txt")" \
  dev.tunegate.bench.spark.SparkMinHash "$data" "$pairs" "$threads" "$tables"
