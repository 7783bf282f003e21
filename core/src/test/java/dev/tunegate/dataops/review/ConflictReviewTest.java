package dev.tunegate.dataops.review;

import static dev.tunegate.dataops.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.dataops.Fixtures;
import dev.tunegate.dataops.export.ExportFormat;
import dev.tunegate.dataops.export.ExportManifest;
import dev.tunegate.dataops.export.Exporter;
import dev.tunegate.io.Digests;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictReviewTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

    /**
     * Lines 1–3: ticket 500 → A (approved), A (approved), B (approved): one group, A has 2 counted rows; lines 4–5:
     * ticket 501 → A (approved), B (pending: in the group, not counted); lines 6–7: ticket 502 → A, C (approved); then
     * 20 clean approved rows. Counted: 3 + 1 + 2 + 20 = 26 rows; groups FT-CONSISTENT counts: 500 and 502 (501 has one
     * approved output only), 5 rows in them: 5 / 26 = 19.2 %.
     */
    private static Workspace workspace(Path dir) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(Fixtures.ticket(500), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(500), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(500), "B", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(501), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(501), "B", "llm_draft", "pending", "2026"));
        rows.add(row(Fixtures.ticket(502), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(502), "C", "expert", "approved", "2026"));
        for (int i = 0; i < 20; i++)
            rows.add(row(Fixtures.ticket(i), i % 2 == 0 ? "A" : "B", "expert", "approved", "2026"));
        return Fixtures.workspace(dir, rows, null, null);
    }

    /** The content digest of a training-file line (the row's identity in the review log). */
    private static String digestOfLine(Workspace ws, int line) {
        return dev.tunegate.dataops.RowDigests.content(dev.tunegate.dataops.DatasetRows.readAll(
                        ws.root().resolve("data/train.jsonl"),
                        dev.tunegate.audit.read.DatasetFormat.OPENAI_CHAT,
                        dev.tunegate.audit.read.ColumnMapping.none())
                .get(line - 1)
                .example());
    }

    private static AuditReport.Consistency consistency(Workspace ws) {
        AuditReport.Consistency c = ReviewOverlay.reviewedAudit(ws, 2, new dev.tunegate.analysis.RunMemo())
                .orElseThrow()
                .consistency();
        // the overlay in the audit's pass gives what auditing the reviewed dataset written out gives
        assertThat(c).isEqualTo(ScratchAudit.of(ws).orElseThrow().consistency());
        return c;
    }

    @Test
    void theGroupsAreThoseFtConsistentCountsLargestFirstWithTheirRivalsSideBySide(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        ConflictReview.Listing l = new ConflictReview(ws, CLOCK, 2).list();
        assertThat(l.countedRows()).isEqualTo(26);
        assertThat(l.groups()).hasSize(2);
        ConflictReview.Group g1 = l.groups().get(0);
        assertThat(g1.number()).isEqualTo(1);
        assertThat(g1.inputs()).singleElement().asString().contains(Fixtures.ticket(500));
        assertThat(g1.rivals()).extracting(ConflictReview.Rival::output).containsExactly("A", "B");
        assertThat(g1.rivals().get(0).rows())
                .extracting(ConflictReview.Member::source)
                .containsExactly("data/train.jsonl:1", "data/train.jsonl:2");
        assertThat(g1.rivalOf("3")).contains(1);
        assertThat(g1.rivalOf("data/train.jsonl:1")).contains(0);
        assertThat(g1.rivalOf("9")).isEmpty();
        assertThat(l.group(g1.id())).isEqualTo(g1);
        assertThat(l.group("2").rivals())
                .extracting(ConflictReview.Rival::output)
                .containsExactly("A", "C");
    }

    @Test
    void stdinResolutionsLeaveTheLosersOutOfEveryReplayAndAnOlderLogStillReads(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        // an older (v1) log with one row decision: approving the pending draft of ticket 501 makes a third group
        String digest = digestOfLine(ws, 5);
        Files.writeString(
                dir.resolve(ReviewLog.FILE),
                "{\"v\":1,\"at\":\"2026-02-01T00:00:00Z\",\"reviewer\":\"ana\",\"action\":\"approve\",\"row\":\""
                        + digest + "\",\"source\":\"data/train.jsonl:5\"}\n");
        assertThat(consistency(ws).conflictGroups()).isEqualTo(3);

        StringWriter out = new StringWriter();
        ConflictSession.Summary s = new ConflictSession(ws, "ben", CLOCK, 2)
                .run(new BufferedReader(new StringReader("1\ns\n2\n")), new PrintWriter(out, true));
        assertThat(s.groups()).isEqualTo(3);
        assertThat(s.chosen()).isEqualTo(2);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(out.toString()).contains("Input: " + Fixtures.ticket(500)).contains("approved by ana");

        ReviewLog.Replay replay = ReviewedDataset.log(ws).replay();
        assertThat(replay.warnings()).isEmpty();
        assertThat(replay.latest()).hasSize(1); // the v1 decision still applies
        assertThat(replay.resolutions()).hasSize(2);
        assertThat(replay.dropped()).hasSize(2); // one B of ticket 500, and the loser of the third group
        // 5 + 2 rows in conflict before, the skipped group of two rows remains: 2 of 27 − 2 counted rows
        AuditReport.Consistency c = consistency(ws);
        assertThat(c.conflictGroups()).isEqualTo(1);
        assertThat(c.rowsInConflict()).isEqualTo(2);
        assertThat(c.approvedRows()).isEqualTo(25);
    }

    @Test
    void aLaterResolutionOfTheSameRowsWins(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        StringWriter out = new StringWriter();
        ConflictSession session = new ConflictSession(ws, "ana", CLOCK, 2);
        session.resolveAll(Map.of("--resolve", "1=reject"), new PrintWriter(out, true));
        assertThat(ReviewedDataset.log(ws).replay().dropped()).hasSize(2); // the two distinct contents A and B
        // a later resolution of the same rows (written here by hand) keeps one of them: the last resolution decides
        ReviewLog.Resolution first =
                ReviewedDataset.log(ws).replay().resolutions().get(0);
        String keep = first.rows().get(0);
        ReviewedDataset.log(ws)
                .append(new ReviewLog.Resolution(
                        2,
                        "2026-03-02T00:00:00Z",
                        "cy",
                        ReviewLog.Resolution.ACTION,
                        first.group(),
                        "choose",
                        "A",
                        first.rows(),
                        first.rows().stream().filter(d -> !d.equals(keep)).toList(),
                        null));
        assertThat(ReviewedDataset.log(ws).replay().dropped()).hasSize(1).doesNotContainKey(keep);
    }

    @Test
    void aGroupClaimedByAnotherReviewerIsSkippedAndAStaleListingIsRefused(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        ConflictReview a = new ConflictReview(ws, CLOCK, 2);
        ConflictReview b = new ConflictReview(ws, CLOCK, 2);
        ConflictReview.Listing la = a.list();
        ConflictReview.Listing lb = b.list();
        ConflictReview.Claimed ca = a.claim("ana", la.groups().get(0)).orElseThrow();
        assertThat(b.claim("ben", lb.groups().get(0))).isEmpty();
        assertThat(b.holder(lb.groups().get(0))).contains("ana");
        a.resolve("ana", ca, 0, la);
        // ben listed before ana's resolution: his claim of the (now free) group is refused when he resolves
        ConflictReview.Claimed cb = b.claim("ben", lb.groups().get(0)).orElseThrow();
        assertThatThrownBy(() -> b.resolve("ben", cb, 1, lb))
                .isInstanceOf(ClaimConflictException.class)
                .hasMessageContaining("was resolved by ana meanwhile");
        assertThat(ReviewedDataset.log(ws).replay().resolutions()).hasSize(1);
    }

    @Test
    void aClaimLastsTheLeaseGivenAndTheResolutionIsAppendedWhileTheWorkspaceWriteLockIsHeld(@TempDir Path dir)
            throws Exception {
        Workspace ws = workspace(dir);
        ConflictReview r = new ConflictReview(ws, CLOCK, 2, java.time.Duration.ofMinutes(3));
        ConflictReview.Listing l = r.list();
        ConflictReview.Claimed c = r.claim("ana", l.groups().get(0)).orElseThrow();
        // CLOCK + 3 minutes, as stored in the claims file
        assertThat(Files.readString(dir.resolve(ConflictReview.CLAIMS))).contains("\"2026-03-01T09:03:00Z\"");
        // another writer holds the workspace write lock and appends a resolution of the same group (as another process
        // would): the resolution waits for the lock before it reads the log, so it sees that one and is refused
        ConflictReview.Group g = l.groups().get(0);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (var lock = dev.tunegate.io.WorkspaceWriteLock.acquire(dir)) {
                held.countDown();
                release.await();
                ReviewedDataset.log(ws)
                        .append(new ReviewLog.Resolution(
                                2,
                                "2026-03-01T09:01:00Z",
                                "ben",
                                ReviewLog.Resolution.ACTION,
                                g.id(),
                                "reject",
                                null,
                                g.members().stream()
                                        .map(ConflictReview.Member::digest)
                                        .distinct()
                                        .toList(),
                                g.members().stream()
                                        .map(ConflictReview.Member::digest)
                                        .distinct()
                                        .toList(),
                                "test"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        held.await();
        java.util.concurrent.FutureTask<ReviewLog.Resolution> resolving =
                new java.util.concurrent.FutureTask<>(() -> r.resolve("ana", c, 0, l));
        Thread resolver = new Thread(resolving);
        resolver.start();
        resolver.join(300);
        assertThat(resolver.isAlive()).as("waits for the write lock").isTrue();
        release.countDown();
        writer.join(10_000);
        assertThatThrownBy(() -> resolving.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(ClaimConflictException.class)
                .hasMessageContaining("was resolved by ben meanwhile");
        assertThat(ReviewedDataset.log(ws).replay().resolutions())
                .extracting(ReviewLog.Resolution::reviewer)
                .containsExactly("ben");
        assertThatThrownBy(() -> new ConflictReview(ws, CLOCK, 2, java.time.Duration.ZERO))
                .hasMessageContaining("lease: expected a positive duration");
    }

    /**
     * Issue 19 row 8: a decision appended to the review log while an export runs (here: when the audit starts, after
     * the log was read) must not reach the manifest. The manifest names the bytes applied; replaying exactly that
     * prefix gives the same rows, and the log's later bytes are a different state.
     */
    @Test
    void exportRecordsTheLogPrefixItAppliedWhileAReviewerAppends(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        Path log = dir.resolve(ReviewLog.FILE);
        // ticket 501's draft pending; the reviewer approves it while the export runs
        String pending = digestOfLine(ws, 5);
        Files.writeString(log, "");
        new ConflictSession(ws, "ana", CLOCK, 2)
                .resolveAll(Map.of("--resolve", "1=1"), new PrintWriter(new StringWriter(), true));
        long before = Files.size(log);
        AtomicBoolean appended = new AtomicBoolean();
        Progress appendOnce = (label, total, unit) -> {
            if (appended.compareAndSet(false, true)) {
                try {
                    Files.writeString(
                            log,
                            "{\"v\":1,\"at\":\"2026-03-01T09:05:00Z\",\"reviewer\":\"ben\",\"action\":\"approve\",\"row\":\""
                                    + pending + "\",\"source\":\"data/train.jsonl:5\"}\n",
                            StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return Progress.SILENT.start(label, total, unit);
        };
        ExportManifest m = Exporter.export(
                ws, new Exporter.Options(ExportFormat.OPENAI_CHAT, dir.resolve("out"), 0.1, 42, 2), appendOnce);
        assertThat(appended).isTrue();
        assertThat(Files.size(log)).isGreaterThan(before);
        assertThat(m.review().logBytes()).isEqualTo(before);
        byte[] prefix = Arrays.copyOf(Files.readAllBytes(log), (int) m.review().logBytes());
        assertThat(m.review().logSha256()).isEqualTo(Digests.sha256(prefix));
        assertThat(m.sourceDigests().get(ReviewLog.FILE)).isEqualTo(Digests.sha256(prefix));
        assertThat(m.review().rowsResolvedAway()).isEqualTo(1);
        assertThat(m.review().decisionsApplied()).isZero(); // ben's approval came after the state applied

        // reproduce: the workspace with the log cut to the manifest's length gives byte-identical files
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy.resolve("data"));
        Files.copy(dir.resolve("tunegate.yaml"), copy.resolve("tunegate.yaml"));
        Files.copy(dir.resolve("data/train.jsonl"), copy.resolve("data/train.jsonl"));
        Files.write(copy.resolve(ReviewLog.FILE), prefix);
        ExportManifest again = Exporter.export(
                Fixtures.open(copy),
                new Exporter.Options(ExportFormat.OPENAI_CHAT, dir.resolve("again"), 0.1, 42, 2),
                Progress.SILENT);
        assertThat(again.files()).isEqualTo(m.files());
        assertThat(again.review()).isEqualTo(m.review());
        assertThat(ReviewedDataset.log(ws).snapshot(m.review().logBytes()).sha256())
                .isEqualTo(m.review().logSha256());
        // the whole log now is another state: a new export applies ben's approval too
        ExportManifest later = Exporter.export(
                ws, new Exporter.Options(ExportFormat.OPENAI_CHAT, dir.resolve("later"), 0.1, 42, 2), Progress.SILENT);
        assertThat(later.review().logBytes()).isEqualTo(Files.size(log));
        assertThat(later.review().decisionsApplied()).isEqualTo(1);
        assertThat(new String(prefix, StandardCharsets.UTF_8)).doesNotContain("\"ben\"");
    }
}
