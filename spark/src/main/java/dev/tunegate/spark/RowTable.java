package dev.tunegate.spark;

import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditFindings;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.AuditRows;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.audit.PiiHit;
import dev.tunegate.audit.RowResult;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the audit per dataset row: what core's per-row analysis ({@link AuditRows}) computed,
 * plus the provenance and era judgements the local accumulator makes as it adds a row (the same
 * findings, in the same order). Signatures are kept packed as the local index keeps them.
 */
final class RowTable {
    private RowTable() {}

    private static final DataType LONGS = DataTypes.createArrayType(DataTypes.LongType, false);
    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

    static final StructType SCHEMA = new StructType()
            .add("idx", DataTypes.LongType, false)
            .add("line", DataTypes.LongType, false)
            .add("valid", DataTypes.BooleanType, false)
            .add("formatError", DataTypes.BooleanType, false)
            .add("prov", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, true)
            .add("era", DataTypes.StringType, true)
            .add("approved", DataTypes.BooleanType, false)
            .add("gold", DataTypes.BooleanType, false)
            .add("llmDraft", DataTypes.BooleanType, false)
            .add("retired", DataTypes.BooleanType, false)
            .add("eligible", DataTypes.BooleanType, false)
            .add("candidate", DataTypes.BooleanType, false)
            .add("inHash", DataTypes.LongType, false)
            .add("outHash", DataTypes.LongType, false)
            .add("pairHash", DataTypes.LongType, false)
            .add("wsig", LONGS, true)
            .add("isig", LONGS, true)
            .add("t0", DataTypes.IntegerType, true)
            .add("t1", DataTypes.IntegerType, true)
            .add("t2", DataTypes.IntegerType, true)
            .add("t3", DataTypes.IntegerType, true)
            .add("tokens", DataTypes.IntegerType, true)
            .add("facts", DataTypes.BooleanType, false)
            .add("json", DataTypes.BooleanType, false)
            .add("fields", DataTypes.StringType, true)
            .add("schemaChecked", DataTypes.BooleanType, false)
            .add("conforming", DataTypes.BooleanType, false)
            .add("violations", STRINGS, true)
            .add("label", DataTypes.StringType, true)
            .add("pii", STRINGS, true)
            .add("findings", STRINGS, false);

    /** The analysed rows of the training file (golden: the leakage analysis of the golden file). */
    static Dataset<Row> build(
            SparkSession spark, AuditSpec spec, String file, RowInput.Opened in, boolean golden, int partitions) {
        JavaRDD<Row> rows;
        DatasetFormat format = in.format();
        if (in.whole()) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            rows = sc.parallelize(List.of(file), 1).flatMap(p -> {
                var o = RowInput.openOnExecutor(spec, p);
                Function<RawRow, Row> f = analyser(spec, file, o.parser(), golden);
                return RowInput.rows(o.source(), p, f);
            });
            if (partitions > 1) rows = rows.repartition(partitions);
        } else {
            rows = in.lines().mapPartitions(it -> {
                Function<RawRow, Row> f = analyser(spec, file, RowInput.parser(spec, format), golden);
                int cap = spec.maxLineBytes();
                return new Iterator<Row>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Row next() {
                        return f.apply(it.next().raw(cap));
                    }
                };
            });
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Function<RawRow, Row> analyser(AuditSpec spec, String file, RowParser parser, boolean golden) {
        AuditRequest request = spec.request();
        Function<RawRow, RowResult> analyse =
                golden ? AuditRows.golden(request, file, parser) : AuditRows.training(request, file, parser);
        NearDuplicateIndex packer = new NearDuplicateIndex(AuditRows.params(request));
        return raw -> row(analyse.apply(raw), request, file, packer, golden);
    }

    /** The local accumulator's per-row judgements (TrainingAccumulator.add), with its findings and messages. */
    static Row row(RowResult r, AuditRequest request, String file, NearDuplicateIndex packer, boolean golden) {
        List<String> findings = new ArrayList<>(r.findings().size());
        for (Finding f : r.findings()) findings.add(Json.line(f));
        RowMetadata m = r.metadata();
        boolean retired = false, eligible = false, candidate = false;
        int i = r.index();
        if (r.valid() && !golden) {
            if (m.llmDraft() && !m.approved()) {
                findings.add(Json.line(AuditFindings.row(
                        FindingKind.LLM_DRAFT_NOT_APPROVED,
                        file,
                        r.line(),
                        i,
                        "LLM-drafted row with status " + (m.status() == null ? "(none)" : m.status())
                                + ": not usable until a human approves it")));
            }
            boolean eraOk = true;
            if (m.era() != null && request.retiredEras().contains(m.era())) {
                retired = true;
                eraOk = false;
                findings.add(Json.line(AuditFindings.row(
                        FindingKind.RETIRED_ERA,
                        file,
                        r.line(),
                        i,
                        "era \"" + m.era() + "\" is retired: never train on this row")));
            } else if (m.era() != null
                    && !request.currentEras().isEmpty()
                    && !request.currentEras().contains(m.era())) {
                eraOk = false;
                findings.add(Json.line(AuditFindings.row(
                        FindingKind.UNKNOWN_ERA,
                        file,
                        r.line(),
                        i,
                        "era \"" + m.era() + "\" is neither current (" + String.join(", ", request.currentEras())
                                + ") nor retired")));
            }
            eligible = (m.approved() || m.gold()) && eraOk && !r.placeholder();
            candidate = eraOk && !"rejected".equals(m.status());
        }
        boolean valid = r.valid();
        int[] t = valid ? r.roleTokens() : null;
        RowResult.OutputFacts o = valid ? r.output() : null;
        List<String> pii = null;
        if (valid && !r.pii().isEmpty()) {
            pii = new ArrayList<>();
            for (PiiHit h : r.pii()) pii.add(h.kind().name());
        }
        return RowFactory.create(
                (long) i,
                r.line(),
                valid,
                r.formatError(),
                valid ? m.provenance() : null,
                valid ? m.status() : null,
                valid ? m.era() : null,
                valid && m.approved(),
                valid && m.gold(),
                valid && m.llmDraft(),
                retired,
                eligible,
                candidate,
                r.inputHash(),
                r.outputHash(),
                r.pairHash(),
                valid && r.wholeSignature() != null ? packer.packed(r.wholeSignature()) : null,
                valid && r.inputSignature() != null ? packer.packed(r.inputSignature()) : null,
                t == null ? null : t[0],
                t == null ? null : t[1],
                t == null ? null : t[2],
                t == null ? null : t[3],
                t == null ? null : r.rowTokens(),
                o != null,
                o != null && o.json(),
                o == null ? null : o.fields(),
                o != null && o.schemaChecked(),
                o != null && o.schemaChecked() && o.violations().isEmpty(),
                o == null ? null : o.violations().toArray(new String[0]),
                o == null ? null : o.label(),
                pii == null ? null : pii.toArray(new String[0]),
                findings.toArray(new String[0]));
    }

    static long[] unboxed(List<Long> v) {
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    /** Whether the request's checks need the rows' input signatures. */
    static boolean inputSignatures(AuditSpec spec) {
        return spec.runs(AuditCheck.CONFLICTS) || spec.runs(AuditCheck.LEAKAGE);
    }
}
