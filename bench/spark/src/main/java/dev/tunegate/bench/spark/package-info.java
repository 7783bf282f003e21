/**
 * A side-by-side reference: Spark MLlib's MinHashLSH on the same file and shingles as tunegate's
 * near-duplicate engine. A standalone project (bench/spark/pom.xml), run by bench/spark/run-spark-minhash.sh.
 */
package dev.tunegate.bench.spark;
