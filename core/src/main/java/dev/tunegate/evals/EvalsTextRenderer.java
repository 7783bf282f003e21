package dev.tunegate.evals;

import dev.tunegate.evals.EvalsReport.Comparison;
import dev.tunegate.evals.EvalsReport.IterationSummary;
import dev.tunegate.evidence.Finding;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal view of an {@link EvalsReport}: one line per iteration with a compact chart of its
 * accuracy (or mean score) and 95 % interval, then the plateau, the recurring error class and the findings.
 */
public final class EvalsTextRenderer {
    /** Width of the chart in characters. */
    static final int WIDTH = 40;

    private EvalsTextRenderer() {}

    public static String render(EvalsReport r) {
        StringBuilder b = new StringBuilder();
        boolean scores = r.metric().equals("score");
        b.append(String.format(
                Locale.ROOT,
                "Eval history: %d iteration%s, %s; label set: %s; seed %d%n",
                r.iterations().size(),
                r.iterations().size() == 1 ? "" : "s",
                scores ? "mean score" : "accuracy",
                r.labelCount() == 0 ? "none" : LabelSet.describe(r.labelCount(), r.labelSource()),
                r.seed()));
        if (r.iterations().isEmpty()) {
            b.append("  no usable eval records\n");
            appendFindings(b, r);
            return b.toString();
        }
        double lo = 1, hi = 0;
        for (IterationSummary s : r.iterations()) {
            double[] v = values(s, scores);
            if (v == null) continue;
            lo = Math.min(lo, v[1]);
            hi = Math.max(hi, v[2]);
        }
        lo = Math.max(0, Math.floor(lo * 10) / 10);
        hi = Math.min(1, Math.ceil(hi * 10) / 10);
        if (hi <= lo) {
            lo = Math.max(0, lo - 0.1);
            hi = Math.min(1, hi + 0.1);
        }
        int nameWidth = Math.max(
                9,
                r.iterations().stream().mapToInt(s -> s.name().length()).max().orElse(9));
        nameWidth = Math.min(nameWidth, 32);
        String header = String.format(
                Locale.ROOT,
                "  %-" + nameWidth + "s %5s %6s  %-15s %s%n",
                "iteration",
                "n",
                scores ? "score" : "acc",
                "95% interval",
                axis(lo, hi));
        b.append(header);
        for (IterationSummary s : r.iterations()) {
            double[] v = values(s, scores);
            String name = s.name().length() > nameWidth ? s.name().substring(0, nameWidth - 1) + "…" : s.name();
            if (v == null) {
                b.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s %5d %6s%n", name, s.items(), "—"));
                continue;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "  %-" + nameWidth + "s %5d %5.1f%%  [%5.1f, %5.1f]  |%s|%n",
                    name,
                    s.items(),
                    v[0] * 100,
                    v[1] * 100,
                    v[2] * 100,
                    bar(v, lo, hi)));
        }
        b.append('\n');
        var p = r.plateauEvidence();
        b.append(
                r.plateau()
                        ? String.format(
                                Locale.ROOT,
                                "Plateau: yes — the last %d iterations bring no gain over the best earlier one.%n",
                                p.iterationsWithoutGain())
                        : String.format(
                                Locale.ROOT,
                                "Plateau: no — %d latest iteration%s without gain (a plateau needs %d).%n",
                                p.iterationsWithoutGain(),
                                p.iterationsWithoutGain() == 1 ? "" : "s",
                                p.window()));
        for (Comparison c : p.comparisons()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s vs %s: %+.1f points on %d shared items, p = %s%s%s%n",
                    c.iteration(),
                    c.bestEarlier(),
                    c.delta() * 100,
                    c.itemsCompared(),
                    p(c.pValue()),
                    c.midP() == null ? "" : " (mid-p " + p(c.midP()) + ")",
                    c.gain() ? "  ← gain" : ""));
        }
        b.append("  rule: ").append(p.rule()).append('\n');
        b.append('\n');
        b.append("Top error class per iteration (a wrong label counts by its pair, expected→got):\n");
        for (IterationSummary s : r.iterations()) {
            b.append("  ").append(s.name()).append(": ");
            if (s.errors() == 0) {
                b.append("no errors\n");
                continue;
            }
            b.append(topClass(s)).append(" of ").append(s.errors()).append(" errors — by class: ");
            int i = 0;
            for (Map.Entry<String, EvalsReport.ClassShare> e : s.errorClasses().entrySet()) {
                if (i++ > 0) b.append(", ");
                b.append(e.getKey()).append(' ').append(share(e.getValue().share()));
                if (e.getKey().equals(ErrorClass.WRONG_LABEL.name())
                        && !s.confusions().isEmpty()) {
                    EvalsReport.Confusion c = s.confusions().get(0);
                    b.append(" (largest pair ")
                            .append(c.expected())
                            .append('→')
                            .append(c.got())
                            .append(' ')
                            .append(share(c.share()))
                            .append(')');
                }
            }
            b.append('\n');
        }
        if (r.recurringErrorClass() != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "Recurring error class: %s (at least %s of errors in each of the last %d iterations)%n",
                    r.recurringErrorClass().name(),
                    share(r.recurringErrorClass().share()),
                    r.parameters().minIterations()));
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "Recurring error class: none (no class tops each of the last %d iterations with %s of errors)%n",
                    r.parameters().minIterations(),
                    threshold(r.parameters().minRecurringShare())));
        }
        b.append(String.format(
                Locale.ROOT,
                "FORMAT errors in the latest iteration: %s of errors%s%n",
                share(r.formatErrorShare()),
                r.formatDominant() ? " (dominant: structured output would fix most failures)" : ""));
        if (r.regression() != null) {
            b.append('\n').append(RegressionRenderer.text(r.regression()));
        }
        appendFindings(b, r);
        return b.toString();
    }

    private static void appendFindings(StringBuilder b, EvalsReport r) {
        if (r.findings().isEmpty()) return;
        b.append("\nFindings (rows skipped or flagged):\n");
        for (Finding f : r.findings()) b.append("  ").append(f.display()).append('\n');
    }

    /** {estimate, low, high} of the iteration's metric, or null. */
    private static double[] values(IterationSummary s, boolean scores) {
        if (scores)
            return s.meanScore() == null
                    ? null
                    : new double[] {
                        s.meanScore().estimate(),
                        s.meanScore().low(),
                        s.meanScore().high()
                    };
        return s.accuracy() == null ? null : new double[] {s.accuracy(), s.low(), s.high()};
    }

    static String bar(double[] v, double lo, double hi) {
        char[] c = new char[WIDTH];
        java.util.Arrays.fill(c, ' ');
        int l = pos(v[1], lo, hi), h = pos(v[2], lo, hi), m = pos(v[0], lo, hi);
        for (int i = l; i <= h; i++) c[i] = '-';
        c[l] = '[';
        c[h] = ']';
        c[m] = '*';
        return new String(c);
    }

    private static int pos(double x, double lo, double hi) {
        return (int) Math.max(0, Math.min(WIDTH - 1, Math.round((x - lo) / (hi - lo) * (WIDTH - 1))));
    }

    private static String axis(double lo, double hi) {
        String left = String.format(Locale.ROOT, "%.0f%%", lo * 100);
        String right = String.format(Locale.ROOT, "%.0f%%", hi * 100);
        return " " + left + " ".repeat(Math.max(1, WIDTH - left.length() - right.length())) + right;
    }

    static String p(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    /** The top class with its share of the errors ("(tied)" when two classes hold the most). */
    private static String topClass(IterationSummary s) {
        String top = s.topErrorClass();
        if (top == null) return "(tied)";
        Double share;
        if (top.startsWith(ErrorClass.WRONG_LABEL.name() + " ")
                && !s.confusions().isEmpty())
            share = s.confusions().get(0).share(); // the top fine class is the largest pair
        else
            share = s.errorClasses().containsKey(top)
                    ? s.errorClasses().get(top).share()
                    : null;
        return share == null ? top : top + " " + share(share);
    }

    /**
     * A share of errors, to one decimal: the rule of a recurring class compares the unrounded share with its
     * threshold, and a whole percent would show 59 of 198 (29.8%) as "30%" beside "none … with 30% of errors".
     */
    static String share(double s) {
        return String.format(Locale.ROOT, "%.1f%%", s * 100);
    }

    /** A threshold as configured: whole percents without a decimal (30%), others with theirs (12.5%). */
    static String threshold(double t) {
        // from the decimal the double prints as (0.3, not 0.30000000000000004 × 100)
        return java.math.BigDecimal.valueOf(t)
                        .movePointRight(2)
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }
}
