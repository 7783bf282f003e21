package dev.tunegate.tokens;

/**
 * An encoding's split regex as code: where the piece that starts at a char index ends. Pieces
 * tile the text; each is then byte-pair encoded on its own.
 */
interface PreTokenizer {
    /**
     * The end (exclusive char index) of the piece that starts at {@code start}; greater than
     * {@code start} for every {@code start < text.length()}.
     */
    int end(String text, int start);

    /**
     * Whether a lone surrogate is encoded as {@code '?'} (jtokkit's regex path: {@code String.getBytes(UTF_8)})
     * rather than as the three bytes of its code unit (jtokkit's hand-written cl100k splitter).
     */
    boolean loneSurrogateAsQuestionMark();

    /** Class bits (low byte) and char count (bits 8+) of the code point at {@code i}. */
    static int at(String s, int i, int n) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            return CharClasses.of(Character.toCodePoint(c, s.charAt(i + 1))) | (2 << 8);
        }
        return CharClasses.ofChar(c) | (1 << 8);
    }

    /**
     * Ends a run of whitespace that starts at {@code i} the way {@code \s*[\r\n]+|\s+(?!\S)|\s+}
     * does: through its last line break if it has one, else all of it at the end of the text,
     * else all but its last char (which then leads the next piece), else its one char.
     */
    static int whitespaceEnd(String s, int i, int n) {
        int j = i;
        int lastNewline = -1;
        while (j < n) {
            char c = s.charAt(j);
            if ((CharClasses.ofChar(c) & CharClasses.WS) == 0) break; // every White_Space char is in the BMP
            if (c == '\n' || c == '\r') lastNewline = j;
            j++;
        }
        if (lastNewline >= 0) return lastNewline + 1;
        if (j == n || j - i < 2) return j;
        return j - 1;
    }
}
