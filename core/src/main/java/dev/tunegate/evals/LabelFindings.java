package dev.tunegate.evals;

import java.util.List;
import java.util.Map;

/**
 * The findings of eval rows against a label set, the same for an eval history ({@code evals}) and a golden-set
 * comparison ({@code regress}, the evals' golden runs), so both commands report the same rows of the same files.
 */
final class LabelFindings {
    private LabelFindings() {}

    /**
     * Adds the findings of the runs' rows against the label set ({@code LABEL_OUTSIDE_SET}, {@code FREE_TEXT_LABEL},
     * {@code NEAR_LABEL}, {@code EXPECTED_OUTSIDE_SET}) and rows whose pass/fail disagrees with expected vs output
     * ({@code PASSED_DISAGREES}); nothing when the set is unknown. JSON outputs are left to the classifier, which
     * checks their labels field by field.
     */
    static void check(List<EvalRun> runs, LabelSet labels, ErrorClassifier classifier, Findings findings) {
        if (!labels.known()) return;
        Map<String, String> nearLabels = new java.util.HashMap<>();
        for (String l : labels.labels()) nearLabels.putIfAbsent(LabelSet.normalize(l), l);
        for (EvalRun run : runs) {
            for (EvalRecord r : run.records()) {
                // JSON outputs carry labels in fields; the classifier checks those field by field.
                if (classifier.jsonExpected(r)) continue;
                if (r.output() != null && !r.output().isBlank() && !labels.contains(r.output())) {
                    String out = r.output().trim();
                    boolean freeText = out.contains("\n") || out.split("\\s+").length > 4;
                    findings.add(
                            r,
                            freeText ? EvalRowIssue.FREE_TEXT_LABEL : EvalRowIssue.LABEL_OUTSIDE_SET,
                            "item " + EvalRuns.quote(r.item()) + ": output " + EvalRuns.quote(out)
                                    + " is not one of the " + labels.describe());
                    String near = freeText ? null : nearLabels.get(LabelSet.normalize(out));
                    if (near != null) {
                        findings.add(
                                r,
                                EvalRowIssue.NEAR_LABEL,
                                "item " + EvalRuns.quote(r.item()) + ": output " + EvalRuns.quote(out) + " vs label "
                                        + EvalRuns.quote(near));
                    }
                }
                if ("configured".equals(labels.source())
                        && r.expected() != null
                        && !r.expected().isBlank()
                        && !labels.contains(r.expected())) {
                    findings.add(
                            r,
                            EvalRowIssue.EXPECTED_OUTSIDE_SET,
                            "item " + EvalRuns.quote(r.item()) + ": expected "
                                    + EvalRuns.quote(r.expected().trim()) + " is not one of the configured labels");
                }
                if (r.passed() != null
                        && r.expected() != null
                        && r.output() != null
                        && r.passed() != r.expected().trim().equals(r.output().trim())) {
                    findings.add(
                            r,
                            EvalRowIssue.PASSED_DISAGREES,
                            "item " + EvalRuns.quote(r.item()) + ": passed=" + r.passed() + " but expected "
                                    + EvalRuns.quote(r.expected().trim()) + " and output "
                                    + EvalRuns.quote(r.output().trim()));
                }
            }
        }
    }
}
