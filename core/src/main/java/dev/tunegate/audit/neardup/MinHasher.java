package dev.tunegate.audit.neardup;

import java.util.Arrays;

/**
 * Signs texts with one-permutation MinHash and optimal densification.
 *
 * <p>Each shingle hash is mixed with the seed once; its high 32 bits pick one of the
 * {@code permutations} bins and its low 32 bits are its value; a bin keeps its smallest value
 * (one-permutation hashing, Li, Owen &amp; Zhang 2012): a shingle is hashed once, not once per
 * permutation. A bin no shingle fell into borrows the value of a non-empty bin chosen by a seeded
 * hash of (bin, attempt), retried until it finds one (optimal densification, Shrivastava 2017), so
 * two documents agree in every bin with probability equal to their Jaccard similarity, up to the
 * {@code 2^-32} chance that two different minima are equal. Each bin's minimum is finally re-hashed
 * to 32 bits with a per-bin salt, so that the low bits the index keeps agree by chance independently
 * in each bin (see {@link NearDuplicateIndex}). A text without shingles gets the
 * signature of all {@link #EMPTY} values (two empty texts have Jaccard 1, as in {@code common.py}).
 *
 * <p>The signature also says how many distinct shingles the text has and, for a text of at most
 * {@link #SHORT}, what they are (sorted 64-bit shingle hashes): a bin collision can hide one of a
 * short text's few shingles, so {@link NearDuplicateIndex} compares short texts exactly. The bin
 * values do not depend on this: they are what the seed makes them, as before.
 *
 * <p>Pure and thread-safe: call it from any number of threads (scratch space is per thread).
 */
public final class MinHasher {
    /** The value of every bin of a text without shingles (outside the 32-bit range of real values). */
    public static final long EMPTY = 1L << 32;

    /**
     * A text of at most this many distinct shingles is short: its signature carries its shingle
     * hashes, and the index compares it by exact Jaccard (see {@link Signature}). Below about 16
     * shingles one-permutation hashing loses a shingle to a bin collision often enough to turn a
     * pair of Jaccard 0.5 to 0.75 into an estimate of 1 (docs/PERFORMANCE.md, "Near-duplicate
     * detection").
     */
    public static final int SHORT = 16;

    /** Up to this many shingles (repeats included) the distinct ones are counted exactly. */
    public static final int EXACT_COUNT = 64;

    private final NearDuplicateParams params;
    private final Shingler shingler;
    private final long binSeed;
    private final long densifySeed;
    private final long rehashSeed;
    /** The first {@value #PROBES} bins each empty bin tries, precomputed: the same sequence {@link #densify} would hash. */
    private final int[] probes;

    private static final int PROBES = 8;
    private final ThreadLocal<Shingler.Buffer> scratch = ThreadLocal.withInitial(Shingler.Buffer::new);

    /** A signer for these parameters (their seed, signature length and shingle definition). */
    public MinHasher(NearDuplicateParams params) {
        this.params = params;
        this.shingler = new Shingler(params.mode(), params.shingleSize());
        this.binSeed = Hashing.mix(params.seed() ^ 0x5851F42D4C957F2DL);
        this.densifySeed = Hashing.mix(params.seed() + 0x14057B7EF767814FL);
        this.rehashSeed = Hashing.mix(params.seed() - 0x61C8864680B583EBL);
        int k = params.permutations();
        this.probes = new int[k * PROBES];
        for (int i = 0; i < k; i++) {
            for (int attempt = 1; attempt <= PROBES; attempt++) probes[i * PROBES + attempt - 1] = probe(i, attempt, k);
        }
    }

    /** The parameters this signer was made with. */
    public NearDuplicateParams params() {
        return params;
    }

    /** The signature of a text: {@code permutations} values in {@code [0, 2^32)}, or all {@link #EMPTY}. */
    public Signature sign(CharSequence text) {
        Shingler.Buffer sc = scratch.get();
        int k = params.permutations();
        if (sc.mins.length != k) sc.mins = new long[k];
        long[] mins = sc.mins;
        int n = shingler.fill(text, sc);
        long[] hashes = sc.hashes; // kept for this call even if the thread's buffer lets it go now
        sc.shrinkIfHuge();
        if (n == 0) {
            Arrays.fill(mins, EMPTY);
            return new Signature(mins, 0, new long[0]);
        }
        Arrays.fill(mins, EMPTY);
        long seed = binSeed;
        for (int i = 0; i < n; i++) {
            long x = Hashing.mix(hashes[i] + seed);
            int bin = (int) (((x >>> 32) * k) >>> 32);
            mins[bin] = Math.min(mins[bin], x & 0xFFFFFFFFL); // branch-free: early on most shingles lower their bin
        }
        int filled = densify(mins, k, sc);
        // The distinct shingles: counted exactly for a text of few shingles, or when few bins were
        // filled (a long text of repeats); otherwise the filled bins, a lower bound above SHORT.
        int distinct = filled;
        long[] shortSet = null;
        if (n <= EXACT_COUNT || filled <= SHORT) {
            long[] sorted = Arrays.copyOf(hashes, n);
            Arrays.sort(sorted);
            distinct = 0;
            for (int i = 0; i < n; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[distinct++] = sorted[i];
            if (distinct <= SHORT) shortSet = Arrays.copyOf(sorted, distinct);
        }
        // Re-hash each bin's minimum with a per-bin salt: equal minima stay equal, while different
        // ones now agree in any few low bits independently from bin to bin. Without it a text of
        // one shingle (all bins hold the same minimum) would agree with another in all b-bit bins
        // at once with probability 2^-b.
        long salt = rehashSeed;
        for (int i = 0; i < k; i++) mins[i] = Hashing.mix(mins[i] + salt + i * 0x9E3779B97F4A7C15L) & 0xFFFFFFFFL;
        return new Signature(mins, distinct, shortSet);
    }

    /**
     * Optimal densification: empty bin i takes the value of bin {@code h(i, attempt) mod k} for the
     * first attempt that lands on a bin that was non-empty before densification. Returns the number
     * of bins that were non-empty before.
     */
    private int densify(long[] mins, int k, Shingler.Buffer sc) {
        int empty = 0;
        for (int i = 0; i < k; i++) if (mins[i] == EMPTY) empty++;
        if (empty == 0) return k;
        if (sc.original.length != k) sc.original = new long[k];
        long[] original = sc.original;
        System.arraycopy(mins, 0, original, 0, k);
        int[] table = probes;
        for (int i = 0; i < k; i++) {
            if (original[i] != EMPTY) continue;
            int attempt = 1;
            int j = table[i * PROBES];
            while (original[j] == EMPTY) {
                attempt++;
                j = attempt <= PROBES ? table[i * PROBES + attempt - 1] : probe(i, attempt, k);
            }
            mins[i] = original[j];
        }
        return k - empty;
    }

    /** The bin that empty bin {@code i} tries at {@code attempt} (1-based): a seeded hash of both. */
    private int probe(int i, long attempt, int k) {
        long x = Hashing.mix(densifySeed + ((long) i << 32) + attempt);
        return (int) (((x >>> 32) * k) >>> 32);
    }
}
