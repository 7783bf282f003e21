package dev.tunegate.io;

/**
 * Text from data made safe for a terminal: control characters become visible escapes instead of acting on the
 * screen ({@code ESC[2J} clearing it, {@code ESC[1A ESC[2K} overwriting the line above, a carriage return
 * overprinting), and bidirectional overrides that reorder what a reader sees ({@code U+202E} …) become
 * {@code \u202e}. ESC shows as {@code \e}, tab, CR and LF as {@code \t \r \n}, any other C0/C1 control or DEL as
 * {@code \xNN}.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code s} with every control and bidi-override character made visible; null stays null. */
    public static String visible(String s) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = escape(c);
            if (rep == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            b.append(rep);
        }
        return b == null ? s : b.toString();
    }

    private static String escape(char c) {
        if (c == 0x1B) return "\\e";
        if (c == '\t') return "\\t";
        if (c == '\r') return "\\r";
        if (c == '\n') return "\\n";
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return String.format("\\x%02x", (int) c);
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
