package dev.tunegate.evals.read;

import java.util.Locale;

/** Lenient parsing of the pass/fail and number cells that exports write in many spellings. */
final class Values {
    private Values() {}

    /** {@code true/false, 1/0, yes/no, pass/fail, passed/failed, y/n, correct/incorrect}; null when none. */
    static Boolean bool(String s) {
        if (s == null) return null;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "1.0", "yes", "y", "pass", "passed", "correct", "ok" -> Boolean.TRUE;
            case "false", "0", "0.0", "no", "n", "fail", "failed", "incorrect", "wrong" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A finite number, or null. */
    static Double number(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A whole number, or null. */
    static Long integer(String s) {
        Double d = number(s);
        return d == null || d != Math.rint(d) ? null : d.longValue();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The file name without its last extension. */
    static String stem(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String n = fileName.substring(slash + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A value shortened for a message. */
    static String shorten(String s) {
        if (s == null) return "null";
        String one = s.replace("\n", "\\n").replace("\r", "");
        return one.length() > 60 ? "\"" + one.substring(0, 57) + "…\"" : "\"" + one + "\"";
    }
}
