package dev.tunegate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.tunegate.audit.AuditFindings;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.AuditRows;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The outputs section (JSON rate, schema conformance, the dominant field set and drift, labels of
 * classification-like data) from aggregations, with the local accumulator's rules and messages.
 */
final class Outputs {
    private Outputs() {}

    private static Column n(Column condition) {
        return org.apache.spark.sql.functions.coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
    }

    static AuditReport.Outputs of(
            SparkSession spark,
            AuditRequest request,
            Dataset<Row> rows,
            long validRows,
            long candidates,
            String file,
            List<Dataset<Row>> findings) {
        Dataset<Row> v = rows.filter(col("valid"));
        Row s = v.agg(
                        n(col("json")),
                        n(col("schemaChecked")),
                        n(col("conforming")),
                        n(col("conforming").and(col("candidate"))),
                        n(col("fields").isNotNull()),
                        n(col("facts").and(col("label").isNull().or(col("json")))))
                .first();
        long jsonRows = s.getLong(0), objectRows = s.getLong(4);
        double rate = validRows == 0 ? 0 : (double) jsonRows / validRows;
        boolean structured = rate >= 0.9 || request.outputSchema() != null;
        AuditReport.SchemaConformance conf = null;
        if (request.outputSchema() != null) {
            List<AuditReport.Counted> top = v
                    .filter(col("violations").isNotNull())
                    .select(explode(col("violations")).as("t"))
                    .groupBy("t")
                    .count()
                    .orderBy(col("count").desc(), col("t").asc())
                    .limit(10)
                    .collectAsList()
                    .stream()
                    .map(r -> new AuditReport.Counted(r.getString(0), r.getLong(1)))
                    .toList();
            long checked = s.getLong(1), conforming = s.getLong(2), candConforming = s.getLong(3);
            conf = new AuditReport.SchemaConformance(
                    request.outputSchema().getFileName().toString(),
                    checked,
                    conforming,
                    checked == 0 ? 0 : (double) conforming / checked,
                    candidates,
                    candConforming,
                    candidates == 0 ? 0 : (double) candConforming / candidates,
                    top);
        }
        AuditReport.InferredSchema inferred = null;
        if (objectRows > 0)
            inferred = inferred(spark, v, objectRows, validRows, structured, candidates, file, findings);
        AuditReport.Classification cls = null;
        boolean overflow = s.getLong(5) > 0;
        if (!overflow && !structured) cls = classification(spark, v, validRows, file, findings);
        return new AuditReport.Outputs(jsonRows, rate, structured, conf, inferred, cls);
    }

    private static AuditReport.InferredSchema inferred(
            SparkSession spark,
            Dataset<Row> v,
            long objectRows,
            long validRows,
            boolean structured,
            long candidates,
            String file,
            List<Dataset<Row>> findings) {
        // field sets in order of first appearance; the local accumulator tracks the first MAX_FIELD_SETS
        List<Row> sets = new ArrayList<>(v.filter(col("fields").isNotNull())
                .groupBy("fields")
                .agg(count(lit(1)).as("n"), min("idx").as("first"))
                .orderBy("first")
                .limit(AuditRows.MAX_FIELD_SETS)
                .collectAsList());
        String dom = null;
        long domRows = -1;
        for (Row r : sets) {
            long c = r.getLong(1);
            if (c > domRows || (c == domRows && r.getString(0).compareTo(dom) < 0)) {
                dom = r.getString(0);
                domRows = c;
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (!dom.isEmpty()) {
            for (String f : dom.split(",")) {
                int c = f.lastIndexOf(':');
                fields.put(f.substring(0, c), f.substring(c + 1));
            }
        }
        HashSet<String> tracked = new HashSet<>();
        for (Row r : sets) tracked.add(r.getString(0));
        String dominant = dom;
        boolean notJson = structured && objectRows * 2 > validRows;
        Set<String> known = tracked;
        findings.add(spark.createDataFrame(
                v.filter(col("fields")
                                .isNotNull()
                                .and(col("fields").notEqual(dominant))
                                .or(col("fields").isNull().and(lit(notJson))))
                        .select("idx", "line", "fields")
                        .javaRDD()
                        .map(r -> {
                            long idx = r.getLong(0);
                            String fs = r.getString(2);
                            Finding f = fs != null
                                    ? AuditFindings.row(
                                            FindingKind.SCHEMA_DRIFT,
                                            file,
                                            r.getLong(1),
                                            (int) idx,
                                            "output fields {" + (known.contains(fs) ? fs : "…")
                                                    + "} differ from the dominant {" + dominant + "}")
                                    : AuditFindings.row(
                                            FindingKind.OUTPUT_NOT_JSON,
                                            file,
                                            r.getLong(1),
                                            (int) idx,
                                            "the output is not a JSON object while most outputs are");
                            return RowFactory.create(4, idx, 0L, Json.line(f));
                        }),
                SparkAudit.FINDINGS));
        long candDominant =
                v.filter(col("candidate").and(col("fields").equalTo(dominant))).count();
        List<AuditReport.Counted> others = sets.stream()
                .filter(r -> !r.getString(0).equals(dominant))
                .map(r -> new AuditReport.Counted(r.getString(0), r.getLong(1)))
                .sorted(Comparator.comparingLong((AuditReport.Counted c) -> -c.count())
                        .thenComparing(AuditReport.Counted::text))
                .toList();
        return new AuditReport.InferredSchema(
                fields,
                domRows,
                objectRows,
                (double) domRows / objectRows,
                candidates == 0 ? 0 : (double) candDominant / candidates,
                objectRows - domRows,
                sets.size(),
                others.subList(0, Math.min(5, others.size())));
    }

    private static AuditReport.Classification classification(
            SparkSession spark, Dataset<Row> v, long validRows, String file, List<Dataset<Row>> findings) {
        List<Row> labels = v.filter(col("facts"))
                .groupBy("label")
                .agg(count(lit(1)).as("n"), min(struct(col("idx"), col("line"))).as("first"))
                .limit(AuditRows.MAX_LABELS + 1)
                .collectAsList();
        if (labels.size() > AuditRows.MAX_LABELS || labels.size() < 2 || labels.size() * 2L > validRows) return null;
        List<Row> sorted = labels.stream()
                .sorted(Comparator.comparingLong((Row r) -> -r.getLong(1)).thenComparing(r -> r.getString(0)))
                .toList();
        double mean = (double) validRows / labels.size();
        List<AuditReport.LabelCount> list = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        List<String> once = new ArrayList<>();
        List<Row> onceFindings = new ArrayList<>();
        for (Row r : sorted) {
            String label = r.getString(0);
            long c = r.getLong(1);
            list.add(new AuditReport.LabelCount(label, c, (double) c / validRows));
            if (c < Math.max(2, mean / 10)) rare.add(label);
            if (c == 1) {
                once.add(label);
                Row first = r.getStruct(2);
                onceFindings.add(RowFactory.create(
                        5,
                        (long) onceFindings.size(),
                        0L,
                        Json.line(AuditFindings.row(
                                FindingKind.LABEL_SEEN_ONCE,
                                file,
                                first.getLong(1),
                                (int) first.getLong(0),
                                "label \"" + label + "\" appears in this row only"))));
            }
        }
        if (!onceFindings.isEmpty()) findings.add(spark.createDataFrame(onceFindings, SparkAudit.FINDINGS));
        long max = list.get(0).rows(), min = list.get(list.size() - 1).rows();
        return new AuditReport.Classification(labels.size(), list, rare, once, (double) max / min);
    }
}
