package dev.tunegate.audit.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.TextNormalizer;
import dev.tunegate.audit.UnionFind;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.ParsedRow;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The semantic audit: embeds each row's input (and, for near-duplicates, input + output) with an
 * in-process sentence-embedding model and finds paraphrase leaks of the golden set into training,
 * semantic near-duplicate clusters and semantic conflicts (near-duplicate inputs, rival outputs).
 * It complements the lexical audit ({@link dev.tunegate.audit.DatasetAudit}): leaks that audit
 * already flagged are counted apart.
 */
public final class SemanticAudit {
    /**
     * A golden row whose input paraphrases training inputs: a {@link Finding} at the golden file's line, {@code rows}
     * the golden row, {@code trainingRows} the training rows at or above the threshold (nearest first, at most 5),
     * {@code score} the cosine to the nearest — the shape of the lexical audit's {@code golden_leak}.
     */
    public static final String LEAK = "semantic_leak";
    /** Training rows that say the same thing in other words: {@code rows} the cluster. */
    public static final String DUPLICATE_CLUSTER = "semantic_duplicate_cluster";
    /** Training rows that ask the same thing in other words with rival outputs: {@code rows} the group. */
    public static final String CONFLICT = "semantic_conflict";

    /** Neighbours looked at per row. */
    static final int K = 10;

    static final int SAMPLE_LEAKS = 20;
    static final double HISTOGRAM_FROM = 0.0;
    static final double HISTOGRAM_WIDTH = 0.05;

    private SemanticAudit() {}

    /** A valid row's texts. */
    private record Row(int index, long line, String input, String whole, String output) {}

    /**
     * Runs the semantic audit.
     *
     * @param lexicalLeaks golden rows (0-based) the exact/MinHash leakage check already flagged; null when that check
     *     did not run (an {@code --only} without leakage): then no leak is set apart as the lexical check's, and the
     *     report's {@code alsoLexicalLeaks} is null
     * @param sink receives every finding (leaks in golden-row order, then clusters, then conflicts)
     * @param display how files are named in findings and the report
     */
    public static SemanticReport run(
            SemanticRequest req,
            Set<Integer> lexicalLeaks,
            Progress progress,
            int threads,
            Consumer<Finding> sink,
            Function<Path, String> display) {
        // damage is decided by the lexical audit, which runs first (an error unless --allow-partial)
        DatasetReader reader = new DatasetReader(new ObjectMapper(), 16 << 20, true);
        List<Row> train = read(reader, req, req.train(), progress);
        if (train.isEmpty()) throw InvalidInputException.at(req.train(), 0, "no valid rows to embed");
        List<Row> golden = req.golden() == null ? List.of() : read(reader, req, req.golden(), progress);

        SentenceEncoder encoder;
        try (Progress.Task t = progress.start("load " + req.model(), -1, "")) {
            encoder = SentenceEncoder.open(req.model(), threads);
        }
        try (encoder) {
            EmbeddingCache cache = EmbeddingCache.open(req.cacheDir(), encoder.id(), encoder.dimension());
            Embedded emb = embed(encoder, cache, train, golden, progress);
            String trainName = display.apply(req.train());
            List<Finding> findings = new ArrayList<>();

            String method;
            Long leaked = null, lexical = null;
            List<SemanticReport.Leak> samples = new ArrayList<>();
            long[] goldenHist = new long[bins()];
            if (!golden.isEmpty()) {
                NeighbourSearch.Result r;
                try (Progress.Task t = progress.start("paraphrase leaks", golden.size(), "rows")) {
                    r = NeighbourSearch.search(emb.trainInput, emb.goldenInput, false, 5, threads, t, false);
                }
                long l = 0, lx = 0;
                String goldenName = display.apply(req.golden());
                for (int g = 0; g < golden.size(); g++) {
                    NeighbourSearch.Hits h = r.hits()[g];
                    if (h.rows().length == 0) continue;
                    goldenHist[bin(h.best())]++;
                    if (h.best() < req.leakThreshold()) continue;
                    Row gr = golden.get(g);
                    if (lexicalLeaks != null && lexicalLeaks.contains(gr.index())) {
                        lx++;
                        continue;
                    }
                    l++;
                    List<Integer> rows = new ArrayList<>();
                    for (int i = 0; i < h.rows().length && h.cosines()[i] >= req.leakThreshold(); i++)
                        rows.add(train.get(h.rows()[i]).index());
                    Row tr = train.get(h.rows()[0]);
                    if (samples.size() < SAMPLE_LEAKS)
                        samples.add(new SemanticReport.Leak(
                                gr.index(), tr.index(), round(h.best()), clip(gr.input()), clip(tr.input())));
                    findings.add(new Finding(
                            LEAK,
                            Finding.WARNING,
                            goldenName,
                            gr.line(),
                            List.of(gr.index()),
                            rows,
                            List.of(),
                            null,
                            round(h.best()),
                            String.format(
                                    Locale.ROOT,
                                    "golden row %d is a paraphrase (cosine %.3f) of training row %d: \"%s\" ~ \"%s\"",
                                    gr.index(),
                                    h.best(),
                                    tr.index(),
                                    clip(oneLine(gr.input()), 120),
                                    clip(oneLine(tr.input()), 120))));
                }
                leaked = l;
                lexical = lexicalLeaks == null ? null : lx;
            }

            // near-duplicate clusters over input + output
            NeighbourSearch.Result whole;
            try (Progress.Task t = progress.start("semantic near-duplicates", train.size(), "rows")) {
                whole = NeighbourSearch.search(emb.trainWhole, emb.trainWhole, true, K, threads, t, false);
            }
            method = whole.method();
            long[] trainHist = new long[bins()];
            UnionFind uf = new UnionFind(train.size());
            for (int i = 0; i < train.size(); i++) {
                NeighbourSearch.Hits h = whole.hits()[i];
                if (h.rows().length == 0) continue;
                trainHist[bin(h.best())]++;
                for (int j = 0; j < h.rows().length && h.cosines()[j] >= req.duplicateThreshold(); j++)
                    uf.union(i, h.rows()[j]);
            }
            List<List<Integer>> clusters = groups(uf, train.size());
            long inClusters = clusters.stream().mapToLong(List::size).sum();
            for (List<Integer> c : clusters) {
                List<Integer> rows = c.stream().map(i -> train.get(i).index()).toList();
                findings.add(new Finding(
                        DUPLICATE_CLUSTER,
                        Finding.WARNING,
                        trainName,
                        0,
                        rows,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "%d rows say the same thing in other words (input + output cosine ≥ %.2f): rows %s",
                                rows.size(),
                                req.duplicateThreshold(),
                                preview(rows))));
            }

            // conflicts: near-duplicate inputs with different outputs
            NeighbourSearch.Result inputs;
            try (Progress.Task t = progress.start("semantic conflicts", train.size(), "rows")) {
                inputs = NeighbourSearch.search(emb.trainInput, emb.trainInput, true, K, threads, t, false);
            }
            UnionFind ufi = new UnionFind(train.size());
            for (int i = 0; i < train.size(); i++) {
                NeighbourSearch.Hits h = inputs.hits()[i];
                for (int j = 0; j < h.rows().length && h.cosines()[j] >= req.duplicateThreshold(); j++)
                    ufi.union(i, h.rows()[j]);
            }
            long conflictGroups = 0, rowsInConflict = 0;
            for (List<Integer> g : groups(ufi, train.size())) {
                Set<String> outputs = new HashSet<>();
                for (int i : g) outputs.add(train.get(i).output());
                if (outputs.size() < 2) continue;
                conflictGroups++;
                rowsInConflict += g.size();
                List<Integer> rows = g.stream().map(i -> train.get(i).index()).toList();
                findings.add(new Finding(
                        CONFLICT,
                        Finding.WARNING,
                        trainName,
                        0,
                        rows,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "%d rows ask the same thing in other words (input cosine ≥ %.2f) and get %d different outputs: rows %s",
                                rows.size(),
                                req.duplicateThreshold(),
                                outputs.size(),
                                preview(rows))));
            }
            findings.forEach(sink);

            List<List<Integer>> largest = clusters.stream()
                    .sorted(Comparator.comparingInt((List<Integer> c) -> -c.size()))
                    .limit(5)
                    .map(c ->
                            c.stream().limit(20).map(i -> train.get(i).index()).toList())
                    .toList();
            SemanticReport.Histogram hist = new SemanticReport.Histogram(
                    HISTOGRAM_FROM,
                    HISTOGRAM_WIDTH,
                    boxed(trainHist),
                    golden.isEmpty() ? List.of() : boxed(goldenHist));
            SemanticReport.Run run = new SemanticReport.Run(
                    emb.texts,
                    emb.embedded,
                    emb.cached,
                    cache.file() == null ? null : cache.file().toString(),
                    method,
                    round(emb.seconds),
                    emb.seconds > 0 ? Math.round(emb.embedded / emb.seconds) : 0,
                    2L * emb.trainInput.bytesPerVector());
            return new SemanticReport(
                    encoder.id(),
                    req.leakThreshold(),
                    req.duplicateThreshold(),
                    leaked,
                    lexical,
                    golden.isEmpty() && req.golden() == null ? null : (long) golden.size(),
                    samples,
                    clusters.size(),
                    inClusters,
                    round((double) inClusters / train.size()),
                    largest,
                    conflictGroups,
                    rowsInConflict,
                    hist,
                    run);
        }
    }

    private static List<List<Integer>> groups(UnionFind uf, int n) {
        Map<Integer, List<Integer>> by = new TreeMap<>();
        for (int i = 0; i < n; i++)
            by.computeIfAbsent(uf.find(i), k -> new ArrayList<>()).add(i);
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> g : by.values()) if (g.size() > 1) out.add(g);
        return out;
    }

    private record Embedded(
            Vectors trainInput,
            Vectors trainWhole,
            Vectors goldenInput,
            long texts,
            long embedded,
            long cached,
            double seconds) {}

    /** Vectors for every text: from the cache when there, else embedded (each distinct text once) and cached. */
    private static Embedded embed(
            SentenceEncoder enc, EmbeddingCache cache, List<Row> train, List<Row> golden, Progress progress) {
        int dim = enc.dimension();
        Vectors ti = new Vectors(dim, train.size()),
                tw = new Vectors(dim, train.size()),
                gi = new Vectors(dim, golden.size());
        Map<EmbeddingCache.Key, List<Slot>> wanted = new LinkedHashMap<>();
        Map<EmbeddingCache.Key, String> missing = new LinkedHashMap<>();
        long texts = 0, cached = 0;
        for (int i = 0; i < train.size(); i++) {
            texts += 2;
            cached += want(cache, wanted, missing, train.get(i).input(), new Slot(ti, i));
            cached += want(cache, wanted, missing, train.get(i).whole(), new Slot(tw, i));
        }
        for (int i = 0; i < golden.size(); i++) {
            texts++;
            cached += want(cache, wanted, missing, golden.get(i).input(), new Slot(gi, i));
        }
        long t0 = System.nanoTime();
        if (!missing.isEmpty()) {
            List<EmbeddingCache.Key> keys = new ArrayList<>(missing.keySet());
            float[][] v;
            try (Progress.Task t = progress.start("embed (" + enc.name() + ")", keys.size(), "texts")) {
                v = enc.embed(new ArrayList<>(missing.values()), t);
            }
            for (int i = 0; i < keys.size(); i++) {
                short[] half = new short[dim];
                for (int d = 0; d < dim; d++) half[d] = Float.floatToFloat16(v[i][d]);
                cache.put(keys.get(i), half);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (var e : wanted.entrySet()) {
            short[] half = cache.get(e.getKey());
            for (Slot s : e.getValue()) s.vectors.setRaw(s.index, half);
        }
        try {
            cache.save();
        } catch (UncheckedIOException e) {
            // a cache that cannot be written costs time next run, not correctness
            org.slf4j.LoggerFactory.getLogger(SemanticAudit.class)
                    .warn("embedding cache not saved: {}", e.getMessage());
        }
        return new Embedded(ti, tw, gi, texts, missing.size(), cached, seconds);
    }

    private record Slot(Vectors vectors, int index) {}

    /** Registers a text's slot; 1 when its vector was already cached. */
    private static int want(
            EmbeddingCache cache,
            Map<EmbeddingCache.Key, List<Slot>> wanted,
            Map<EmbeddingCache.Key, String> missing,
            String text,
            Slot slot) {
        EmbeddingCache.Key k = EmbeddingCache.Key.of(text);
        wanted.computeIfAbsent(k, x -> new ArrayList<>(1)).add(slot);
        if (cache.get(k) != null) return 1;
        missing.putIfAbsent(k, text);
        return 0;
    }

    private static List<Row> read(DatasetReader reader, SemanticRequest req, Path file, Progress progress) {
        DatasetReader.Opened opened = reader.open(file, req.format(), req.columns());
        List<Row> rows = new ArrayList<>();
        try (RowSource src = opened.source();
                Progress.Task t = progress.start("read " + file.getFileName(), -1, "rows")) {
            RawRow raw;
            while (true) {
                try {
                    raw = src.next();
                } catch (IOException e) {
                    break; // truncated: the lexical audit reports it; embed what was read
                }
                if (raw == null) break;
                ParsedRow p = opened.parser().parse(raw);
                t.advance(1, 0);
                if (!p.valid()) continue;
                Example ex = p.example();
                String in = ex.input(), out = ex.output();
                if (out.isBlank()) continue;
                rows.add(new Row(raw.index(), raw.line(), in, in + "\n" + out, TextNormalizer.normalize(out)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    static int bins() {
        return (int) Math.round((1 - HISTOGRAM_FROM) / HISTOGRAM_WIDTH);
    }

    static int bin(double cosine) {
        int b = (int) Math.floor((cosine - HISTOGRAM_FROM) / HISTOGRAM_WIDTH);
        return Math.max(0, Math.min(bins() - 1, b));
    }

    private static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) out.add(x);
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    private static String clip(String s) {
        return clip(s, 300);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static String preview(Collection<Integer> rows) {
        return String.join(", ", rows.stream().limit(6).map(String::valueOf).toList()) + (rows.size() > 6 ? ", …" : "");
    }
}
