/**
 * The self-contained HTML report: {@link dev.tunegate.report.HtmlReport} renders a decision record and a pilot
 * record (their JSON twins) as one page with inlined styles, scripts and Chart.js charts. A writer: it computes nothing.
 *
 * <p>Must not import: assess, the analyzer packages, policy, pilot, workspace — the page renders the record's
 * JSON. Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.report;
