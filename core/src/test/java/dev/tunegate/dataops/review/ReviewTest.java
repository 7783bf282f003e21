package dev.tunegate.dataops.review;

import static dev.tunegate.dataops.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.AuditAnalyzer;
import dev.tunegate.audit.RowOverlay;
import dev.tunegate.dataops.Fixtures;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

    private static Workspace workspace(Path dir) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(row(Fixtures.ticket(i), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(10), "B", "llm_draft", "pending", "2026"));
        rows.add(row(Fixtures.ticket(11), "A", "llm_draft", "pending", "2026"));
        return Fixtures.workspace(dir, rows, null, null);
    }

    private static String failures() {
        return """
                {"input": "%s", "output": "B", "correctedOutput": "A", "when": "2026-02-10T08:00:00Z", "why": "misrouted"}
                {"input": "%s", "output": "A", "why": "no correction given"}
                this is not json
                {"output": "A"}
                """.formatted(Fixtures.ticket(20), Fixtures.ticket(21));
    }

    private static ReviewSession.Summary review(Workspace ws, String who, String commands, StringWriter out) {
        return new ReviewSession(ws, who, CLOCK)
                .run(new BufferedReader(new StringReader(commands)), new PrintWriter(out, true));
    }

    @Test
    void ingestAppendsPendingProductionFailuresToTheQueueAndNeverTouchesTheTrainingFile(@TempDir Path dir)
            throws Exception {
        Workspace ws = workspace(dir);
        byte[] train = Files.readAllBytes(dir.resolve("data/train.jsonl"));
        Files.writeString(dir.resolve("failures.jsonl"), failures());
        FailureIngest.Report r = FailureIngest.ingest(ws, dir.resolve("failures.jsonl"));
        assertThat(r.added()).isEqualTo(2);
        assertThat(r.withCorrection()).isEqualTo(1);
        assertThat(r.findings()).hasSize(2);
        assertThat(r.findings().get(0)).startsWith("failures.jsonl:3: not valid JSON");
        assertThat(r.findings().get(1)).startsWith("failures.jsonl:4: field \"input\"");
        List<QueueRow> q = ReviewedDataset.queue(ws).read().rows();
        assertThat(q).hasSize(2);
        assertThat(q.get(0).example().metadata().provenance()).isEqualTo("production_failure");
        assertThat(q.get(0).example().metadata().status()).isEqualTo("pending");
        assertThat(q.get(0).example().output()).isEqualTo("A");
        assertThat(q.get(0).example().messages().get(0).content()).isEqualTo(Fixtures.SYSTEM);
        assertThat(q.get(1).draftIsBadOutput()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("data/train.jsonl"))).isEqualTo(train);
        // ingesting the same failures again queues nothing new
        assertThat(FailureIngest.ingest(ws, dir.resolve("failures.jsonl")).alreadyQueued())
                .isEqualTo(2);
        assertThat(ReviewedDataset.queue(ws).read().rows()).hasSize(2);
    }

    @Test
    void aFailuresLineThatIsNotUtf8IsThatLinesFindingAndTheOtherFailuresAreQueued(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("{\"input\": \"".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF); // byte 12 of line 1: 11 ASCII bytes before it
        b.writeBytes(("\", \"output\": \"B\"}\n{\"input\": \"" + Fixtures.ticket(22) + "\", \"output\": \"B\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("failures.jsonl"), b.toByteArray());
        FailureIngest.Report r = FailureIngest.ingest(ws, dir.resolve("failures.jsonl"));
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.findings())
                .containsExactly("failures.jsonl:1: the line is not valid UTF-8: byte 12 of the line is 0xFF");
    }

    @Test
    void decisionsGoToTheLogAndApprovedRowsJoinTheReviewedDataset(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        Files.writeString(dir.resolve("failures.jsonl"), failures());
        FailureIngest.ingest(ws, dir.resolve("failures.jsonl"));
        StringWriter out = new StringWriter();
        // queue row 1: approve; queue row 2 (draft = bad output): approve refused, then edit; train draft 1: reject;
        // train draft 2: skip
        ReviewSession.Summary s = review(ws, "ana", "a\na\ne\nB\nr\ns\n", out);
        assertThat(s.pending()).isEqualTo(4);
        assertThat(s.approved()).isEqualTo(1);
        assertThat(s.edited()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.remaining()).isEqualTo(1);
        assertThat(out.toString()).contains("this draft is the output that failed in production");
        ReviewLog.Replay replay = ReviewedDataset.log(ws).replay();
        assertThat(replay.entries()).isEqualTo(3);
        assertThat(replay.latest().values())
                .extracting(ReviewLog.Entry::reviewer)
                .containsOnly("ana");
        assertThat(replay.latest().values()).extracting(ReviewLog.Entry::at).containsOnly("2026-03-01T09:00:00Z");

        Path scratch = dir.resolve("scratch.jsonl");
        ReviewedDataset.Built b = ReviewedDataset.build(ws, scratch);
        assertThat(b.queueApproved()).isEqualTo(2);
        assertThat(b.decisionsApplied()).isEqualTo(3);
        assertThat(b.sources()).hasSize(6 + 2);
        String text = Files.readString(scratch);
        assertThat(text).contains("\"status\":\"rejected\",\"reviewer\":\"ana\"");
        assertThat(text).contains(Fixtures.ticket(21) + "\"},{\"role\":\"assistant\",\"content\":\"B\"}");
    }

    @Test
    void aSkippedRowDoesNotGrowTheCountOfRowsToReview(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        Files.writeString(dir.resolve("failures.jsonl"), failures());
        FailureIngest.ingest(ws, dir.resolve("failures.jsonl"));
        StringWriter out = new StringWriter();
        // 4 rows pending: skip, skip, reject, then the end of the input; the count stays 4 (it used to read 2/5, 3/6)
        review(ws, "ana", "s\ns\nr\n", out);
        assertThat(out.toString())
                .contains("── 1/4 ", "── 2/4 ", "── 3/4 ", "── 4/4 ")
                .doesNotContain("/5 ", "/6 ");
    }

    @Test
    void anAssessmentRunReadsAndReplaysTheReviewLogAndReadsTheQueueOnce(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        Files.writeString(dir.resolve("failures.jsonl"), failures());
        FailureIngest.ingest(ws, dir.resolve("failures.jsonl"));
        review(ws, "ana", "a\na\ne\nB\nr\ns\n", new StringWriter());
        RunMemo memo = new RunMemo();
        FileDigests digests = new FileDigests();
        AnalysisContext ctx = new AnalysisContext(
                EvidenceSet.empty(),
                Policy.standard().thresholds(Map.of()),
                Progress.SILENT,
                1,
                LocalDate.parse("2026-03-01"),
                digests,
                memo);
        Pipeline.Run run =
                new Pipeline(List.of(new AuditAnalyzer(ReviewOverlay::of), new ReviewLogAnalyzer())).run(ws, ctx);

        assertThat(memo.computed(ReviewedDataset.LOG_STATE)).isEqualTo(1);
        assertThat(memo.computed(ReviewedDataset.QUEUE_CONTENTS)).isEqualTo(1);
        // the digests the record names are those of the files' bytes, hashed here on their own
        AnalyzerResult review = run.result("review-log").orElseThrow();
        assertThat(review.inputs())
                .extracting(AnalyzerResult.InputFile::path, AnalyzerResult.InputFile::sha256)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ReviewLog.FILE, Digests.sha256(dir.resolve(ReviewLog.FILE))),
                        org.assertj.core.groups.Tuple.tuple(
                                "data/review-queue.jsonl", Digests.sha256(dir.resolve("data/review-queue.jsonl"))));
        // the same reviewed pairs as the log replayed outside a run: 4 approved + 2 queue rows the log approves
        assertThat(run.evidence().get(Measure.REVIEWED_PAIRS).orElseThrow().asDouble())
                .isEqualTo(6.0)
                .isEqualTo((double) ReviewOverlay.reviewedAudit(ws, 1, new dev.tunegate.analysis.RunMemo())
                        .orElseThrow()
                        .usableRows())
                .isEqualTo((double) ScratchAudit.of(ws).orElseThrow().usableRows());
        // the reviewed audit was the audit's own pass (its overlay), read by the review log's analyzer from the memo
        assertThat(memo.computed(RowOverlay.REPORT)).isEqualTo(1);
        // asked again in the same run, nothing is read again
        ReviewedDataset.logState(ws, memo);
        assertThat(memo.computed(ReviewedDataset.LOG_STATE)).isEqualTo(1);
    }

    @Test
    void aTruncatedLastLineFromACrashIsIgnoredWithAWarningAndTheReviewGoesOn(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        review(ws, "ana", "a\n", new StringWriter()); // decides the first pending row, then the input ends
        Path log = dir.resolve(ReviewLog.FILE);
        // the process was killed while writing the next decision: half a line, no newline
        Files.writeString(
                log, "{\"v\":1,\"at\":\"2026-03-01T09:01:00Z\",\"reviewer\":\"ana\",\"act", StandardOpenOption.APPEND);
        ReviewLog.Replay replay = ReviewedDataset.log(ws).replay();
        assertThat(replay.entries()).isEqualTo(1);
        assertThat(replay.warnings()).singleElement().asString().contains(":2: the last line is incomplete");
        StringWriter out = new StringWriter();
        ReviewSession.Summary s = review(ws, "ben", "r\n", out);
        assertThat(s.pending()).isEqualTo(1); // the decided row is not shown again
        assertThat(out.toString()).contains("warning:").contains("incomplete");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).contains("\"reviewer\":\"ben\"").contains("\"action\":\"reject\"");
        assertThat(ReviewedDataset.log(ws).replay().entries()).isEqualTo(2);
    }

    @Test
    void aTerminalReviewRunsBesideAnotherReviewerAndNeverGetsTheRowTheyHold(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        ReviewBoard web = new ReviewBoard(ws, CLOCK, new ReviewBoard.Settings(ReviewBoard.DEFAULT_LEASE, 0, 0));
        ReviewBoard.Claimed held = web.claim("ana", java.util.Set.of()).orElseThrow();

        StringWriter out = new StringWriter();
        ReviewSession.Summary s = review(ws, "ben", "a\na\na\n", out);
        assertThat(s.approved()).isEqualTo(1);
        assertThat(s.remaining()).isEqualTo(1); // ana's row, still hers
        assertThat(out.toString()).doesNotContain(held.row().source() + "  (");

        assertThatThrownBy(() -> web.decide("ben", held.row().digest(), held.token(), "approve", null))
                .isInstanceOf(ClaimConflictException.class)
                .hasMessageContaining("claimed by ana");
        web.decide("ana", held.row().digest(), held.token(), "reject", null);
        ReviewLog.Replay replay = ReviewedDataset.log(ws).replay();
        assertThat(replay.entries()).isEqualTo(2);
        assertThat(replay.latest().values())
                .extracting(ReviewLog.Entry::reviewer)
                .containsExactlyInAnyOrder("ana", "ben");
        assertThat(web.pending()).isEmpty();
    }

    /** A reviewer's filter picks the rows they are given; a row they hold outside it goes back to the others. */
    @Test
    void aFilteredClaimGivesOnlyRowsTheFilterSelectsAndReleasesOneHeldOutsideIt(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        ReviewBoard web = new ReviewBoard(ws, CLOCK, new ReviewBoard.Settings(ReviewBoard.DEFAULT_LEASE, 0, 0));
        List<QueueRow> pending = web.pending();
        assertThat(pending).hasSizeGreaterThan(1);
        QueueRow first = pending.get(0), last = pending.get(pending.size() - 1);
        ReviewBoard.Claimed held = web.claim("ana", java.util.Set.of()).orElseThrow();
        assertThat(held.row().digest()).isEqualTo(first.digest());

        ReviewBoard.Claimed filtered = web.claim(
                        "ana", java.util.Set.of(), r -> r.digest().equals(last.digest()))
                .orElseThrow();
        assertThat(filtered.row().digest()).isEqualTo(last.digest());
        // the row ana held outside her filter is open again: ben is given it at once
        assertThat(web.claim("ben", java.util.Set.of()).orElseThrow().row().digest())
                .isEqualTo(first.digest());
        assertThat(web.claim("cy", java.util.Set.of(), r -> false)).isEmpty();
    }

    @Test
    void aReviewerNameIsRequired(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        assertThatThrownBy(() -> new ReviewSession(ws, " ", CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--reviewer");
    }
}
