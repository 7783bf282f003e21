package dev.tunegate.ops;

import dev.tunegate.evals.stats.Interval;
import java.util.List;
import java.util.Locale;

/** The weekly review as plain text or Markdown. Renders the report; computes nothing. */
public final class WeeklyText {
    private WeeklyText() {}

    public static String text(WeeklyReport r) {
        return render(r, false);
    }

    public static String markdown(WeeklyReport r) {
        return render(r, true);
    }

    private static String render(WeeklyReport r, boolean md) {
        StringBuilder b = new StringBuilder();
        String h1 = md ? "# " : "";
        String h2 = md ? "\n## " : "\n";
        String li = md ? "- " : "  ";
        b.append(h1)
                .append("Weekly review ")
                .append(r.week())
                .append(" (")
                .append(r.from())
                .append(" – ")
                .append(r.to())
                .append(")\n");
        for (var f : r.logs()) {
            b.append(li)
                    .append("read ")
                    .append(code(md, f.file()))
                    .append(": ")
                    .append(f.format().id())
                    .append(f.compression().equals("none") ? "" : ", " + f.compression())
                    .append(", ")
                    .append(f.calls())
                    .append(f.calls() == 1 ? " call, " : " calls, ")
                    .append(f.problems())
                    .append(f.problems() == 1 ? " unusable line\n" : " unusable lines\n");
        }
        if (r.problemCount() > 0) {
            b.append(h2).append("Unusable lines (").append(r.problemCount()).append(")\n");
            for (String p : r.problems().subList(0, Math.min(10, r.problems().size())))
                b.append(li).append(esc(md, p)).append('\n');
            if (r.problemCount() > 10)
                b.append(li)
                        .append("… ")
                        .append(r.problemCount() - 10)
                        .append(" more (all in the JSON, up to ")
                        .append(WeeklyReview.MAX_PROBLEMS_LISTED)
                        .append(")\n");
        }

        b.append(h2).append("Refused queries\n");
        b.append(li)
                .append(r.refused())
                .append(" of ")
                .append(r.calls())
                .append(" calls refused: ")
                .append(rate(r.refusedRate()));
        if (r.previousWeek() != null)
            b.append("; previous week ")
                    .append(r.previousWeek().refused())
                    .append(" of ")
                    .append(r.previousWeek().calls())
                    .append(": ")
                    .append(rate(r.previousWeek().refusedRate()));
        b.append('\n');
        topics(b, r.refusedTopics(), md, li);

        b.append(h2).append("Low-score retrievals\n");
        if (r.callsWithRetrieval() == 0) {
            b.append(li)
                    .append("not measurable: no call of the week records its retrieved documents"
                            + " (a CSV log needs a retrieved column: --column retrieved=NAME)\n");
        } else {
            b.append(li)
                    .append(r.lowScoreRetrievals())
                    .append(" of ")
                    .append(r.callsWithRetrieval())
                    .append(" calls with a top score below ")
                    .append(fmt(r.lowScoreThreshold().value()))
                    .append(" (")
                    .append(r.lowScoreThreshold().source())
                    .append(": ")
                    .append(esc(md, r.lowScoreThreshold().method()))
                    .append(")");
            long unlogged = r.calls() - r.callsWithRetrieval();
            if (unlogged > 0)
                b.append("; ")
                        .append(unlogged)
                        .append(unlogged == 1 ? " call does" : " calls do")
                        .append(" not record retrieval and are not counted");
            b.append('\n');
        }
        topics(b, r.lowScoreTopics(), md, li);

        b.append(h2).append("Backlog (ops/backlog.jsonl)\n");
        if (r.backlog().isEmpty()) b.append(li).append("no topic of ").append("enough calls this week\n");
        if (md && !r.backlog().isEmpty())
            b.append(
                    "| id | type | topic | calls | owner | documents | open since | weeks |\n|---|---|---|---|---|---|---|---|\n");
        for (WeeklyReport.BacklogItem e : r.backlog()) {
            if (md) {
                b.append("| ")
                        .append(e.id())
                        .append(" | ")
                        .append(e.type().label())
                        .append(" | ")
                        .append(cell(e.topic()))
                        .append(" | ")
                        .append(e.size())
                        .append(" | ")
                        .append(cell(e.owner()))
                        .append(" | ")
                        .append(cell(String.join(", ", e.documents())))
                        .append(" | ")
                        .append(e.firstSeen())
                        .append(" | ")
                        .append(e.weeks())
                        .append(" |\n");
            } else {
                b.append(li)
                        .append(e.id())
                        .append("  ")
                        .append(e.type().label())
                        .append(" · ")
                        .append(e.size())
                        .append(" calls · owner ")
                        .append(e.owner())
                        .append(" · \"")
                        .append(e.topic())
                        .append("\"")
                        .append(e.documents().isEmpty() ? "" : " · documents " + String.join(", ", e.documents()))
                        .append(" · open since ")
                        .append(e.firstSeen())
                        .append(e.written() ? (r.dryRun() ? " (would be written)" : " (written)") : " (unchanged)")
                        .append('\n');
            }
        }
        b.append(li)
                .append("owners: business ")
                .append(owner(r.owners().business(), "businessOwner"))
                .append(" (new and stale documents), technical ")
                .append(owner(r.owners().technical(), "technicalOwner"))
                .append(" (metadata fixes, answer review)\n");

        b.append(h2).append("Failures into training\n");
        b.append(li)
                .append(r.negativeFeedback())
                .append(" calls with negative feedback; ")
                .append(r.failuresQueued())
                .append(r.dryRun() ? " would be queued in " : " queued in ")
                .append(code(md, r.reviewQueue()))
                .append(", ")
                .append(r.failuresAlreadyQueued())
                .append(" already there. Next: tunegate review WORKSPACE --reviewer NAME\n");

        b.append(h2).append("KPIs\n");
        if (md)
            b.append(
                    "| KPI | kind | limit | this week (95% interval) | previous week | status |\n|---|---|---|---|---|---|\n");
        for (WeeklyReport.KpiCheck c : r.kpis().checks()) {
            String value = c.value() == null
                    ? "not measured"
                    : fmt(c.value()) + " [" + fmt(c.low()) + ", " + fmt(c.high()) + "]";
            String prev = c.previous() == null ? "–" : fmt(c.previous());
            if (md)
                b.append("| ")
                        .append(c.kpi())
                        .append(" | ")
                        .append(c.kind())
                        .append(" | ")
                        .append(fmt(c.limit()))
                        .append(" | ")
                        .append(value)
                        .append(" | ")
                        .append(prev)
                        .append(" | ")
                        .append(c.status())
                        .append(" |\n");
            else
                b.append(li)
                        .append(String.format(
                                Locale.ROOT,
                                "%-52s %-9s %-10s %-32s prev %-10s %s%n",
                                c.kpi(),
                                c.kind(),
                                fmt(c.limit()),
                                value,
                                prev,
                                c.status()));
        }
        if (r.kpis().checks().isEmpty())
            b.append(li)
                    .append(
                            "no pilot targets in tunegate.yaml (pilot.qualityTarget, adoptionTarget, latencyP95MsMax, unitCostUsdMax)\n");
        b.append(
                md
                        ? "\n| week | calls | refused | low score | quality | users | p50 ms | p95 ms | cost/call |\n|---|---|---|---|---|---|---|---|---|\n"
                        : li + "week over week:\n");
        for (WeeklyReport.WeekKpis w : r.kpis().weeks()) {
            String[] cells = {
                w.week(),
                String.valueOf(w.calls()),
                pct(w.refusedRate()),
                pct(w.lowScoreRate()),
                w.answerQuality() == null ? "–" : pct(w.answerQuality()),
                String.valueOf(w.distinctUsers()),
                est(w.latencyP50Ms()),
                est(w.latencyP95Ms()),
                est(w.costPerCallUsd())
            };
            if (md) b.append("| ").append(String.join(" | ", cells)).append(" |\n");
            else
                b.append(li)
                        .append(li)
                        .append(String.format(
                                Locale.ROOT,
                                "%s  %7s calls  refused %6s  low %6s  quality %6s  users %5s  p50 %7s  p95 %7s  cost %s%n",
                                (Object[]) cells));
        }
        b.append(md ? "\n" : "")
                .append(li)
                .append("intervals: rates ")
                .append(dev.tunegate.evals.stats.WilsonScore.METHOD)
                .append("; latency percentiles ")
                .append(WeekStats.QUANTILE_METHOD)
                .append("; cost per call ")
                .append(WeekStats.MEAN_METHOD)
                .append('\n');
        b.append(li).append("topics: ").append(esc(md, r.clustering())).append('\n');
        return b.toString();
    }

    private static void topics(StringBuilder b, List<WeeklyReport.Topic> topics, boolean md, String li) {
        int shown = 0;
        for (WeeklyReport.Topic t : topics) {
            if (shown++ == 10) {
                b.append(li).append("… ").append(topics.size() - 10).append(" more topics in the JSON\n");
                break;
            }
            b.append(li)
                    .append(md ? "**" : "")
                    .append(t.size())
                    .append(" × \"")
                    .append(esc(md, t.representative()))
                    .append("\"")
                    .append(md ? "**" : "")
                    .append(" (")
                    .append(t.id())
                    .append(", ")
                    .append(t.type().label())
                    .append(t.medianTopScore() == null ? "" : ", median top score " + fmt(t.medianTopScore()))
                    .append(")\n");
            String sub = md ? "  - " : "      ";
            for (String e : t.examples())
                b.append(sub).append("e.g. ").append(esc(md, e)).append('\n');
            if (!t.documents().isEmpty()) {
                b.append(sub).append("retrieved: ");
                for (int i = 0; i < t.documents().size(); i++) {
                    var d = t.documents().get(i);
                    b.append(i == 0 ? "" : ", ")
                            .append(d.id())
                            .append(" ×")
                            .append(d.calls())
                            .append(" (mean ")
                            .append(fmt(d.meanScore()))
                            .append(d.lastUpdated() == null ? "" : ", updated " + d.lastUpdated())
                            .append(")");
                }
                b.append('\n');
            } else {
                b.append(sub).append(t.retrievalLogged() ? "retrieved: nothing\n" : "retrieved: not in the log\n");
            }
            if (t.groups() == null)
                b.append(sub).append("access control: not checked (the log does not record the callers' groups)\n");
            if (!t.hiddenDocuments().isEmpty()) {
                b.append(sub)
                        .append("answered by ")
                        .append(String.join(", ", t.hiddenDocuments()))
                        .append(", which groups ")
                        .append(t.groups().isEmpty() ? "(none)" : String.join(", ", t.groups()))
                        .append(" cannot see\n");
            }
        }
    }

    private static String owner(String o, String key) {
        return o == null ? "(unassigned: set useCase." + key + ")" : o;
    }

    private static String code(boolean md, String s) {
        return md ? "`" + s + "`" : s;
    }

    private static String esc(boolean md, String s) {
        if (!md || s == null) return s;
        return s.replace("\\", "\\\\")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("`", "\\`")
                .replace("<", "&lt;")
                .replace("|", "\\|");
    }

    private static String cell(String s) {
        return esc(true, s == null ? "" : s);
    }

    private static String rate(Interval i) {
        return pct(i) + " [" + pctOf(i.low()) + ", " + pctOf(i.high()) + "]";
    }

    private static String pct(Interval i) {
        return i == null ? "–" : pctOf(i.estimate());
    }

    private static String pctOf(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    private static String est(Interval i) {
        return i == null ? "–" : fmt(i.estimate());
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
