package dev.tunegate.audit.neardup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {
    private static final long SEED = 20260405L;
    private static final NearDuplicateParams PARAMS = NearDuplicateParams.defaults();
    private static Planted planted;

    /** Reference shingles, computed the slow, obvious way (common.py): joined strings of 5 lower-cased \w+ tokens. */
    static Set<String> referenceShingles(String text) {
        Matcher m = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS).matcher(text.toLowerCase(Locale.ROOT));
        List<String> ws = new ArrayList<>();
        while (m.find()) ws.add(m.group());
        Set<String> out = new HashSet<>();
        if (ws.isEmpty()) return out;
        if (ws.size() < 5) {
            out.add(String.join(" ", ws));
            return out;
        }
        for (int i = 0; i + 5 <= ws.size(); i++) out.add(String.join(" ", ws.subList(i, i + 5)));
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int inter = 0;
        for (String s : a) if (b.contains(s)) inter++;
        return (double) inter / (a.size() + b.size() - inter);
    }

    /** A seeded dataset: originals, and exact, cosmetic and edited copies of them, with the exact Jaccard of every planted pair. */
    record Planted(List<String> docs, Map<Integer, Integer> clusterOf, Map<Long, Double> truth) {}

    @BeforeAll
    static void generate() {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] vocab = new String[3000];
        for (int i = 0; i < vocab.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < 2 + random.nextInt(3); s++)
                w.append("bcdfgklmnprstvz".charAt(random.nextInt(15))).append("aeiou".charAt(random.nextInt(5)));
            vocab[i] = w.toString();
        }
        List<String> docs = new ArrayList<>();
        Map<Integer, Integer> clusterOf = new HashMap<>();
        List<Integer> originals = new ArrayList<>();
        for (int row = 0; row < 3000; row++) {
            double p = random.nextDouble();
            if (originals.isEmpty() || p >= 0.35) {
                List<String> ws = new ArrayList<>();
                for (int i = 0, n = 60 + random.nextInt(240); i < n; i++) ws.add(vocab[random.nextInt(vocab.length)]);
                docs.add(String.join(" ", ws));
                originals.add(row);
                clusterOf.put(row, row);
                continue;
            }
            int src = originals.get(random.nextInt(originals.size()));
            String source = docs.get(src);
            String copy;
            if (p < 0.05) {
                copy = source;
            } else if (p < 0.10) { // cosmetic: case, spacing and punctuation only
                copy = "  " + source.toUpperCase(Locale.ROOT).replace(" ", random.nextBoolean() ? "  " : ", ") + "!!\n";
            } else { // word edits: substitute, insert, delete
                List<String> ws = new ArrayList<>(List.of(source.split(" ")));
                int edits = 1 + random.nextInt(Math.max(1, ws.size() / 25));
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(ws.size());
                    switch (random.nextInt(3)) {
                        case 0 -> ws.set(at, vocab[random.nextInt(vocab.length)]);
                        case 1 -> ws.add(at, vocab[random.nextInt(vocab.length)]);
                        default -> {
                            if (ws.size() > 6) ws.remove(at);
                        }
                    }
                }
                copy = String.join(" ", ws);
            }
            docs.add(copy);
            clusterOf.put(row, src);
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        clusterOf.forEach(
                (row, c) -> members.computeIfAbsent(c, x -> new ArrayList<>()).add(row));
        Map<Long, Double> truth = new HashMap<>();
        for (List<Integer> ms : members.values()) {
            for (int i = 0; i < ms.size(); i++) {
                for (int j = i + 1; j < ms.size(); j++) {
                    int a = Math.min(ms.get(i), ms.get(j)), b = Math.max(ms.get(i), ms.get(j));
                    truth.put(key(a, b), jaccard(referenceShingles(docs.get(a)), referenceShingles(docs.get(b))));
                }
            }
        }
        planted = new Planted(docs, clusterOf, truth);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | b;
    }

    static NearDuplicateIndex indexOf(List<String> docs) {
        MinHasher hasher = new MinHasher(PARAMS);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        for (int i = 0; i < docs.size(); i++) index.add(i, hasher.sign(docs.get(i)));
        return index;
    }

    @Test
    void plantedNearDuplicatesAreFoundWithinTheEstimatorsStatedError() {
        NearDuplicateIndex index = indexOf(planted.docs());
        Map<Long, Double> reported = new HashMap<>();
        index.forEachVerifiedPair((a, b, est) -> reported.put(key(a, b), est));
        Map<Long, Double> truth = planted.truth();
        long positives = truth.values().stream().filter(j -> j >= 0.8).count();
        long truePositives = reported.keySet().stream()
                .filter(k -> truth.getOrDefault(k, 0.0) >= 0.8)
                .count();
        double recall = (double) truePositives / positives;
        // Unplanted pairs are unrelated random texts (Jaccard ≈ 0): any reported one is a false positive.
        double precision = (double) truePositives / reported.size();
        double f1 = 2 * precision * recall / (precision + recall);
        // Tolerances. The 4-bit estimate has σ = sqrt(p(1-p)/256)/(15/16) ≈ 0.026 at J = 0.8 (p = 0.8125), so a
        // pair at J = 0.8 goes either way; this generator puts many pairs near the threshold (388 of the
        // planted pairs, against 978 at J ≥ 0.8, lie in [0.76, 0.84]), hence a pair F1 bound of 0.9 overall (0.94
        // measured at this
        // seed), and tight bounds away from the threshold: at J ≥ 0.86 (2.3σ above) a pair is missed with
        // probability ≤ 1 %, at J ≤ 0.74 (2.3σ below) it is reported with probability ≤ 1 %; allow 2 %.
        assertThat(positives).isGreaterThan(300);
        assertThat(f1).isGreaterThanOrEqualTo(0.90);
        assertThat(rate(truth, reported, j -> j >= 0.86, true)).isGreaterThanOrEqualTo(0.98);
        assertThat(rate(truth, reported, j -> j <= 0.74, true)).isLessThanOrEqualTo(0.02);
        // identical shingle sets (exact and cosmetic copies) are always found; clear cases are found or rejected
        truth.forEach((k, j) -> {
            if (j == 1.0) assertThat(reported).containsKey(k);
            if (j >= 0.95) assertThat(reported).as("pair of Jaccard %s", j).containsKey(k);
            if (j < 0.65) assertThat(reported).as("pair of Jaccard %s", j).doesNotContainKey(k);
        });
    }

    /** The share of planted pairs matching {@code which} that were reported. */
    private static double rate(
            Map<Long, Double> truth,
            Map<Long, Double> reported,
            java.util.function.DoublePredicate which,
            boolean found) {
        long n = 0, hit = 0;
        for (Map.Entry<Long, Double> e : truth.entrySet()) {
            if (!which.test(e.getValue())) continue;
            n++;
            if (reported.containsKey(e.getKey()) == found) hit++;
        }
        return n == 0 ? 0 : (double) hit / n;
    }

    @Test
    void clustersHoldEveryExactAndCosmeticCopyWithItsSource() {
        List<Cluster> clusters = indexOf(planted.docs()).clusters();
        Map<Integer, Integer> clusterIndex = new HashMap<>();
        for (int c = 0; c < clusters.size(); c++) for (int row : clusters.get(c).rows()) clusterIndex.put(row, c);
        planted.truth().forEach((k, j) -> {
            if (j == 1.0) {
                int a = (int) (k >>> 32), b = (int) (long) k;
                assertThat(clusterIndex.get(a)).isNotNull().isEqualTo(clusterIndex.get(b));
            }
        });
        for (Cluster c : clusters) {
            assertThat(c.rows()).isSorted().hasSizeGreaterThan(1);
            assertThat(c.minEstimatedJaccard()).isGreaterThanOrEqualTo(PARAMS.threshold());
        }
        assertThat(clusters).extracting(c -> c.rows().get(0)).isSorted();
    }

    @Test
    void clustersDoNotDependOnHowManyThreadsSigned() {
        MinHasher hasher = new MinHasher(PARAMS);
        List<Signature> parallel =
                planted.docs().parallelStream().map(hasher::sign).toList();
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        for (int i = 0; i < parallel.size(); i++) index.add(i, parallel.get(i));
        assertThat(index.clusters()).isEqualTo(indexOf(planted.docs()).clusters());
    }

    @Test
    void queryFindsTheDuplicatesOfADocumentBestFirstAndSeesRowsAddedAfterAnEarlierQuery() {
        MinHasher hasher = new MinHasher(PARAMS);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        String doc = planted.docs().get(0);
        index.add(3, hasher.sign(doc));
        index.add(4, hasher.sign(planted.docs().get(1)));
        assertThat(index.query(hasher.sign(doc))).containsExactly(new Match(3, 1.0, false)); // long texts: an estimate
        index.add(9, hasher.sign(doc.toUpperCase(Locale.ROOT)));
        assertThat(index.query(hasher.sign(doc))).containsExactly(new Match(3, 1.0, false), new Match(9, 1.0, false));
        assertThat(index.query(hasher.sign("something else entirely, not in the index at all")))
                .isEmpty();
    }

    @Test
    void rowsMustBeAddedInIncreasingOrderAndSignaturesMustHaveTheIndexLength() {
        MinHasher hasher = new MinHasher(PARAMS);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        index.add(5, hasher.sign("a"));
        assertThatThrownBy(() -> index.add(5, hasher.sign("b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.add(6, new Signature(new long[3]))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatedRowsThatFillOneHugeBucketFormOneClusterWithoutComparingEveryPair() {
        // 20,000 rows = one 200-word template + 3 row-specific words: Jaccard ≈ 196 / (199 + 199 - 196) = 0.97,
        // so every band bucket holds (nearly) all rows; all-pairs verification would be 2·10^8 pairs a band
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder template = new StringBuilder();
        for (int i = 0; i < 200; i++)
            template.append("t").append(random.nextInt(5000)).append(' ');
        MinHasher hasher = new MinHasher(PARAMS);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        int n = 20_000;
        for (int i = 0; i < n; i++) index.add(i, hasher.sign(template + "x" + i + " y" + i + " z" + i));
        List<Cluster> clusters = index.clusters();
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).rows()).hasSize(n);
        assertThat(n).isGreaterThan(NearDuplicateIndex.LARGE_BUCKET);
    }

    @Test
    void anEmptyIndexHasNoClustersAndNoMatches() {
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        assertThat(index.clusters()).isEmpty();
        assertThat(index.query(new MinHasher(PARAMS).sign("anything at all"))).isEmpty();
        index.forEachVerifiedPair((a, b, est) -> {
            throw new AssertionError("no pair expected");
        });
    }

    @Test
    void bandsWiderThan32BitsAreComparedExactly() {
        // 128 values × 8 bits, 16 bands of 8 values: a band is 64 bits, hashed to 32 for sorting and compared in full
        NearDuplicateParams wide = new NearDuplicateParams(0.8, 128, 16, 5, ShingleMode.WORDS, 5, 8);
        MinHasher hasher = new MinHasher(wide);
        NearDuplicateIndex index = new NearDuplicateIndex(wide);
        List<String> docs = planted.docs().subList(0, 600);
        for (int i = 0; i < docs.size(); i++) index.add(i, hasher.sign(docs.get(i)));
        Map<Long, Double> reported = new HashMap<>();
        index.forEachVerifiedPair((a, b, est) -> reported.put(key(a, b), est));
        planted.truth().forEach((k, j) -> {
            int b = (int) (long) k;
            if (b < 600 && j == 1.0) assertThat(reported).containsKey(k);
            if (b < 600 && j < 0.65) assertThat(reported).doesNotContainKey(k);
        });
        assertThat(index.bytesUsed()).isLessThan(600L * 300);
    }

    @Test
    void theRadixSortOrdersKeysExactlyAsArraysSortDoes() {
        SplittableRandom random = new SplittableRandom(11);
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++)
            keys[i] = random.nextInt(4) == 0 ? keys[random.nextInt(i + 1)] : random.nextLong();
        long[] expected = keys.clone();
        Arrays.sort(expected);
        NearDuplicateIndex.sortSigned(keys, keys.length, new long[keys.length]);
        assertThat(keys).isEqualTo(expected);
    }

    @Test
    void twoEmptyDocumentsAreDuplicatesAsInTheReferenceDefinition() {
        // common.py: jaccard(set(), set()) == 1.0
        NearDuplicateIndex index = indexOf(List.of("", "...", "some words here"));
        assertThat(index.clusters()).containsExactly(new Cluster(List.of(0, 1), 1.0, true));
    }

    @Test
    void theIndexHoldsAbout140BytesARowPlusTheShortRowsShinglesAnd268OnceQueried() {
        // 256 values × 4 bits = 16 longs = 128 bytes of signature + a 4-byte row number + a 4-byte
        // shingle count + a 4-byte start of the short row's shingles = 140 bytes a row, and 8 bytes per
        // shingle of a short row ("row i" is one shingle). With 2 full chunks of 4,096 rows:
        // 2 × (16 + 4096 × 128) + 3 × 2 × (16 + 4096 × 4), 8 full pages of shingles 8 × (16 + 1024 × 8),
        // plus five 8-slot tables (16 + 4 × 8 each) = 1,212,912 bytes. Query tables add 32 bands × (16 + 4 × 8192).
        MinHasher hasher = new MinHasher(PARAMS);
        NearDuplicateIndex index = new NearDuplicateIndex(PARAMS);
        for (int i = 0; i < 8192; i++) index.add(i, hasher.sign("row " + i));
        assertThat(index.bytesUsed()).isEqualTo(1_212_912L);
        index.query(hasher.sign("row 1"));
        assertThat(index.bytesUsed()).isEqualTo(1_212_912L + 32L * (16 + 4 * 8192));
        assertThat((double) index.bytesUsed() / 8192).isLessThan(300);
        // rows of more than MinHasher.SHORT shingles keep no shingles: 8 bytes a row on top of the signature
        NearDuplicateIndex longRows = new NearDuplicateIndex(PARAMS);
        for (int i = 0; i < 8192; i++)
            longRows.add(
                    i,
                    hasher.sign("row " + i + " of a text long enough to have more than sixteen shingles,"
                            + " which it has: twenty and more words " + i));
        assertThat(longRows.bytesUsed()).isEqualTo(1_212_912L - 8 * (16 + 1024 * 8));
    }

    @Test
    void defaultBandingMakesAPairAtTheThresholdACandidateWithProbabilityOver995Thousandths() {
        // p = 0.8 + 0.2/16 = 0.8125 per 4-bit value; 8 rows: p^8 = 0.18994; 32 bands: 1 - (1 - 0.18994)^32 = 0.99882.
        // 16 rows would give 1 - (1 - 0.8125^16)^16 = 0.4445, so 32 bands of 8 rows is the most rows that reach 0.995.
        NearDuplicateParams p = NearDuplicateParams.defaults();
        assertThat(p.permutations()).isEqualTo(256);
        assertThat(p.bits()).isEqualTo(4);
        assertThat(p.bands()).isEqualTo(32);
        assertThat(p.rows()).isEqualTo(8);
        assertThat(LshBanding.collision(LshBanding.valueAgreement(0.8, 4), 32, 8))
                .isCloseTo(0.99882, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(new NearDuplicateParams(0.8, 128, 16, 1, ShingleMode.WORDS, 5).bits())
                .isEqualTo(NearDuplicateParams.DEFAULT_BITS);
    }
}
