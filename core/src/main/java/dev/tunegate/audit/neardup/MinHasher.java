package dev.tunegate.audit.neardup;

/**
 * Signs texts with k-permutation MinHash: hash function i is {@code mix(shingle ^ seed_i)}.
 * Pure and thread-safe: call it from any number of threads.
 */
public final class MinHasher {
    private final NearDuplicateParams params;
    private final Shingler shingler;
    private final long[] seeds;

    public MinHasher(NearDuplicateParams params) {
        this.params = params;
        this.shingler = new Shingler(params.mode(), params.shingleSize());
        this.seeds = new long[params.permutations()];
        long s = params.seed();
        for (int i = 0; i < seeds.length; i++) {
            s += 0x9E3779B97F4A7C15L;
            seeds[i] = Hashing.mix(s);
        }
    }

    public NearDuplicateParams params() { return params; }

    public Signature sign(CharSequence text) {
        long[] mins = new long[seeds.length];
        java.util.Arrays.fill(mins, Long.MAX_VALUE);
        shingler.shingles(text, h -> {
            for (int i = 0; i < seeds.length; i++) {
                long v = Hashing.mix(h ^ seeds[i]) >>> 1; // non-negative, so MAX_VALUE marks "no shingle"
                if (v < mins[i]) mins[i] = v;
            }
        });
        return new Signature(mins);
    }
}
