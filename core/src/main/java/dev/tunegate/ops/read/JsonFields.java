package dev.tunegate.ops.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reading one typed field of a log line, with the {@code field "x": expected …, found …} message when it does not fit. */
final class JsonFields {
    private JsonFields() {}

    /** A field that does not fit; the parser turns it into a {@link LogProblem}. */
    static final class Bad extends Exception {
        Bad(String field, String expected, JsonNode found) {
            super("field \"" + field + "\": expected " + expected + ", found " + describe(found), null, false, false);
        }

        Bad(String field, String expected, String found) {
            super("field \"" + field + "\": expected " + expected + ", found " + found, null, false, false);
        }
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isTextual()) {
            String t = n.asText();
            return "\"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
        }
        if (n.isContainerNode()) return n.isArray() ? "an array" : "an object";
        return n.getNodeType().name().toLowerCase(Locale.ROOT) + " " + n.asText();
    }

    /** An instant: ISO-8601 with an offset ({@code 2026-11-23T09:14:03Z}), or epoch milliseconds. */
    static Instant instant(String field, JsonNode n) throws Bad {
        if (n != null && n.isIntegralNumber()) return Instant.ofEpochMilli(n.asLong());
        if (n != null && n.isTextual()) {
            Instant t = instant(n.asText());
            if (t != null) return t;
        }
        throw new Bad(field, "an ISO-8601 time with offset (2026-11-23T09:14:03Z) or epoch milliseconds", n);
    }

    /** An ISO instant or offset date-time, or null when the text is neither. */
    static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String requiredText(String field, JsonNode n) throws Bad {
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new Bad(field, "a non-empty string", n);
        return n.asText();
    }

    static String optionalText(String field, JsonNode n) throws Bad {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (!n.isTextual()) throw new Bad(field, "a string or null", n);
        return n.asText();
    }

    static Double optionalNonNegative(String field, JsonNode n) throws Bad {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (!n.isNumber() || n.asDouble() < 0 || !Double.isFinite(n.asDouble()))
            throw new Bad(field, "a number ≥ 0 or null", n);
        return n.asDouble();
    }

    static LocalDate optionalDate(String field, JsonNode n) throws Bad {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isTextual()) {
            String s = n.asText();
            try {
                return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw new Bad(field, "a date (2026-11-23) or null", n);
    }

    static Call.Feedback feedback(String field, JsonNode n) throws Bad {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isTextual()) {
            Call.Feedback f = feedback(n.asText());
            if (f != null || n.asText().isBlank()) return f;
        }
        throw new Bad(field, "\"up\", \"down\" or null", n);
    }

    /** {@code up}/{@code down} (also {@code +1}/{@code -1}, {@code positive}/{@code negative}); null when blank or unknown. */
    static Call.Feedback feedback(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "up", "+1", "1", "positive", "thumbs_up" -> Call.Feedback.UP;
            case "down", "-1", "negative", "thumbs_down" -> Call.Feedback.DOWN;
            default -> null;
        };
    }
}
