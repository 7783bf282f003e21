package dev.tunegate.record;

import dev.tunegate.analysis.AnalyzerResult;

/** Renders a {@link DecisionRecord} as Markdown in the spirit of MADR. Renders only; computes nothing. */
public final class MarkdownRecord {
    private MarkdownRecord() {}

    public static String render(DecisionRecord r) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append(". ").append(cell(r.title())).append("\n\n");
        b.append("- Status: decided by tunegate ")
                .append(r.provenance().toolVersion())
                .append('\n');
        b.append("- Date: ").append(r.date()).append('\n');
        b.append("- Next review: ").append(r.nextReview()).append(" (quarterly, and on every new base model)\n");
        b.append("- Decision: **").append(r.label()).append("**\n\n");

        b.append("## Context\n\n");
        DecisionRecord.UseCase u = r.useCase();
        b.append("- Use case: ")
                .append(cell(u.name()))
                .append(" (task type: ")
                .append(u.taskType())
                .append(")\n");
        b.append("- What must be true in answers: ")
                .append(
                        u.mustBeTrue().isEmpty()
                                ? "not stated (set useCase.mustBeTrue)"
                                : String.join(
                                        "; ",
                                        u.mustBeTrue().stream()
                                                .map(MarkdownRecord::cell)
                                                .toList()))
                .append('\n');
        b.append("- How often facts change: ")
                .append(u.factsChange() == null ? "not declared" : u.factsChange())
                .append(measuredFreshness(r))
                .append('\n');
        b.append("- Citations required: ")
                .append(u.citationsRequired() ? "yes" : "no")
                .append('\n');
        b.append("- Cost of failure: ")
                .append(u.costOfFailure() == null ? "not stated" : u.costOfFailure())
                .append('\n');
        b.append("- Business owner (corpus freshness): ")
                .append(u.businessOwner() == null ? "not named (set useCase.businessOwner)" : cell(u.businessOwner()))
                .append('\n');
        b.append("- Technical owner (pipelines): ")
                .append(
                        u.technicalOwner() == null
                                ? "not named (set useCase.technicalOwner)"
                                : cell(u.technicalOwner()))
                .append("\n\n");

        b.append("## Decision\n\n");
        b.append("**").append(r.label()).append("** — ").append(r.summary()).append("\n\n");
        if (r.methodReason() != null && !r.methodReason().isEmpty())
            b.append("Method: ").append(r.methodReason()).append(".\n\n");
        if (r.methods() != null && !r.methods().isEmpty()) {
            b.append(
                    "| method | estimated peak memory | fits the hardware? | cost per run | within budget? | the seed's band |\n|---|---|---|---|---|---|\n");
            for (DecisionRecord.MethodRow m : r.methods()) {
                b.append("| ")
                        .append(m.chosen() ? "**" + m.label() + "**" : m.label())
                        .append(" | ")
                        .append(
                                m.peakMemoryGb() == null
                                        ? "unknown"
                                        : String.format(java.util.Locale.ROOT, "%.1f GB", m.peakMemoryGb()))
                        .append(" | ")
                        .append(yesNo(m.fitsHardware(), "unknown"))
                        .append(" | ")
                        .append(
                                m.costPerRunUsd() == null
                                        ? "unknown"
                                        : String.format(java.util.Locale.ROOT, "$%,.2f", m.costPerRunUsd()))
                        .append(" | ")
                        .append(yesNo(m.withinBudget(), "no budget set"))
                        .append(" | ")
                        .append(m.seedBand())
                        .append(" — ")
                        .append(m.bestFor())
                        .append(" |\n");
            }
            b.append('\n');
        }
        b.append("Why:\n\n");
        for (int i = 0; i < r.reasons().size(); i++)
            b.append(i + 1).append(". ").append(r.reasons().get(i)).append('\n');
        b.append('\n');

        b.append("### What would change this decision\n\n");
        if (r.counterfactuals().isEmpty() && r.unsettled().isEmpty()) {
            b.append("No single measured change flips it.\n");
        }
        for (DecisionRecord.CounterfactualEntry c : r.counterfactuals()) {
            b.append("- If ")
                    .append(c.change())
                    .append(" (")
                    .append(c.rule())
                    .append("): **")
                    .append(c.decision())
                    .append(c.method() == null ? "" : "(" + c.method() + ")")
                    .append("**\n");
        }
        for (DecisionRecord.UnsettledEntry un : r.unsettled()) {
            b.append("- ")
                    .append(un.rule())
                    .append(" is unknown; if it fired: **")
                    .append(un.decisionIfFired())
                    .append(un.method() == null ? "" : "(" + un.method() + ")")
                    .append("** — settle it with ")
                    .append(String.join(", ", un.settledBy()))
                    .append('\n');
        }
        b.append('\n');

        b.append("## Rules\n\n");
        b.append("| rule | verdict | threshold | measured | source sentence |\n|---|---|---|---|---|\n");
        for (DecisionRecord.Rule rule : r.rules()) {
            String verdict =
                    switch (rule.verdict()) {
                        case FIRED -> "FIRED";
                        case NOT_FIRED -> "not fired";
                        case UNKNOWN -> "UNKNOWN";
                        case NOT_APPLICABLE -> "n/a";
                    };
            String measured = rule.verdict() == dev.tunegate.policy.Verdict.UNKNOWN
                    ? "unknown — needs " + String.join(", ", rule.settledBy())
                    : rule.verdict() == dev.tunegate.policy.Verdict.NOT_APPLICABLE
                            ? "n/a — the use case does not have its subject"
                            : rule.measuredText();
            b.append("| ")
                    .append(rule.deciding() ? "**" + rule.id() + "**" : rule.id())
                    .append(" ")
                    .append(cell(rule.title()))
                    .append(" | ")
                    .append(verdict)
                    .append(" | ")
                    .append(cell(rule.condition()))
                    .append(" | ")
                    .append(cell(measured))
                    .append(" | ")
                    .append(cell(rule.sentence()))
                    .append(" |\n");
        }
        b.append(
                "\nRules in bold decided the outcome. Thresholds are the seed's defaults unless overridden under `policy.thresholds`.\n\n");

        b.append("## Alternatives considered\n\n");
        for (DecisionRecord.Alternative a : r.alternatives())
            b.append("- **")
                    .append(cell(a.option()))
                    .append("** — ")
                    .append(cell(a.whyNot()))
                    .append('\n');
        b.append('\n');

        b.append("## Consequences\n\n");
        for (String c : r.consequences()) b.append("- ").append(c).append('\n');
        b.append('\n');

        b.append("## Pilot plan\n\n");
        b.append(r.pilotPlan().weeks())
                .append(" weeks, with named metrics:\n\n| metric | target | measured by |\n|---|---|---|\n");
        for (DecisionRecord.PilotPlan.Metric m : r.pilotPlan().metrics()) {
            b.append("| ")
                    .append(cell(m.name()))
                    .append(" | ")
                    .append(cell(m.target()))
                    .append(" | ")
                    .append(cell(m.source()))
                    .append(" |\n");
        }
        b.append('\n').append(r.pilotPlan().exit()).append("\n\n");

        b.append("## Evidence\n\n| measure | value | origin | source |\n|---|---|---|---|\n");
        for (DecisionRecord.EvidenceEntry e : r.evidence()) {
            b.append("| ")
                    .append(e.measure())
                    .append(" | ")
                    .append(cell(e.display()))
                    .append(" | ")
                    .append(e.origin().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(cell(e.source()))
                    .append(" |\n");
        }
        if (!r.notes().isEmpty()) {
            b.append("\nNotes:\n\n");
            for (String n : r.notes()) b.append("- ").append(cell(n)).append('\n');
        }
        b.append('\n');

        b.append("## Provenance\n\n");
        b.append("- Tool: tunegate ").append(r.provenance().toolVersion()).append('\n');
        b.append("- Analyzers run: ")
                .append(String.join(", ", r.provenance().analysis().analyzers()));
        if (!r.provenance().analysis().skippedAnalyzers().isEmpty())
            b.append(" (not applicable: ")
                    .append(String.join(", ", r.provenance().analysis().skippedAnalyzers()))
                    .append(')');
        b.append("\n- Inputs (SHA-256):\n");
        for (AnalyzerResult.InputFile f : r.provenance().inputs())
            b.append("  - `").append(f.path()).append("` ").append(f.sha256()).append('\n');
        if (r.provenance().analysis().datasetVersion() != null)
            b.append("- Dataset version: `")
                    .append(r.provenance().analysis().datasetVersion())
                    .append("` (tunegate data snapshot)\n");
        b.append(
                "- Effective configuration and thresholds: in the JSON twin (`provenance.config`, `provenance.thresholds`).\n");
        return MarkdownSafety.neutralise(b.toString());
    }

    private static String measuredFreshness(DecisionRecord r) {
        for (DecisionRecord.EvidenceEntry e : r.evidence()) {
            if (e.measure().equals("factChangeIntervalDays") && e.origin().equals("MEASURED")) {
                return " (measured: facts change every " + e.display() + ", median)";
            }
        }
        return "";
    }

    private static String yesNo(Boolean b, String ifNull) {
        return b == null ? ifNull : b ? "yes" : "no";
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String s) {
        if (s == null) return "";
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
