package dev.tunegate.audit.neardup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShinglerTest {
    private final Shingler words = new Shingler(ShingleMode.WORDS, 5);

    private List<Long> shingles(Shingler s, String text) {
        List<Long> out = new ArrayList<>();
        int n = s.shingles(text, out::add);
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    // Expected tokens were produced by Python 3 (the reference definition, shared/bench/common.py):
    //   re.findall(r"\w+", text.lower())
    @Test
    void tokensAreThoseOfPythonsLowerCasedUnicodeWordRuns() {
        assertThat(Shingler.tokens("Hello, World! It's 9:30 — under_score-dash"))
                .containsExactly("hello", "world", "it", "s", "9", "30", "under_score", "dash");
        assertThat(Shingler.tokens("naïve\u00a0café")).containsExactly("naïve", "café");
        assertThat(Shingler.tokens("Straße STRASSE")).containsExactly("straße", "strasse");
        assertThat(Shingler.tokens("日本語テキスト")).containsExactly("日本語テキスト");
        assertThat(Shingler.tokens("١٢٣ ٤")).containsExactly("١٢٣", "٤");
        assertThat(Shingler.tokens("x² Ⅸ ½")).containsExactly("x²", "ⅸ", "½");
        assertThat(Shingler.tokens("#12345 ok")).containsExactly("12345", "ok");
        assertThat(Shingler.tokens("tab\there\r\nnew")).containsExactly("tab", "here", "new");
    }

    @Test
    void combiningMarksAndJoinersSplitWordsAsInPython() {
        // 'e\u0301té' : U+0301 is a combining mark (Mn), not \w in Python
        assertThat(Shingler.tokens("e\u0301t\u00e9 caf\u00e9")).containsExactly("e", "té", "café");
        assertThat(Shingler.tokens("a\u200db")).containsExactly("a", "b");
    }

    @Test
    void fullLowerCaseMappingsThatChangeTokensFollowPython() {
        // 'İstanbul'.lower() == 'i̇stanbul' (i + U+0307): the combining dot ends the word
        assertThat(Shingler.tokens("İstanbul x")).containsExactly("i", "stanbul", "x");
        // final sigma: 'ΟΔΟΣ ΚΑΛΟΣ'.lower() == 'οδος καλος', 'ΣΑΣ.'.lower() == 'σας'
        assertThat(Shingler.tokens("ΟΔΟΣ ΚΑΛΟΣ")).containsExactly("οδος", "καλος");
        assertThat(Shingler.tokens("ΣΑΣ.")).containsExactly("σας");
        assertThat(Shingler.tokens("ǅemal")).containsExactly("ǆemal");
    }

    @Test
    void supplementaryCharactersAreFoldedAndEmojiAreSeparators() {
        assertThat(Shingler.tokens("𐐀𐐁 abc")).containsExactly("𐐨𐐩", "abc");
        assertThat(Shingler.tokens("😀ab🎉cd")).containsExactly("ab", "cd");
    }

    @Test
    void aTextOfFewerWordsThanTheWindowIsOneShingleAndAnEmptyOneHasNone() {
        assertThat(shingles(words, "")).isEmpty();
        assertThat(shingles(words, " ,.;!? \n")).isEmpty();
        assertThat(shingles(words, "one")).hasSize(1);
        assertThat(shingles(words, "one two three four")).hasSize(1);
        assertThat(shingles(words, "one two three four five")).hasSize(1);
        assertThat(shingles(words, "one two three four five six")).hasSize(2);
        assertThat(shingles(words, "one two")).isNotEqualTo(shingles(words, "one two three"));
    }

    @Test
    void caseWhitespaceAndPunctuationDoNotChangeTheShingles() {
        assertThat(shingles(words, "  The QUICK brown fox, jumps over... the lazy dog!!"))
                .isEqualTo(shingles(words, "the quick brown fox jumps over the lazy dog"));
    }

    @Test
    void characterShinglesAreWindowsOfTheFoldedText() {
        Shingler chars = new Shingler(ShingleMode.CHARACTERS, 5);
        assertThat(shingles(chars, "")).isEmpty();
        assertThat(shingles(chars, "abc")).hasSize(1);
        assertThat(shingles(chars, "abcdefg")).hasSize(3);
        // the rolling hash of a window equals the hash of that window alone
        assertThat(shingles(chars, "XABCDE").get(1))
                .isEqualTo(shingles(chars, "abcde").get(0));
    }

    static Stream<Long> seeds() {
        return Gen.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachWordWindowHashesLikeTheTextMadeOfThatWindowAlone(long seed) {
        Gen g = new Gen(seed);
        List<String> tokens = new ArrayList<>();
        for (int i = g.intIn(5, 30); i > 0; i--) tokens.add(g.alphanumeric(1, 8));
        List<Long> all = shingles(words, String.join(" ", tokens));
        assertThat(all).hasSize(tokens.size() - 4);
        for (int i = 0; i + 5 <= tokens.size(); i++) {
            String window = String.join(" ", tokens.subList(i, i + 5));
            assertThat(all.get(i)).isEqualTo(shingles(words, window).get(0));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theFastScanFindsTheSameTokensAsTheSlowOne(long seed) {
        String text = new Gen(seed).string(200);
        // the hashes of single-token windows must match the tokens the slow scan materialises
        Shingler single = new Shingler(ShingleMode.WORDS, 1);
        List<String> tokens = Shingler.tokens(text);
        List<Long> hashes = shingles(single, text);
        assertThat(hashes).hasSize(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(hashes.get(i)).isEqualTo(shingles(single, tokens.get(i)).get(0));
        }
    }
}
