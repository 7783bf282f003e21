package dev.tunegate.dataops.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.AuditAnalyzer;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingSink;
import dev.tunegate.audit.RowOverlay;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.dataops.Fixtures;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.FileDigests;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review log applied as an overlay inside the audit's one pass gives exactly the audit of the reviewed dataset
 * written out and audited on its own (the way it was computed before the overlay: {@link ScratchAudit}, the
 * independent oracle) — on seeded generated workspaces in three formats, with approvals, edits (one to an empty
 * output), rejections, decisions taken twice, queue rows approved and edited, conflict resolutions that drop rows and
 * bring one back, exact and near duplicates, conflicts, placeholders, invalid lines, retired and unknown eras.
 */
class ReviewOverlayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LABELS = {"billing", "tech", "shipping", "account"};
    private static final String[] PROVENANCES = {"expert", "gold", "llm_draft", "production_failure", null};
    private static final String[] STATUSES = {"approved", "pending", "pending", "rejected", null};
    private static final String[] ERAS = {"2026", "2026", "2026", "old", "2025", null};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DatasetFormat f :
                List.of(DatasetFormat.OPENAI_CHAT, DatasetFormat.ALPACA, DatasetFormat.PROMPT_COMPLETION))
            for (long seed = 1; seed <= 12; seed++) out.add(Arguments.of(f, seed));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void theOverlayInTheAuditsPassGivesTheAuditOfTheReviewedDatasetWrittenOut(
            DatasetFormat format, long seed, @TempDir Path dir) throws Exception {
        Workspace ws = generate(dir, format, seed);
        Optional<AuditReport> oracle = ScratchAudit.of(ws);

        // 1. as assess runs it: the audit's one pass with the overlay attached, read from the run's memo
        RunMemo memo = new RunMemo();
        AnalysisContext ctx = new AnalysisContext(
                EvidenceSet.empty(),
                Policy.standard().thresholds(Map.of()),
                Progress.SILENT,
                2,
                LocalDate.parse("2026-03-01"),
                new FileDigests(),
                memo);
        Pipeline.Run run =
                new Pipeline(List.of(new AuditAnalyzer(ReviewOverlay::of), new ReviewLogAnalyzer())).run(ws, ctx);
        Optional<AuditReport> inAssess =
                memo.get(RowOverlay.REPORT, ws.data().trainFile().orElseThrow(), () -> {
                    throw new AssertionError("the audit's pass did not leave the reviewed audit in the memo");
                });
        same(inAssess, oracle, format + " seed " + seed + " (assess)");
        if (oracle.isPresent() && oracle.get().usableRows() != null) {
            assertThat(run.evidence().get(Measure.REVIEWED_PAIRS).orElseThrow().asDouble())
                    .as("seed %d", seed)
                    .isEqualTo((double) oracle.get().usableRows());
        }

        // 2. the reviewed audit alone (a run whose audit had no overlay), one thread
        same(ReviewOverlay.reviewedAudit(ws, 1, new RunMemo()), oracle, format + " seed " + seed + " (alone)");

        // 3. an audit whose own checks hold none of the view's work (--only counts): every row of the view done anew
        Optional<RowOverlay> overlay = ReviewOverlay.of(ws, new RunMemo());
        if (overlay.isPresent()) {
            AuditRequest counts = AuditRequest.of(ws.data()).withChecks(EnumSet.of(AuditCheck.COUNTS));
            same(
                    DatasetAudit.run(counts, overlay.get(), Progress.SILENT, 3, FindingSink.NONE, ws::relative)
                            .overlaid(),
                    oracle,
                    format + " seed " + seed + " (counts only)");
        }
    }

    @Test
    void aLogThatApprovesNothingAndResolvesNothingLeavesTheAuditOfTheFileStanding(@TempDir Path dir) throws Exception {
        Workspace ws = generate(dir, DatasetFormat.OPENAI_CHAT, 3);
        List<DatasetRows.Row> rows = DatasetRows.readAll(
                ws.data().trainFile().orElseThrow(), DatasetFormat.OPENAI_CHAT, ColumnMapping.none());
        DatasetRows.Row pending = rows.stream()
                .filter(r ->
                        r.valid() && "pending".equals(r.example().metadata().status()))
                .findFirst()
                .orElseThrow();
        Files.writeString(
                dir.resolve(ReviewLog.FILE), decision("reject", RowDigests.content(pending.example()), null) + "\n");
        assertThat(ScratchAudit.of(ws)).isEmpty();
        assertThat(ReviewOverlay.of(ws, new RunMemo())).isEmpty();
        assertThat(ReviewOverlay.reviewedAudit(ws, 2, new RunMemo())).isEmpty();
    }

    /** Equal in everything the reviewed audit measures (not its name, digest, memory or finding samples). */
    private static void same(Optional<AuditReport> actual, Optional<AuditReport> oracle, String what) {
        assertThat(actual.isPresent()).as(what + ": present").isEqualTo(oracle.isPresent());
        if (oracle.isEmpty()) return;
        assertThat(actual.get())
                .as(what)
                .usingRecursiveComparison()
                .ignoringFields(
                        "file",
                        "sha256",
                        "format",
                        "compression",
                        "layout",
                        "memory",
                        "findings",
                        "notes",
                        "nearDuplicateParams.indexBytes",
                        "nearDuplicateParams.indexBytesPerRow")
                .isEqualTo(oracle.get());
        // the measures the record reads, spelled out
        assertThat(actual.get().usableRows()).as(what).isEqualTo(oracle.get().usableRows());
        assertThat(actual.get().consistency()).as(what).isEqualTo(oracle.get().consistency());
        assertThat(actual.get().conflictGroups())
                .as(what)
                .isEqualTo(oracle.get().conflictGroups());
        assertThat(actual.get().findingsByKind())
                .as(what)
                .isEqualTo(oracle.get().findingsByKind());
    }

    /** A workspace of {@code format} with a training file, a review queue and a review log, all drawn from {@code seed}. */
    static Workspace generate(Path dir, DatasetFormat format, long seed) throws Exception {
        Random rnd = new Random(seed);
        Files.createDirectories(dir.resolve("data"));
        int n = 30 + rnd.nextInt(90);
        int distinct = Math.max(4, n / 3);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(100) < 3) {
                train.append("{\"not json\n");
                continue;
            }
            int k = rnd.nextInt(distinct);
            String input = Fixtures.ticket(k);
            if (rnd.nextInt(8) == 0) input = input + " thanks"; // a near duplicate of ticket k
            if (rnd.nextInt(25) == 0) input = input + " {{customer_name}}";
            // mostly one label per input, sometimes a rival: conflicts
            String output = LABELS[(k + (rnd.nextInt(4) == 0 ? rnd.nextInt(4) : 0)) % LABELS.length];
            if (rnd.nextInt(40) == 0) output = ""; // not usable: an empty output
            RowMetadata m = new RowMetadata(pick(rnd, PROVENANCES), pick(rnd, STATUSES), null, pick(rnd, ERAS));
            train.append(line(format, input, output, m, rnd)).append('\n');
        }
        Files.writeString(dir.resolve("data/train.jsonl"), train.toString());
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: test\n  taskType: routing\ndata:\n  train: data/train.jsonl\n  format: "
                        + format.id() + "\n  currentEras: [\"2026\"]\n  retiredEras: [\"old\"]\n");
        Workspace ws = Fixtures.open(dir);

        // the review queue: new inputs, and inputs the training file has (duplicates and conflicts across both)
        int q = rnd.nextInt(9);
        StringBuilder queue = new StringBuilder();
        for (int i = 0; i < q; i++) {
            int k = rnd.nextBoolean() ? rnd.nextInt(distinct) : distinct + i;
            Example ex = new Example(
                    List.of(
                            new Message(Role.USER, Fixtures.ticket(k)),
                            new Message(Role.ASSISTANT, LABELS[rnd.nextInt(LABELS.length)])),
                    new RowMetadata("llm_draft", "pending", null, rnd.nextInt(6) == 0 ? "old" : "2026"));
            queue.append(ReviewQueue.line(ex, "low confidence", "2026-02-01T00:00:00Z", null, null))
                    .append('\n');
        }
        if (q > 0) Files.writeString(dir.resolve("data/review-queue.jsonl"), queue.toString());

        // decisions: training rows (pending or not: only pending rows take them) and queue rows
        List<String> log = new ArrayList<>();
        List<DatasetRows.Row> rows = DatasetRows.readAll(dir.resolve("data/train.jsonl"), format, ColumnMapping.none());
        List<Example> targets = new ArrayList<>();
        rows.stream().filter(DatasetRows.Row::valid).forEach(r -> targets.add(r.example()));
        List<QueueRow> queued = ReviewedDataset.queue(ws).read().rows();
        queued.forEach(r -> targets.add(r.example()));
        for (Example ex : targets) {
            if (rnd.nextInt(100) >= 45) continue;
            String digest = RowDigests.content(ex);
            int times = rnd.nextInt(6) == 0 ? 2 : 1; // decided twice: the last decision wins
            for (int t = 0; t < times; t++) {
                int a = rnd.nextInt(100);
                if (a < 50) log.add(decision("approve", digest, null));
                else if (a < 75) log.add(decision("reject", digest, null));
                else if (a < 78) log.add(decision("edit", digest, "")); // an edit that leaves no output
                else log.add(decision("edit", digest, LABELS[rnd.nextInt(LABELS.length)]));
            }
        }
        Files.writeString(dir.resolve(ReviewLog.FILE), String.join("\n", log) + (log.isEmpty() ? "" : "\n"));

        // conflict resolutions over the rows as decided: some drop rows, a later one may bring one back
        ReviewLog.Replay replay = ReviewedDataset.log(ws).state().replay();
        List<String> reviewed = new ArrayList<>(new LinkedHashSet<>(reviewedDigests(rows, queued, replay)));
        int resolutions = reviewed.size() < 2 ? 0 : rnd.nextInt(4);
        List<String> dropped = new ArrayList<>();
        for (int g = 0; g < resolutions; g++) {
            List<String> members = new ArrayList<>();
            int size = 2 + rnd.nextInt(3);
            for (int i = 0; i < size; i++) members.add(reviewed.get(rnd.nextInt(reviewed.size())));
            members = members.stream().distinct().sorted().toList();
            boolean reject = rnd.nextInt(4) == 0;
            List<String> drop = reject
                    ? members
                    : members.subList(1, members.size()).stream()
                            .filter(x -> rnd.nextBoolean())
                            .toList();
            dropped.addAll(drop);
            log.add(resolution("g" + seed + "-" + g, members, drop, reject));
        }
        if (!dropped.isEmpty() && rnd.nextBoolean()) {
            String back = dropped.get(rnd.nextInt(dropped.size()));
            String other =
                    reviewed.stream().filter(x -> !x.equals(back)).findFirst().orElseThrow();
            log.add(resolution(
                    "g" + seed + "-back", List.of(back, other).stream().sorted().toList(), List.of(other), false));
        }
        Files.writeString(dir.resolve(ReviewLog.FILE), String.join("\n", log) + (log.isEmpty() ? "" : "\n"));
        return ws;
    }

    /** The content digests of the rows as the decisions leave them (what a resolution lists). */
    private static List<String> reviewedDigests(
            List<DatasetRows.Row> rows, List<QueueRow> queued, ReviewLog.Replay replay) {
        List<String> out = new ArrayList<>();
        for (DatasetRows.Row r : rows) {
            if (!r.valid()) continue;
            Example ex = r.example();
            ReviewLog.Entry e = replay.latest().get(RowDigests.content(ex));
            if (e != null && "pending".equals(ex.metadata().status())) ex = ReviewedDataset.apply(ex, e);
            out.add(RowDigests.content(ex));
        }
        for (QueueRow q : queued) {
            ReviewLog.Entry e = replay.latest().get(q.digest());
            if (e != null && e.approves()) out.add(RowDigests.content(ReviewedDataset.apply(q.example(), e)));
        }
        return out;
    }

    private static String line(DatasetFormat format, String input, String output, RowMetadata m, Random rnd)
            throws Exception {
        ObjectNode o = JSON.createObjectNode();
        switch (format) {
            case OPENAI_CHAT -> {
                ArrayNode a = o.putArray("messages");
                if (rnd.nextInt(4) != 0) a.addObject().put("role", "system").put("content", Fixtures.SYSTEM);
                a.addObject().put("role", "user").put("content", input);
                a.addObject().put("role", "assistant").put("content", output);
            }
            case ALPACA -> {
                if (rnd.nextInt(3) == 0) o.put("system", Fixtures.SYSTEM);
                o.put("instruction", "Route the ticket.");
                o.put("input", input);
                o.put("output", output);
            }
            case PROMPT_COMPLETION -> {
                o.put("prompt", input);
                o.put("completion", output);
            }
            default -> throw new IllegalArgumentException(format.id());
        }
        o.set("metadata", RowDigests.metadata(m));
        return JSON.writeValueAsString(o);
    }

    private static String decision(String action, String digest, String output) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1).put("at", "2026-03-01T09:00:00Z").put("reviewer", "ana").put("action", action);
        o.put("row", digest).put("source", "data/train.jsonl:1");
        if (output != null) o.put("output", output);
        return JSON.writeValueAsString(o);
    }

    private static String resolution(String group, List<String> rows, List<String> drop, boolean reject)
            throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 2).put("at", "2026-03-01T09:30:00Z").put("reviewer", "bo").put("action", "resolve");
        o.put("group", group).put("outcome", reject ? "reject" : "choose");
        if (!reject) o.put("output", "billing");
        ArrayNode r = o.putArray("rows");
        rows.forEach(r::add);
        ArrayNode d = o.putArray("drop");
        drop.forEach(d::add);
        o.put("source", "data/train.jsonl:1");
        return JSON.writeValueAsString(o);
    }

    private static <T> T pick(Random rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
