package dev.tunegate.audit.neardup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The public packed-signature functions (used by the spark module) decide pairs exactly as the index
 * does: every pair {@link NearDuplicateIndex#forEachVerifiedPair} reports shares a band by {@code sameBand} and has
 * the same {@code estimate}; and candidates found by grouping {@code bandKey}s, kept when they share a band and reach
 * the threshold, are exactly those pairs (an independent re-derivation of the index's banding from the public parts).
 */
class PackedSignatureTest {
    @Test
    void bandKeysAndEstimatesReproduceTheIndexPairs() {
        NearDuplicateParams params = NearDuplicateParams.defaults();
        MinHasher hasher = new MinHasher(params);
        NearDuplicateIndex index = new NearDuplicateIndex(params);
        SplittableRandom r = new SplittableRandom(11);
        String[] words = "a b c d e f g h i j k l m n o p q r s t u v w x y z".split(" ");
        List<long[]> packed = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String t;
            if (i > 0 && r.nextInt(3) == 0) { // an edit of an earlier text
                String[] w = texts.get(r.nextInt(texts.size())).split(" ");
                w[r.nextInt(w.length)] = words[r.nextInt(words.length)];
                t = String.join(" ", w);
            } else {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 30; k++) b.append(k == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
                t = b.toString();
            }
            texts.add(t);
            Signature s = hasher.sign(t);
            index.add(i, s);
            packed.add(index.packed(s));
        }
        Map<Long, Double> expected = new HashMap<>();
        index.forEachVerifiedPair((a, b, est) -> expected.put(((long) a << 32) | b, est));
        assertThat(expected).isNotEmpty();

        Map<Long, Double> derived = new HashMap<>();
        for (int band = 0; band < params.bands(); band++) {
            Map<Integer, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < packed.size(); i++)
                buckets.computeIfAbsent(index.bandKey(packed.get(i), band), k -> new ArrayList<>())
                        .add(i);
            for (List<Integer> bucket : buckets.values()) {
                for (int x = 0; x < bucket.size(); x++) {
                    for (int y = x + 1; y < bucket.size(); y++) {
                        int a = bucket.get(x), b = bucket.get(y);
                        if (!index.sameBand(packed.get(a), packed.get(b), band)) continue;
                        double est = index.estimate(packed.get(a), packed.get(b));
                        if (est >= params.threshold()) derived.put(((long) a << 32) | b, est);
                    }
                }
            }
        }
        assertThat(derived).isEqualTo(expected);
    }
}
