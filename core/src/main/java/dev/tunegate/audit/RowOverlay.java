package dev.tunegate.audit;

import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.read.Example;
import java.util.List;
import java.util.Optional;

/**
 * Another view of the training file, audited in the same pass as the file itself ({@link DatasetAudit#run(AuditRequest,
 * RowOverlay, dev.tunegate.analysis.Progress, int, FindingSink, java.util.function.Function)}): each valid row as the
 * overlay leaves it (unchanged, changed or dropped), then rows the overlay appends. The view is audited for counts,
 * exact and near duplicates and conflicts ({@link #CHECKS}) as if it had been written out as a dataset of its own and
 * audited: its rows numbered in that order, the file's invalid rows left out. The audit owns this contract; its
 * implementation lives with whoever owns the edits (the review log's, {@code dataops.review.ReviewOverlay}).
 */
public interface RowOverlay {
    /**
     * The report of the training file as the run's overlay leaves it (audited in the audit's one pass), in the run's
     * memo under the training file: empty when the overlay changes nothing. The audit's analyzer leaves it there; a
     * later analyzer of the run (the review log's) reads it, since analyzers do not use each other.
     */
    RunMemo.Key<Optional<AuditReport>> REPORT = RunMemo.Key.of("training file overlaid, audited");

    /** The checks the overlaid view is audited for. */
    java.util.Set<AuditCheck> CHECKS = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            AuditCheck.COUNTS, AuditCheck.EXACT_DUPLICATES, AuditCheck.NEAR_DUPLICATES, AuditCheck.CONFLICTS));

    /**
     * A valid row of the file as the overlay leaves it: {@code row} itself when unchanged, another example when
     * changed (a row whose messages are unchanged keeps the audit's work on it; only its metadata is taken), or null
     * when the overlay drops it. Called on the audit's worker threads: it must be thread-safe.
     *
     * @param row the row as read
     * @param line the 1-based line where it starts in the file
     */
    Example apply(Example row, long line);

    /** The rows appended after the file's rows, in order (read once per audit, after the file's rows). */
    List<Extra> extras();

    /** How the overlaid view is named in its report (e.g. the file and the log applied to it). */
    String name();

    /**
     * A row the overlay appends.
     *
     * @param example the row as the overlay leaves it, or null when the overlay brings it and drops it (it still
     *     counts as a change: the view differs from the file)
     * @param source where it comes from ({@code file:line}), for notes about it
     */
    record Extra(Example example, String source) {}
}
