package dev.tunegate.evals;

import dev.tunegate.evals.read.EvalReaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads eval files and groups their records into ordered runs, reporting duplicated items. */
public final class EvalRuns {
    private EvalRuns() {}

    /**
     * Reads {@code files} (in order) and groups the records into runs.
     *
     * @param display how a file is named in findings (e.g. relative to the workspace)
     */
    public static List<EvalRun> load(
            List<Path> files, Function<Path, String> display, EvalSettings settings, Findings findings) {
        return load(files, display, settings, findings, null);
    }

    /** As {@link #load(List, Function, EvalSettings, Findings)}, each file hashed while read into {@code digests}. */
    public static List<EvalRun> load(
            List<Path> files,
            Function<Path, String> display,
            EvalSettings settings,
            Findings findings,
            dev.tunegate.io.FileDigests digests) {
        List<EvalRecord> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(EvalReaders.read(f, display.apply(f), settings.format(), settings.columns(), findings, digests));
        }
        return group(all, findings);
    }

    /**
     * Groups records by run. Runs are ordered by their smallest {@code iteration}, then their earliest
     * {@code timestamp}, then first appearance; an item repeated within a run keeps its first row and
     * the others are {@link EvalRowIssue#DUPLICATE_ITEM} findings.
     */
    public static List<EvalRun> group(List<EvalRecord> records, Findings findings) {
        Map<String, List<EvalRecord>> byRun = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (EvalRecord r : records) {
            Set<String> items = seen.computeIfAbsent(r.run(), k -> new HashSet<>());
            if (!items.add(r.item())) {
                findings.add(
                        r,
                        EvalRowIssue.DUPLICATE_ITEM,
                        "item " + quote(r.item()) + " repeated in run " + quote(r.run()));
                continue;
            }
            byRun.computeIfAbsent(r.run(), k -> new ArrayList<>()).add(r);
        }
        record Key(String run, Long iteration, String timestamp, int appearance) {}
        List<Key> keys = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<EvalRecord>> e : byRun.entrySet()) {
            Long it = e.getValue().stream()
                    .map(EvalRecord::iteration)
                    .filter(java.util.Objects::nonNull)
                    .min(Long::compare)
                    .orElse(null);
            String ts = e.getValue().stream()
                    .map(EvalRecord::timestamp)
                    .filter(java.util.Objects::nonNull)
                    .min(String::compareTo)
                    .orElse(null);
            keys.add(new Key(e.getKey(), it, ts, i++));
        }
        keys.sort(Comparator.comparing(Key::iteration, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Key::timestamp, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(Key::appearance));
        List<EvalRun> runs = new ArrayList<>();
        for (int order = 0; order < keys.size(); order++) {
            runs.add(new EvalRun(
                    keys.get(order).run(), order, byRun.get(keys.get(order).run())));
        }
        return runs;
    }

    static String quote(String s) {
        String one = s.replace("\n", "\\n");
        return "\"" + (one.length() > 60 ? one.substring(0, 57) + "…" : one) + "\"";
    }
}
