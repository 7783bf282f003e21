package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.AlpacaRowParser;
import dev.tunegate.audit.read.ChatRowParser;
import dev.tunegate.audit.read.JsonRowParser;
import dev.tunegate.audit.read.PromptCompletionRowParser;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.audit.read.ShareGptRowParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass reading of {@code --only counts} ({@link JsonRowParser#shallow(byte[], int, int)},
 * a hand-written validator instead of Jackson) must give, for every line it reads, exactly the
 * {@link RowResult} of the full parse, and decline every line it cannot read that way. The
 * reference is the same analysis over the same parser hidden behind a plain {@link RowParser} (no
 * shallow read at all). Lines are generated from a seed: clean rows of each shape with texts of
 * every kind (escapes, {@code \}{@code uXXXX}, braces, control characters, non-ASCII), metadata
 * with nested values, numbers and literals, then mutated byte by byte (truncated, a byte dropped,
 * inserted or replaced by one that matters to JSON), so that subtly malformed lines are compared
 * too. The seed is in every failure's description.
 */
class ShallowScanTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TEXTS = {
        "plain text",
        "",
        "   ",
        " leading blank",
        "\\u0020\\t\\n ",
        " \\u0041 only escaped",
        "  \\t\\\" quote after blanks",
        "\\n escaped newline first",
        "x\\ty\\\"q\\\"\\\\ \\/ \\b\\f\\r",
        "\\u0041\\u00e9\\uD83D\\uDE00 escaped",
        "fill {{ customer_name }} in",
        "one { brace } and {x}",
        "{ {spaced}",
        "escaped \\u007b\\u007B name }}",
        "escaped \\u007Bbrace",
        "a literal \\\\u007b backslash",
        "Ünïcödé",
        "café — 東京 😀 ok",
        "\u00a0",
        "\u3000\u2003 ",
        " 　 ",
        "a b  ",
        "é combining, ﻿ inside, � replaced",
        "中文的回答",
        "bad \\x escape",
        "bad \\u12G4 hex",
        "short \\u12",
        "del \u007f char",
        "tab\tinside",
        "{\"json\": [1, 2]}",
        "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ !#$%&'()*+,-./:;<=>?@[]^_`|~",
    };
    private static final String[] OTHER_VALUES = {
        "null",
        "7",
        "-0.5e+3",
        "true",
        "false",
        "[\"part\"]",
        "{\"text\": \"x\"}",
        "01",
        "1.",
        "-",
        "tru",
        "nul",
        "[1, 2,]",
        "{\"a\" 1}",
        "1e",
        "+1",
        "NaN",
    };
    private static final String[] META = {
        "{\"provenance\": \"expert\", \"status\": \"approved\", \"era\": \"2025\"}",
        "{\"provenance\": \"Robot\", \"status\": \"MAYBE\"}",
        "{\"status\": \"approved\", \"reviewer\": \"ann\", \"extra\": [1, 2.5e-3, true, null, {\"deep\": [[]]}]}",
        "{\"status\": \" Approved \", \"status\": null, \"provenance\": \"llm_draft\"}",
        "{\"provenance\": \"gold\", \"provenance\": \"llm_draft\", \"reviewer\": \"  \"}",
        "{\"era\": 2024}",
        "{\"era\": \"esc\\u0041ped\"}",
        "{\"provenance\": \"expert\", \"status\": \"approved\", \"reviewer\": \"Zoë Ångström\", \"era\": \"2025–26\"}",
        "{\"status\": \"approved\u3000\", \"reviewer\": \"\u3000\"}",
        "{\"status\": \"　approved　\", \"reviewer\": \" \"}",
        "{\"other\": {\"a\": [1, {\"b\": \"{{x}}\"}]}, \"era\": \"2024\"}",
        "{\"other\": -0, \"more\": 3.25E+10, \"x\": false}",
        "{}",
        "\"x\"",
        "null",
        "[]",
    };
    private static final byte[] INTERESTING = "\"\\{}[],: \t\r0aeu-.\u0001".getBytes(StandardCharsets.ISO_8859_1);

    private static String text(Random rnd) {
        if (rnd.nextInt(3) > 0) return "\"w" + rnd.nextInt(1000) + " " + "lorem ipsum ".repeat(rnd.nextInt(6)) + "\"";
        return "\"" + TEXTS[rnd.nextInt(TEXTS.length)] + "\"";
    }

    static List<String> lines(Random rnd, String[] keys, boolean alpaca) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            List<String> f = new ArrayList<>();
            for (String k : keys) {
                if (rnd.nextInt(12) == 0) continue; // dropped
                String v = rnd.nextInt(15) == 0 ? OTHER_VALUES[rnd.nextInt(OTHER_VALUES.length)] : text(rnd);
                f.add("\"" + k + "\": " + v);
                if (rnd.nextInt(40) == 0) f.add("\"" + k + "\": " + text(rnd)); // duplicate key
            }
            if (alpaca && rnd.nextInt(5) == 0) f.add("\"instruction\": " + text(rnd));
            if (alpaca && rnd.nextInt(8) == 0) f.add("\"system\": " + text(rnd));
            if (alpaca && rnd.nextInt(30) == 0) f.add("\"history\": [[\"h\", \"a\"]]");
            if (rnd.nextInt(2) == 0) f.add("\"metadata\": " + META[rnd.nextInt(META.length)]);
            if (rnd.nextInt(60) == 0) f.add("\"metadata\": null");
            if (rnd.nextInt(30) == 0) f.add("\"unknown\": 1");
            if (rnd.nextInt(40) == 0) f.add("\"out\\u0070ut\": \"escaped key\"");
            java.util.Collections.shuffle(f, rnd);
            String sep = rnd.nextInt(10) == 0 ? " ,\t" : ", ";
            String line = (rnd.nextInt(10) == 0 ? " " : "") + "{" + String.join(sep, f) + "}"
                    + (rnd.nextInt(15) == 0 ? " " : "") + (rnd.nextInt(60) == 0 ? " x" : "");
            out.add(line);
        }
        return out;
    }

    /** Conversation rows (OpenAI chat, ShareGPT): arrays of turns with every kind of role, text and key. */
    static List<String> conversations(Random rnd, String key, String roleKey, String textKey, String[] roles) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            List<String> turns = new ArrayList<>();
            int n = rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(5);
            for (int t = 0; t < n; t++) {
                List<String> f = new ArrayList<>();
                String role = rnd.nextInt(25) == 0 ? "stranger" : roles[rnd.nextInt(roles.length)];
                if (rnd.nextInt(30) > 0) f.add("\"" + roleKey + "\": \"" + role + "\"");
                if (rnd.nextInt(30) > 0)
                    f.add("\"" + textKey + "\": "
                            + (rnd.nextInt(20) == 0 ? OTHER_VALUES[rnd.nextInt(OTHER_VALUES.length)] : text(rnd)));
                if (rnd.nextInt(40) == 0) f.add("\"" + roleKey + "\": \"" + role + "\"");
                if (rnd.nextInt(40) == 0) f.add("\"weight\": 1");
                if (rnd.nextInt(60) == 0) f.add("\"role\\u0020\": \"user\"");
                java.util.Collections.shuffle(f, rnd);
                turns.add(rnd.nextInt(50) == 0 ? "\"not a turn\"" : "{" + String.join(", ", f) + "}");
            }
            List<String> f = new ArrayList<>();
            if (rnd.nextInt(30) > 0) f.add("\"" + key + "\": [" + String.join(", ", turns) + "]");
            if (rnd.nextInt(6) == 0) f.add("\"system\": " + text(rnd));
            if (rnd.nextInt(2) == 0) f.add("\"metadata\": " + META[rnd.nextInt(META.length)]);
            if (rnd.nextInt(40) == 0) f.add("\"" + key + "\": []");
            if (rnd.nextInt(30) == 0) f.add("\"tools\": []");
            java.util.Collections.shuffle(f, rnd);
            out.add("{" + String.join(", ", f) + "}");
        }
        return out;
    }

    /** A byte-level mutation of a line: truncated, a byte dropped, inserted or replaced. */
    static byte[] mutate(Random rnd, byte[] b) {
        if (b.length == 0) return b;
        int at = rnd.nextInt(b.length);
        byte x = INTERESTING[rnd.nextInt(INTERESTING.length)];
        return switch (rnd.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(b, at);
            case 1 -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                yield c;
            }
            case 2 -> {
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = x;
                System.arraycopy(b, at, c, at + 1, b.length - at);
                yield c;
            }
            default -> {
                byte[] c = b.clone();
                c[at] = rnd.nextInt(10) == 0 ? (byte) (0x80 + rnd.nextInt(0x80)) : x;
                yield c;
            }
        };
    }

    private static void same(long seed, JsonRowParser parser, List<String> lines) {
        Random rnd = new Random(seed * 31 + 7);
        MinHasher hasher = new MinHasher(NearDuplicateParams.forThreshold(0.8, 42));
        EnumSet<AuditCheck> counts = EnumSet.of(AuditCheck.COUNTS);
        RowAnalysis fast = new RowAnalysis("f.jsonl", parser, counts, hasher, null, 128_000, MAPPER, null);
        RowParser plain = parser::parse; // not a JsonRowParser: always the full parse
        RowAnalysis full = new RowAnalysis("f.jsonl", plain, counts, hasher, null, 128_000, MAPPER, null);
        int read = 0, readMutated = 0, withFindings = 0, mutatedDeclined = 0;
        for (int i = 0; i < lines.size(); i++) {
            byte[] clean = lines.get(i).getBytes(StandardCharsets.UTF_8);
            for (int m = 0; m < 3; m++) {
                byte[] b = m == 0 ? clean : mutate(rnd, clean);
                // the line sits inside a bigger array, as in a block
                byte[] block = new byte[b.length + 16];
                java.util.Arrays.fill(block, (byte) '"');
                System.arraycopy(b, 0, block, 8, b.length);
                String what = "seed " + seed + ", line " + i + ": " + new String(b, StandardCharsets.ISO_8859_1);
                RowResult want = full.analyze(new RawRow.JsonLine(i, i + 1, b));
                assertThat(fast.analyzeLine(block, 8, 8 + b.length, i, i + 1))
                        .as(what)
                        .isEqualTo(want);
                boolean scanned = parser.shallow(block, 8, 8 + b.length) != null;
                if (scanned && m == 0) read++;
                if (scanned && m > 0) readMutated++;
                if (!scanned && m > 0) mutatedDeclined++;
                if (!want.findings().isEmpty()) withFindings++;
            }
        }
        // every kind is exercised: clean rows read in one pass, mutated ones read and declined, findings
        assertThat(read).as("seed %d", seed).isGreaterThan(lines.size() / 15);
        assertThat(readMutated).as("seed %d", seed).isGreaterThan(lines.size() / 40);
        assertThat(mutatedDeclined).as("seed %d", seed).isGreaterThan(lines.size() / 5);
        assertThat(withFindings).as("seed %d", seed).isGreaterThan(lines.size() / 10);
    }

    /**
     * Byte sequences in a text, at the edges of the Unicode standard's well-formed UTF-8 (its table 3-7): the
     * well-formed ones are read in one pass, the others declined, and either way the result is the full parse's
     * (Jackson's decoding is the reference, not this list).
     */
    @org.junit.jupiter.api.Test
    void utf8SequencesAtTheEdgesOfWellFormedGiveTheFullParsesResult() {
        // byte sequences in hex: Unicode's table 3-7 at each edge, then what it rules out
        String[] wellFormed = sequences("""
                C2 80 | DF BF | E0 A0 80 | E0 BF BF | E1 80 80 | EC BF BF | ED 80 80 | ED 9F BF
                EE 80 80 | EF BF BF | F0 90 80 80 | F0 BF BF BF | F3 BF BF BF | F4 80 80 80 | F4 8F BF BF""");
        String[] illFormed = sequences("""
                80 | BF | C0 80 | C1 BF | C2 | C2 41 | C2 C0 | E0 80 80
                E0 9F BF | ED A0 80 | ED BF BF | E1 80 | E1 80 41 | F0 80 80 80 | F0 8F BF BF | F4 90 80 80
                F5 80 80 80 | F8 88 80 80 80 | FE | FF | F1 80 80""");
        AlpacaRowParser parser = new AlpacaRowParser(MAPPER);
        MinHasher hasher = new MinHasher(NearDuplicateParams.forThreshold(0.8, 42));
        EnumSet<AuditCheck> counts = EnumSet.of(AuditCheck.COUNTS);
        RowAnalysis fast = new RowAnalysis("f.jsonl", parser, counts, hasher, null, 128_000, MAPPER, null);
        RowParser plain = parser::parse;
        RowAnalysis full = new RowAnalysis("f.jsonl", plain, counts, hasher, null, 128_000, MAPPER, null);
        for (String[] set : new String[][] {wellFormed, illFormed}) {
            for (String hex : set) {
                byte[] seq = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
                for (String where : new String[] {"input", "output"}) {
                    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                    line.writeBytes(("{\"input\": \"" + (where.equals("input") ? "a " : "q "))
                            .getBytes(StandardCharsets.UTF_8));
                    if (where.equals("input")) line.writeBytes(seq);
                    line.writeBytes(" b\", \"output\": \"yes ".getBytes(StandardCharsets.UTF_8));
                    if (where.equals("output")) line.writeBytes(seq);
                    line.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
                    byte[] b = line.toByteArray();
                    String what = where + " holding " + hex;
                    RowResult want = full.analyze(new RawRow.JsonLine(0, 1, b));
                    assertThat(fast.analyzeLine(b, 0, b.length, 0, 1)).as(what).isEqualTo(want);
                    boolean scanned = parser.shallow(b, 0, b.length) != null;
                    assertThat(scanned).as("read in one pass: " + what).isEqualTo(set == wellFormed);
                    if (set == wellFormed) assertThat(want.findings()).as(what).isEmpty();
                }
            }
        }
    }

    /** Byte sequences written in hex, separated by "|" or line ends. */
    private static String[] sequences(String text) {
        return java.util.Arrays.stream(text.split("[|\n]")).map(String::strip).toArray(String[]::new);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void alpacaRowsReadInOnePassGiveTheFullParsesResult(long seed) {
        Random rnd = new Random(seed);
        same(seed, new AlpacaRowParser(MAPPER), lines(rnd, new String[] {"input", "output"}, true));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void chatRowsReadInOnePassGiveTheFullParsesResult(long seed) {
        Random rnd = new Random(seed);
        String[] roles = {"system", "developer", "user", "assistant", "assistant", "tool", "function"};
        same(seed, new ChatRowParser(MAPPER), conversations(rnd, "messages", "role", "content", roles));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void shareGptRowsReadInOnePassGiveTheFullParsesResult(long seed) {
        Random rnd = new Random(seed);
        String[] roles = {"system", "human", "user", "gpt", "gpt", "assistant", "function_call", "bard", "observation"};
        same(seed, new ShareGptRowParser(MAPPER), conversations(rnd, "conversations", "from", "value", roles));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void promptCompletionRowsReadInOnePassGiveTheFullParsesResult(long seed) {
        Random rnd = new Random(seed);
        same(seed, new PromptCompletionRowParser(MAPPER), lines(rnd, new String[] {"prompt", "completion"}, false));
    }
}
