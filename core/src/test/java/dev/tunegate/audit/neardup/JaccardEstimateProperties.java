package dev.tunegate.audit.neardup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MinHash Jaccard estimates against set pairs whose Jaccard is known by construction: with
 * shingles of one word and distinct words, a text is exactly its set of words, so two texts sharing
 * {@code s} of their words, with {@code a} and {@code b} words each, have Jaccard
 * {@code s / (a + b - s)}.
 *
 * <p>Stated error (documented in {@link Signature} and {@link NearDuplicateIndex}): the estimate is
 * unbiased with standard error {@code σ = sqrt(J(1-J)/k)} for the full 32-bit signature and
 * {@code σ_b = sqrt(p(1-p)/k) / (1 - c)}, {@code c = 2^-b}, {@code p = J + (1-J)c}, for the index's
 * b-bit values. With densified bins (sets smaller than k) the error is somewhat larger, so the
 * stated rate is: at least 97 % of pairs within {@code 3σ + 0.02}. (For a normal estimate, 3σ
 * alone covers 99.7 %.)
 */
class JaccardEstimateProperties {
    private static final NearDuplicateParams ONE_WORD =
            new NearDuplicateParams(0.8, 256, 32, 7, ShingleMode.WORDS, 1, 4);

    /** Two texts of distinct words with a known Jaccard. */
    record Pair(String a, String b, double jaccard) {}

    static Pair pair(SplittableRandom random, int sizeA, int sizeB, int shared) {
        long base = random.nextLong() & Long.MAX_VALUE;
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < shared; i++) {
            a.add("w" + base + "s" + i);
            b.add("w" + base + "s" + i);
        }
        for (int i = shared; i < sizeA; i++) a.add("w" + base + "a" + i);
        for (int i = shared; i < sizeB; i++) b.add("w" + base + "b" + i);
        java.util.Collections.shuffle(a, new java.util.Random(random.nextLong()));
        java.util.Collections.shuffle(b, new java.util.Random(random.nextLong()));
        return new Pair(String.join(" ", a), String.join(" ", b), (double) shared / (sizeA + sizeB - shared));
    }

    static Pair randomPair(SplittableRandom random) {
        int sizeA = 50 + random.nextInt(400);
        int shared = random.nextInt(sizeA + 1);
        int sizeB = shared + random.nextInt(Math.max(1, sizeA - shared + 1));
        if (sizeB == 0) sizeB = 1;
        return pair(random, sizeA, sizeB, Math.min(shared, sizeB));
    }

    @Test
    void fullSignatureEstimatesStayWithinThreeSigmaForAtLeast97PercentOfPairsAndAreUnbiased() {
        SplittableRandom random = new SplittableRandom(20260401L);
        MinHasher hasher = new MinHasher(ONE_WORD);
        int k = ONE_WORD.permutations();
        int pairs = 600, within = 0;
        double sumError = 0;
        for (int t = 0; t < pairs; t++) {
            Pair p = randomPair(random);
            double est = hasher.sign(p.a()).estimateJaccard(hasher.sign(p.b()));
            double sigma = Math.sqrt(p.jaccard() * (1 - p.jaccard()) / k);
            if (Math.abs(est - p.jaccard()) <= 3 * sigma + 0.02) within++;
            sumError += est - p.jaccard();
        }
        assertThat((double) within / pairs).isGreaterThanOrEqualTo(0.97);
        // mean error: each error has σ ≤ 0.5/sqrt(256) ≈ 0.031, so the mean of 600 has σ ≤ 0.0013; 0.006 is > 4.5 of
        // those
        assertThat(sumError / pairs).isBetween(-0.006, 0.006);
    }

    @Test
    void indexEstimatesCorrectedForFourBitValuesStayWithinThreeSigmaForAtLeast97PercentOfPairsAndAreUnbiased() {
        SplittableRandom random = new SplittableRandom(20260402L);
        MinHasher hasher = new MinHasher(ONE_WORD);
        NearDuplicateIndex index = new NearDuplicateIndex(ONE_WORD);
        int k = ONE_WORD.permutations();
        double c = 1.0 / 16;
        int pairs = 600, within = 0;
        double sumError = 0;
        List<Double> truths = new ArrayList<>();
        for (int t = 0; t < pairs; t++) {
            Pair p = randomPair(random);
            index.add(2 * t, hasher.sign(p.a()));
            index.add(2 * t + 1, hasher.sign(p.b()));
            truths.add(p.jaccard());
        }
        for (int t = 0; t < pairs; t++) {
            double j = truths.get(t);
            double est = index.estimate(2 * t, 2 * t + 1);
            double agree = j + (1 - j) * c;
            double sigma = Math.sqrt(agree * (1 - agree) / k) / (1 - c);
            if (Math.abs(est - j) <= 3 * sigma + 0.02) within++;
            sumError += est - j;
        }
        assertThat((double) within / pairs).isGreaterThanOrEqualTo(0.97);
        // clamping at 0 biases pairs of Jaccard near 0 upwards a little; σ_b ≤ 0.034, mean of 600 has σ ≤ 0.0014
        assertThat(sumError / pairs).isBetween(-0.008, 0.008);
    }

    static Stream<Long> seeds() {
        return Gen.seeds(100);
    }

    static Stream<Long> moreSeeds() {
        return Gen.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anEstimateIsNeverFurtherThanSixSigmaPlusTwoHundredthsFromTheTruth(long caseSeed) {
        Gen g = new Gen(caseSeed);
        int sizeA = g.intIn(20, 400), sharedRaw = g.intIn(0, 400), extraB = g.intIn(0, 400);
        long seed = g.anyLong();
        // 6σ: a normal estimate is outside it with probability 2e-9 per try
        int shared = Math.min(sharedRaw, sizeA);
        int sizeB = Math.max(1, shared + extraB);
        Pair p = pair(new SplittableRandom(seed), sizeA, sizeB, shared);
        MinHasher hasher = new MinHasher(ONE_WORD);
        double est = hasher.sign(p.a()).estimateJaccard(hasher.sign(p.b()));
        double sigma = Math.sqrt(p.jaccard() * (1 - p.jaccard()) / ONE_WORD.permutations());
        assertThat(Math.abs(est - p.jaccard())).isLessThanOrEqualTo(6 * sigma + 0.02);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("moreSeeds")
    void identicalDocumentsHaveIdenticalSignaturesAndEstimateOne(long caseSeed) {
        Gen g = new Gen(caseSeed);
        String text = g.string(600);
        long seed = g.anyLong();
        MinHasher hasher = new MinHasher(NearDuplicateParams.forThreshold(0.8, seed));
        Signature a = hasher.sign(text);
        Signature b = hasher.sign(new StringBuilder(text));
        assertThat(a).isEqualTo(b);
        assertThat(a.estimateJaccard(b)).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void identicalDocumentsAlwaysCollideAndCluster(long caseSeed) {
        Gen g = new Gen(caseSeed);
        String text = g.string(400), other = g.string(400);
        long seed = g.anyLong();
        NearDuplicateParams params = NearDuplicateParams.forThreshold(0.8, seed);
        MinHasher hasher = new MinHasher(params);
        NearDuplicateIndex index = new NearDuplicateIndex(params);
        index.add(0, hasher.sign(text));
        index.add(1, hasher.sign(other));
        index.add(5, hasher.sign(text));
        assertThat(index.query(hasher.sign(text))).extracting(Match::row).contains(0, 5);
        assertThat(index.clusters()).anySatisfy(c -> assertThat(c.rows()).contains(0, 5));
    }

    @Test
    void aVeryLongTextSignsLikeItsCopyAndLeavesTheSignerReadyForShortOnes() {
        // 400,000 words: more shingle hashes and chars than a thread's scratch space keeps afterwards
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400_000; i++) sb.append("w").append(i % 99_991).append(' ');
        MinHasher hasher = new MinHasher(NearDuplicateParams.defaults());
        Signature long1 = hasher.sign(sb);
        Signature shortOne = hasher.sign("a short text of a few words here");
        assertThat(hasher.sign(sb.toString())).isEqualTo(long1);
        assertThat(hasher.sign("a short text of a few words here")).isEqualTo(shortOne);
        assertThat(long1.estimateJaccard(shortOne)).isLessThan(0.1);
    }

    @Test
    void signingIsPureAndTheSameFromManyThreads() {
        MinHasher hasher = new MinHasher(NearDuplicateParams.defaults());
        SplittableRandom random = new SplittableRandom(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) texts.add(randomPair(random).a());
        List<Signature> sequential = texts.stream().map(hasher::sign).toList();
        List<Signature> parallel = texts.parallelStream().map(hasher::sign).toList();
        assertThat(parallel).isEqualTo(sequential);
    }
}
