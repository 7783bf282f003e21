package dev.tunegate.evals.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvEvalReaderTest {
    @TempDir
    Path dir;

    /** The shape of the Banking77 prediction exports: a multi-line quoted prompt, a footer row. */
    private static final String EXPORT = """
            prompt,user_query,gold_label,prediction,match
            "Classify.

            User query:
            lost card
            ",lost card,lost_or_stolen_card,lost_or_stolen_card,TRUE
            "Classify.
            ",where is my money,balance_not_updated,"transfer_fee_charged

            Wait, let me reconsider.",FALSE
            "Classify.",broken row,only,four
            "Classify.",pin please,change_pin,pin_blocked,FALSE
            TOTAL_TRUE,,,1,
            """;

    @Test
    void a_messy_export_keeps_the_predictions_and_reports_the_footer_and_the_broken_row_with_their_lines()
            throws Exception {
        Path f = dir.resolve("regular-prompt.csv");
        Files.writeString(f, EXPORT);
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(f, "regular-prompt.csv", EvalFormat.AUTO, Map.of(), findings);

        assertThat(records)
                .extracting(EvalRecord::item)
                .containsExactly("lost card", "where is my money", "pin please");
        assertThat(records).extracting(EvalRecord::passed).containsExactly(true, false, false);
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(1).line()).isEqualTo(7);
        assertThat(records.get(1).output()).startsWith("transfer_fee_charged\n");
        assertThat(records.get(2).run()).isEqualTo("regular-prompt");
        List<Finding> snapshot = findings.snapshot();
        assertThat(snapshot)
                .extracting(Finding::kind)
                .containsExactly(EvalRowIssue.MALFORMED_ROW.name(), EvalRowIssue.FOOTER_ROW.name());
        assertThat(snapshot.get(0).lines()).containsExactly(11L);
        assertThat(snapshot.get(1).lines()).containsExactly(13L);
        assertThat(snapshot.get(1).display())
                .startsWith("regular-prompt.csv:13:")
                .contains("TOTAL_TRUE");
    }

    @Test
    void a_mapping_with_alternatives_fits_exports_that_renamed_a_column() throws Exception {
        Path f = dir.resolve("optimized.csv");
        Files.writeString(f, "q,gold,predicted_label,ok\na,x,x,yes\nb,y,x,no\n");
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(
                f,
                "optimized.csv",
                EvalFormat.CSV,
                Map.of("item", "q", "expected", "gold", "output", "prediction|predicted_label", "passed", "ok"),
                findings);
        assertThat(records).extracting(EvalRecord::output).containsExactly("x", "x");
        assertThat(records).extracting(EvalRecord::passed).containsExactly(true, false);
        assertThat(findings.snapshot()).isEmpty();
    }

    @Test
    void a_mapped_column_that_does_not_exist_is_invalid_input_naming_the_columns_found() throws Exception {
        Path f = dir.resolve("e.csv");
        Files.writeString(f, "a,b\n1,2\n");
        assertThatThrownBy(() ->
                        EvalReaders.read(f, "e.csv", EvalFormat.CSV, Map.of("expected", "gold_label"), new Findings()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("e.csv:1:")
                .hasMessageContaining("evals.columns.expected")
                .hasMessageContaining("found columns a, b")
                .hasMessageEndingWith("(files that name it differently: list the names, separated by |)");
    }

    @Test
    void without_an_outcome_column_pass_is_derived_from_expected_and_output() throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "id,expected,output\n1,a,a\n2,a, b\n");
        List<EvalRecord> records = EvalReaders.read(f, "d.csv", EvalFormat.AUTO, Map.of(), new Findings());
        assertThat(records).extracting(EvalRecord::passed).containsExactly(true, false);
    }

    @Test
    void a_record_that_is_not_utf8_is_a_malformed_row_at_its_line_and_the_other_rows_are_read() throws Exception {
        Path f = dir.resolve("e.csv");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("id,expected,output\n1,a,a\n2,\"a\nb\",".getBytes());
        b.write(0xE9); // Latin-1 "é" in the record of lines 3-4 (its quoted cell spans them)
        b.writeBytes("\n3,a,b\n".getBytes());
        Files.write(f, b.toByteArray());
        Findings findings = new Findings();
        List<EvalRecord> records = EvalReaders.read(f, "e.csv", EvalFormat.AUTO, Map.of(), findings);
        assertThat(records).extracting(EvalRecord::item).containsExactly("1", "3");
        assertThat(records.get(1).location()).isEqualTo("e.csv:5");
        assertThat(findings.snapshot())
                .extracting(x -> x.kind() + "@" + x.lines() + ": " + x.message())
                .containsExactly(
                        "MALFORMED_ROW@[3]: malformed row: the record contains bytes that are not valid UTF-8");
    }
}
