package dev.tunegate.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Connected components of an undirected graph of row indexes, distributed: the alternating
 * large-star / small-star iteration of Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii
 * ("Connected Components in MapReduce and Beyond", SoCC 2014). Each round shuffles the edges twice;
 * the rounds needed grow as O(log² n) in the worst case and are a handful for near-duplicate
 * graphs. At convergence every component is a star around its smallest node, so a node's label is
 * the smallest row of its component — the cluster's first row, as the local union-find names it.
 */
final class ConnectedComponents {
    private ConnectedComponents() {}

    /** Rounds after which the iteration gives up (it converges long before on any real graph). */
    static final int MAX_ROUNDS = 200;

    /**
     * (node, smallest node of its component) for every node on an edge; nodes without edges are absent.
     *
     * @param edges undirected edges (either orientation; self-loops and repeats are ignored)
     */
    static JavaPairRDD<Long, Long> labels(JavaPairRDD<Long, Long> edges) {
        org.apache.spark.SparkContext sc = edges.context();
        JavaPairRDD<Long, Long> e = edges.filter(t -> !t._1().equals(t._2()))
                .mapToPair(t -> t._1() > t._2() ? t : new Tuple2<>(t._2(), t._1()))
                .distinct()
                .persist(StorageLevel.MEMORY_AND_DISK());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            // a round changed the graph iff a node re-linked a neighbour (large-star) or had two smaller neighbours
            // (small-star); at the fixed point every component is a star around its smallest node
            org.apache.spark.util.LongAccumulator changes = sc.longAccumulator();
            JavaPairRDD<Long, Long> next =
                    smallStar(largeStar(e, changes), changes).persist(StorageLevel.MEMORY_AND_DISK());
            next.count();
            e.unpersist(false);
            e = next;
            if (changes.value() == 0) break;
            if (round == MAX_ROUNDS - 1)
                throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
        }
        // converged: every edge is (node, its component's smallest node)
        return e.flatMapToPair(t -> List.of(t, new Tuple2<>(t._2(), t._2())).iterator())
                .distinct();
    }

    /** Each node links its larger neighbours to the smallest node of its closed neighbourhood. */
    private static JavaPairRDD<Long, Long> largeStar(
            JavaPairRDD<Long, Long> e, org.apache.spark.util.LongAccumulator changes) {
        return e.flatMapToPair(t -> List.of(t, new Tuple2<>(t._2(), t._1())).iterator())
                .groupByKey()
                .flatMapToPair(g -> {
                    long u = g._1();
                    long m = u;
                    for (long v : g._2()) m = Math.min(m, v);
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (long v : g._2()) {
                        if (v > u) {
                            out.add(new Tuple2<>(v, m));
                            if (m != u) changes.add(1);
                        }
                    }
                    return out.iterator();
                })
                .distinct();
    }

    /** Each node links its smaller neighbours, and itself, to the smallest of them. */
    private static JavaPairRDD<Long, Long> smallStar(
            JavaPairRDD<Long, Long> e, org.apache.spark.util.LongAccumulator changes) {
        return e.mapToPair(t -> t._1() > t._2() ? t : new Tuple2<>(t._2(), t._1()))
                .groupByKey()
                .flatMapToPair(g -> {
                    long u = g._1();
                    long m = u;
                    int smaller = 0;
                    for (long v : g._2()) {
                        m = Math.min(m, v);
                        smaller++;
                    }
                    if (smaller > 1) changes.add(1);
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (long v : g._2()) if (v != m) out.add(new Tuple2<>(v, m));
                    if (m != u) out.add(new Tuple2<>(u, m));
                    return out.iterator();
                })
                .distinct();
    }
}
