package dev.tunegate.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tunegate.evidence.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The audit report as JSON, written field by field on Jackson's streaming generator: the very text {@code
 * Json.pretty(report)} writes (the same generator, pretty printer and property order, the same fields left out), without
 * Jackson's databind working out the report's twenty record types by reflection first — 30–40 ms and eight annotation
 * proxies of a 0.15 s {@code --only counts} run (docs/PERFORMANCE.md). {@code AuditText} writes the text summary.
 *
 * <p>What decides the JSON, as databind reads it: a record's components in declaration order, those named by
 * {@code @JsonPropertyOrder} first; {@code @JsonInclude(NON_NULL)} (the report, {@link AuditReport.Outputs}) leaves nulls
 * out, {@code NON_EMPTY} ({@link Finding}) empty strings and lists too; {@code @JsonIgnore} ({@link
 * AuditReport.Consistency#groups()}) is left out. {@code AuditJsonTest} holds this to databind's output on reports with
 * every component set, and fails when a component is added to one of the records without being written here.
 */
public final class AuditJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AuditJson() {}

    /** {@code report} as indented JSON with a trailing newline, as {@code Json.pretty} writes it. */
    public static String pretty(AuditReport report) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            report(g, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void report(JsonGenerator g, AuditReport r) throws IOException {
        g.writeStartObject();
        // @JsonPropertyOrder's names first, then the components in their order; NON_NULL
        g.writeNumberField("schemaVersion", r.schemaVersion());
        string(g, "file", r.file(), true);
        string(g, "sha256", r.sha256(), true);
        string(g, "format", r.format(), true);
        string(g, "compression", r.compression(), true);
        string(g, "layout", r.layout(), true);
        if (r.checks() != null) strings(g, "checks", r.checks());
        g.writeNumberField("rows", r.rows());
        g.writeNumberField("validRows", r.validRows());
        g.writeNumberField("approvedRows", r.approvedRows());
        g.writeNumberField("goldRows", r.goldRows());
        number(g, "usableRows", r.usableRows(), true);
        g.writeNumberField("llmDraftedApprovedRows", r.llmDraftedApprovedRows());
        g.writeNumberField("llmDraftedNotApprovedRows", r.llmDraftedNotApprovedRows());
        g.writeNumberField("retiredEraRows", r.retiredEraRows());
        g.writeNumberField("rowsWithoutReviewMetadata", r.rowsWithoutReviewMetadata());
        if (r.byProvenance() != null) longs(g, "byProvenance", r.byProvenance());
        if (r.byStatus() != null) longs(g, "byStatus", r.byStatus());
        if (r.byEra() != null) longs(g, "byEra", r.byEra());
        number(g, "exactDuplicateGroups", r.exactDuplicateGroups(), true);
        number(g, "rowsInExactDuplicateGroups", r.rowsInExactDuplicateGroups(), true);
        number(g, "exactDuplicateInputGroups", r.exactDuplicateInputGroups(), true);
        number(g, "nearDuplicateClusters", r.nearDuplicateClusters(), true);
        number(g, "rowsInNearDuplicateClusters", r.rowsInNearDuplicateClusters(), true);
        if (r.largestClusters() != null) {
            g.writeArrayFieldStart("largestClusters");
            for (AuditReport.ClusterSample c : r.largestClusters()) clusterSample(g, c);
            g.writeEndArray();
        }
        if (r.nearDuplicateParams() != null) nearDuplicateSettings(g, "nearDuplicateParams", r.nearDuplicateParams());
        number(g, "repeatedInputGroups", r.repeatedInputGroups(), true);
        number(g, "conflictGroups", r.conflictGroups(), true);
        number(g, "rowsInConflictGroups", r.rowsInConflictGroups(), true);
        number(g, "labelDisagreementRate", r.labelDisagreementRate(), true);
        g.writeNumberField("candidateRows", r.candidateRows());
        number(g, "candidateRepeatedInputGroups", r.candidateRepeatedInputGroups(), true);
        number(g, "candidateConflictGroups", r.candidateConflictGroups(), true);
        number(g, "candidateLabelDisagreementRate", r.candidateLabelDisagreementRate(), true);
        if (r.outputs() != null) outputs(g, r.outputs());
        if (r.tokens() != null) tokens(g, r.tokens());
        if (r.pii() != null) pii(g, r.pii());
        if (r.leakage() != null) leakage(g, r.leakage());
        number(g, "leakedGoldenRows", r.leakedGoldenRows(), true);
        if (r.memory() != null) memory(g, r.memory());
        if (r.findingsByKind() != null) longs(g, "findingsByKind", r.findingsByKind());
        if (r.findings() != null) {
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) finding(g, f);
            g.writeEndArray();
        }
        if (r.notes() != null) strings(g, "notes", r.notes());
        if (r.consistency() != null) consistency(g, r.consistency());
        if (r.partial() != null) {
            g.writeArrayFieldStart("partial");
            for (AuditReport.Partial p : r.partial()) partial(g, p);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void partial(JsonGenerator g, AuditReport.Partial p) throws IOException {
        g.writeStartObject();
        string(g, "file", p.file(), false);
        g.writeNumberField("line", p.line());
        g.writeNumberField("byteOffset", p.byteOffset());
        g.writeNumberField("rowsRead", p.rowsRead());
        string(g, "damage", p.damage(), false);
        g.writeEndObject();
    }

    private static void consistency(JsonGenerator g, AuditReport.Consistency c) throws IOException {
        g.writeObjectFieldStart("consistency");
        g.writeNumberField("approvedRows", c.approvedRows());
        g.writeNumberField("conflictGroups", c.conflictGroups());
        g.writeNumberField("rowsInConflict", c.rowsInConflict());
        g.writeNumberField("conflictShare", c.conflictShare());
        g.writeNumberField("candidateRows", c.candidateRows());
        g.writeNumberField("candidateRowsInConflict", c.candidateRowsInConflict());
        g.writeNumberField("candidateConflictShare", c.candidateConflictShare());
        g.writeEndObject(); // groups: @JsonIgnore
    }

    private static void clusterSample(JsonGenerator g, AuditReport.ClusterSample c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("size", c.size());
        g.writeNumberField("minEstimatedJaccard", c.minEstimatedJaccard());
        g.writeBooleanField("exact", c.exact());
        ints(g, "sampleRows", c.sampleRows(), false);
        g.writeEndObject();
    }

    private static void nearDuplicateSettings(JsonGenerator g, String name, AuditReport.NearDuplicateSettings s)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("seed", s.seed());
        g.writeNumberField("permutations", s.permutations());
        g.writeNumberField("bands", s.bands());
        g.writeNumberField("threshold", s.threshold());
        string(g, "shingles", s.shingles(), false);
        g.writeNumberField("shingleSize", s.shingleSize());
        g.writeNumberField("indexBytes", s.indexBytes());
        g.writeNumberField("indexBytesPerRow", s.indexBytesPerRow());
        g.writeNumberField("estimateStandardError", s.estimateStandardError());
        g.writeEndObject();
    }

    private static void outputs(JsonGenerator g, AuditReport.Outputs o) throws IOException {
        g.writeObjectFieldStart("outputs"); // NON_NULL
        g.writeNumberField("jsonRows", o.jsonRows());
        g.writeNumberField("jsonParseRate", o.jsonParseRate());
        g.writeBooleanField("structured", o.structured());
        if (o.schema() != null) {
            AuditReport.SchemaConformance s = o.schema();
            g.writeObjectFieldStart("schema");
            string(g, "file", s.file(), false);
            g.writeNumberField("checkedRows", s.checkedRows());
            g.writeNumberField("conformingRows", s.conformingRows());
            g.writeNumberField("conformance", s.conformance());
            g.writeNumberField("candidateRows", s.candidateRows());
            g.writeNumberField("candidateConformingRows", s.candidateConformingRows());
            g.writeNumberField("candidateConformance", s.candidateConformance());
            counted(g, "topViolations", s.topViolations());
            g.writeEndObject();
        }
        if (o.inferred() != null) {
            AuditReport.InferredSchema s = o.inferred();
            g.writeObjectFieldStart("inferred");
            if (s.dominantFields() == null) g.writeNullField("dominantFields");
            else {
                g.writeObjectFieldStart("dominantFields");
                for (Map.Entry<String, String> e : s.dominantFields().entrySet())
                    string(g, e.getKey(), e.getValue(), false);
                g.writeEndObject();
            }
            g.writeNumberField("dominantRows", s.dominantRows());
            g.writeNumberField("objectRows", s.objectRows());
            g.writeNumberField("dominantShare", s.dominantShare());
            g.writeNumberField("candidateShare", s.candidateShare());
            g.writeNumberField("driftingRows", s.driftingRows());
            g.writeNumberField("distinctFieldSets", s.distinctFieldSets());
            counted(g, "otherFieldSets", s.otherFieldSets());
            g.writeEndObject();
        }
        if (o.classification() != null) {
            AuditReport.Classification c = o.classification();
            g.writeObjectFieldStart("classification");
            g.writeNumberField("labelCount", c.labelCount());
            if (c.labels() == null) g.writeNullField("labels");
            else {
                g.writeArrayFieldStart("labels");
                for (AuditReport.LabelCount l : c.labels()) {
                    g.writeStartObject();
                    string(g, "label", l.label(), false);
                    g.writeNumberField("rows", l.rows());
                    g.writeNumberField("share", l.share());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            nullableStrings(g, "rareLabels", c.rareLabels());
            nullableStrings(g, "labelsSeenOnce", c.labelsSeenOnce());
            g.writeNumberField("imbalanceRatio", c.imbalanceRatio());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void counted(JsonGenerator g, String name, List<AuditReport.Counted> list) throws IOException {
        if (list == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (AuditReport.Counted c : list) {
            g.writeStartObject();
            string(g, "text", c.text(), false);
            g.writeNumberField("count", c.count());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tokens(JsonGenerator g, AuditReport.Tokens t) throws IOException {
        g.writeObjectFieldStart("tokens");
        string(g, "tokenizer", t.tokenizer(), false);
        g.writeNumberField("total", t.total());
        if (t.byRole() == null) g.writeNullField("byRole");
        else {
            g.writeObjectFieldStart("byRole");
            for (Map.Entry<String, AuditReport.TokenStats> e : t.byRole().entrySet())
                tokenStats(g, e.getKey(), e.getValue());
            g.writeEndObject();
        }
        tokenStats(g, "perExample", t.perExample());
        tokenStats(g, "inputPerCall", t.inputPerCall());
        tokenStats(g, "outputPerCall", t.outputPerCall());
        g.writeNumberField("contextLimit", t.contextLimit());
        g.writeNumberField("rowsOverContextLimit", t.rowsOverContextLimit());
        g.writeNumberField("billingTokensPerEpoch", t.billingTokensPerEpoch());
        g.writeNumberField("epochs", t.epochs());
        g.writeNumberField("trainingTokens", t.trainingTokens());
        string(g, "method", t.method(), false);
        g.writeEndObject();
    }

    private static void tokenStats(JsonGenerator g, String name, AuditReport.TokenStats s) throws IOException {
        if (s == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("rows", s.rows());
        g.writeNumberField("min", s.min());
        g.writeNumberField("p50", s.p50());
        g.writeNumberField("p90", s.p90());
        g.writeNumberField("p95", s.p95());
        g.writeNumberField("max", s.max());
        g.writeNumberField("total", s.total());
        g.writeEndObject();
    }

    private static void pii(JsonGenerator g, AuditReport.Pii p) throws IOException {
        g.writeObjectFieldStart("pii");
        nullableLongs(g, "byKind", p.byKind());
        nullableLongs(g, "rowsByKind", p.rowsByKind());
        g.writeNumberField("rowsWithPii", p.rowsWithPii());
        if (p.sampleRows() == null) g.writeNullField("sampleRows");
        else {
            g.writeObjectFieldStart("sampleRows");
            for (Map.Entry<String, List<Integer>> e : p.sampleRows().entrySet())
                ints(g, e.getKey(), e.getValue(), false);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void leakage(JsonGenerator g, AuditReport.Leakage l) throws IOException {
        g.writeObjectFieldStart("leakage");
        string(g, "goldenFile", l.goldenFile(), false);
        string(g, "sha256", l.sha256(), false);
        g.writeNumberField("goldenRows", l.goldenRows());
        g.writeNumberField("validGoldenRows", l.validGoldenRows());
        g.writeNumberField("leakedRows", l.leakedRows());
        g.writeNumberField("exactLeaks", l.exactLeaks());
        g.writeNumberField("nearLeaks", l.nearLeaks());
        ints(g, "sampleGoldenRows", l.sampleGoldenRows(), false);
        g.writeEndObject();
    }

    private static void memory(JsonGenerator g, AuditReport.Memory m) throws IOException {
        g.writeObjectFieldStart("memory");
        g.writeNumberField("perRowStateBytes", m.perRowStateBytes());
        g.writeNumberField("wholeIndexBytes", m.wholeIndexBytes());
        g.writeNumberField("inputIndexBytes", m.inputIndexBytes());
        g.writeNumberField("bytesPerRow", m.bytesPerRow());
        g.writeEndObject();
    }

    /** A finding: NON_EMPTY (no null, no empty string or list), kind … message first. */
    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "kind", f.kind());
        nonEmpty(g, "severity", f.severity());
        nonEmpty(g, "file", f.file());
        g.writeNumberField("line", f.line());
        if (f.rows() != null && !f.rows().isEmpty()) ints(g, "rows", f.rows(), false);
        if (f.trainingRows() != null && !f.trainingRows().isEmpty()) ints(g, "trainingRows", f.trainingRows(), false);
        if (f.lines() != null && !f.lines().isEmpty()) {
            g.writeArrayFieldStart("lines");
            for (Long line : f.lines()) {
                if (line == null) g.writeNull();
                else g.writeNumber(line);
            }
            g.writeEndArray();
        }
        number(g, "count", f.count(), true);
        number(g, "score", f.score(), true);
        nonEmpty(g, "message", f.message());
        g.writeEndObject();
    }

    private static void nonEmpty(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) g.writeStringField(name, value);
    }

    private static void string(JsonGenerator g, String name, String value, boolean skipNull) throws IOException {
        if (value != null) g.writeStringField(name, value);
        else if (!skipNull) g.writeNullField(name);
    }

    private static void number(JsonGenerator g, String name, Number value, boolean skipNull) throws IOException {
        if (value == null) {
            if (!skipNull) g.writeNullField(name);
        } else if (value instanceof Double d) {
            g.writeNumberField(name, d);
        } else {
            g.writeNumberField(name, value.longValue());
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }

    private static void nullableStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) g.writeNullField(name);
        else strings(g, name, values);
    }

    private static void ints(JsonGenerator g, String name, List<Integer> values, boolean skipNull) throws IOException {
        if (values == null) {
            if (!skipNull) g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (Integer v : values) {
            if (v == null) g.writeNull();
            else g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void longs(JsonGenerator g, String name, Map<String, Long> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : values.entrySet()) number(g, e.getKey(), e.getValue(), false);
        g.writeEndObject();
    }

    private static void nullableLongs(JsonGenerator g, String name, Map<String, Long> values) throws IOException {
        if (values == null) g.writeNullField(name);
        else longs(g, name, values);
    }
}
