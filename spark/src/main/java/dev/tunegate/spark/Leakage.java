package dev.tunegate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;

import dev.tunegate.audit.AuditFindings;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
 * fingerprints), and those whose input signature matches another training input's (band-key join, core's
 * estimate) — both for one golden row when it has exact and near copies — with the local audit's findings.
 */
final class Leakage {
    private Leakage() {}

    /**
     * A training row a golden input is near: the pair's Jaccard figure and whether it is exact (both texts short), as
     * the local audit's {@code Match} carries them.
     */
    record Near(long row, double jaccard, boolean exact) implements Serializable {}

    static dev.tunegate.audit.AuditReport.Leakage of(
            SparkSession spark,
            AuditSpec spec,
            String golden,
            Dataset<Row> trainValid,
            int partitions,
            List<Dataset<Row>> findings,
            List<String> notes) {
        // the golden file in its own format, as the local audit reads it: --data-format names the training file's
        AuditSpec goldenSpec = spec.withFormat(DatasetFormat.AUTO.id());
        RowInput.Opened in;
        try {
            in = RowInput.open(spark, goldenSpec, golden, partitions);
        } catch (InvalidInputException undetected) {
            if (spec.format().equals(DatasetFormat.AUTO.id())) throw undetected;
            goldenSpec = spec;
            try {
                in = RowInput.open(spark, spec, golden, partitions);
            } catch (InvalidInputException e) {
                throw undetected;
            }
        }
        Dataset<Row> g =
                RowTable.build(spark, goldenSpec, golden, in, true, partitions).persist(StorageLevel.MEMORY_AND_DISK());
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
        // near duplicates of every valid golden row, as the local audit looks for them: also of a row with an exact
        // copy, whose near copies (other training inputs) leak too; a training row with the golden input itself is
        // its exact copy, not a near one
        JavaPairRDD<Long, long[]> querySigs = SparkAudit.signatures(gv, "isig");
        JavaPairRDD<Long, long[]> trainSigs = SparkAudit.signatures(trainValid, "isig");
        JavaPairRDD<Long, Long> goldenHash =
                gv.select("idx", "inHash").javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)));
        JavaPairRDD<Long, Long> trainHash =
                trainValid.select("idx", "inHash").javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)));
        JavaPairRDD<Long, List<Near>> nearOf = MinHashPairs.matches(querySigs, trainSigs, spec)
                .mapToPair(e -> new Tuple2<>(e.b(), new Tuple2<>(e.a(), new Near(e.b(), e.estimate(), e.exact()))))
                .join(trainHash) // train idx → ((golden idx, near), train hash)
                .mapToPair(t ->
                        new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._1()._2(), t._2()._2())))
                .join(goldenHash) // golden idx → ((near, train hash), golden hash)
                .filter(t -> !t._2()._1()._2().equals(t._2()._2()))
                .mapToPair(t -> new Tuple2<>(t._1(), t._2()._1()._1()))
                .groupByKey()
                .mapValues(it -> {
                    List<Near> m = new ArrayList<>();
                    it.forEach(m::add);
                    m.sort((x, y) -> x.jaccard() != y.jaccard()
                            ? Double.compare(y.jaccard(), x.jaccard())
                            : Long.compare(x.row(), y.row()));
                    return m;
                })
                .persist(StorageLevel.MEMORY_AND_DISK());

        findings.add(spark.createDataFrame(
                exact.join(trainRows, "inHash", "left")
                        .select("idx", "line", "t")
                        .javaRDD()
                        .mapToPair(r -> new Tuple2<>(r.getLong(0), r))
                        .leftOuterJoin(nearOf)
                        .map(x -> {
                            Row r = x._2()._1();
                            List<Near> near = x._2()._2().orElse(List.of());
                            List<Integer> t = r.isNullAt(2)
                                    ? List.of()
                                    : r.<Long>getList(2).stream()
                                            .map(Long::intValue)
                                            .toList();
                            Finding f = AuditFindings.goldenLeak(
                                    golden,
                                    r.getLong(1),
                                    (int) r.getLong(0),
                                    t,
                                    near.stream().map(n -> (int) n.row()).toList(),
                                    near.isEmpty() ? Double.NaN : near.get(0).jaccard(),
                                    !near.isEmpty() && near.get(0).exact());
                            return RowFactory.create(7, r.getLong(0), 0L, Json.line(f));
                        }),
                SparkAudit.FINDINGS));

        Dataset<Row> rest = gv.join(exact.select("idx"), "idx", "left_anti");
        JavaPairRDD<Long, Long> lines =
                rest.select("idx", "line").javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)));
        var near = nearOf.join(lines)
                .map(t -> {
                    List<Near> m = t._2()._1();
                    Finding f = AuditFindings.goldenLeak(
                            golden,
                            t._2()._2(),
                            t._1().intValue(),
                            List.of(),
                            m.stream().map(x -> (int) x.row()).toList(),
                            m.get(0).jaccard(),
                            m.get(0).exact());
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
        else if (validGolden == 0)
            notes.add("none of the " + goldenRows + " rows of the golden file " + golden + " (read as "
                    + in.format().id() + ") is valid: leakage was not checked");
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
