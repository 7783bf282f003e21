package dev.tunegate.bench;

import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.neardup.ShingleMode;
import dev.tunegate.audit.neardup.Signature;
import java.util.Locale;

/**
 * How one-permutation MinHash estimates the Jaccard of short texts: pairs of m against m + k distinct
 * one-word shingles (a fresh seed per trial), compared by the index's packed estimate with the
 * shingles withheld (as every pair was compared before short texts were verified exactly). Prints,
 * per pair shape, the share of estimates at or above 0.8, the share at 1, and the estimate's spread
 * against the binomial one. The measurement behind {@code MinHasher.SHORT}; docs/PERFORMANCE.md,
 * "Short texts".
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.ShortTextEstimates [trials, default 20000]</pre>
 */
public final class ShortTextEstimates {
    private ShortTextEstimates() {}

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.println("m\tm+k\tJ\tP(est>=0.8)\tP(est=1)\tsd/binomial sd");
        int[][] shapes = {
            {1, 1},
            {2, 2},
            {4, 4},
            {8, 8},
            {16, 16},
            {32, 32},
            {64, 64},
            {128, 128}, // J = 0.5
            {2, 1},
            {3, 1},
            {6, 2},
            {12, 4},
            {16, 5} // J just below 0.8
        };
        for (int[] shape : shapes) {
            int m = shape[0], k = shape[1];
            double j = (double) m / (m + k);
            int over = 0, one = 0;
            double sum = 0, squares = 0;
            for (int t = 0; t < trials; t++) {
                NearDuplicateParams p =
                        new NearDuplicateParams(0.8, 256, 32, 1_000_003L * (m * 1000L + k) + t, ShingleMode.WORDS, 1);
                MinHasher hasher = new MinHasher(p);
                NearDuplicateIndex index = new NearDuplicateIndex(p);
                StringBuilder a = new StringBuilder();
                for (int i = 0; i < m; i++)
                    a.append('w').append(t).append('x').append(i).append(' ');
                StringBuilder b = new StringBuilder(a);
                for (int i = 0; i < k; i++)
                    b.append('e').append(t).append('x').append(i).append(' ');
                double est = index.estimate(
                        index.packed(new Signature(hasher.sign(a).values())),
                        index.packed(new Signature(hasher.sign(b).values())));
                sum += est;
                squares += est * est;
                if (est >= 0.8) over++;
                if (est >= 1.0) one++;
            }
            double mean = sum / trials, sd = Math.sqrt(Math.max(0, squares / trials - mean * mean));
            double c = 1.0 / 16, agree = j + (1 - j) * c, binomial = Math.sqrt(agree * (1 - agree) / 256) / (1 - c);
            System.out.printf(
                    Locale.ROOT,
                    "%d\t%d\t%.3f\t%.4f\t%.4f\t%.2f%n",
                    m,
                    m + k,
                    j,
                    (double) over / trials,
                    (double) one / trials,
                    sd / binomial);
        }
    }
}
