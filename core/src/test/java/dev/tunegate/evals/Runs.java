package dev.tunegate.evals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Builds runs for tests: item j of a run passes when j < passing; failed items answer {@code wrong(j)}. */
final class Runs {
    private Runs() {}

    static final String[] LABELS = {"billing", "account", "technical", "shipping"};

    static String expected(int j) {
        return LABELS[j % LABELS.length];
    }

    static EvalRun labelled(String name, int order, int items, int passing, IntFunction<String> wrong) {
        List<EvalRecord> records = new ArrayList<>();
        for (int j = 0; j < items; j++) {
            boolean pass = j < passing;
            String exp = expected(j);
            String out = pass ? exp : wrong.apply(j);
            records.add(new EvalRecord(
                    name,
                    (long) order,
                    null,
                    "item-" + j,
                    pass,
                    null,
                    exp,
                    out,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("slice", j % 2 == 0 ? "even" : "odd"),
                    name + ".jsonl",
                    j + 1));
        }
        return new EvalRun(name, order, records);
    }

    static EvalRun passFail(String name, int order, boolean... passed) {
        List<EvalRecord> records = new ArrayList<>();
        for (int j = 0; j < passed.length; j++) {
            records.add(new EvalRecord(
                    name,
                    (long) order,
                    null,
                    "item-" + j,
                    passed[j],
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    name + ".jsonl",
                    j + 1));
        }
        return new EvalRun(name, order, records);
    }

    static EvalRun scored(String name, int order, double... scores) {
        List<EvalRecord> records = new ArrayList<>();
        for (int j = 0; j < scores.length; j++) {
            records.add(new EvalRecord(
                    name,
                    (long) order,
                    null,
                    "item-" + j,
                    null,
                    scores[j],
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    name + ".jsonl",
                    j + 1));
        }
        return new EvalRun(name, order, records);
    }

    /** Outcomes of {@code items} items: the first {@code passing} pass. */
    static boolean[] firstPass(int items, int passing) {
        boolean[] b = new boolean[items];
        for (int j = 0; j < passing; j++) b[j] = true;
        return b;
    }
}
