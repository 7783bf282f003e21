package dev.tunegate.dataops.review;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Progress;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingSink;
import dev.tunegate.audit.RowOverlay;
import dev.tunegate.audit.read.Example;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review log as an overlay of the training file, for the audit's one pass ({@link RowOverlay}): the very rules of
 * {@link ReviewedDataset#build} — a pending row the log decides takes that decision (approve, edit, reject), a row
 * that loses a conflict resolution is dropped, and the review-queue rows the log approves (or edits) are appended in
 * queue order — applied to the rows as the audit reads them, instead of to a scratch copy audited a second time. The
 * log is replayed and the queue read once per run ({@link ReviewedDataset#logState}, {@link
 * ReviewedDataset#queueContents}).
 */
public final class ReviewOverlay implements RowOverlay {
    private final Map<String, ReviewLog.Entry> decisions;
    private final Map<String, ReviewLog.Resolution> dropped;
    private final List<Extra> extras;
    private final String name;

    private ReviewOverlay(ReviewLog.Replay replay, ReviewQueue.Contents queue, String name) {
        this.decisions = replay.latest();
        this.dropped = replay.dropped();
        this.name = name;
        List<Extra> x = new ArrayList<>();
        for (QueueRow q : queue.rows()) {
            ReviewLog.Entry e = decisions.get(q.digest());
            if (e == null || !e.approves()) continue;
            Example ex = ReviewedDataset.apply(q.example(), e);
            x.add(new Extra(leftOut(RowDigests.content(ex)) ? null : ex, q.source()));
        }
        this.extras = List.copyOf(x);
    }

    /**
     * The review log's overlay of a workspace's training file in a run ({@link AuditAnalyzer}'s overlays, attached by
     * the composition root), or empty when there is no training file or log, or the log approves nothing and resolves
     * no conflict (then the audit of the file stands for the reviewed dataset).
     */
    public static Optional<RowOverlay> of(Workspace ws, AnalysisContext context) {
        return of(ws, context.memo());
    }

    /** As {@link #of(Workspace, AnalysisContext)}, the log and the queue read once through {@code memo}. */
    public static Optional<RowOverlay> of(Workspace ws, RunMemo memo) {
        Optional<Path> train = ws.data().trainFile();
        if (train.isEmpty() || !Files.exists(ws.root().resolve(ReviewLog.FILE))) return Optional.empty();
        ReviewLog.Replay replay = ReviewedDataset.logState(ws, memo).replay();
        if (replay.approved() == 0 && replay.dropped().isEmpty()) return Optional.empty();
        return Optional.of(new ReviewOverlay(
                replay, ReviewedDataset.queueContents(ws, memo), ws.relative(train.get()) + " + " + ReviewLog.FILE));
    }

    /**
     * The overlay of exactly this replayed log and queue, even when it changes nothing (the conflict listing follows
     * the view whatever the log holds).
     */
    static ReviewOverlay of(ReviewLog.Replay replay, ReviewQueue.Contents queue, String name) {
        return new ReviewOverlay(replay, queue, name);
    }

    /**
     * The audit (counts, duplicates, conflicts) of the dataset with the review log applied — or empty when the log
     * changes no row, so the audit of the training file stands. Its {@code usableRows} are the reviewed pairs
     * (approved or gold, current era, deduplicated, not in conflict) and its {@code consistency} is FT-CONSISTENT's
     * measure with the log's conflict resolutions applied. One read of the training file (the audit with the overlay,
     * for its view only); in {@code assess} the audit's own pass computes it ({@link
     * dev.tunegate.audit.RowOverlay#REPORT}) and this is not called.
     */
    public static Optional<AuditReport> reviewedAudit(Workspace ws, int threads, RunMemo memo) {
        Optional<RowOverlay> overlay = of(ws, memo);
        if (overlay.isEmpty()) return Optional.empty();
        AuditRequest request = AuditRequest.of(ws.data()).withChecks(RowOverlay.CHECKS);
        return DatasetAudit.run(request, overlay.get(), Progress.SILENT, threads, FindingSink.NONE, ws::relative)
                .overlaid();
    }

    @Override
    public Example apply(Example row, int index, long line) {
        if (decisions.isEmpty() && dropped.isEmpty()) return row;
        String digest = RowDigests.content(row);
        Example out = row;
        ReviewLog.Entry e = decisions.get(digest);
        if (e != null && "pending".equals(row.metadata().status())) {
            out = ReviewedDataset.apply(row, e);
            if (!out.messages().equals(row.messages())) digest = RowDigests.content(out);
        }
        return leftOut(digest) ? null : out;
    }

    private boolean leftOut(String digest) {
        return !dropped.isEmpty() && dropped.containsKey(digest);
    }

    @Override
    public List<Extra> extras() {
        return extras;
    }

    @Override
    public String name() {
        return name;
    }
}
