package dev.tunegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.semantic.SentenceEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Embedding throughput, one implementation per process (the script pairs them):
 *
 * <pre>
 *   SemanticBench embed --data FILE.jsonl --rows N --impl bucketed|embedAll --model minilm|minilm-q [--threads T]
 *   SemanticBench agree --data FILE.jsonl --rows N     (cosine between the two implementations' vectors)
 *   SemanticBench recall --data FILE.jsonl --rows N   (HNSW int8 recall@10 and cosine@1 against exact search)
 *   SemanticBench pairs --corpus msr_paraphrase_test.txt [--seed S]   (precision/recall of cosine thresholds)
 * </pre>
 *
 * Embeds the {@code input} of the first N rows (what the leakage check embeds) and prints one JSON
 * line: rows, seconds (model load excluded), rows/s, heap used after, tokens.
 */
public final class SemanticBench {
    private SemanticBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        String cmd = args[0];
        for (int i = 1; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int threads = Integer.parseInt(
                a.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        if (cmd.equals("pairs")) {
            pairs(Path.of(a.get("corpus")), threads, Long.parseLong(a.getOrDefault("seed", "42")));
            return;
        }
        Path data = Path.of(a.get("data"));
        int rows = Integer.parseInt(a.getOrDefault("rows", "10000"));
        List<String> texts = inputs(data, rows);
        switch (cmd) {
            case "embed" ->
                embed(texts, a.getOrDefault("impl", "bucketed"), a.getOrDefault("model", "minilm-q"), threads);
            case "agree" -> agree(texts, threads);
            case "recall" -> recall(texts, threads);
            default -> throw new IllegalArgumentException("unknown command " + cmd);
        }
    }

    static List<String> inputs(Path data, int rows) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < rows && (line = r.readLine()) != null) {
                JsonNode n = m.readTree(line);
                out.add(n.path("input").asText());
            }
        }
        return out;
    }

    private static String spec(String model) {
        return model.equals("minilm") ? SentenceEncoder.MINILM : SentenceEncoder.MINILM_Q;
    }

    static void embed(List<String> texts, String impl, String model, int threads) {
        long t0;
        float[][] v;
        if (impl.equals("embedAll")) {
            EmbeddingModel em = model.equals("minilm")
                    ? new AllMiniLmL6V2EmbeddingModel()
                    : new AllMiniLmL6V2QuantizedEmbeddingModel();
            em.embed("warm up");
            t0 = System.nanoTime();
            List<Embedding> e =
                    em.embedAll(texts.stream().map(TextSegment::from).toList()).content();
            v = e.stream().map(Embedding::vector).toArray(float[][]::new);
        } else {
            SentenceEncoder enc = SentenceEncoder.open(spec(model), threads);
            t0 = System.nanoTime();
            try (Progress.Task t = Progress.SILENT.start("", -1, "")) {
                v = enc.embed(texts, t);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "{\"impl\": \"%s\", \"model\": \"%s\", \"threads\": %d, \"rows\": %d, \"seconds\": %.2f, \"rowsPerSecond\": %.1f, \"heapUsedMB\": %.1f, \"dim\": %d}%n",
                impl,
                model,
                threads,
                texts.size(),
                s,
                texts.size() / s,
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                v[0].length);
    }

    static void agree(List<String> texts, int threads) {
        for (String model : List.of("minilm", "minilm-q")) {
            EmbeddingModel em = model.equals("minilm")
                    ? new AllMiniLmL6V2EmbeddingModel()
                    : new AllMiniLmL6V2QuantizedEmbeddingModel();
            List<Embedding> e =
                    em.embedAll(texts.stream().map(TextSegment::from).toList()).content();
            float[][] ours;
            try (SentenceEncoder enc = SentenceEncoder.open(spec(model), threads);
                    Progress.Task t = Progress.SILENT.start("", -1, "")) {
                ours = enc.embed(texts, t);
            }
            float[][] single;
            try (SentenceEncoder enc = SentenceEncoder.open(spec(model), threads);
                    Progress.Task t = Progress.SILENT.start("", -1, "")) {
                single = texts.stream()
                        .limit(50)
                        .map(x -> enc.embed(List.of(x), t)[0])
                        .toArray(float[][]::new);
            }
            double smin = 1, lmin = 1;
            for (int i = 0; i < single.length; i++) {
                double c = 0, l = 0;
                for (int d = 0; d < single[i].length; d++) {
                    c += single[i][d] * ours[i][d];
                    l += single[i][d] * e.get(i).vector()[d];
                }
                smin = Math.min(smin, c);
                lmin = Math.min(lmin, l);
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"model\": \"%s\", \"singleVsBatchedMin\": %.5f, \"singleVsEmbedAllMin\": %.5f}%n",
                    model,
                    smin,
                    lmin);
            double min = 1, sum = 0;
            for (int i = 0; i < texts.size(); i++) {
                double c = 0;
                float[] x = e.get(i).vector();
                for (int d = 0; d < x.length; d++) c += x[d] * ours[i][d];
                min = Math.min(min, c);
                sum += c;
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"model\": \"%s\", \"rows\": %d, \"meanCosine\": %.5f, \"minCosine\": %.5f}%n",
                    model,
                    texts.size(),
                    sum / texts.size(),
                    min);
        }
    }

    /**
     * A labelled paraphrase corpus (MRPC's TSV: Quality, #1 ID, #2 ID, #1 String, #2 String): for each model, the
     * cosine of every pair; precision, recall and F1 of "cosine ≥ t" for t in 0.50..0.95; the best F1; how many
     * unrelated pairs (sentence 1 of pair i with sentence 2 of a seeded random other pair) reach t; and how many
     * paraphrases 5-word-shingle Jaccard ≥ 0.8 (the MinHash check's target) finds.
     */
    static void pairs(Path corpus, int threads, long seed) throws IOException {
        List<String> s1 = new ArrayList<>(), s2 = new ArrayList<>();
        List<Boolean> label = new ArrayList<>();
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split("\t");
            if (p.length < 5) continue;
            label.add(p[0].trim().endsWith("1"));
            s1.add(p[3]);
            s2.add(p[4]);
        }
        int n = label.size();
        long positives = label.stream().filter(b -> b).count();
        int[] other = new int[n];
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int j;
            // another pair's second sentence; MRPC repeats sentences across pairs, so never the same text
            do {
                j = rnd.nextInt(n);
            } while (j == i || s2.get(j).equals(s2.get(i)) || s2.get(j).equals(s1.get(i)));
            other[i] = j;
        }
        int shingle = 0;
        for (int i = 0; i < n; i++) if (label.get(i) && jaccard5(s1.get(i), s2.get(i)) >= 0.8) shingle++;
        System.out.printf(
                Locale.ROOT,
                "{\"corpus\": \"%s\", \"pairs\": %d, \"paraphrases\": %d, \"shingleJaccard08Found\": %d}%n",
                corpus.getFileName(),
                n,
                positives,
                shingle);
        for (String model : List.of("minilm", "minilm-q")) {
            float[][] a, b;
            try (SentenceEncoder enc = SentenceEncoder.open(spec(model), threads);
                    Progress.Task t = Progress.SILENT.start("", -1, "")) {
                a = enc.embed(s1, t);
                b = enc.embed(s2, t);
            }
            double[] cos = new double[n], unrelated = new double[n];
            for (int i = 0; i < n; i++) {
                cos[i] = dot(half(a[i]), half(b[i]));
                unrelated[i] = dot(half(a[i]), half(b[other[i]]));
            }
            double bestF1 = 0, bestT = 0;
            for (int step = 30; step <= 98; step++) {
                double t = step / 100.0;
                double[] m = metrics(cos, label, t);
                if (m[2] > bestF1) {
                    bestF1 = m[2];
                    bestT = t;
                }
            }
            for (int step = 50; step <= 95; step += 5) {
                double t = step / 100.0;
                double[] m = metrics(cos, label, t);
                long fpUnrelated =
                        java.util.Arrays.stream(unrelated).filter(c -> c >= t).count();
                double maxUnrelated = java.util.Arrays.stream(unrelated).max().orElse(0);
                System.out.printf(
                        Locale.ROOT,
                        "{\"model\": \"%s\", \"threshold\": %.2f, \"precision\": %.3f, \"recall\": %.3f, \"f1\": %.3f, \"unrelatedAbove\": %d, \"unrelatedPairs\": %d, \"maxUnrelatedCosine\": %.3f}%n",
                        model,
                        t,
                        m[0],
                        m[1],
                        m[2],
                        fpUnrelated,
                        n,
                        maxUnrelated);
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"model\": \"%s\", \"bestF1\": %.3f, \"atThreshold\": %.2f}%n",
                    model,
                    bestF1,
                    bestT);
        }
    }

    /** Vectors go through float16 in the audit; score what it scores. */
    private static float[] half(float[] v) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) o[i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
        return o;
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** precision, recall, F1 of cosine ≥ t against the labels. */
    private static double[] metrics(double[] cos, List<Boolean> label, double t) {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < cos.length; i++) {
            boolean p = cos[i] >= t;
            if (p && label.get(i)) tp++;
            else if (p) fp++;
            else if (label.get(i)) fn++;
        }
        double pr = tp + fp == 0 ? 1 : (double) tp / (tp + fp), rc = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return new double[] {pr, rc, pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc)};
    }

    /** Exact Jaccard of lower-cased 5-word shingles (fewer than 5 words: one shingle), the shared near-duplicate yardstick's definition. */
    static double jaccard5(String x, String y) {
        java.util.Set<String> a = shingles(x), b = shingles(y);
        java.util.Set<String> inter = new java.util.HashSet<>(a);
        inter.retainAll(b);
        int union = a.size() + b.size() - inter.size();
        return union == 0 ? 1 : (double) inter.size() / union;
    }

    private static java.util.Set<String> shingles(String s) {
        List<String> w = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\w+").matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) w.add(m.group());
        java.util.Set<String> out = new java.util.HashSet<>();
        if (w.size() < 5) {
            out.add(String.join(" ", w));
            return out;
        }
        for (int i = 0; i + 5 <= w.size(); i++) out.add(String.join(" ", w.subList(i, i + 5)));
        return out;
    }

    /** Recall@10 of the HNSW int8 search against exact search over the same float16 vectors (rows against themselves). */
    static void recall(List<String> texts, int threads) {
        dev.tunegate.audit.semantic.Vectors v;
        try (SentenceEncoder enc = SentenceEncoder.open(SentenceEncoder.MINILM_Q, threads);
                Progress.Task t = Progress.SILENT.start("", -1, "")) {
            float[][] e = enc.embed(texts, t);
            v = new dev.tunegate.audit.semantic.Vectors(e[0].length, e.length);
            for (int i = 0; i < e.length; i++) v.set(i, e[i]);
        }
        long t0 = System.nanoTime();
        var exact = dev.tunegate.audit.semantic.NeighbourSearch.search(
                v, v, true, 10, threads, Progress.SILENT.start("", -1, ""), false);
        double exactS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        var hnsw = dev.tunegate.audit.semantic.NeighbourSearch.search(
                v, v, true, 10, threads, Progress.SILENT.start("", -1, ""), true);
        double hnswS = (System.nanoTime() - t0) / 1e9;
        long found = 0, total = 0, top1 = 0;
        double maxTop1Diff = 0;
        for (int q = 0; q < v.size(); q++) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            for (int r : exact.hits()[q].rows()) truth.add(r);
            for (int r : hnsw.hits()[q].rows()) if (truth.contains(r)) found++;
            total += truth.size();
            if (hnsw.hits()[q].rows().length > 0
                    && hnsw.hits()[q].rows()[0] == exact.hits()[q].rows()[0]) top1++;
            if (hnsw.hits()[q].rows().length > 0)
                maxTop1Diff = Math.max(maxTop1Diff, exact.hits()[q].best() - hnsw.hits()[q].best());
        }
        System.out.printf(
                Locale.ROOT,
                "{\"rows\": %d, \"exactMethod\": \"%s\", \"exactSeconds\": %.2f, \"hnswSeconds\": %.2f, \"recallAt10\": %.4f, \"top1Agreement\": %.4f, \"maxNearestCosineLoss\": %.4f}%n",
                v.size(),
                exact.method(),
                exactS,
                hnswS,
                (double) found / total,
                (double) top1 / v.size(),
                maxTop1Diff);
    }
}
