/**
 * Operating after launch: {@link dev.tunegate.ops.WeeklyReview} reads production call logs
 * ({@code ops.read}) and writes the weekly review — refused and low-score topics (the audit's MinHash
 * engine), the backlog ({@code ops/backlog.jsonl}, append-only, stable ids), thumbs-down calls into the
 * review queue, KPIs against the pilot's targets; {@link dev.tunegate.ops.Due} lists what is overdue.
 * Writers ({@link dev.tunegate.ops.WeeklyText}, {@code report.WeeklyReviewPage}) render the JSON and compute nothing.
 *
 * <p>May import audit (and its {@code read}, {@code neardup}), retrieval, dataops, cost, evals, analysis, workspace,
 * io; must not import assess, pilot, policy, record, report; nothing in core imports it. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.ops;
