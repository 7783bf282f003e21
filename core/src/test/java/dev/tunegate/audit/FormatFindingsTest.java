package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatFindingsTest {
    @TempDir
    Path dir;

    private static final String GOOD = Fixtures.chat("Where is my card?", "card_arrival");

    private AuditReport audit(Path file) {
        return DatasetAudit.run(AuditRequest.of(file).withChecks(EnumSet.of(AuditCheck.COUNTS)), Progress.SILENT, 2);
    }

    private List<Finding> findings(AuditRequest request) {
        List<Finding> all = new ArrayList<>();
        DatasetAudit.run(request, Progress.SILENT, 2, all::add);
        return all;
    }

    @Test
    void everyChatFormatErrorKindIsAFindingWithItsLine() {
        Path f = Fixtures.write(
                dir,
                "mixed.jsonl",
                List.of(
                        GOOD, // 1 ok
                        "[1,2]", // 2 not_an_object
                        "{\"messages\":[{\"content\":\"x\"}]}", // 3 missing_role
                        "{\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}", // 4 unknown_role
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", // 5 no_assistant_turn
                        "{\"messages\":[{\"role\":\"user\"},{\"role\":\"assistant\",\"content\":\"a\"}]}", // 6
                        // missing_content
                        "{\"msgs\":[]}", // 7 missing_messages + unknown_key
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Dear {{name}}\"},{\"role\":\"assistant\",\"content\":\"ok\"}],\"extra\":1}", // 8 placeholder + unknown_key
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\" \"}]}", // 9 empty_output
                        "{not json", // 10 invalid_json
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}],\"metadata\":{\"provenance\":\"robot\"}}")); // 11 invalid_metadata
        List<Finding> all = findings(AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.COUNTS)));
        assertThat(all)
                .extracting(Finding::kind, Finding::line)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("not_an_object", 2L),
                        org.assertj.core.groups.Tuple.tuple("missing_role", 3L),
                        org.assertj.core.groups.Tuple.tuple("unknown_role", 4L),
                        org.assertj.core.groups.Tuple.tuple("no_assistant_turn", 5L),
                        org.assertj.core.groups.Tuple.tuple("missing_content", 6L),
                        org.assertj.core.groups.Tuple.tuple("missing_messages", 7L),
                        org.assertj.core.groups.Tuple.tuple("unknown_key", 7L),
                        org.assertj.core.groups.Tuple.tuple("unfilled_placeholder", 8L),
                        org.assertj.core.groups.Tuple.tuple("unknown_key", 8L),
                        org.assertj.core.groups.Tuple.tuple("empty_output", 9L),
                        org.assertj.core.groups.Tuple.tuple("invalid_json", 10L),
                        org.assertj.core.groups.Tuple.tuple("invalid_metadata", 11L));
        assertThat(all)
                .filteredOn(x -> x.kind().equals("missing_role"))
                .first()
                .satisfies(x -> assertThat(x.rows()).containsExactly(2))
                .satisfies(x ->
                        assertThat(x.message()).contains("messages[0].role").contains("expected a string"));
        AuditReport r = audit(f);
        assertThat(r.rows()).isEqualTo(11);
        assertThat(r.validRows()).isEqualTo(3); // rows 1, 8 (placeholder is a warning) and 11
    }

    @Test
    void anInvalidJsonMessageDoesNotEchoTheOffendingToken() {
        Path f = Fixtures.write(dir, "tok.jsonl", List.of(GOOD, "{\"messages\": jane.doe@example.com}"));
        List<Finding> all = findings(AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.COUNTS)));
        assertThat(all).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("invalid_json");
            assertThat(x.message())
                    .contains("Unrecognized token '<4 characters>'")
                    .doesNotContain("jane");
        });
    }

    @Test
    void invalidUtf8IsAFindingAndTheRowsAroundItAreRead() {
        byte[] bytes = concat(
                (GOOD + "\n").getBytes(StandardCharsets.UTF_8),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                "\"}]}\n".getBytes(StandardCharsets.UTF_8),
                (GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        Path f = Fixtures.write(dir, "bad.jsonl", bytes);
        AuditReport r = audit(f);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.validRows()).isEqualTo(2);
        assertThat(r.findingsByKind()).containsEntry("invalid_utf8", 1L);
    }

    @Test
    void aLineOverTheCapIsAFindingNotAnOutOfMemory() {
        String huge = "{\"messages\":\"" + "a".repeat(50_000) + "\"}";
        Path f = Fixtures.write(dir, "huge.jsonl", List.of(GOOD, huge, GOOD));
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.COUNTS)).withMaxLineBytes(10_000),
                Progress.SILENT,
                1);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.validRows()).isEqualTo(2);
        assertThat(r.findings())
                .filteredOn(x -> x.kind().equals("line_too_long"))
                .singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(2));
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreAccepted() {
        byte[] bytes = concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (GOOD + "\r\n" + GOOD + "\r\n").getBytes(StandardCharsets.UTF_8));
        AuditReport r = audit(Fixtures.write(dir, "bom.jsonl", bytes));
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.validRows()).isEqualTo(2);
        assertThat(r.findingsByKind()).isEmpty();
    }

    @Test
    void anEmptyFileIsAClearErrorNotAStackTrace() {
        Path f = Fixtures.write(dir, "empty.jsonl", "");
        assertThatThrownBy(() -> audit(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("empty.jsonl: the file is empty");
    }

    @Test
    void aFileOfUnknownShapeAsksForTheFormat() {
        Path f = Fixtures.write(dir, "notes.txt", "hello\nworld\n");
        assertThatThrownBy(() -> audit(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot detect the format")
                .hasMessageContaining("--data-format");
    }

    @Test
    void aJsonArrayWhereJsonlWasExpectedIsReadElementByElement() {
        Path f = Fixtures.write(dir, "array.jsonl", "[\n" + GOOD + ",\n" + GOOD + "\n]");
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(f)
                        .withFormat(DatasetFormat.OPENAI_CHAT, null)
                        .withChecks(EnumSet.of(AuditCheck.COUNTS)),
                Progress.SILENT,
                1);
        assertThat(r.layout()).isEqualTo("json-array");
        assertThat(r.validRows()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.contains("one JSON array"));
    }

    @Test
    void alpacaAsAJsonArrayIsDetectedAndStreamed() {
        Path f = Fixtures.write(
                dir,
                "alpaca.json",
                "[{\"instruction\":\"Add\",\"input\":\"1+1\",\"output\":\"2\"},{\"instruction\":\"Greet\",\"input\":\"\",\"output\":null}]");
        List<Finding> all = findings(AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.COUNTS)));
        AuditReport r = audit(f);
        assertThat(r.format()).isEqualTo("alpaca");
        assertThat(r.validRows()).isEqualTo(1);
        assertThat(all).extracting(Finding::kind).containsExactly("null_label");
    }

    @Test
    void shareGptAndPromptCompletionAreDetected() {
        Path s = Fixtures.write(
                dir,
                "sg.jsonl",
                List.of(
                        "{\"conversations\":[{\"from\":\"human\",\"value\":\"hi\"},{\"from\":\"gpt\",\"value\":\"hello\"}]}",
                        "{\"conversations\":[{\"from\":\"alien\",\"value\":\"hi\"}]}"));
        AuditReport rs = audit(s);
        assertThat(rs.format()).isEqualTo("sharegpt");
        assertThat(rs.findingsByKind()).containsEntry("unknown_role", 1L);
        Path p = Fixtures.write(
                dir, "pc.jsonl", List.of("{\"prompt\":\"2+2=\",\"completion\":\" 4\"}", "{\"prompt\":\"x\"}"));
        AuditReport rp = audit(p);
        assertThat(rp.format()).isEqualTo("prompt-completion");
        assertThat(rp.validRows()).isEqualTo(1);
        assertThat(rp.findingsByKind()).containsEntry("missing_content", 1L);
    }

    @Test
    void gzipAndZstdFilesAreReadLikePlainOnes() throws IOException {
        String body = GOOD + "\n" + Fixtures.chat("Another question", "other") + "\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream zs = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(zs)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        AuditReport g = audit(Fixtures.write(dir, "t.jsonl.gz", gz.toByteArray()));
        AuditReport z = audit(Fixtures.write(dir, "t.jsonl.zst", zs.toByteArray()));
        assertThat(g.compression()).isEqualTo("gzip");
        assertThat(z.compression()).isEqualTo("zstd");
        assertThat(List.of(g.validRows(), z.validRows())).containsExactly(2L, 2L);
    }

    @Test
    void aTruncatedGzipAuditedWithAllowPartialKeepsTheRowsReadAndSaysWhereItStopped() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5000; i++)
            body.append(Fixtures.chat("question number " + i, "answer " + (i * 7919 % 1000)))
                    .append('\n');
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = gz.toByteArray();
        byte[] half = java.util.Arrays.copyOf(all, all.length / 2);
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(Fixtures.write(dir, "cut.jsonl.gz", half))
                        .withChecks(EnumSet.of(AuditCheck.COUNTS))
                        .withAllowPartial(true),
                Progress.SILENT,
                2);
        assertThat(r.rows()).isBetween(1L, 4999L);
        assertThat(r.partial()).singleElement().satisfies(p -> assertThat(p.rowsRead())
                .isEqualTo(r.rows()));
        assertThat(r.findingsByKind()).containsEntry("truncated_file", 1L);
        assertThat(r.notes()).anyMatch(n -> n.contains("is damaged from line"));
    }

    @Test
    void csvColumnsAreMappedAndQuotedFieldsMaySpanLines() {
        Path f = Fixtures.write(
                dir,
                "d.csv",
                "utterance,intent,status,era\n"
                        + "\"Hello, I lost\nmy card\",lost_card,approved,2025\n"
                        + "Where is my refund,refund,approved,2025\n"
                        + "What is this,null,approved,2025\n");
        AuditRequest req = AuditRequest.of(f)
                .withFormat(DatasetFormat.AUTO, ColumnMapping.parse(List.of("input=utterance", "output=intent")))
                .withChecks(EnumSet.of(AuditCheck.COUNTS));
        List<Finding> all = new ArrayList<>();
        AuditReport r = DatasetAudit.run(req, Progress.SILENT, 2, all::add);
        assertThat(r.format()).isEqualTo("csv");
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.validRows()).isEqualTo(2);
        assertThat(r.approvedRows()).isEqualTo(2);
        assertThat(r.byEra()).containsEntry("2025", 2L);
        assertThat(all).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("null_label");
            assertThat(x.line()).isEqualTo(5); // header 1, the first record spans lines 2–3
        });
    }

    @Test
    void tsvWithCommonHeaderNamesNeedsNoMapping() {
        Path f = Fixtures.write(dir, "d.tsv", "text\tlabel\nhi there\tgreeting\nbye now\tfarewell\n");
        AuditReport r = audit(f);
        assertThat(r.format()).isEqualTo("tsv");
        assertThat(r.validRows()).isEqualTo(2);
    }

    @Test
    void aCsvWithoutAnInputColumnNamesTheColumnsItHas() {
        Path f = Fixtures.write(dir, "d.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> audit(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("d.csv:1")
                .hasMessageContaining("input column")
                .hasMessageContaining("columns a, b");
    }

    /** A spreadsheet's ';'-separated export read as CSV is one column: the error says what the separator looks like. */
    @Test
    void aSemicolonSeparatedCsvIsNamedAsSuch() {
        Path f = Fixtures.write(dir, "semi.csv", "text;label\nhello;greeting\n");
        assertThatThrownBy(() -> audit(f))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("semi.csv:1")
                .hasMessageContaining("columns text;label (one column: the file looks separated by ';'");
        Path plain = Fixtures.write(dir, "one.csv", "words\nhello\n");
        assertThatThrownBy(() -> audit(plain)).hasMessageNotContaining("looks separated");
    }

    @Test
    void maxErrorsStopsAHopelessFileWithTheFirstProblem() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) lines.add("{\"text\": \"row " + i + "\", \"messages\": 3}");
        Path f = Fixtures.write(dir, "hopeless.jsonl", lines);
        assertThatThrownBy(() -> DatasetAudit.run(AuditRequest.of(f).withMaxErrors(10), Progress.SILENT, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stopped after 11 rows with format errors")
                .hasMessageContaining("line 1: missing_messages");
    }

    @Test
    void metadataGivesProvenanceStatusAndEraCounts() {
        Path f = Fixtures.write(
                dir,
                "m.jsonl",
                List.of(
                        Fixtures.chat("q1", "a1", Map.of("provenance", "gold", "status", "approved", "era", "2025")),
                        Fixtures.chat(
                                "q2", "a2", Map.of("provenance", "llm_draft", "status", "pending", "era", "2025")),
                        Fixtures.chat(
                                "q3", "a3", Map.of("provenance", "llm_draft", "status", "approved", "era", "2025")),
                        Fixtures.chat("q4", "a4", Map.of("provenance", "expert", "status", "approved", "era", "old"))));
        AuditReport r =
                DatasetAudit.run(AuditRequest.of(f).withEras(List.of("2025"), List.of("old")), Progress.SILENT, 2);
        assertThat(r.approvedRows()).isEqualTo(3);
        assertThat(r.goldRows()).isEqualTo(1);
        assertThat(r.llmDraftedApprovedRows()).isEqualTo(1);
        assertThat(r.llmDraftedNotApprovedRows()).isEqualTo(1);
        assertThat(r.retiredEraRows()).isEqualTo(1);
        assertThat(r.usableRows()).isEqualTo(2); // q1 (gold) and q3 (approved draft); q4 is retired, q2 pending
        assertThat(r.byProvenance()).containsEntry("llm_draft", 2L);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
