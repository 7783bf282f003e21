/**
 * Eval histories and golden-set regressions. Eval result files (the native JSONL documented in
 * {@code docs/formats/eval-results.md}, promptfoo's {@code results.json}, or CSV with a column mapping)
 * are read by {@link dev.tunegate.evals.read} into {@link dev.tunegate.evals.EvalRecord}s grouped into
 * {@link dev.tunegate.evals.EvalRun}s (one prompt iteration each). {@link dev.tunegate.evals.EvalHistoryAnalysis}
 * measures each iteration (accuracy with its Wilson interval, mean score with a seeded bootstrap
 * interval, error classes from {@link dev.tunegate.evals.ErrorClassifier}), and decides whether the
 * latest iterations plateau and one error class recurs; {@link dev.tunegate.evals.EvalsAnalyzer}
 * turns that into evidence for FT-PLATEAU and NO-STRUCT. {@link dev.tunegate.evals.Regression}
 * compares a baseline and a candidate run item by item for {@code tunegate regress}, the pilot and
 * adapter promotion; {@link dev.tunegate.evals.RegressionLog} is the append-only log of checks run with a workspace,
 * which {@code tunegate due} reads; the readers hash a file while they parse it (into the command's
 * {@link dev.tunegate.io.FileDigests}), so the log names the runs by their digests without a second read. Messy rows are {@link dev.tunegate.evidence.Finding}s (grouped by {@link dev.tunegate.evals.Findings}), never silent and never a crash.
 *
 * <p>Must not import: assess, audit, cost, dataops, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.evals;
