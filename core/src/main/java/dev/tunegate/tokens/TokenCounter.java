package dev.tunegate.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import java.util.Locale;

/**
 * Counts the tokens of a text as a byte-pair encoding does, special-token text counted as ordinary
 * text (jtokkit's {@code countTokensOrdinary}). Implementations are thread-safe.
 */
public interface TokenCounter {
    /** The encoding's name, e.g. {@code o200k_base}. */
    String encoding();

    /** Tokens of {@code text}; 0 for {@code null} or empty text. */
    int count(String text);

    /**
     * The counter of an encoding: our own exact counter for {@code o200k_base} and
     * {@code cl100k_base} (loaded once per process), jtokkit for the other encodings it knows.
     *
     * @throws IllegalArgumentException for an encoding jtokkit does not know either
     */
    static TokenCounter forEncoding(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "o200k_base" -> BpeTokenCounter.o200k();
            case "cl100k_base" -> BpeTokenCounter.cl100k();
            default -> {
                Encoding enc = Encodings.newLazyEncodingRegistry()
                        .getEncoding(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown tokenizer: expected o200k_base, cl100k_base, p50k_base, p50k_edit or r50k_base, found "
                                        + name));
                yield new JtokkitTokenCounter(enc);
            }
        };
    }

    /** jtokkit's counter, for the encodings we have no counter of our own for. */
    record JtokkitTokenCounter(Encoding delegate) implements TokenCounter {
        @Override
        public String encoding() {
            return delegate.getName();
        }

        @Override
        public int count(String text) {
            return text == null ? 0 : delegate.countTokensOrdinary(text);
        }
    }
}
