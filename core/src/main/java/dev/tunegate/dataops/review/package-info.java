/**
 * The review queue and the human review of candidate rows: production failures ingested as pending rows
 * ({@link dev.tunegate.dataops.review.FailureIngest}), the queue file ({@link dev.tunegate.dataops.review.ReviewQueue}),
 * the append-only review log that is the truth about every decision ({@link dev.tunegate.dataops.review.ReviewLog}),
 * the rows shared among reviewers by per-row claims ({@link dev.tunegate.dataops.review.ReviewBoard},
 * {@link dev.tunegate.dataops.review.RowClaims}) that the terminal session ({@link dev.tunegate.dataops.review.ReviewSession})
 * and {@code tunegate serve} both use, agreement between reviewers ({@link dev.tunegate.dataops.review.ReviewAgreement}),
 * the dataset with the decisions applied ({@link dev.tunegate.dataops.review.ReviewedDataset}, written out for export
 * only), and the same decisions as the audit's overlay ({@link dev.tunegate.dataops.review.ReviewOverlay}, an
 * {@code audit.RowOverlay}), through which the audit's one pass over the training file also audits the reviewed
 * dataset for the FT-DATA count and FT-CONSISTENT ({@link dev.tunegate.dataops.review.ReviewLogAnalyzer} reads it from
 * the run's memo) and lists its conflict groups for a reviewer to settle
 * ({@link dev.tunegate.dataops.review.ConflictReview}, following the view as a {@code RowOverlay.Listener}).
 *
 * <p>Must not import: assess, cost, retrieval, record, report, pilot. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.dataops.review;
