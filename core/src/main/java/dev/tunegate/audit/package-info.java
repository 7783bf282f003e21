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
 * <p>Must not import: assess, cost, dataops, evals, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.audit;
