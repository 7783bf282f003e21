/**
 * The policy: the rules of SPEC.md as data ({@link dev.tunegate.policy.Policy}), their thresholds,
 * and {@link dev.tunegate.policy.DecisionEngine}, which turns evidence into a {@link dev.tunegate.policy.Decision}
 * with counterfactuals. The policy never reads files.
 */
package dev.tunegate.policy;
