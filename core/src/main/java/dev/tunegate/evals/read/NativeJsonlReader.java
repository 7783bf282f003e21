package dev.tunegate.evals.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tunegate's native eval results: JSONL, one object per item per run, described by
 * {@code docs/formats/eval-results.schema.json}. A line that is not a JSON object, or lacks an item,
 * is a finding; a file in which no line is a JSON object is invalid input.
 */
public final class NativeJsonlReader implements EvalReader {

    @Override
    public List<EvalRecord> read(Path file, String displayName, Findings findings, MessageDigest digest) {
        List<EvalRecord> out = new ArrayList<>();
        String[] firstBad = {null};
        String defaultRun = Values.stem(displayName);
        JsonlLines.Counts counts;
        try {
            counts = JsonlLines.read(
                    file,
                    new JsonlLines.Visitor() {
                        @Override
                        public void object(long line, ObjectNode node) {
                            EvalRecord r = record(node, defaultRun, displayName, line, findings);
                            if (r != null) out.add(r);
                        }

                        @Override
                        public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                            if (firstBad[0] == null) firstBad[0] = Values.shorten(text);
                            findings.add(
                                    displayName,
                                    line,
                                    EvalRowIssue.MALFORMED_ROW,
                                    "expected a JSON object, found " + Values.shorten(text));
                        }

                        @Override
                        public void notUtf8(long line, String text, String firstBadByte) {
                            if (firstBad[0] == null) firstBad[0] = "a line that is not valid UTF-8";
                            findings.add(
                                    displayName,
                                    line,
                                    EvalRowIssue.MALFORMED_ROW,
                                    "the line is not valid UTF-8: " + firstBadByte);
                        }
                    },
                    digest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName + ": " + e.getMessage(), e);
        }
        long nonEmpty = counts.nonBlank();
        long objects = counts.objects();
        String firstBadLine = firstBad[0];
        if (nonEmpty > 0 && objects == 0) {
            throw new InvalidInputException(
                    displayName,
                    1,
                    "expected native eval results (one JSON object per line, see docs/formats/eval-results.md), found "
                            + firstBadLine);
        }
        return out;
    }

    private static EvalRecord record(JsonNode n, String defaultRun, String file, long line, Findings findings) {
        String item = text(n.get("item"));
        if (Values.blank(item)) {
            findings.add(
                    file,
                    line,
                    EvalRowIssue.MISSING_FIELD,
                    "item",
                    "field \"item\": expected a string or number, found " + kind(n.get("item"))
                            + (n.get("item") == null ? " (the row's fields: " + Json.fieldNames(n) + ")" : ""));
            return null;
        }
        Long iteration = null;
        JsonNode it = n.get("iteration");
        if (it != null && !it.isNull()) {
            if (it.canConvertToLong() && it.isIntegralNumber()) iteration = it.longValue();
            else
                findings.add(
                        file,
                        line,
                        EvalRowIssue.BAD_VALUE,
                        "iteration",
                        "field \"iteration\": expected an integer, found " + it);
        }
        String run = text(n.get("run"));
        if (Values.blank(run)) run = iteration != null ? "iteration-" + iteration : defaultRun;
        Boolean passed = null;
        JsonNode p = n.get("passed");
        if (p != null && !p.isNull()) {
            // Boolean.valueOf: a bare p.booleanValue() would make the conditional unbox Values.bool's null
            passed = p.isBoolean() ? Boolean.valueOf(p.booleanValue()) : Values.bool(p.asText());
            if (passed == null)
                findings.add(
                        file,
                        line,
                        EvalRowIssue.BAD_VALUE,
                        "passed",
                        "field \"passed\": expected true or false, found " + p);
        }
        Double score = number(n.get("score"), "score", file, line, findings);
        Double latency = number(n.get("latencyMs"), "latencyMs", file, line, findings);
        Double tokens = number(n.get("tokens"), "tokens", file, line, findings);
        Double cost = number(n.get("costUsd"), "costUsd", file, line, findings);
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = n.get("tags");
        if (t != null && t.isObject()) {
            t.properties()
                    .forEach(e -> tags.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        } else if (t != null && t.isArray()) {
            t.forEach(e -> tags.put(e.asText(), "true"));
        } else if (t != null && !t.isNull()) {
            findings.add(file, line, EvalRowIssue.BAD_VALUE, "tags", "field \"tags\": expected an object, found " + t);
        }
        return new EvalRecord(
                run,
                iteration,
                text(n.get("timestamp")),
                item,
                passed,
                score,
                text(n.get("expected")),
                text(n.get("output")),
                text(n.get("errorClass")),
                text(n.get("finishReason")),
                latency,
                tokens == null ? null : tokens.longValue(),
                cost,
                tags,
                file,
                line);
    }

    /** A scalar as text, or a JSON object/array as its JSON. */
    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return null;
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Double number(JsonNode v, String field, String file, long line, Findings findings) {
        if (v == null || v.isNull()) return null;
        Double d = v.isNumber() ? (Double) v.doubleValue() : Values.number(v.asText());
        if (d == null || !Double.isFinite(d)) {
            findings.add(
                    file,
                    line,
                    EvalRowIssue.BAD_VALUE,
                    field,
                    "field \"" + field + "\": expected a number, found " + v);
            return null;
        }
        return d;
    }

    private static String kind(JsonNode v) {
        return v == null ? "nothing" : v.isNull() ? "null" : v.toString();
    }
}
