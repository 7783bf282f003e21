package dev.tunegate.record;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a rendered Markdown record safe to open in a Markdown viewer, whatever text from configs, eval outputs or
 * corpus titles it carries: no raw HTML ({@code <} and {@code >} become {@code &lt;} and {@code &gt;}, which a viewer
 * shows as the characters), and no link whose destination is not http(s) or mailto ({@code [x](javascript:…)},
 * also spelled with entities or whitespace, loses its link syntax; {@code [x]: javascript:…} reference
 * definitions too). Applied to the whole document, so no field can be forgotten.
 */
public final class MarkdownSafety {
    /** {@code ](} opening an inline link's destination, with what follows. */
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*([^)\\s]*)");
    /** {@code ]:} of a link reference definition, with its destination. */
    private static final Pattern REFERENCE = Pattern.compile("\\]:[ \\t]*(\\S*)");

    private static final Pattern SAFE_DESTINATION =
            Pattern.compile("^(https?://|mailto:)[^&]*", Pattern.CASE_INSENSITIVE);

    private MarkdownSafety() {}

    /** The document with raw HTML escaped and unsafe link destinations made plain text. */
    public static String neutralise(String markdown) {
        String s = markdown.replace("<", "&lt;").replace(">", "&gt;");
        s = breakUnsafe(INLINE_LINK, s, "]\\(");
        return breakUnsafe(REFERENCE, s, "\\]:");
    }

    private static String breakUnsafe(Pattern p, String s, String broken) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String dest = m.group(1);
            boolean safe = SAFE_DESTINATION.matcher(dest).matches();
            String kept = m.group().substring(2);
            m.appendReplacement(out, Matcher.quoteReplacement(safe ? m.group() : broken + kept));
        }
        m.appendTail(out);
        return out.toString();
    }
}
