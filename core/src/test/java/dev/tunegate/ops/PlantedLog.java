package dev.tunegate.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seeded production log with planted topics, and what was planted (counted as it is generated, so tests
 * check the review against counts made independently of it). Two ISO weeks: 2026-W47 (Mon 2026-11-16) and
 * 2026-W48. Every call is a JSON line; {@link #otlp} renders the same calls as OTLP GenAI spans.
 */
final class PlantedLog {
    static final LocalDate W47 = LocalDate.of(2026, 11, 16);
    static final String[] MISSING = {
        "Is there a gym membership subsidy?", "gym membership subsidy amount", "Do we get a gym membership subsidy?"
    };
    static final String[] HIDDEN = {
        "What is the salary band for level 4?", "salary band level 4 maximum", "Show the salary band for my level"
    };
    static final String[] LOW = {
        "How do I book a parking space?", "parking space booking", "Can I book a parking space for a visitor?"
    };
    static final String[] NORMAL = {
        "How many remote days are allowed per week?",
        "What is the meal per diem abroad?",
        "How do I report a phishing email?",
        "Who approves my training budget?",
        "How long is parental leave?"
    };

    final List<Map<String, Object>> calls = new ArrayList<>();
    /** Planted counts per week index (0 = W47, 1 = W48). */
    final int[] missing = new int[2],
            hidden = new int[2],
            low = new int[2],
            refused = new int[2],
            down = new int[2],
            total = new int[2];

    final long seed;

    PlantedLog(long seed, int callsPerWeek) {
        this.seed = seed;
        Random rnd = new Random(seed);
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < callsPerWeek; i++) {
                Instant ts = W47.plusDays(7L * w + rnd.nextInt(7))
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .plusSeconds(rnd.nextInt(86_400));
                double r = rnd.nextDouble();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("ts", ts.toString());
                List<Map<String, Object>> ret = new ArrayList<>();
                boolean isRefused;
                if (r < 0.05 + 0.03 * w) {
                    c.put("query", MISSING[rnd.nextInt(MISSING.length)]);
                    isRefused = true;
                    ret.add(doc("pol-travel", 0.1 + 0.1 * rnd.nextDouble()));
                    missing[w]++;
                } else if (r < 0.09 + 0.05 * w) {
                    c.put("query", HIDDEN[rnd.nextInt(HIDDEN.length)]);
                    isRefused = true;
                    ret.add(doc("pol-training", 0.1 + 0.1 * rnd.nextDouble()));
                    hidden[w]++;
                } else if (r < 0.13 + 0.05 * w) {
                    c.put("query", LOW[rnd.nextInt(LOW.length)]);
                    isRefused = false;
                    ret.add(doc("pol-cars", 0.2 + 0.1 * rnd.nextDouble()));
                    low[w]++;
                } else {
                    c.put("query", NORMAL[rnd.nextInt(NORMAL.length)]);
                    isRefused = false;
                    ret.add(doc("pol-remote", 0.6 + 0.3 * rnd.nextDouble()));
                }
                if (isRefused) refused[w]++;
                c.put("answer", isRefused ? "I cannot answer that." : "See the policy.");
                c.put("refused", isRefused);
                c.put("retrieved", ret);
                c.put("groups", List.of("staff"));
                c.put("user", "u" + rnd.nextInt(50));
                c.put("latencyMs", 500 + rnd.nextInt(1500));
                c.put("costUsd", 0.001 + rnd.nextInt(10) / 10_000.0);
                String fb = rnd.nextDouble() < 0.2 ? (rnd.nextDouble() < 0.3 ? "down" : "up") : null;
                if ("down".equals(fb)) down[w]++;
                c.put("feedback", fb);
                calls.add(c);
                total[w]++;
            }
        }
    }

    private static Map<String, Object> doc(String id, double score) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("score", Math.round(score * 1000) / 1000.0);
        return d;
    }

    String jsonl() {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> c : calls)
            b.append(dev.tunegate.io.Json.line(c)).append('\n');
        return b.toString();
    }

    /** The same calls as one OTLP export request a line: a retrieval span and a chat span per call, in one trace. */
    String otlp() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Map<String, Object> c : calls) {
            long start = Instant.parse((String) c.get("ts")).toEpochMilli() * 1_000_000L;
            long end = start + ((Number) c.get("latencyMs")).longValue() * 1_000_000L;
            String trace = String.format(Locale.ROOT, "%032x", i++);
            String docs = dev.tunegate.io.Json.line(c.get("retrieved"));
            String input = dev.tunegate.io.Json.line(List.of(
                    Map.of("role", "user", "parts", List.of(Map.of("type", "text", "content", c.get("query"))))));
            List<Object> chatAttrs = new ArrayList<>(List.of(
                    attr("gen_ai.operation.name", "stringValue", "chat"),
                    attr("gen_ai.request.model", "stringValue", "gpt-4o-mini"),
                    attr("gen_ai.input.messages", "stringValue", input),
                    attr(
                            "gen_ai.response.finish_reasons",
                            "arrayValue",
                            Map.of(
                                    "values",
                                    List.of(Map.of(
                                            "stringValue", (Boolean) c.get("refused") ? "content_filter" : "stop")))),
                    attr("enduser.id", "stringValue", c.get("user")),
                    attr("enduser.roles", "stringValue", "staff"),
                    attr("tunegate.cost_usd", "doubleValue", c.get("costUsd"))));
            if (c.get("feedback") != null) chatAttrs.add(attr("tunegate.feedback", "stringValue", c.get("feedback")));
            Map<String, Object> retrieval = Map.of(
                    "traceId",
                    trace,
                    "spanId",
                    "r" + i,
                    "name",
                    "retrieval",
                    "startTimeUnixNano",
                    String.valueOf(start),
                    "endTimeUnixNano",
                    String.valueOf(start + 1000),
                    "attributes",
                    List.of(
                            attr("gen_ai.operation.name", "stringValue", "retrieval"),
                            attr("gen_ai.retrieval.documents", "stringValue", docs)));
            Map<String, Object> chat = Map.of(
                    "traceId",
                    trace,
                    "spanId",
                    "c" + i,
                    "name",
                    "chat gpt-4o-mini",
                    "startTimeUnixNano",
                    String.valueOf(start),
                    "endTimeUnixNano",
                    String.valueOf(end),
                    "attributes",
                    chatAttrs);
            b.append(dev.tunegate.io.Json.line(Map.of(
                            "resourceSpans",
                            List.of(Map.of("scopeSpans", List.of(Map.of("spans", List.of(retrieval, chat))))))))
                    .append('\n');
        }
        return b.toString();
    }

    private static Map<String, Object> attr(String key, String type, Object value) {
        return Map.of("key", key, "value", Map.of(type, value));
    }
}
