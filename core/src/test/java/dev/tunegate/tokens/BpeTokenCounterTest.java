package dev.tunegate.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our counter against jtokkit's {@code countTokensOrdinary} (the oracle) on generated Unicode and
 * on every text of the shipped examples: equal on every string. A failure prints the seed and
 * the string, escaped.
 */
class BpeTokenCounterTest {
    static {
        // jtokkit's cl100k splitter asserts its input is valid UTF-16; without -ea (as in production)
        // it encodes a lone surrogate as three bytes, which is the behaviour we match and test.
        Encodings.class.getClassLoader().setPackageAssertionStatus("com.knuddels.jtokkit", false);
    }

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Encoding JT_O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private static final Encoding JT_CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 60)
                .boxed()
                .flatMap(s -> Stream.of(Arguments.of("o200k_base", 1000L + s), Arguments.of("cl100k_base", 1000L + s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("seeds")
    void countsWhatJtokkitCountsOnGeneratedUnicode(String encoding, long seed) {
        Random rnd = new Random(seed);
        for (int k = 0; k < 150; k++) {
            String text = UnicodeText.generate(rnd, 1 + rnd.nextInt(k % 10 == 9 ? 1500 : 60));
            assertSame(encoding, text, "seed " + seed + " case " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"o200k_base", "cl100k_base"})
    void countsWhatJtokkitCountsOnEveryTextOfTheShippedExamples(String encoding) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path examples = Path.of("..", "examples");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")
                            || p.toString().endsWith(".md")
                            || p.toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        int strings = 0;
        for (Path f : files) {
            if (f.toString().endsWith(".jsonl")) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    assertSame(encoding, line, f.toString());
                    List<String> texts = new ArrayList<>();
                    try {
                        collect(json.readTree(line), texts);
                    } catch (IOException malformed) {
                        // the examples ship malformed rows on purpose: the raw line was compared above
                    }
                    for (String t : texts) assertSame(encoding, t, f.toString());
                    strings += texts.size() + 1;
                }
            } else {
                assertSame(encoding, Files.readString(f, StandardCharsets.UTF_8), f.toString());
                strings++;
            }
        }
        assertThat(strings).isGreaterThan(1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"o200k_base", "cl100k_base"})
    void countsWhatJtokkitCountsOnHandPickedEdges(String encoding) {
        String[] cases = {
            "",
            "a",
            "hello world",
            "Hello, World!",
            "I'm you'll WE'VE they're 'S 'ſ 'ſt it'K",
            "HELLOworld helloWORLD ǅungla ʰa",
            "don'T",
            "'ll'LL'Ll",
            "x'",
            "a\u0301b\u0301",
            "\u0301\u0301abc",
            "!\u0301abc",
            " \u0301",
            "e\u20dd",
            "123456789",
            "٣٤٥",
            "½²Ⅻ",
            "１２３４",
            "  \n\n  \r\n\t x",
            "   ",
            "a  ",
            "a \u3000b",
            "\u00a0\u00a0a",
            "\u0085x",
            "x\u2028y",
            " !!!\n\n/",
            "!/\r\n/x",
            "path/to/file",
            "👍🏽👨‍👩‍👧‍👦🇩🇪",
            "\ud800",
            "a\udc00b",
            "\ud800\ud800x",
            "\udbff\udfff",
            "𝐀𝐁𝐜",
            "日本語のテキスト",
            "한국어 텍스트",
            "ภาษาไทย",
            "हिन्दी",
            "العربية",
            "Ελληνικά ΚΕΦΑΛΑΙΑ",
            "Русский ТЕКСТ",
            "a".repeat(700),
            "!".repeat(900),
            " ".repeat(1000) + "x",
            "ab".repeat(400),
            "\u0301".repeat(600),
            "😀".repeat(300),
            "\n".repeat(50) + " ".repeat(50),
            "<|endoftext|>",
            "12,345.67 $"
        };
        for (String c : cases) assertSame(encoding, c, "edge");
    }

    @Test
    void knowsOtherEncodingsThroughJtokkitAndRefusesUnknownOnes() {
        assertThat(TokenCounter.forEncoding("o200k_base")).isSameAs(BpeTokenCounter.o200k());
        assertThat(TokenCounter.forEncoding("cl100k_base")).isSameAs(BpeTokenCounter.cl100k());
        TokenCounter r50k = TokenCounter.forEncoding("r50k_base");
        assertThat(r50k.count("hello world"))
                .isEqualTo(REGISTRY.getEncoding(EncodingType.R50K_BASE).countTokensOrdinary("hello world"));
        assertThat(BpeTokenCounter.o200k().count(null)).isZero();
        assertThatThrownBy(() -> TokenCounter.forEncoding("nope_base"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope_base");
    }

    @Test
    void largePiecesMergeAsSmallOnesDo() {
        // the heap merge and the linear merge are two implementations of one rule: compare them directly
        BpeTokenCounter c = BpeTokenCounter.o200k();
        Random rnd = new Random(7);
        BpeTokenCounter.Scratch sc = new BpeTokenCounter.Scratch();
        for (int k = 0; k < 300; k++) {
            byte[] b = UnicodeText.generate(rnd, 2 + rnd.nextInt(40)).getBytes(StandardCharsets.UTF_8);
            if (b.length < 2) continue;
            byte[] copy = b.clone();
            assertThat(c.mergeLarge(copy, b.length, sc))
                    .as("seed 7 case %d", k)
                    .isEqualTo(c.merge(b.clone(), b.length, sc));
        }
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isTextual()) out.add(n.asText());
        n.forEach(child -> collect(child, out));
        if (n.isObject()) n.fieldNames().forEachRemaining(out::add);
    }

    private static void assertSame(String encoding, String text, String where) {
        Encoding oracle = encoding.equals("o200k_base") ? JT_O200K : JT_CL100K;
        TokenCounter ours = TokenCounter.forEncoding(encoding);
        int expected = oracle.countTokensOrdinary(text);
        assertThat(ours.count(text))
                .as("%s %s: %s", encoding, where, UnicodeText.escape(text))
                .isEqualTo(expected);
    }
}
