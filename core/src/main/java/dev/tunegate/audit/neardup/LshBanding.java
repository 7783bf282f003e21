package dev.tunegate.audit.neardup;

/**
 * Chooses LSH banding for a Jaccard threshold. Candidates are verified by their estimated Jaccard
 * afterwards, so a false candidate costs a comparison while a missed one is lost: the banding is the
 * one with the most rows per band (fewest false candidates) whose probability of making a pair of
 * Jaccard exactly the threshold a candidate reaches {@link #TARGET_RECALL}. With b-bit values two
 * different minima agree by chance with probability {@code 2^-b}, so a value agrees with probability
 * {@code p = J + (1 - J)·2^-b} and a band of r values with {@code p^r}.
 */
final class LshBanding {
    /** Probability that a pair at exactly the threshold shares at least one band. */
    static final double TARGET_RECALL = 0.995;

    private LshBanding() {}

    /** Probability that two documents of Jaccard {@code s} share at least one band (full-width values). */
    static double collision(double s, int bands, int rows) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** Probability that one b-bit value agrees for two documents of Jaccard {@code j}. */
    static double valueAgreement(double j, int bits) {
        double chance = Math.pow(2, -bits);
        return j + (1 - j) * chance;
    }

    static int bandsFor(double threshold, int permutations, int bits) {
        double p = valueAgreement(threshold, bits);
        int best = permutations; // one row per band: the most sensitive banding
        for (int rows = permutations; rows >= 1; rows--) {
            if (permutations % rows != 0) continue;
            int bands = permutations / rows;
            if (collision(p, bands, rows) >= TARGET_RECALL) {
                best = bands;
                break;
            }
        }
        return best;
    }
}
