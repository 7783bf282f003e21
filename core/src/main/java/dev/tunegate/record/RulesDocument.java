package dev.tunegate.record;

import dev.tunegate.policy.Policy;
import dev.tunegate.policy.Rule;
import dev.tunegate.policy.Threshold;
import dev.tunegate.evidence.Evidence;

/** Renders docs/RULES.md from the policy itself, so the documentation cannot drift from the code. */
public final class RulesDocument {
    private RulesDocument() {}

    public static String render(Policy policy) {
        StringBuilder b = new StringBuilder();
        b.append("# The rules tunegate applies\n\n")
         .append("Generated from `dev.tunegate.policy.Policy` (a test fails when this file and the code disagree).\n")
         .append("Every threshold is a default of the seed article, overridable per workspace under\n")
         .append("`policy.thresholds` in `tunegate.yaml`. A rule is **FIRED**, **NOT_FIRED** or **UNKNOWN**; it is\n")
         .append("unknown only when the evidence it lacks could change its verdict (three-valued logic), and then\n")
         .append("the decision names the artifact that would settle it.\n\n");
        b.append("| rule | fires when | thresholds (default) | source sentence |\n|---|---|---|---|\n");
        var defaults = policy.thresholds(java.util.Map.of());
        for (Rule r : policy.rules()) {
            b.append("| **").append(r.id().code()).append("** ").append(r.title()).append(" | ")
             .append(MarkdownRecord.cell(r.condition().describe(defaults))).append(" | ");
            if (r.thresholds().isEmpty()) b.append("—");
            for (int i = 0; i < r.thresholds().size(); i++) {
                Threshold t = r.thresholds().get(i);
                if (i > 0) b.append("<br>");
                b.append('`').append(t.name()).append("` = ").append(Evidence.display(t.measure(), t.defaultValue()));
            }
            b.append(" | ").append(MarkdownRecord.cell(r.sentence())).append(" |\n");
        }
        b.append("\n## The ladder\n\n")
         .append("The decision applies the rules in this order (prompt → RAG → fine-tune; blockers first):\n\n")
         .append("1. **NO-PAIRS** fired → `NOT_READY`.\n")
         .append("2. **FIX-ACL** fired → `FIX_ACCESS_CONTROL` (a blocker before anything else).\n")
         .append("3. **FIX-RECALL** fired → `FIX_RETRIEVAL`.\n")
         .append("4. **NO-STRUCT** fired → `CONFIGURE_STRUCTURED_OUTPUT`.\n")
         .append("5. A *reason* to fine-tune is FT-PLATEAU, FT-COST or FT-ONPREM fired; a *fit* is FT-TASK or FT-SCHEMA fired.\n")
         .append("6. **NO-FRESH** or **NO-CITE** fired → `HYBRID` when a reason, a fit and FT-DATA all fired, else `USE_RAG`.\n")
         .append("7. A reason and a fit → `FINE_TUNE` when FT-DATA fired, else `COLLECT_DATA` (NO-DATA says whether a labeling pipeline is missing too).\n")
         .append("8. Otherwise → `IMPROVE_PROMPT`.\n\n")
         .append("An UNKNOWN rule counts as not fired for the decision; the record lists every unknown rule that would\n")
         .append("change the decision if it fired, with the artifact that settles it.\n\n")
         .append("## The method (FINE_TUNE and HYBRID)\n\n")
         .append("1. `PROVIDER_API` when data may leave the perimeter, inference need not run on premises and the provider still offers fine-tuning.\n")
         .append("2. `QLORA` when the candidate base model is larger than `").append(Policy.METHOD_QLORA_ABOVE_PARAMS_B).append("` = ")
         .append(fmt(policy.thresholdDefinitions().get(Policy.METHOD_QLORA_ABOVE_PARAMS_B).defaultValue())).append(" B parameters.\n")
         .append("3. `FULL` when the cost of failure is high and reviewed pairs reach `").append(Policy.METHOD_FULL_MIN_PAIRS).append("` = ")
         .append(fmt(policy.thresholdDefinitions().get(Policy.METHOD_FULL_MIN_PAIRS).defaultValue())).append(".\n")
         .append("4. Otherwise `LORA`, the production default for 7B–13B models.\n\n")
         .append("## Counterfactuals\n\n")
         .append("For every rule with a known verdict, tunegate moves each measure it reads to the nearest value on the other\n")
         .append("side of its threshold, re-applies the whole policy, and reports the smallest such change that flips the\n")
         .append("decision (\"if reviewed pairs … were 200 pairs instead of 113 pairs (+87) → FINE_TUNE(LORA)\").\n");
        return b.toString();
    }

    private static String fmt(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }
}
