package dev.tunegate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import dev.tunegate.record.DecisionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a decision record (and a pilot record, when there is one) as ONE self-contained HTML page for a
 * product owner: the verdict in one sentence, its reasons and what would change it, the rule table, charts
 * drawn by the inlined Chart.js, the worst examples behind each finding, and provenance.
 *
 * <p>A writer: it selects and formats fields of the records (each analyzer's report is read as a
 * {@link JsonNode}, so the page does not depend on the analyzers' Java types) and computes nothing. Every
 * piece of user text is HTML-escaped; the chart data travel in a {@code <script type="application/json">}
 * block with {@code <}, {@code >} and {@code &} escaped as JSON unicode escapes, so no string can end the script.
 */
public final class HtmlReport {
    /** The Chart.js version inlined (the webjar {@code org.webjars.npm:chart.js}). */
    public static final String CHART_JS_VERSION = "4.4.7";

    static final String CHART_JS_RESOURCE =
            "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.js";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] PALETTE = {
        "#2f5bd3", "#d9480f", "#1f7a4d", "#7b3fbf", "#c2255c", "#0b7285", "#a15c07", "#495057"
    };

    private final JsonNode d;
    private final JsonNode p;
    /** Whether the decision record shown is stored in decisions/ (else it was assessed for this page only). */
    private final boolean decisionRecorded;
    /** Whether the pilot record shown is stored in decisions/ (else it was judged for this page only). */
    private final boolean pilotRecorded;

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final ArrayNode charts = F.arrayNode();
    private boolean wide;

    private HtmlReport(JsonNode decision, JsonNode pilot, boolean decisionRecorded, boolean pilotRecorded) {
        this.d = decision;
        this.p = pilot == null || pilot.isNull() ? null : pilot;
        this.decisionRecorded = decisionRecorded;
        this.pilotRecorded = pilotRecorded;
    }

    /**
     * The page.
     *
     * @param record the decision record
     * @param pilot the pilot record as JSON, or null when there is none
     */
    public static String render(DecisionRecord record, JsonNode pilot) {
        return render(Json.mapper().valueToTree(record), pilot);
    }

    /** The page of a decision record (and pilot record) given as JSON: the records' JSON twins. */
    public static String render(JsonNode decision, JsonNode pilot) {
        return new HtmlReport(decision, pilot, true, true).page();
    }

    /**
     * {@code tunegate report}'s page: the decision record as stored when {@code decisionRecorded} (its JSON twin),
     * else as assessed for this page only; the pilot record (or null) is always judged for this page only. A record
     * that is not stored is said to be so, never shown under a number decisions/ does not hold.
     */
    public static Path writeReport(Path file, JsonNode decision, boolean decisionRecorded, JsonNode pilot) {
        AtomicFiles.write(file, new HtmlReport(decision, pilot, decisionRecorded, false).page());
        return file;
    }

    /** Writes the page of the record (and pilot record as JSON, or null) atomically to {@code file}. */
    public static Path write(Path file, DecisionRecord record, JsonNode pilot) {
        AtomicFiles.write(file, render(record, pilot));
        return file;
    }

    /** {@code tunegate report}'s default file: {@code reports/NNNN-slug.html} in the workspace, numbered like the record it shows. */
    public static Path defaultFile(Path workspaceRoot, DecisionRecord record) {
        return workspaceRoot.resolve("reports").resolve(record.id() + "-" + record.slug() + ".html");
    }

    // ---------------------------------------------------------------------------------------------- page

    private String page() {
        String name = text(d.path("useCase").path("name"));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"tunegate ")
                .append(esc(text(d.path("provenance").path("toolVersion"))))
                .append("\">\n")
                .append("<title>")
                .append(esc(name))
                .append(" — tunegate report</title>\n")
                .append(
                        "<script>window.__tgErrors=[];window.addEventListener('error',function(e){window.__tgErrors.push(String(e.message||e));});</script>\n")
                .append("<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(name);
        decision();
        if (p != null) pilot();
        else missingSection("The pilot", noPilotYet());
        chartsSection();
        rules();
        worstExamples();
        alternatives();
        evidence();
        provenance();
        out.append("</main>\n");
        String data = safeJson(F.objectNode().set("charts", charts));
        out.append("<script type=\"application/json\" id=\"tg-data\">")
                .append(data)
                .append("</script>\n");
        out.append("<script>\n").append(chartJs()).append("\n</script>\n");
        out.append("<script>\n").append(resource("report.js")).append("</script>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void header(String name) {
        out.append("<header>\n<h1>")
                .append(esc(name))
                .append(": ")
                .append(esc(text(d.path("label"))))
                .append("</h1>\n")
                .append("<p class=\"meta\">")
                .append(
                        decisionRecorded
                                ? "Decision record " + esc(text(d.path("id"))) + " of " + esc(text(d.path("date")))
                                : "Not recorded: assessed on " + esc(text(d.path("date")))
                                        + " for this page; no stored decision record has these inputs"
                                        + " (<code>tunegate assess</code> records it)")
                .append(" · next review ")
                .append(esc(text(d.path("nextReview"))));
        String owner = text(d.path("useCase").path("businessOwner"));
        if (!owner.isEmpty()) out.append(" · business owner ").append(esc(owner));
        String tech = text(d.path("useCase").path("technicalOwner"));
        if (!tech.isEmpty()) out.append(" · technical owner ").append(esc(tech));
        out.append("</p>\n</header>\n");
    }

    private void decision() {
        out.append("<section id=\"decision\">\n<h2>The decision</h2>\n<div class=\"verdict\">\n<p class=\"big\">")
                .append(esc(text(d.path("summary"))))
                .append("</p>\n");
        String method = text(d.path("methodReason"));
        if (!method.isEmpty()) out.append("<p>Method: ").append(esc(method)).append(".</p>\n");
        out.append("</div>\n<h3>The three reasons</h3>\n<ol class=\"reasons\">\n");
        for (JsonNode r : d.path("reasons"))
            out.append("<li>").append(esc(text(r))).append("</li>\n");
        out.append("</ol>\n<h3>What would change it</h3>\n");
        if (d.path("counterfactuals").isEmpty() && d.path("unsettled").isEmpty()) {
            out.append(
                    "<p class=\"muted\">No single measured input, moved across its threshold, changes this decision.</p>\n");
        } else {
            out.append("<ul>\n");
            for (JsonNode c : d.path("counterfactuals")) {
                out.append("<li>If ")
                        .append(esc(text(c.path("change"))))
                        .append(" (")
                        .append(esc(text(c.path("rule"))))
                        .append(") → <b>")
                        .append(esc(text(c.path("decision"))))
                        .append(c.path("method").isTextual() ? " (" + esc(text(c.path("method"))) + ")" : "")
                        .append("</b></li>\n");
            }
            for (JsonNode u : d.path("unsettled")) {
                out.append("<li>")
                        .append(esc(text(u.path("rule"))))
                        .append(" is unknown; if it fired → <b>")
                        .append(esc(text(u.path("decisionIfFired"))))
                        .append("</b>. Settle it with: ")
                        .append(esc(joined(u.path("settledBy"))))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        JsonNode plan = d.path("pilotPlan");
        if (plan.isObject() && !plan.path("metrics").isEmpty()) {
            out.append("<details><summary>Pilot plan (")
                    .append(esc(text(plan.path("weeks"))))
                    .append(" weeks)</summary>\n<table><tr><th>metric</th><th>target</th><th>source</th></tr>\n");
            for (JsonNode m : plan.path("metrics")) {
                out.append("<tr><td>")
                        .append(esc(text(m.path("name"))))
                        .append("</td><td>")
                        .append(esc(text(m.path("target"))))
                        .append("</td><td>")
                        .append(esc(text(m.path("source"))))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n<p>").append(esc(text(plan.path("exit")))).append("</p>\n</details>\n");
        }
        out.append("</section>\n");
    }

    private void pilot() {
        String verdict = text(p.path("verdict"));
        out.append("<section id=\"pilot\">\n<h2>The pilot: ")
                .append(esc(verdict))
                .append("</h2>\n<div class=\"verdict ")
                .append(esc(verdict.toLowerCase(Locale.ROOT)))
                .append("\">\n<p class=\"big\">")
                .append(esc(text(p.path("summary"))))
                .append("</p>\n")
                .append("<p class=\"muted\">")
                .append(
                        pilotRecorded
                                ? "Pilot record " + esc(text(p.path("id"))) + " of " + esc(text(p.path("date")))
                                : "Not recorded: judged on " + esc(text(p.path("date")))
                                        + " for this page (<code>tunegate pilot</code> records it)")
                .append("</p>\n</div>\n");
        out.append("<h3>Why</h3>\n<ol class=\"reasons\">\n");
        for (JsonNode r : p.path("reasons"))
            out.append("<li>").append(esc(text(r))).append("</li>\n");
        out.append("</ol>\n");
        if (!p.path("misses").isEmpty()) {
            out.append("<h3>What misses</h3>\n<ul>\n");
            for (JsonNode r : p.path("misses"))
                out.append("<li>").append(esc(text(r))).append("</li>\n");
            out.append("</ul>\n");
        }
        out.append("<h3>What would change it</h3>\n<ul>\n");
        for (JsonNode r : p.path("wouldChange"))
            out.append("<li>").append(esc(text(r))).append("</li>\n");
        out.append(
                "</ul>\n<h3>Conditions</h3>\n<table>\n<tr><th>condition</th><th>gate</th><th>met</th><th>measured</th><th>target</th><th>miss</th><th>trend per week</th><th>source</th></tr>\n");
        for (JsonNode c : p.path("conditions")) {
            JsonNode met = c.path("met");
            String m = met.isBoolean()
                    ? (met.booleanValue() ? "yes" : "no")
                    : "n/a".equals(text(c.path("measuredText"))) ? "n/a" : "unknown";
            out.append("<tr><td><code>")
                    .append(esc(text(c.path("id"))))
                    .append("</code><br>")
                    .append(esc(text(c.path("title"))))
                    .append("</td><td>")
                    .append(esc(text(c.path("gate"))))
                    .append("</td><td><span class=\"badge ")
                    .append(m.replace("/", ""))
                    .append("\">")
                    .append(m)
                    .append("</span></td><td>")
                    .append(esc(text(c.path("measuredText"))))
                    .append("</td><td>")
                    .append(esc(text(c.path("targetText"))))
                    .append("</td><td>")
                    .append(esc(text(c.path("gapText"))))
                    .append("</td><td>");
            out.append(c.path("trendText").isTextual() ? esc(text(c.path("trendText"))) : "—");
            out.append("</td><td>").append(esc(text(c.path("source")))).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    // -------------------------------------------------------------------------------------------- charts

    private void chartsSection() {
        out.append("<section id=\"charts\">\n<h2>The evidence in charts</h2>\n<div class=\"charts\">\n");
        accuracyChart();
        costChart();
        compositionChart();
        recallChart();
        pilotCharts();
        out.append("</div>\n</section>\n");
    }

    private JsonNode report(String analyzer) {
        JsonNode r = d.path("reports").path(analyzer);
        return r.isObject() ? r : null;
    }

    private void accuracyChart() {
        String title = "Accuracy per prompt iteration";
        JsonNode evals = report("evals");
        if (evals == null || evals.path("iterations").isEmpty()) {
            missingChart(
                    title,
                    "No eval history: set <code>evals.history</code> in tunegate.yaml (eval runs of prompt iterations) to fill this chart.");
            return;
        }
        boolean scores = !evals.path("iterations").get(0).path("accuracy").isNumber();
        ArrayNode labels = F.arrayNode(),
                value = F.arrayNode(),
                low = F.arrayNode(),
                high = F.arrayNode(),
                plateau = F.arrayNode();
        Set<String> flat = new java.util.HashSet<>();
        for (JsonNode c : evals.path("plateauEvidence").path("comparisons"))
            if (!c.path("gain").asBoolean(true)) flat.add(text(c.path("iteration")));
        for (JsonNode it : evals.path("iterations")) {
            String name = text(it.path("name"));
            labels.add(name);
            JsonNode v = scores ? it.path("meanScore").path("estimate") : it.path("accuracy");
            JsonNode lo = scores ? it.path("meanScore").path("low") : it.path("low");
            JsonNode hi = scores ? it.path("meanScore").path("high") : it.path("high");
            value.add(v.isNumber() ? v : F.nullNode());
            low.add(lo.isNumber() ? lo : F.nullNode());
            high.add(hi.isNumber() ? hi : F.nullNode());
            plateau.add(flat.contains(name) && v.isNumber() ? v : F.nullNode());
        }
        String metric = scores ? "mean score" : "accuracy";
        wide = true;
        ArrayNode ds = F.arrayNode();
        ds.add(dataset("95 % interval", low, "rgba(47,91,211,0.35)")
                .put("fill", "+1")
                .put("backgroundColor", "rgba(47,91,211,0.12)")
                .put("pointRadius", 0)
                .put("borderWidth", 1));
        ds.add(dataset("95 % interval (upper bound)", high, "rgba(47,91,211,0.35)")
                .put("pointRadius", 0)
                .put("borderWidth", 1)
                .put("tgHideInLegend", true));
        ds.add(dataset(metric, value, PALETTE[0]).put("borderWidth", 2.5).put("pointRadius", 4));
        boolean isPlateau = evals.path("plateau").asBoolean(false);
        ds.add(dataset(
                        isPlateau ? "plateau: no significant gain" : "no significant gain over the best earlier",
                        plateau,
                        "#b42318")
                .put("showLine", false)
                .put("pointRadius", 9)
                .put("pointStyle", "rectRot")
                .put("pointBackgroundColor", "rgba(180,35,24,0.25)"));
        ObjectNode opts = options(metric + " per iteration", "iteration", metric);
        JsonNode pe = evals.path("plateauEvidence");
        String caption = (isPlateau ? "Plateau: " : "No plateau yet: ")
                + pe.path("iterationsWithoutGain").asInt() + " latest iterations without a significant gain (window "
                + pe.path("window").asInt() + "). Rule: "
                + text(pe.path("rule")).replaceAll("\\.$", "") + ". Intervals: "
                + text(evals.path("iterations").get(0).path("accuracyMethod")) + ".";
        chart("chart-accuracy", title, "line", labels, ds, opts, caption);
    }

    private void costChart() {
        String title = "Cumulative cost over time";
        JsonNode cost = report("cost");
        JsonNode series = cost == null ? null : cost.path("series");
        if (series == null || !series.isObject() || series.path("lines").isEmpty()) {
            missingChart(
                    title,
                    "No cost series: configure <code>traffic.callsPerDay</code>, <code>prompts</code> and <code>model</code> in tunegate.yaml "
                            + "(the cost model) to fill this chart.");
            return;
        }
        ArrayNode ds = F.arrayNode();
        int i = 0;
        for (JsonNode line : series.path("lines")) {
            ArrayNode pts = F.arrayNode();
            JsonNode weeks = series.path("weeks"), usd = line.path("cumulativeUsd");
            for (int w = 0; w < weeks.size() && w < usd.size(); w++) {
                ObjectNode pt = pts.addObject();
                pt.set("x", weeks.get(w));
                pt.set(
                        "y",
                        usd.get(w).isNull()
                                ? F.nullNode()
                                : F.numberNode(usd.get(w).asDouble()));
            }
            String label = line.path("label").isTextual() ? text(line.path("label")) : text(line.path("name"));
            ds.add(dataset(label, pts, PALETTE[i++ % PALETTE.length])
                    .put("pointRadius", 0)
                    .put("borderWidth", 2));
        }
        ObjectNode opts = options("cumulative USD", "week", "cumulative cost (USD)");
        ((ObjectNode) opts.path("scales").path("x")).put("type", "linear");
        JsonNode weeksAxis = series.path("weeks");
        if (!weeksAxis.isEmpty())
            ((ObjectNode) opts.path("scales").path("x")).set("max", weeksAxis.get(weeksAxis.size() - 1));
        String caption;
        JsonNode be = cost.path("breakEvenWeeks");
        String status = text(cost.path("breakEvenStatus"));
        if (be.isNumber()) {
            marks(opts)
                    .add(mark(
                            "x",
                            be,
                            "break-even " + text(cost.path("breakEvenMethod")) + ": " + fmt(be.asDouble()) + " weeks",
                            "#b42318"));
            caption = "Break-even of " + text(cost.path("breakEvenMethod")) + " after " + fmt(be.asDouble())
                    + " weeks (dashed line).";
        } else {
            caption = "Break-even: " + (status.isEmpty() ? "unknown" : status) + ".";
        }
        wide = true;
        chart("chart-cost", title, "line", null, ds, opts, caption);
    }

    private void compositionChart() {
        String title = "Dataset composition";
        JsonNode a = report("audit");
        if (a == null) {
            missingChart(
                    title,
                    "No dataset audit: set <code>data.train</code> in tunegate.yaml (training pairs with review metadata) to fill this chart.");
            return;
        }
        ArrayNode labels = F.arrayNode(), values = F.arrayNode(), colors = F.arrayNode();
        String[][] bars = {
            {"rows", "all rows", "#495057"},
            {"approvedRows", "approved", "#1f7a4d"},
            {"goldRows", "gold", "#a15c07"},
            {"llmDraftedApprovedRows", "LLM-drafted, approved", "#0b7285"},
            {"llmDraftedNotApprovedRows", "LLM-drafted, not approved", "#c2255c"},
            {"retiredEraRows", "retired era", "#7b3fbf"},
            {"rowsInNearDuplicateClusters", "in near-duplicate clusters", "#d9480f"},
            {"rowsInExactDuplicateGroups", "exact duplicates", "#e8590c"},
            {"rowsInConflictGroups", "in conflict groups", "#b42318"},
            {"usableRows", "usable reviewed pairs", "#2f5bd3"}
        };
        for (String[] b : bars) {
            JsonNode v = a.path(b[0]);
            if (!v.isNumber()) continue;
            labels.add(b[1]);
            values.add(v);
            colors.add(b[2]);
        }
        ArrayNode ds = F.arrayNode();
        ObjectNode set = dataset("rows", values, "#2f5bd3");
        set.set("backgroundColor", colors);
        ds.add(set);
        ObjectNode opts = options("rows", "rows", "");
        opts.put("indexAxis", "y");
        ((ObjectNode) opts.path("plugins").path("legend")).put("display", false);
        chart(
                "chart-composition",
                title,
                "bar",
                labels,
                ds,
                opts,
                "Rows of " + text(a.path("file")) + " by provenance, review status, era, duplicates and conflicts.");
    }

    private void recallChart() {
        String title = "Retrieval recall@k on the golden questions";
        JsonNode r = report("retrieval");
        if (r == null || r.path("recallAtK").isEmpty()) {
            missingChart(
                    title,
                    "No retrieval audit: set <code>retrieval.corpus</code> and <code>retrieval.golden</code> in tunegate.yaml to fill this chart.");
            return;
        }
        ArrayNode labels = F.arrayNode(), values = F.arrayNode();
        for (Map.Entry<String, JsonNode> e : r.path("recallAtK").properties()) {
            labels.add("recall@" + e.getKey());
            values.add(e.getValue().isNumber() ? e.getValue() : F.nullNode());
        }
        ArrayNode ds = F.arrayNode();
        ds.add(dataset("recall", values, "#2f5bd3").put("backgroundColor", "rgba(47,91,211,0.6)"));
        ObjectNode opts = options("recall", "cutoff", "recall");
        ((ObjectNode) opts.path("scales").path("y")).put("min", 0).put("max", 1);
        ((ObjectNode) opts.path("plugins").path("legend")).put("display", false);
        JsonNode threshold = d.path("provenance").path("thresholds").path("FIX-RECALL.minRecall");
        if (threshold.isNumber())
            marks(opts).add(mark("y", threshold, fmtPct(threshold.asDouble()) + " (FIX-RECALL)", "#b42318"));
        JsonNode iv = r.path("intervals").path("recall@k");
        String caption = "k = " + text(r.path("parameters").path("k")) + ", "
                + r.path("judgedQuestions").asInt() + " judged questions"
                + (iv.isObject()
                        ? String.format(
                                Locale.ROOT,
                                "; recall@k 95 %% interval [%s, %s] (%s)",
                                fmtPct(iv.path("low").asDouble()),
                                fmtPct(iv.path("high").asDouble()),
                                text(iv.path("method")))
                        : "")
                + ".";
        chart("chart-recall", title, "bar", labels, ds, opts, caption);
    }

    /** What to do when no pilot was judged: run it when its checkpoints are configured, else configure them. */
    private String noPilotYet() {
        JsonNode cfg = d.path("provenance").path("config");
        String workspace = text(d.path("provenance").path("workspace"));
        if (cfg.path("pilot.checkpoints").isTextual()) {
            return "Checkpoints are configured (<code>" + esc(text(cfg.path("pilot.checkpoints")))
                    + "</code>) but no pilot was judged yet: run <code>tunegate pilot " + esc(workspace)
                    + "</code>, then <code>tunegate report " + esc(workspace) + "</code> to fill this section.";
        }
        return "No pilot record: configure <code>pilot.checkpoints</code> (and <code>evals.baseline</code> with "
                + "<code>evals.candidate</code>) in tunegate.yaml and run <code>tunegate pilot</code> to fill this section.";
    }

    private void pilotCharts() {
        String title = "Pilot KPIs against their targets";
        JsonNode rows = p == null ? null : p.path("checkpoints").path("rows");
        if (rows == null || rows.isEmpty()) {
            missingChart(
                    title,
                    "No pilot checkpoints: set <code>pilot.checkpoints</code> in tunegate.yaml (dated KPI measurements, "
                            + "docs/formats/pilot-checkpoints.md) and run <code>tunegate pilot</code> to fill these charts.");
            return;
        }
        JsonNode s = p.path("settings");
        String kpi = s.path("processKpi").isTextual() ? text(s.path("processKpi")) : "process KPI";
        Object[][] kpis = {
            {"adoption", "Adoption", "share of eligible users", s.path("adoptionTarget"), "target"},
            {"latencyP95Ms", "Latency p95", "ms", s.path("latencyP95MsMax"), "guardrail"},
            {"unitCostUsd", "Unit cost per call", "USD", s.path("unitCostUsdMax"), "guardrail"},
            {"processKpi", kpi, kpi, s.path("processKpiTarget"), "target"}
        };
        int i = 0;
        for (Object[] k : kpis) {
            String field = (String) k[0];
            ArrayNode labels = F.arrayNode(), values = F.arrayNode();
            boolean any = false;
            for (JsonNode row : rows) {
                labels.add(text(row.path("date")));
                JsonNode v = row.path(field);
                values.add(v.isNumber() ? v : F.nullNode());
                any |= v.isNumber();
            }
            String t = "Pilot: " + k[1];
            if (!any) {
                missingChart(
                        t,
                        "The checkpoints carry no <code>" + esc(field.equals("processKpi") ? kpi : field)
                                + "</code> values: add them to "
                                + esc(text(p.path("checkpoints").path("file"))) + ".");
                i++;
                continue;
            }
            ArrayNode ds = F.arrayNode();
            ds.add(dataset((String) k[2], values, PALETTE[i % PALETTE.length])
                    .put("spanGaps", true)
                    .put("pointRadius", 4)
                    .put("borderWidth", 2));
            ObjectNode opts = options((String) k[1], "checkpoint", (String) k[2]);
            JsonNode target = (JsonNode) k[3];
            if (target.isNumber()) {
                marks(opts).add(mark("y", target, k[4] + " " + fmt(target.asDouble()), "#b42318"));
                ((ObjectNode) opts.path("scales").path("y")).set("suggestedMax", target);
            }
            ((ObjectNode) opts.path("scales").path("y")).put("beginAtZero", true);
            JsonNode cond = condition(field);
            String caption = cond == null
                    ? ""
                    : (cond.path("met").isBoolean()
                                    ? (cond.path("met").asBoolean() ? "Met: " : "Missed: ")
                                    : "Unknown: ")
                            + text(cond.path("measuredText")) + "; " + text(cond.path("targetText")) + ".";
            chart("chart-pilot-" + field.toLowerCase(Locale.ROOT), t, "line", labels, ds, opts, caption);
            i++;
        }
    }

    private JsonNode condition(String field) {
        String id =
                switch (field) {
                    case "adoption" -> "adoption";
                    case "latencyP95Ms" -> "latency-p95";
                    case "unitCostUsd" -> "unit-cost";
                    default -> "process-kpi";
                };
        for (JsonNode c : p.path("conditions")) if (id.equals(text(c.path("id")))) return c;
        return null;
    }

    private ObjectNode dataset(String label, ArrayNode data, String color) {
        ObjectNode ds = F.objectNode();
        ds.put("label", label);
        ds.set("data", data);
        ds.put("borderColor", color);
        ds.put("backgroundColor", color);
        return ds;
    }

    private static ObjectNode options(String title, String xTitle, String yTitle) {
        ObjectNode o = F.objectNode();
        o.put("responsive", true);
        o.put("maintainAspectRatio", false);
        o.put("animation", false);
        ObjectNode scales = o.putObject("scales");
        ObjectNode x = scales.putObject("x");
        x.putObject("title").put("display", !xTitle.isEmpty()).put("text", xTitle);
        ObjectNode y = scales.putObject("y");
        y.putObject("title").put("display", !yTitle.isEmpty()).put("text", yTitle);
        ObjectNode plugins = o.putObject("plugins");
        plugins.putObject("legend").put("position", "bottom");
        plugins.putObject("title").put("display", false).put("text", title);
        return o;
    }

    private static ArrayNode marks(ObjectNode opts) {
        ObjectNode plugins = (ObjectNode) opts.path("plugins");
        ObjectNode lines = plugins.has("tgLines") ? (ObjectNode) plugins.get("tgLines") : plugins.putObject("tgLines");
        return lines.has("marks") ? (ArrayNode) lines.get("marks") : lines.putArray("marks");
    }

    private static ObjectNode mark(String axis, JsonNode value, String label, String color) {
        ObjectNode m = F.objectNode();
        m.put("axis", axis);
        m.set("value", value);
        m.put("label", label);
        m.put("color", color);
        return m;
    }

    private void chart(
            String id,
            String title,
            String type,
            ArrayNode labels,
            ArrayNode datasets,
            ObjectNode options,
            String caption) {
        ObjectNode c = F.objectNode();
        c.put("id", id);
        c.put("type", type);
        ObjectNode data = c.putObject("data");
        if (labels != null) data.set("labels", labels);
        data.set("datasets", datasets);
        c.set("options", options);
        charts.add(c);
        out.append(wide ? "<figure class=\"chart wide\">\n<h3>" : "<figure class=\"chart\">\n<h3>");
        wide = false;
        out.append("")
                .append(esc(title))
                .append("</h3>\n<div class=\"box\"><canvas id=\"")
                .append(esc(id))
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(title))
                .append("\"></canvas></div>\n");
        if (caption != null && !caption.isEmpty())
            out.append("<figcaption class=\"muted\">").append(esc(caption)).append("</figcaption>\n");
        out.append("</figure>\n");
    }

    /** A chart whose evidence is missing; {@code html} is trusted markup written here (no user text). */
    private void missingChart(String title, String html) {
        out.append("<figure class=\"chart\">\n<h3>")
                .append(esc(title))
                .append("</h3>\n<div class=\"missing\">")
                .append(html)
                .append("</div>\n</figure>\n");
    }

    private void missingSection(String title, String html) {
        out.append("<section>\n<h2>")
                .append(esc(title))
                .append("</h2>\n<div class=\"missing\">")
                .append(html)
                .append("</div>\n</section>\n");
    }

    // ----------------------------------------------------------------------------------------- tables

    private void rules() {
        out.append(
                "<section id=\"rules\">\n<h2>The rules</h2>\n<p class=\"muted\">Every rule of the policy with its threshold, the measured value and its verdict; "
                        + "highlighted rows decided. The last column is the sentence the rule comes from.</p>\n<table>\n"
                        + "<tr><th>rule</th><th>verdict</th><th>fires when</th><th>threshold</th><th>measured</th><th>source sentence</th></tr>\n");
        for (JsonNode r : d.path("rules")) {
            String v = text(r.path("verdict"));
            out.append("<tr")
                    .append(r.path("deciding").asBoolean() ? " class=\"deciding\"" : "")
                    .append("><td><b>")
                    .append(esc(text(r.path("id"))))
                    .append("</b><br>")
                    .append(esc(text(r.path("title"))))
                    .append("</td><td><span class=\"badge ")
                    .append(esc(v))
                    .append("\">")
                    .append(esc(v))
                    .append("</span></td><td>")
                    .append(esc(text(r.path("condition"))))
                    .append("</td><td>")
                    .append(esc(text(r.path("thresholdText"))))
                    .append("</td><td>")
                    .append(esc(text(r.path("measuredText"))));
            if (!r.path("settledBy").isEmpty() && "UNKNOWN".equals(v))
                out.append("<br><span class=\"muted\">needs ")
                        .append(esc(joined(r.path("settledBy"))))
                        .append("</span>");
            out.append("</td><td class=\"sentence\">")
                    .append(esc(text(r.path("sentence"))))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private void worstExamples() {
        out.append("<section id=\"examples\">\n<h2>The worst examples behind the findings</h2>\n");
        JsonNode audit = report("audit");
        out.append("<h3>Dataset: duplicates, conflicts, leaks</h3>\n");
        if (audit == null) {
            out.append(
                    "<div class=\"missing\">No dataset audit: set <code>data.train</code> in tunegate.yaml to list duplicate clusters and conflicts.</div>\n");
        } else {
            List<JsonNode> shown = new ArrayList<>();
            for (String kind : List.of(
                    "conflict",
                    "near_duplicate_cluster",
                    "exact_duplicate",
                    "golden_leak",
                    "llm_draft_not_approved",
                    "retired_era")) {
                int n = 0;
                for (JsonNode f : audit.path("findings")) {
                    if (kind.equals(text(f.path("kind"))) && n++ < 5) shown.add(f);
                }
            }
            if (shown.isEmpty()) {
                out.append(
                        "<p class=\"muted\">The audit found no duplicate clusters, conflicts or golden leaks.</p>\n");
            } else {
                out.append("<ul class=\"examples\">\n");
                for (JsonNode f : shown) {
                    out.append("<li><span class=\"badge\">")
                            .append(esc(text(f.path("kind"))))
                            .append("</span> <code>")
                            .append(esc(location(f)))
                            .append("</code> <span class=\"text\">")
                            .append(esc(text(f.path("message"))))
                            .append("</span>");
                    // a finding at a line is found there; its row indexes (counted from 0) would only contradict
                    // the line number beside them, as the CLI's text leaves them out too
                    if (!f.path("rows").isEmpty() && location(f).equals(text(f.path("file"))))
                        out.append(" <span class=\"muted\" title=\"row indexes, counted from 0\">rows ")
                                .append(esc(joined(f.path("rows"))))
                                .append("</span>");
                    out.append("</li>\n");
                }
                out.append("</ul>\n");
            }
            if (!audit.path("largestClusters").isEmpty()) {
                out.append(
                        "<table><tr><th>largest near-duplicate clusters</th><th>rows</th><th>lowest Jaccard</th><th>sample rows</th></tr>\n");
                int i = 0;
                for (JsonNode c : audit.path("largestClusters")) {
                    out.append("<tr><td>#")
                            .append(++i)
                            .append("</td><td class=\"num\">")
                            .append(esc(text(c.path("size"))))
                            .append("</td><td class=\"num\">")
                            .append(esc(fmt(c.path("minEstimatedJaccard").asDouble())
                                    + (c.path("exact").asBoolean() ? " (exact)" : " (estimate)")))
                            .append("</td><td>")
                            .append(esc(joined(c.path("sampleRows"))))
                            .append("</td></tr>\n");
                    if (i >= 10) break;
                }
                out.append("</table>\n");
            }
        }
        out.append("<h3>Evals: misses and confusions</h3>\n");
        JsonNode evals = report("evals");
        if (evals == null) {
            out.append(
                    "<div class=\"missing\">No eval runs: set <code>evals.history</code> (and <code>evals.baseline</code>, <code>evals.candidate</code>) to list the misses.</div>\n");
        } else {
            JsonNode its = evals.path("iterations");
            JsonNode last = its.isEmpty() ? null : its.get(its.size() - 1);
            if (last != null && !last.path("confusions").isEmpty()) {
                out.append("<table><tr><th>latest iteration ")
                        .append(esc(text(last.path("name"))))
                        .append(": expected</th><th>answered</th><th>items</th><th>share of errors</th></tr>\n");
                for (JsonNode c : last.path("confusions")) {
                    out.append("<tr><td>")
                            .append(esc(text(c.path("expected"))))
                            .append("</td><td>")
                            .append(esc(text(c.path("got"))))
                            .append("</td><td class=\"num\">")
                            .append(esc(text(c.path("count"))))
                            .append("</td><td class=\"num\">")
                            .append(esc(fmtPct(c.path("share").asDouble())))
                            .append("</td></tr>\n");
                }
                out.append("</table>\n");
            }
            JsonNode reg = evals.path("regression");
            if (reg.isObject()) {
                out.append("<p>Golden-set regression ")
                        .append(esc(text(reg.path("candidate"))))
                        .append(" vs ")
                        .append(esc(text(reg.path("baseline"))))
                        .append(": <span class=\"badge\">")
                        .append(esc(text(reg.path("verdict"))))
                        .append("</span> ")
                        .append(esc(text(reg.path("reason"))))
                        .append("</p>\n");
                if (!reg.path("regressed").isEmpty()) {
                    out.append("<p>Items the candidate got wrong and the baseline right: <code>")
                            .append(esc(joinedFirst(reg.path("regressed"), 25)))
                            .append("</code></p>\n");
                }
            }
            findingsList(evals.path("findings"));
        }
        out.append("<h3>Retrieval: questions whose top k missed a relevant document</h3>\n");
        JsonNode ret = report("retrieval");
        if (ret == null) {
            out.append(
                    "<div class=\"missing\">No retrieval audit: set <code>retrieval.corpus</code> and <code>retrieval.golden</code> to list the misses.</div>\n");
        } else if (ret.path("misses").isEmpty() && ret.path("leaks").isEmpty()) {
            out.append("<p class=\"muted\">No misses and no access-control leaks.</p>\n");
        } else {
            out.append("<ul class=\"examples\">\n");
            int n = 0;
            for (JsonNode m : ret.path("misses")) {
                if (n++ >= 10) break;
                List<String> returned = new ArrayList<>();
                for (JsonNode r : m.path("returned")) returned.add(text(r.path("document")));
                out.append("<li><code>")
                        .append(esc(text(m.path("id"))))
                        .append("</code> <span class=\"text\">")
                        .append(esc(text(m.path("question"))))
                        .append("</span> — recall@k ")
                        .append(esc(fmtPct(m.path("recallAtK").asDouble())))
                        .append("; missing ")
                        .append(esc(joined(m.path("missing"))))
                        .append("; returned ")
                        .append(esc(String.join(", ", returned)))
                        .append("</li>\n");
            }
            n = 0;
            for (JsonNode l : ret.path("leaks")) {
                if (n++ >= 10) break;
                out.append("<li><span class=\"badge FIRED\">leak</span> question <code>")
                        .append(esc(text(l.path("question"))))
                        .append("</code> got <code>")
                        .append(esc(text(l.path("document"))))
                        .append("</code> at rank ")
                        .append(esc(text(l.path("rank"))))
                        .append(" (readable by ")
                        .append(esc(joined(l.path("documentGroups"))))
                        .append("; asked by ")
                        .append(esc(joined(l.path("principalGroups"))))
                        .append(")</li>\n");
            }
            out.append("</ul>\n");
        }
        if (p != null && !p.path("findings").isEmpty()) {
            out.append("<h3>Pilot checkpoints not used</h3>\n<ul class=\"examples\">\n");
            for (JsonNode f : p.path("findings")) {
                out.append("<li><code>")
                        .append(esc(text(f.path("file")) + ":" + text(f.path("line"))))
                        .append("</code> ")
                        .append(esc(text(f.path("message"))))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void findingsList(JsonNode findings) {
        if (findings.isEmpty()) return;
        out.append("<details><summary>")
                .append(findings.size())
                .append(" rows skipped or flagged while reading</summary>\n<ul class=\"examples\">\n");
        int n = 0;
        for (JsonNode f : findings) {
            if (n++ >= 20) break;
            out.append("<li><code>")
                    .append(esc(location(f)))
                    .append("</code> ")
                    .append(esc(text(f.path("kind"))))
                    .append(" ")
                    .append(esc(text(f.path("message"))))
                    .append(
                            f.path("count").asLong() > 1
                                    ? " (" + f.path("count").asLong() + " rows)"
                                    : "")
                    .append("</li>\n");
        }
        out.append("</ul>\n</details>\n");
    }

    private static String location(JsonNode f) {
        // the one finding shape (evidence.Finding): a group found by line lists its lines, else file:line
        String file = text(f.path("file"));
        if (f.path("lines").isArray() && !f.path("lines").isEmpty())
            return file + ":" + joinedFirst(f.path("lines"), 5);
        if (f.path("line").isNumber() && f.path("line").asLong() > 0)
            return file + ":" + f.path("line").asLong();
        return file;
    }

    private void alternatives() {
        if (d.path("alternatives").isEmpty() && d.path("consequences").isEmpty()) return;
        out.append(
                "<section id=\"alternatives\">\n<h2>Alternatives and consequences</h2>\n<table><tr><th>option</th><th>why not now</th></tr>\n");
        for (JsonNode a : d.path("alternatives")) {
            out.append("<tr><td>")
                    .append(esc(text(a.path("option"))))
                    .append("</td><td>")
                    .append(esc(text(a.path("whyNot"))))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<ul>\n");
        for (JsonNode c : d.path("consequences"))
            out.append("<li>").append(esc(text(c))).append("</li>\n");
        out.append("</ul>\n</section>\n");
    }

    private void evidence() {
        out.append(
                "<section id=\"evidence\">\n<h2>Evidence</h2>\n<table><tr><th>measure</th><th>value</th><th>origin</th><th>source</th><th>detail</th></tr>\n");
        for (JsonNode e : d.path("evidence")) {
            out.append("<tr><td><code>")
                    .append(esc(text(e.path("measure"))))
                    .append("</code></td><td>")
                    .append(esc(text(e.path("display"))))
                    .append("</td><td>")
                    .append(esc(text(e.path("origin"))))
                    .append("</td><td>")
                    .append(esc(text(e.path("source"))))
                    .append("</td><td>")
                    .append(esc(text(e.path("detail"))))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        if (!d.path("notes").isEmpty()) {
            out.append("<h3>Notes</h3>\n<ul>\n");
            for (JsonNode n : d.path("notes"))
                out.append("<li>").append(esc(text(n))).append("</li>\n");
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void provenance() {
        JsonNode pr = d.path("provenance");
        out.append("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<p>")
                .append(esc(text(pr.path("tool"))))
                .append(" ")
                .append(esc(text(pr.path("toolVersion"))))
                .append(" · workspace <code>")
                .append(esc(text(pr.path("workspace"))))
                .append("</code> · analyzers ")
                .append(esc(joined(pr.path("analyzers"))));
        if (!pr.path("skippedAnalyzers").isEmpty())
            out.append(" (skipped: ")
                    .append(esc(joined(pr.path("skippedAnalyzers"))))
                    .append(")");
        out.append(" · charts by Chart.js ").append(CHART_JS_VERSION).append(" (MIT licence), inlined</p>\n");
        out.append("<table><tr><th>input</th><th>sha256</th></tr>\n");
        List<JsonNode> inputs = new ArrayList<>();
        pr.path("inputs").forEach(inputs::add);
        if (p != null) p.path("provenance").path("inputs").forEach(inputs::add);
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode i : inputs) {
            if (!seen.add(text(i.path("path")) + text(i.path("sha256")))) continue;
            out.append("<tr><td><code>")
                    .append(esc(text(i.path("path"))))
                    .append("</code></td><td class=\"mono\">")
                    .append(esc(text(i.path("sha256"))))
                    .append("</td></tr>\n");
        }
        if (inputs.isEmpty())
            out.append("<tr><td colspan=\"2\" class=\"muted\">no input files (declared values only)</td></tr>\n");
        out.append(
                "</table>\n<details><summary>Effective configuration and thresholds</summary>\n<table><tr><th>key</th><th>value</th></tr>\n");
        for (Map.Entry<String, JsonNode> e : pr.path("config").properties()) {
            out.append("<tr><td><code>")
                    .append(esc(e.getKey()))
                    .append("</code></td><td>")
                    .append(esc(
                            e.getValue().isTextual()
                                    ? e.getValue().textValue()
                                    : e.getValue().toString()))
                    .append("</td></tr>\n");
        }
        for (Map.Entry<String, JsonNode> e : pr.path("thresholds").properties()) {
            out.append("<tr><td><code>policy.thresholds.")
                    .append(esc(e.getKey()))
                    .append("</code></td><td>")
                    .append(esc(fmt(e.getValue().asDouble())))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</details>\n</footer>\n");
    }

    // ---------------------------------------------------------------------------------------- helpers

    /** HTML-escapes text for element content and attribute values. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON that is safe inside a {@code <script>} element: {@code <}, {@code >}, {@code &} and the line
     * separators U+2028/U+2029 as unicode escapes (they can only occur inside JSON strings, where the escapes mean the same).
     */
    public static String safeJson(JsonNode node) {
        String json;
        try {
            json = Json.mapper()
                    .writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the chart data: " + e.getOriginalMessage(), e);
        }
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "";
        return n.isTextual() ? n.textValue() : n.isContainerNode() ? n.toString() : n.asText();
    }

    private static String joined(JsonNode arr) {
        List<String> parts = new ArrayList<>();
        arr.forEach(x -> parts.add(text(x)));
        return String.join(", ", parts);
    }

    private static String joinedFirst(JsonNode arr, int max) {
        List<String> parts = new ArrayList<>();
        for (JsonNode x : arr) {
            if (parts.size() == max) {
                parts.add("… (" + arr.size() + " in all)");
                break;
            }
            parts.add(text(x));
        }
        return String.join(", ", parts);
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String fmtPct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " missing from the tunegate jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static volatile String chartJs;

    /** The Chart.js UMD bundle from the webjar on the classpath, licence header included. */
    static String chartJs() {
        String js = chartJs;
        if (js != null) return js;
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(CHART_JS_RESOURCE)) {
            if (in == null)
                throw new IllegalStateException(CHART_JS_RESOURCE
                        + " missing from the classpath (webjar org.webjars.npm:chart.js:" + CHART_JS_VERSION + ")");
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (js.toLowerCase(Locale.ROOT).contains("</script"))
            throw new IllegalStateException("the Chart.js bundle contains </script and cannot be inlined");
        chartJs = js;
        return js;
    }
}
