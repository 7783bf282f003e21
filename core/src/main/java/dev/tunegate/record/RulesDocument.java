package dev.tunegate.record;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.policy.Policy;
import dev.tunegate.policy.Rule;
import dev.tunegate.policy.Threshold;

/** Renders docs/RULES.md from the policy itself, so the documentation cannot drift from the code. */
public final class RulesDocument {
    private RulesDocument() {}

    public static String render(Policy policy) {
        StringBuilder b = new StringBuilder();
        b.append("# The rules tunegate applies\n\n")
                .append(
                        "Generated from `dev.tunegate.policy.Policy` (a test fails when this file and the code disagree).\n")
                .append("Every threshold is a default of the seed article, overridable per workspace under\n")
                .append(
                        "`policy.thresholds` in `tunegate.yaml`. A rule is **FIRED**, **NOT_FIRED**, **UNKNOWN** or **NOT_APPLICABLE**;\n")
                .append(
                        "it is unknown only when the evidence it lacks could change its verdict (three-valued logic), and then\n")
                .append(
                        "the decision names the artifact that would settle it. It is not applicable (n/a) when the use case does not\n")
                .append(
                        "have its subject (FIX-ACL and FIX-RECALL without retrieval in use; FT-ONPREM without an on-prem requirement):\n")
                .append("n/a never counts as unsettled.\n\n");
        b.append("| rule | fires when | thresholds (default) | source sentence |\n|---|---|---|---|\n");
        var defaults = policy.thresholds(java.util.Map.of());
        for (Rule r : policy.rules()) {
            b.append("| **")
                    .append(r.id().code())
                    .append("** ")
                    .append(r.title())
                    .append(" | ")
                    .append(MarkdownRecord.cell(r.condition().describe(defaults)))
                    .append(" | ");
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
                .append(
                        "5. A *behaviour reason* to fine-tune is FT-PLATEAU or FT-ONPREM fired; a *reason* is a behaviour reason or FT-COST, which\n")
                .append(
                        "   fires only once prompting has stopped improving (iterations without significant gain ≥ `FT-PLATEAU.minIterations`):\n")
                .append(
                        "   without an eval history cost never yields a fine-tune. A *fit* is FT-TASK or FT-SCHEMA fired.\n")
                .append(
                        "6. **NO-FRESH** or **NO-CITE** fired → `HYBRID` when a behaviour reason, a fit and FT-DATA fired and FT-CONSISTENT did not, else `USE_RAG`.\n")
                .append(
                        "7. A reason and a fit → `FINE_TUNE` when FT-DATA fired and FT-CONSISTENT did not, else `COLLECT_DATA` (FT-CONSISTENT names the\n")
                .append("   conflict groups to resolve; NO-DATA says whether a labeling pipeline is missing too).\n")
                .append(
                        "8. Otherwise → `IMPROVE_PROMPT` (FT-COST's reason says when the economics already favour a fine-tune).\n\n")
                .append(
                        "An UNKNOWN or NOT_APPLICABLE rule counts as not fired for the decision; the record lists every unknown rule that would\n")
                .append("change the decision if it fired, with the artifact that settles it.\n\n")
                .append("## The method (FINE_TUNE and HYBRID)\n\n")
                .append(
                        "The cost model estimates each GPU method's peak training memory (weights, optimizer and adapter states, activations at the\n")
                .append(
                        "dataset's p95 example length: docs/formats/cost.md) and its cost per run; the hardware is `training.gpuMemoryGb` ×\n")
                .append(
                        "`training.gpuCount` (else the catalog's GPU), the budget `training.maxBudgetUsd` per run. A method *fits* when it fits both\n")
                .append("(an unknown figure does not object).\n\n")
                .append(
                        "1. `PROVIDER_API` when data may leave the perimeter, inference need not run on premises and the provider still offers fine-tuning.\n")
                .append("2. `FULL` when the cost of failure is high, reviewed pairs reach `")
                .append(Policy.METHOD_FULL_MIN_PAIRS)
                .append("` = ")
                .append(fmt(policy.thresholdDefinitions()
                        .get(Policy.METHOD_FULL_MIN_PAIRS)
                        .defaultValue()))
                .append(", `training.iteration` is not rapid and full fits.\n")
                .append(
                        "3. `QLORA` when `training.iteration` is `rapid` and QLoRA fits (the seed: budget labs, rapid iteration).\n")
                .append(
                        "4. `LORA` when it fits, the production default for 7B–13B models. Without a memory estimate, LoRA is kept up to\n")
                .append("   `")
                .append(Policy.METHOD_QLORA_ABOVE_PARAMS_B)
                .append("` = ")
                .append(fmt(policy.thresholdDefinitions()
                        .get(Policy.METHOD_QLORA_ABOVE_PARAMS_B)
                        .defaultValue()))
                .append(" B parameters.\n")
                .append(
                        "5. Otherwise `QLORA`; the reason says what LoRA lacks (memory or budget), and what to add when QLoRA does not fit either.\n\n")
                .append(
                        "The record's method table shows each GPU method: estimated memory, fits the hardware?, cost per run, within budget?,\n")
                .append("the seed's band.\n\n")
                .append("## Counterfactuals\n\n")
                .append(
                        "For every rule with a known verdict, tunegate moves each measure it reads to the nearest value on the other\n")
                .append(
                        "side of its threshold, re-applies the whole policy, and reports the smallest such change that flips the\n")
                .append(
                        "decision (\"if reviewed pairs … were 200 pairs instead of 113 pairs (+87) → FINE_TUNE(LORA)\"). A fired FT-CONSISTENT\n")
                .append(
                        "says how many conflict groups to resolve, largest first; for FINE_TUNE and HYBRID the smallest change of the budget\n")
                .append("or the GPU memory that changes the method is listed too (rule `METHOD`).\n");
        return b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
