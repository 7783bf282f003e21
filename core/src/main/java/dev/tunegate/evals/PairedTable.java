package dev.tunegate.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paired 2×2 table of two runs on the items both answered with a pass/fail outcome.
 *
 * @param bothPass a
 * @param firstOnly b: passed in the first run only (regressed, when the first is the baseline)
 * @param secondOnly c: passed in the second run only (improved)
 * @param neither d
 * @param shared the shared item ids, in the first run's order
 */
public record PairedTable(long bothPass, long firstOnly, long secondOnly, long neither, List<String> shared) {
    public PairedTable {
        shared = List.copyOf(shared);
    }

    /** Pairs the runs on the items both answered with an outcome. */
    public static PairedTable of(EvalRun first, EvalRun second) {
        Map<String, EvalRecord> s = second.byItem();
        long a = 0, b = 0, c = 0, d = 0;
        List<String> shared = new ArrayList<>();
        for (EvalRecord r : first.records()) {
            EvalRecord o = s.get(r.item());
            if (o == null || r.passed() == null || o.passed() == null) continue;
            shared.add(r.item());
            if (r.passed() && o.passed()) a++;
            else if (r.passed()) b++;
            else if (o.passed()) c++;
            else d++;
        }
        return new PairedTable(a, b, c, d, shared);
    }

    public long n() {
        return bothPass + firstOnly + secondOnly + neither;
    }

    /** The first run's pass rate on the shared items (0 when none). */
    public double firstRate() {
        return n() == 0 ? 0 : (double) (bothPass + firstOnly) / n();
    }

    /** The second run's pass rate on the shared items (0 when none). */
    public double secondRate() {
        return n() == 0 ? 0 : (double) (bothPass + secondOnly) / n();
    }
}
