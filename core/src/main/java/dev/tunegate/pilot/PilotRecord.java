package dev.tunegate.pilot;

import dev.tunegate.evals.RegressionReport;
import dev.tunegate.evidence.Finding;
import dev.tunegate.record.Provenance;
import dev.tunegate.record.RecordWriter;
import dev.tunegate.workspace.PilotSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pilot record's content — the JSON twin's schema (docs/formats/pilot-checkpoints.md, "The pilot record").
 * Writers render it; they compute nothing.
 *
 * @param schemaVersion 1
 * @param kind always {@code pilot}
 * @param id record number, shared with the decision records
 * @param title one line
 * @param date ISO date of the verdict
 * @param useCase the use case's name
 * @param verdict SCALE, IMPROVE or STOP
 * @param summary the verdict in one sentence
 * @param reasons the three conditions that decided it, in words
 * @param misses each SCALE condition that misses or is unknown, by how much, with its trend
 * @param wouldChange what would change the verdict
 * @param conditions every condition with {@code id}, {@code met}, {@code measured}, {@code target} and its evidence
 * @param settings the pilot's metrics and targets as configured
 * @param checkpoints the checkpoints used
 * @param quality the golden-set regression of the candidate against the baseline, or null when not configured
 * @param breakEven the cost model's break-even, or null when unknown
 * @param findings checkpoint rows not used, with file and line
 * @param provenance tool, version, inputs with digests and the pilot's configuration (no pipeline analysis)
 */
public record PilotRecord(
        int schemaVersion,
        String kind,
        String id,
        String title,
        String date,
        String useCase,
        PilotVerdict verdict,
        String summary,
        List<String> reasons,
        List<String> misses,
        List<String> wouldChange,
        List<PilotCondition> conditions,
        PilotSettings settings,
        CheckpointSummary checkpoints,
        RegressionReport quality,
        BreakEven breakEven,
        List<Finding> findings,
        Provenance provenance)
        implements RecordWriter.Writable {
    public static final int SCHEMA_VERSION = 1;

    public PilotRecord {
        reasons = List.copyOf(reasons);
        misses = List.copyOf(misses);
        wouldChange = List.copyOf(wouldChange);
        conditions = List.copyOf(conditions);
        findings = List.copyOf(findings);
    }

    /**
     * The checkpoints used.
     *
     * @param file the file, relative to the workspace
     * @param totalCalls calls summed over them
     * @param rows each checkpoint, oldest first
     */
    public record CheckpointSummary(String file, long totalCalls, List<Checkpoint> rows) {
        public CheckpointSummary {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The cost model's break-even.
     *
     * @param weeks weeks until it breaks even, null when it never does
     * @param never whether it never breaks even
     * @param source where it comes from
     * @param detail how it was computed
     */
    public record BreakEven(Double weeks, boolean never, String source, String detail) {}

    @Override
    public Map<String, Object> logFields() {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("kind", "pilot");
        line.put("id", id);
        line.put("date", date);
        line.put("useCase", useCase);
        line.put("verdict", verdict.name());
        return line;
    }

    @Override
    public String madeByToolVersion() {
        return provenance.toolVersion();
    }

    /** The file-name slug: {@code ticket-routing-scale-pilot}. */
    public String slug() {
        String base = (useCase + "-" + verdict)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return (base.length() > 54 ? base.substring(0, 54) : base) + "-pilot";
    }
}
