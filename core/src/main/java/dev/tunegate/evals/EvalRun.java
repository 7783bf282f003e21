package dev.tunegate.evals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run: a prompt iteration of an eval history, or a baseline or candidate golden-set run. Its
 * records hold each item at most once (duplicates were reported and dropped when the run was built).
 *
 * @param name the run's name
 * @param order its position in the history (0 = oldest)
 * @param records its records, one per item, in file order
 */
public record EvalRun(String name, int order, List<EvalRecord> records) {
    public EvalRun {
        Objects.requireNonNull(name, "name");
        records = List.copyOf(records);
    }

    /** The records by item id. */
    public Map<String, EvalRecord> byItem() {
        Map<String, EvalRecord> m = new LinkedHashMap<>();
        for (EvalRecord r : records) m.putIfAbsent(r.item(), r);
        return m;
    }

    /** Whether every record has a pass/fail outcome. */
    public boolean allPassFail() {
        return !records.isEmpty() && records.stream().allMatch(r -> r.passed() != null);
    }

    /** Whether every record has a score. */
    public boolean allScored() {
        return !records.isEmpty() && records.stream().allMatch(r -> r.score() != null);
    }
}
