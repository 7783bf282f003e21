package dev.tunegate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded generated cases for property tests: a JUnit 5 {@code @ParameterizedTest(name = "seed {0}")} over
 * {@code @MethodSource} {@link #seeds(int)} builds one {@code Gen} from each seed, so a failing case prints
 * its seed in the test name and {@code new Gen(seed)} replays it exactly. Edge values (the bounds, empty
 * strings and lists) come up about one draw in eight, as a property-testing library's would.
 *
 * <p>{@code -Dtunegate.seed=N} runs another sequence of seeds; the default sequence is fixed so a green
 * build stays green.
 */
public final class Gen {
    /** The seed the sequence of case seeds starts from. */
    public static final long BASE_SEED = Long.getLong("tunegate.seed", 20_261_202L);

    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} case seeds derived from {@link #BASE_SEED}. */
    public static Stream<Long> seeds(int count) {
        SplittableRandom r = new SplittableRandom(BASE_SEED);
        return LongStream.range(0, count).map(i -> r.nextLong()).boxed();
    }

    private boolean edge() {
        return random.nextInt(8) == 0;
    }

    /** An int in [min, max]; a bound one draw in eight. */
    public int intIn(int min, int max) {
        if (edge()) return random.nextBoolean() ? min : max;
        return (int) (min + random.nextLong((long) max - min + 1));
    }

    /** A long in [min, max]; a bound one draw in eight. */
    public long longIn(long min, long max) {
        if (edge()) return random.nextBoolean() ? min : max;
        return min + random.nextLong(max - min + 1);
    }

    /** A double in [min, max]; a bound one draw in eight. */
    public double doubleIn(double min, double max) {
        if (edge()) return random.nextBoolean() ? min : max;
        return min + random.nextDouble() * (max - min);
    }

    /** Any long, 0 and the extremes among them. */
    public long anyLong() {
        if (edge())
            return switch (random.nextInt(3)) {
                case 0 -> 0L;
                case 1 -> Long.MIN_VALUE;
                default -> Long.MAX_VALUE;
            };
        return random.nextLong();
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** A list of {@code [minSize, maxSize]} ints, each in [min, max]. */
    public List<Integer> ints(int minSize, int maxSize, int min, int max) {
        int n = intIn(minSize, maxSize);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(intIn(min, max));
        return out;
    }

    /** A list of {@code [minSize, maxSize]} booleans. */
    public List<Boolean> booleans(int minSize, int maxSize) {
        int n = intIn(minSize, maxSize);
        List<Boolean> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(random.nextBoolean());
        return out;
    }

    /** A string of {@code [minLength, maxLength]} letters and digits. */
    public String alphanumeric(int minLength, int maxLength) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int n = intIn(minLength, maxLength);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(chars.charAt(random.nextInt(chars.length())));
        return b.toString();
    }

    /** Characters that have broken text handling before: casing that changes length, compatibility forms, marks. */
    private static final String[] TRICKY = {
        "ß", "ẞ", "ΐ", "ΰ", "Σ", "ς", "İ", "ı", "ǅ", "ﬁ", "ﬀ", "Ａ", "１", "\u00A0", "\u2007", "\u200B", "\u200D",
                "\uFEFF",
        "\u0301", "\u0307", "\u0345", "e\u0301", "ᾳ", "Ὰ", "ǰ", "ŉ", "Ⅸ", "½", "²", "١", "日本", "😀", "𐐀", "\t", "\r\n",
                "\n",
        " ", "  ", ".", "?", "!", "...", ",", ";", "\"", "'", "}", "{", "-", "_", "¿", "—"
    };

    /**
     * Any string of at most {@code maxLength} chars: ASCII, the tricky characters above, any BMP char
     * (lone surrogates included) and any supplementary code point, mixed.
     */
    public String string(int maxLength) {
        int n = edge() ? (random.nextBoolean() ? 0 : maxLength) : random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(n);
        while (b.length() < n) {
            switch (random.nextInt(5)) {
                case 0, 1 -> b.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> b.append(TRICKY[random.nextInt(TRICKY.length)]);
                case 3 -> b.append((char) random.nextInt(0x10000));
                default -> b.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
            }
        }
        return b.length() > n ? b.substring(0, n) : b.toString();
    }

    /** One of the values. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** The underlying generator, for shuffles ({@code new Random(gen.anyLong())}) and the like. */
    public SplittableRandom random() {
        return random;
    }
}
