/**
 * Decision and pilot records as values and their renderings: {@link dev.tunegate.record.DecisionRecord} is the JSON
 * twin's schema, {@link dev.tunegate.record.MarkdownRecord} renders it, {@link dev.tunegate.record.RecordWriter}
 * writes a record and its twin atomically and appends the decision log. Writers never compute.
 *
 * <p>Owns the record values ({@code DecisionRecord}), their renderers ({@code MarkdownRecord}, {@code
 * RulesDocument}), the one writer of decision and pilot records ({@code RecordWriter}) and the folder they are
 * numbered in ({@code RecordFolder}). Must not import: assess, the analyzer packages, report, pilot — it computes
 * nothing. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.record;
