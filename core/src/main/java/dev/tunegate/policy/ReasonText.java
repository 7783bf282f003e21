package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.List;
import java.util.Optional;

/**
 * A decision's reasons as a product owner reads them: one short sentence per rule with the measured
 * value against its threshold ("Prompting has plateaued: 3 iterations without a significant gain
 * (needs 3); …"). The full condition stays in the rule table.
 */
final class ReasonText {
    private final EvidenceSet ev;
    private final Thresholds t;

    ReasonText(EvidenceSet ev, Thresholds t) {
        this.ev = ev;
        this.t = t;
    }

    /** The sentence of a rule with its verdict, ending with the rule's code. */
    String of(RuleId id, Verdict verdict, List<String> settledBy) {
        String s =
                switch (verdict) {
                    case UNKNOWN -> unknown(id, settledBy);
                    case NOT_APPLICABLE -> "Does not apply to this use case";
                    case FIRED -> fired(id);
                    case NOT_FIRED -> notFired(id);
                };
        return s + " (" + id.code() + ")";
    }

    private String unknown(RuleId id, List<String> settledBy) {
        String what =
                switch (id) {
                    case FT_PLATEAU -> "Whether prompting has plateaued is unknown";
                    case FT_COST ->
                        has(Measure.BREAK_EVEN_WEEKS) && !has(Measure.ITERATIONS_WITHOUT_GAIN)
                                ? "Fine-tuning would repay training in " + v(Measure.BREAK_EVEN_WEEKS) + " (needs ≤ "
                                        + t.display("FT-COST.maxBreakEvenWeeks")
                                        + "), but without an eval history nothing shows that prompting has stopped improving"
                                : "Whether fine-tuning pays back is unknown";
                    default -> "Unknown";
                };
        return what + ": add " + String.join(", ", settledBy);
    }

    private String fired(RuleId id) {
        return switch (id) {
            case FIX_ACL ->
                "The index lacks access control: " + v(Measure.DOCS_WITHOUT_GROUPS) + " without access groups (allowed "
                        + t.display("FIX-ACL.maxUngroupedDocuments") + "), " + v(Measure.ACL_LEAKS)
                        + " a principal may not read (allowed "
                        + t.display("FIX-ACL.maxLeaks") + ")";
            case FIX_RECALL ->
                "Retrieval recall@k is " + v(Measure.RECALL_AT_K) + " on golden questions (needs "
                        + t.display("FIX-RECALL.minRecall") + ")";
            case NO_PAIRS -> "The task cannot be described as input→output pairs yet";
            case NO_STRUCT ->
                v(Measure.FORMAT_ERROR_SHARE) + " of the latest errors are format errors (from "
                        + t.display("NO-STRUCT.minFormatShare") + ") and structured output is not configured";
            case NO_FRESH ->
                "Facts change every " + v(Measure.FACT_CHANGE_INTERVAL_DAYS) + " (weekly or faster: ≤ "
                        + t.display("NO-FRESH.maxChangeIntervalDays") + ")";
            case NO_CITE -> "Answers must cite source documents line by line";
            case NO_DATA ->
                "Only " + v(Measure.REVIEWED_PAIRS) + " of quality labeled data (needs "
                        + t.display("NO-DATA.minQualityExamples") + ") and no labeling pipeline";
            case FT_PLATEAU -> "Prompting has plateaued: " + iterations() + "; " + recurring();
            case FT_SCHEMA ->
                "Outputs follow one schema: " + v(Measure.OUTPUT_SCHEMA_CONFORMANCE) + " conform (needs "
                        + t.display("FT-SCHEMA.minConformance") + ")";
            case FT_COST ->
                "Shorter prompts repay training in " + v(Measure.BREAK_EVEN_WEEKS) + " (needs ≤ "
                        + t.display("FT-COST.maxBreakEvenWeeks") + ") and prompting has stopped improving: "
                        + iterations();
            case FT_ONPREM ->
                "On-prem inference: a call needs " + v(Measure.REQUIRED_CONTEXT_TOKENS) + ", more than the candidate's "
                        + window();
            case FT_TASK ->
                "The task is " + text(Measure.TASK_TYPE) + " with stable pairs: " + v(Measure.LABEL_DISAGREEMENT_RATE)
                        + " of candidate rows conflict (allowed " + t.display("FT-TASK.maxDisagreement") + ")";
            case FT_DATA ->
                v(Measure.REVIEWED_PAIRS) + " reviewed and usable for training (needs "
                        + t.display("FT-DATA.minReviewedPairs") + ")";
            case FT_CONSISTENT ->
                "Labels conflict: " + count(Measure.CONFLICT_GROUPS, "conflict group")
                        + ", " + v(Measure.CONFLICT_ROWS) + " — " + v(Measure.CONFLICT_ROW_SHARE)
                        + " of approved rows (allowed "
                        + t.display(Policy.FT_CONSISTENT_MAX_SHARE) + ")";
        };
    }

    private String notFired(RuleId id) {
        return switch (id) {
            case FIX_ACL -> "Every document carries access groups and no principal retrieves what it may not see";
            case FIX_RECALL ->
                "Retrieval recall@k is " + v(Measure.RECALL_AT_K) + " (needs " + t.display("FIX-RECALL.minRecall")
                        + ")";
            case NO_PAIRS -> "The task is described as input→output pairs";
            case NO_STRUCT ->
                "Format errors are not the problem: " + v(Measure.FORMAT_ERROR_SHARE)
                        + " of errors, or structured output is configured";
            case NO_FRESH -> "Facts change every " + v(Measure.FACT_CHANGE_INTERVAL_DAYS) + ", less often than weekly";
            case NO_CITE -> "Answers need not cite sources line by line";
            case NO_DATA -> "Enough labeled data or a labeling pipeline";
            case FT_PLATEAU ->
                atLeast(Measure.ITERATIONS_WITHOUT_GAIN, Policy.FT_PLATEAU_MIN_ITERATIONS)
                        ? "No error class repeats: " + recurring()
                        : "Prompting still improves: " + iterations();
            case FT_SCHEMA ->
                has(Measure.OUTPUTS_STRUCTURED)
                                && ev.get(Measure.OUTPUTS_STRUCTURED).get().asBoolean()
                        ? "Outputs do not follow one schema: " + v(Measure.OUTPUT_SCHEMA_CONFORMANCE)
                                + " conform (needs " + t.display("FT-SCHEMA.minConformance") + ")"
                        : "Outputs are free-form, not one structured schema";
            case FT_COST -> {
                if (!has(Measure.BREAK_EVEN_WEEKS))
                    yield "Whether shorter prompts would repay training is not measured, and prompting still improves: "
                            + iterations();
                boolean pays = ev.get(Measure.BREAK_EVEN_WEEKS).get().asDouble() <= t.get("FT-COST.maxBreakEvenWeeks");
                yield pays
                        ? "Fine-tuning would repay training in " + v(Measure.BREAK_EVEN_WEEKS) + " (needs ≤ "
                                + t.display("FT-COST.maxBreakEvenWeeks") + "), but prompting still improves: "
                                + iterations()
                                + " — the economics will favour a fine-tune once prompting stops improving"
                        : "Shorter prompts repay training in " + v(Measure.BREAK_EVEN_WEEKS) + " (needs ≤ "
                                + t.display("FT-COST.maxBreakEvenWeeks") + ")";
            }
            case FT_ONPREM ->
                "On-prem inference fits: a call needs " + v(Measure.REQUIRED_CONTEXT_TOKENS)
                        + ", within the candidate's " + window();
            case FT_TASK ->
                Policy.FINE_TUNABLE_TASKS.contains(text(Measure.TASK_TYPE))
                        ? "The pairs are not stable: " + v(Measure.LABEL_DISAGREEMENT_RATE)
                                + " of candidate rows conflict (allowed " + t.display("FT-TASK.maxDisagreement") + ")"
                        : "The task is " + text(Measure.TASK_TYPE)
                                + ", not classification, extraction, routing or summarization";
            case FT_DATA ->
                "Only " + v(Measure.REVIEWED_PAIRS) + " reviewed and usable for training (needs "
                        + t.display("FT-DATA.minReviewedPairs") + ")";
            case FT_CONSISTENT ->
                "Labels are consistent: " + v(Measure.CONFLICT_ROW_SHARE) + " of approved rows conflict (allowed "
                        + t.display(Policy.FT_CONSISTENT_MAX_SHARE) + ")";
        };
    }

    private String iterations() {
        return v(Measure.ITERATIONS_WITHOUT_GAIN) + " without a significant gain (needs "
                + t.display(Policy.FT_PLATEAU_MIN_ITERATIONS).replaceAll(" iterations?$", "") + ")";
    }

    private String recurring() {
        String cls = ev.get(Measure.RECURRING_ERROR_CLASS).map(Evidence::asText).orElse("the top error class");
        return cls + " holds " + v(Measure.RECURRING_ERROR_SHARE) + " of errors (needs "
                + t.display("FT-PLATEAU.minRecurringShare") + ")";
    }

    private String window() {
        return ev.get(Measure.CANDIDATE_CONTEXT_WINDOW)
                        .map(Evidence::display)
                        .orElse(t.display("FT-ONPREM.contextTokens"))
                + " window";
    }

    private boolean has(Measure m) {
        return ev.has(m);
    }

    /** "120 conflict groups", "1 conflict group". */
    private String count(Measure m, String noun) {
        return ev.get(m).map(e -> counted(e.asDouble(), noun)).orElse("an unknown number of " + noun + "s");
    }

    static String counted(double n, String noun) {
        return (long) n + " " + noun + (n == 1 ? "" : "s");
    }

    private boolean atLeast(Measure m, String threshold) {
        return ev.get(m).map(e -> e.asDouble() >= t.get(threshold)).orElse(false);
    }

    private String v(Measure m) {
        return ev.get(m).map(Evidence::display).orElse("an unknown " + m.description());
    }

    private String text(Measure m) {
        return Optional.ofNullable(ev.get(m).map(Evidence::asText).orElse(null)).orElse("unknown");
    }
}
