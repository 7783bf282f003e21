package dev.tunegate.dataops.review;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.ConsistencyEvidence;
import dev.tunegate.audit.RowOverlay;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rows approved in the review log ({@code tunegate review}) count toward FT-DATA: this analyzer runs
 * right after the audit and refines its reviewed-pairs count with the log applied (training rows the
 * log approves or rejects, plus queue rows it approves), counted by the same audit rules — the audit's own pass with
 * the log as its overlay ({@link ReviewOverlay}, read from the run's memo: {@link RowOverlay#REPORT}); and the label-consistency
 * measures (FT-CONSISTENT, FT-TASK's disagreement) of that dataset, so rows that lose a conflict resolution
 * ({@code tunegate review --conflicts}) no longer count as approved.
 */
public final class ReviewLogAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "review-log";
    }

    @Override
    public boolean applies(Workspace ws) {
        return ws.data().trainFile().isPresent()
                && Files.isRegularFile(ws.root().resolve(ReviewLog.FILE));
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        // the reviewed dataset's audit, computed in the audit's one pass over the training file with the review log
        // as its overlay (attached by the composition root); computed here, in a pass of its own, only in a run whose
        // audit had no overlay. The log and the queue are read once in the run (the run's memo): the replay applied
        // is the one whose digest the record names
        Path train = ws.data().trainFile().orElseThrow();
        Optional<AuditReport> rep = context.memo()
                .get(
                        RowOverlay.REPORT,
                        train,
                        () -> ReviewOverlay.reviewedAudit(ws, context.threads(), context.memo()));
        OptionalLong reviewed = rep.isEmpty() || rep.get().usableRows() == null
                ? OptionalLong.empty()
                : OptionalLong.of(rep.get().usableRows());
        List<Evidence> ev = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AnalyzerResult.InputFile> in = new ArrayList<>();
        ReviewLog.State log = ReviewedDataset.logState(ws, context.memo());
        in.add(new AnalyzerResult.InputFile(ReviewLog.FILE, log.snapshot().sha256()));
        context.digests()
                .remember(ws.root().resolve(ReviewLog.FILE), log.snapshot().sha256());
        Path queue = ReviewedDataset.queue(ws).file();
        if (Files.isRegularFile(queue)) {
            String sha = ReviewedDataset.queueContents(ws, context.memo()).sha256();
            context.digests().remember(queue, sha);
            in.add(new AnalyzerResult.InputFile(ws.relative(queue), sha));
        }
        Optional<Evidence> audited = context.evidenceSoFar().get(Measure.REVIEWED_PAIRS);
        if (reviewed.isPresent() && audited.isPresent()) {
            long before = (long) audited.get().asDouble();
            long after = reviewed.getAsLong();
            ev.add(Evidence.measured(
                    Measure.REVIEWED_PAIRS,
                    after,
                    audited.get().source() + " + " + ReviewLog.FILE,
                    audited.get().detail()
                            + String.format(Locale.ROOT, "; with the review log applied (%+d)", after - before)));
            notes.add("the review log changes the reviewed pairs from " + before + " to " + after);
        }
        if (rep.isPresent()
                && context.evidenceSoFar().get(Measure.CONFLICT_ROW_SHARE).isPresent()) {
            // FT-CONSISTENT over the approved rows as the log leaves them: resolved conflict groups no longer count
            String src = context.evidenceSoFar()
                            .get(Measure.CONFLICT_ROW_SHARE)
                            .get()
                            .source() + " + " + ReviewLog.FILE;
            ev.addAll(ConsistencyEvidence.of(
                    rep.get(), context.thresholds().get(dev.tunegate.policy.Policy.FT_CONSISTENT_MAX_SHARE), src));
        }
        return new AnalyzerResult(name(), ev, in, null, notes);
    }
}
