package dev.tunegate.tokens;

/**
 * The character classes the encodings' split regexes use, as bits, for every code point: Java
 * regex semantics under {@code UNICODE_CHARACTER_CLASS} ({@code \s} is White_Space, {@code \p{L}}
 * and {@code \p{N}} are general categories, a lone surrogate is a code point of category Cs).
 * One byte per BMP char in a table built once from {@link Character#getType(int)}.
 */
final class CharClasses {
    /** {@code \s}: White_Space. */
    static final int WS = 1;
    /** {@code \p{L}}. */
    static final int LETTER = 2;
    /** {@code \p{N}}. */
    static final int NUMBER = 4;
    /** {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]} (o200k's upper class). */
    static final int UPPERISH = 8;
    /** {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]} (o200k's lower class). */
    static final int LOWERISH = 16;
    /** {@code [\r\n]}. */
    static final int NEWLINE = 32;
    /** {@code [^\s\p{L}\p{N}]}: punctuation, symbols, marks, controls, lone surrogates. */
    static final int OTHER = 64;

    private static final byte[] BMP = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) BMP[c] = (byte) compute(c);
    }

    private CharClasses() {}

    /** The class bits of a BMP char (a lone surrogate included). */
    static int ofChar(char c) {
        return BMP[c];
    }

    /** The class bits of any code point. */
    static int of(int cp) {
        return cp < 65536 ? BMP[cp] : compute(cp);
    }

    private static int compute(int cp) {
        int type = Character.getType(cp);
        int bits = 0;
        if (((((1 << Character.SPACE_SEPARATOR)
                                                | (1 << Character.LINE_SEPARATOR)
                                                | (1 << Character.PARAGRAPH_SEPARATOR))
                                        >> type)
                                & 1)
                        != 0
                || (cp >= 0x9 && cp <= 0xd)
                || cp == 0x85) {
            bits |= WS;
        }
        switch (type) {
            case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> bits |= LETTER | UPPERISH;
            case Character.LOWERCASE_LETTER -> bits |= LETTER | LOWERISH;
            case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> bits |= LETTER | UPPERISH | LOWERISH;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK ->
                bits |= UPPERISH | LOWERISH;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> bits |= NUMBER;
            default -> {}
        }
        if (cp == '\r' || cp == '\n') bits |= NEWLINE;
        if ((bits & (WS | LETTER | NUMBER)) == 0) bits |= OTHER;
        return bits;
    }
}
