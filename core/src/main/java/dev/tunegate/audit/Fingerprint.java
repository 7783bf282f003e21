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
