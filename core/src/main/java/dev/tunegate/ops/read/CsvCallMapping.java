package dev.tunegate.ops.read;

import dev.tunegate.io.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which CSV column holds which call field, like the dataset audit's column mapping. A field not mapped
 * is found by its own name in the header (case-insensitive). {@code retrieved} is {@code id:score}
 * pairs separated by {@code ;} (best first), {@code groups} names separated by {@code ;}, {@code refused}
 * {@code true/false/1/0/yes/no}.
 *
 * @param columns field → column name, as given by the user
 */
public record CsvCallMapping(Map<String, String> columns) {
    /** The fields a column can hold. */
    public static final List<String> FIELDS = List.of(
            "ts",
            "query",
            "answer",
            "refused",
            "retrieved",
            "groups",
            "user",
            "latencyMs",
            "costUsd",
            "feedback",
            "model");

    private static final List<String> REQUIRED = List.of("ts", "query", "refused");

    public CsvCallMapping {
        columns = Map.copyOf(columns == null ? Map.of() : columns);
        for (String f : columns.keySet()) {
            if (!FIELDS.contains(f))
                throw new InvalidInputException("column mapping: field \"" + f + "\": expected one of "
                        + String.join(", ", FIELDS) + ", found \"" + f + "\"");
        }
    }

    public static CsvCallMapping none() {
        return new CsvCallMapping(Map.of());
    }

    /** From {@code field=column} pairs. */
    public static CsvCallMapping parse(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1)
                throw new InvalidInputException("--column \"" + p + "\": expected field=column, e.g. query=question");
            String field = p.substring(0, eq).trim();
            String canonical = FIELDS.stream()
                    .filter(f -> f.equalsIgnoreCase(field))
                    .findFirst()
                    .orElse(field);
            m.put(canonical, p.substring(eq + 1).trim());
        }
        return new CsvCallMapping(m);
    }

    /** Field → column index in {@code header}; required fields must resolve. */
    Map<String, Integer> resolve(String file, List<String> header) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String name = columns.getOrDefault(f, f);
            int idx = -1;
            for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase(name)) idx = i;
            if (idx >= 0) out.put(f, idx);
            else if (columns.containsKey(f) || REQUIRED.contains(f)) {
                throw new InvalidInputException(
                        file,
                        1,
                        "column \"" + name + "\" (" + f + "): expected a column of the header or --column " + f
                                + "=NAME, found columns " + String.join(", ", header));
            }
        }
        return out;
    }

    /** One CSV record as a call. */
    static Call call(Map<String, Integer> idx, List<String> values, String where) throws JsonFields.Bad {
        String tsText = get(idx, values, "ts");
        Instant ts = tsText == null ? null : JsonFields.instant(tsText);
        if (ts == null)
            throw new JsonFields.Bad("ts", "an ISO-8601 time with offset (2026-11-23T09:14:03Z)", quote(tsText));
        String query = get(idx, values, "query");
        if (query == null || query.isBlank()) throw new JsonFields.Bad("query", "a non-empty string", quote(query));
        String r = get(idx, values, "refused");
        Boolean refused = r == null
                ? null
                : switch (r.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> true;
                    case "false", "0", "no" -> false;
                    default -> null;
                };
        if (refused == null) throw new JsonFields.Bad("refused", "true or false", quote(r));
        // a column the header lacks is not measured: null, not an empty list (nothing retrieved, no groups)
        List<Call.Retrieved> retrieved = idx.containsKey("retrieved") ? new ArrayList<>() : null;
        String ret = get(idx, values, "retrieved");
        if (ret != null && !ret.isBlank()) {
            for (String part : ret.split(";")) {
                int c = part.lastIndexOf(':');
                try {
                    retrieved.add(new Call.Retrieved(
                            part.substring(0, c).trim(),
                            Double.parseDouble(part.substring(c + 1).trim()),
                            (LocalDate) null));
                } catch (RuntimeException e) {
                    throw new JsonFields.Bad("retrieved", "id:score pairs separated by ;", quote(part));
                }
            }
        }
        List<String> groups = idx.containsKey("groups") ? new ArrayList<>() : null;
        String g = get(idx, values, "groups");
        if (g != null) for (String s : g.split(";")) if (!s.isBlank()) groups.add(s.trim());
        String fb = get(idx, values, "feedback");
        Call.Feedback feedback = fb == null || fb.isBlank() ? null : JsonFields.feedback(fb);
        if (fb != null && !fb.isBlank() && feedback == null)
            throw new JsonFields.Bad("feedback", "up, down or empty", quote(fb));
        return new Call(
                ts,
                query,
                get(idx, values, "answer"),
                refused,
                retrieved,
                groups,
                blankToNull(get(idx, values, "user")),
                number(idx, values, "latencyMs"),
                number(idx, values, "costUsd"),
                feedback,
                blankToNull(get(idx, values, "model")),
                where);
    }

    private static String get(Map<String, Integer> idx, List<String> values, String f) {
        Integer i = idx.get(f);
        return i == null || i >= values.size() ? null : values.get(i);
    }

    private static Double number(Map<String, Integer> idx, List<String> values, String f) throws JsonFields.Bad {
        String s = get(idx, values, f);
        if (s == null || s.isBlank()) return null;
        try {
            double d = Double.parseDouble(s.trim());
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new JsonFields.Bad(f, "a number ≥ 0 or empty", quote(s));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
