package dev.tunegate.audit.semantic;

import dev.tunegate.analysis.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * The nearest neighbours of query vectors among corpus vectors, by cosine (vectors are unit length,
 * so the dot product). Below {@link #EXACT_PAIRS} query × corpus pairs every pair is scored (exact);
 * above, Lucene's HNSW index over int8 copies of the vectors finds {@link #CANDIDATES} candidates
 * per query, which are rescored with the float16 vectors, so reported cosines are always exact.
 */
public final class NeighbourSearch {
    /**
     * Lucene says through java.util.logging whether the incubating Vector API is on: not a user's concern. Set where
     * Lucene is used, so that a run that does not use it never starts java.util.logging; held in a field because the
     * logging keeps its loggers (and their levels) only weakly.
     */
    private static final java.util.logging.Logger LUCENE_LOG = quietLucene();

    private static java.util.logging.Logger quietLucene() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.apache.lucene");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    /** Exact search up to this many scored pairs (about 7,000 rows against themselves). */
    static final long EXACT_PAIRS = 50_000_000L;
    /** HNSW candidates per query before rescoring. */
    static final int CANDIDATES = 32;

    /** Neighbours of one query, best first. */
    public record Hits(int[] rows, float[] cosines) {
        static final Hits NONE = new Hits(new int[0], new float[0]);

        public float best() {
            return cosines.length == 0 ? Float.NaN : cosines[0];
        }
    }

    private NeighbourSearch() {}

    /**
     * The {@code k} nearest corpus vectors of each query.
     *
     * @param self whether queries are the corpus itself (a row is never its own neighbour)
     * @param forceHnsw use the index whatever the size (for measuring its recall)
     * @return hits per query, and how the search ran ({@code exact} or {@code hnsw-int8})
     */
    public static Result search(
            Vectors corpus, Vectors queries, boolean self, int k, int threads, Progress.Task task, boolean forceHnsw) {
        boolean exact = !forceHnsw && (long) corpus.size() * queries.size() <= EXACT_PAIRS;
        Hits[] out = new Hits[queries.size()];
        if (corpus.size() == 0) {
            java.util.Arrays.fill(out, Hits.NONE);
            return new Result(out, exact ? "exact" : "hnsw-int8");
        }
        float[][] corpusF = null;
        Lucene lucene = null;
        if (exact) {
            corpusF = new float[corpus.size()][];
            for (int i = 0; i < corpus.size(); i++) corpusF[i] = corpus.get(i);
        } else {
            lucene = Lucene.build(corpus, threads);
        }
        float[][] cf = corpusF;
        Lucene lu = lucene;
        try {
            List<Workers.Task> tasks = new ArrayList<>();
            int chunk = 256;
            for (int from = 0; from < queries.size(); from += chunk) {
                int f0 = from, t0 = Math.min(queries.size(), from + chunk);
                tasks.add(() -> {
                    for (int q = f0; q < t0; q++) {
                        float[] v = queries.get(q);
                        int skip = self ? q : -1;
                        out[q] = cf != null ? exact(cf, v, skip, k) : lu.query(corpus, v, skip, k);
                    }
                    task.advance(t0 - f0, 0);
                });
            }
            Workers.run("neighbours", threads, tasks);
        } finally {
            if (lucene != null) lucene.close();
        }
        return new Result(out, exact ? "exact" : "hnsw-int8");
    }

    public record Result(Hits[] hits, String method) {}

    private static Hits exact(float[][] corpus, float[] q, int skip, int k) {
        int kk = Math.min(k, corpus.length - (skip >= 0 ? 1 : 0));
        if (kk <= 0) return Hits.NONE;
        int[] rows = new int[kk];
        float[] cos = new float[kk];
        java.util.Arrays.fill(cos, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(rows, -1);
        for (int i = 0; i < corpus.length; i++) {
            if (i == skip) continue;
            float c = VectorUtil.dotProduct(q, corpus[i]);
            if (c > cos[kk - 1]) insert(rows, cos, i, c);
        }
        return new Hits(rows, cos);
    }

    /** Inserts (row, c) into the descending top list, dropping the last. */
    private static void insert(int[] rows, float[] cos, int row, float c) {
        int p = cos.length - 1;
        while (p > 0 && cos[p - 1] < c) {
            cos[p] = cos[p - 1];
            rows[p] = rows[p - 1];
            p--;
        }
        cos[p] = c;
        rows[p] = row;
    }

    /** int8 for the index: components of a unit vector scaled by 127 / the largest magnitude seen. */
    static byte[] int8(float[] v, float scale) {
        byte[] b = new byte[v.length];
        for (int d = 0; d < v.length; d++) b[d] = (byte) Math.max(-127, Math.min(127, Math.round(v[d] * scale)));
        return b;
    }

    /** An in-memory Lucene index of int8 vectors; documents added from several threads become parallel-built segments. */
    private static final class Lucene implements AutoCloseable {
        final ByteBuffersDirectory dir;
        final DirectoryReader reader;
        final IndexSearcher searcher;
        final int[][] rowOfDoc; // per leaf
        final float scale;

        private Lucene(ByteBuffersDirectory dir, DirectoryReader reader, float scale) throws IOException {
            this.dir = dir;
            this.reader = reader;
            this.searcher = new IndexSearcher(reader);
            this.scale = scale;
            this.rowOfDoc = new int[reader.leaves().size()][];
            for (LeafReaderContext leaf : reader.leaves()) {
                int[] m = new int[leaf.reader().maxDoc()];
                NumericDocValues dv = leaf.reader().getNumericDocValues("row");
                for (int d = dv.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = dv.nextDoc())
                    m[d] = (int) dv.longValue();
                rowOfDoc[leaf.ord] = m;
            }
        }

        static Lucene build(Vectors corpus, int threads) {
            float max = 0;
            for (int i = 0; i < corpus.size(); i++) for (float x : corpus.get(i)) max = Math.max(max, Math.abs(x));
            float scale = max == 0 ? 1 : 127f / max;
            try {
                ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriterConfig cfg = new IndexWriterConfig()
                        .setMergePolicy(NoMergePolicy.INSTANCE)
                        .setRAMBufferSizeMB(1024)
                        .setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH);
                try (IndexWriter w = new IndexWriter(dir, cfg)) {
                    int t = Math.max(1, threads);
                    List<Workers.Task> parts = new ArrayList<>();
                    for (int p = 0; p < t; p++) {
                        int part = p;
                        parts.add(() -> {
                            for (int i = part; i < corpus.size(); i += t) {
                                Document doc = new Document();
                                doc.add(new KnnByteVectorField(
                                        "v", int8(corpus.get(i), scale), VectorSimilarityFunction.DOT_PRODUCT));
                                doc.add(new NumericDocValuesField("row", i));
                                w.addDocument(doc);
                            }
                        });
                    }
                    Workers.run("index vectors", t, parts);
                    w.commit();
                }
                return new Lucene(dir, DirectoryReader.open(dir), scale);
            } catch (IOException e) {
                throw new UncheckedIOException("in-memory vector index: " + e.getMessage(), e);
            }
        }

        Hits query(Vectors corpus, float[] q, int skip, int k) {
            try {
                TopDocs td = searcher.search(
                        new KnnByteVectorQuery("v", int8(q, scale), CANDIDATES + (skip >= 0 ? 1 : 0)), CANDIDATES + 1);
                int kk = Math.min(k, td.scoreDocs.length);
                int[] rows = new int[kk];
                float[] cos = new float[kk];
                java.util.Arrays.fill(cos, Float.NEGATIVE_INFINITY);
                java.util.Arrays.fill(rows, -1);
                int found = 0;
                for (ScoreDoc sd : td.scoreDocs) {
                    int leaf = org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, reader.leaves());
                    int row = rowOfDoc[leaf][sd.doc - reader.leaves().get(leaf).docBase];
                    if (row == skip || kk == 0) continue;
                    float c = VectorUtil.dotProduct(q, corpus.get(row));
                    if (c > cos[kk - 1]) {
                        insert(rows, cos, row, c);
                        found++;
                    }
                }
                if (found < kk) {
                    return new Hits(java.util.Arrays.copyOf(rows, found), java.util.Arrays.copyOf(cos, found));
                }
                return new Hits(rows, cos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
                dir.close();
            } catch (IOException e) {
                // in memory: nothing to lose
            }
        }
    }
}
