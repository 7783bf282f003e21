package dev.tunegate.audit;

/**
 * 64-bit fingerprints of normalised text, so the audit keeps 8 bytes per row instead of the text.
 * FNV-1a over the UTF-16 code units, finished with the MurmurHash3 64-bit avalanche. With n rows the
 * chance of any false collision is about n²/2⁶⁵ (3·10⁻⁸ for a million rows).
 */
public final class Fingerprint {
    private Fingerprint() {}

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The fingerprint of a text. */
    public static long of(CharSequence text) {
        return finish(update(FNV_OFFSET, text));
    }

    /** The fingerprint of two texts as a pair (distinct from their concatenation). */
    public static long ofPair(CharSequence a, CharSequence b) {
        long h = update(FNV_OFFSET, a);
        h = (h ^ 0x1F) * FNV_PRIME; // unit separator between the parts
        h = (h ^ 0x1E) * FNV_PRIME;
        return finish(update(h, b));
    }

    /**
     * {@code of(TextNormalizer.normalize(text))}, without building the normal form when the text is
     * ASCII: case and whitespace are folded while hashing, trailing punctuation is cut first.
     */
    public static long ofNormalized(CharSequence text) {
        return finish(updateNormalized(FNV_OFFSET, text));
    }

    /**
     * {@code ofPair(TextNormalizer.normalize(a), TextNormalizer.normalize(b))}, likewise.
     *
     * @param stateOfA {@link #normalizedState(CharSequence)} of {@code a}, so that a row's input is scanned once
     */
    public static long ofNormalizedPair(long stateOfA, CharSequence b) {
        long h = (stateOfA ^ 0x1F) * FNV_PRIME;
        h = (h ^ 0x1E) * FNV_PRIME;
        return finish(updateNormalized(h, b));
    }

    /** The running hash of the normal form of {@code text}; {@link #finish} of it is {@link #ofNormalized}. */
    public static long normalizedState(CharSequence text) {
        return updateNormalized(FNV_OFFSET, text);
    }

    /** The fingerprint of a running hash. */
    public static long finishState(long state) {
        return finish(state);
    }

    /** ASCII whitespace as {@link TextNormalizer} sees it (isWhitespace or isSpaceChar), and ASCII punctuation. */
    private static final boolean[] ASCII_SPACE = new boolean[128];

    private static final boolean[] ASCII_CUT = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
            int t = Character.getType(c);
            boolean punct = t == Character.CONNECTOR_PUNCTUATION
                    || t == Character.DASH_PUNCTUATION
                    || t == Character.START_PUNCTUATION
                    || t == Character.END_PUNCTUATION
                    || t == Character.INITIAL_QUOTE_PUNCTUATION
                    || t == Character.FINAL_QUOTE_PUNCTUATION
                    || t == Character.OTHER_PUNCTUATION;
            ASCII_CUT[c] = punct || ASCII_SPACE[c];
        }
    }

    private static long updateNormalized(long h, CharSequence s) {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) >= 0x80) return update(h, TextNormalizer.normalize(s));
        }
        int end = len;
        while (end > 0 && ASCII_CUT[s.charAt(end - 1)]) end--; // trailing punctuation and spaces, in any mix
        boolean started = false;
        boolean space = false;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (ASCII_SPACE[c]) {
                space = started;
                continue;
            }
            if (space) h = (h ^ ' ') * FNV_PRIME * FNV_PRIME; // the high byte of a char below 0x100 is 0: h ^ 0 = h
            space = false;
            started = true;
            if (c >= 'A' && c <= 'Z') c += 32;
            h = (h ^ c) * FNV_PRIME;
            h = h * FNV_PRIME;
        }
        return h;
    }

    private static long update(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xFF)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's fmix64. */
    static long finish(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
