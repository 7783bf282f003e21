package dev.tunegate.evals;

import dev.tunegate.evals.RegressionReport.Slice;
import dev.tunegate.evidence.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text, Markdown and JUnit XML views of a {@link RegressionReport} (JSON is Jackson's view of the record). */
public final class RegressionRenderer {
    /** Items listed by name before "and N more". */
    static final int LIST_LIMIT = 10;

    private RegressionRenderer() {}

    public static String text(RegressionReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "Regression check: %s vs baseline %s: %s%n", r.candidate(), r.baseline(), r.verdict()));
        b.append("  ").append(r.reason()).append('\n');
        if (r.sharedItems() == 0) {
            // nothing compared: an accuracy of 0 % or a difference of +0.0 [−100, +100] would read as measured
            b.append("  baseline  and candidate: not measured (no shared item)\n");
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "  baseline  %s%n  candidate %s%n",
                    acc(r.baselineAccuracy()),
                    acc(r.candidateAccuracy())));
            b.append(String.format(
                    Locale.ROOT,
                    "  difference %+.1f points [%+.1f, %+.1f] (%s); exact McNemar p = %s (mid-p %s)%n",
                    r.difference().estimate() * 100,
                    r.difference().low() * 100,
                    r.difference().high() * 100,
                    r.difference().method(),
                    EvalsTextRenderer.p(r.mcnemarP()),
                    EvalsTextRenderer.p(r.mcnemarMidP())));
        }
        b.append(String.format(
                Locale.ROOT,
                "  %d shared items: %d improved, %d regressed, %d unchanged; margin %.1f points%n",
                r.sharedItems(),
                r.improved().size(),
                r.regressed().size(),
                r.unchanged().size(),
                r.margin() * 100));
        if (!r.regressed().isEmpty())
            b.append("  regressed: ").append(list(r.regressed())).append('\n');
        if (!r.improved().isEmpty())
            b.append("  improved: ").append(list(r.improved())).append('\n');
        if (!r.baselineOnly().isEmpty())
            b.append("  only in the baseline (not compared): ")
                    .append(list(r.baselineOnly()))
                    .append('\n');
        if (!r.candidateOnly().isEmpty())
            b.append("  only in the candidate (not compared): ")
                    .append(list(r.candidateOnly()))
                    .append('\n');
        if (!r.missingFromBoth().isEmpty())
            b.append("  golden items in neither run: ")
                    .append(list(r.missingFromBoth()))
                    .append('\n');
        if (r.sampleSize() != null)
            b.append("  sample size: ").append(r.sampleSize().method()).append('\n');
        if (!r.byErrorClass().isEmpty()) {
            b.append("  errors by class (baseline → candidate):");
            r.byErrorClass().forEach((k, v) -> b.append(' ')
                    .append(k)
                    .append(' ')
                    .append(v.baseline())
                    .append("→")
                    .append(v.candidate())
                    .append(';'));
            b.setLength(b.length() - 1);
            b.append('\n');
        }
        for (Slice s : r.bySlice()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %s=%s: %d items, %.1f%% → %.1f%% (%+.1f [%+.1f, %+.1f]), p = %s%n",
                    s.tag(),
                    s.value(),
                    s.items(),
                    s.baselineAccuracy() * 100,
                    s.candidateAccuracy() * 100,
                    s.difference().estimate() * 100,
                    s.difference().low() * 100,
                    s.difference().high() * 100,
                    EvalsTextRenderer.p(s.mcnemarP())));
        }
        for (Finding f : r.findings())
            b.append("  finding: ").append(f.display()).append('\n');
        return b.toString();
    }

    public static String markdown(RegressionReport r) {
        StringBuilder b = new StringBuilder();
        b.append("## Regression check: ")
                .append(md(r.candidate()))
                .append(" vs ")
                .append(md(r.baseline()))
                .append(" — **")
                .append(r.verdict())
                .append("**\n\n");
        b.append(md(r.reason())).append("\n\n");
        if (r.sharedItems() == 0) b.append("Accuracy and difference: not measured (no shared item).\n\n");
        else appendAccuracyTable(b, r);
        b.append(String.format(
                Locale.ROOT,
                "- Shared items: %d (improved %d, regressed %d, unchanged %d); margin %.1f points%n",
                r.sharedItems(),
                r.improved().size(),
                r.regressed().size(),
                r.unchanged().size(),
                r.margin() * 100));
        b.append(String.format(
                Locale.ROOT,
                "- Exact McNemar p = %s (mid-p %s); interval: %s%n",
                EvalsTextRenderer.p(r.mcnemarP()),
                EvalsTextRenderer.p(r.mcnemarMidP()),
                md(r.difference().method())));
        if (r.sampleSize() != null)
            b.append("- Sample size: ").append(md(r.sampleSize().method())).append('\n');
        if (!r.regressed().isEmpty())
            b.append("- Regressed: ").append(md(list(r.regressed()))).append('\n');
        if (!r.improved().isEmpty())
            b.append("- Improved: ").append(md(list(r.improved()))).append('\n');
        if (!r.baselineOnly().isEmpty() || !r.candidateOnly().isEmpty()) {
            b.append(String.format(
                    Locale.ROOT,
                    "- Not compared: %d only in the baseline, %d only in the candidate%n",
                    r.baselineOnly().size(),
                    r.candidateOnly().size()));
        }
        if (!r.bySlice().isEmpty()) {
            b.append(
                    "\n| tag | value | items | baseline | candidate | difference | McNemar p |\n|---|---|---:|---:|---:|---|---:|\n");
            for (Slice s : r.bySlice()) {
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %.1f%% | %.1f%% | %+.1f [%+.1f, %+.1f] | %s |%n",
                        md(s.tag()),
                        md(s.value()),
                        s.items(),
                        s.baselineAccuracy() * 100,
                        s.candidateAccuracy() * 100,
                        s.difference().estimate() * 100,
                        s.difference().low() * 100,
                        s.difference().high() * 100,
                        EvalsTextRenderer.p(s.mcnemarP())));
            }
        }
        if (!r.byErrorClass().isEmpty()) {
            b.append("\n| error class | baseline | candidate |\n|---|---:|---:|\n");
            r.byErrorClass().forEach((k, v) -> b.append("| ")
                    .append(md(k))
                    .append(" | ")
                    .append(v.baseline())
                    .append(" | ")
                    .append(v.candidate())
                    .append(" |\n"));
        }
        if (!r.findings().isEmpty()) {
            b.append("\nFindings:\n\n");
            for (Finding f : r.findings())
                b.append("- ").append(md(f.display())).append('\n');
        }
        return b.toString();
    }

    /**
     * JUnit XML: one test case for the overall verdict (a failure on REGRESSION, skipped when
     * INCONCLUSIVE) and one per slice (a failure when the slice is significantly worse, interval below 0).
     */
    public static String junit(RegressionReport r) {
        int failures = (r.verdict() == Verdict.REGRESSION ? 1 : 0)
                + (int) r.bySlice().stream()
                        .filter(s -> s.items() > 0 && s.difference().high() < 0)
                        .count();
        int skipped = r.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(
                Locale.ROOT,
                "<testsuite name=\"tunegate regress\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n",
                1 + r.bySlice().size(),
                failures,
                skipped));
        String name = "candidate " + r.candidate() + " is non-inferior to baseline " + r.baseline();
        b.append("  <testcase classname=\"tunegate.regress\" name=\"")
                .append(xml(name))
                .append("\">\n");
        if (r.verdict() == Verdict.REGRESSION) {
            b.append("    <failure type=\"REGRESSION\" message=\"")
                    .append(xml(r.reason()))
                    .append("\">")
                    .append(xml(text(r)))
                    .append("</failure>\n");
        } else if (r.verdict() == Verdict.INCONCLUSIVE) {
            b.append("    <skipped message=\"")
                    .append(xml("INCONCLUSIVE: " + r.reason()))
                    .append("\"/>\n");
        }
        b.append("    <system-out>").append(xml(text(r))).append("</system-out>\n");
        b.append("  </testcase>\n");
        for (Slice s : r.bySlice()) {
            String sn = s.tag() + "=" + s.value() + " is not significantly worse";
            b.append("  <testcase classname=\"tunegate.regress.slice\" name=\"")
                    .append(xml(sn))
                    .append("\">\n");
            String line = String.format(
                    Locale.ROOT,
                    "%d items, %.1f%% → %.1f%%, difference %+.1f points [%+.1f, %+.1f], McNemar p = %s",
                    s.items(),
                    s.baselineAccuracy() * 100,
                    s.candidateAccuracy() * 100,
                    s.difference().estimate() * 100,
                    s.difference().low() * 100,
                    s.difference().high() * 100,
                    EvalsTextRenderer.p(s.mcnemarP()));
            if (s.items() > 0 && s.difference().high() < 0) {
                b.append("    <failure type=\"SLICE_REGRESSION\" message=\"")
                        .append(xml(line))
                        .append("\"/>\n");
            }
            b.append("    <system-out>").append(xml(line)).append("</system-out>\n");
            b.append("  </testcase>\n");
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    private static String acc(dev.tunegate.evals.stats.Interval i) {
        return String.format(
                Locale.ROOT, "%.1f%% [%.1f, %.1f] (%s)", i.estimate() * 100, i.low() * 100, i.high() * 100, i.method());
    }

    private static String list(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(LIST_LIMIT, items.size())));
        return items.size() > LIST_LIMIT ? shown + " and " + (items.size() - LIST_LIMIT) + " more" : shown;
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    public static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append(' ');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static void appendAccuracyTable(StringBuilder b, RegressionReport r) {
        b.append("| | accuracy | 95% interval |\n|---|---:|---|\n");
        for (var row :
                List.of(Map.entry("baseline", r.baselineAccuracy()), Map.entry("candidate", r.candidateAccuracy())))
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f%% | %.1f–%.1f%% |%n",
                    row.getKey(),
                    row.getValue().estimate() * 100,
                    row.getValue().low() * 100,
                    row.getValue().high() * 100));
        b.append(String.format(
                Locale.ROOT,
                "| difference | %+.1f pts | %+.1f to %+.1f pts |%n%n",
                r.difference().estimate() * 100,
                r.difference().low() * 100,
                r.difference().high() * 100));
    }
}
