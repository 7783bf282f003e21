package dev.tunegate.evidence;

import java.util.Objects;

/**
 * One measured (or declared) value of a {@link Measure}, with where it came from.
 *
 * @param measure what was measured
 * @param value a {@link Double} for numbers and ratios ({@code +Infinity} means "never"), a {@link Boolean} or a {@link String}
 * @param origin whether the value was measured from an artifact or declared in the config
 * @param source the analyzer and artifact behind it, e.g. {@code audit: data/train.jsonl}
 * @param detail a short human explanation of how it was measured (may be empty)
 */
public record Evidence(Measure measure, Object value, Origin origin, String source, String detail) {

    /** Measured values win over declared ones for the same measure. */
    public enum Origin {
        MEASURED,
        DECLARED
    }

    public Evidence {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        source = source == null ? "" : source;
        detail = detail == null ? "" : detail;
        value = switch (measure.kind()) {
            case NUMBER, RATIO -> {
                if (!(value instanceof Number n))
                    throw new IllegalArgumentException(measure + " expects a number, got " + value);
                double d = n.doubleValue();
                if (Double.isNaN(d)) throw new IllegalArgumentException(measure + " is NaN");
                yield d;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean))
                    throw new IllegalArgumentException(measure + " expects a boolean, got " + value);
                yield value;
            }
            case TEXT -> value.toString();
        };
    }

    public static Evidence measured(Measure m, Object value, String source, String detail) {
        return new Evidence(m, value, Origin.MEASURED, source, detail);
    }

    public static Evidence declared(Measure m, Object value, String source) {
        return new Evidence(m, value, Origin.DECLARED, source, "declared");
    }

    public double asDouble() {
        return (Double) value;
    }

    public boolean asBoolean() {
        return (Boolean) value;
    }

    public String asText() {
        return value.toString();
    }

    /** The value as a person reads it: integers without decimals, ratios as percentages, infinity as "never". */
    public String display() {
        return display(measure, value);
    }

    public static String display(Measure measure, Object value) {
        return switch (measure.kind()) {
            case RATIO -> String.format(java.util.Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
            case NUMBER -> {
                double d = ((Number) value).doubleValue();
                if (Double.isInfinite(d)) yield "never";
                String n = d == Math.rint(d) && Math.abs(d) < 1e15
                        ? Long.toString((long) d)
                        : String.format(java.util.Locale.ROOT, "%.2f", d);
                yield measure.unit().isEmpty() ? n : n + " " + unit(measure.unit(), d);
            }
            case BOOLEAN -> ((Boolean) value) ? "yes" : "no";
            case TEXT -> value.toString();
        };
    }

    /** "1 document", "2 documents": a one-word plural unit loses its "s" for exactly one. */
    static String unit(String unit, double value) {
        if (value == 1 && unit.endsWith("s") && !unit.contains(" ")) return unit.substring(0, unit.length() - 1);
        return unit;
    }
}
