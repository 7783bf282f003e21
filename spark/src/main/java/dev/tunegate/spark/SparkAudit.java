package dev.tunegate.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditFindings;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.AuditRows;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.audit.PiiKind;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The dataset audit as a Spark job: the same report as {@link dev.tunegate.audit.DatasetAudit}
 * (same fields, same meanings, the same findings in the same order), computed on a cluster.
 *
 * <p>Per-row work (parse, normalise, fingerprint, sign, tokenize, PII, output facts) is core's own
 * ({@link AuditRows}), run in the tasks. Counts, token histograms, field sets, labels and PII are
 * aggregations; exact duplicates and repeated inputs are group-bys on the 64-bit fingerprints;
 * near-duplicates are band buckets of core's packed signatures ({@link MinHashPairs}) verified by
 * core's estimate, clustered by {@link ConnectedComponents}; conflicts and the collapse behind
 * {@code usableRows} are connected components too. Findings are rows keyed by where the local audit
 * emits them (phase, row, position), so sorting them gives the local order.
 */
public final class SparkAudit {
    private SparkAudit() {}

    /** The report and every finding (one JSON line each, in the local audit's order once sorted by phase, k1, k2). */
    public record Result(AuditReport report, Dataset<Row> findings) {
        /** The findings as JSONL lines in order. */
        public Dataset<Row> orderedFindings() {
            return findings.orderBy("phase", "k1", "k2").select("json");
        }
    }

    static final StructType FINDINGS = new StructType()
            .add("phase", DataTypes.IntegerType, false)
            .add("k1", DataTypes.LongType, false)
            .add("k2", DataTypes.LongType, false)
            .add("json", DataTypes.StringType, false);

    // where the local audit emits each finding: rows as they are added, then the groups, then the golden file
    private static final int ROWS = 0,
            EXACT = 1,
            NEAR = 2,
            CONFLICT = 3,
            OUTPUT = 4,
            LABEL = 5,
            GOLDEN_ROWS = 6,
            GOLDEN_LEAKS = 7;

    /**
     * Runs the audit.
     *
     * @param train the training file as given (local path or a URI Hadoop reads); findings name it so
     * @param golden the golden file, or null
     * @param partitions partitions for the analysed rows of unsplittable inputs and for shuffles
     */
    public static Result run(SparkSession spark, AuditRequest request, String train, String golden, int partitions) {
        AuditSpec spec = AuditSpec.of(request, train, golden);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Dataset<Row>> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        NearDuplicateParams params = AuditRows.params(request);

        phase("start");
        RowInput.Opened in = RowInput.open(spark, spec, train, partitions);
        notes.addAll(in.notes());
        Dataset<Row> rows =
                RowTable.build(spark, spec, train, in, false, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        Row c = rows.agg(
                        count(lit(1)),
                        n(col("valid")),
                        n(col("formatError")),
                        n(col("approved")),
                        n(col("gold")),
                        n(col("llmDraft").and(col("approved"))),
                        n(col("llmDraft").and(org.apache.spark.sql.functions.not(col("approved")))),
                        n(col("retired")),
                        n(col("valid")
                                .and(col("prov").isNull())
                                .and(col("status").isNull())),
                        n(col("candidate")),
                        n(col("eligible")))
                .first();
        long nRows = c.getLong(0), valid = c.getLong(1), formatErrors = c.getLong(2);
        if (nRows == 0) throw InvalidInputException.at(java.nio.file.Path.of(train), 0, "the file has no rows");
        phase("rows");
        maxErrors(rows, request, train, formatErrors);
        long candidates = c.getLong(9), eligibleRows = c.getLong(10);
        Dataset<Row> validRows = rows.filter(col("valid"));
        findings.add(rows.select(col("idx"), posexplode(col("findings")))
                .select(
                        lit(ROWS).as("phase"),
                        col("idx").as("k1"),
                        col("pos").cast("long").as("k2"),
                        col("col").as("json")));

        // exact duplicates
        Long exactGroups = null, rowsInExact = null, exactInputGroups = null;
        Dataset<Row> exact = null;
        if (request.runs(AuditCheck.EXACT_DUPLICATES)) {
            exact = validRows
                    .groupBy("pairHash")
                    .agg(count(lit(1)).as("n"), sort_array(collect_list("idx")).as("rows"))
                    .filter(col("n").gt(1))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Row e = exact.agg(count(lit(1)), coalesce(sum("n"), lit(0L))).first();
            exactGroups = e.getLong(0);
            rowsInExact = e.getLong(1);
            exactInputGroups = validRows
                    .groupBy("inHash")
                    .count()
                    .filter(col("count").gt(1))
                    .count();
            findings.add(groupFindings(spark, exact, EXACT, FindingKind.EXACT_DUPLICATE, train));
        }

        phase("exact");
        // near-duplicate clusters of whole examples
        Long nearClusters = null, rowsInNear = null;
        List<AuditReport.ClusterSample> largest = null;
        JavaRDD<MinHashPairs.Edge> nearEdges = null;
        long signed = 0, packedWords = 0;
        if (request.runs(AuditCheck.NEAR_DUPLICATES)) {
            JavaPairRDD<Long, long[]> sigs = signatures(validRows, "wsig");
            nearEdges = MinHashPairs.pairs(sigs, spec).persist(StorageLevel.MEMORY_AND_DISK());
            // the packed signatures' words: the signature, a shingle count, and a short text's shingles
            Row sized = validRows
                    .filter(col("wsig").isNotNull())
                    .agg(count(lit(1)), coalesce(sum(size(col("wsig"))), lit(0L)))
                    .first();
            signed = sized.getLong(0);
            packedWords = sized.getLong(1);
            Dataset<Row> clusters = clusters(spark, nearEdges).persist(StorageLevel.MEMORY_AND_DISK());
            Row s = clusters.agg(count(lit(1)), coalesce(sum("n"), lit(0L))).first();
            nearClusters = s.getLong(0);
            rowsInNear = s.getLong(1);
            largest = clusters.orderBy(col("n").desc(), col("first").asc()).limit(5).collectAsList().stream()
                    .map(r -> new AuditReport.ClusterSample(
                            (int) r.getLong(r.fieldIndex("n")),
                            r.getDouble(r.fieldIndex("minJ")),
                            r.getBoolean(r.fieldIndex("exact")),
                            r.<Long>getList(r.fieldIndex("rows")).stream()
                                    .limit(5)
                                    .map(Long::intValue)
                                    .toList()))
                    .toList();
            findings.add(groupFindings(spark, clusters, NEAR, FindingKind.NEAR_DUPLICATE_CLUSTER, train));
        }

        phase("near");
        // conflicts: components of the same or near-duplicate inputs
        Long repeated = null, conflicts = null, rowsInConflict = null, candRepeated = null, candConflicts = null;
        Double disagreement = null, candDisagreement = null;
        AuditReport.Consistency consistency = null;
        Dataset<Row> inConflict = null;
        if (request.runs(AuditCheck.CONFLICTS)) {
            JavaPairRDD<Long, Long> sameInput = sameFingerprint(validRows, "inHash");
            JavaPairRDD<Long, Long> nearInput =
                    MinHashPairs.pairs(signatures(validRows, "isig"), spec).mapToPair(e -> new Tuple2<>(e.a(), e.b()));
            JavaPairRDD<Long, Long> labels = ConnectedComponents.labels(sameInput.union(nearInput));
            JavaPairRDD<Long, Tuple2<Long, Byte>> info = validRows
                    .select("idx", "outHash", "candidate", "eligible")
                    .javaRDD()
                    .mapToPair(r -> new Tuple2<>(r.getLong(0), new Tuple2<>(r.getLong(1), (byte)
                            ((r.getBoolean(2) ? 1 : 0) | (r.getBoolean(3) ? 2 : 0)))));
            JavaRDD<Component> comps = labels.join(info)
                    .mapToPair(t -> new Tuple2<>(
                            t._2()._1(),
                            new Member(t._1(), t._2()._2()._1(), t._2()._2()._2())))
                    .groupByKey()
                    .map(g -> Component.of(g._2(), train))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long[] sums = comps.map(Component::counts).fold(new long[6], (a, b) -> {
                long[] s = new long[6];
                for (int i = 0; i < 6; i++) s[i] = a[i] + b[i];
                return s;
            });
            repeated = sums[0];
            conflicts = sums[1];
            rowsInConflict = sums[2];
            candRepeated = sums[3];
            candConflicts = sums[4];
            disagreement = repeated == 0 ? 0.0 : (double) conflicts / repeated;
            candDisagreement = candRepeated == 0 ? 0.0 : (double) candConflicts / candRepeated;
            List<List<Integer>> eligibleConflicts = comps.filter(x -> x.eligibleConflict() != null)
                    .map(x -> x.eligibleConflict().stream().map(Long::intValue).toList())
                    .collect();
            consistency = AuditRows.consistency(eligibleRows, eligibleConflicts, candidates, sums[5]);
            findings.add(spark.createDataFrame(
                    comps.filter(x -> x.finding() != null)
                            .map(x -> RowFactory.create(CONFLICT, x.first(), 0L, x.finding())),
                    FINDINGS));
            inConflict = spark.createDataFrame(
                    comps.filter(x -> x.finding() != null).flatMap(x -> x.rows().stream()
                            .map(r -> RowFactory.create(r))
                            .iterator()),
                    new StructType().add("idx", DataTypes.LongType, false));
        }

        phase("conflicts");
        // usable: eligible rows outside conflicts, exact and near duplicates collapsed to one
        Long usable = null;
        if (exact != null && nearEdges != null && inConflict != null) {
            JavaPairRDD<Long, Long> collapseEdges =
                    sameFingerprint(validRows, "pairHash").union(nearEdges.mapToPair(e -> new Tuple2<>(e.a(), e.b())));
            Dataset<Row> labels = spark.createDataFrame(
                    ConnectedComponents.labels(collapseEdges).map(t -> RowFactory.create(t._1(), t._2())),
                    new StructType().add("idx", DataTypes.LongType, false).add("root", DataTypes.LongType, false));
            usable = rows.filter(col("eligible"))
                    .select("idx")
                    .join(inConflict, rows.col("idx").equalTo(inConflict.col("idx")), "left_anti")
                    .join(labels, "idx", "left")
                    .agg(countDistinct(coalesce(col("root"), col("idx"))))
                    .first()
                    .getLong(0);
        }

        phase("usable");
        AuditReport.Tokens tokens = request.runs(AuditCheck.TOKENS) ? tokens(request, validRows, valid) : null;
        AuditReport.Pii pii = request.runs(AuditCheck.PII) ? pii(validRows) : null;
        AuditReport.Outputs outputs = null;
        if (request.runs(AuditCheck.SCHEMA)) {
            outputs = Outputs.of(spark, request, rows, valid, candidates, train, findings);
        }

        phase("counts");
        AuditReport.Leakage leakage = null;
        if (golden != null && request.runs(AuditCheck.LEAKAGE)) {
            leakage = Leakage.of(spark, spec, golden, validRows, partitions, findings, notes);
        }
        phase("leakage");
        if (formatErrors > 0) {
            notes.add(formatErrors + " of " + nRows + " rows of " + train + " have format errors and are not used");
        }
        long noReview = c.getLong(8);
        if (noReview == valid && valid > 0) {
            notes.add("no row has review metadata (metadata.status / provenance): no row counts as reviewed");
        }

        Dataset<Row> all = findings.stream().reduce(Dataset::unionByName).orElseThrow();
        all = all.withColumn("kind", get_json_object(col("json"), "$.kind")).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> byKind = new LinkedHashMap<>();
        Map<String, Long> counted = new HashMap<>();
        for (Row r : all.groupBy("kind").count().collectAsList()) counted.put(r.getString(0), r.getLong(1));
        for (FindingKind k : FindingKind.values())
            if (counted.containsKey(k.key())) byKind.put(k.key(), counted.get(k.key()));
        List<Finding> samples = samples(all);

        phase("findings");
        long indexBytes = 8L * packedWords + 8L * signed; // the packed signatures and a row number each
        AuditReport.NearDuplicateSettings nd = AuditReport.NearDuplicateSettings.of(request, params, indexBytes, valid);
        AuditReport report = new AuditReport(
                AuditReport.SCHEMA_VERSION,
                train,
                sha256(spark, train),
                in.format().id(),
                in.compression(),
                in.layout(),
                request.checks().stream().map(AuditCheck::id).toList(),
                nRows,
                valid,
                c.getLong(3),
                c.getLong(4),
                c.getLong(5),
                c.getLong(6),
                c.getLong(7),
                noReview,
                countBy(validRows, "prov"),
                countBy(validRows, "status"),
                countBy(validRows, "era"),
                usable,
                exactGroups,
                rowsInExact,
                exactInputGroups,
                nearClusters,
                rowsInNear,
                largest,
                nd,
                repeated,
                conflicts,
                rowsInConflict,
                disagreement,
                candidates,
                candRepeated,
                candConflicts,
                candDisagreement,
                outputs,
                tokens,
                pii,
                leakage,
                leakage == null ? null : leakage.leakedRows(),
                null,
                byKind,
                samples,
                notes,
                consistency,
                null); // read whole or not at all: damaged input stops the job (no --allow-partial here)
        return new Result(report, all.select("phase", "k1", "k2", "json"));
    }

    private static final boolean TIMING = Boolean.getBoolean("tunegate.spark.timing");
    private static long last = System.nanoTime();

    /** With -Dtunegate.spark.timing=true: seconds since the previous phase, on stderr. */
    static void phase(String name) {
        if (!TIMING) return;
        long now = System.nanoTime();
        System.err.printf(Locale.ROOT, "spark audit: %-12s %6.2f s%n", name, (now - last) / 1e9);
        last = now;
    }

    private static Column n(Column condition) {
        return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
    }

    /** {@code --max-errors}: the local audit stops at the (N+1)-th row with a format error and names the first. */
    private static void maxErrors(Dataset<Row> rows, AuditRequest request, String train, long formatErrors) {
        if (request.maxErrors() <= 0 || formatErrors <= request.maxErrors()) return;
        List<Row> first = rows.filter(col("formatError"))
                .orderBy("idx")
                .limit((int) Math.min(Integer.MAX_VALUE, request.maxErrors() + 1))
                .select("line", "findings")
                .collectAsList();
        List<Finding> f = first.get(0).<String>getList(1).stream()
                .map(SparkAudit::finding)
                .toList();
        Finding shown =
                f.stream().filter(x -> x.severity().equals("error")).findFirst().orElse(f.get(0));
        Row last = first.get(first.size() - 1);
        throw new InvalidInputException(
                train,
                last.getLong(0),
                "stopped after " + (request.maxErrors() + 1) + " rows with format errors (more than --max-errors "
                        + request.maxErrors() + "); the first, at line "
                        + first.get(0).getLong(0) + ": "
                        + shown.kind() + ": " + shown.message()
                        + ". Is the format right? Set it with --data-format and --column (data.format, data.columns)");
    }

    static Finding finding(String json) {
        try {
            return Json.mapper().readValue(json, Finding.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row → packed signature of the rows that have one. */
    static JavaPairRDD<Long, long[]> signatures(Dataset<Row> rows, String column) {
        return rows.filter(col(column).isNotNull())
                .select(col("idx"), col(column))
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getLong(0), RowTable.unboxed(r.<Long>getList(1))));
    }

    /** Edges joining each row of a group of equal fingerprints (two or more rows) to the group's first row. */
    private static JavaPairRDD<Long, Long> sameFingerprint(Dataset<Row> validRows, String column) {
        var w = Window.partitionBy(column);
        return validRows
                .select(col("idx"), min("idx").over(w).as("first"))
                .filter(col("idx").notEqual(col("first")))
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)));
    }

    /**
     * Clusters of verified pairs: first row, size, rows (ascending), and the lowest estimate of the pairs that joined
     * it as the local index joins them — rows with identical signatures first (estimate 1), then the other pairs in
     * the order the index meets them (first shared band, band key as a signed int, rows), skipping pairs already
     * connected (Kruskal's order, per cluster); and whether that figure is exact: every pair of the cluster was judged
     * by its exact Jaccard (all its rows are short), as the local index's {@code Cluster.exact()} says.
     */
    private static Dataset<Row> clusters(SparkSession spark, JavaRDD<MinHashPairs.Edge> edges) {
        JavaPairRDD<Long, Long> labels = ConnectedComponents.labels(edges.mapToPair(e -> new Tuple2<>(e.a(), e.b())));
        // identical packed signatures ⟺ estimate 1: the later rows follow the first and take no part in banding
        JavaPairRDD<Long, Boolean> followers = edges.filter(e -> e.estimate() >= 1.0)
                .mapToPair(e -> new Tuple2<>(e.b(), true))
                .distinct();
        JavaPairRDD<Long, Double> minJ = edges.mapToPair(e -> new Tuple2<>(e.a(), e))
                .subtractByKey(followers)
                .mapToPair(t -> new Tuple2<>(t._2().b(), t._2()))
                .subtractByKey(followers)
                .mapToPair(t -> new Tuple2<>(t._2().a(), t._2()))
                .join(labels)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()))
                .groupByKey()
                .mapToPair(g -> new Tuple2<>(g._1(), kruskalMin(g._2())));
        // every row of a cluster is in one of its pairs: all of them exact ⟺ all its rows short
        JavaPairRDD<Long, Boolean> exact = edges.mapToPair(e -> new Tuple2<>(e.a(), e.exact()))
                .join(labels)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()))
                .reduceByKey((x, y) -> x && y);
        JavaRDD<Row> out = labels.mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .groupByKey()
                .leftOuterJoin(minJ)
                .join(exact)
                .map(t -> {
                    List<Long> members = new ArrayList<>();
                    t._2()._1()._1().forEach(members::add);
                    members.sort(null);
                    long[] sorted = members.stream().mapToLong(Long::longValue).toArray();
                    return RowFactory.create(
                            t._1(), (long) members.size(), t._2()._1()._2().orElse(1.0), t._2()._2(), sorted);
                });
        return spark.createDataFrame(
                out,
                new StructType()
                        .add("first", DataTypes.LongType, false)
                        .add("n", DataTypes.LongType, false)
                        .add("minJ", DataTypes.DoubleType, false)
                        .add("exact", DataTypes.BooleanType, false)
                        .add("rows", DataTypes.createArrayType(DataTypes.LongType, false), false));
    }

    /** The lowest estimate among the pairs a union-find joins when it takes them in the local index's order. */
    static double kruskalMin(Iterable<MinHashPairs.Edge> pairs) {
        List<MinHashPairs.Edge> sorted = new ArrayList<>();
        pairs.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(MinHashPairs.Edge::band)
                .thenComparingInt(MinHashPairs.Edge::key)
                .thenComparingLong(MinHashPairs.Edge::a)
                .thenComparingLong(MinHashPairs.Edge::b));
        Map<Long, Long> parent = new HashMap<>();
        double min = 1.0;
        for (MinHashPairs.Edge e : sorted) {
            long ra = root(parent, e.a()), rb = root(parent, e.b());
            if (ra == rb) continue;
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
            min = Math.min(min, e.estimate());
        }
        return min;
    }

    private static long root(Map<Long, Long> parent, long x) {
        Long p;
        while ((p = parent.get(x)) != null) x = p;
        return x;
    }

    /** Group findings (phase, first row) with the local audit's messages. */
    private static Dataset<Row> groupFindings(
            SparkSession spark, Dataset<Row> groups, int phase, FindingKind kind, String file) {
        boolean near = kind == FindingKind.NEAR_DUPLICATE_CLUSTER;
        JavaRDD<Row> out = (near ? groups.select("rows", "minJ", "exact") : groups.select("rows"))
                .javaRDD()
                .map(r -> {
                    List<Integer> members =
                            r.<Long>getList(0).stream().map(Long::intValue).toList();
                    String message = near
                            ? AuditFindings.nearDuplicateCluster(members.size(), r.getDouble(1), r.getBoolean(2))
                            : members.size() + " rows with the same normalised input and output";
                    return RowFactory.create(
                            phase,
                            (long) members.get(0),
                            0L,
                            Json.line(AuditFindings.group(kind, file, members, message)));
                });
        return spark.createDataFrame(out, FINDINGS);
    }

    private static Map<String, Long> countBy(Dataset<Row> validRows, String column) {
        Map<String, Long> m = new TreeMap<>();
        for (Row r :
                validRows.groupBy(coalesce(col(column), lit("(none)"))).count().collectAsList())
            m.put(r.getString(0), r.getLong(1));
        return m;
    }

    /** Token statistics from exact histograms (token count → rows), merged by core as the local audit's. */
    private static AuditReport.Tokens tokens(AuditRequest request, Dataset<Row> validRows, long valid) {
        Dataset<Row> t = validRows.filter(col("tokens").isNotNull());
        List<Map<Integer, Long>> roles = new ArrayList<>();
        for (int k = 0; k < 4; k++) roles.add(histogram(t.filter(col("t" + k).gt(0)), col("t" + k)));
        int limit = request.contextLimit();
        Row s = t.agg(n(col("tokens").gt(limit)), coalesce(sum(least(col("tokens"), lit(limit))), lit(0L)))
                .first();
        return AuditRows.tokens(
                request,
                roles,
                histogram(t, col("tokens")),
                histogram(t, col("t0").plus(col("t1"))),
                histogram(t, col("t2")),
                s.getLong(0),
                s.getLong(1),
                valid);
    }

    private static Map<Integer, Long> histogram(Dataset<Row> rows, Column value) {
        Map<Integer, Long> h = new TreeMap<>();
        for (Row r : rows.groupBy(value.as("v")).count().collectAsList()) h.put(r.getInt(0), r.getLong(1));
        return h;
    }

    private static AuditReport.Pii pii(Dataset<Row> validRows) {
        Dataset<Row> hits = validRows
                .filter(col("pii").isNotNull())
                .select(col("idx"), explode(col("pii")).as("kind"));
        Map<String, long[]> counts = new HashMap<>();
        for (Row r :
                hits.groupBy("kind").agg(count(lit(1)), countDistinct("idx")).collectAsList())
            counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
        Map<String, List<Integer>> firstRows = new HashMap<>();
        var w = Window.partitionBy("kind").orderBy("idx");
        for (Row r : hits.distinct()
                .withColumn("rn", row_number().over(w))
                .filter(col("rn").leq(10))
                .groupBy("kind")
                .agg(sort_array(collect_list("idx")))
                .collectAsList()) {
            firstRows.put(
                    r.getString(0),
                    r.<Long>getList(1).stream().map(Long::intValue).toList());
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        Map<String, Long> rowsByKind = new LinkedHashMap<>();
        Map<String, List<Integer>> samples = new LinkedHashMap<>();
        for (PiiKind k : PiiKind.values()) {
            long[] c = counts.get(k.name());
            if (c == null) continue;
            byKind.put(k.key(), c[0]);
            rowsByKind.put(k.key(), c[1]);
            samples.put(k.key(), firstRows.getOrDefault(k.name(), List.of()));
        }
        long rowsWithPii = validRows.filter(col("pii").isNotNull()).count();
        return new AuditReport.Pii(byKind, rowsByKind, rowsWithPii, samples);
    }

    /** The first {@link AuditRows#SAMPLES_PER_KIND} findings of each kind in order, kinds in their declared order. */
    private static List<Finding> samples(Dataset<Row> all) {
        var w = Window.partitionBy("kind").orderBy("phase", "k1", "k2");
        Map<String, List<Row>> byKind = new HashMap<>();
        for (Row r : all.withColumn("rn", row_number().over(w))
                .filter(col("rn").leq(AuditRows.SAMPLES_PER_KIND))
                .select("kind", "rn", "json")
                .collectAsList())
            byKind.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        List<Finding> out = new ArrayList<>();
        EnumMap<FindingKind, List<Row>> ordered = new EnumMap<>(FindingKind.class);
        byKind.forEach((k, v) -> ordered.put(FindingKind.valueOf(k.toUpperCase(Locale.ROOT)), v));
        ordered.values().forEach(v -> v.stream()
                .sorted(Comparator.comparingInt(r -> r.getInt(1)))
                .forEach(r -> out.add(finding(r.getString(2)))));
        return out;
    }

    /** SHA-256 of a file read through Hadoop (the local audit digests its file too). */
    static String sha256(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path);
        MessageDigest md = Digests.newSha256();
        try (InputStream in =
                hp.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(hp)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** A row of a component: its index, output fingerprint and flags (1 candidate, 2 eligible). */
    record Member(long row, long outHash, byte flags) implements Serializable {}

    /**
     * One component of same or near-duplicate inputs, judged as the local audit judges it.
     *
     * @param first its first row
     * @param rows its rows, ascending
     * @param counts {repeated, conflict, rows in conflict, candidate repeated, candidate conflict, candidate rows in conflict}
     * @param eligibleConflict its approved current-era rows when they have rival outputs, else null
     * @param finding the conflict finding (JSON), or null
     */
    record Component(long first, List<Long> rows, long[] counts, List<Long> eligibleConflict, String finding)
            implements Serializable {
        static Component of(Iterable<Member> members, String file) {
            List<Member> g = new ArrayList<>();
            members.forEach(g::add);
            g.sort(Comparator.comparingLong(Member::row));
            long[] counts = new long[6];
            counts[0] = 1;
            List<Member> cand = g.stream().filter(m -> (m.flags() & 1) != 0).toList();
            if (cand.size() >= 2) {
                counts[3] = 1;
                if (cand.stream().map(Member::outHash).distinct().count() > 1) {
                    counts[4] = 1;
                    counts[5] = cand.size();
                }
            }
            List<Member> elig = g.stream().filter(m -> (m.flags() & 2) != 0).toList();
            List<Long> eligibleConflict = elig.size() >= 2
                            && elig.stream().map(Member::outHash).distinct().count() > 1
                    ? elig.stream().map(Member::row).toList()
                    : null;
            long outputs = g.stream().map(Member::outHash).distinct().count();
            List<Long> rows = g.stream().map(Member::row).toList();
            String finding = null;
            if (outputs > 1) {
                counts[1] = 1;
                counts[2] = g.size();
                finding = Json.line(AuditFindings.group(
                        FindingKind.CONFLICT,
                        file,
                        rows.stream().map(Long::intValue).toList(),
                        g.size() + " rows with the same or near-duplicate input and " + outputs
                                + " different outputs"));
            }
            return new Component(rows.get(0), rows, counts, eligibleConflict, finding);
        }
    }
}
