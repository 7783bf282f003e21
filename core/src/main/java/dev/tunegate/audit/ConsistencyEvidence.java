package dev.tunegate.audit;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The label-consistency measures of an audit report, shared by the audit's analyzer (the training file) and the
 * review log's (the dataset with the log applied): analyzers do not use each other.
 */
public final class ConsistencyEvidence {
    private ConsistencyEvidence() {}

    /**
     * The label-consistency measures of a report (FT-TASK's disagreement, FT-CONSISTENT's conflict share, groups,
     * rows and groups to resolve); empty when the report has no conflict check. The review log's analyzer emits the
     * same measures for the dataset with the log's decisions and conflict resolutions applied.
     *
     * @param src the evidence source
     */
    public static List<Evidence> of(AuditReport r, double maxConflictShare, String src) {
        List<Evidence> ev = new ArrayList<>();
        if (r.consistency() == null) return ev;
        AuditReport.Consistency c = r.consistency();
        ev.add(Evidence.measured(
                Measure.LABEL_DISAGREEMENT_RATE,
                c.candidateConflictShare(),
                src,
                c.candidateRowsInConflict() + " of " + c.candidateRows()
                        + " training-candidate rows (current era, not rejected) sit in "
                        + r.candidateConflictGroups()
                        + " groups of the same or near-duplicate input with different outputs"));
        ev.add(Evidence.measured(
                Measure.CONFLICT_ROW_SHARE,
                c.conflictShare(),
                src,
                c.rowsInConflict() + " of " + c.approvedRows() + " approved, current-era rows sit in "
                        + c.conflictGroups() + " conflict groups"));
        ev.add(Evidence.measured(
                Measure.CONFLICT_GROUPS,
                c.conflictGroups(),
                src,
                "same or near-duplicate input, rival outputs, among approved current-era rows"));
        ev.add(Evidence.measured(
                Measure.CONFLICT_ROWS, c.rowsInConflict(), src, "approved, current-era rows in those groups"));
        ev.add(Evidence.measured(
                Measure.CONFLICT_GROUPS_TO_RESOLVE,
                c.groupsToResolve(maxConflictShare),
                src,
                String.format(
                        Locale.ROOT,
                        "largest first, until at most %.1f%% of approved rows conflict",
                        100 * maxConflictShare)));
        return ev;
    }
}
