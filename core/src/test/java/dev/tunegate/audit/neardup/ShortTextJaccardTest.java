package dev.tunegate.audit.neardup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Short texts (at most {@link MinHasher#SHORT} shingles) are verified and reported by their exact
 * Jaccard. The oracle is {@link NearDuplicateIndexTest#referenceShingles}: the shingles as plain
 * {@code Set<String>}s of joined lower-cased {@code \w+} tokens (java.util.regex, the definition of
 * common.py), compared with {@code HashSet.contains}. It shares no code with the index's path —
 * not the Shingler's scanner or hashes, not the MinHasher, not the index's sorted-array merge — so
 * an agreement is not the code agreeing with itself.
 */
class ShortTextJaccardTest {
    private static final NearDuplicateParams PARAMS = NearDuplicateParams.defaults();
    private static final double T = PARAMS.threshold();

    static double truth(String a, String b) {
        Set<String> x = NearDuplicateIndexTest.referenceShingles(a), y = NearDuplicateIndexTest.referenceShingles(b);
        return NearDuplicateIndexTest.jaccard(x, y);
    }

    static String words(SplittableRandom random, int n) {
        List<String> ws = new ArrayList<>();
        for (int i = 0; i < n; i++) ws.add(word(random));
        return String.join(" ", ws);
    }

    static String word(SplittableRandom random) {
        StringBuilder w = new StringBuilder();
        for (int s = 0; s < 2 + random.nextInt(3); s++)
            w.append("bcdfgklmnprstvz".charAt(random.nextInt(15))).append("aeiou".charAt(random.nextInt(5)));
        return w.toString();
    }

    /** Seeded short texts: originals of 1 to 20 words (1 to 16 word 5-shingles) and edited copies of them. */
    static List<String> shortTexts(long seed, int originals) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        for (int o = 0; o < originals; o++) {
            String source = words(random, 1 + random.nextInt(20));
            docs.add(source);
            for (int c = random.nextInt(4); c > 0; c--) {
                List<String> ws = new ArrayList<>(Arrays.asList(source.split(" ")));
                switch (random.nextInt(4)) {
                    case 0 -> ws.add(word(random)); // one more shingle (or a different one below 5 words)
                    case 1 -> ws.set(random.nextInt(ws.size()), word(random));
                    case 2 -> {
                        if (ws.size() > 1) ws.remove(ws.size() - 1);
                    }
                    default -> ws.replaceAll(w -> w.toUpperCase(java.util.Locale.ROOT)); // same shingles
                }
                docs.add(String.join(" ", ws));
            }
        }
        return docs;
    }

    @Test
    void shortPairsAreVerifiedAndReportedByTheirExactJaccard() {
        MinHasher hasher = new MinHasher(PARAMS);
        List<String> docs = shortTexts(20261206L, 1000);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        List<long[]> packed = new ArrayList<>();
        int n = docs.size();
        int[] distinct = new int[n];
        boolean[] isShort = new boolean[n];
        List<Set<String>> reference = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Signature s = hasher.sign(docs.get(i));
            reference.add(NearDuplicateIndexTest.referenceShingles(docs.get(i)));
            distinct[i] = reference.get(i).size();
            isShort[i] = distinct[i] <= MinHasher.SHORT;
            assertThat(s.distinctShingles()).isEqualTo(distinct[i]);
            assertThat(s.shingles() != null).isEqualTo(isShort[i]);
            index.add(i, s);
            packed.add(index.packed(s));
        }
        Map<Long, Double> reported = new HashMap<>();
        index.forEachVerifiedPair((a, b, est) -> reported.put(NearDuplicateIndexTest.key(a, b), est));
        int shortPairs = 0, pairsAtOrAbove = 0, found = 0, mixedPairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double j = NearDuplicateIndexTest.jaccard(reference.get(a), reference.get(b));
                Double got = reported.get(NearDuplicateIndexTest.key(a, b));
                double packedFigure = index.estimate(packed.get(a), packed.get(b)); // the spark module's entry point
                if (isShort[a] && isShort[b]) {
                    shortPairs++;
                    assertThat(packedFigure).as("rows %d, %d", a, b).isEqualTo(j);
                    if (got != null) assertThat(got).as("rows %d, %d", a, b).isEqualTo(j);
                    if (j >= T) {
                        pairsAtOrAbove++;
                        if (got != null) found++;
                    } else {
                        assertThat(got).as("rows %d, %d of Jaccard %s", a, b, j).isNull();
                    }
                } else if (isShort[a] || isShort[b]) {
                    mixedPairs++;
                    double bound = (double) Math.min(distinct[a], distinct[b]) / Math.max(distinct[a], distinct[b]);
                    assertThat(packedFigure).isLessThanOrEqualTo(bound);
                    if (got != null) assertThat(got).isEqualTo(packedFigure);
                }
            }
        }
        assertThat(shortPairs).isGreaterThan(1_000_000);
        assertThat(mixedPairs).isGreaterThan(10_000);
        assertThat(pairsAtOrAbove).isGreaterThan(500);
        assertThat((double) found / pairsAtOrAbove).isGreaterThan(0.99); // banding's recall, not verification's
        // clusters: a pair of short rows says its exact figure
        for (Cluster c : index.clusters()) {
            assertThat(c.minEstimatedJaccard()).isGreaterThanOrEqualTo(T);
            int x = c.rows().get(0), y = c.rows().get(c.rows().size() - 1);
            if (c.rows().size() == 2 && isShort[x] && isShort[y])
                assertThat(c.minEstimatedJaccard()).isEqualTo(truth(docs.get(x), docs.get(y)));
        }
        // the golden-leak lookup
        for (int q = 0; q < n; q += 7) {
            if (!isShort[q]) continue;
            for (Match m : index.query(hasher.sign(docs.get(q)))) {
                assertThat(m.estimatedJaccard()).isGreaterThanOrEqualTo(T);
                if (isShort[m.row()]) assertThat(m.estimatedJaccard()).isEqualTo(truth(docs.get(q), docs.get(m.row())));
            }
        }
    }

    /**
     * A text of one word 5-shingle and the same text with one more word (two shingles, Jaccard 0.5):
     * for about one seed in 500 the second shingle falls into the first one's bin and loses to it, the
     * two signatures are identical and their estimate is 1. Neither the identical-signature step nor
     * any verification may join them.
     */
    @Test
    void aShingleLostToABinCollisionDoesNotMakeANearCopy() {
        String one = "how do i top up", two = one + " card";
        assertThat(truth(one, two)).isEqualTo(0.5);
        int collisions = 0;
        for (long seed = 0; seed < 4000; seed++) {
            NearDuplicateParams p = NearDuplicateParams.forThreshold(0.8, seed);
            MinHasher hasher = new MinHasher(p);
            Signature a = hasher.sign(one), b = hasher.sign(two);
            if (!Arrays.equals(a.values(), b.values())) continue;
            collisions++;
            NearDuplicateIndex index = new NearDuplicateIndex(p);
            index.add(0, a);
            index.add(1, b);
            assertThat(index.clusters()).as("seed %d", seed).isEmpty();
            List<Double> pairs = new ArrayList<>();
            index.forEachVerifiedPair((x, y, est) -> pairs.add(est));
            assertThat(pairs).as("seed %d", seed).isEmpty();
            assertThat(index.query(a)).extracting(Match::row).containsExactly(0);
            assertThat(index.query(b)).extracting(Match::row).containsExactly(1);
            assertThat(index.estimate(index.packed(a), index.packed(b))).isEqualTo(0.5);
            assertThat(index.exact(index.packed(a), index.packed(b))).isTrue();
        }
        assertThat(collisions).as("seeds whose signatures collide").isBetween(2, 30);
    }

    @Test
    void aShortTextAgainstALongOneIsBoundedByTheirSizes() {
        MinHasher hasher = new MinHasher(PARAMS);
        SplittableRandom random = new SplittableRandom(7);
        String shortText = words(random, 8); // 4 shingles
        String longText = shortText + " " + words(random, 40); // 44 shingles, the short text's 4 among them
        Signature s = hasher.sign(shortText), l = hasher.sign(longText);
        assertThat(s.shingles()).hasSize(4);
        assertThat(l.shingles()).isNull();
        assertThat(l.distinctShingles()).isEqualTo(44);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        assertThat(index.estimate(index.packed(s), index.packed(l))).isLessThanOrEqualTo(4.0 / 44);
        // 16 shingles against 17: the bound (16/17) does not decide, the estimate does, never above the bound
        String sixteen = words(random, 20), seventeen = sixteen + " " + word(random);
        Signature a = hasher.sign(sixteen), b = hasher.sign(seventeen);
        assertThat(a.shingles()).hasSize(16);
        assertThat(b.shingles()).isNull();
        double est = index.estimate(index.packed(a), index.packed(b));
        assertThat(est).isLessThanOrEqualTo(16.0 / 17).isGreaterThanOrEqualTo(T);
        assertThat(index.exact(index.packed(a), index.packed(b))).isFalse(); // an estimate, said so
        index.add(0, a);
        index.add(1, b);
        assertThat(index.clusters()).containsExactly(new Cluster(List.of(0, 1), est, false));
        assertThat(index.query(a)).containsExactly(new Match(0, 1.0, true), new Match(1, est, false));
    }

    @Test
    void theDistinctShinglesOfALongRepetitiveTextAreCountedExactly() {
        MinHasher hasher = new MinHasher(PARAMS);
        String repeated = "top up my card ".repeat(40); // 157 shingles, 4 distinct
        Signature s = hasher.sign(repeated);
        assertThat(s.distinctShingles())
                .isEqualTo(NearDuplicateIndexTest.referenceShingles(repeated).size())
                .isEqualTo(4);
        assertThat(s.shingles()).hasSize(4);
    }
}
