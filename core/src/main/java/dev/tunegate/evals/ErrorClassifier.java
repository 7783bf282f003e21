package dev.tunegate.evals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts a failed item in an error class, deterministically: the user's {@code errorClass} when given,
 * else the first of {@link ErrorClass}'s classes that applies. The key of a wrong label carries its
 * confusion pair, {@code WRONG_LABEL billing→account}, so a repeating confusion shows as one class.
 */
public final class ErrorClassifier {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern REFUSAL = Pattern.compile(
            "^(?:i'?m sorry|i am sorry|sorry, i|i can(?:no|')t|i cannot|i'?m (?:not able|unable)|i am (?:not able|unable)"
                    + "|as an ai|i won'?t|i must decline|i do not feel comfortable|i don'?t feel comfortable)",
            Pattern.CASE_INSENSITIVE);

    private final LabelSet labels;
    private final JsonSchema outputSchema;

    /**
     * @param labels the label set (may be {@link LabelSet#none()})
     * @param outputSchema the configured output schema, or null
     */
    public ErrorClassifier(LabelSet labels, JsonSchema outputSchema) {
        this.labels = labels;
        this.outputSchema = outputSchema;
    }

    /** The class key of a failed record: a user class, an {@link ErrorClass} name, or {@code WRONG_LABEL a→b}. */
    public String classify(EvalRecord r) {
        if (r.errorClass() != null && !r.errorClass().isBlank())
            return r.errorClass().trim();
        return derive(r);
    }

    /** The base class of a key: {@code WRONG_LABEL} for {@code WRONG_LABEL a→b}, the key itself otherwise. */
    public static String base(String key) {
        return key.startsWith(ErrorClass.WRONG_LABEL.name() + " ") ? ErrorClass.WRONG_LABEL.name() : key;
    }

    private String derive(EvalRecord r) {
        String out = r.output();
        if (out == null) return ErrorClass.OTHER.name(); // no output recorded: nothing to classify by
        if (out.isBlank()) return ErrorClass.EMPTY.name();
        String trimmed = out.trim();
        if (REFUSAL.matcher(trimmed).find()) return ErrorClass.REFUSAL.name();
        String finish = r.finishReason() == null ? "" : r.finishReason().toLowerCase(Locale.ROOT);
        if (finish.equals("length") || finish.equals("max_tokens")) return ErrorClass.TRUNCATED.name();
        if (jsonExpected(r)) {
            JsonNode node = parse(trimmed);
            if (node == null) {
                return startsJson(trimmed) && unclosed(trimmed)
                        ? ErrorClass.TRUNCATED.name()
                        : ErrorClass.FORMAT.name();
            }
            if (!node.isContainerNode() && outputSchema == null) return ErrorClass.FORMAT.name();
            if (outputSchema != null && !outputSchema.validate(node).isEmpty()) return ErrorClass.FORMAT.name();
            String field = singleLabelDifference(r.expected(), node);
            if (field != null) return field;
            return ErrorClass.OTHER.name();
        }
        if (labels.known()) {
            if (!labels.contains(trimmed)) return ErrorClass.LABEL_OUTSIDE_SET.name();
            String expected = r.expected() == null ? "?" : r.expected().trim();
            if (!expected.equals(trimmed)) return ErrorClass.WRONG_LABEL.name() + " " + expected + "→" + trimmed;
        }
        return ErrorClass.OTHER.name();
    }

    /**
     * When the expected and the actual output are JSON objects differing in exactly one top-level field
     * whose two values are labels (short strings), the failure is a wrong label on that field: a router
     * answering {@code {"queue":"account"}} for {@code {"queue":"billing"}} confuses billing with account.
     */
    private String singleLabelDifference(String expectedText, JsonNode got) {
        if (expectedText == null) return null;
        JsonNode exp = parse(expectedText.trim());
        if (exp == null || !exp.isObject() || !got.isObject()) return null;
        String diffField = null;
        java.util.Set<String> names = new java.util.TreeSet<>();
        exp.fieldNames().forEachRemaining(names::add);
        got.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (java.util.Objects.equals(exp.get(name), got.get(name))) continue;
            if (diffField != null) return null;
            diffField = name;
        }
        if (diffField == null) return null;
        JsonNode e = exp.get(diffField), g = got.get(diffField);
        if (e == null
                || g == null
                || !e.isTextual()
                || !g.isTextual()
                || !LabelSet.looksLikeLabel(e.asText())
                || !LabelSet.looksLikeLabel(g.asText())) {
            return null;
        }
        // The label set governs the field only when the expected value is one of its labels.
        if (labels.known() && labels.contains(e.asText()) && !labels.contains(g.asText()))
            return ErrorClass.LABEL_OUTSIDE_SET.name();
        return ErrorClass.WRONG_LABEL.name() + " " + e.asText().trim() + "→"
                + g.asText().trim();
    }

    /** JSON is expected when an output schema is configured or the expected value is a JSON object or array. */
    public boolean jsonExpected(EvalRecord r) {
        if (outputSchema != null) return true;
        String e = r.expected();
        if (e == null) return false;
        String t = e.trim();
        return startsJson(t) && parse(t) != null;
    }

    private static boolean startsJson(String s) {
        return s.startsWith("{") || s.startsWith("[");
    }

    /** Whether brackets opened outside strings are never closed: the output stopped mid-document. */
    private static boolean unclosed(String s) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth > 0 || inString;
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
