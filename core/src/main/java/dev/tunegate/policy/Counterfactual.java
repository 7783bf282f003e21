package dev.tunegate.policy;

/**
 * The smallest change of one measured input that would flip the decision.
 *
 * @param rule the rule whose verdict the change flips, or null when the change moves only the method (budget, hardware)
 * @param change the change, e.g. "reviewed pairs was 200 pairs instead of 113 pairs (87 more pairs)"
 * @param decision the decision it would lead to
 * @param method its method, or null
 */
public record Counterfactual(RuleId rule, String change, DecisionKind decision, Method method) {
    /** The rule's code, or {@code METHOD} for a change of the method alone. */
    public String ruleCode() {
        return rule == null ? "METHOD" : rule.code();
    }

    /** "if …: FINE_TUNE(LORA)". */
    public String text() {
        return "if " + change + " → " + decision + (method == null ? "" : "(" + method + ")");
    }
}
