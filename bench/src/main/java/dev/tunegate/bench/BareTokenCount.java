package dev.tunegate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import dev.tunegate.tokens.TokenCounter;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * The reference of the token-counting contract: counts the tokens of every string value of every
 * row of a JSONL file on all cores (the reader hands batches of lines to the workers, which parse
 * them with Jackson and count), with jtokkit's {@code countTokensOrdinary} or with ours. Prints the
 * total, so two runs can be compared for equality too.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.BareTokenCount F.jsonl [jtokkit|tunegate] [o200k_base] [threads]</pre>
 */
public final class BareTokenCount {
    private static final int BATCH = 512;

    private BareTokenCount() {}

    /** Counts; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path file = Path.of(args[0]);
        String counter = args.length > 1 ? args[1] : "jtokkit";
        String encoding = args.length > 2 ? args[2] : "o200k_base";
        int threads = args.length > 3
                ? Integer.parseInt(args[3])
                : Runtime.getRuntime().availableProcessors();
        ToIntFunction<String> count;
        if (counter.equals("jtokkit")) {
            Encoding enc =
                    Encodings.newLazyEncodingRegistry().getEncoding(encoding).orElseThrow();
            count = enc::countTokensOrdinary;
        } else {
            TokenCounter c = TokenCounter.forEncoding(encoding);
            count = c::count;
        }
        JsonFactory factory = new JsonFactory();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(BATCH);
            String line;
            while ((line = r.readLine()) != null) {
                batch.add(line);
                if (batch.size() == BATCH) {
                    List<String> b = batch;
                    results.add(pool.submit(() -> countBatch(b, factory, count)));
                    batch = new ArrayList<>(BATCH);
                }
            }
            List<String> b = batch;
            results.add(pool.submit(() -> countBatch(b, factory, count)));
        }
        long tokens = 0, strings = 0;
        for (Future<long[]> f : results) {
            long[] x = f.get();
            tokens += x[0];
            strings += x[1];
        }
        pool.shutdown();
        System.out.printf(
                "{\"counter\": \"%s\", \"encoding\": \"%s\", \"threads\": %d, \"strings\": %d, \"tokens\": %d, \"seconds\": %.3f}%n",
                counter, encoding, threads, strings, tokens, (System.nanoTime() - t0) / 1e9);
    }

    private static long[] countBatch(List<String> lines, JsonFactory factory, ToIntFunction<String> count)
            throws Exception {
        long tokens = 0, strings = 0;
        for (String line : lines) {
            if (line.isBlank()) continue;
            try (JsonParser p = factory.createParser(line)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.VALUE_STRING) {
                        tokens += count.applyAsInt(p.getText());
                        strings++;
                    }
                }
            }
        }
        return new long[] {tokens, strings};
    }
}
