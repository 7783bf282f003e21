package dev.tunegate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import dev.tunegate.tokens.TokenCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread token counting, jtokkit against our counter in the same run, on about 2 MB of text
 * per operation: {@code generated} = the input and output strings of the first rows of the file
 * named by {@code -Dtunegate.bench.data=F.jsonl} (the 100k-row file of gen_dataset.py), or
 * {@link SyntheticText} documents when none is given; {@code prose} = the English Markdown under
 * the folder named by {@code -Dtunegate.bench.prose=DIR} (default {@code docs}, this repository's
 * docs). One operation counts every string of the sample: MB/s = sample MB (printed at setup) ÷
 * seconds per operation.
 *
 * <pre>
 * java -Dtunegate.bench.data=bench/data/n100000.jsonl -jar bench/target/benchmarks.jar TokenCountBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TokenCountBenchmark {
    private static final int SAMPLE_BYTES = 2 << 20;

    @Param({"o200k_base", "cl100k_base"})
    public String encoding;

    @Param({"generated", "prose"})
    public String corpus;

    @Param({"jtokkit", "tunegate"})
    public String counter;

    private String[] texts;
    private Encoding jtokkit;
    private TokenCounter ours;

    /** Reads the sample and loads the counter. */
    @Setup
    public void setUp() throws IOException {
        texts = corpus.equals("prose") ? prose() : generated();
        long bytes = 0;
        for (String t : texts) bytes += t.getBytes(StandardCharsets.UTF_8).length;
        System.err.printf("sample %s: %d strings, %.3f MB%n", corpus, texts.length, bytes / 1e6);
        jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(encoding).orElseThrow();
        ours = TokenCounter.forEncoding(encoding);
    }

    /** Tokens of every string of the sample. */
    @Benchmark
    public long countSample() {
        long total = 0;
        if (counter.equals("jtokkit")) {
            for (String t : texts) total += jtokkit.countTokensOrdinary(t);
        } else {
            for (String t : texts) total += ours.count(t);
        }
        return total;
    }

    static String[] generated() throws IOException {
        String file = System.getProperty("tunegate.bench.data");
        List<String> out = new ArrayList<>();
        long bytes = 0;
        if (file == null) {
            SyntheticText text = new SyntheticText(42);
            while (bytes < SAMPLE_BYTES) {
                String d = text.document(230);
                out.add(d);
                bytes += d.length();
            }
            return out.toArray(String[]::new);
        }
        try (JsonParser p = new JsonFactory().createParser(Path.of(file).toFile())) {
            JsonToken t;
            while (bytes < SAMPLE_BYTES && (t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    out.add(s);
                    bytes += s.length();
                }
            }
        }
        return out.toArray(String[]::new);
    }

    static String[] prose() {
        Path dir = Path.of(System.getProperty("tunegate.bench.prose", "docs"));
        List<String> out = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> docs = new ArrayList<>();
            for (Path f :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) docs.add(Files.readString(f));
            if (docs.isEmpty())
                throw new IllegalStateException(
                        "no .md file under " + dir.toAbsolutePath() + " (-Dtunegate.bench.prose=DIR)");
            while (bytes < SAMPLE_BYTES) {
                for (String d : docs) {
                    for (String para : d.split("\n\n")) {
                        out.add(para);
                        bytes += para.length();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArray(String[]::new);
    }
}
