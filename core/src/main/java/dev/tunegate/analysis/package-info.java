/**
 * The analyzer contract: each analyzer turns one kind of artifact into {@link dev.tunegate.evidence.Evidence}
 * and a report. {@link dev.tunegate.analysis.Pipeline} runs them in order and hands the evidence to the policy.
 */
package dev.tunegate.analysis;
