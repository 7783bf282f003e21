package dev.tunegate.policy;

import java.util.List;

/**
 * The outcome of applying the policy to a workspace's evidence.
 *
 * @param kind what to do
 * @param method how to fine-tune (FINE_TUNE and HYBRID only), else null
 * @param methodReason why that method, else empty
 * @param reasons the strongest reasons, most decisive first (at most three)
 * @param deciding the rules that decided, most decisive first
 * @param rules every rule with its verdict and evidence, in policy order
 * @param counterfactuals what measured change would flip the decision
 * @param unsettled unknown rules that could change it, with what would settle them
 * @param methodOptions for FINE_TUNE and HYBRID, the GPU methods against the hardware and budget (else empty)
 */
public record Decision(
        DecisionKind kind,
        Method method,
        String methodReason,
        List<String> reasons,
        List<RuleId> deciding,
        List<RuleResult> rules,
        List<Counterfactual> counterfactuals,
        List<Unsettled> unsettled,
        List<MethodOption> methodOptions) {
    public Decision {
        methodOptions = List.copyOf(methodOptions);
        reasons = List.copyOf(reasons);
        deciding = List.copyOf(deciding);
        rules = List.copyOf(rules);
        counterfactuals = List.copyOf(counterfactuals);
        unsettled = List.copyOf(unsettled);
    }

    /** "FINE_TUNE(LORA)" or "USE_RAG". */
    public String label() {
        return kind + (method == null ? "" : "(" + method + ")");
    }

    public RuleResult rule(RuleId id) {
        return rules.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }
}
