/**
 * Readers of eval result files: the native JSONL ({@link dev.tunegate.evals.read.NativeJsonlReader}),
 * promptfoo's {@code results.json} ({@link dev.tunegate.evals.read.PromptfooReader}) and CSV exports
 * with a column mapping ({@link dev.tunegate.evals.read.CsvEvalReader}). {@link dev.tunegate.evals.read.EvalReaders}
 * picks one by format or by the file's name and first bytes. A row that cannot be used is a
 * {@link dev.tunegate.evidence.Finding} (through {@link dev.tunegate.evals.Findings}); a file that cannot be used at all is an
 * {@link dev.tunegate.io.InvalidInputException}.
 *
 * <p>Must not import: assess, audit, cost, dataops, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.evals.read;
