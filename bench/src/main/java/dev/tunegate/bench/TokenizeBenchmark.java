package dev.tunegate.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.TimeUnit;
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

/** Token counting of one ~1.4 KB document with jtokkit (the floor of the audit's throughput), one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenizeBenchmark {
    @Param({"o200k_base", "cl100k_base"})
    public String encoding;

    private String[] docs;
    private int next;
    private Encoding enc;

    /** Builds the documents and loads the encoding. */
    @Setup
    public void setUp() {
        SyntheticText text = new SyntheticText(42);
        docs = new String[1000];
        for (int i = 0; i < docs.length; i++) docs[i] = text.document(230);
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        enc = registry.getEncoding(encoding.equals("o200k_base") ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }

    /** Tokens of one document. */
    @Benchmark
    public int countTokens() {
        String d = docs[next];
        next = next + 1 == docs.length ? 0 : next + 1;
        return enc.countTokens(d);
    }
}
