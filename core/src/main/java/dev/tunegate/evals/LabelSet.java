package dev.tunegate.evals;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The labels a classification-like task may answer, and where they came from.
 *
 * @param labels the labels (empty: no label set, the task is free text)
 * @param source {@code configured} ({@code evals.labels}), {@code inferred} (from the expected values), or {@code none}
 */
public record LabelSet(Set<String> labels, String source) {
    public LabelSet {
        labels = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(labels));
    }

    /**
     * A label is short: at most four words separated by single spaces, without quotes or JSON brackets
     * (real label sets carry punctuation: Banking77 has {@code reverted_card_payment?}).
     */
    private static final Pattern LABEL = Pattern.compile("[^\\s{}\\[\\]\"]+( [^\\s{}\\[\\]\"]+){0,3}");

    /**
     * Reads labels from a file: a JSON array of strings, or one label per line.
     *
     * @throws dev.tunegate.io.InvalidInputException when the file is missing or holds no label
     */
    public static List<String> readFile(java.nio.file.Path file) {
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new dev.tunegate.io.InvalidInputException(
                    file + ": expected a label file (JSON array or one label per line), found none: " + e.getMessage());
        }
        List<String> out = new java.util.ArrayList<>();
        String t = text.strip();
        if (t.startsWith("[")) {
            try {
                for (var n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(t)) {
                    if (!n.isTextual())
                        throw dev.tunegate.io.InvalidInputException.field(file, 1, "labels", "strings", n.toString());
                    out.add(n.asText());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new dev.tunegate.io.InvalidInputException(
                        file.toString(),
                        e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        "expected a JSON array of labels, found invalid JSON: " + dev.tunegate.io.Json.parseError(e));
            }
        } else {
            t.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(out::add);
        }
        if (out.isEmpty()) throw new dev.tunegate.io.InvalidInputException(file + ": expected labels, found none");
        return out;
    }

    public static LabelSet none() {
        return new LabelSet(Set.of(), "none");
    }

    public static LabelSet configured(Collection<String> labels) {
        return new LabelSet(new LinkedHashSet<>(labels), "configured");
    }

    /**
     * Infers a label set from expected values: when every expected value looks like a label (short,
     * one line, not JSON) and there are at most half as many distinct values as values (labels repeat),
     * the distinct values are the set; otherwise there is none.
     */
    public static LabelSet infer(List<String> expectedValues) {
        List<String> values = expectedValues.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(String::trim)
                .toList();
        if (values.size() < 4) return none();
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v.length() > 64 || !LABEL.matcher(v).matches()) return none();
            distinct.add(v);
        }
        if (distinct.size() * 2 > values.size()) return none();
        return new LabelSet(new java.util.TreeSet<>(distinct), "inferred");
    }

    /** Whether a value looks like a label: at most 64 characters, at most four words, one line. */
    public static boolean looksLikeLabel(String value) {
        return value != null
                && value.trim().length() <= 64
                && LABEL.matcher(value.trim()).matches();
    }

    /** A label folded for near matches: lower case, letters and digits only. */
    public static String normalize(String label) {
        return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** How many labels and where from, as a sentence says it: "6 configured labels", "1 inferred label". */
    public static String describe(int count, String source) {
        return count + " " + source + " label" + (count == 1 ? "" : "s");
    }

    /** {@link #describe(int, String)} of this set. */
    public String describe() {
        return describe(labels.size(), source);
    }

    public boolean known() {
        return !labels.isEmpty();
    }

    public boolean contains(String label) {
        return label != null && labels.contains(label.trim());
    }
}
