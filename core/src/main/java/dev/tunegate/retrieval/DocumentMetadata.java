package dev.tunegate.retrieval;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The metadata fields of a document (front matter, sidecar file or JSONL row), validated.
 * Package-private: the readers share it.
 *
 * @param id the id, or null when absent
 * @param title the title, or null
 * @param groups the groups (empty when absent)
 * @param updated the change history
 * @param source the source, or null
 */
record DocumentMetadata(String id, String title, List<String> groups, List<LocalDate> updated, String source) {
    DocumentMetadata {
        groups = List.copyOf(groups);
        updated = List.copyOf(updated);
    }

    static final DocumentMetadata NONE = new DocumentMetadata(null, null, List.of(), List.of(), null);

    /** A field with the wrong type or value. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        FieldException(String field, String expected, Object found) {
            super("field \"" + field + "\": expected " + expected + ", found " + describe(found));
            this.field = field;
        }
    }

    /**
     * Reads the metadata from a parsed map (YAML or JSON converted to Java values).
     *
     * @throws FieldException naming the first bad field
     */
    static DocumentMetadata from(Map<?, ?> map) throws FieldException {
        String id = scalar(map, "id");
        if (id != null && id.isBlank()) throw new FieldException("id", "a non-empty string", "\"\"");
        String title = scalar(map, "title");
        String source = scalar(map, "source");
        List<String> groups = new ArrayList<>();
        Object g = map.get("groups");
        if (g instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String || o instanceof Number)
                        || o.toString().isBlank()) {
                    throw new FieldException("groups", "a list of group names", list);
                }
                groups.add(o.toString().strip());
            }
        } else if (g instanceof String s) {
            if (!s.isBlank()) groups.add(s.strip());
        } else if (g != null) {
            throw new FieldException("groups", "a list of group names", g);
        }
        List<LocalDate> updated = new ArrayList<>();
        Object u = map.get("updated");
        if (u instanceof List<?> list) {
            for (Object o : list) updated.add(date(o, list));
        } else if (u != null) {
            updated.add(date(u, u));
        }
        return new DocumentMetadata(id, title, List.copyOf(groups), updated, source);
    }

    private static String scalar(Map<?, ?> map, String key) throws FieldException {
        Object v = map.get(key);
        if (v == null) return null;
        if (v instanceof String || v instanceof Number || v instanceof Boolean)
            return v.toString().strip();
        throw new FieldException(key, "a string", v);
    }

    private static LocalDate date(Object o, Object whole) throws FieldException {
        if (o instanceof Date d) return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
        if (o instanceof String s) {
            String t = s.strip();
            try {
                return LocalDate.parse(t.length() > 10 && t.charAt(10) == 'T' ? t.substring(0, 10) : t);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(t).toLocalDate();
                } catch (DateTimeParseException e2) {
                    throw new FieldException("updated", "a list of ISO dates (2025-03-31)", whole);
                }
            }
        }
        throw new FieldException("updated", "a list of ISO dates (2025-03-31)", whole);
    }

    private static String describe(Object found) {
        if (found == null) return "nothing";
        if (found instanceof String s) return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        String t = found.toString();
        return (t.length() > 60 ? t.substring(0, 60) + "…" : t);
    }
}
