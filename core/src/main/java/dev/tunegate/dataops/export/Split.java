package dev.tunegate.dataops.export;

import dev.tunegate.io.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seeded train/validation split. Each row is ranked by {@code SHA-256(seed + "\n" + its digest)}, a
 * pseudo-random order fixed by the seed and the row's content alone (not by the input's row order). The
 * validation set takes {@code round(n × fraction)} rows; stratified, each label (stratum) takes its
 * proportional share, rounded by the largest-remainder method (ties by label), of its best-ranked rows.
 */
public final class Split {
    private Split() {}

    /** A row to split: its content digest and its label (null when unstratified). */
    public record Item(String digest, String label) {}

    /** The indexes (into the item list) of the validation rows, and the number of strata. */
    public record Result(boolean[] validation, int strata) {}

    public static Result split(List<Item> items, double fraction, long seed, boolean stratified) {
        int n = items.size();
        boolean[] val = new boolean[n];
        Map<String, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < n; i++)
            strata.computeIfAbsent(stratified ? items.get(i).label() : "", k -> new ArrayList<>())
                    .add(i);
        long total = Math.round(n * fraction);
        // largest remainder: floor of each quota, then one more for the largest remainders
        Map<String, Long> take = new TreeMap<>();
        List<Map.Entry<String, Double>> rema = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, List<Integer>> e : strata.entrySet()) {
            double q = e.getValue().size() * fraction;
            long f = (long) Math.floor(q);
            take.put(e.getKey(), f);
            given += f;
            rema.add(Map.entry(e.getKey(), q - f));
        }
        rema.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int k = 0; given < total && k < rema.size(); k++, given++)
            take.merge(rema.get(k).getKey(), 1L, Long::sum);
        for (Map.Entry<String, List<Integer>> e : strata.entrySet()) {
            List<Integer> rows = new ArrayList<>(e.getValue());
            rows.sort(
                    Comparator.comparing((Integer i) -> rank(seed, items.get(i).digest()))
                            .thenComparing(i -> items.get(i).digest()));
            long t = take.get(e.getKey());
            for (int k = 0; k < t && k < rows.size(); k++) val[rows.get(k)] = true;
        }
        return new Result(val, strata.size());
    }

    static String rank(long seed, String digest) {
        return Digests.sha256(seed + "\n" + digest);
    }
}
