/**
 * Dataset versions: {@code tunegate data snapshot} records the rows of {@code data.train} under
 * {@code DIR/.tunegate/datasets/} with a canonical, order-independent content digest
 * ({@link dev.tunegate.dataops.version.DatasetVersions}); {@code tunegate data diff} compares two versions
 * row by row ({@link dev.tunegate.dataops.version.VersionDiff}).
 *
 * <p>Must not import: assess, cost, retrieval, record, report, pilot. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.dataops.version;
