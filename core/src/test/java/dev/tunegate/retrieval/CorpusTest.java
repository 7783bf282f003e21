package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.evidence.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void frontMatterGivesIdGroupsAndTheChangeHistory() throws IOException {
        write("refunds.md", """
                ---
                id: policy-refunds
                title: Refund policy
                groups: [support, finance]
                updated: [2025-01-06, 2025-01-13]
                source: https://intranet/refunds
                ---
                # Refunds
                Within 30 days.
                """);
        Corpus c = Corpus.read(dir);
        assertThat(c.findings()).isEmpty();
        Document d = c.documents().get(0);
        assertThat(d.id()).isEqualTo("policy-refunds");
        assertThat(d.title()).isEqualTo("Refund policy");
        assertThat(d.groups()).containsExactly("support", "finance");
        assertThat(d.updated()).containsExactly(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 13));
        assertThat(d.source()).isEqualTo("https://intranet/refunds");
        assertThat(d.text()).startsWith("# Refunds");
    }

    @Test
    void htmlIsReducedToTextWithItsHeadingsAndASidecarGivesItsMetadata() throws IOException {
        write(
                "kb/vpn.html",
                "<html><head><title>VPN</title><script>var x=1;</script></head><body><h1>Setup</h1><p>Install the <b>client</b>.</p><h2>Errors</h2><ul><li>Code 809</li></ul></body></html>");
        write("kb/vpn.meta.yaml", "id: kb-vpn\ngroups: it\nupdated: 2025-02-01\n");
        Document d = Corpus.read(dir).documents().get(0);
        assertThat(d.id()).isEqualTo("kb-vpn");
        assertThat(d.title()).isEqualTo("VPN");
        assertThat(d.groups()).containsExactly("it");
        assertThat(d.text())
                .contains("# Setup", "Install the client.", "## Errors", "Code 809")
                .doesNotContain("var x");
    }

    @Test
    void badDocumentsAreFindingsWithFileAndLineAndTheRunGoesOn() throws IOException {
        write("a-good.md", "---\nid: a\ngroups: [g]\n---\ntext\n");
        write("b-bad-yaml.md", "---\nid: b\ngroups: [g\n---\ntext\n");
        write("c-bad-date.md", "---\nid: c\ngroups: [g]\nupdated: [last tuesday]\n---\ntext\n");
        write("d-unclosed.md", "---\nid: d\ntext\n");
        write("e-duplicate.md", "---\nid: a\ngroups: [g]\n---\nother\n");
        write("f-no-id.txt", "plain text without metadata\n");
        Files.write(dir.resolve("g-binary.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        Corpus c = Corpus.read(dir);
        assertThat(c.documents()).extracting(Document::id).containsExactly("a", "f-no-id");
        assertThat(c.findings())
                .extracting(Finding::kind)
                .containsExactlyInAnyOrder(
                        "INVALID_FRONT_MATTER",
                        "INVALID_FRONT_MATTER",
                        "INVALID_FRONT_MATTER",
                        "MISSING_ID",
                        "UNREADABLE",
                        "DUPLICATE_ID");
        Finding date = c.findings().stream()
                .filter(f -> f.file().equals("c-bad-date.md"))
                .findFirst()
                .orElseThrow();
        // "updated" is on line 3 of the YAML, line 4 of the file (after the opening ---)
        assertThat(date.line()).isEqualTo(4);
        assertThat(date.message()).contains("field \"updated\"", "ISO dates", "last tuesday");
        Finding dup = c.findings().stream()
                .filter(f -> f.kind().equals("DUPLICATE_ID"))
                .findFirst()
                .orElseThrow();
        assertThat(dup.display()).startsWith("e-duplicate.md:1: duplicate id \"a\" (first at a-good.md:1)");
    }

    @Test
    void aDocumentsJsonlReportsBadLinesByLineNumber() throws IOException {
        write("docs.jsonl", """
                {"id": "d1", "title": "One", "text": "alpha", "groups": ["g"], "updated": ["2025-01-01", "2025-01-08"]}
                not json
                {"title": "no id", "text": "x"}
                {"id": "d2", "text": "beta", "groups": "g2"}
                {"id": "d1", "text": "again"}
                {"id": "d3", "groups": ["g"]}
                """);
        Corpus c = Corpus.read(dir.resolve("docs.jsonl"));
        assertThat(c.documents()).extracting(Document::id).containsExactly("d1", "d2");
        assertThat(c.documents().get(1).groups()).containsExactly("g2");
        assertThat(c.findings())
                .extracting(f -> f.kind() + "@" + f.line())
                .containsExactly("INVALID_JSON@2", "MISSING_ID@3", "MISSING_TEXT@6", "DUPLICATE_ID@5");
        // a missing field is said with the fields the row has, and the parse error with its column
        assertThat(c.findings())
                .extracting(f -> f.message())
                .contains(
                        "field \"id\": expected a string, found nothing (the row's fields: title, text); this document"
                                + " is skipped",
                        "field \"text\": expected a string, found nothing (the row's fields: id, groups); this document"
                                + " is skipped")
                .anyMatch(m -> m.startsWith("not valid JSON: column 1: Unrecognized token"));
    }

    @Test
    void theMedianIntervalPoolsConsecutiveUpdatesOfEveryDocument() {
        // a: 7 and 7 days; b: 14 days; c: one update, no interval → pooled {7, 7, 14}, median 7
        List<Document> docs = List.of(
                new Document(
                        "a",
                        "",
                        "",
                        List.of(),
                        List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 8), LocalDate.of(2025, 1, 15)),
                        "",
                        "f",
                        1),
                new Document(
                        "b",
                        "",
                        "",
                        List.of(),
                        List.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 2, 15)),
                        "",
                        "f",
                        1),
                new Document("c", "", "", List.of(), List.of(LocalDate.of(2025, 1, 1)), "", "f", 1));
        assertThat(UpdateHistory.intervalsDays(docs)).containsExactly(7L, 7L, 14L);
        assertThat(UpdateHistory.medianIntervalDays(docs)).isEqualTo(7.0);
        // an even count takes the mean of the two middle values: {7, 14} → 10.5
        assertThat(UpdateHistory.medianIntervalDays(docs.subList(1, 2))).isEqualTo(14.0);
        assertThat(UpdateHistory.medianIntervalDays(List.of(docs.get(2)))).isNull();
    }

    @Test
    void eachFileOfAFolderCorpusIsReadOnceForItsTextAndItsDigest() throws IOException {
        Path kb = dir.resolve("kb");
        Files.createDirectories(kb);
        Files.writeString(kb.resolve("vpn.md"), "# VPN\nInstall the client.\n");
        Files.writeString(kb.resolve("leave.txt"), "Parental leave is sixteen weeks.\n");
        Files.writeString(kb.resolve("leave.meta.yaml"), "id: leave\ngroups: [hr]\n");
        dev.tunegate.io.FileDigests digests = new dev.tunegate.io.FileDigests();
        Corpus c = Corpus.read(kb, digests);
        assertThat(c.documents()).hasSize(2);
        // the record's digest of every file comes from the bytes read for the text: no file is read again
        for (String f : List.of("vpn.md", "leave.txt", "leave.meta.yaml"))
            assertThat(digests.sha256(kb.resolve(f))).isEqualTo(dev.tunegate.io.Digests.sha256(kb.resolve(f)));
        assertThat(digests.filesHashed()).isZero();
    }

    @Test
    void aDocumentsJsonlLineThatIsNotUtf8IsThatLinesFindingAndTheOtherDocumentsAreRead() throws IOException {
        Path f = dir.resolve("docs.jsonl");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("{\"id\": \"d1\", \"text\": \"alpha\"}\n{\"id\": \"d2\", \"text\": \"".getBytes());
        b.write(0xFF); // byte 23 of line 2: 22 ASCII bytes before it
        b.writeBytes("\"}\n{\"id\": \"d3\", \"text\": \"gamma\"}\n".getBytes());
        Files.write(f, b.toByteArray());
        Corpus c = Corpus.read(f);
        assertThat(c.documents()).extracting(Document::id).containsExactly("d1", "d3");
        assertThat(c.findings())
                .extracting(x -> x.kind() + "@" + x.line() + ": " + x.message())
                .containsExactly("INVALID_UTF8@2: the line is not valid UTF-8: byte 23 of the line is 0xFF; this"
                        + " document is skipped");
    }

    @Test
    void aGoldenQuestionsLineThatIsNotUtf8IsThatLinesFindingAndTheOtherQuestionsAreRead() throws IOException {
        Path f = dir.resolve("golden.jsonl");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("{\"id\": \"q1\", \"question\": \"".getBytes());
        b.write(0xC0); // byte 27 of line 1 (26 ASCII bytes before it); 0xC0 never starts a UTF-8 sequence
        b.writeBytes("\", \"relevant\": [\"d1\"]}\n".getBytes());
        b.writeBytes("{\"id\": \"q2\", \"question\": \"ok?\", \"relevant\": [\"d1\"]}\n".getBytes());
        Files.write(f, b.toByteArray());
        GoldenSet g = GoldenSet.read(f);
        assertThat(g.questions()).extracting(GoldenQuestion::id).containsExactly("q2");
        assertThat(g.findings())
                .extracting(x -> x.kind() + "@" + x.line() + ": " + x.message())
                .containsExactly("INVALID_UTF8@1: the line is not valid UTF-8: byte 27 of the line is 0xC0; this"
                        + " question is skipped");
    }

    @Test
    void qrelsAndATrecRunWithALineThatIsNotUtf8ReportThatLineAndReadTheOthers() throws IOException {
        Path qrels = dir.resolve("qrels.txt");
        java.io.ByteArrayOutputStream q = new java.io.ByteArrayOutputStream();
        q.writeBytes("q1 0 d1 1\nq2 0 d".getBytes());
        q.write(0xFF); // byte 7 of line 2: "q2 0 d" is 6 bytes
        q.writeBytes("2 1\nq3 0 d3 2\n".getBytes());
        Files.write(qrels, q.toByteArray());
        GoldenSet g = GoldenSet.EMPTY.withQrels(qrels);
        assertThat(g.questions()).extracting(GoldenQuestion::id).containsExactly("q1", "q3");
        assertThat(g.findings())
                .extracting(x -> x.kind() + "@" + x.line() + ": " + x.message())
                .containsExactly("INVALID_UTF8@2: the line is not valid UTF-8: byte 7 of the line is 0xFF; skipped");

        Path run = dir.resolve("run.trec");
        java.io.ByteArrayOutputStream r = new java.io.ByteArrayOutputStream();
        r.writeBytes("q1 Q0 d1 1 2.0 x\n".getBytes());
        r.write(0xC0); // byte 1 of line 2
        r.writeBytes(" Q0 d2 1 1.0 x\nq3 Q0 d3 1 1.5 x\n".getBytes());
        Files.write(run, r.toByteArray());
        ExternalRun e = ExternalRun.read(run);
        assertThat(e.rankings()).containsOnlyKeys("q1", "q3");
        assertThat(e.findings())
                .extracting(x -> x.kind() + "@" + x.line() + ": " + x.message())
                .containsExactly("INVALID_UTF8@2: the line is not valid UTF-8: byte 1 of the line is 0xC0; skipped");
    }
}
