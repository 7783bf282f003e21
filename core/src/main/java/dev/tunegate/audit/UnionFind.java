package dev.tunegate.audit;

/** Disjoint sets over row indexes, with path halving; the smaller index is the root. */
public final class UnionFind {
    private final int[] parent;

    public UnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
    }

    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public void union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return;
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
    }

    void unionAll(java.util.List<Integer> rows) {
        for (int i = 1; i < rows.size(); i++) union(rows.get(0), rows.get(i));
    }
}
