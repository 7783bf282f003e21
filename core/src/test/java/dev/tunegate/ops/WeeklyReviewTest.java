package dev.tunegate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.analysis.Progress;
import dev.tunegate.ops.read.CallLogFormat;
import dev.tunegate.ops.read.CsvCallMapping;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The weekly review on seeded logs with planted topics; expected counts come from the generator's own tally. */
class WeeklyReviewTest {
    @TempDir
    Path tmp;

    static Stream<Long> seeds() {
        return Stream.of(7L, 1_234L, 99_001L);
    }

    private Workspace workspace(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tunegate.yaml"), """
                useCase:
                  name: planted
                  taskType: question-answering
                  businessOwner: Content team
                  technicalOwner: Platform team
                requirements:
                  factsChange: weekly
                pilot:
                  qualityTarget: 0.6
                  latencyP95MsMax: 5000
                  unitCostUsdMax: 0.01
                ops:
                  lowScoreThreshold: 0.45
                  minTopicSize: 3
                """);
        return Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
    }

    private static WeeklyReview.Request req(Path log, String week, boolean write) {
        return new WeeklyReview.Request(List.of(log), week, CallLogFormat.AUTO, CsvCallMapping.none(), 2, write);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void plantedTopicsComeBackWithTheirSizesAndTheBacklogUpdatesInsteadOfRepeating(long seed) throws IOException {
        System.out.println("seed " + seed);
        PlantedLog planted = new PlantedLog(seed, 600);
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path log = ws.resolve("calls.jsonl");
        Files.writeString(
                log,
                planted.jsonl()
                        + "{\"ts\":\"2026-11-25T10:00:00Z\",\"query\":\"x\",\"refused\":\"no\",\"retrieved\":[],\"groups\":[]}\nnot json\n");

        WeeklyReport r =
                WeeklyReview.run(w, req(log, null, true), Progress.SILENT).report();
        assertThat(r.week()).isEqualTo("2026-W48");
        assertThat(r.calls()).isEqualTo(planted.total[1]);
        assertThat(r.refused()).isEqualTo(planted.refused[1]);
        assertThat(r.previousWeek().refused()).isEqualTo(planted.refused[0]);
        // a refused topic per planted theme, each with exactly its planted calls
        assertThat(sizeOf(r.refusedTopics(), "gym")).isEqualTo(planted.missing[1]);
        assertThat(sizeOf(r.refusedTopics(), "salary")).isEqualTo(planted.hidden[1]);
        assertThat(sizeOf(r.lowScoreTopics(), "parking")).isEqualTo(planted.low[1]);
        // low score: everything planted scores under 0.45 (0.1–0.3), normal calls above 0.6
        assertThat(r.lowScoreRetrievals()).isEqualTo(planted.missing[1] + planted.hidden[1] + planted.low[1]);
        assertThat(r.refusedTopics().get(0).examples())
                .hasSizeLessThanOrEqualTo(3)
                .isNotEmpty();
        assertThat(r.problems())
                .containsExactly(
                        "calls.jsonl:" + (planted.calls.size() + 1)
                                + ": field \"refused\": expected true or false, found \"no\"",
                        "calls.jsonl:" + (planted.calls.size() + 2)
                                + ": not valid JSON: column 1: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        // no corpus: nothing relevant retrieved → new document, owned by the business owner
        assertThat(r.backlog()).extracting(WeeklyReport.BacklogItem::type).containsOnly(BacklogType.NEW_DOCUMENT);
        assertThat(r.backlog()).extracting(WeeklyReport.BacklogItem::owner).containsOnly("Content team");
        // thumbs-down calls with the same question and answer are one review-queue row
        long distinctDown = planted.calls.stream()
                .filter(c -> "down".equals(c.get("feedback")) && ((String) c.get("ts")).compareTo("2026-11-23") >= 0)
                .map(c -> c.get("query") + "\u0000" + c.get("answer"))
                .distinct()
                .count();
        assertThat(r.failuresQueued()).isEqualTo(distinctDown);
        assertThat(r.failuresQueued() + r.failuresAlreadyQueued()).isEqualTo(planted.down[1]);
        assertThat(r.negativeFeedback()).isEqualTo(planted.down[1]);
        assertThat(ws.resolve("ops/weekly/2026-W48.json")).exists();

        Path backlog = ws.resolve(Backlog.FILE);
        long lines = Files.readAllLines(backlog).size();
        assertThat(lines).isEqualTo(r.backlog().size());
        // the same week again: nothing new in the backlog or the queue
        WeeklyReport again =
                WeeklyReview.run(w, req(log, "2026-W48", true), Progress.SILENT).report();
        assertThat(Files.readAllLines(backlog)).hasSize((int) lines);
        assertThat(again.failuresQueued()).isZero();
        assertThat(again.failuresAlreadyQueued()).isEqualTo(planted.down[1]);
        assertThat(Files.readAllLines(ws.resolve("data/review-queue.jsonl"))).hasSize((int) distinctDown);
        // the week before, reviewed later: its topics update the same entries (same ids), first seen stays the earliest
        WeeklyReport w47 =
                WeeklyReview.run(w, req(log, "2026-W47", true), Progress.SILENT).report();
        assertThat(w47.backlog())
                .extracting(WeeklyReport.BacklogItem::id)
                .isSubsetOf(
                        r.backlog().stream().map(WeeklyReport.BacklogItem::id).toList());
        assertThat(new Backlog(backlog).read().entries()).hasSize(r.backlog().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gzipZstdOtlpAndOneThreadGiveTheSameReview(long seed) throws IOException {
        System.out.println("seed " + seed);
        PlantedLog planted = new PlantedLog(seed, 300);
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path plain = ws.resolve("calls.jsonl");
        Files.writeString(plain, planted.jsonl());
        Path gz = ws.resolve("calls.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(planted.jsonl().getBytes(StandardCharsets.UTF_8));
        }
        Path zst = ws.resolve("calls.jsonl.zst");
        try (OutputStream out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(planted.jsonl().getBytes(StandardCharsets.UTF_8));
        }
        Path otlp = ws.resolve("traces.otlp.jsonl");
        Files.writeString(otlp, planted.otlp());

        WeeklyReport base =
                WeeklyReview.run(w, req(plain, null, false), Progress.SILENT).report();
        for (Path p : List.of(gz, zst, otlp)) {
            WeeklyReport other =
                    WeeklyReview.run(w, req(p, null, false), Progress.SILENT).report();
            assertThat(other.calls()).as(p.toString()).isEqualTo(base.calls());
            assertThat(other.refused()).as(p.toString()).isEqualTo(base.refused());
            assertThat(other.lowScoreRetrievals()).as(p.toString()).isEqualTo(base.lowScoreRetrievals());
            assertThat(other.refusedTopics()).as(p.toString()).isEqualTo(base.refusedTopics());
            assertThat(other.kpis().weeks())
                    .extracting(WeeklyReport.WeekKpis::latencyP95Ms)
                    .as(p.toString())
                    .isEqualTo(base.kpis().weeks().stream()
                            .map(WeeklyReport.WeekKpis::latencyP95Ms)
                            .toList());
        }
        WeeklyReport single = WeeklyReview.run(
                        w,
                        new WeeklyReview.Request(
                                List.of(plain), null, CallLogFormat.AUTO, CsvCallMapping.none(), 1, false),
                        Progress.SILENT)
                .report();
        assertThat(dev.tunegate.io.Json.pretty(single)).isEqualTo(dev.tunegate.io.Json.pretty(base));
        assertThat(Files.exists(ws.resolve(Backlog.FILE)))
                .as("a dry run writes nothing")
                .isFalse();
    }

    /**
     * Two topics of one week that the clustering keeps apart (content words {salary, band, level, four} and
     * {maximum, band, pay, grade}: exact Jaccard 1/7) are each as close to last week's entry {salary, band,
     * maximum} as ops.topicSimilarity allows (2/5 = 0.4). One of them continues that entry, the other gets an
     * entry of its own: one id per topic, and the same week again appends nothing.
     */
    @org.junit.jupiter.api.Test
    void twoTopicsOfAWeekNeverShareABacklogEntryAndARerunAppendsNothing() throws IOException {
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path log = ws.resolve("calls.jsonl");
        StringBuilder b = new StringBuilder();
        String line = "{\"ts\":\"%s\",\"query\":\"%s\",\"refused\":true,"
                + "\"retrieved\":[{\"id\":\"pol-x\",\"score\":0.1}],\"groups\":[\"all\"]}\n";
        for (int i = 0; i < 4; i++) b.append(line.formatted("2026-11-17T10:00:0" + i + "Z", "salary band maximum"));
        for (int i = 0; i < 5; i++) b.append(line.formatted("2026-11-24T10:00:0" + i + "Z", "salary band level four"));
        for (int i = 0; i < 4; i++) b.append(line.formatted("2026-11-25T10:00:0" + i + "Z", "maximum band pay grade"));
        Files.writeString(log, b.toString());
        Path backlog = ws.resolve(Backlog.FILE);

        WeeklyReview.run(w, req(log, "2026-W47", true), Progress.SILENT);
        assertThat(Files.readAllLines(backlog)).hasSize(1);
        WeeklyReport r =
                WeeklyReview.run(w, req(log, "2026-W48", true), Progress.SILENT).report();
        assertThat(r.refusedTopics()).hasSize(2);
        assertThat(r.backlog()).extracting(WeeklyReport.BacklogItem::size).containsExactly(5L, 4L);
        assertThat(r.backlog()).extracting(WeeklyReport.BacklogItem::id).doesNotHaveDuplicates();
        // the larger topic (first) continues last week's entry; the other is new
        assertThat(r.backlog().get(0).id()).isEqualTo(TopicClustering.idOf("salary band maximum"));
        assertThat(r.backlog().get(0).weeks()).isEqualTo(2);
        assertThat(r.backlog().get(1).id()).isEqualTo(TopicClustering.idOf("maximum band pay grade"));
        assertThat(Files.readAllLines(backlog)).hasSize(3);
        assertThat(new Backlog(backlog).read().entries())
                .extracting(Backlog.Entry::size)
                .containsExactly(5L, 4L);

        WeeklyReport again =
                WeeklyReview.run(w, req(log, "2026-W48", true), Progress.SILENT).report();
        assertThat(Files.readAllLines(backlog)).hasSize(3);
        assertThat(again.backlog())
                .extracting(WeeklyReport.BacklogItem::written)
                .containsOnly(false);
        assertThat(again.backlog())
                .extracting(WeeklyReport.BacklogItem::id)
                .containsExactlyElementsOf(
                        r.backlog().stream().map(WeeklyReport.BacklogItem::id).toList());
    }

    /** A dry run says what the run would write and queue — the same entries and counts — and writes nothing. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDryRunPreviewsWhatTheRunWrites(long seed) throws IOException {
        PlantedLog planted = new PlantedLog(seed, 300);
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path log = ws.resolve("calls.jsonl");
        Files.writeString(log, planted.jsonl());

        WeeklyReport dry =
                WeeklyReview.run(w, req(log, null, false), Progress.SILENT).report();
        assertThat(ws.resolve(Backlog.FILE)).doesNotExist();
        assertThat(ws.resolve("data/review-queue.jsonl")).doesNotExist();
        WeeklyReport real =
                WeeklyReview.run(w, req(log, null, true), Progress.SILENT).report();
        assertThat(dry.dryRun()).isTrue();
        assertThat(real.dryRun()).isFalse();
        assertThat(real.backlog())
                .isNotEmpty()
                .extracting(WeeklyReport.BacklogItem::written)
                .containsOnly(true);
        assertThat(dry.backlog()).isEqualTo(real.backlog());
        assertThat(real.failuresQueued()).isPositive();
        assertThat(dry.failuresQueued()).isEqualTo(real.failuresQueued());
        assertThat(dry.failuresAlreadyQueued()).isEqualTo(real.failuresAlreadyQueued());
        assertThat(WeeklyText.text(dry)).contains("(would be written)", " would be queued in ");
        // after the run, a dry run of the same week has nothing left to write or queue
        WeeklyReport after =
                WeeklyReview.run(w, req(log, null, false), Progress.SILENT).report();
        assertThat(after.backlog())
                .extracting(WeeklyReport.BacklogItem::written)
                .containsOnly(false);
        assertThat(after.failuresQueued()).isZero();
        assertThat(after.failuresAlreadyQueued()).isEqualTo(real.negativeFeedback());
    }

    @org.junit.jupiter.api.Test
    void oneUnusableLineIsSaidInTheSingular() throws IOException {
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path log = ws.resolve("calls.jsonl");
        Files.writeString(
                log,
                "{\"ts\":\"2026-11-24T10:00:00Z\",\"query\":\"q\",\"refused\":false,\"retrieved\":[],\"groups\":[]}\n"
                        + "not json\n");
        String text = WeeklyText.text(
                WeeklyReview.run(w, req(log, null, false), Progress.SILENT).report());
        assertThat(text).contains("1 call, 1 unusable line\n");
    }

    /** A week the logs hold no call of is not reviewed as zeros: one line naming the weeks there are, nothing written. */
    @org.junit.jupiter.api.Test
    void aWeekWithoutCallsIsRefusedAndNothingIsWritten() throws IOException {
        PlantedLog planted = new PlantedLog(7, 50); // calls in 2026-W47 and 2026-W48 only
        Path ws = tmp.resolve("ws");
        Workspace w = workspace(ws);
        Path log = ws.resolve("calls.jsonl");
        Files.writeString(log, planted.jsonl());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WeeklyReview.run(w, req(log, "2025-W10", true), Progress.SILENT))
                .isInstanceOf(dev.tunegate.io.InvalidInputException.class)
                .hasMessage("ops weekly: no calls in 2025-W10 (the logs cover 2026-W47 – 2026-W48)");
        assertThat(ws.resolve("ops")).doesNotExist();
        assertThat(ws.resolve("data/review-queue.jsonl")).doesNotExist();
    }

    private static long sizeOf(List<WeeklyReport.Topic> topics, String word) {
        return topics.stream()
                .filter(t -> t.representative().contains(word))
                .mapToLong(WeeklyReport.Topic::size)
                .sum();
    }
}
