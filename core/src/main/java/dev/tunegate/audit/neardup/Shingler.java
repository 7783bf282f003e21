package dev.tunegate.audit.neardup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Turns text into 64-bit shingle hashes without allocating a String per token.
 *
 * <p>{@link ShingleMode#WORDS}: the tokens are the runs of word characters of the case-folded text,
 * as Python's {@code re.findall(r"\w+", text.lower())} finds them (the definition of
 * {@code shared/bench/common.py}): a word character is a letter (Lu, Ll, Lt, Lm, Lo), a number (Nd,
 * Nl, No) or {@code _}; combining marks split words, as in Python. The text is scanned once, each
 * code point is case-folded on the fly ({@link Character#toLowerCase(int)}, plus the two full-mapping
 * rules of {@code str.lower()} that change tokens: {@code İ} lower-cases to {@code i} followed by a
 * combining dot, which ends the word; a capital sigma after a cased letter and not before one becomes
 * the final sigma {@code ς}). Each token is hashed once as it is scanned; a shingle is the window of
 * {@code size} consecutive token hashes, combined by a polynomial over 64-bit integers and a final
 * mix, updated as the window rolls (two multiplies per token). A text of fewer than {@code size}
 * tokens is one shingle, an empty one has none.
 *
 * <p>{@link ShingleMode#CHARACTERS}: windows of {@code size} consecutive UTF-16 units of the
 * case-folded text (whitespace and punctuation included), by a rolling polynomial hash; a text
 * shorter than {@code size} is one shingle.
 *
 * <p>Immutable and thread-safe.
 */
public final class Shingler {
    private static final long TOKEN_SEED = 0x2545F4914F6CDD1DL;
    private static final long TOKEN_MUL = 0x9E3779B97F4A7C15L;
    private static final long WINDOW_MUL = 0xC2B2AE3D27D4EB4FL;
    private static final long LENGTH_TAG = 0x165667B19E3779F9L;
    private static final char[] FOLD = new char[65536];
    private static final long[] WORD = new long[65536 / 64];
    private static final long[] CASED = new long[65536 / 64];

    static {
        for (int c = 0; c < 65536; c++) {
            int lower = Character.toLowerCase(c);
            FOLD[c] = lower <= 0xFFFF ? (char) lower : (char) c;
            if (isWordCodePoint(c)) WORD[c >>> 6] |= 1L << c;
            if (Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c))
                CASED[c >>> 6] |= 1L << c;
        }
    }

    private final ShingleMode mode;
    private final int size;

    /**
     * @param mode word or character shingles
     * @param size tokens (or characters) per shingle, at least 1
     */
    public Shingler(ShingleMode mode, int size) {
        if (size < 1) throw new IllegalArgumentException("shingle size must be ≥ 1, got " + size);
        this.mode = mode;
        this.size = size;
    }

    /** Calls {@code sink} once per shingle (repeated shingles included). Returns the number of shingles. */
    public int shingles(CharSequence text, LongConsumer sink) {
        Buffer buffer = new Buffer();
        int n = fill(text, buffer);
        for (int i = 0; i < n; i++) sink.accept(buffer.hashes[i]);
        return n;
    }

    /**
     * The case-folded word tokens exactly as the word shingles see them (allocates a String each:
     * for tests and diagnostics, not for the hot path).
     */
    public static List<String> tokens(CharSequence text) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        scanWords(text, token -> out.add(token.toString()), sb);
        return out;
    }

    /** Growable scratch space of one thread: the text's chars, its shingle hashes, the signer's bins. */
    static final class Buffer {
        private static final int KEEP = 1 << 20;
        long[] hashes = new long[512];
        final long[] ring = new long[64];
        char[] chars = new char[4096];
        long[] mins = new long[0];
        long[] original = new long[0];

        void ensure(int n) {
            if (n > hashes.length) hashes = java.util.Arrays.copyOf(hashes, Math.max(n, hashes.length * 2));
        }

        /** Lets go of arrays grown for an unusually long text, so a thread does not keep them. */
        void shrinkIfHuge() {
            if (hashes.length > KEEP) hashes = new long[512];
            if (chars.length > KEEP) chars = new char[4096];
        }
    }

    /** Writes the shingle hashes of {@code text} into {@code buffer}; returns how many. */
    int fill(CharSequence text, Buffer buffer) {
        if (mode != ShingleMode.WORDS) return chars(text, buffer);
        int len = text.length();
        if (buffer.chars.length < len) buffer.chars = new char[Math.max(len, buffer.chars.length * 2)];
        char[] a = buffer.chars;
        if (text instanceof String str) str.getChars(0, len, a, 0);
        else if (text instanceof StringBuilder sb) sb.getChars(0, len, a, 0);
        else for (int i = 0; i < len; i++) a[i] = text.charAt(i);
        return words(a, len, buffer);
    }

    private int words(char[] s, int len, Buffer buffer) {
        final int k = size;
        final long outWeight = power(WINDOW_MUL, k - 1);
        long[] ring = k <= buffer.ring.length ? buffer.ring : new long[k];
        int tokens = 0;
        int pos = 0; // ring slot of the oldest token of the window (= tokens mod k, kept without dividing)
        long window = 0; // polynomial of the last min(tokens, k) token hashes
        int out = 0;
        int i = 0;
        while (i < len) {
            char c = s[i];
            if (c < 128) {
                if ((WORD[c >>> 6] & (1L << c)) == 0) {
                    i++;
                    continue;
                }
            } else {
                int cp = codePointAt(s, i, len);
                if (!isWord(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
            }
            long h = TOKEN_SEED;
            while (i < len) {
                c = s[i];
                if (c < 128) { // ASCII fast path
                    if ((WORD[c >>> 6] & (1L << c)) == 0) break;
                    h = (h + FOLD[c]) * TOKEN_MUL;
                    i++;
                    continue;
                }
                int cp = codePointAt(s, i, len);
                if (!isWord(cp)) break;
                if (cp == 0x130) { // İ lower-cases to "i" + U+0307, a combining mark: the word ends after the i
                    h = (h + 'i') * TOKEN_MUL;
                    i++;
                    break;
                }
                int f = cp == 0x3A3
                        ? (finalSigma(s, i, len) ? 0x3C2 : 0x3C3)
                        : cp <= 0xFFFF ? FOLD[cp] : Character.toLowerCase(cp);
                h = (h + f) * TOKEN_MUL;
                i += Character.charCount(cp);
            }
            long t = Hashing.mix(h);
            if (tokens >= k) window -= ring[pos] * outWeight; // the oldest token leaves the window
            window = window * WINDOW_MUL + t;
            ring[pos] = t;
            if (++pos == k) pos = 0;
            tokens++;
            if (tokens >= k) {
                if (out == buffer.hashes.length) buffer.ensure(out + 1);
                buffer.hashes[out++] = Hashing.mix(window + k * LENGTH_TAG);
            }
        }
        if (tokens > 0 && tokens < k) {
            buffer.hashes[out++] = Hashing.mix(window + tokens * LENGTH_TAG);
        }
        return out;
    }

    private static int codePointAt(char[] s, int i, int len) {
        char c = s[i];
        if (Character.isHighSurrogate(c) && i + 1 < len) {
            char d = s[i + 1];
            if (Character.isLowSurrogate(d)) return Character.toCodePoint(c, d);
        }
        return c;
    }

    private static long power(long base, int exponent) {
        long p = 1;
        for (int j = 0; j < exponent; j++) p *= base;
        return p;
    }

    private int chars(CharSequence s, Buffer buffer) {
        int len = s.length();
        if (len == 0) return 0;
        int k = size;
        if (len <= k) {
            long h = 0;
            for (int i = 0; i < len; i++) h = h * WINDOW_MUL + foldChar(s, i);
            buffer.hashes[0] = Hashing.mix(h + len);
            return 1;
        }
        long pow = 1; // WINDOW_MUL^(k-1), the weight of the character leaving the window
        for (int j = 1; j < k; j++) pow *= WINDOW_MUL;
        long h = 0;
        for (int i = 0; i < k; i++) h = h * WINDOW_MUL + foldChar(s, i);
        int n = len - k + 1;
        buffer.ensure(n);
        long[] out = buffer.hashes;
        out[0] = Hashing.mix(h + k);
        for (int i = k; i < len; i++) {
            h = (h - foldChar(s, i - k) * pow) * WINDOW_MUL + foldChar(s, i);
            out[i - k + 1] = Hashing.mix(h + k);
        }
        return n;
    }

    private static int foldChar(CharSequence s, int i) {
        return FOLD[s.charAt(i)];
    }

    /**
     * Python's Final_Sigma condition for the capital sigma at {@code at}, simplified: preceded by a
     * cased letter and not followed by one (Python also looks through case-ignorable characters).
     */
    private static boolean finalSigma(CharSequence s, int at, int len) {
        if (at == 0 || !isCased(Character.codePointBefore(s, at))) return false;
        int next = at + 1;
        return next >= len || !isCased(Character.codePointAt(s, next));
    }

    private static boolean finalSigma(char[] s, int at, int len) {
        if (at == 0 || !isCased(Character.codePointBefore(s, at))) return false;
        int next = at + 1;
        return next >= len || !isCased(Character.codePointAt(s, next, len));
    }

    private static boolean isCased(int cp) {
        if (cp <= 0xFFFF) return (CASED[cp >>> 6] & (1L << cp)) != 0;
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    static boolean isWord(int cp) {
        if (cp <= 0xFFFF) return (WORD[cp >>> 6] & (1L << cp)) != 0;
        return isWordCodePoint(cp);
    }

    private static boolean isWordCodePoint(int cp) {
        if (cp == '_' || Character.isLetter(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Receives each token of {@link #scanWords}. */
    private interface TokenSink {
        void token(CharSequence token);
    }

    /** The slow twin of {@link #words}: same scanning rules, materialising each folded token. */
    private static void scanWords(CharSequence s, TokenSink sink, StringBuilder sb) {
        int len = s.length();
        int i = 0;
        while (i < len) {
            int cp = Character.codePointAt(s, i);
            if (!isWord(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            sb.setLength(0);
            while (i < len) {
                cp = Character.codePointAt(s, i);
                if (!isWord(cp)) break;
                if (cp == 0x130) {
                    sb.append('i');
                    i++;
                    break;
                }
                int f = cp == 0x3A3 ? (finalSigma(s, i, len) ? 0x3C2 : 0x3C3) : Character.toLowerCase(cp);
                sb.appendCodePoint(f);
                i += Character.charCount(cp);
            }
            sink.token(sb);
        }
    }
}
