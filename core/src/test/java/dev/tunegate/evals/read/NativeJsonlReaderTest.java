package dev.tunegate.evals.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeJsonlReaderTest {
    @TempDir
    Path dir;

    @Test
    void every_documented_field_is_read() throws Exception {
        Path f = dir.resolve("history.jsonl");
        Files.writeString(f, """
                {"run":"v2","iteration":2,"timestamp":"2025-03-01T10:00:00Z","item":"t-1","passed":false,"score":0.25,"expected":"billing","output":"account","errorClass":"WRONG_QUEUE","latencyMs":812,"tokens":431,"costUsd":0.0012,"tags":{"slice":"emea","era":"2025"},"finishReason":"stop"}
                {"run":"v2","iteration":2,"item":17,"expected":{"a":1},"output":"{\\"a\\":1}"}
                """);
        List<EvalRecord> records = EvalReaders.read(f, "history.jsonl", EvalFormat.AUTO, Map.of(), new Findings());
        EvalRecord r = records.get(0);
        assertThat(r.run()).isEqualTo("v2");
        assertThat(r.iteration()).isEqualTo(2L);
        assertThat(r.timestamp()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(r.passed()).isFalse();
        assertThat(r.score()).isEqualTo(0.25);
        assertThat(r.errorClass()).isEqualTo("WRONG_QUEUE");
        assertThat(r.latencyMs()).isEqualTo(812.0);
        assertThat(r.tokens()).isEqualTo(431L);
        assertThat(r.costUsd()).isEqualTo(0.0012);
        assertThat(r.tags()).containsEntry("slice", "emea").containsEntry("era", "2025");
        assertThat(r.location()).isEqualTo("history.jsonl:1");
        // The second line has no outcome: it passes because the output equals the expected JSON text.
        assertThat(records.get(1).item()).isEqualTo("17");
        assertThat(records.get(1).expected()).isEqualTo("{\"a\":1}");
        assertThat(records.get(1).passed()).isTrue();
    }

    @Test
    void broken_lines_and_lines_without_an_item_or_outcome_are_findings_with_their_lines() throws Exception {
        Path f = dir.resolve("h.jsonl");
        Files.writeString(f, """
                {"item":"a","passed":true}
                {"item":"b","passed":
                {"passed":true}
                {"item":"c"}
                """);
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(f, "h.jsonl", EvalFormat.AUTO, Map.of(), findings);
        assertThat(records).extracting(EvalRecord::item).containsExactly("a");
        assertThat(records.get(0).run()).isEqualTo("h");
        assertThat(findings.snapshot())
                .extracting(x -> x.kind() + "@" + x.lines())
                // line 3 lacks its item, line 4 its outcome: two findings, each row's own
                .containsExactly("MALFORMED_ROW@[2]", "MISSING_FIELD@[3]", "MISSING_FIELD@[4]");
        assertThat(findings.count(EvalRowIssue.MISSING_FIELD)).isEqualTo(2);
        // the first row without an item names the fields it has, where a misspelt "id" or "pass" would show
        assertThat(findings.snapshot().get(1).message())
                .endsWith("field \"item\": expected a string or number, found nothing (the row's fields: passed)");
    }

    @Test
    void an_unrecognised_passed_string_is_an_unreadable_value_and_the_row_falls_back_to_expected_and_output()
            throws Exception {
        Path f = dir.resolve("h.jsonl");
        Files.writeString(f, """
                {"item":"a","passed":"maybe","expected":"x","output":"x"}
                {"item":"b","passed":"","score":0.5}
                {"item":"c","passed":"no"}
                """);
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(f, "h.jsonl", EvalFormat.AUTO, Map.of(), findings);
        assertThat(records).extracting(EvalRecord::item).containsExactly("a", "b", "c");
        // "maybe" is ignored, so the outcome comes from comparing expected and output (equal: passed)
        assertThat(records.get(0).passed()).isTrue();
        assertThat(records.get(1).passed()).isNull();
        assertThat(records.get(2).passed()).isFalse();
        assertThat(findings.snapshot()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("BAD_VALUE");
            assertThat(x.lines()).containsExactly(1L, 2L);
            assertThat(x.message())
                    .isEqualTo("unreadable value (field ignored): field \"passed\": expected true or false,"
                            + " found \"maybe\"");
        });
    }

    @Test
    void a_file_with_no_json_object_at_all_is_invalid_input() throws Exception {
        Path f = dir.resolve("x.jsonl");
        Files.writeString(f, "hello\nworld\n");
        assertThatThrownBy(() -> EvalReaders.read(f, "x.jsonl", EvalFormat.AUTO, Map.of(), new Findings()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("x.jsonl:1: expected native eval results");
    }

    @Test
    void a_line_that_is_not_utf8_is_a_malformed_row_naming_its_first_bad_byte_and_the_other_lines_are_read()
            throws Exception {
        Path f = dir.resolve("h.jsonl");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("{\"item\":\"a\",\"passed\":true}\n{\"item\":\"".getBytes());
        b.write(0xFE); // byte 10 of line 2: 9 ASCII bytes before it
        b.writeBytes("\",\"passed\":true}\n{\"item\":\"c\",\"passed\":false}\n".getBytes());
        Files.write(f, b.toByteArray());
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(f, "h.jsonl", EvalFormat.AUTO, Map.of(), findings);
        assertThat(records).extracting(EvalRecord::item).containsExactly("a", "c");
        assertThat(findings.snapshot())
                .extracting(x -> x.kind() + "@" + x.lines() + ": " + x.message())
                .containsExactly(
                        "MALFORMED_ROW@[2]: malformed row: the line is not valid UTF-8: byte 10 of the line is 0xFE");
    }
}
