package dev.tunegate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;

import dev.tunegate.audit.FindingKind;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Golden-set leakage: golden rows whose normalised input equals a training input (a semi-join on the
 * fingerprints), else whose input signature matches one (band-key join, core's estimate), with the
 * local audit's findings.
 */
final class Leakage {
    private Leakage() {}

    static dev.tunegate.audit.AuditReport.Leakage of(
            SparkSession spark,
            AuditSpec spec,
            String golden,
            Dataset<Row> trainValid,
            int partitions,
            List<Dataset<Row>> findings,
            List<String> notes) {
        RowInput.Opened in = RowInput.open(spark, spec, golden, partitions);
        Dataset<Row> g =
                RowTable.build(spark, spec, golden, in, true, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long goldenRows = g.count();
        Dataset<Row> gv = g.filter(col("valid"));
        long validGolden = gv.count();
        findings.add(g.select(col("idx"), posexplode(col("findings")))
                .select(
                        lit(6).as("phase"),
                        col("idx").as("k1"),
                        col("pos").cast("long").as("k2"),
                        col("col").as("json")));

        Dataset<Row> exact = gv.join(trainValid.select("inHash").distinct(), "inHash", "left_semi")
                .select("idx", "line", "inHash")
                .persist(StorageLevel.MEMORY_AND_DISK());
        long exactLeaks = exact.count();
        var w = Window.partitionBy("inHash").orderBy("idx");
        Dataset<Row> trainRows = trainValid
                .join(exact.select("inHash").distinct(), "inHash", "left_semi")
                .withColumn("rn", row_number().over(w))
                .filter(col("rn").leq(5))
                .groupBy("inHash")
                .agg(sort_array(collect_list("idx")).as("t"));
        findings.add(spark.createDataFrame(
                exact.join(trainRows, "inHash", "left")
                        .select("idx", "line", "t")
                        .javaRDD()
                        .map(r -> {
                            List<Integer> t = r.isNullAt(2)
                                    ? List.of()
                                    : r.<Long>getList(2).stream()
                                            .map(Long::intValue)
                                            .toList();
                            Finding f = new Finding(
                                    FindingKind.GOLDEN_LEAK.key(),
                                    "warning",
                                    golden,
                                    r.getLong(1),
                                    List.of((int) r.getLong(0)),
                                    t,
                                    "the input is an exact (normalised) duplicate of training row"
                                            + (t.size() > 1 ? "s " : " ")
                                            + String.join(
                                                    ", ",
                                                    t.stream()
                                                            .map(String::valueOf)
                                                            .toList()));
                            return RowFactory.create(7, r.getLong(0), 0L, Json.line(f));
                        }),
                SparkAudit.FINDINGS));

        Dataset<Row> rest = gv.join(exact.select("idx"), "idx", "left_anti");
        JavaPairRDD<Long, long[]> querySigs = SparkAudit.signatures(rest, "isig");
        JavaPairRDD<Long, long[]> trainSigs = SparkAudit.signatures(trainValid, "isig");
        JavaPairRDD<Long, Long> lines =
                rest.select("idx", "line").javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)));
        var near = MinHashPairs.matches(querySigs, trainSigs, spec)
                .mapToPair(e -> new Tuple2<>(e.a(), new Tuple2<>(e.b(), e.estimate())))
                .groupByKey()
                .join(lines)
                .map(t -> {
                    List<Tuple2<Long, Double>> m = new ArrayList<>();
                    t._2()._1().forEach(m::add);
                    m.sort((x, y) ->
                            !x._2().equals(y._2()) ? Double.compare(y._2(), x._2()) : Long.compare(x._1(), y._1()));
                    Finding f = new Finding(
                            FindingKind.GOLDEN_LEAK.key(),
                            "warning",
                            golden,
                            t._2()._2(),
                            List.of(t._1().intValue()),
                            m.stream().limit(5).map(x -> x._1().intValue()).toList(),
                            String.format(
                                    Locale.ROOT,
                                    "the input is a near duplicate (estimated Jaccard %.2f) of training row %d",
                                    m.get(0)._2(),
                                    m.get(0)._1()));
                    return RowFactory.create(7, t._1(), 0L, Json.line(f));
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> nearFindings = spark.createDataFrame(near, SparkAudit.FINDINGS);
        findings.add(nearFindings);
        long nearLeaks = near.count();
        List<Integer> sample = exact
                .select("idx")
                .union(nearFindings.select(col("k1").as("idx")))
                .orderBy("idx")
                .limit(20)
                .collectAsList()
                .stream()
                .map(r -> (int) r.getLong(0))
                .toList();
        if (goldenRows == 0) notes.add("the golden file has no rows");
        return new dev.tunegate.audit.AuditReport.Leakage(
                golden,
                SparkAudit.sha256(spark, golden),
                goldenRows,
                validGolden,
                exactLeaks + nearLeaks,
                exactLeaks,
                nearLeaks,
                sample);
    }
}
