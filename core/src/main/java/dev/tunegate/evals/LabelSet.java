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

    /** A label is short: at most four words of letters, digits and {@code _ - . : /}. */
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}_.:/-]+( [\\p{L}\\p{N}_.:/-]+){0,3}");

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
        List<String> values = expectedValues.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
        if (values.size() < 4) return none();
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v.length() > 64 || !LABEL.matcher(v).matches()) return none();
            distinct.add(v);
        }
        if (distinct.size() * 2 > values.size()) return none();
        return new LabelSet(new java.util.TreeSet<>(distinct), "inferred");
    }

    public boolean known() { return !labels.isEmpty(); }

    public boolean contains(String label) {
        return label != null && labels.contains(label.trim());
    }
}
