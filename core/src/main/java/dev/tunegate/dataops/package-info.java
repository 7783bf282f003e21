/**
 * Data operations on a workspace's dataset: the rows as tunegate reads them ({@link dev.tunegate.dataops.DatasetRows}),
 * their canonical form and digests ({@link dev.tunegate.dataops.CanonicalJson}, {@link dev.tunegate.dataops.RowDigests}),
 * and, in sub-packages, the training-ready export, dataset versions, the review queue and log, and the adapter registry.
 * Reading, normalising and deduplicating rows is the audit's job ({@link dev.tunegate.audit}): this package builds on it.
 *
 * <p>Must not import: assess, cost, retrieval, record, report, pilot. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.dataops;
