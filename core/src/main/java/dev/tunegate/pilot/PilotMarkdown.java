package dev.tunegate.pilot;

/** Renders a {@link PilotRecord} as Markdown. Renders only; computes nothing. */
public final class PilotMarkdown {
    private PilotMarkdown() {}

    public static String render(PilotRecord r) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.id()).append(". ").append(cell(r.title())).append("\n\n");
        b.append("- Status: ")
                .append(r.verdict())
                .append("\n- Date: ")
                .append(r.date())
                .append("\n- Kind: pilot record\n\n");
        b.append("## Verdict\n\n").append(r.summary()).append("\n\n");
        b.append("## Why\n\n");
        for (int i = 0; i < r.reasons().size(); i++)
            b.append(i + 1).append(". ").append(r.reasons().get(i)).append("\n");
        if (!r.misses().isEmpty()) {
            b.append("\n## What misses\n\n");
            r.misses().forEach(m -> b.append("- ").append(m).append("\n"));
        }
        b.append("\n## What would change it\n\n");
        r.wouldChange().forEach(m -> b.append("- ").append(m).append("\n"));
        b.append(
                "\n## Conditions\n\n| condition | gate | met | measured | target | trend per week | source |\n|---|---|---|---|---|---|---|\n");
        for (PilotCondition c : r.conditions()) {
            b.append("| `")
                    .append(c.id())
                    .append("` ")
                    .append(cell(c.title()))
                    .append(" | ")
                    .append(c.gate())
                    .append(" | ")
                    .append(c.notApplicable() ? "n/a" : c.met() == null ? "unknown" : c.met() ? "yes" : "**no**")
                    .append(" | ")
                    .append(cell(c.measuredText()))
                    .append(" | ")
                    .append(cell(c.targetText()))
                    .append(" | ");
            b.append(c.trendText() == null ? "—" : cell(c.trendText()));
            b.append(" | ").append(cell(c.source())).append(" |\n");
        }
        if (r.checkpoints() != null && !r.checkpoints().rows().isEmpty()) {
            b.append("\n## Checkpoints (")
                    .append(cell(r.checkpoints().file()))
                    .append(")\n\n| date | calls | adoption | latency p95 ms | unit cost USD | ")
                    .append(
                            r.settings().processKpi() == null
                                    ? "process KPI"
                                    : cell(r.settings().processKpi()))
                    .append(" |\n|---|---|---|---|---|---|\n");
            for (Checkpoint c : r.checkpoints().rows()) {
                b.append("| ")
                        .append(c.date())
                        .append(" | ")
                        .append(c.calls())
                        .append(" | ")
                        .append(n(c.adoption()))
                        .append(" | ")
                        .append(n(c.latencyP95Ms()))
                        .append(" | ")
                        .append(n(c.unitCostUsd()))
                        .append(" | ")
                        .append(n(c.processKpi()))
                        .append(" |\n");
            }
        }
        if (!r.findings().isEmpty()) {
            b.append("\n## Findings\n\n");
            r.findings().forEach(f -> b.append("- `").append(cell(f.display())).append("`\n"));
        }
        b.append("\n## Provenance\n\n- ")
                .append(r.provenance().tool())
                .append(" ")
                .append(r.provenance().toolVersion())
                .append(", workspace `")
                .append(r.provenance().workspace())
                .append("`\n");
        r.provenance().inputs().forEach(i -> b.append("- `")
                .append(i.path())
                .append("` sha256 `")
                .append(i.sha256())
                .append("`\n"));
        return dev.tunegate.record.MarkdownSafety.neutralise(b.toString());
    }

    private static String n(Double d) {
        return d == null ? "—" : PilotJudge.plain(d);
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}
