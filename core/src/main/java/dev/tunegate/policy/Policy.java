package dev.tunegate.policy;

import static dev.tunegate.policy.Condition.and;
import static dev.tunegate.policy.Condition.compare;
import static dev.tunegate.policy.Condition.compareTo;
import static dev.tunegate.policy.Condition.isFalse;
import static dev.tunegate.policy.Condition.isTrue;
import static dev.tunegate.policy.Condition.oneOf;
import static dev.tunegate.policy.Condition.or;

import dev.tunegate.evidence.Measure;
import dev.tunegate.policy.Condition.Op;
import dev.tunegate.policy.Rule.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped policy: every rule of docs/RULES.md with the article sentence it comes from and its
 * default thresholds, plus the thresholds of the method choice. Data only; {@link DecisionEngine} applies it.
 */
public final class Policy {
    /** Task types the article names as fine-tunable. */
    public static final Set<String> FINE_TUNABLE_TASKS =
            Set.of("classification", "extraction", "routing", "summarization");

    private final List<Rule> rules;
    private final Map<String, Threshold> thresholds;

    private Policy(List<Rule> rules, List<Threshold> methodThresholds) {
        this.rules = List.copyOf(rules);
        Map<String, Threshold> t = new LinkedHashMap<>();
        for (Rule r : rules) for (Threshold th : r.thresholds()) t.put(th.name(), th);
        for (Threshold th : methodThresholds) t.put(th.name(), th);
        this.thresholds = java.util.Collections.unmodifiableMap(t);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Rule rule(RuleId id) {
        return rules.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /** Every threshold by name, with its default. */
    public Map<String, Threshold> thresholdDefinitions() {
        return thresholds;
    }

    /** Defaults with the given overrides (names already validated). */
    public Thresholds thresholds(Map<String, Double> overrides) {
        return new Thresholds(thresholds, overrides);
    }

    public Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        thresholds.forEach((k, v) -> m.put(k, v.defaultValue()));
        return m;
    }

    public static final String METHOD_QLORA_ABOVE_PARAMS_B = "METHOD.qloraAboveParamsB";
    public static final String METHOD_FULL_MIN_PAIRS = "METHOD.fullMinReviewedPairs";
    public static final String FT_CONSISTENT_MAX_SHARE = "FT-CONSISTENT.maxConflictShare";
    public static final String FT_PLATEAU_MIN_ITERATIONS = "FT-PLATEAU.minIterations";

    /** The policy of docs/RULES.md with its default thresholds. */
    public static Policy standard() {
        Threshold schemaShare = new Threshold(
                "FT-SCHEMA.minConformance",
                0.95,
                Measure.OUTPUT_SCHEMA_CONFORMANCE,
                "share of outputs that must conform to one schema");
        Threshold plateauIters = new Threshold(
                FT_PLATEAU_MIN_ITERATIONS,
                3,
                Measure.ITERATIONS_WITHOUT_GAIN,
                "iterations without significant gain that make a plateau");
        Threshold recurringShare = new Threshold(
                "FT-PLATEAU.minRecurringShare",
                0.30,
                Measure.RECURRING_ERROR_SHARE,
                "share of errors the repeating class must hold");
        Threshold breakEven = new Threshold(
                "FT-COST.maxBreakEvenWeeks",
                13,
                Measure.BREAK_EVEN_WEEKS,
                "break-even must come within this many weeks (a quarter: the retrain cadence)");
        Threshold onPremTokens = new Threshold(
                "FT-ONPREM.contextTokens",
                8000,
                Measure.REQUIRED_CONTEXT_TOKENS,
                "context a small on-prem model cannot carry, when its window is not configured");
        Threshold disagreement = new Threshold(
                "FT-TASK.maxDisagreement",
                0.05,
                Measure.LABEL_DISAGREEMENT_RATE,
                "largest share of training-candidate rows in a conflict group for pairs to count as stable");
        Threshold minPairs = new Threshold(
                "FT-DATA.minReviewedPairs", 200, Measure.REVIEWED_PAIRS, "reviewed pairs needed to pilot an adapter");
        Threshold freshDays = new Threshold(
                "NO-FRESH.maxChangeIntervalDays",
                7,
                Measure.FACT_CHANGE_INTERVAL_DAYS,
                "facts changing at least this often (days) belong in retrieval, not weights");
        Threshold noDataPairs = new Threshold(
                "NO-DATA.minQualityExamples",
                200,
                Measure.REVIEWED_PAIRS,
                "quality labeled examples below which, without a labeling pipeline, a team is not ready");
        Threshold formatShare = new Threshold(
                "NO-STRUCT.minFormatShare", 0.5, Measure.FORMAT_ERROR_SHARE, "share of errors that are format errors");
        Threshold minRecall = new Threshold(
                "FIX-RECALL.minRecall",
                0.80,
                Measure.RECALL_AT_K,
                "recall@k on golden questions below which retrieval is fixed first");
        Threshold ungrouped = new Threshold(
                "FIX-ACL.maxUngroupedDocuments",
                0,
                Measure.DOCS_WITHOUT_GROUPS,
                "documents without access groups tolerated");
        Threshold leaks = new Threshold(
                "FIX-ACL.maxLeaks",
                0,
                Measure.ACL_LEAKS,
                "results leaking to a principal outside the document's groups tolerated");
        Threshold conflictShare = new Threshold(
                FT_CONSISTENT_MAX_SHARE,
                0.05,
                Measure.CONFLICT_ROW_SHARE,
                "largest share of approved, current-era rows that may sit in a conflict group (same or near-duplicate input, rival output)");
        Condition retrievalInUse = isTrue(Measure.RETRIEVAL_IN_USE);

        List<Rule> rules = List.of(
                new Rule(
                        RuleId.FIX_ACL,
                        Side.FIX_FIRST,
                        "The index has access control",
                        "Teams ship demos without access control on the index, then discover legal blocked the rollout. Map SSO groups to metadata before writing UI polish.",
                        or(
                                compare(Measure.DOCS_WITHOUT_GROUPS, Op.ABOVE, ungrouped.name()),
                                compare(Measure.ACL_LEAKS, Op.ABOVE, leaks.name())),
                        List.of(ungrouped, leaks),
                        retrievalInUse),
                new Rule(
                        RuleId.FIX_RECALL,
                        Side.FIX_FIRST,
                        "Retrieval recall is high enough to build on",
                        "Another pitfall: optimizing generation while retrieval recall is below eighty percent on golden questions. Fix the index and chunking first — no prompt will substitute for missing documents.",
                        compare(Measure.RECALL_AT_K, Op.BELOW, minRecall.name()),
                        List.of(minRecall),
                        retrievalInUse),
                new Rule(
                        RuleId.NO_PAIRS,
                        Side.AGAINST_FINE_TUNING,
                        "The task can be described as input→output pairs",
                        "If you cannot describe the task as input-to-output pairs, you are not ready.",
                        isFalse(Measure.DESCRIBABLE_AS_PAIRS),
                        List.of()),
                new Rule(
                        RuleId.NO_STRUCT,
                        Side.AGAINST_FINE_TUNING,
                        "Failures are format errors that structured output would solve",
                        "The problem is solved by tool calling or JSON mode you have not configured yet.",
                        and(
                                compare(Measure.FORMAT_ERROR_SHARE, Op.AT_LEAST, formatShare.name()),
                                isFalse(Measure.STRUCTURED_OUTPUT_CONFIGURED)),
                        List.of(formatShare)),
                new Rule(
                        RuleId.NO_FRESH,
                        Side.AGAINST_FINE_TUNING,
                        "Facts change weekly",
                        "Facts change weekly — product catalog, pricing, compliance macros.",
                        compare(Measure.FACT_CHANGE_INTERVAL_DAYS, Op.AT_MOST, freshDays.name()),
                        List.of(freshDays)),
                new Rule(
                        RuleId.NO_CITE,
                        Side.AGAINST_FINE_TUNING,
                        "Answers must cite sources",
                        "Users must cite source documents line by line.",
                        isTrue(Measure.CITATIONS_REQUIRED),
                        List.of()),
                new Rule(
                        RuleId.NO_DATA,
                        Side.AGAINST_FINE_TUNING,
                        "Too little labeled data and no pipeline",
                        "You have fewer than two hundred quality labeled examples and no labeling pipeline.",
                        and(
                                compare(Measure.REVIEWED_PAIRS, Op.BELOW, noDataPairs.name()),
                                isFalse(Measure.LABELING_PIPELINE)),
                        List.of(noDataPairs)),
                new Rule(
                        RuleId.FT_PLATEAU,
                        Side.FOR_FINE_TUNING,
                        "Prompt engineering has plateaued on a repeating error class",
                        "Prompt engineering plateaus on a held-out eval set with the same error class repeating.",
                        and(
                                compare(Measure.ITERATIONS_WITHOUT_GAIN, Op.AT_LEAST, plateauIters.name()),
                                compare(Measure.RECURRING_ERROR_SHARE, Op.AT_LEAST, recurringShare.name())),
                        List.of(plateauIters, recurringShare)),
                new Rule(
                        RuleId.FT_SCHEMA,
                        Side.FOR_FINE_TUNING,
                        "Outputs follow one schema",
                        "Output schema must be identical across millions of calls — JSON fields, legal clauses, medical codes.",
                        and(
                                isTrue(Measure.OUTPUTS_STRUCTURED),
                                compare(Measure.OUTPUT_SCHEMA_CONFORMANCE, Op.AT_LEAST, schemaShare.name())),
                        List.of(schemaShare)),
                new Rule(
                        RuleId.FT_COST,
                        Side.FOR_FINE_TUNING,
                        "Shorter prompts repay training in weeks",
                        "Latency and token cost dominate: shorter prompts after tuning repay training in weeks.",
                        and(
                                compare(Measure.BREAK_EVEN_WEEKS, Op.AT_MOST, breakEven.name()),
                                compare(Measure.ITERATIONS_WITHOUT_GAIN, Op.AT_LEAST, plateauIters.name())),
                        List.of(breakEven, plateauIters)),
                new Rule(
                        RuleId.FT_ONPREM,
                        Side.FOR_FINE_TUNING,
                        "An on-prem model cannot carry the context",
                        "You need on-prem inference with a smaller model that cannot carry eight-thousand tokens of RAG context every time.",
                        and(
                                isTrue(Measure.ON_PREM_INFERENCE),
                                compareTo(
                                        Measure.REQUIRED_CONTEXT_TOKENS,
                                        Op.ABOVE,
                                        Measure.CANDIDATE_CONTEXT_WINDOW,
                                        onPremTokens.name())),
                        List.of(onPremTokens),
                        isTrue(Measure.ON_PREM_INFERENCE)),
                new Rule(
                        RuleId.FT_TASK,
                        Side.FOR_FINE_TUNING,
                        "The task has stable input→output pairs",
                        "The task is classification, extraction, routing, or summarization with stable input-output pairs you can label.",
                        and(
                                oneOf(Measure.TASK_TYPE, FINE_TUNABLE_TASKS),
                                compare(Measure.LABEL_DISAGREEMENT_RATE, Op.AT_MOST, disagreement.name())),
                        List.of(disagreement)),
                new Rule(
                        RuleId.FT_DATA,
                        Side.FOR_FINE_TUNING,
                        "Enough reviewed pairs to pilot an adapter",
                        "Labeled pairs: 200+ reviewed → pilot adapter. Often 500–5,000 quality pairs for LoRA; start with 50–100 gold examples.",
                        compare(Measure.REVIEWED_PAIRS, Op.AT_LEAST, minPairs.name()),
                        List.of(minPairs)),
                new Rule(
                        RuleId.FT_CONSISTENT,
                        Side.AGAINST_FINE_TUNING,
                        "Labels conflict: the same input has rival outputs",
                        "One thousand consistent examples beat one hundred thousand noisy pairs.",
                        compare(Measure.CONFLICT_ROW_SHARE, Op.ABOVE, conflictShare.name()),
                        List.of(conflictShare)));

        List<Threshold> method = List.of(
                new Threshold(
                        METHOD_QLORA_ABOVE_PARAMS_B,
                        13,
                        Measure.CANDIDATE_PARAMS_B,
                        "above this base-model size LoRA in 16-bit needs multi-GPU memory: prefer QLoRA"),
                new Threshold(
                        METHOD_FULL_MIN_PAIRS,
                        5000,
                        Measure.REVIEWED_PAIRS,
                        "reviewed pairs from which a full fine-tune's higher ceiling is worth its cost (with a high cost of failure)"));
        return new Policy(rules, method);
    }
}
