package dev.tunegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import dev.tunegate.report.HtmlReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision records of a workspace as {@code assess} and {@code pilot} wrote them ({@code decisions/log.jsonl}
 * and the JSON twins it names): the timeline, the latest decision and what changed since the one before, and
 * the record rendered by the HTML report. Reads only; a file the log names outside {@code decisions/} is refused.
 */
final class DecisionService {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final WorkspaceCatalog catalog;

    DecisionService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    private Path decisions(String ws) {
        return catalog.dir(ws).resolve("decisions");
    }

    /** Every line of {@code decisions/log.jsonl} that reads as a JSON object, oldest first. */
    List<JsonNode> timeline(String ws) {
        Path log = decisions(ws).resolve("log.jsonl");
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(log)) return out;
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    JsonNode n = Json.mapper().readTree(line);
                    if (n != null && n.isObject()) out.add(n);
                } catch (IOException bad) {
                    // a line cut short by a crash: the other records still show
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The JSON twin of record {@code id} (e.g. 0003). */
    JsonNode record(String ws, String id) {
        for (JsonNode line : timeline(ws)) {
            if (id.equals(line.path("id").asText()) && line.path("json").isTextual())
                return read(ws, line.path("json").asText());
        }
        throw new NotFoundException("no record " + id + " in " + ws + "'s decisions/log.jsonl");
    }

    private JsonNode read(String ws, String relative) {
        Path dir = decisions(ws).toAbsolutePath().normalize();
        Path f = dir.resolve(relative).normalize();
        if (!f.startsWith(dir) || !Files.isRegularFile(f))
            throw new NotFoundException("decisions/" + relative + ": not a record file of this workspace");
        try {
            return Json.mapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new NotFoundException("decisions/" + relative + ": unreadable ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private List<JsonNode> ofKind(String ws, String kind) {
        return timeline(ws).stream()
                .filter(n -> kind.equals(n.path("kind").asText("decision")))
                .toList();
    }

    /** The latest pilot record's JSON, or null. */
    JsonNode latestPilot(String ws) {
        List<JsonNode> p = ofKind(ws, "pilot");
        return p.isEmpty() ? null : read(ws, p.get(p.size() - 1).path("json").asText());
    }

    /** The page the HTML report renders for record {@code id}, with the latest pilot record when there is one. */
    String reportHtml(String ws, String id) {
        JsonNode rec = record(ws, id);
        if ("pilot".equals(rec.path("kind").asText())) {
            List<JsonNode> d = ofKind(ws, "decision");
            if (d.isEmpty())
                throw new NotFoundException("record " + id + " is a pilot record and no decision record precedes it");
            return HtmlReport.render(read(ws, d.get(d.size() - 1).path("json").asText()), rec);
        }
        return HtmlReport.render(rec, latestPilot(ws));
    }

    /** {@code {number, decision, method, date, nextReview, changed: [...]}} of the latest decision, or null. */
    ObjectNode latest(String ws) {
        List<JsonNode> d = ofKind(ws, "decision");
        if (d.isEmpty()) return null;
        JsonNode line = d.get(d.size() - 1);
        JsonNode rec = read(ws, line.path("json").asText());
        ObjectNode o = F.objectNode();
        o.put("number", line.path("id").asText());
        o.put("decision", rec.path("decision").asText(null));
        o.set("method", rec.path("method").isMissingNode() ? F.nullNode() : rec.path("method"));
        o.put("date", rec.path("date").asText(null));
        o.put("nextReview", rec.path("nextReview").asText(null));
        ObjectNode consistent = consistent(rec);
        if (consistent != null) o.set("consistent", consistent);
        ArrayNode changed = o.putArray("changed");
        if (d.size() < 2) {
            changed.add("first record");
        } else {
            JsonNode prev = read(ws, d.get(d.size() - 2).path("json").asText());
            changes(prev, rec).forEach(changed::add);
        }
        return o;
    }

    /**
     * FT-CONSISTENT as the record states it (for the decision page to link its reason to the conflicts page): {@code
     * {verdict, reason, resolve}}: the reason the decision gives (or the rule's measured values when it gives none),
     * and the counterfactual naming the conflict groups to resolve; null when the record has no such rule.
     */
    static ObjectNode consistent(JsonNode rec) {
        for (JsonNode r : rec.path("rules")) {
            if (!"FT-CONSISTENT".equals(r.path("id").asText())) continue;
            ObjectNode o = F.objectNode();
            o.put("verdict", r.path("verdict").asText(null));
            String reason = null;
            for (JsonNode t : rec.path("reasons")) if (t.asText().startsWith("FT-CONSISTENT")) reason = t.asText();
            if (reason == null)
                reason = "FT-CONSISTENT " + r.path("verdict").asText("").toLowerCase(java.util.Locale.ROOT) + " — "
                        + r.path("title").asText("") + ": "
                        + r.path("measuredText").asText("");
            o.put("reason", reason);
            String resolve = null;
            for (JsonNode c : rec.path("counterfactuals"))
                if ("FT-CONSISTENT".equals(c.path("rule").asText()))
                    resolve = c.path("text").asText(null);
            o.put("resolve", resolve);
            return o;
        }
        return null;
    }

    /** What differs between two decision records: the decision, the method, and each rule whose verdict moved. */
    static List<String> changes(JsonNode prev, JsonNode cur) {
        List<String> out = new ArrayList<>();
        String pd = prev.path("decision").asText(""), cd = cur.path("decision").asText("");
        if (!pd.equals(cd)) out.add("decision " + pd + " → " + cd);
        String pm = prev.path("method").asText(""), cm = cur.path("method").asText("");
        if (!pm.equals(cm)) out.add("method " + (pm.isEmpty() ? "none" : pm) + " → " + (cm.isEmpty() ? "none" : cm));
        for (JsonNode r : cur.path("rules")) {
            for (JsonNode q : prev.path("rules")) {
                if (q.path("id").asText().equals(r.path("id").asText())
                        && !q.path("verdict").asText().equals(r.path("verdict").asText())) {
                    out.add(r.path("id").asText() + " " + q.path("verdict").asText() + " → "
                            + r.path("verdict").asText());
                }
            }
        }
        if (out.isEmpty()) out.add("nothing since record " + prev.path("id").asText());
        return out;
    }
}
