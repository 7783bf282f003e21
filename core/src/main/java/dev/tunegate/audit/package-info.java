/**
 * The dataset audit: one streaming, all-cores pass over a fine-tuning dataset that counts rows by
 * provenance, review status and policy era, finds exact and near duplicates, conflicting outputs,
 * output-schema drift, PII and golden-set leakage, and counts tokens with a real tokenizer.
 *
 * <p>Entry point: {@link dev.tunegate.audit.DatasetAudit#run}. The reader thread splits the file
 * into batches of rows ({@link dev.tunegate.audit.read}); worker threads parse, normalise, tokenize
 * and sign each row into a fixed-size {@link dev.tunegate.audit.RowResult}; results are merged in
 * row order into single-threaded accumulators, so a report is identical whatever the thread count.
 * The JSON contract of {@link dev.tunegate.audit.AuditReport} is documented in
 * {@code docs/formats/audit-report.md}.
 *
 * <p>An audit may carry an overlay ({@link dev.tunegate.audit.RowOverlay}: each valid row as another view leaves it —
 * unchanged, changed or dropped — plus rows appended): {@code OverlayPass} feeds that view to an accumulator of its
 * own in the same pass, reusing the row work of unchanged rows, and the audit returns its report beside the file's
 * ({@link dev.tunegate.audit.DatasetAudit.Overlaid}). The audit owns the contract and knows no implementation: the
 * review log's ({@code dataops.review.ReviewOverlay}) is attached by the composition root
 * ({@link dev.tunegate.audit.AuditAnalyzer.Overlays}), and the view's report is left in the run's memo
 * ({@link dev.tunegate.audit.RowOverlay#REPORT}). An overlay may follow its view as the pass goes
 * ({@link dev.tunegate.audit.RowOverlay.Listener}: each row, with the file line it comes from, and the view's findings)
 * — the conflict listing ({@code dataops.review.ConflictReview}) takes its groups and rows from it.
 *
 * <p>Must not import: assess, cost, dataops, evals, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.audit;
