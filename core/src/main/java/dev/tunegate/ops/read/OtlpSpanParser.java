package dev.tunegate.ops.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenTelemetry GenAI spans as OTLP JSON: one {@code ExportTraceServiceRequest} a line
 * ({@code resourceSpans[].scopeSpans[].spans[]}), as the collector's file exporter writes. A span whose
 * {@code gen_ai.operation.name} is an inference ({@code chat}, {@code text_completion},
 * {@code generate_content}) is a call; the documents come from the retrieval spans of the same trace
 * ({@code gen_ai.operation.name} {@code retrieval}, or OpenInference's {@code RETRIEVER} kind). Which
 * attribute feeds which field is listed in docs/formats/call-log.md. Stateless.
 */
final class OtlpSpanParser implements LineParser {
    private static final List<String> INFERENCE = List.of("chat", "text_completion", "generate_content");
    private final ObjectMapper mapper;

    OtlpSpanParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void parse(String file, long line, String text, List<Call> calls, List<LogProblem> problems) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new LogProblem(file, line, "not valid JSON: " + Json.parseError(e)));
            return;
        }
        JsonNode rs = root == null ? null : root.get("resourceSpans");
        if (rs == null || !rs.isArray()) {
            problems.add(new LogProblem(
                    file,
                    line,
                    "field \"resourceSpans\": expected an array (an OTLP JSON export request a line), found "
                            + JsonFields.describe(rs)));
            return;
        }
        // trace id → retrieval results and inference spans, in file order
        Map<String, List<Call.Retrieved>> retrievedByTrace = new LinkedHashMap<>();
        List<JsonNode> inference = new ArrayList<>();
        List<Map<String, JsonNode>> inferenceAttrs = new ArrayList<>();
        for (JsonNode r : rs) {
            for (JsonNode ss : r.path("scopeSpans")) {
                for (JsonNode span : ss.path("spans")) {
                    Map<String, JsonNode> a = attributes(span.path("attributes"));
                    String op = text(a.get("gen_ai.operation.name"));
                    String kind = text(a.get("openinference.span.kind"));
                    if ("retrieval".equals(op) || "retrieve".equals(op) || "RETRIEVER".equals(kind)) {
                        try {
                            retrievedByTrace
                                    .computeIfAbsent(span.path("traceId").asText(), k -> new ArrayList<>())
                                    .addAll(documents(a));
                        } catch (JsonFields.Bad e) {
                            problems.add(new LogProblem(
                                    file, line, "span " + span.path("spanId").asText() + ": " + e.getMessage()));
                        }
                    } else if (op != null && INFERENCE.contains(op)) {
                        inference.add(span);
                        inferenceAttrs.add(a);
                    }
                }
            }
        }
        for (int i = 0; i < inference.size(); i++) {
            JsonNode span = inference.get(i);
            try {
                calls.add(call(
                        span,
                        inferenceAttrs.get(i),
                        // a trace without a retrieval span does not record retrieval: null, as a CSV log without
                        // a retrieved column (not "retrieved nothing", which would count as a low-score call)
                        retrievedByTrace.get(span.path("traceId").asText()),
                        file + ":" + line));
            } catch (JsonFields.Bad e) {
                problems.add(
                        new LogProblem(file, line, "span " + span.path("spanId").asText() + ": " + e.getMessage()));
            }
        }
    }

    private Call call(JsonNode span, Map<String, JsonNode> a, List<Call.Retrieved> retrieved, String where)
            throws JsonFields.Bad {
        long start = nanos(span.get("startTimeUnixNano"), "startTimeUnixNano");
        Long end = span.has("endTimeUnixNano") ? nanos(span.get("endTimeUnixNano"), "endTimeUnixNano") : null;
        String query = lastText(a.get("gen_ai.input.messages"), "user");
        if (query == null) query = text(a.get("gen_ai.prompt"));
        if (query == null) query = text(a.get("input.value"));
        if (query == null || query.isBlank()) {
            throw new JsonFields.Bad(
                    "gen_ai.input.messages",
                    "a user message with text (or gen_ai.prompt); turn on content capture",
                    "none");
        }
        String answer = lastText(a.get("gen_ai.output.messages"), "assistant");
        if (answer == null) answer = text(a.get("gen_ai.completion"));
        if (answer == null) answer = text(a.get("output.value"));
        boolean refused = Boolean.TRUE.equals(bool(a.get("tunegate.refused")));
        for (String reason : strings(a.get("gen_ai.response.finish_reasons")))
            if ("content_filter".equals(reason)) refused = true;
        // a span without the attribute does not record the caller's groups: null (access control not checked), as a
        // CSV log without a groups column, not an empty list (a caller in no group)
        JsonNode groupsAttr = first(a, "tunegate.groups", "enduser.roles", "user.roles");
        List<String> groups = groupsAttr == null ? null : strings(groupsAttr);
        String user = text(first(a, "enduser.id", "user.id"));
        String fb = text(a.get("tunegate.feedback"));
        Call.Feedback feedback = fb == null ? null : JsonFields.feedback(fb);
        Double cost = number(a.get("tunegate.cost_usd"));
        String model = text(first(a, "tunegate.adapter", "gen_ai.response.model", "gen_ai.request.model"));
        Double latency = end == null ? null : Math.max(0, (end - start) / 1e6);
        return new Call(
                Instant.ofEpochSecond(start / 1_000_000_000L, start % 1_000_000_000L),
                query,
                answer,
                refused,
                retrieved,
                groups,
                user,
                latency,
                cost,
                feedback,
                model,
                where);
    }

    private static long nanos(JsonNode n, String field) throws JsonFields.Bad {
        if (n != null && n.isIntegralNumber()) return n.asLong();
        if (n != null && n.isTextual()) {
            try {
                return Long.parseLong(n.asText());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new JsonFields.Bad(field, "nanoseconds since the epoch", n);
    }

    /** Documents of a retrieval span: {@code gen_ai.retrieval.documents} (JSON [{id, score}]) or OpenInference's flattened keys. */
    private List<Call.Retrieved> documents(Map<String, JsonNode> a) throws JsonFields.Bad {
        List<Call.Retrieved> out = new ArrayList<>();
        JsonNode docs = a.get("gen_ai.retrieval.documents");
        if (docs != null) {
            JsonNode arr = docs;
            if (docs.isTextual()) {
                try {
                    arr = mapper.readTree(docs.asText());
                } catch (IOException e) {
                    throw new JsonFields.Bad("gen_ai.retrieval.documents", "a JSON array of {\"id\", \"score\"}", docs);
                }
            }
            if (arr == null || !arr.isArray())
                throw new JsonFields.Bad("gen_ai.retrieval.documents", "a JSON array of {\"id\", \"score\"}", docs);
            for (JsonNode d : arr) {
                JsonNode s = d.get("score");
                if (!d.path("id").isTextual() || s == null || !s.isNumber())
                    throw new JsonFields.Bad(
                            "gen_ai.retrieval.documents", "elements {\"id\": string, \"score\": number}", d);
                out.add(new Call.Retrieved(
                        d.get("id").asText(), s.asDouble(), JsonFields.optionalDate("updated", d.get("updated"))));
            }
            return out;
        }
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : a.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("retrieval.documents.")) continue;
            String[] parts = k.split("\\.");
            if (parts.length != 5) continue;
            int i;
            try {
                i = Integer.parseInt(parts[2]);
            } catch (NumberFormatException ex) {
                continue;
            }
            String[] slot = byIndex.computeIfAbsent(i, x -> new String[2]);
            if (parts[4].equals("id")) slot[0] = e.getValue().asText();
            if (parts[4].equals("score")) slot[1] = e.getValue().asText();
        }
        for (Map.Entry<Integer, String[]> e : byIndex.entrySet()) {
            String[] s = e.getValue();
            if (s[0] == null) continue;
            try {
                out.add(new Call.Retrieved(s[0], s[1] == null ? Double.NaN : Double.parseDouble(s[1]), null));
            } catch (NumberFormatException ex) {
                throw new JsonFields.Bad("retrieval.documents." + e.getKey() + ".document.score", "a number", s[1]);
            }
        }
        return out;
    }

    /** OTLP's key/value list as key → plain JSON value (stringValue, intValue, doubleValue, boolValue, arrayValue). */
    static Map<String, JsonNode> attributes(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode kv : list) out.put(kv.path("key").asText(), plain(kv.path("value")));
        return out;
    }

    private static JsonNode plain(JsonNode v) {
        if (v.has("stringValue")) return v.get("stringValue");
        if (v.has("boolValue")) return v.get("boolValue");
        if (v.has("doubleValue")) return v.get("doubleValue");
        if (v.has("intValue")) {
            JsonNode i = v.get("intValue");
            return i.isTextual() ? com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(i.asText())) : i;
        }
        if (v.has("arrayValue")) {
            var arr = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : v.path("arrayValue").path("values")) arr.add(plain(e));
            return arr;
        }
        return v;
    }

    private static JsonNode first(Map<String, JsonNode> a, String... keys) {
        for (String k : keys) if (a.containsKey(k)) return a.get(k);
        return null;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static Boolean bool(JsonNode n) {
        if (n == null) return null;
        if (n.isBoolean()) return n.asBoolean();
        if (n.isTextual()) return Boolean.parseBoolean(n.asText().toLowerCase(Locale.ROOT));
        return null;
    }

    private static Double number(JsonNode n) {
        if (n == null) return null;
        if (n.isNumber()) return n.asDouble();
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Strings of an array attribute, or of a comma-separated string. */
    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (n.isArray()) {
            for (JsonNode e : n) if (e.isTextual() && !e.asText().isBlank()) out.add(e.asText());
        } else if (n.isTextual()) {
            for (String s : n.asText().split(",")) if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    /** The text of the last message with {@code role} in a GenAI messages attribute (a JSON string or array). */
    private String lastText(JsonNode messages, String role) {
        if (messages == null) return null;
        JsonNode arr = messages;
        if (messages.isTextual()) {
            try {
                arr = mapper.readTree(messages.asText());
            } catch (IOException e) {
                return null;
            }
        }
        if (arr == null || !arr.isArray()) return null;
        String found = null;
        for (JsonNode m : arr) {
            if (!role.equals(m.path("role").asText())) continue;
            StringBuilder b = new StringBuilder();
            for (JsonNode p : m.path("parts")) {
                if ("text".equals(p.path("type").asText()) && p.path("content").isTextual())
                    b.append(b.isEmpty() ? "" : "\n").append(p.get("content").asText());
            }
            if (b.isEmpty() && m.path("content").isTextual())
                b.append(m.get("content").asText());
            if (!b.isEmpty()) found = b.toString();
        }
        return found;
    }
}
