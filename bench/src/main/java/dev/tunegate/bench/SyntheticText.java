package dev.tunegate.bench;

import java.util.SplittableRandom;

/**
 * Seeded support-ticket-like documents of about 1.4 KB (a Zipf-distributed vocabulary of common
 * English words and generated pseudo-words, sentences of 6–22 words), the same shape as
 * {@code shared/bench/gen_dataset.py} makes, for the micro-benchmarks.
 */
final class SyntheticText {
    private static final String[] COMMON =
            ("the of and to a in is it you that he was for on are with as I his they be at one "
                            + "have this from or had by word but what some we can out other were all there when up use your how said an each "
                            + "account login password invoice refund shipment order package delivery subscription billing charge card error "
                            + "screen app update install device battery network router printer email calendar meeting report dashboard export")
                    .split(" ");
    private final String[] vocab;
    private final double[] cumulative;
    private final SplittableRandom random;

    SyntheticText(long seed) {
        random = new SplittableRandom(seed);
        vocab = new String[20000];
        String cons = "bcdfghjklmnprstvwz", vows = "aeiou";
        for (int i = 0; i < vocab.length; i++) {
            if (i < COMMON.length) {
                vocab[i] = COMMON[i];
                continue;
            }
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(cons.charAt(random.nextInt(cons.length()))).append(vows.charAt(random.nextInt(vows.length())));
            }
            vocab[i] = w.toString();
        }
        cumulative = new double[vocab.length];
        double sum = 0;
        for (int i = 0; i < vocab.length; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, 1.05);
        for (int i = 0; i < vocab.length; i++) cumulative[i] /= sum;
    }

    private String word() {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return vocab[Math.min(vocab.length - 1, i < 0 ? -i - 1 : i)];
    }

    /** A document of roughly {@code words} words in sentences, with capitals and punctuation. */
    String document(int words) {
        StringBuilder sb = new StringBuilder(words * 7);
        int left = words;
        while (left > 0) {
            int n = Math.min(left, 6 + random.nextInt(17));
            String first = word();
            sb.append(Character.toUpperCase(first.charAt(0))).append(first, 1, first.length());
            for (int i = 1; i < n; i++) sb.append(' ').append(word());
            sb.append(". ");
            left -= n;
        }
        return sb.toString();
    }
}
