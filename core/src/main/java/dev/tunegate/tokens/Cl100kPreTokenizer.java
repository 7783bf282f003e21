package dev.tunegate.tokens;

import static dev.tunegate.tokens.CharClasses.LETTER;
import static dev.tunegate.tokens.CharClasses.NEWLINE;
import static dev.tunegate.tokens.CharClasses.NUMBER;
import static dev.tunegate.tokens.CharClasses.OTHER;
import static dev.tunegate.tokens.CharClasses.WS;

/**
 * cl100k_base's split regex as code:
 * <pre>
 * '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+
 * </pre>
 * As jtokkit's own cl100k splitter reads it: no letter above U+323AF and no number above U+1FBF9
 * (there are none in the Unicode versions the JDK knows today).
 */
final class Cl100kPreTokenizer implements PreTokenizer {
    static final Cl100kPreTokenizer INSTANCE = new Cl100kPreTokenizer();

    private Cl100kPreTokenizer() {}

    @Override
    public boolean loneSurrogateAsQuestionMark() {
        return false;
    }

    /** Class bits and char count of the code point at {@code i}, with jtokkit's range limits. */
    private static int cls(String s, int i, int n) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            int bits = CharClasses.of(cp);
            if (cp > 0x323af) bits &= ~LETTER;
            if (cp > 0x1fbf9) bits &= ~NUMBER;
            if ((bits & (WS | LETTER | NUMBER)) == 0) bits |= OTHER;
            return bits | (2 << 8);
        }
        return CharClasses.ofChar(c) | (1 << 8);
    }

    @Override
    public int end(String s, int i) {
        int n = s.length();
        char ch = s.charAt(i);
        if (ch == '\'' && i + 1 < n) {
            char c1 = s.charAt(i + 1);
            switch (c1) {
                case 's', 'd', 't', 'm', 'S', 'D', 'T', 'M', 'ſ' -> {
                    return i + 2;
                }
                default -> {
                    if (i + 2 < n) {
                        int a = c1 | 0x20;
                        int b = s.charAt(i + 2) | 0x20;
                        if (c1 < 128
                                && s.charAt(i + 2) < 128
                                && ((a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'r' && b == 'e'))) {
                            return i + 3;
                        }
                    }
                }
            }
        }
        int k0 = cls(s, i, n);
        int c0 = k0 & 0xff;
        int e = i + (k0 >>> 8);
        int k1 = e < n ? cls(s, e, n) : 0;
        if ((c0 & LETTER) != 0 || ((c0 & (NEWLINE | LETTER | NUMBER)) == 0 && (k1 & LETTER) != 0)) {
            while (e < n) {
                int k = cls(s, e, n);
                if ((k & LETTER) == 0) break;
                e += k >>> 8;
            }
            return e;
        }
        if ((c0 & NUMBER) != 0) {
            for (int d = 1; d < 3 && e < n; d++) {
                int k = cls(s, e, n);
                if ((k & NUMBER) == 0) break;
                e += k >>> 8;
            }
            return e;
        }
        if ((c0 & OTHER) != 0 || (ch == ' ' && (k1 & OTHER) != 0)) {
            while (e < n) {
                int k = cls(s, e, n);
                if ((k & OTHER) == 0) break;
                e += k >>> 8;
            }
            while (e < n) {
                char c = s.charAt(e);
                if (c != '\r' && c != '\n') break;
                e++;
            }
            return e;
        }
        return PreTokenizer.whitespaceEnd(s, i, n);
    }
}
