package dev.tunegate.record;

import dev.tunegate.policy.RuleId;
import dev.tunegate.policy.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision record's content — the JSON twin's schema (docs/formats/decision-record.md). A value:
 * {@code dev.tunegate.assess.DecisionRecords} builds it from a decision and its evidence; the renderers
 * ({@code MarkdownRecord}, the HTML page) and {@link RecordWriter} compute nothing.
 */
public record DecisionRecord(
        int schemaVersion,
        String id,
        String title,
        String date,
        String nextReview,
        UseCase useCase,
        String decision,
        String method,
        String label,
        String summary,
        String methodReason,
        List<String> reasons,
        List<Rule> rules,
        List<CounterfactualEntry> counterfactuals,
        List<UnsettledEntry> unsettled,
        List<Alternative> alternatives,
        List<String> consequences,
        PilotPlan pilotPlan,
        List<EvidenceEntry> evidence,
        Map<String, Object> reports,
        List<String> notes,
        Provenance provenance,
        List<MethodRow> methods)
        implements RecordWriter.Writable {

    public static final int SCHEMA_VERSION = 1;

    /** The use case as declared. */
    public record UseCase(
            String name,
            String taskType,
            String businessOwner,
            String technicalOwner,
            String costOfFailure,
            List<String> mustBeTrue,
            String factsChange,
            boolean citationsRequired) {}

    /** A rule's row in the table. {@code threshold} and {@code measured} are maps of name → value. */
    public record Rule(
            String id,
            String side,
            String title,
            Verdict verdict,
            String condition,
            Map<String, Object> threshold,
            String thresholdText,
            Map<String, Object> measured,
            String measuredText,
            List<String> settledBy,
            String sentence,
            boolean deciding) {}

    /**
     * A row of the method table (FINE_TUNE and HYBRID): estimated peak memory, whether it fits the hardware,
     * cost per run, whether it is within budget (null: unknown or no budget set), the seed's band.
     */
    public record MethodRow(
            String method,
            String label,
            Double peakMemoryGb,
            Boolean fitsHardware,
            Double costPerRunUsd,
            Boolean withinBudget,
            String seedBand,
            String bestFor,
            boolean chosen) {}

    public record CounterfactualEntry(String rule, String change, String decision, String method, String text) {}

    public record UnsettledEntry(String rule, List<String> settledBy, String decisionIfFired, String method) {}

    public record Alternative(String option, String whyNot) {}

    public record PilotPlan(int weeks, List<Metric> metrics, String exit) {
        public record Metric(String name, String target, String source) {}
    }

    public record EvidenceEntry(
            String measure, Object value, String display, String origin, String source, String detail) {}

    /** The file-name slug: {@code ticket-routing-fine-tune}. */
    public String slug() {
        String base = (useCase.name() + "-" + decision)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return base.length() > 60 ? base.substring(0, 60) : base;
    }

    @Override
    public Map<String, Object> logFields() {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("kind", "decision");
        line.put("id", id);
        line.put("date", date);
        line.put("useCase", useCase.name());
        line.put("decision", decision);
        line.put("method", method);
        return line;
    }

    @Override
    public String madeByToolVersion() {
        return provenance.toolVersion();
    }

    /** Whether a rule decided. */
    public boolean deciding(RuleId id) {
        return rules.stream().anyMatch(r -> r.id().equals(id.code()) && r.deciding());
    }
}
