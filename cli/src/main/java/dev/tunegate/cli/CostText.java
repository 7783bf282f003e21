package dev.tunegate.cli;

import dev.tunegate.cost.CostReport;
import dev.tunegate.cost.CostReport.Line;
import dev.tunegate.cost.CostReport.MethodCost;
import dev.tunegate.cost.CostReport.Sensitivity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The text form of a {@link CostReport}: figures with units, a table per method and a small chart of cumulative cost. */
final class CostText {
    private static final int CHART_ROWS = 12;

    private CostText() {}

    static String render(String name, CostReport r) {
        StringBuilder b = new StringBuilder();
        b.append(name)
                .append(": cost model (tokens counted with ")
                .append(r.tokenizer())
                .append(", prices checked as of ")
                .append(r.runDate())
                .append(")\n");
        CostReport.Tokens t = r.tokens();
        b.append("\nPer call\n");
        b.append("  today   ")
                .append(tok(t.todayPromptTokens()))
                .append(" prompt + ")
                .append(tok(t.ragContextTokens()))
                .append(" RAG + ")
                .append(tok(t.inputTokensPerCall()))
                .append(" input = ")
                .append(tok(t.prefillBeforeTokens()))
                .append(" prefill tokens, ")
                .append(tok(t.outputTokensPerCall()))
                .append(" output\n");
        b.append("  tuned   ")
                .append(tok(t.tunedPromptTokens()))
                .append(" prompt → ")
                .append(tok(t.prefillAfterTokens()))
                .append(" prefill tokens; saves ")
                .append(tok(t.savedPrefillTokensPerCall()))
                .append(" prefill tokens per call\n");

        CostReport.Inference inf = r.inference();
        b.append("\nInference (")
                .append(inf.callsPerWeek() == null ? "unknown" : grouped(inf.callsPerWeek()))
                .append(" calls/week)\n");
        b.append("  before  ")
                .append(usd6(inf.beforeUsdPerCall()))
                .append("/call  ")
                .append(usd(inf.beforeUsdPerWeek()))
                .append("/week");
        b.append(inf.beforeFormula().isEmpty() ? "" : "   [" + inf.beforeFormula() + "]")
                .append('\n');
        b.append("  after   ")
                .append(usd6(inf.afterUsdPerCall()))
                .append("/call  ")
                .append(usd(inf.afterUsdPerWeek()))
                .append("/week")
                .append(
                        inf.afterMethod() == null
                                ? ""
                                : " with " + inf.afterMethod().label())
                .append(inf.afterFormula().isEmpty() ? "" : "   [" + inf.afterFormula() + "]")
                .append('\n');

        b.append("\nBreak-even: ");
        switch (r.breakEvenStatus()) {
            case "weeks" ->
                b.append(String.format(Locale.ROOT, "%.2f weeks", r.breakEvenWeeks()))
                        .append(" with ")
                        .append(r.breakEvenMethod().label());
            case "never" ->
                b.append("never (the weekly savings do not cover retraining: training + evaluation every retrain)");
            default -> b.append("unknown");
        }
        b.append(String.format(Locale.ROOT, " — FT-COST fires at ≤ %s weeks%n", num(r.breakEvenThresholdWeeks())));

        b.append("\nTraining and running, per method\n");
        b.append(String.format(
                Locale.ROOT,
                "  %-24s %12s %10s %-18s %-26s %12s %12s%n",
                "method",
                "training",
                "GPU-h",
                "GPU",
                "seed band",
                "after/week",
                "break-even"));
        for (MethodCost m : r.methods()) {
            String band = m.seedBand() == null
                    ? "—"
                    : m.seedBand().text().replace("band ", "").replace(" per run", "")
                            + (m.withinSeedBand() == null ? "" : m.withinSeedBand() ? " within" : " outside");
            String be =
                    switch (m.breakEvenStatus()) {
                        case "weeks" -> String.format(Locale.ROOT, "%.2f w", m.breakEvenWeeks());
                        case "never" -> "never";
                        default -> "unknown";
                    };
            b.append(String.format(
                    Locale.ROOT,
                    "  %-24s %12s %10s %-18s %-26s %12s %12s%n",
                    m.method().label(),
                    usd(m.trainingCostUsd()),
                    m.gpuHours() == null ? "—" : String.format(Locale.ROOT, "%.3f", m.gpuHours()),
                    m.gpu() == null ? "—" : m.gpuCount() + " × " + m.gpu(),
                    band,
                    usd(m.afterUsdPerWeek()),
                    m.applicable() ? be : "n/a"));
            if (!m.applicable())
                b.append("      not applicable: ")
                        .append(m.notApplicableReason())
                        .append('\n');
            if (m.overheadUsd() != null)
                b.append("      ")
                        .append(usd(m.trainingCostUsd().subtract(m.overheadUsd())))
                        .append(" token passes + ")
                        .append(usd(m.overheadUsd()))
                        .append(String.format(
                                Locale.ROOT,
                                " fixed per run (%.2f GPU-h: provisioning, base weights, loading, evaluation pass;"
                                        + " training.runOverheadHours)%n",
                                m.overheadGpuHours()));
            if (m.seedBandNote() != null && !m.seedBandNote().isEmpty())
                b.append("      ").append(m.seedBandNote()).append('\n');
            if (m.applicable() && m.upfrontUsd() != null)
                // what break-even weighs beside training: labeling once, an evaluation round at every (re)training
                b.append("      break-even weighs ")
                        .append(usd(m.upfrontUsd()))
                        .append(" up front (")
                        .append(usd(m.trainingCostUsd()))
                        .append(" training + ")
                        .append(usd(m.labelingUsd()))
                        .append(" labeling, once (training.labelingCostPerRow) + ")
                        .append(usd(m.evaluationUsd()))
                        .append(" evaluation (training.evaluationCostUsd))")
                        .append(
                                m.retrainUsdPerWeek() == null
                                        ? ""
                                        : " and " + usd(m.retrainUsdPerWeek())
                                                + "/week of retraining (training + evaluation at every retrain,"
                                                + " training.retrainEveryWeeks)")
                        .append('\n');
        }

        CostReport.ContextFit fit = r.contextFit();
        b.append("\nContext fit (FT-ONPREM): ")
                .append(tok(fit.requiredTokens()))
                .append(" tokens needed per call vs ")
                .append(tok(fit.windowTokens()))
                .append(" in ")
                .append(fit.model() == null ? "the candidate (unknown)" : fit.model())
                .append(" → ")
                .append(fit.fits() == null ? "unknown" : fit.fits() ? "fits" : "does NOT fit")
                .append('\n');

        if (!r.sensitivity().isEmpty()) {
            b.append("\nSensitivity (one input varied, the others held)\n");
            b.append(String.format(
                    Locale.ROOT,
                    "  %-34s %14s %12s %12s   %s%n",
                    "input",
                    "now",
                    "at −50 %",
                    "at +50 %",
                    "flips FT-COST"));
            for (Sensitivity s : r.sensitivity()) {
                b.append(String.format(
                        Locale.ROOT,
                        "  %-34s %14s %12s %12s   %s%n",
                        s.input(),
                        num(s.current()) + " " + s.unit(),
                        weeks(s.breakEvenAtMinus50()),
                        weeks(s.breakEvenAtPlus50()),
                        s.flipValue() == null
                                ? "no (" + s.note() + ")"
                                : s.flipsWhen() + " " + num(s.flipValue()) + " " + s.unit()));
            }
        }

        if (!r.series().lines().isEmpty()) {
            b.append("\nCumulative cost, weeks 0–")
                    .append(r.series().weeks().get(r.series().weeks().size() - 1))
                    .append('\n');
            b.append(chart(r.series().lines()));
        }

        if (!r.unknowns().isEmpty()) {
            b.append("\nUnknown\n");
            r.unknowns().forEach(u -> b.append("  ")
                    .append(u.figure())
                    .append(": add ")
                    .append(u.settledBy())
                    .append('\n'));
        }
        if (!r.warnings().isEmpty()) {
            b.append("\nWarnings\n");
            r.warnings().forEach(w -> b.append("  ").append(w).append('\n'));
        }
        b.append("\nCatalog entries used\n");
        r.catalogEntries().forEach(e -> b.append("  ")
                .append(e.id())
                .append(" (asOf ")
                .append(e.asOf() == null ? "undated" : e.asOf())
                .append(e.stale() ? ", STALE" : "")
                .append("): ")
                .append(e.source())
                .append('\n'));
        return b.toString();
    }

    /** A text chart: one letter per line, weeks across, USD up; '*' where lines overlap. */
    static String chart(List<Line> lines) {
        int weeks = lines.get(0).cumulativeUsd().size();
        BigDecimal max = BigDecimal.ONE;
        for (Line l : lines) for (BigDecimal v : l.cumulativeUsd()) if (v.compareTo(max) > 0) max = v;
        char[][] grid = new char[CHART_ROWS][weeks];
        for (char[] row : grid) java.util.Arrays.fill(row, ' ');
        StringBuilder legend = new StringBuilder();
        boolean overlap = false;
        for (Line l : lines) {
            char mark = mark(l.name());
            legend.append("  ").append(mark).append(" = ").append(l.label()).append('\n');
            for (int w = 0; w < weeks; w++) {
                double frac = l.cumulativeUsd().get(w).doubleValue() / max.doubleValue();
                int row = CHART_ROWS - 1 - (int) Math.round(frac * (CHART_ROWS - 1));
                char was = grid[row][w];
                grid[row][w] = was == ' ' || was == mark ? mark : '*';
                overlap |= grid[row][w] == '*';
            }
        }
        if (overlap) legend.append("  * = two or more of these lines at the same point (they overlap at this scale)\n");
        StringBuilder b = new StringBuilder();
        for (int row = 0; row < CHART_ROWS; row++) {
            String label = row == 0 ? usd(max) : row == CHART_ROWS - 1 ? "$0" : "";
            b.append(String.format(Locale.ROOT, "  %12s |", label))
                    .append(new String(grid[row]).stripTrailing())
                    .append('\n');
        }
        b.append(String.format(Locale.ROOT, "  %12s +", ""))
                .append("-".repeat(weeks))
                .append('\n');
        b.append(String.format(Locale.ROOT, "  %12s  %-" + (weeks - 2) + "s%s%n", "", "0", String.valueOf(weeks - 1)));
        return b.append(legend).toString();
    }

    private static char mark(String name) {
        return switch (name) {
            case "today" -> 'T';
            case "rag" -> 'R';
            case "provider_api" -> 'P';
            case "lora" -> 'L';
            case "qlora" -> 'Q';
            case "full" -> 'F';
            default -> Character.toUpperCase(name.charAt(0));
        };
    }

    private static String usd(BigDecimal v) {
        return v == null ? "unknown" : String.format(Locale.ROOT, "$%,.2f", v);
    }

    private static String usd6(BigDecimal v) {
        return v == null ? "unknown" : "$" + v.toPlainString();
    }

    private static String tok(Long v) {
        return v == null ? "?" : String.format(Locale.ROOT, "%,d", v);
    }

    private static String grouped(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String weeks(Double w) {
        return w == null ? "never" : String.format(Locale.ROOT, "%.2f w", w);
    }

    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,d", (long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
