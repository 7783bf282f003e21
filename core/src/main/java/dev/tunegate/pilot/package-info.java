/**
 * {@code tunegate pilot}: reads a pilot's named metrics and targets from {@code tunegate.yaml}, its dated KPI
 * checkpoints ({@link dev.tunegate.pilot.CheckpointReader}), the golden-set regression of the candidate against
 * the baseline ({@link dev.tunegate.evals.Regression}) and the cost model's break-even, and decides SCALE,
 * IMPROVE or STOP ({@link dev.tunegate.pilot.PilotJudge}) with each condition's evidence. The verdict is written
 * as a pilot record beside the decision records ({@link dev.tunegate.record.RecordWriter}).
 *
 * <p>May import assess (it reruns the assessment), evals, cost, record, report; nothing in core imports it.
 * Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.pilot;
