package dev.tunegate.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A seeded synthetic chat dataset with planted defects, and the exact 5-shingle Jaccard reference
 * the near-duplicate results are checked against. Words are ASCII letters, so the reference
 * tokenizer (split on non-letters, lower-case) and the engine's {@code \w+} tokens agree.
 */
final class PlantedDataset {
    static final int BASE = 200;
    static final int EXACT_PLANTS = 30; // cosmetic copies (case, spaces, trailing punctuation) of bases 0..29
    static final int NEAR_PLANTS = 30; // bases 30..59 with one word appended to the input
    static final int CONFLICT_PLANTS = 20; // bases 60..79's input with another output
    static final int WORDS = 150;

    final List<String> inputs = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    private final Random random;
    private final String[] vocabulary;

    PlantedDataset(long seed) {
        random = new Random(seed);
        vocabulary = new String[3000];
        for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = word();
        for (int i = 0; i < BASE; i++) add(sentence(WORDS), "label" + random.nextInt(12));
        for (int i = 0; i < EXACT_PLANTS; i++)
            add("  " + inputs.get(i).toUpperCase(Locale.ROOT).replace(" ", "   ") + "?!", outputs.get(i) + ".");
        for (int i = 0; i < NEAR_PLANTS; i++)
            add(inputs.get(30 + i) + " " + vocabulary[random.nextInt(vocabulary.length)], outputs.get(30 + i));
        for (int i = 0; i < CONFLICT_PLANTS; i++) add(inputs.get(60 + i), outputs.get(60 + i) + "x");
    }

    private void add(String input, String output) {
        inputs.add(input);
        outputs.add(output);
        lines.add(Fixtures.chat(input, output));
    }

    private String word() {
        StringBuilder b = new StringBuilder();
        int n = 3 + random.nextInt(6);
        for (int i = 0; i < n; i++) b.append((char) ('a' + random.nextInt(26)));
        return b.toString();
    }

    String sentence(int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++)
            b.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        return b.toString();
    }

    /** The whole-example text as the audit builds it: messages joined by a newline. */
    String whole(int row) {
        return inputs.get(row) + "\n" + outputs.get(row);
    }

    /** Exact Jaccard of the two texts' sets of 5-word shingles (a text under 5 words is one shingle). */
    static double jaccard(String a, String b) {
        Set<String> x = shingles(a), y = shingles(b);
        Set<String> inter = new HashSet<>(x);
        inter.retainAll(y);
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        return union.isEmpty() ? 0 : (double) inter.size() / union.size();
    }

    static Set<String> shingles(String text) {
        String[] w = text.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+");
        List<String> words = new ArrayList<>();
        for (String s : w) if (!s.isEmpty()) words.add(s);
        Set<String> out = new HashSet<>();
        if (words.size() < 5) {
            if (!words.isEmpty()) out.add(String.join(" ", words));
            return out;
        }
        for (int i = 0; i + 5 <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + 5)));
        return out;
    }
}
