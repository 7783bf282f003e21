package dev.tunegate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import java.util.Locale;

/**
 * The weekly review as one self-contained HTML page (the report's CSS, Chart.js and chart script inlined),
 * rendered from the review's JSON ({@code ops/weekly/YYYY-Www.json}): KPI charts week over week with the
 * pilot's targets and guardrails as lines, the topics, the backlog. Computes nothing; every piece of log
 * text is HTML-escaped.
 */
public final class WeeklyReviewPage {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final StringBuilder out = new StringBuilder(1 << 16);
    private final ArrayNode charts = F.arrayNode();
    private final JsonNode r;

    private WeeklyReviewPage(JsonNode review) {
        this.r = review;
    }

    /** The page of a review (its JSON tree, or any object Jackson serialises to it). */
    public static String render(Object review) {
        JsonNode tree = review instanceof JsonNode n ? n : Json.mapper().valueToTree(review);
        return new WeeklyReviewPage(tree).page();
    }

    private String page() {
        String week = r.path("week").asText();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Weekly review ")
                .append(esc(week))
                .append(" — tunegate</title>\n")
                .append(
                        "<script>window.__tgErrors=[];window.addEventListener('error',function(e){window.__tgErrors.push(String(e.message||e));});</script>\n")
                .append("<style>\n")
                .append(HtmlReport.resource("report.css"))
                .append("</style>\n</head>\n<body>\n<main>\n");
        out.append("<header>\n<h1>Weekly review ")
                .append(esc(week))
                .append("</h1>\n<p class=\"meta\">")
                .append(esc(r.path("from").asText()))
                .append(" – ")
                .append(esc(r.path("to").asText()))
                .append(" · ")
                .append(r.path("calls").asLong())
                .append(" calls · ")
                .append(r.path("problemCount").asLong())
                .append(" unusable log lines</p>\n</header>\n");
        kpis();
        topics(
                "Refused queries",
                "refusedTopics",
                r.path("refused").asLong() + " refused calls ("
                        + pct(r.path("refusedRate").path("estimate")) + ")");
        long withRetrieval = r.path("callsWithRetrieval").asLong();
        long unlogged = r.path("calls").asLong() - withRetrieval;
        topics(
                "Low-score retrievals",
                "lowScoreTopics",
                withRetrieval == 0
                        // as the text says it: a log without retrieval is not read as calls that retrieved nothing
                        ? "Not measurable: no call of the week records its retrieved documents"
                                + " (a CSV log needs a retrieved column: --column retrieved=NAME)."
                        : r.path("lowScoreRetrievals").asLong() + " of " + withRetrieval
                                + " calls with a top score below "
                                + num(r.path("lowScoreThreshold").path("value")) + " ("
                                + r.path("lowScoreThreshold").path("source").asText() + ": "
                                + r.path("lowScoreThreshold").path("method").asText() + ")"
                                + (unlogged == 0
                                        ? ""
                                        : "; " + unlogged + (unlogged == 1 ? " call does" : " calls do")
                                                + " not record retrieval and are not counted"));
        backlog();
        out.append("<section>\n<h2>Failures into training</h2>\n<p>")
                .append(r.path("negativeFeedback").asLong())
                .append(" calls with negative feedback; ")
                .append(r.path("failuresQueued").asLong())
                .append(" queued in <code>")
                .append(esc(r.path("reviewQueue").asText()))
                .append("</code>, ")
                .append(r.path("failuresAlreadyQueued").asLong())
                .append(" already there.</p>\n</section>\n");
        out.append("</main>\n<script type=\"application/json\" id=\"tg-data\">")
                .append(HtmlReport.safeJson(F.objectNode().set("charts", charts)))
                .append("</script>\n")
                .append("<script>\n")
                .append(HtmlReport.chartJs())
                .append("\n</script>\n<script>\n")
                .append(HtmlReport.resource("report.js"))
                .append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private void kpis() {
        out.append(
                "<section id=\"kpis\">\n<h2>KPIs week over week</h2>\n<table>\n<tr><th>KPI</th><th>kind</th><th>limit</th><th>this week (95% interval)</th><th>previous week</th><th>status</th></tr>\n");
        for (JsonNode c : r.path("kpis").path("checks")) {
            out.append("<tr><td>")
                    .append(esc(c.path("kpi").asText()))
                    .append("</td><td>")
                    .append(esc(c.path("kind").asText()))
                    .append("</td><td class=\"num\">")
                    .append(num(c.path("limit")))
                    .append("</td><td class=\"num\">")
                    .append(
                            c.path("value").isNumber()
                                    ? num(c.path("value")) + " [" + num(c.path("low")) + ", " + num(c.path("high"))
                                            + "]"
                                    : "not measured")
                    .append("</td><td class=\"num\">")
                    .append(c.path("previous").isNumber() ? num(c.path("previous")) : "–")
                    .append("</td><td><span class=\"badge ")
                    .append(
                            "met".equals(c.path("status").asText())
                                    ? "yes"
                                    : "missed".equals(c.path("status").asText()) ? "no" : "unknown")
                    .append("\">")
                    .append(esc(c.path("status").asText()))
                    .append("</span></td></tr>\n");
        }
        out.append("</table>\n<div class=\"charts\">\n");
        JsonNode checks = r.path("kpis").path("checks");
        chart(
                "chart-quality",
                "Answer quality (thumbs up among rated calls)",
                "answerQuality",
                limit(checks, "pilot.qualityTarget"),
                "target",
                true);
        chart("chart-refused", "Refusal rate", "refusedRate", null, null, true);
        chart("chart-low", "Low-score retrieval rate", "lowScoreRate", null, null, true);
        chart(
                "chart-latency",
                "Latency p95 (ms)",
                "latencyP95Ms",
                limit(checks, "pilot.latencyP95MsMax"),
                "guardrail",
                false);
        chart(
                "chart-cost",
                "Cost per call (USD)",
                "costPerCallUsd",
                limit(checks, "pilot.unitCostUsdMax"),
                "guardrail",
                false);
        chart("chart-users", "Distinct users", "distinctUsers", null, null, false);
        out.append("</div>\n</section>\n");
    }

    private static JsonNode limit(JsonNode checks, String key) {
        for (JsonNode c : checks) if (key.equals(c.path("key").asText())) return c.path("limit");
        return null;
    }

    private void chart(String id, String title, String field, JsonNode limit, String kind, boolean share) {
        ArrayNode labels = F.arrayNode(), values = F.arrayNode(), lows = F.arrayNode(), highs = F.arrayNode();
        boolean any = false;
        for (JsonNode w : r.path("kpis").path("weeks")) {
            labels.add(w.path("week").asText());
            JsonNode v = w.path(field);
            if (v.isObject()) {
                values.add(v.path("estimate"));
                lows.add(v.path("low"));
                highs.add(v.path("high"));
                any = true;
            } else if (v.isNumber()) {
                values.add(v);
                any = true;
            } else {
                values.add(F.nullNode());
                lows.add(F.nullNode());
                highs.add(F.nullNode());
            }
        }
        if (!any) {
            out.append("<figure class=\"chart\">\n<h3>")
                    .append(esc(title))
                    .append("</h3>\n<div class=\"missing\">The logs carry no values for this KPI.</div>\n</figure>\n");
            return;
        }
        ArrayNode ds = F.arrayNode();
        ds.add(F.objectNode()
                .put("label", title)
                .put("borderColor", "#2f5bd3")
                .put("backgroundColor", "#2f5bd3")
                .put("pointRadius", 4)
                .put("spanGaps", true)
                .set("data", values));
        if (!lows.isEmpty()) {
            ds.add(F.objectNode()
                    .put("label", "95% interval")
                    .put("borderColor", "#9db2ea")
                    .put("pointRadius", 0)
                    .put("fill", "+1")
                    .put("backgroundColor", "rgba(47,91,211,0.12)")
                    .put("spanGaps", true)
                    .set("data", lows));
            ds.add(F.objectNode()
                    .put("label", "95% high")
                    .put("tgHideInLegend", true)
                    .put("borderColor", "#9db2ea")
                    .put("pointRadius", 0)
                    .put("spanGaps", true)
                    .set("data", highs));
        }
        ObjectNode opts = F.objectNode();
        ObjectNode scales = opts.putObject("scales");
        ObjectNode y = scales.putObject("y").put("beginAtZero", true);
        if (share) y.put("suggestedMax", 1);
        scales.putObject("x").putObject("title").put("display", true).put("text", "ISO week");
        if (limit != null && limit.isNumber()) {
            ObjectNode mark = F.objectNode()
                    .put("axis", "y")
                    .put("label", kind + " " + num(limit))
                    .put("color", "#b42318");
            mark.set("value", limit);
            opts.putObject("plugins").putObject("tgLines").putArray("marks").add(mark);
        }
        ObjectNode c = F.objectNode().put("id", id).put("type", "line");
        c.putObject("data").<ObjectNode>set("labels", labels).set("datasets", ds);
        c.set("options", opts);
        charts.add(c);
        out.append("<figure class=\"chart\">\n<h3>")
                .append(esc(title))
                .append("</h3>\n<div class=\"box\"><canvas id=\"")
                .append(id)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(title))
                .append("\"></canvas></div>\n</figure>\n");
    }

    private void topics(String title, String field, String summary) {
        out.append("<section>\n<h2>")
                .append(esc(title))
                .append("</h2>\n<p>")
                .append(esc(summary))
                .append("</p>\n<table>\n")
                .append(
                        "<tr><th>calls</th><th>topic</th><th>examples</th><th>retrieved (calls, mean score)</th><th>type</th></tr>\n");
        int n = 0;
        for (JsonNode t : r.path(field)) {
            if (n++ == 20) break;
            out.append("<tr><td class=\"num\">")
                    .append(t.path("size").asLong())
                    .append("</td><td><b>")
                    .append(esc(t.path("representative").asText()))
                    .append("</b><br><span class=\"muted mono\">")
                    .append(esc(t.path("id").asText()))
                    .append("</span></td><td><ul>");
            for (JsonNode e : t.path("examples"))
                out.append("<li>").append(esc(e.asText())).append("</li>");
            out.append("</ul></td><td>");
            for (JsonNode d : t.path("documents")) {
                out.append("<code>")
                        .append(esc(d.path("id").asText()))
                        .append("</code> ×")
                        .append(d.path("calls").asLong())
                        .append(" (")
                        .append(num(d.path("meanScore")))
                        .append(
                                d.path("lastUpdated").isTextual()
                                        ? ", updated "
                                                + esc(d.path("lastUpdated").asText())
                                        : "")
                        .append(")<br>");
            }
            if (!t.path("hiddenDocuments").isEmpty()) {
                out.append("<span class=\"badge no\">hidden from the callers</span> ");
                for (JsonNode d : t.path("hiddenDocuments"))
                    out.append("<code>").append(esc(d.asText())).append("</code> ");
            }
            out.append("</td><td>").append(esc(t.path("type").asText())).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private void backlog() {
        out.append("<section>\n<h2>Backlog</h2>\n<p class=\"muted\">ops/backlog.jsonl · business owner ")
                .append(esc(r.path("owners").path("business").asText("(unassigned)")))
                .append(" · technical owner ")
                .append(esc(r.path("owners").path("technical").asText("(unassigned)")))
                .append("</p>\n<table>\n")
                .append(
                        "<tr><th>id</th><th>type</th><th>topic</th><th>calls</th><th>owner</th><th>documents</th><th>open since</th><th>weeks</th></tr>\n");
        for (JsonNode e : r.path("backlog")) {
            out.append("<tr><td class=\"mono\">")
                    .append(esc(e.path("id").asText()))
                    .append("</td><td>")
                    .append(esc(e.path("type").asText()))
                    .append("</td><td>")
                    .append(esc(e.path("topic").asText()))
                    .append("</td><td class=\"num\">")
                    .append(e.path("size").asLong())
                    .append("</td><td>")
                    .append(esc(e.path("owner").asText()))
                    .append("</td><td>");
            for (JsonNode d : e.path("documents"))
                out.append("<code>").append(esc(d.asText())).append("</code> ");
            out.append("</td><td>")
                    .append(esc(e.path("firstSeen").asText()))
                    .append("</td><td class=\"num\">")
                    .append(e.path("weeks").asInt())
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }

    private static String pct(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.1f %%", v.asDouble() * 100) : "–";
    }

    private static String num(JsonNode v) {
        if (v == null || !v.isNumber()) return "–";
        double d = v.asDouble();
        if (d == Math.rint(d) && Math.abs(d) < 1e9) return String.valueOf((long) d);
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
