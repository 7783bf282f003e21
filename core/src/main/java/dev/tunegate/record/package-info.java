/**
 * Writers of the decision record: {@link dev.tunegate.record.DecisionRecord} is the JSON twin's schema,
 * {@link dev.tunegate.record.MarkdownRecord} renders it, {@link dev.tunegate.record.DecisionRecordWriter}
 * writes both atomically and appends the decision log. Writers never compute.
 */
package dev.tunegate.record;
