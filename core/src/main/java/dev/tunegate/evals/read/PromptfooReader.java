package dev.tunegate.evals.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads promptfoo's results file ({@code promptfoo eval -o results.json}): {@code results.results[]}
 * (or a top-level {@code results[]} in older files), one entry per test case and prompt × provider.
 *
 * <p>Mapping: each prompt × provider pair is a run ({@code prompt.label}, with the provider's label
 * when the file has several providers), ordered by {@code promptIdx}; the item is {@code vars.item},
 * {@code vars.id}, {@code testCase.description}, or a digest of the sorted {@code vars} (stable across
 * files even when tests are reordered), else {@code test-<testIdx>}; {@code success} is the outcome and
 * {@code score} the score; the output is {@code response.output} (JSON-encoded when structured); the
 * expected value is {@code vars.expected} or the value of the first {@code equals} assertion;
 * {@code response.finishReason}, {@code latencyMs}, {@code cost} and {@code tokenUsage.total} carry over;
 * {@code testCase.metadata} becomes tags.
 */
public final class PromptfooReader implements EvalReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(JsonNode node, long line) {}

    @Override
    public List<EvalRecord> read(Path file, String displayName, Findings findings, MessageDigest digest) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = Hashed.open(file, digest);
                JsonParser p = new JsonFactory(JSON).createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readArray(p, entries);
            } else if (first == JsonToken.START_OBJECT) {
                if (!findResults(p, entries)) {
                    throw new InvalidInputException(
                            displayName,
                            1,
                            "field \"results.results\": expected promptfoo's array of results, found none");
                }
            } else {
                throw new InvalidInputException(
                        displayName, 1, "expected promptfoo's results JSON object, found " + first);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(
                    displayName,
                    line,
                    "expected promptfoo's results JSON, found invalid JSON: " + Json.parseError(e),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName + ": " + e.getMessage(), e);
        }
        String stem = Values.stem(displayName);
        long providers =
                entries.stream().map(e -> providerLabel(e.node)).distinct().count();
        long prompts = entries.stream().map(e -> promptLabel(e.node)).distinct().count();
        List<EvalRecord> out = new ArrayList<>();
        for (Entry e : entries) {
            JsonNode n = e.node;
            if (!n.isObject()) {
                findings.add(
                        displayName,
                        e.line,
                        EvalRowIssue.MALFORMED_ROW,
                        "expected a result object, found " + Values.shorten(n.toString()));
                continue;
            }
            String run = stem;
            if (prompts > 1 || providers > 1) {
                run = stem + "#" + promptLabel(n) + (providers > 1 ? " @ " + providerLabel(n) : "");
            }
            Long iteration = n.path("promptIdx").isIntegralNumber() && prompts > 1
                    ? n.path("promptIdx").longValue()
                    : null;
            JsonNode vars = n.has("vars") ? n.get("vars") : n.path("testCase").path("vars");
            String item = item(n, vars);
            // Boolean.valueOf: with bare booleanValue() calls the conditional would be boolean and unbox the null
            Boolean passed = n.has("success") && n.get("success").isBoolean()
                    ? Boolean.valueOf(n.get("success").booleanValue())
                    : n.path("gradingResult").path("pass").isBoolean()
                            ? Boolean.valueOf(
                                    n.path("gradingResult").path("pass").booleanValue())
                            : null;
            Double score = n.path("score").isNumber()
                    ? n.path("score").doubleValue()
                    : n.path("gradingResult").path("score").isNumber()
                            ? n.path("gradingResult").path("score").doubleValue()
                            : null;
            JsonNode response = n.path("response");
            String output = NativeJsonlReader.text(response.get("output"));
            String expected = NativeJsonlReader.text(vars.get("expected"));
            if (expected == null) expected = equalsAssertion(n.path("testCase").path("assert"));
            String finish = NativeJsonlReader.text(response.get("finishReason"));
            Double latency =
                    n.path("latencyMs").isNumber() ? n.path("latencyMs").doubleValue() : null;
            Double cost = n.path("cost").isNumber() ? n.path("cost").doubleValue() : null;
            JsonNode usage = n.has("tokenUsage") ? n.get("tokenUsage") : response.path("tokenUsage");
            Long tokens = usage.path("total").isNumber() ? usage.path("total").longValue() : null;
            Map<String, String> tags = new TreeMap<>();
            n.path("testCase")
                    .path("metadata")
                    .properties()
                    .forEach(m -> tags.put(
                            m.getKey(),
                            m.getValue().isValueNode()
                                    ? m.getValue().asText()
                                    : m.getValue().toString()));
            out.add(new EvalRecord(
                    run,
                    iteration,
                    null,
                    item,
                    passed,
                    score,
                    expected,
                    output,
                    null,
                    finish,
                    latency,
                    tokens,
                    cost,
                    tags,
                    displayName,
                    e.line));
        }
        return out;
    }

    private static boolean findResults(JsonParser p, List<Entry> entries) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("results".equals(name) && t == JsonToken.START_ARRAY) {
                readArray(p, entries);
                return true;
            }
            if ("results".equals(name) && t == JsonToken.START_OBJECT) {
                return findResults(p, entries);
            }
            p.skipChildren();
        }
        return false;
    }

    private static void readArray(JsonParser p, List<Entry> entries) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            long line = p.currentTokenLocation().getLineNr();
            JsonNode node = p.readValueAsTree();
            entries.add(new Entry(node, line));
        }
    }

    private static String item(JsonNode n, JsonNode vars) {
        for (String key : new String[] {"item", "id"}) {
            String v = NativeJsonlReader.text(vars.get(key));
            if (!Values.blank(v)) return v;
        }
        String desc = NativeJsonlReader.text(n.path("testCase").get("description"));
        if (!Values.blank(desc)) return desc;
        if (vars.isObject() && !vars.isEmpty()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : vars.properties()) {
                if (!e.getKey().equals("expected")) sorted.put(e.getKey(), e.getValue());
            }
            try {
                return "vars:" + Digests.sha256(JSON.writeValueAsString(sorted)).substring(0, 12);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON tree always serialises", e);
            }
        }
        return "test-" + n.path("testIdx").asText("?");
    }

    private static String equalsAssertion(JsonNode asserts) {
        if (!asserts.isArray()) return null;
        for (JsonNode a : asserts) {
            if ("equals".equals(a.path("type").asText()) && a.has("value"))
                return NativeJsonlReader.text(a.get("value"));
        }
        return null;
    }

    private static String promptLabel(JsonNode n) {
        JsonNode prompt = n.path("prompt");
        String label = NativeJsonlReader.text(prompt.get("label"));
        if (!Values.blank(label)) return label;
        return "prompt-" + n.path("promptIdx").asText("0");
    }

    private static String providerLabel(JsonNode n) {
        JsonNode provider = n.path("provider");
        if (provider.isTextual()) return provider.asText();
        String label = NativeJsonlReader.text(provider.get("label"));
        if (Values.blank(label)) label = NativeJsonlReader.text(provider.get("id"));
        return Values.blank(label) ? "provider" : label;
    }
}
