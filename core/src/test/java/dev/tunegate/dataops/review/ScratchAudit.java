package dev.tunegate.dataops.review;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The oracle of the review log's overlay: the reviewed audit as it was computed before the overlay — the reviewed
 * dataset written out as a scratch OpenAI chat JSONL ({@link ReviewedDataset#build}, which export still uses) and
 * audited a second time, on its own. It shares with the overlay ({@link ReviewOverlay}, {@code OverlayPass}) only the
 * decision rules ({@link ReviewedDataset#apply}, the log's replay) and the audit's per-row and group engine, not the
 * overlay's way of applying them inside one pass (which rows it reuses, how it numbers and appends them), so a test
 * comparing the two checks the overlay against the dataset it stands for.
 */
final class ScratchAudit {
    private ScratchAudit() {}

    /** The audit of the reviewed dataset written out, or empty when the log changes no row. */
    static Optional<AuditReport> of(Workspace ws) {
        try {
            return audit(ws);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<AuditReport> audit(Workspace ws) throws IOException {
        if (!Files.exists(ws.root().resolve(ReviewLog.FILE))) return Optional.empty();
        ReviewLog.State state = ReviewedDataset.log(ws).state();
        if (state.replay().approved() == 0 && state.replay().dropped().isEmpty()) return Optional.empty();
        Path scratch = Files.createTempFile("tunegate-oracle-", ".jsonl");
        try {
            ReviewedDataset.Built b = ReviewedDataset.build(
                    ws, scratch, state, ReviewedDataset.queue(ws).read());
            if (b.decisionsApplied() == 0 && b.resolvedAway() == 0) return Optional.empty();
            AuditRequest request = AuditRequest.of(ws.data());
            AuditRequest r = AuditRequest.of(scratch)
                    .withFormat(DatasetFormat.OPENAI_CHAT, ColumnMapping.none())
                    .withEras(request.currentEras(), request.retiredEras())
                    .withNearDuplicates(request.seed(), request.threshold())
                    .withChecks(EnumSet.of(
                            AuditCheck.COUNTS,
                            AuditCheck.EXACT_DUPLICATES,
                            AuditCheck.NEAR_DUPLICATES,
                            AuditCheck.CONFLICTS));
            return Optional.of(DatasetAudit.run(r, Progress.SILENT, 2));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
