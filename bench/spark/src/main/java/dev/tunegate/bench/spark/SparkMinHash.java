package dev.tunegate.bench.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib MinHashLSH on the same JSONL and the same shingles as tunegate (lower-cased Unicode
 * \w+ tokens, 5-word windows, fewer than 5 words: one shingle), for a side-by-side reference:
 * {@code SparkMinHash DATA PAIRS_OUT THREADS TABLES}. Pairs at Jaccard distance ≤ 0.2 (similarity
 * ≥ 0.8) of the hashed shingle vectors (2^22 features) are written as 0-based {@code i<TAB>j}.
 */
public final class SparkMinHash {
    private SparkMinHash() {}

    public static void main(String[] args) throws Exception {
        String data = args[0];
        Path pairsOut = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int tables = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("minhash-reference")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", String.valueOf(threads * 4))
                .config("spark.driver.memory", "4g").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        long tStart = System.nanoTime();
        StructType rowSchema = new StructType().add("input", DataTypes.StringType).add("output", DataTypes.StringType);
        Dataset<Row> lines = spark.read().text(data);
        // 0-based row numbers in file order
        Dataset<Row> numbered = spark.createDataFrame(
                lines.javaRDD().zipWithIndex().map(t -> RowFactory.create(t._2(), t._1().getString(0))),
                new StructType().add("id", DataTypes.LongType).add("line", DataTypes.StringType));
        Dataset<Row> docs = numbered.withColumn("j", from_json(col("line"), rowSchema))
                .withColumn("doc", concat_ws("\n", functionsCoalesce(col("j.input")), functionsCoalesce(col("j.output"))))
                .select("id", "doc");
        Dataset<Row> tokens = new RegexTokenizer().setInputCol("doc").setOutputCol("tokens").setPattern("(?U)\\w+")
                .setGaps(false).setToLowercase(true).transform(docs);
        Dataset<Row> grams = new NGram().setN(5).setInputCol("tokens").setOutputCol("grams").transform(tokens)
                .withColumn("shingles", when(size(col("tokens")).lt(5), array(concat_ws(" ", col("tokens")))).otherwise(col("grams")))
                .filter(size(col("tokens")).gt(0));
        Dataset<Row> features = new HashingTF().setInputCol("shingles").setOutputCol("features").setNumFeatures(1 << 22)
                .setBinary(true).transform(grams).select("id", "features").cache();
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(tables).setSeed(42).setInputCol("features")
                .setOutputCol("hashes").fit(features);
        Dataset<Row> joined = model.approxSimilarityJoin(features, features, 0.2, "distance")
                .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"))
                .filter(col("a").lt(col("b")));
        List<Row> pairs = joined.collectAsList();
        long rows = features.count();
        long t1 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(pairsOut, StandardCharsets.UTF_8)) {
            for (Row r : pairs) w.write(r.getLong(0) + "\t" + r.getLong(1) + "\n");
        }
        double seconds = (t1 - tStart) / 1e9;
        System.out.printf("{\"tool\":\"spark-mllib MinHashLSH %s\",\"tables\":%d,\"threads\":%d,\"rows\":%d,\"pairs\":%d,"
                        + "\"secondsExcludingSessionStart\":%.1f,\"secondsSessionStart\":%.1f,\"rowsPerSecond\":%.0f}%n",
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), tables, threads, rows, pairs.size(), seconds,
                (tStart - t0) / 1e9, rows / seconds);
        spark.stop();
    }

    private static org.apache.spark.sql.Column functionsCoalesce(org.apache.spark.sql.Column c) {
        return org.apache.spark.sql.functions.coalesce(c, lit(""));
    }
}
