package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.List;

/** Builds evidence sets for policy tests. */
final class Evidences {
    private final List<Evidence> list = new ArrayList<>();

    static Evidences of() {
        return new Evidences();
    }

    Evidences m(Measure m, Object v) {
        list.add(Evidence.measured(m, v, "test", ""));
        return this;
    }

    EvidenceSet set() {
        return EvidenceSet.of(list);
    }

    List<Evidence> list() {
        return List.copyOf(list);
    }

    /** A workspace that should fine-tune: plateau with a recurring class, stable routing labels, 640 reviewed pairs. */
    static Evidences fineTuneCase() {
        return of().m(Measure.TASK_TYPE, "routing")
                .m(Measure.DESCRIBABLE_AS_PAIRS, true)
                .m(Measure.CITATIONS_REQUIRED, false)
                .m(Measure.LABELING_PIPELINE, true)
                .m(Measure.STRUCTURED_OUTPUT_CONFIGURED, true)
                .m(Measure.ON_PREM_INFERENCE, false)
                .m(Measure.DATA_MAY_LEAVE_PERIMETER, false)
                .m(Measure.FACT_CHANGE_INTERVAL_DAYS, 91)
                .m(Measure.REVIEWED_PAIRS, 640)
                .m(Measure.LABEL_DISAGREEMENT_RATE, 0.01)
                .m(Measure.ITERATIONS_WITHOUT_GAIN, 4)
                .m(Measure.RECURRING_ERROR_SHARE, 0.45)
                .m(Measure.FORMAT_ERROR_SHARE, 0.05)
                .m(Measure.CANDIDATE_PARAMS_B, 8)
                .m(Measure.CONFLICT_ROW_SHARE, 0.01)
                .m(Measure.CONFLICT_GROUPS, 3)
                .m(Measure.CONFLICT_ROWS, 6);
    }
}
