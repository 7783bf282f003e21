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
        Path data = Path.of(a.get("data"));
        int rows = Integer.parseInt(a.getOrDefault("rows", "10000"));
        int threads = Integer.parseInt(a.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        List<String> texts = inputs(data, rows);
        switch (cmd) {
            case "embed" -> embed(texts, a.getOrDefault("impl", "bucketed"), a.getOrDefault("model", "minilm-q"), threads);
            case "agree" -> agree(texts, threads);
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
            EmbeddingModel em = model.equals("minilm") ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2QuantizedEmbeddingModel();
            em.embed("warm up");
            t0 = System.nanoTime();
            List<Embedding> e = em.embedAll(texts.stream().map(TextSegment::from).toList()).content();
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
        System.out.printf(Locale.ROOT, "{\"impl\": \"%s\", \"model\": \"%s\", \"threads\": %d, \"rows\": %d, \"seconds\": %.2f, \"rowsPerSecond\": %.1f, \"heapUsedMB\": %.1f, \"dim\": %d}%n",
                impl, model, threads, texts.size(), s, texts.size() / s, (rt.totalMemory() - rt.freeMemory()) / 1048576.0, v[0].length);
    }

    static void agree(List<String> texts, int threads) {
        for (String model : List.of("minilm", "minilm-q")) {
            EmbeddingModel em = model.equals("minilm") ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2QuantizedEmbeddingModel();
            List<Embedding> e = em.embedAll(texts.stream().map(TextSegment::from).toList()).content();
            float[][] ours;
            try (SentenceEncoder enc = SentenceEncoder.open(spec(model), threads); Progress.Task t = Progress.SILENT.start("", -1, "")) {
                ours = enc.embed(texts, t);
            }
            float[][] single;
            try (SentenceEncoder enc = SentenceEncoder.open(spec(model), threads); Progress.Task t = Progress.SILENT.start("", -1, "")) {
                single = texts.stream().limit(50).map(x -> enc.embed(List.of(x), t)[0]).toArray(float[][]::new);
            }
            double smin = 1, lmin = 1;
            for (int i = 0; i < single.length; i++) {
                double c = 0, l = 0;
                for (int d = 0; d < single[i].length; d++) { c += single[i][d] * ours[i][d]; l += single[i][d] * e.get(i).vector()[d]; }
                smin = Math.min(smin, c);
                lmin = Math.min(lmin, l);
            }
            System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"singleVsBatchedMin\": %.5f, \"singleVsEmbedAllMin\": %.5f}%n", model, smin, lmin);
            double min = 1, sum = 0;
            for (int i = 0; i < texts.size(); i++) {
                double c = 0;
                float[] x = e.get(i).vector();
                for (int d = 0; d < x.length; d++) c += x[d] * ours[i][d];
                min = Math.min(min, c);
                sum += c;
            }
            System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"rows\": %d, \"meanCosine\": %.5f, \"minCosine\": %.5f}%n", model, texts.size(), sum / texts.size(), min);
        }
    }
}
