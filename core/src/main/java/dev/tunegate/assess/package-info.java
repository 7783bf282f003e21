/**
 * The main job, {@code tunegate assess}, and the composition root: {@link dev.tunegate.assess.Assessment} ties
 * workspace, analyzers, policy and writers together.
 *
 * <p>Owns the composition: which analyzers run ({@code StandardPipeline}, which also attaches the review log's overlay to the audit, so the
 * training file is read once for the audit and the reviewed audit), how a decision record is built ({@code
 * DecisionRecords}, {@code Alternatives}, {@code PilotPlans}), and the cost run. May import every core package;
 * nothing in core but {@code pilot} imports it. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.assess;
