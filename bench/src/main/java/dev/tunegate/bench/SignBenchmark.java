package dev.tunegate.bench;

import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.neardup.ShingleMode;
import dev.tunegate.audit.neardup.Shingler;
import dev.tunegate.audit.neardup.Signature;
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

/**
 * The near-duplicate hot loops on one ~1.4 KB document (seeded synthetic text, 1,000 of them in
 * rotation): shingling alone, and shingling + one-permutation MinHash signing, for several signature
 * lengths. Throughput in documents per second, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignBenchmark {
    @Param({"256"})
    public int permutations;

    private String[] docs;
    private int next;
    private Shingler shingler;
    private MinHasher hasher;
    private long sink;

    /** Builds the documents and the signer. */
    @Setup
    public void setUp() {
        SyntheticText text = new SyntheticText(42);
        docs = new String[1000];
        for (int i = 0; i < docs.length; i++) docs[i] = text.document(230);
        shingler = new Shingler(ShingleMode.WORDS, 5);
        hasher = new MinHasher(
                NearDuplicateParams.defaults().withSignature(permutations, NearDuplicateParams.DEFAULT_BITS));
    }

    private String doc() {
        String d = docs[next];
        next = next + 1 == docs.length ? 0 : next + 1;
        return d;
    }

    /** Word 5-shingle hashes of one document. */
    @Benchmark
    public long shingle() {
        return shingler.shingles(doc(), h -> sink ^= h) + sink;
    }

    /** Shingle + sign one document (the per-row work of near-duplicate detection). */
    @Benchmark
    public Signature shingleAndSign() {
        return hasher.sign(doc());
    }
}
