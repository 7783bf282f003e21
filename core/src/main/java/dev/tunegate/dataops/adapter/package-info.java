/**
 * Adapters versioned like dependencies: the registry ({@code DIR/adapters/registry.json}) of fine-tuned
 * adapters with their base model, dataset version, training config digest and golden-set run, and the lock
 * file ({@code DIR/adapters.lock}) saying which adapter each environment uses. Promotion is gated by the
 * golden-set regression check of {@link dev.tunegate.evals.Regression}.
 *
 * <p>Must not import: assess, cost, retrieval, record, report, pilot. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.dataops.adapter;
