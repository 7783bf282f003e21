/**
 * Adapters versioned like dependencies: the registry ({@code DIR/adapters/registry.json}) of fine-tuned
 * adapters with their base model, dataset version, training config digest and golden-set run, and the lock
 * file ({@code DIR/adapters.lock}) saying which adapter each environment uses. Promotion is gated by the
 * golden-set regression check of {@link dev.tunegate.evals.Regression}.
 */
package dev.tunegate.dataops.adapter;
