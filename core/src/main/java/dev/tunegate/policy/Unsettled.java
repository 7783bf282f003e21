package dev.tunegate.policy;

import java.util.List;

/**
 * An unknown rule that could change the decision, and what would settle it.
 *
 * @param rule the unknown rule
 * @param settledBy the artifacts or settings that would produce its evidence
 * @param ifFired the decision if it fired
 * @param method the method then, or null
 */
public record Unsettled(RuleId rule, List<String> settledBy, DecisionKind ifFired, Method method) {
    public Unsettled {
        settledBy = List.copyOf(settledBy);
    }
}
