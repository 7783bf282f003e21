package dev.tunegate.audit.neardup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the signatures of rows compactly and finds the near-duplicate ones: LSH banding makes
 * candidates, each candidate pair is verified by its estimated Jaccard (the exact Jaccard for two
 * short texts, see below), and verified pairs are joined into clusters with union-find.
 *
 * <p><b>Short texts.</b> One-permutation hashing drops a shingle when another falls into its bin
 * with a smaller value, so a text of a handful of shingles can have the very signature of a subset
 * of itself: "how do i top up" and "how do i top up card" (Jaccard 0.5) agree in every bin for about
 * one seed in 500. A row of at most {@link MinHasher#SHORT} distinct shingles therefore keeps them
 * (8 bytes each, see {@link Signature}), and every row keeps its number of distinct shingles. Two
 * short rows are verified and reported by the exact Jaccard of their shingles; a short row against
 * a long one by the estimate capped by {@code |short| / |long|}, a bound the true Jaccard cannot
 * exceed: the bound rejects what it can and the estimate decides the rest. Rows with identical signatures
 * are joined directly only when this figure is 1 (for short rows: identical shingle sets). Whether a figure is exact
 * is said by {@link Match#exact()}, {@link Cluster#exact()} and {@link #exact(long[], long[])}, all from the one
 * rule {@link #judged} follows.
 *
 * <p><b>Memory.</b> A row costs {@code permutations × bits / 8} bytes of packed b-bit signature plus
 * 4 bytes of row number, 4 of distinct-shingle count and 4 of where its shingles start (-1 for a row
 * that is not short), plus 8 bytes a shingle of a short row, in chunks of {@value #CHUNK_ROWS} rows
 * (the first one grows by doubling, so a small index stays small; no per-row objects, no hash map):
 * 140 bytes a row with the defaults (256 values × 4 bits), and at most 128 more for a short row. Band tables are not kept while rows are
 * added: {@link #clusters()} and {@link #forEachVerifiedPair} rebuild each band from the packed
 * signatures as one sorted {@code long[]} of (band key, row) at a time (8 bytes a row, transient) and
 * a union-find array (14 bytes a row, transient); {@link #clusters()} sorts the next band on a
 * second thread (the common fork-join pool) while it verifies the current one, so it holds two
 * such arrays and two radix-sort scratch arrays (32 bytes a row, transient). {@link #query} builds, on first use after an
 * {@link #add}, one sorted {@code int[]} of rows per band and keeps it (4 bytes × bands a row: 128
 * with the defaults, 268 in all for a row that is not short). {@link #bytesUsed()} counts the arrays actually held.
 *
 * <p><b>Estimates.</b> Two different minima agree in their low b bits with probability
 * {@code c = 2^-b}, so a bin agrees with probability {@code p = J + (1 - J)c}; the index reports
 * {@code (share of agreeing bins - c) / (1 - c)}, clamped to [0, 1], which is unbiased for J away
 * from the clamp. Its standard error at J = 0.8 with the defaults is about 0.026.
 *
 * <p>Single-threaded for {@link #add} (rows in increasing order, from one thread); the results are a
 * deterministic function of the signatures added. Clusters are the connected components of the verified pairs, so they
 * do not depend on the order pairs are examined in.
 */
public final class NearDuplicateIndex {
    static final int CHUNK_ROWS = 1 << 12;
    private static final int FIRST_CHUNK_ROWS = 64;
    /** Band buckets larger than this are verified in linear time; see {@link #largeBucket}. */
    public static final int LARGE_BUCKET = 2_000;

    private static final int RECENT = 32;
    private static final int COMPONENTS = 64;

    /** Receives verified pairs; see {@link #forEachVerifiedPair}. */
    @FunctionalInterface
    public interface PairSink {
        /**
         * @param rowA the earlier row
         * @param rowB the later row
         * @param estimatedJaccard the figure the pair was verified by, at least the threshold: the exact
         *     Jaccard of two short rows, else the (corrected) estimate (see {@link NearDuplicateIndex})
         */
        void pair(int rowA, int rowB, double estimatedJaccard);
    }

    private final NearDuplicateParams params;
    private final int k;
    private final int bits;
    private final int wordsPerRow;
    private final int bandBits;
    private final long fieldMask;
    private final long lowBits;
    private final double chance;
    private long[][] sigChunks = new long[8][];
    private int[][] rowChunks = new int[8][];
    /** Per row: its distinct shingles (exact or a lower bound, see {@link Signature}; -1 unknown). */
    private int[][] countChunks = new int[8][];
    /** Per row: where a short row's shingles start in {@link #pages}, or -1 for a row that is not short. */
    private int[][] startChunks = new int[8][];
    /**
     * The short rows' shingle hashes, one row after another, in pages of {@value #PAGE} longs (the first
     * grows by doubling; a row's shingles never straddle two pages): at most one page of slack.
     */
    private long[][] pages = new long[8][];
    /** The next free position in {@link #pages} (page × {@value #PAGE} + offset). */
    private int poolUsed;

    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    private int size;
    private int lastRow;
    private int[][] queryTables;

    /** An empty index for these parameters. */
    public NearDuplicateIndex(NearDuplicateParams params) {
        this.params = params;
        this.k = params.permutations();
        this.bits = params.bits();
        this.wordsPerRow = (int) (((long) k * bits + 63) / 64);
        this.bandBits = params.rows() * bits;
        this.fieldMask = bits == 64 ? -1L : (1L << bits) - 1;
        long low = 0;
        for (int p = 0; p < 64; p += bits) low |= 1L << p;
        this.lowBits = low;
        this.chance = Math.pow(2, -bits);
    }

    /** The parameters of this index. */
    public NearDuplicateParams params() {
        return params;
    }

    /** Adds a row's signature. Rows must be added in increasing order, from one thread. */
    public void add(int row, Signature s) {
        if (size > 0 && row <= lastRow) {
            throw new IllegalArgumentException("rows must be added in increasing order: " + row + " after " + lastRow);
        }
        long[] v = checkLength(s);
        int chunk = size / CHUNK_ROWS;
        int within = size % CHUNK_ROWS;
        if (within == 0) {
            if (chunk == sigChunks.length) {
                sigChunks = Arrays.copyOf(sigChunks, chunk * 2);
                rowChunks = Arrays.copyOf(rowChunks, chunk * 2);
                countChunks = Arrays.copyOf(countChunks, chunk * 2);
                startChunks = Arrays.copyOf(startChunks, chunk * 2);
            }
            int capacity = chunk == 0 ? FIRST_CHUNK_ROWS : CHUNK_ROWS; // a small index stays small
            sigChunks[chunk] = new long[capacity * wordsPerRow];
            rowChunks[chunk] = new int[capacity];
            countChunks[chunk] = new int[capacity];
            startChunks[chunk] = new int[capacity];
        } else if (within == rowChunks[chunk].length) {
            int capacity = Math.min(CHUNK_ROWS, within * 2);
            sigChunks[chunk] = Arrays.copyOf(sigChunks[chunk], capacity * wordsPerRow);
            rowChunks[chunk] = Arrays.copyOf(rowChunks[chunk], capacity);
            countChunks[chunk] = Arrays.copyOf(countChunks[chunk], capacity);
            startChunks[chunk] = Arrays.copyOf(startChunks[chunk], capacity);
        }
        pack(v, sigChunks[chunk], within * wordsPerRow);
        rowChunks[chunk][within] = row;
        countChunks[chunk][within] = s.distinctShingles();
        long[] shingles = s.shinglesView();
        if (shingles == null) {
            startChunks[chunk][within] = -1;
        } else {
            startChunks[chunk][within] = store(shingles);
        }
        lastRow = row;
        size++;
        queryTables = null;
    }

    /** Appends a short row's shingles to the pages; returns where they start. */
    private int store(long[] shingles) {
        int len = shingles.length; // at most MinHasher.SHORT, far below a page
        int page = poolUsed >>> PAGE_BITS, off = poolUsed & (PAGE - 1);
        if (off + len > PAGE) {
            page++;
            off = 0;
        }
        if ((long) page << PAGE_BITS > Integer.MAX_VALUE - PAGE)
            throw new IllegalStateException("more short rows' shingles than an index holds (2^31)");
        if (page == pages.length) pages = Arrays.copyOf(pages, page * 2);
        long[] p = pages[page];
        if (p == null) p = pages[page] = new long[page == 0 ? 64 : PAGE];
        if (off + len > p.length) p = pages[page] = Arrays.copyOf(p, Math.min(PAGE, Math.max(off + len, p.length * 2)));
        System.arraycopy(shingles, 0, p, off, len);
        int start = (page << PAGE_BITS) | off;
        poolUsed = start + len;
        return start;
    }

    /** Number of rows added. */
    public int size() {
        return size;
    }

    /** Clusters of two or more rows (rows ascending), ordered by their first row. */
    public List<Cluster> clusters() {
        int n = size;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        double[] minJ = new double[n];
        Arrays.fill(minJ, 1.0);
        // whether a pair that joined the component was judged by an estimate (else every one was exact)
        boolean[] estimated = new boolean[n];
        // 1. rows with identical packed signatures are joined directly and only one of them takes part in banding
        boolean[] follower = new boolean[n];
        long[] keys = new long[n];
        long[] scratch = new long[n];
        for (int slot = 0; slot < n; slot++) keys[slot] = ((long) signatureHash(slot) << 32) | slot;
        sortSigned(keys, n, scratch);
        // (short rows: and identical shingle sets, so a row joins the earliest row it verifies at 1 with)
        for (int s = 0; s < n; ) {
            int e = s + 1;
            while (e < n && (keys[e] >>> 32) == (keys[s] >>> 32)) e++;
            for (int x = s + 1; x < e; x++) {
                int c = (int) keys[x];
                for (int y = s; y < x; y++) {
                    int a = (int) keys[y];
                    if (follower[a] || !sameSignature(a, c) || verify(a, c) < 1.0) continue;
                    union(parent, minJ, estimated, a, c, 1.0);
                    follower[c] = true;
                    break;
                }
            }
            s = e;
        }
        // 2. banding over the remaining rows
        int m = 0;
        for (int slot = 0; slot < n; slot++) if (!follower[slot]) m++;
        int[] reps = new int[m];
        for (int slot = 0, r = 0; slot < n; slot++) if (!follower[slot]) reps[r++] = slot;
        double t = params.threshold();
        // Band b+1 is keyed and sorted on another thread while band b's buckets are verified here;
        // two sets of buffers alternate, so the result does not depend on timing.
        long[][] sorted = {keys, new long[m]};
        long[][] scratches = {scratch, new long[m]};
        int bands = params.bands();
        CompletableFuture<Void> pending =
                CompletableFuture.runAsync(() -> sortedBand(0, reps, sorted[0], scratches[0]));
        for (int band = 0; band < bands; band++) {
            pending.join();
            if (band + 1 < bands) {
                int nextBand = band + 1, set = nextBand & 1;
                pending = CompletableFuture.runAsync(() -> sortedBand(nextBand, reps, sorted[set], scratches[set]));
            }
            long[] bandKeys = sorted[band & 1];
            int len = m;
            for (int s = 0; s < len; ) {
                int e = s + 1;
                while (e < len && (bandKeys[e] >>> 32) == (bandKeys[s] >>> 32)) e++;
                if (e - s > LARGE_BUCKET) {
                    largeBucket(bandKeys, s, e, band, parent, minJ, estimated, t);
                    s = e;
                    continue;
                }
                for (int x = s; x < e - 1; x++) {
                    int a = (int) bandKeys[x];
                    for (int y = x + 1; y < e; y++) {
                        int c = (int) bandKeys[y];
                        if (find(parent, a) == find(parent, c)) continue;
                        if (bandBits > 32 && !sameBand(a, c, band)) continue;
                        double est = verify(a, c);
                        if (est >= t) union(parent, minJ, estimated, a, c, est);
                    }
                }
                s = e;
            }
        }
        // 3. components, ordered by their smallest slot (= first row)
        int[] size = new int[n];
        for (int i = 0; i < n; i++) size[find(parent, i)]++;
        int[] filled = new int[n];
        int[][] members = new int[n][];
        List<Cluster> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (size[root] < 2) continue;
            if (members[root] == null) members[root] = new int[size[root]];
            members[root][filled[root]++] = rowOf(i);
            if (filled[root] == size[root]) {
                List<Integer> rows = new ArrayList<>(size[root]);
                for (int r : members[root]) rows.add(r);
                out.add(new Cluster(rows, minJ[root], !estimated[root]));
                members[root] = null;
            }
        }
        out.sort((x, y) -> Integer.compare(x.rows().get(0), y.rows().get(0)));
        return out;
    }

    /**
     * A bucket of more than {@link #LARGE_BUCKET} rows (templated data: thousands of rows sharing one
     * band) is not compared pair by pair: each row is verified against the {@link #RECENT} rows before
     * it in the bucket and against one row of each of up to {@link #COMPONENTS} clusters already met
     * in the bucket. Linear in the bucket's size; it can leave apart two rows that all-pairs
     * verification would have joined only through a pair it did not try.
     */
    private void largeBucket(
            long[] bandKeys, int s, int e, int band, int[] parent, double[] minJ, boolean[] estimated, double t) {
        int[] reps = new int[COMPONENTS];
        int nReps = 0;
        for (int x = s; x < e; x++) {
            int a = (int) bandKeys[x];
            for (int y = Math.max(s, x - RECENT); y < x; y++) {
                int c = (int) bandKeys[y];
                if (find(parent, a) == find(parent, c)) continue;
                if (bandBits > 32 && !sameBand(a, c, band)) continue;
                double est = verify(a, c);
                if (est >= t) union(parent, minJ, estimated, a, c, est);
            }
            boolean known = false;
            for (int r = 0; r < nReps; r++) {
                int c = reps[r];
                if (find(parent, a) == find(parent, c)) {
                    known = true;
                    continue;
                }
                double est = verify(a, c);
                if (est >= t) {
                    union(parent, minJ, estimated, a, c, est);
                    known = true;
                }
            }
            if (!known && nReps < COMPONENTS) reps[nReps++] = a;
        }
    }

    /**
     * Calls {@code sink} once for each unordered pair of rows that share at least one band and whose
     * verified Jaccard (see {@link #verify}) reaches the threshold (the pairs {@link #clusters()} is built from, before
     * union-find skips pairs already connected, and without the linear-time treatment of very
     * large buckets). Costs time quadratic in the size of each band bucket: meant for evaluation
     * against pair-level truth, not for very repetitive data.
     */
    public void forEachVerifiedPair(PairSink sink) {
        int n = size;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        long[] keys = new long[n];
        long[] scratch = new long[n];
        double t = params.threshold();
        for (int band = 0; band < params.bands(); band++) {
            int len = sortedBand(band, all, keys, scratch);
            for (int s = 0; s < len; ) {
                int e = s + 1;
                while (e < len && (keys[e] >>> 32) == (keys[s] >>> 32)) e++;
                for (int x = s; x < e - 1; x++) {
                    int a = (int) keys[x];
                    for (int y = x + 1; y < e; y++) {
                        int c = (int) keys[y];
                        if (bandBits > 32 && !sameBand(a, c, band)) continue;
                        if (sharesEarlierBand(a, c, band)) continue;
                        double est = verify(a, c);
                        if (est >= t) sink.pair(rowOf(Math.min(a, c)), rowOf(Math.max(a, c)), est);
                    }
                }
                s = e;
            }
        }
    }

    /**
     * Rows whose Jaccard with {@code s} reaches the threshold, best first (ties by row), verified as
     * {@link #clusters()} verifies a pair (exact for a short row against a short {@code s}).
     */
    public List<Match> query(Signature s) {
        long[] q = new long[wordsPerRow];
        pack(checkLength(s), q, 0);
        int[][] tables = queryTables();
        int[] found = new int[16];
        int nFound = 0;
        for (int band = 0; band < params.bands(); band++) {
            int[] table = tables[band];
            int key = bandKey32(q, 0, band);
            int lo = 0, hi = table.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (bandKey32(table[mid], band) < key) lo = mid + 1;
                else hi = mid;
            }
            for (int i = lo; i < table.length && bandKey32(table[i], band) == key; i++) {
                if (nFound == found.length) found = Arrays.copyOf(found, nFound * 2);
                found[nFound++] = table[i];
            }
        }
        Arrays.sort(found, 0, nFound);
        List<Match> out = new ArrayList<>();
        long[] set = s.shinglesView(); // the queried text's shingles, when it is short
        int start = set == null ? -1 : 0;
        for (int i = 0; i < nFound; i++) {
            if (i > 0 && found[i] == found[i - 1]) continue;
            int slot = found[i];
            double est = estimate(sigChunks[slot / CHUNK_ROWS], (slot % CHUNK_ROWS) * wordsPerRow, q, 0);
            est = judged(est, countOf(slot), poolOf(slot), startOf(slot), s.distinctShingles(), set, start);
            if (est >= params.threshold()) out.add(new Match(rowOf(slot), est, exact(startOf(slot), start)));
        }
        out.sort((x, y) -> x.estimatedJaccard() != y.estimatedJaccard()
                ? Double.compare(y.estimatedJaccard(), x.estimatedJaccard())
                : Integer.compare(x.row(), y.row()));
        return out;
    }

    /**
     * The figure a pair of rows of the index (by position of addition) is verified and reported by:
     * the exact Jaccard of their shingles when both are short, the estimate capped by
     * {@code |short| / |long|} when one is, the estimate otherwise (see {@link #judged}).
     */
    double verify(int slotA, int slotB) {
        return judged(
                estimate(slotA, slotB),
                countOf(slotA),
                poolOf(slotA),
                startOf(slotA),
                countOf(slotB),
                poolOf(slotB),
                startOf(slotB));
    }

    /**
     * What a pair is verified by, given its corrected estimate and what is known of the two shingle
     * sets (a count, and the shingles {@code set[start, start + count)} when {@code start ≥ 0}):
     *
     * <ul>
     *   <li>both short: their exact Jaccard (two empty texts: 1);
     *   <li>one short, the other's count known: the estimate, capped by the bound {@code J ≤
     *       |short| / |long|} (the long row's count is exact or a lower bound, either way the bound
     *       holds), so that a short row never reaches the threshold with a row too long for it, and
     *       never reaches 1 with a row that is not short;
     *   <li>otherwise the estimate.
     * </ul>
     */
    static double judged(double est, int countA, long[] setA, int startA, int countB, long[] setB, int startB) {
        if (exact(startA, startB)) return exactJaccard(setA, startA, countA, setB, startB, countB);
        if ((startA >= 0 || startB >= 0) && countA >= 0 && countB >= 0) {
            double bound = (double) Math.min(countA, countB) / Math.max(countA, countB);
            return Math.min(est, bound);
        }
        return est;
    }

    /**
     * Whether {@link #judged} gives a pair its exact Jaccard rather than an estimate: when both rows are short (their
     * shingles are kept, {@code start ≥ 0}). The one place that says so, for {@link #judged}, {@link Match#exact()},
     * {@link Cluster#exact()} and {@link #exact(long[], long[])}.
     */
    static boolean exact(int startA, int startB) {
        return startA >= 0 && startB >= 0;
    }

    /** Jaccard of two sorted sets of distinct hashes, {@code a[oa, oa + na)} and {@code b[ob, ob + nb)}. */
    static double exactJaccard(long[] a, int oa, int na, long[] b, int ob, int nb) {
        if (na == 0 && nb == 0) return 1.0;
        int i = 0, j = 0, common = 0;
        while (i < na && j < nb) {
            long x = a[oa + i], y = b[ob + j];
            if (x == y) {
                common++;
                i++;
                j++;
            } else if (x < y) i++;
            else j++;
        }
        return (double) common / (na + nb - common);
    }

    private int countOf(int slot) {
        return countChunks[slot / CHUNK_ROWS][slot % CHUNK_ROWS];
    }

    /** Where a short row's shingles start in {@link #poolOf}'s page, or -1 for a row that is not short. */
    private int startOf(int slot) {
        int start = startChunks[slot / CHUNK_ROWS][slot % CHUNK_ROWS];
        return start < 0 ? -1 : start & (PAGE - 1);
    }

    /** The page holding a short row's shingles (null for a row that is not short). */
    private long[] poolOf(int slot) {
        int start = startChunks[slot / CHUNK_ROWS][slot % CHUNK_ROWS];
        return start < 0 ? null : pages[start >>> PAGE_BITS];
    }

    /** The corrected Jaccard estimate between two rows of the index, by their position of addition. */
    double estimate(int slotA, int slotB) {
        return estimate(
                sigChunks[slotA / CHUNK_ROWS],
                (slotA % CHUNK_ROWS) * wordsPerRow,
                sigChunks[slotB / CHUNK_ROWS],
                (slotB % CHUNK_ROWS) * wordsPerRow);
    }

    /**
     * The packed b-bit form of a signature, as this index keeps it, followed by what the index keeps
     * of its shingles: one word {@code distinctShingles << 1 | (short ? 1 : 0)}, then a short text's
     * shingle hashes. For engines that hold signatures elsewhere (the spark module) and must band
     * and verify exactly as {@link #clusters()} does; {@link #bandKey} and {@link #sameBand} read
     * the signature words, {@link #estimate(long[], long[])} all of it.
     */
    public long[] packed(Signature s) {
        long[] set = s.shinglesView();
        long[] out = new long[wordsPerRow + 1 + (set == null ? 0 : set.length)];
        pack(checkLength(s), out, 0);
        out[wordsPerRow] = ((long) s.distinctShingles() << 1) | (set == null ? 0 : 1);
        if (set != null) System.arraycopy(set, 0, out, wordsPerRow + 1, set.length);
        return out;
    }

    /** The 32-bit key of a band of a {@link #packed} signature (the band's bits, or a hash of them when wider). */
    public int bandKey(long[] packed, int band) {
        return bandKey32(packed, 0, band);
    }

    /** Whether two {@link #packed} signatures agree on every value of a band. */
    public boolean sameBand(long[] a, long[] b, int band) {
        long from = (long) band * bandBits;
        for (int done = 0; done < bandBits; done += 64) {
            int len = Math.min(64, bandBits - done);
            if (extract(a, 0, from + done, len) != extract(b, 0, from + done, len)) return false;
        }
        return true;
    }

    /**
     * The figure two {@link #packed} signatures are verified and reported by, as {@link #clusters()}
     * verifies two rows: the exact Jaccard of two short texts, else the corrected estimate (capped by
     * {@code |short| / |long|} for a short text against a long one). A packed signature of the
     * signature words alone is compared by its estimate.
     */
    public double estimate(long[] a, long[] b) {
        double est = estimate(a, 0, b, 0);
        int countA = packedCount(a), countB = packedCount(b);
        return judged(est, countA, a, packedStart(a), countB, b, packedStart(b));
    }

    /**
     * Whether the figure {@link #estimate(long[], long[])} gives two {@link #packed} signatures is their exact Jaccard
     * (both texts short) rather than an estimate.
     */
    public boolean exact(long[] a, long[] b) {
        return exact(packedStart(a), packedStart(b));
    }

    private int packedCount(long[] p) {
        return p.length > wordsPerRow ? (int) (p[wordsPerRow] >> 1) : -1;
    }

    private int packedStart(long[] p) {
        return p.length > wordsPerRow && (p[wordsPerRow] & 1) != 0 ? wordsPerRow + 1 : -1;
    }

    /**
     * Bytes held by the index's arrays (packed signatures, row numbers, shingle counts and short rows'
     * shingles, query tables if built).
     */
    public long bytesUsed() {
        long bytes = 16L + 4L * sigChunks.length + 16L + 4L * rowChunks.length;
        for (long[] c : sigChunks) if (c != null) bytes += 16 + 8L * c.length;
        for (int[] c : rowChunks) if (c != null) bytes += 16 + 4L * c.length;
        bytes += 2 * (16L + 4L * countChunks.length) + 16L + 4L * pages.length;
        for (int[] c : countChunks) if (c != null) bytes += 16 + 4L * c.length;
        for (int[] c : startChunks) if (c != null) bytes += 16 + 4L * c.length;
        for (long[] p : pages) if (p != null) bytes += 16 + 8L * p.length;
        int[][] tables = queryTables;
        if (tables != null) for (int[] t : tables) bytes += 16 + 4L * t.length;
        return bytes;
    }

    // ---- packing and comparing -------------------------------------------------------------

    private long[] checkLength(Signature s) {
        long[] v = s.valuesView();
        if (v.length != k)
            throw new IllegalArgumentException("signature has " + v.length + " values, the index expects " + k);
        return v;
    }

    private void pack(long[] values, long[] dst, int off) {
        int perWord = 64 / bits;
        for (int w = 0; w < wordsPerRow; w++) {
            long word = 0;
            int base = w * perWord;
            int end = Math.min(k, base + perWord);
            for (int i = base; i < end; i++) word |= (values[i] & fieldMask) << ((i - base) * bits);
            dst[off + w] = word;
        }
    }

    private double estimate(long[] wa, int oa, long[] wb, int ob) {
        int differ = 0;
        for (int w = 0; w < wordsPerRow; w++) {
            long x = wa[oa + w] ^ wb[ob + w];
            for (int s = 1; s < bits; s <<= 1) x |= x >>> s;
            differ += Long.bitCount(x & lowBits);
        }
        double agree = (double) (k - differ) / k;
        double j = (agree - chance) / (1 - chance);
        return j < 0 ? 0 : Math.min(1, j);
    }

    private boolean sameSignature(int a, int c) {
        long[] wa = sigChunks[a / CHUNK_ROWS], wc = sigChunks[c / CHUNK_ROWS];
        int oa = (a % CHUNK_ROWS) * wordsPerRow, oc = (c % CHUNK_ROWS) * wordsPerRow;
        for (int w = 0; w < wordsPerRow; w++) if (wa[oa + w] != wc[oc + w]) return false;
        return true;
    }

    private int signatureHash(int slot) {
        long[] w = sigChunks[slot / CHUNK_ROWS];
        int o = (slot % CHUNK_ROWS) * wordsPerRow;
        long h = 0x632BE59BD9B4E019L;
        for (int i = 0; i < wordsPerRow; i++) h = Hashing.mix(h + w[o + i]);
        return (int) (h >>> 32);
    }

    /** Bits [from, from + len) of a packed signature, len ≤ 64. */
    private static long extract(long[] w, int off, long from, int len) {
        int wi = (int) (from >>> 6);
        int sh = (int) (from & 63);
        long v = w[off + wi] >>> sh;
        if (sh + len > 64) v |= w[off + wi + 1] << (64 - sh);
        return len == 64 ? v : v & ((1L << len) - 1);
    }

    /** A 32-bit key of a band: the band's bits themselves when they fit, a hash of them otherwise. */
    private int bandKey32(long[] w, int off, int band) {
        long from = (long) band * bandBits;
        if (bandBits <= 32) return (int) extract(w, off, from, bandBits);
        long h = band * 0x9E3779B97F4A7C15L;
        for (int done = 0; done < bandBits; done += 64) {
            h = Hashing.mix(h + extract(w, off, from + done, Math.min(64, bandBits - done)));
        }
        return (int) (h >>> 32);
    }

    private int bandKey32(int slot, int band) {
        return bandKey32(sigChunks[slot / CHUNK_ROWS], (slot % CHUNK_ROWS) * wordsPerRow, band);
    }

    private boolean sameBand(int a, int c, int band) {
        long[] wa = sigChunks[a / CHUNK_ROWS], wc = sigChunks[c / CHUNK_ROWS];
        int oa = (a % CHUNK_ROWS) * wordsPerRow, oc = (c % CHUNK_ROWS) * wordsPerRow;
        long from = (long) band * bandBits;
        for (int done = 0; done < bandBits; done += 64) {
            int len = Math.min(64, bandBits - done);
            if (extract(wa, oa, from + done, len) != extract(wc, oc, from + done, len)) return false;
        }
        return true;
    }

    private boolean sharesEarlierBand(int a, int c, int band) {
        for (int b = 0; b < band; b++) if (sameBand(a, c, b)) return true;
        return false;
    }

    /** Fills {@code keys} with (band key, slot) of the given slots, sorted; returns how many. */
    private int sortedBand(int band, int[] slots, long[] keys, long[] scratch) {
        int len = slots.length;
        for (int i = 0; i < len; i++) {
            int slot = slots[i];
            keys[i] = ((long) bandKey32(slot, band) << 32) | slot;
        }
        sortSigned(keys, len, scratch);
        return len;
    }

    /**
     * Sorts {@code keys[0, len)} in signed order (the order of {@link Arrays#sort(long[])}): one
     * counting pass on the top 16 bits (sign bit flipped), a scatter into {@code scratch} and a small
     * sort of each of the 65,536 buckets, copied back. The keys are (near-uniform hash, slot), so the
     * buckets are small and this is linear in practice.
     */
    static void sortSigned(long[] keys, int len, long[] scratch) {
        if (len < 1 << 16) {
            Arrays.sort(keys, 0, len);
            return;
        }
        int[] start = new int[(1 << 16) + 1];
        for (int i = 0; i < len; i++) start[(int) ((keys[i] >>> 48) ^ 0x8000) + 1]++;
        for (int b = 0; b < 1 << 16; b++) start[b + 1] += start[b];
        int[] next = Arrays.copyOf(start, 1 << 16);
        for (int i = 0; i < len; i++) {
            long key = keys[i];
            scratch[next[(int) ((key >>> 48) ^ 0x8000)]++] = key;
        }
        for (int b = 0; b < 1 << 16; b++) {
            int from = start[b], to = start[b + 1];
            if (to - from > 1) Arrays.sort(scratch, from, to);
        }
        System.arraycopy(scratch, 0, keys, 0, len);
    }

    private int[][] queryTables() {
        int[][] tables = queryTables;
        if (tables != null) return tables;
        int n = size;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        long[] keys = new long[n];
        long[] scratch = new long[n];
        tables = new int[params.bands()][];
        for (int band = 0; band < tables.length; band++) {
            sortedBand(band, all, keys, scratch);
            int[] t = new int[n];
            for (int i = 0; i < n; i++) t[i] = (int) keys[i];
            tables[band] = t;
        }
        queryTables = tables;
        return tables;
    }

    private int rowOf(int slot) {
        return rowChunks[slot / CHUNK_ROWS][slot % CHUNK_ROWS];
    }

    /** Joins the components of slots a and c by a verified pair of figure {@code est}. */
    private void union(int[] parent, double[] minJ, boolean[] estimated, int a, int c, double est) {
        int ra = find(parent, a), rc = find(parent, c);
        int root = Math.min(ra, rc), child = Math.max(ra, rc);
        if (root != child) parent[child] = root;
        minJ[root] = Math.min(Math.min(minJ[root], minJ[child]), est);
        estimated[root] |= estimated[child] || !exact(startOf(a), startOf(c));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
