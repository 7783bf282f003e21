package dev.tunegate.tokens;

import static dev.tunegate.tokens.CharClasses.LETTER;
import static dev.tunegate.tokens.CharClasses.LOWERISH;
import static dev.tunegate.tokens.CharClasses.NEWLINE;
import static dev.tunegate.tokens.CharClasses.NUMBER;
import static dev.tunegate.tokens.CharClasses.OTHER;
import static dev.tunegate.tokens.CharClasses.UPPERISH;
import static dev.tunegate.tokens.PreTokenizer.at;

/**
 * o200k_base's split regex, alternative by alternative in Java regex's backtracking order:
 * <pre>
 * [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * </pre>
 */
final class O200kPreTokenizer implements PreTokenizer {
    static final O200kPreTokenizer INSTANCE = new O200kPreTokenizer();

    private O200kPreTokenizer() {}

    @Override
    public boolean loneSurrogateAsQuestionMark() {
        return true;
    }

    @Override
    public int end(String s, int i) {
        int n = s.length();
        int k0 = at(s, i, n);
        int c0 = k0 & 0xff;
        int w0 = k0 >>> 8;
        boolean prefix = (c0 & (NEWLINE | LETTER | NUMBER)) == 0;
        if (prefix || (c0 & (UPPERISH | LOWERISH)) != 0) {
            int e = -1;
            if (prefix) e = lowerWord(s, i + w0, n);
            if (e < 0) e = lowerWord(s, i, n);
            if (e >= 0) return e;
            if (prefix) e = upperWord(s, i + w0, n);
            if (e < 0) e = upperWord(s, i, n);
            if (e >= 0) return e;
        }
        if ((c0 & NUMBER) != 0) {
            int e = i + w0;
            for (int d = 1; d < 3 && e < n; d++) {
                int k = at(s, e, n);
                if ((k & NUMBER) == 0) break;
                e += k >>> 8;
            }
            return e;
        }
        int start = -1;
        if (s.charAt(i) == ' ' && i + 1 < n && (at(s, i + 1, n) & OTHER) != 0) start = i + 1;
        else if ((c0 & OTHER) != 0) start = i;
        if (start >= 0) {
            int e = start;
            while (e < n) {
                int k = at(s, e, n);
                if ((k & OTHER) == 0) break;
                e += k >>> 8;
            }
            while (e < n) {
                char c = s.charAt(e);
                if (c != '\r' && c != '\n' && c != '/') break;
                e++;
            }
            return e;
        }
        return PreTokenizer.whitespaceEnd(s, i, n);
    }

    /** {@code U*L+C?} from {@code from}, or -1: U* backs off to the last char that is also of class L. */
    private static int lowerWord(String s, int from, int n) {
        if (from >= n) return -1;
        int m = from;
        int k = 0;
        while (m < n) {
            k = at(s, m, n);
            if ((k & UPPERISH) == 0) break;
            m += k >>> 8;
        }
        int lower;
        if (m < n && (k & LOWERISH) != 0) {
            lower = m;
        } else {
            lower = -1;
            int j = m;
            while (j > from) {
                j -= (j - 2 >= from
                                && Character.isLowSurrogate(s.charAt(j - 1))
                                && Character.isHighSurrogate(s.charAt(j - 2)))
                        ? 2
                        : 1;
                if ((at(s, j, n) & LOWERISH) != 0) {
                    lower = j;
                    break;
                }
            }
            if (lower < 0) return -1;
        }
        int e = lower;
        while (e < n) {
            int c = at(s, e, n);
            if ((c & LOWERISH) == 0) break;
            e += c >>> 8;
        }
        return e + contraction(s, e, n);
    }

    /** {@code U+L*C?} from {@code from}, or -1. */
    private static int upperWord(String s, int from, int n) {
        if (from >= n) return -1;
        int e = from;
        while (e < n) {
            int c = at(s, e, n);
            if ((c & UPPERISH) == 0) break;
            e += c >>> 8;
        }
        if (e == from) return -1;
        while (e < n) {
            int c = at(s, e, n);
            if ((c & LOWERISH) == 0) break;
            e += c >>> 8;
        }
        return e + contraction(s, e, n);
    }

    /** Length of {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)} at {@code e}, or 0 (case folded as Java's UNICODE_CASE does). */
    static int contraction(String s, int e, int n) {
        if (e + 1 >= n || s.charAt(e) != '\'') return 0;
        int c1 = fold(s.charAt(e + 1));
        switch (c1) {
            case 's', 't', 'm', 'd' -> {
                return 2;
            }
            case 'r', 'v' -> {
                return e + 2 < n && fold(s.charAt(e + 2)) == 'e' ? 3 : 0;
            }
            case 'l' -> {
                return e + 2 < n && fold(s.charAt(e + 2)) == 'l' ? 3 : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static int fold(char c) {
        if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
