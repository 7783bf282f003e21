/**
 * The self-contained HTML report: {@link dev.tunegate.report.HtmlReport} renders a decision record and a pilot
 * record (their JSON twins) as one page with inlined styles, scripts and Chart.js charts. A writer: it computes nothing.
 */
package dev.tunegate.report;
