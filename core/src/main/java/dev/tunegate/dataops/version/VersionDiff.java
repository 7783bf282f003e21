package dev.tunegate.dataops.version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code tunegate data diff A B}: what changed between two dataset versions, row by row. Rows are
 * matched by their canonical input: a row of B whose exact row (messages and metadata) is not in A is
 * <em>changed</em> when A had a row with the same input that B no longer has (a different output or
 * different metadata), else <em>added</em>; rows of A left unmatched are <em>removed</em>. Duplicated
 * rows count as often as they occur.
 */
public final class VersionDiff {
    private VersionDiff() {}

    /**
     * The diff ({@code --format json} contract: {@code added}, {@code removed}, {@code changed}).
     *
     * @param a the older version's id
     * @param b the newer version's id
     * @param added rows only in B
     * @param removed rows only in A
     * @param changed rows of B replacing a row of A with the same input
     * @param unchanged rows in both
     */
    public record Report(String a, String b, Part added, Part removed, Changed changed, long unchanged) {}

    /** Rows counted by era and provenance ({@code (none)} when absent). */
    public record Part(long rows, Map<String, Long> byEra, Map<String, Long> byProvenance) {}

    /**
     * Changed rows, by era and provenance of the newer row.
     *
     * @param outputChanged the messages changed (a different output for the same input)
     * @param metadataOnly only the metadata changed (status, reviewer, era, provenance)
     */
    public record Changed(
            long rows,
            long outputChanged,
            long metadataOnly,
            Map<String, Long> byEra,
            Map<String, Long> byProvenance) {}

    public static Report diff(
            DatasetVersion va, List<DatasetVersion.RowEntry> a, DatasetVersion vb, List<DatasetVersion.RowEntry> b) {
        Map<String, Integer> inA = count(a);
        Map<String, Integer> inB = count(b);
        // rows left over on each side, grouped by input
        Map<String, List<DatasetVersion.RowEntry>> onlyA = new TreeMap<>();
        Map<String, List<DatasetVersion.RowEntry>> onlyB = new TreeMap<>();
        long unchanged = 0;
        Map<String, Integer> budget = new HashMap<>(inB);
        for (DatasetVersion.RowEntry e : a) {
            Integer left = budget.get(e.row());
            if (left != null && left > 0) {
                budget.put(e.row(), left - 1);
                unchanged++;
            } else {
                onlyA.computeIfAbsent(e.input(), k -> new ArrayList<>()).add(e);
            }
        }
        budget = new HashMap<>(inA);
        for (DatasetVersion.RowEntry e : b) {
            Integer left = budget.get(e.row());
            if (left != null && left > 0) budget.put(e.row(), left - 1);
            else onlyB.computeIfAbsent(e.input(), k -> new ArrayList<>()).add(e);
        }
        Tally added = new Tally(), removed = new Tally(), changed = new Tally();
        long outputChanged = 0, metadataOnly = 0;
        TreeSet<String> inputs = new TreeSet<>(onlyA.keySet());
        inputs.addAll(onlyB.keySet());
        for (String in : inputs) {
            List<DatasetVersion.RowEntry> ra = onlyA.getOrDefault(in, List.of());
            List<DatasetVersion.RowEntry> rb = onlyB.getOrDefault(in, List.of());
            int pairs = Math.min(ra.size(), rb.size());
            for (int i = 0; i < pairs; i++) {
                changed.add(rb.get(i));
                if (ra.get(i).content().equals(rb.get(i).content())) metadataOnly++;
                else outputChanged++;
            }
            for (int i = pairs; i < rb.size(); i++) added.add(rb.get(i));
            for (int i = pairs; i < ra.size(); i++) removed.add(ra.get(i));
        }
        return new Report(
                va.id(),
                vb.id(),
                added.part(),
                removed.part(),
                new Changed(changed.rows, outputChanged, metadataOnly, changed.era, changed.prov),
                unchanged);
    }

    private static Map<String, Integer> count(List<DatasetVersion.RowEntry> rows) {
        Map<String, Integer> m = new HashMap<>();
        for (DatasetVersion.RowEntry e : rows) m.merge(e.row(), 1, Integer::sum);
        return m;
    }

    private static final class Tally {
        long rows;
        final Map<String, Long> era = new TreeMap<>();
        final Map<String, Long> prov = new TreeMap<>();

        void add(DatasetVersion.RowEntry e) {
            rows++;
            era.merge(e.era() == null ? "(none)" : e.era(), 1L, Long::sum);
            prov.merge(e.provenance() == null ? "(none)" : e.provenance(), 1L, Long::sum);
        }

        Part part() {
            return new Part(rows, new LinkedHashMap<>(era), new LinkedHashMap<>(prov));
        }
    }
}
