package dev.tunegate.audit.read;

import dev.tunegate.io.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which CSV/TSV column holds what. Roles: {@code input} and {@code output} (required), and
 * {@code system}, {@code provenance}, {@code status}, {@code reviewer}, {@code era} (optional).
 * Roles not given are found by common header names ({@code text}, {@code sentence}, {@code utterance},
 * {@code query} … for input; {@code label}, {@code class}, {@code sentiment}, {@code intent}, {@code category} …
 * for output; the role's own name for the others).
 *
 * @param columns role → column name, as given by the user (may be empty)
 */
public record ColumnMapping(Map<String, String> columns) {
    /** The roles a column can have. */
    public static final List<String> ROLES =
            List.of("input", "output", "system", "provenance", "status", "reviewer", "era");

    private static final Map<String, List<String>> GUESSES = Map.of(
            // the common names of UCI and Hugging Face datasets (SST-2's sentence, SMS spam's class); earlier names win
            "input",
                    List.of(
                            "input",
                            "text",
                            "prompt",
                            "question",
                            "query",
                            "instruction",
                            "utterance",
                            "message",
                            "sentence",
                            "review",
                            "content",
                            "document"),
            "output",
                    List.of(
                            "output",
                            "label",
                            "category",
                            "completion",
                            "answer",
                            "response",
                            "intent",
                            "target",
                            "class",
                            "sentiment",
                            "labels",
                            "topic"));

    public ColumnMapping {
        columns = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(columns == null ? Map.of() : columns));
        for (String role : columns.keySet()) {
            if (!ROLES.contains(role)) {
                throw new InvalidInputException("column mapping: role \"" + role + "\": expected one of "
                        + String.join(", ", ROLES) + ", found \"" + role + "\"");
            }
        }
    }

    public static ColumnMapping none() {
        return new ColumnMapping(Map.of());
    }

    /** Resolves roles to column indexes of a header; input and output must resolve. */
    public Map<String, Integer> resolve(Path file, List<String> header) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String role : ROLES) {
            String given = columns.get(role);
            int idx = -1;
            if (given != null) {
                idx = indexOf(header, given);
                if (idx < 0) {
                    throw InvalidInputException.field(
                            file,
                            1,
                            "column \"" + given + "\" (" + role + ")",
                            "a column of the header",
                            found(header));
                }
            } else {
                for (String guess : GUESSES.getOrDefault(role, List.of(role))) {
                    idx = indexOf(header, guess);
                    if (idx >= 0) break;
                }
            }
            if (idx >= 0) out.put(role, idx);
            else if (Set.of("input", "output").contains(role)) {
                throw InvalidInputException.field(
                        file,
                        1,
                        role + " column",
                        "a header column named one of " + String.join(", ", GUESSES.get(role)) + " or --column " + role
                                + "=NAME",
                        found(header));
            }
        }
        return out;
    }

    /**
     * The header as found, and a hint when it is one column holding a semicolon or a tab: a file separated by
     * another character than the one its format reads (a European spreadsheet's ';' CSV, a TSV named .csv).
     */
    private static String found(List<String> header) {
        String cols = "columns " + String.join(", ", header);
        if (header.size() != 1) return cols;
        String only = header.get(0);
        if (only.contains(";"))
            return cols + " (one column: the file looks separated by ';'; tunegate reads CSV separated by ','"
                    + " and TSV by tabs: save it as either)";
        if (only.contains("\t")) return cols + " (one column: the file looks separated by tabs: --data-format tsv)";
        return cols;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) if (header.get(i).equalsIgnoreCase(name.trim())) return i;
        return -1;
    }

    /** Parses {@code role=column} pairs as given on the command line. */
    public static ColumnMapping parse(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new InvalidInputException("--column \"" + p + "\": expected role=column, e.g. input=text");
            }
            m.put(
                    p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    p.substring(eq + 1).trim());
        }
        return new ColumnMapping(m);
    }

    /** From the config's {@code data.columns} map. */
    public static ColumnMapping fromConfig(Map<String, Object> map) {
        Map<String, String> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        return new ColumnMapping(m);
    }
}
