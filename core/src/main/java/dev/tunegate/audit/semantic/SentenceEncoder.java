package dev.tunegate.audit.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tunegate.analysis.Progress;
import dev.tunegate.io.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A sentence-embedding model (a BERT-style ONNX encoder with mean pooling, e.g. all-MiniLM-L6-v2)
 * run in-process on the CPU with ONNX Runtime.
 *
 * <p>Unlike one call per text, {@link #embed} tokenizes everything first, sorts the texts by token
 * length and runs batches of similar length, so padding costs almost nothing (unless the model's
 * vectors depend on their batch mates, checked when it loads: then one text per call); batches run on
 * {@code threads} workers sharing one session (one intra-op thread each: small matrices scale
 * better across batches than within one). Texts longer than {@link #MAX_TOKENS} word pieces are
 * truncated, as sentence-transformers does for this model. Vectors are mean-pooled over the
 * attention mask and L2-normalised, so a dot product is the cosine.
 */
public final class SentenceEncoder implements AutoCloseable {
    /** The bundled float32 model (langchain4j's Maven artifact). */
    public static final String MINILM = "all-minilm-l6-v2";
    /** The bundled int8-quantized model. */
    public static final String MINILM_Q = "all-minilm-l6-v2-q";
    /** Word pieces per text (sentence-transformers' max_seq_length of all-MiniLM-L6-v2). */
    public static final int MAX_TOKENS = 256;
    /**
     * Tokens per batch (rows × padded length) and rows per batch: measured on two cores, batches of
     * 8 short texts ran 1.5× faster than batches of 128 or 1 (docs/PERFORMANCE.md).
     */
    static final int TOKENS_PER_BATCH = 1024;

    static final int MAX_BATCH_ROWS = 8;

    private final String name;
    private final String id;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int dimension;
    private final int threads;
    /** Rows per batch: {@link #MAX_BATCH_ROWS}, or 1 when a text's vector depends on its batch mates. */
    private final int batchRows;

    private SentenceEncoder(String name, byte[] model, InputStream tokenizerJson, int threads)
            throws OrtException, IOException {
        this.name = name;
        this.id = name + "@" + HexFormat.of().formatHex(sha256(model), 0, 6);
        this.threads = Math.max(1, threads);
        this.env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(1);
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        this.session = env.createSession(model, opts);
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.tokenizer = HuggingFaceTokenizer.newInstance(
                tokenizerJson,
                Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
        Encoding shortText = tokenizer.encode("Where is my parcel?");
        Encoding longText = tokenizer.encode(
                "I ordered a blue winter jacket three weeks ago and the tracking page still says it has not left the warehouse.");
        float[] alone = embedBatch(List.of(shortText)).get(0);
        float[] batched = embedBatch(List.of(shortText, longText)).get(0);
        this.dimension = alone.length;
        // A model with dynamically quantized activations (the -q model) scales each batch as a whole, so a
        // text's vector would depend on the texts batched with it, and a cached vector on the run that made
        // it. Such models run one text per call: every vector is then a function of its text alone.
        double cos = 0;
        for (int d = 0; d < alone.length; d++) cos += alone[d] * batched[d];
        this.batchRows = cos > 1 - 1e-6 ? MAX_BATCH_ROWS : 1;
    }

    /** Texts per ONNX call (1 for models whose vectors would depend on their batch). */
    public int batchRows() {
        return batchRows;
    }

    /**
     * Opens a model.
     *
     * @param spec {@value #MINILM} or {@value #MINILM_Q} (bundled), or the path of an ONNX sentence-embedding model
     *        with its {@code tokenizer.json} beside it
     * @param threads worker threads
     * @throws InvalidInputException when the model or tokenizer cannot be read
     */
    public static SentenceEncoder open(String spec, int threads) {
        try {
            if (spec.equals(MINILM) || spec.equals(MINILM_Q)) {
                byte[] model;
                try (InputStream in = resource("/" + spec + ".onnx")) {
                    model = in.readAllBytes();
                }
                return new SentenceEncoder(spec, model, resource("/" + spec + "-tokenizer.json"), threads);
            }
            Path onnx = Path.of(spec);
            Path tok = onnx.resolveSibling("tokenizer.json");
            if (!Files.isRegularFile(onnx)) {
                throw new InvalidInputException("--embedding-model: expected " + MINILM + ", " + MINILM_Q
                        + " or an .onnx file, found \"" + spec + "\"");
            }
            if (!Files.isRegularFile(tok))
                throw InvalidInputException.at(
                        tok, 0, "no such file (the tokenizer.json of " + onnx.getFileName() + ")");
            String fileName = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
            return new SentenceEncoder(
                    fileName, Files.readAllBytes(onnx), new ByteArrayInputStream(Files.readAllBytes(tok)), threads);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(Path.of(e.getFile()), 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + spec + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new InvalidInputException(
                    "--embedding-model " + spec + ": ONNX Runtime cannot load it: " + e.getMessage());
        }
    }

    private static InputStream resource(String path) {
        InputStream in = SentenceEncoder.class.getResourceAsStream(path);
        if (in == null)
            throw new IllegalStateException("the model resource " + path + " is missing from the classpath");
        return in;
    }

    /** The model's name, e.g. {@code all-minilm-l6-v2}. */
    public String name() {
        return name;
    }

    /** The name and the first bytes of the model file's SHA-256: the cache key of its vectors. */
    public String id() {
        return id;
    }

    public int dimension() {
        return dimension;
    }

    /** Word pieces of {@code text} (after truncation, with [CLS] and [SEP]). */
    public int tokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /**
     * Embeds texts: unit vectors in the order of {@code texts}.
     *
     * @param task advanced by one per text embedded
     */
    public float[][] embed(List<String> texts, Progress.Task task) {
        int n = texts.size();
        float[][] out = new float[n][];
        if (n == 0) return out;
        Encoding[] enc = new Encoding[n];
        for (int from = 0; from < n; from += 1024) {
            int to = Math.min(n, from + 1024);
            Encoding[] part = tokenizer.batchEncode(texts.subList(from, to));
            System.arraycopy(part, 0, enc, from, part.length);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(enc[a].getIds().length, enc[b].getIds().length));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n
                    && end - start < batchRows
                    && (long) (end - start + 1) * enc[order[end]].getIds().length <= TOKENS_PER_BATCH) end++;
            if (end == start) end = start + 1;
            int[] b = new int[end - start];
            for (int i = start; i < end; i++) b[i - start] = order[i];
            batches.add(b);
            start = end;
        }
        List<Workers.Task> tasks = new ArrayList<>(batches.size());
        for (int[] b : batches) {
            tasks.add(() -> {
                List<Encoding> e = new ArrayList<>(b.length);
                for (int i : b) e.add(enc[i]);
                List<float[]> v = embedBatch(e);
                for (int i = 0; i < b.length; i++) out[b[i]] = v.get(i);
                task.advance(b.length, 0);
            });
        }
        Workers.run("embed", threads, tasks);
        return out;
    }

    /** Runs one batch padded to its longest text; mean pooling over the attention mask; unit length. */
    private List<float[]> embedBatch(List<Encoding> batch) throws OrtException {
        int rows = batch.size();
        int len = 0;
        for (Encoding e : batch) len = Math.max(len, e.getIds().length);
        long[] ids = new long[rows * len];
        long[] mask = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            long[] id = batch.get(r).getIds();
            System.arraycopy(id, 0, ids, r * len, id.length);
            Arrays.fill(mask, r * len, r * len + id.length, 1L);
        }
        long[] shape = {rows, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds)
                inputs.put(
                        "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * len]), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] hs = hidden.getInfo().getShape();
                int dim = (int) hs[hs.length - 1];
                FloatBuffer fb = hidden.getFloatBuffer();
                List<float[]> out = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    int tokens = batch.get(r).getIds().length;
                    float[] v = new float[dim];
                    int base = r * len * dim;
                    for (int t = 0; t < tokens; t++) {
                        int off = base + t * dim;
                        for (int d = 0; d < dim; d++) v[d] += fb.get(off + d);
                    }
                    out.add(normalise(v));
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing to do: the process is done with the model
        }
        tokenizer.close();
    }
}
