package dev.tunegate.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed row parser (Jackson tokens, no tree) must read every row exactly as the tree parser
 * does: the same example (messages, roles, metadata) and the same problems with the same messages.
 * Checked on hand-written edge cases of every JSON format and on seeded random mutations of them
 * (keys dropped, repeated, retyped; metadata varied; non-ASCII and escaped text), so a row the
 * streaming path reads differently fails here rather than moving a finding.
 */
class StreamedRowsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String[] VALUES = {
        "\"text\"",
        "\"\"",
        "\"  \"",
        "null",
        "3",
        "1.5",
        "true",
        "[\"a\", {\"text\": \"b\"}]",
        "{\"a\": 1}",
        "\"Ünïcödé {{ x }}\"",
        "\"esc \\u00e9 \\n \\\"q\\\"\"",
        "[]",
        "\"日本語\"",
        "\"\\u2003\"",
        // for the shallow read (--only counts): placeholders, escaped braces, leading blanks and escapes
        "\"fill {{ name }} here\"",
        "\"esc \\u007b\\u007B x }}\"",
        "\"one { brace\"",
        "\" lead\"",
        "\"\\tx\"",
        "\"\\u0041 escaped first\""
    };
    private static final String[] META = {
        "null",
        "\"x\"",
        "{}",
        "{\"provenance\": \"gold\", \"status\": \"approved\", \"era\": \"2025\"}",
        "{\"provenance\": \"Robot\", \"status\": \"MAYBE\", \"reviewer\": \" bob \"}",
        "{\"status\": \"approved\", \"status\": null}",
        "{\"era\": 2024}",
        "{\"provenance\": \"llm_draft\", \"other\": {\"deep\": [1, {\"x\": 2}]}, \"status\": \"pending\"}",
        "{\"provenance\": null, \"status\": \"\", \"era\": \"  \"}",
    };

    private static List<String> cases(Random rnd, String[] keys, String[] roles, String roleKey, String contentKey) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder b = new StringBuilder("{");
            List<String> fields = new ArrayList<>();
            for (String k : keys) {
                if (rnd.nextInt(6) == 0) continue; // dropped
                String v;
                if (k.equals("messages") || k.equals("conversations")) v = messages(rnd, roles, roleKey, contentKey);
                else if (k.equals("history")) v = rnd.nextBoolean() ? "[[\"h\", \"a\"], [\"x\"]]" : "7";
                else v = rnd.nextInt(3) == 0 ? VALUES[rnd.nextInt(VALUES.length)] : "\"v" + i + "\"";
                fields.add("\"" + k + "\": " + v);
                if (rnd.nextInt(15) == 0) fields.add("\"" + k + "\": " + VALUES[rnd.nextInt(VALUES.length)]);
            }
            if (rnd.nextInt(3) > 0) fields.add("\"metadata\": " + META[rnd.nextInt(META.length)]);
            if (rnd.nextInt(10) == 0) fields.add("\"unknown\": 1");
            java.util.Collections.shuffle(fields, rnd);
            b.append(String.join(", ", fields)).append('}');
            if (rnd.nextInt(20) == 0) b.append(" trailing");
            if (rnd.nextInt(25) == 0) b.setLength(b.length() - 1); // cut
            out.add(b.toString());
        }
        return out;
    }

    private static String messages(Random rnd, String[] roles, String roleKey, String contentKey) {
        if (rnd.nextInt(12) == 0) return rnd.nextBoolean() ? "[]" : "\"x\"";
        List<String> ms = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
            if (rnd.nextInt(20) == 0) {
                ms.add("5");
                continue;
            }
            List<String> f = new ArrayList<>();
            if (rnd.nextInt(12) > 0) f.add("\"" + roleKey + "\": \"" + roles[rnd.nextInt(roles.length)] + "\"");
            if (rnd.nextInt(12) > 0)
                f.add("\"" + contentKey + "\": "
                        + (rnd.nextInt(4) == 0 ? VALUES[rnd.nextInt(VALUES.length)] : "\"c" + n + "\""));
            if (rnd.nextInt(10) == 0) f.add("\"weight\": " + rnd.nextInt(3));
            if (rnd.nextInt(15) == 0) f.add("\"name\": \"n\"");
            ms.add("{" + String.join(", ", f) + "}");
        }
        return "[" + String.join(", ", ms) + "]";
    }

    private static int same(JsonRowParser parser, List<String> lines) {
        int streamed = 0, shallow = 0;
        for (int i = 0; i < lines.size(); i++) {
            RawRow row = new RawRow.JsonLine(i, i + 1, lines.get(i).getBytes(StandardCharsets.UTF_8));
            ParsedRow fast = parser.parse(row);
            ParsedRow tree = parser.parseWithTree(row);
            assertThat(fast).as(lines.get(i)).isEqualTo(tree);
            if (fast.valid()) streamed++;
            // the shallow read stands for the full parse: an example with the same metadata and
            // problems, a non-blank output, no text holding "{{" (what --only counts reads of a row)
            ShallowRow s = parser.shallow(row);
            if (s != null) {
                shallow++;
                assertThat(tree.example()).as(lines.get(i)).isNotNull();
                assertThat(s.metadata())
                        .as(lines.get(i))
                        .isEqualTo(tree.example().metadata());
                assertThat(s.problems()).as(lines.get(i)).isEqualTo(tree.problems());
                assertThat(tree.example().output().isBlank()).as(lines.get(i)).isFalse();
                assertThat(tree.example().messages()).as(lines.get(i)).noneMatch(m -> m.content()
                        .contains("{{"));
            }
        }
        assertThat(streamed).as("valid rows among the cases").isGreaterThan(20);
        return shallow;
    }

    @Test
    void alpacaRowsReadTheSameStreamedAsFromTheTree() {
        int shallow = same(
                new AlpacaRowParser(MAPPER),
                cases(
                        new Random(1),
                        new String[] {"instruction", "input", "output", "system", "history"},
                        null,
                        null,
                        null));
        assertThat(shallow)
                .as("rows read shallow (most cases have a history or an odd value)")
                .isGreaterThan(5);
    }

    @Test
    void promptCompletionRowsReadTheSameStreamedAsFromTheTree() {
        int shallow = same(
                new PromptCompletionRowParser(MAPPER),
                cases(new Random(2), new String[] {"prompt", "completion"}, null, null, null));
        assertThat(shallow).as("rows read shallow").isGreaterThan(20);
    }

    @Test
    void theShallowReadDeclinesWhatItCannotDecideFromTheBytes() {
        JsonRowParser p = new AlpacaRowParser(MAPPER);
        java.util.function.Function<String, ShallowRow> shallow =
                line -> p.shallow(new RawRow.JsonLine(0, 1, line.getBytes(StandardCharsets.UTF_8)));
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"a\"}")).isNotNull();
        assertThat(shallow.apply("{\"input\": \"q {{x}}\", \"output\": \"a\"}")).isNull(); // placeholder
        assertThat(shallow.apply("{\"input\": \"q \\u007b{x}}\", \"output\": \"a\"}"))
                .isNull(); // escaped brace
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \" a\"}")).isNotNull(); // a visible letter
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \" \u3000 \"}"))
                .isNull(); // may be blank
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"\\u0041\"}")).isNull(); // escapes only
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"\"}")).isNull(); // blank
        assertThat(shallow.apply("{\"input\": \"é\", \"output\": \"a\"}")).isNotNull(); // UTF-8, checked
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"是的。\"}")).isNotNull(); // no ASCII, not blank
        byte[] cut = "{\"input\": \"#\", \"output\": \"a\"}".getBytes(StandardCharsets.US_ASCII);
        cut[new String(cut, StandardCharsets.US_ASCII).indexOf('#')] = (byte) 0xC3; // a UTF-8 sequence cut short
        assertThat(p.shallow(new RawRow.JsonLine(0, 1, cut))).isNull();
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"a\\x\"}")).isNull(); // bad escape
        assertThat(shallow.apply("{\"input\": \"q\", \"output\": \"a\"")).isNull(); // cut
        assertThat(new ChatRowParser(MAPPER)
                        .shallow(new RawRow.JsonLine(
                                0,
                                1,
                                "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}"
                                        .getBytes(StandardCharsets.UTF_8))))
                .as("a conversation without an assistant turn takes the full parse")
                .isNull();
    }

    @Test
    void chatRowsReadTheSameStreamedAsFromTheTree() {
        same(
                new ChatRowParser(MAPPER),
                cases(
                        new Random(3),
                        new String[] {"messages"},
                        new String[] {"system", "developer", "user", "assistant", "assistant", "tool", "bot"},
                        "role",
                        "content"));
    }

    @Test
    void shareGptRowsReadTheSameStreamedAsFromTheTree() {
        same(
                new ShareGptRowParser(MAPPER),
                cases(
                        new Random(4),
                        new String[] {"conversations", "system"},
                        new String[] {"system", "human", "gpt", "gpt", "observation", "alien"},
                        "from",
                        "value"));
    }
}
