package dev.tunegate.audit;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normal form under which two texts count as exact duplicates: Unicode NFKC, case folded,
 * zero-width characters removed, every run of whitespace collapsed to one space, trimmed, and
 * trailing punctuation dropped ({@code "Where is my card?!"} equals {@code "where is  my card"}).
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /** The normal form of {@code text}; never null. */
    public static String normalize(CharSequence text) {
        if (text == null) return "";
        String s;
        if (ascii(text)) {
            s = text.toString().toLowerCase(Locale.ROOT); // ASCII is already NFKC and folds by lower-casing
        } else {
            // NFKC, full case folding approximated by upper- then lower-casing (ß → ss, final sigma → σ),
            // repeated until stable: casing can un-normalise combining sequences (Greek with diacritics)
            s = text.toString();
            for (int round = 0; round < 4; round++) {
                String next = Normalizer.normalize(s, Normalizer.Form.NFKC)
                        .toUpperCase(Locale.ROOT)
                        .toLowerCase(Locale.ROOT);
                next = Normalizer.normalize(next.replace("ß", "ss"), Normalizer.Form.NFKC);
                if (next.equals(s)) break;
                s = next;
            }
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) continue;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = b.length() > 0;
                continue;
            }
            if (space) b.append(' ');
            space = false;
            b.appendCodePoint(cp);
        }
        int end = b.length();
        while (end > 0) {
            int cp = b.codePointBefore(end);
            if (isPunctuation(cp)) end -= Character.charCount(cp);
            else if (cp == ' ') end--;
            else break;
        }
        b.setLength(end);
        return b.toString();
    }

    private static boolean ascii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
