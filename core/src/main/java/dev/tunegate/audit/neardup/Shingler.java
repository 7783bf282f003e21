package dev.tunegate.audit.neardup;

import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Turns text into 64-bit shingle hashes: windows of {@code size} case-folded {@code \w+} tokens
 * (a text shorter than {@code size} tokens is one shingle), or windows of characters.
 */
public final class Shingler {
    private final ShingleMode mode;
    private final int size;

    public Shingler(ShingleMode mode, int size) {
        this.mode = mode;
        this.size = size;
    }

    /** Calls {@code sink} once per shingle (duplicates included). Returns the number of shingles. */
    public int shingles(CharSequence text, LongConsumer sink) {
        String folded = text.toString().toLowerCase(Locale.ROOT);
        return mode == ShingleMode.WORDS ? words(folded, sink) : chars(folded, sink);
    }

    private int words(String s, LongConsumer sink) {
        long[] ring = new long[size];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (i < len) {
            while (i < len && !isWord(s.charAt(i))) i++;
            if (i >= len) break;
            int start = i;
            while (i < len && isWord(s.charAt(i))) i++;
            ring[n % size] = tokenHash(s, start, i);
            n++;
            if (n >= size) sink.accept(window(ring, n));
        }
        if (n > 0 && n < size) {
            sink.accept(window(ring, n));
            return 1;
        }
        return Math.max(0, n - size + 1);
    }

    private long window(long[] ring, int n) {
        int k = Math.min(n, size);
        long h = 0x9E3779B97F4A7C15L;
        for (int j = n - k; j < n; j++) h = Hashing.mix(h * 31 + ring[j % size]);
        return h;
    }

    private int chars(String s, LongConsumer sink) {
        if (s.isEmpty()) return 0;
        if (s.length() <= size) {
            sink.accept(tokenHash(s, 0, s.length()));
            return 1;
        }
        for (int i = 0; i + size <= s.length(); i++) sink.accept(tokenHash(s, i, i + size));
        return s.length() - size + 1;
    }

    private static long tokenHash(String s, int from, int to) {
        long h = 0xCBF29CE484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return Hashing.mix(h);
    }

    /** {@code \w} as Java's regex sees it without UNICODE_CHARACTER_CLASS would be ASCII; we follow Python's Unicode \w. */
    static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
