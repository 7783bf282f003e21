package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.AlpacaRowParser;
import dev.tunegate.audit.read.JsonRowParser;
import dev.tunegate.audit.read.PromptCompletionRowParser;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code --only counts} reads clean rows without decoding their texts ({@link
 * JsonRowParser#shallow}); every row must give the same {@link RowResult} as the full parse —
 * findings (placeholders, empty outputs, metadata problems, format errors), validity and metadata.
 * The reference is the same analysis over the same parser hidden behind a plain {@link RowParser}
 * (which has no shallow read), on seeded rows mixing the cases the shallow read must decline.
 */
class CountsOnlyRowsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TEXTS = {
        "\"plain text\"",
        "\"\"",
        "\"   \"",
        "\" leading blank\"",
        "\"\\\\n escaped newline first\"",
        "\"fill {{ customer_name }} in\"",
        "\"{{}}\"",
        "\"escaped \\\\u007b\\\\u007b name }}\"",
        "\"Ünïcödé\"",
        "\"bad \\\\x escape\"",
        "null",
        "7",
        "[\"part\"]",
    };
    private static final String[] META = {
        "{\"provenance\": \"human\", \"status\": \"approved\", \"era\": \"2025\"}",
        "{\"provenance\": \"Robot\", \"status\": \"MAYBE\"}",
        "{\"status\": \"approved\", \"reviewer\": \"ann\", \"extra\": [1, 2]}",
        "{\"era\": 2024}",
        "\"x\"",
        "null",
    };

    private static List<String> rows(Random rnd, String a, String b, boolean alpaca) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            List<String> f = new ArrayList<>();
            f.add("\"" + a + "\": " + (rnd.nextInt(4) == 0 ? TEXTS[rnd.nextInt(TEXTS.length)] : "\"q" + i + "\""));
            if (rnd.nextInt(10) > 0)
                f.add("\"" + b + "\": " + (rnd.nextInt(4) == 0 ? TEXTS[rnd.nextInt(TEXTS.length)] : "\"a" + i + "\""));
            if (alpaca && rnd.nextInt(4) == 0) f.add("\"instruction\": " + TEXTS[rnd.nextInt(TEXTS.length)]);
            if (alpaca && rnd.nextInt(8) == 0) f.add("\"system\": " + TEXTS[rnd.nextInt(TEXTS.length)]);
            if (rnd.nextInt(2) == 0) f.add("\"metadata\": " + META[rnd.nextInt(META.length)]);
            if (rnd.nextInt(30) == 0) f.add("\"unknown\": 1");
            java.util.Collections.shuffle(f, rnd);
            String line = "{" + String.join(", ", f) + "}";
            if (rnd.nextInt(40) == 0) line = line.substring(0, line.length() - 1);
            out.add(line);
        }
        return out;
    }

    private static void same(JsonRowParser parser, List<String> lines) {
        MinHasher hasher = new MinHasher(NearDuplicateParams.forThreshold(0.8, 42));
        EnumSet<AuditCheck> counts = EnumSet.of(AuditCheck.COUNTS);
        RowAnalysis shallow = new RowAnalysis("f.jsonl", parser, counts, hasher, null, 128_000, MAPPER, null);
        RowParser plain = parser::parse; // not a JsonRowParser: always the full parse
        RowAnalysis full = new RowAnalysis("f.jsonl", plain, counts, hasher, null, 128_000, MAPPER, null);
        int read = 0, withFindings = 0;
        for (int i = 0; i < lines.size(); i++) {
            RawRow row = new RawRow.JsonLine(i, i + 1, lines.get(i).getBytes(StandardCharsets.UTF_8));
            assertThat(shallow.analyze(row)).as(lines.get(i)).isEqualTo(full.analyze(row));
            if (parser.shallow(row) != null) read++;
            if (!full.analyze(row).findings().isEmpty()) withFindings++;
        }
        // both kinds are exercised: rows read without their texts, and rows with findings
        assertThat(read).isGreaterThan(lines.size() / 4);
        assertThat(withFindings).isGreaterThan(lines.size() / 10);
    }

    @Test
    void alpacaRowsGiveTheSameResultReadWithoutTheirTexts() {
        same(new AlpacaRowParser(MAPPER), rows(new Random(11), "input", "output", true));
    }

    @Test
    void promptCompletionRowsGiveTheSameResultReadWithoutTheirTexts() {
        same(new PromptCompletionRowParser(MAPPER), rows(new Random(12), "prompt", "completion", false));
    }
}
