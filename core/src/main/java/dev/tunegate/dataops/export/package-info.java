/**
 * {@code tunegate export}: the training-ready dataset a trainer accepts, in one of four formats, with a
 * seeded (and, for classification-like data, stratified) train/validation split and a manifest of digests
 * ({@link dev.tunegate.dataops.export.Exporter}, {@link dev.tunegate.dataops.export.ExportManifest});
 * {@link dev.tunegate.dataops.export.ManifestVerifier} checks an export against its manifest.
 *
 * <p>Must not import: assess, cost, retrieval, record, report, pilot. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.dataops.export;
