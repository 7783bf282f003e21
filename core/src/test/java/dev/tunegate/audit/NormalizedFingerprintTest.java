package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused fingerprint (normal form folded while hashing) equals the fingerprint of the
 * {@link TextNormalizer} string it replaces, on seeded generated text (mostly ASCII with runs of
 * whitespace, punctuation and capitals; some non-ASCII, which takes the slow path).
 */
class NormalizedFingerprintTest {
    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void foldingWhileHashingEqualsHashingTheNormalForm(long seed) {
        Random rnd = new Random(seed);
        String[] parts = {
            "a", "B", "Where", "IS", "my card", " ", "  ", "\t", "\n", "\r\n", "\u000b", "\u001c", "\u0000", "?", "!",
            ".", "...", ",", "-", "_", "(", ")", "\"", "'", "$", "+", "<", ">", "~", "|", "0", "42", "é", "ß", "Σ",
            "\u200b", "\u00a0", "ﬁ", "\u3000"
        };
        for (int k = 0; k < 500; k++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            boolean asciiOnly = rnd.nextInt(4) != 0;
            int n = rnd.nextInt(25);
            for (int i = 0; i < n; i++) a.append(parts[rnd.nextInt(asciiOnly ? parts.length - 7 : parts.length)]);
            n = rnd.nextInt(25);
            for (int i = 0; i < n; i++) b.append(parts[rnd.nextInt(asciiOnly ? parts.length - 7 : parts.length)]);
            String x = a.toString(), y = b.toString();
            String nx = TextNormalizer.normalize(x), ny = TextNormalizer.normalize(y);
            assertThat(Fingerprint.ofNormalized(x))
                    .as("seed %d case %d: [%s]", seed, k, x)
                    .isEqualTo(Fingerprint.of(nx));
            assertThat(Fingerprint.finishState(Fingerprint.normalizedState(x))).isEqualTo(Fingerprint.of(nx));
            assertThat(Fingerprint.ofNormalizedPair(Fingerprint.normalizedState(x), y))
                    .as("seed %d case %d: [%s] [%s]", seed, k, x, y)
                    .isEqualTo(Fingerprint.ofPair(nx, ny));
        }
    }
}
