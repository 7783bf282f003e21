package dev.tunegate.audit;

import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.read.Example;
import java.util.List;
import java.util.Optional;

/**
 * Another view of the training file, audited in the same pass as the file itself ({@link DatasetAudit#run(AuditRequest,
 * RowOverlay, dev.tunegate.analysis.Progress, int, FindingSink, java.util.function.Function)}): each valid row as the
 * overlay leaves it (unchanged, changed or dropped), then rows the overlay appends. The view is audited for counts,
 * exact and near duplicates and conflicts ({@link #CHECKS}, or fewer: {@link #checks()}) as if it had been written out
 * as a dataset of its own and audited: its rows numbered in that order, the file's invalid rows left out. A listener
 * ({@link #listener()}) may follow the view's rows and findings as the pass goes. The audit owns this contract; its
 * implementation lives with whoever owns the edits (the review log's, {@code dataops.review.ReviewOverlay}).
 */
public interface RowOverlay {
    /**
     * The report of the training file as the run's overlay leaves it (audited in the audit's one pass), in the run's
     * memo under the training file: empty when the overlay changes nothing. The audit's analyzer leaves it there; a
     * later analyzer of the run (the review log's) reads it, since analyzers do not use each other.
     */
    RunMemo.Key<Optional<AuditReport>> REPORT = RunMemo.Key.of("training file overlaid, audited");

    /** The checks the overlaid view is audited for (unless the overlay asks for fewer: {@link #checks()}). */
    java.util.Set<AuditCheck> CHECKS = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            AuditCheck.COUNTS, AuditCheck.EXACT_DUPLICATES, AuditCheck.NEAR_DUPLICATES, AuditCheck.CONFLICTS));

    /**
     * The checks the view is audited for: {@link #CHECKS} (the default), or fewer of them for an overlay that reads
     * less of the view (the conflict listing: counts and conflicts), so the audit does not sign every row for near
     * duplicates nobody reads.
     */
    default java.util.Set<AuditCheck> checks() {
        return CHECKS;
    }

    /**
     * A valid row of the file as the overlay leaves it: {@code row} itself when unchanged, another example when
     * changed (a row whose messages are unchanged keeps the audit's work on it; only its metadata is taken), or null
     * when the overlay drops it. Called on the audit's worker threads: it must be thread-safe.
     *
     * @param row the row as read
     * @param index its 0-based index among the file's rows (rows of a JSON array may share a line)
     * @param line the 1-based line where it starts in the file
     */
    Example apply(Example row, int index, long line);

    /** The rows appended after the file's rows, in order (read once per audit, after the file's rows). */
    List<Extra> extras();

    /** How the overlaid view is named in its report (e.g. the file and the log applied to it). */
    String name();

    /**
     * Who follows the view as it is audited (the conflict listing, which names each row of a group), or null: nobody
     * (the default). A view with a listener is audited to its end even when the overlay changes nothing, so that the
     * listener hears its rows and group findings; its report is still empty then.
     */
    default Listener listener() {
        return null;
    }

    /**
     * Follows the overlaid view: told each of its rows in the view's order, then (as a {@link FindingSink}) the view's
     * findings, whose group findings (duplicates, clusters, conflicts) name rows by their index in the view. Called on
     * the audit's merging thread.
     */
    interface Listener extends FindingSink {
        /**
         * Row {@code index} of the view.
         *
         * @param fileRow the index among the file's rows of the row it comes from (as handed to {@link #apply}), or -1
         *     for a row the overlay appends ({@link #extras()} with an example, in order)
         * @param line the line of the file where that row starts, or 0 for an appended row
         * @param valid whether the audit can use the row (an edit may leave an empty output)
         * @param counted whether FT-CONSISTENT counts it (valid, approved or gold, current era, no unfilled
         *     placeholder)
         */
        void row(int index, int fileRow, long line, boolean valid, boolean counted);
    }

    /**
     * A row the overlay appends.
     *
     * @param example the row as the overlay leaves it, or null when the overlay brings it and drops it (it still
     *     counts as a change: the view differs from the file)
     * @param source where it comes from ({@code file:line}), for notes about it
     */
    record Extra(Example example, String source) {}
}
