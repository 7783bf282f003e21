/**
 * The policy: the rules (docs/RULES.md) as data ({@link dev.tunegate.policy.Policy}), their thresholds,
 * and {@link dev.tunegate.policy.DecisionEngine}, which turns evidence into a {@link dev.tunegate.policy.Decision}
 * with counterfactuals. The policy never reads files.
 *
 * <p>Must not import: assess, analysis, any analyzer package, record, report, pilot, workspace, io — the policy
 * never reads files. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.policy;
