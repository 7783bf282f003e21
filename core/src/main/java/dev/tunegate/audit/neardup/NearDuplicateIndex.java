package dev.tunegate.audit.neardup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates signatures in LSH band buckets; candidates sharing a band are verified by their
 * estimated Jaccard, and verified pairs are joined into clusters with union-find. Single-threaded:
 * add rows in increasing order from one thread. Deterministic for the same rows and params.
 */
public final class NearDuplicateIndex {
    private final NearDuplicateParams params;
    private final List<Map<Long, int[]>> buckets = new ArrayList<>();
    private final List<Signature> signatures = new ArrayList<>();
    private final List<Integer> rowIds = new ArrayList<>();

    public NearDuplicateIndex(NearDuplicateParams params) {
        this.params = params;
        for (int b = 0; b < params.bands(); b++) buckets.add(new HashMap<>());
    }

    public NearDuplicateParams params() { return params; }

    /** Adds a row's signature. Rows must be added in increasing order. */
    public void add(int row, Signature s) {
        if (!rowIds.isEmpty() && row <= rowIds.get(rowIds.size() - 1)) {
            throw new IllegalArgumentException("rows must be added in increasing order: " + row);
        }
        int slot = signatures.size();
        signatures.add(s);
        rowIds.add(row);
        for (int b = 0; b < params.bands(); b++) {
            long key = bandKey(s, b);
            buckets.get(b).merge(key, new int[] {slot}, NearDuplicateIndex::append);
        }
    }

    public int size() { return signatures.size(); }

    /** Clusters of two or more rows, ordered by their first row. */
    public List<Cluster> clusters() {
        int n = signatures.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        double[] minJ = new double[n];
        Arrays.fill(minJ, 1.0);
        for (Map<Long, int[]> band : buckets) {
            for (int[] slots : band.values()) {
                if (slots.length < 2) continue;
                for (int i = 0; i < slots.length; i++) {
                    for (int j = i + 1; j < slots.length; j++) {
                        int a = slots[i], c = slots[j];
                        if (find(parent, a) == find(parent, c)) continue;
                        double est = signatures.get(a).estimateJaccard(signatures.get(c));
                        if (est >= params.threshold()) {
                            int ra = find(parent, a), rc = find(parent, c);
                            int root = Math.min(ra, rc), child = Math.max(ra, rc);
                            parent[child] = root;
                            minJ[root] = Math.min(Math.min(minJ[root], minJ[child]), est);
                        }
                    }
                }
            }
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(rowIds.get(i));
        List<Cluster> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : groups.entrySet()) {
            if (e.getValue().size() > 1) out.add(new Cluster(e.getValue(), minJ[e.getKey()]));
        }
        return out;
    }

    /** Rows whose estimated Jaccard with {@code s} reaches the threshold, best first. */
    public List<Match> query(Signature s) {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int b = 0; b < params.bands(); b++) {
            int[] slots = buckets.get(b).get(bandKey(s, b));
            if (slots != null) for (int slot : slots) seen.add(slot);
        }
        List<Match> out = new ArrayList<>();
        for (int slot : seen) {
            double est = signatures.get(slot).estimateJaccard(s);
            if (est >= params.threshold()) out.add(new Match(rowIds.get(slot), est));
        }
        out.sort((x, y) -> x.estimatedJaccard() != y.estimatedJaccard()
                ? Double.compare(y.estimatedJaccard(), x.estimatedJaccard()) : Integer.compare(x.row(), y.row()));
        return out;
    }

    /** An estimate of the memory the index holds, in bytes. */
    public long bytesUsed() {
        long sig = (long) signatures.size() * (16 + 8L * params.permutations() + 16);
        long bucketEntries = (long) signatures.size() * params.bands() * (48 + 4);
        return sig + bucketEntries;
    }

    private long bandKey(Signature s, int band) {
        long h = band * 0x9E3779B97F4A7C15L;
        long[] v = s.values();
        int r = params.rows();
        for (int i = band * r; i < (band + 1) * r; i++) h = Hashing.mix(h ^ v[i]);
        return h;
    }

    private static int[] append(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
