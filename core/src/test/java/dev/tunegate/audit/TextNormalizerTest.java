package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void caseWhitespaceAndTrailingPunctuationDoNotMatter() {
        assertThat(TextNormalizer.normalize("  Where is   my CARD?!  ")).isEqualTo("where is my card");
        assertThat(TextNormalizer.normalize("where is my card")).isEqualTo("where is my card");
    }

    @Test
    void compatibilityFormsFoldToTheirPlainForm() {
        // NFKC: fullwidth letters, the "ﬁ" ligature and a non-breaking space become plain ASCII
        assertThat(TextNormalizer.normalize("ＡＢＣ ﬁle\u00A0x")).isEqualTo("abc file x");
    }

    @Test
    void fullCaseFoldingMapsSharpSToSs() {
        assertThat(TextNormalizer.normalize("STRASSE")).isEqualTo(TextNormalizer.normalize("straße"));
    }

    @Test
    void zeroWidthCharactersAndTabsAndNewlinesAreIgnored() {
        assertThat(TextNormalizer.normalize("a\u200Bb\tc\r\nd")).isEqualTo("ab c d");
    }

    @Test
    void onlyTrailingPunctuationIsDroppedNotInnerOrLeading() {
        assertThat(TextNormalizer.normalize("¿Qué pasa? ...")).isEqualTo("¿qué pasa");
        assertThat(TextNormalizer.normalize("e.g. this")).isEqualTo("e.g. this");
    }

    @Test
    void emptyNullAndPunctuationOnlyTextsNormaliseToEmpty() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
        assertThat(TextNormalizer.normalize("")).isEmpty();
        assertThat(TextNormalizer.normalize(" ?! ")).isEmpty();
    }

    @Test
    void jsonOutputsKeepEverythingButTheirClosingPunctuation() {
        // the closing quote and brace are trailing punctuation: {"a":"b"} and {"a":"b would collide, which
        // is harmless for fingerprints; everything inside is kept
        assertThat(TextNormalizer.normalize("{\"Queue\": \"Billing\"}")).isEqualTo("{\"queue\": \"billing");
    }

    @Property
    void normalisingTwiceChangesNothing(@ForAll String s) {
        String once = TextNormalizer.normalize(s);
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }
}
