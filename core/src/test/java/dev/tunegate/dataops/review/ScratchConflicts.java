package dev.tunegate.dataops.review;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.audit.Fingerprint;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.io.Digests;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The oracle of the conflict listing: {@link ConflictReview#list()} as it was computed before the review log's overlay —
 * the reviewed dataset written out as a scratch OpenAI chat JSONL ({@link ReviewedDataset#build}, which export still
 * uses), read back and audited a second time (counts and conflicts), the groups and each row's example and source
 * taken from the scratch file. It shares with the listing only the decision rules (the log's replay, {@link
 * ReviewedDataset#apply}) and the audit's per-row and group engine, not the overlay's way of applying them inside the
 * training file's one pass (which rows it reuses, how it numbers them, where a row's example and source come from).
 */
final class ScratchConflicts {
    private ScratchConflicts() {}

    static ConflictReview.Listing list(Workspace ws, int threads) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("tunegate-conflicts-oracle-", ".jsonl");
            ReviewLog.State state = ReviewedDataset.log(ws).state();
            ReviewLog.Snapshot snapshot = state.snapshot();
            ReviewLog.Replay replay = state.replay();
            ReviewedDataset.Built built = ReviewedDataset.build(
                    ws, scratch, state, ReviewedDataset.queue(ws).read());
            List<String> notes = new ArrayList<>(built.notes());
            List<DatasetRows.Row> rows = built.sources().isEmpty()
                    ? List.of()
                    : DatasetRows.readAll(scratch, DatasetFormat.OPENAI_CHAT, ColumnMapping.none());
            AuditRequest base = AuditRequest.of(ws.data());
            AuditRequest req = AuditRequest.of(scratch)
                    .withFormat(DatasetFormat.OPENAI_CHAT, ColumnMapping.none())
                    .withEras(base.currentEras(), base.retiredEras())
                    .withNearDuplicates(base.seed(), base.threshold())
                    .withChecks(EnumSet.of(AuditCheck.COUNTS, AuditCheck.CONFLICTS));
            List<List<Integer>> found = new ArrayList<>();
            BitSet placeholder = new BitSet();
            String scratchName = scratch.toString();
            if (!rows.isEmpty()) {
                DatasetAudit.run(
                        req,
                        Progress.SILENT,
                        threads,
                        f -> {
                            if (!f.file().equals(scratchName)) return;
                            if (f.kind().equals(FindingKind.CONFLICT.key())) found.add(f.rows());
                            else if (f.kind().equals(FindingKind.UNFILLED_PLACEHOLDER.key()))
                                f.rows().forEach(placeholder::set);
                        },
                        Path::toString);
            }
            Set<String> current = new HashSet<>(base.currentEras());
            Set<String> retired = new HashSet<>(base.retiredEras());
            long counted = 0;
            boolean[] countedRow = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                RowMetadata m = rows.get(i).example().metadata();
                boolean eraOk = m.era() == null
                        || (!retired.contains(m.era()) && (current.isEmpty() || current.contains(m.era())));
                countedRow[i] = rows.get(i).valid() && (m.approved() || m.gold()) && eraOk && !placeholder.get(i);
                if (countedRow[i]) counted++;
            }
            List<ConflictReview.Group> groups = new ArrayList<>();
            for (List<Integer> g : found) {
                ConflictReview.Group grp = group(g, rows, built.sources(), countedRow);
                if (grp != null) groups.add(grp);
            }
            groups.sort(Comparator.comparingLong((ConflictReview.Group g) -> -g.counted())
                    .thenComparingInt(g -> g.members().stream()
                            .mapToInt(ConflictReview.Member::index)
                            .min()
                            .orElse(0)));
            List<ConflictReview.Group> numbered = new ArrayList<>();
            for (int k = 0; k < groups.size(); k++) {
                ConflictReview.Group g = groups.get(k);
                numbered.add(new ConflictReview.Group(k + 1, g.id(), g.inputs(), g.rivals()));
            }
            return new ConflictReview.Listing(
                    numbered, counted, snapshot, replay.resolutions().size(), notes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                if (scratch != null) Files.deleteIfExists(scratch);
            } catch (IOException ignored) {
                // a scratch file in the temp folder; the OS cleans it up
            }
        }
    }

    private static ConflictReview.Group group(
            List<Integer> rowIdx, List<DatasetRows.Row> rows, List<String> sources, boolean[] countedRow) {
        Map<Long, List<ConflictReview.Member>> byOutput = new LinkedHashMap<>();
        Map<Long, String> outputText = new LinkedHashMap<>();
        Set<Long> countedOutputs = new HashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        TreeSet<String> digests = new TreeSet<>();
        List<Integer> ordered = new ArrayList<>(rowIdx);
        ordered.sort(null);
        for (int i : ordered) {
            Example ex = rows.get(i).example();
            long out = Fingerprint.ofNormalized(ex.output());
            String digest = RowDigests.content(ex);
            digests.add(digest);
            inputs.add(ex.input());
            outputText.putIfAbsent(out, ex.output());
            byOutput.computeIfAbsent(out, k -> new ArrayList<>())
                    .add(new ConflictReview.Member(i, sources.get(i), digest, ex.metadata(), countedRow[i]));
            if (countedRow[i]) countedOutputs.add(out);
        }
        if (countedOutputs.size() < 2) return null;
        List<ConflictReview.Rival> rivals = new ArrayList<>();
        for (var e : byOutput.entrySet())
            rivals.add(new ConflictReview.Rival(outputText.get(e.getKey()), e.getValue()));
        rivals.sort(Comparator.comparingLong((ConflictReview.Rival r) -> -r.counted())
                .thenComparingInt(r -> r.rows().get(0).index()));
        String id = Digests.sha256(String.join("\n", digests).getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
        return new ConflictReview.Group(0, id, new ArrayList<>(inputs), rivals);
    }
}
