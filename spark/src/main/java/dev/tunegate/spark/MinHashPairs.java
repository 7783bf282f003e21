package dev.tunegate.spark;

import dev.tunegate.audit.AuditRows;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Candidate pairs from LSH band buckets, verified by the estimated Jaccard of the packed b-bit
 * signatures — the bands, keys and estimates of core's {@link NearDuplicateIndex}, so a pair is
 * verified here exactly when the local index verifies it.
 *
 * <p>Shuffle per row: one (band key, row) record of 16 bytes per band (32 bands by default: 512
 * bytes), then each candidate pair's two packed signatures (2 × 128 bytes by default) for the
 * verification joins. A band bucket of more than {@link NearDuplicateIndex#LARGE_BUCKET} rows
 * (templated data) is not compared pair by pair: each row is compared with the {@value #RECENT} rows
 * before it and with the bucket's first {@value #FIRST} rows, which keeps the work linear, as the
 * local index does for such buckets (with its own, order-dependent choice of representatives).
 */
final class MinHashPairs {
    static final int RECENT = 32;
    static final int FIRST = 64;

    private MinHashPairs() {}

    /**
     * A verified pair.
     *
     * @param a the earlier row
     * @param b the later row
     * @param estimate the figure they were verified by: their exact Jaccard when {@code exact}, else the estimate
     * @param exact whether {@code estimate} is exact (both texts short; {@link NearDuplicateIndex#exact(long[], long[])})
     * @param band the first band they share (-1 for golden matches)
     * @param key that band's 32-bit key: with the band and the rows, the order in which the local index meets the pair
     */
    record Edge(long a, long b, double estimate, boolean exact, int band, int key) implements Serializable {}

    /** (band, key) as one long, then the row. */
    private static JavaPairRDD<Long, Long> bands(JavaPairRDD<Long, long[]> sigs, AuditSpec spec) {
        return sigs.mapPartitionsToPair(it -> {
            NearDuplicateIndex ix = index(spec);
            int bands = ix.params().bands();
            return new java.util.Iterator<Tuple2<Long, Long>>() {
                Tuple2<Long, long[]> row;
                int band = bands;

                @Override
                public boolean hasNext() {
                    return band < bands || it.hasNext();
                }

                @Override
                public Tuple2<Long, Long> next() {
                    if (band == bands) {
                        row = it.next();
                        band = 0;
                    }
                    int b = band++;
                    return new Tuple2<>(((long) b << 32) | (ix.bandKey(row._2(), b) & 0xFFFFFFFFL), row._1());
                }
            };
        });
    }

    static NearDuplicateIndex index(AuditSpec spec) {
        NearDuplicateParams p = AuditRows.params(spec.request());
        return new NearDuplicateIndex(p);
    }

    /** Verified pairs among the rows of {@code sigs} (row → packed signature). */
    static JavaRDD<Edge> pairs(JavaPairRDD<Long, long[]> sigs, AuditSpec spec) {
        JavaPairRDD<Long, Long> candidates = bands(sigs, spec)
                .groupByKey()
                .flatMapToPair(g -> {
                    long[] rows = new long[16];
                    int n = 0;
                    for (long r : g._2()) {
                        if (n == rows.length) rows = Arrays.copyOf(rows, n * 2);
                        rows[n++] = r;
                    }
                    Arrays.sort(rows, 0, n);
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    if (n <= NearDuplicateIndex.LARGE_BUCKET) {
                        for (int x = 0; x < n - 1; x++)
                            for (int y = x + 1; y < n; y++) out.add(new Tuple2<>(rows[x], rows[y]));
                    } else {
                        for (int y = 1; y < n; y++) {
                            for (int x = Math.max(0, y - RECENT); x < y; x++) out.add(new Tuple2<>(rows[x], rows[y]));
                            for (int x = 0; x < Math.min(FIRST, y - RECENT); x++)
                                out.add(new Tuple2<>(rows[x], rows[y]));
                        }
                    }
                    return out.iterator();
                })
                .distinct();
        return verify(candidates, sigs, sigs, spec, true);
    }

    /**
     * Verified (query row, indexed row) pairs between two sets: a golden row against the training
     * inputs, as the local index's {@code query} matches them (a shared 32-bit band key, then the
     * estimate).
     */
    static JavaRDD<Edge> matches(JavaPairRDD<Long, long[]> queries, JavaPairRDD<Long, long[]> indexed, AuditSpec spec) {
        JavaPairRDD<Long, Long> candidates = bands(queries, spec)
                .join(bands(indexed, spec))
                .mapToPair(t -> t._2())
                .distinct();
        return verify(candidates, queries, indexed, spec, false);
    }

    private static JavaRDD<Edge> verify(
            JavaPairRDD<Long, Long> candidates,
            JavaPairRDD<Long, long[]> left,
            JavaPairRDD<Long, long[]> right,
            AuditSpec spec,
            boolean sameBand) {
        return candidates
                .join(left) // a → (b, sigA)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
                .join(right) // b → ((a, sigA), sigB)
                .mapPartitions(it -> {
                    NearDuplicateIndex ix = index(spec);
                    double threshold = ix.params().threshold();
                    int bands = ix.params().bands();
                    List<Edge> out = new ArrayList<>();
                    while (it.hasNext()) {
                        var t = it.next();
                        long b = t._1();
                        long a = t._2()._1()._1();
                        long[] sa = t._2()._1()._2(), sb = t._2()._2();
                        double est = ix.estimate(sa, sb);
                        if (est < threshold) continue;
                        int first = -1;
                        if (sameBand) {
                            // a pair whose 32-bit band keys collided without an equal band is not a candidate locally
                            for (int band = 0; band < bands && first < 0; band++)
                                if (ix.sameBand(sa, sb, band)) first = band;
                            if (first < 0) continue;
                        }
                        out.add(new Edge(a, b, est, ix.exact(sa, sb), first, first < 0 ? 0 : ix.bandKey(sa, first)));
                    }
                    return out.iterator();
                });
    }
}
