package dev.tunegate.dataops.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conflict listing taken from the review log's overlay in the training file's one audit pass ({@link
 * ConflictReview#list()}) is the listing the scratch-file path gave ({@link ScratchConflicts}, the oracle: the reviewed
 * dataset written out, read back and audited a second time) — every group, rival, row (its index, {@code file:line}
 * source, content digest, metadata and whether it counts), the counted rows, the log state and the notes — on the
 * seeded generated workspaces of {@link ReviewOverlayTest#generate} (three formats; approvals, edits, one to an empty
 * output, rejections, decisions taken twice, queue rows approved and edited, conflict resolutions that drop rows and
 * bring one back, exact and near duplicates, placeholders, invalid lines, retired and unknown eras); then again after a
 * group is resolved through the listing itself, and without a review log at all.
 */
class ConflictOverlayTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    /** Groups listed over all cases: the comparison is not of empty listings only. */
    private static long groupsSeen;

    private static long rowsInGroupsFromTheQueue;
    private static int casesRun;

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("dev.tunegate.dataops.review.ReviewOverlayTest#cases")
    void theListingFromTheOverlayIsTheListingOfTheReviewedDatasetWrittenOut(
            DatasetFormat format, long seed, @TempDir Path dir) throws Exception {
        Workspace ws = ReviewOverlayTest.generate(dir, format, seed);
        String what = format + " seed " + seed;
        ConflictReview review = new ConflictReview(ws, CLOCK, 1 + (int) (seed % 3));
        ConflictReview.Listing listing = review.list();
        same(listing, ScratchConflicts.list(ws, 2), what);
        // the listing counts the rows FT-CONSISTENT's share is over (the reviewed audit assess runs), no others: a row
        // edited to an empty output is approved but not usable, and in neither count
        java.util.Optional<dev.tunegate.audit.AuditReport> reviewed =
                ReviewOverlay.reviewedAudit(ws, 2, new dev.tunegate.analysis.RunMemo());
        if (reviewed.isPresent()) {
            assertThat(listing.countedRows())
                    .as(what + ": the listing's rows are FT-CONSISTENT's")
                    .isEqualTo(reviewed.get().consistency().approvedRows());
        }
        groupsSeen += listing.groups().size();
        casesRun++;
        listing.groups().stream()
                .flatMap(g -> g.members().stream())
                .filter(m -> m.source().startsWith("data/review-queue.jsonl:"))
                .forEach(m -> rowsInGroupsFromTheQueue++);

        // a group resolved through the listing (the resolve flow appends to the log): listed again, both agree
        if (!listing.groups().isEmpty()) {
            Random rnd = new Random(seed);
            ConflictReview.Group g =
                    listing.groups().get(rnd.nextInt(listing.groups().size()));
            int winner = -1;
            for (int k = 0; k < g.rivals().size(); k++) if (g.rivals().get(k).counted() > 0) winner = k;
            if (rnd.nextInt(3) == 0) winner = -1;
            ConflictReview.Claimed c = review.claim("ana", g).orElseThrow();
            review.resolve("ana", c, winner, listing);
            ConflictReview.Listing after = review.list();
            assertThat(after.resolutionsSeen()).isEqualTo(listing.resolutionsSeen() + 1);
            same(after, ScratchConflicts.list(ws, 3), what + " (after a resolution)");
        }

        // no review log: the training file's own groups
        Files.delete(dir.resolve(ReviewLog.FILE));
        same(review.list(), ScratchConflicts.list(ws, 1), what + " (no review log)");
    }

    @org.junit.jupiter.api.Test
    void aTrainingFileWithNoUsableRowIsAnEmptyListingAsBefore(@TempDir Path dir) throws Exception {
        Workspace ws = ReviewOverlayTest.generate(dir, DatasetFormat.OPENAI_CHAT, 7);
        Files.writeString(dir.resolve("data/train.jsonl"), "{\"not json\n{\"messages\": []}\n");
        ConflictReview.Listing listing = new ConflictReview(ws, CLOCK, 2).list();
        same(listing, ScratchConflicts.list(ws, 2), "no usable row");
        assertThat(listing.groups()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aJsonArrayOnOneLineIsListedAsBefore(@TempDir Path dir) throws Exception {
        // every row of a minified JSON array starts on line 1: rows are told apart by their place in the file
        Workspace ws = ReviewOverlayTest.generate(dir, DatasetFormat.OPENAI_CHAT, 2);
        List<String> rows = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("data/train.jsonl"))) {
            if (!l.startsWith("{\"not json")) rows.add(l);
        }
        Files.writeString(dir.resolve("data/train.json"), "[" + String.join(",", rows) + "]");
        Files.delete(dir.resolve("data/train.jsonl"));
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                Files.readString(dir.resolve("tunegate.yaml")).replace("train.jsonl", "train.json"));
        ws = dev.tunegate.dataops.Fixtures.open(dir);
        ConflictReview.Listing listing = new ConflictReview(ws, CLOCK, 3).list();
        same(listing, ScratchConflicts.list(ws, 2), "a JSON array on one line");
        assertThat(listing.groups()).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void aDamagedTrainingFileIsTheSameErrorAsBefore(@TempDir Path dir) throws Exception {
        Workspace ws = ReviewOverlayTest.generate(dir, DatasetFormat.OPENAI_CHAT, 5);
        Path train = dir.resolve("data/train.jsonl");
        String rows = Files.readString(train);
        byte[] plain = rows.repeat(40).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() * 2 / 3);
        Files.delete(train);
        Files.write(dir.resolve("data/train.jsonl.gz"), cut);
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                Files.readString(dir.resolve("tunegate.yaml")).replace("train.jsonl", "train.jsonl.gz"));
        ws = dev.tunegate.dataops.Fixtures.open(dir);
        Workspace damaged = ws;
        String oracle = org.assertj.core.api.Assertions.catchThrowableOfType(
                        InvalidInputException.class, () -> ScratchConflicts.list(damaged, 2))
                .getMessage();
        assertThat(oracle).contains("train.jsonl.gz:", "truncated or corrupt");
        assertThatThrownBy(() -> new ConflictReview(damaged, CLOCK, 2).list())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(oracle);
    }

    @AfterAll
    static void theCasesHoldGroupsAndQueueRows() {
        // the generator draws conflicts in most workspaces; were none listed, the comparison would prove nothing
        if (casesRun < 36) return; // a run of some cases only
        assertThat(groupsSeen).isGreaterThan(30); // 45 with these seeds
        assertThat(rowsInGroupsFromTheQueue).isPositive();
    }

    private static void same(ConflictReview.Listing actual, ConflictReview.Listing oracle, String what) {
        assertThat(actual).as(what).usingRecursiveComparison().isEqualTo(oracle);
        // spelled out: what the terminal and the web show
        assertThat(actual.countedRows()).as(what).isEqualTo(oracle.countedRows());
        assertThat(actual.groups()).as(what).isEqualTo(oracle.groups());
        assertThat(actual.notes()).as(what).isEqualTo(oracle.notes());
    }
}
