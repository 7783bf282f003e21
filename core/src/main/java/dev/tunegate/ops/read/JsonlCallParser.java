package dev.tunegate.ops.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.io.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * tunegate's own call log: one JSON object a line with {@code ts}, {@code query}, {@code refused},
 * {@code retrieved} ({@code [{"id","score"}]}), {@code groups} and {@code feedback} required (feedback may be
 * null), and {@code answer}, {@code user}, {@code latencyMs}, {@code costUsd}, {@code model} optional.
 * Stateless: runs on the worker threads.
 */
final class JsonlCallParser implements LineParser {
    private final ObjectMapper mapper;

    JsonlCallParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void parse(String file, long line, String text, List<Call> calls, List<LogProblem> problems) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new LogProblem(file, line, "not valid JSON: " + Json.parseError(e)));
            return;
        }
        if (n == null || !n.isObject()) {
            problems.add(new LogProblem(
                    file, line, "expected a JSON object (one call a line), found " + JsonFields.describe(n)));
            return;
        }
        try {
            calls.add(call(n, file + ":" + line));
        } catch (JsonFields.Bad e) {
            problems.add(new LogProblem(file, line, e.getMessage()));
        }
    }

    static Call call(JsonNode n, String where) throws JsonFields.Bad {
        var ts = JsonFields.instant("ts", n.get("ts"));
        String query = JsonFields.requiredText("query", n.get("query"));
        JsonNode refused = n.get("refused");
        if (refused == null || !refused.isBoolean()) throw new JsonFields.Bad("refused", "true or false", refused);
        JsonNode ret = n.get("retrieved");
        if (ret == null || !ret.isArray())
            throw new JsonFields.Bad(
                    "retrieved", "an array of {\"id\", \"score\"} (empty when nothing was retrieved)", ret);
        List<Call.Retrieved> retrieved = new ArrayList<>(ret.size());
        for (int i = 0; i < ret.size(); i++) {
            JsonNode r = ret.get(i);
            String f = "retrieved[" + i + "]";
            if (!r.isObject()) throw new JsonFields.Bad(f, "an object {\"id\", \"score\"}", r);
            String id = JsonFields.requiredText(f + ".id", r.get("id"));
            JsonNode s = r.get("score");
            if (s == null || !s.isNumber() || !Double.isFinite(s.asDouble()))
                throw new JsonFields.Bad(f + ".score", "a number", s);
            retrieved.add(
                    new Call.Retrieved(id, s.asDouble(), JsonFields.optionalDate(f + ".updated", r.get("updated"))));
        }
        JsonNode g = n.get("groups");
        if (g == null || !g.isArray())
            throw new JsonFields.Bad("groups", "an array of group names (empty for none)", g);
        List<String> groups = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) groups.add(JsonFields.requiredText("groups[" + i + "]", g.get(i)));
        Call.Feedback fb = JsonFields.feedback("feedback", n.get("feedback"));
        String model = JsonFields.optionalText("model", n.get("model"));
        String adapter = JsonFields.optionalText("adapter", n.get("adapter"));
        return new Call(
                ts,
                query,
                JsonFields.optionalText("answer", n.get("answer")),
                refused.asBoolean(),
                retrieved,
                groups,
                JsonFields.optionalText("user", n.get("user")),
                JsonFields.optionalNonNegative("latencyMs", n.get("latencyMs")),
                JsonFields.optionalNonNegative("costUsd", n.get("costUsd")),
                fb,
                adapter != null ? adapter : model,
                where);
    }
}
