package dev.tunegate.evals;

import dev.tunegate.evidence.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-threaded accumulator of row problems, grouped by file and kind; {@link #snapshot()} hands
 * out one {@link Finding} per group (its {@code lines}, {@code count} and the first row's message after
 * the kind's description) in the order they were first seen.
 */
public final class Findings {
    /** Lines kept per file and kind. */
    public static final int MAX_LINES = 20;

    private final Map<String, Group> groups = new LinkedHashMap<>();

    private static final class Group {
        final String file;
        final EvalRowIssue kind;
        long count;
        final List<Long> lines = new ArrayList<>();
        String example;

        Group(String file, EvalRowIssue kind) {
            this.file = file;
            this.kind = kind;
        }
    }

    /** Records a problem at {@code file:line}. */
    public void add(String file, long line, EvalRowIssue kind, String message) {
        add(file, line, kind, null, message);
    }

    /**
     * Records a problem of one field at {@code file:line}: problems of different fields are different groups, so a
     * group's message (its first row's) says what is wrong with each of its rows — a row without an item and a row
     * without an outcome are not one "field \"item\"" finding.
     *
     * @param field the field the problem is about, or null when it is about the row
     */
    public void add(String file, long line, EvalRowIssue kind, String field, String message) {
        Group g = groups.computeIfAbsent(
                file + "\u0000" + kind + "\u0000" + (field == null ? "" : field), k -> new Group(file, kind));
        g.count++;
        if (g.example == null) g.example = message;
        if (g.lines.size() < MAX_LINES && line > 0) g.lines.add(line);
    }

    /** Records a problem of a record. */
    public void add(EvalRecord r, EvalRowIssue kind, String message) {
        add(r.file(), r.line(), kind, message);
    }

    /** Records a problem of one field of a record. */
    public void add(EvalRecord r, EvalRowIssue kind, String field, String message) {
        add(r.file(), r.line(), kind, field, message);
    }

    /** How many rows have a problem of {@code kind}. */
    public long count(EvalRowIssue kind) {
        return groups.values().stream()
                .filter(g -> g.kind == kind)
                .mapToLong(g -> g.count)
                .sum();
    }

    public List<Finding> snapshot() {
        return groups.values().stream()
                .map(g -> new Finding(
                        g.kind.name(),
                        g.kind.kept() ? Finding.WARNING : Finding.ERROR,
                        g.file,
                        g.lines.isEmpty() ? 0 : g.lines.get(0),
                        List.of(),
                        List.of(),
                        g.lines,
                        g.count,
                        g.kind.description() + ": " + g.example))
                .toList();
    }
}
