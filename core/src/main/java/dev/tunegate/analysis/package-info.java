/**
 * The analyzer contract: each analyzer turns one kind of artifact into {@link dev.tunegate.evidence.Evidence}
 * and a report. {@link dev.tunegate.analysis.Pipeline} runs them in order and hands the evidence to the policy.
 *
 * <p>Owns the analyzer contract ({@code Analyzer}, {@code AnalysisContext}, {@code AnalyzerResult}, {@code
 * Progress}), the pipeline runner and the declared-config analyzer. Must not import: any concrete analyzer package
 * (audit, evals, retrieval, cost, dataops), assess, record, report, pilot — the composition root, {@code
 * dev.tunegate.assess.StandardPipeline}, names the analyzers. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.analysis;
