package dev.tunegate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The floor of the audit's speed: one thread parses every row of a JSONL file with Jackson's
 * streaming parser and reads every string value (nothing else). Prints rows, strings and chars so
 * the work cannot be optimised away. With {@code --sha256} it also computes the file's SHA-256 on the
 * same thread while the parser reads it (a {@link DigestInputStream}), as every audit report must
 * name the digest of what it measured: the floor of a report's work, not only of the parse.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.JacksonFloor F.jsonl [--sha256]</pre>
 */
public final class JacksonFloor {
    private JacksonFloor() {}

    /** Parses the file named by {@code args[0]} (and hashes it with {@code --sha256} as {@code args[1]}). */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        long rows = 0, strings = 0, chars = 0;
        JsonFactory factory = new JsonFactory();
        MessageDigest sha = args.length > 1 && args[1].equals("--sha256") ? MessageDigest.getInstance("SHA-256") : null;
        InputStream file = Files.newInputStream(Path.of(args[0]));
        try (InputStream in = new BufferedInputStream(sha == null ? file : new DigestInputStream(file, sha), 1 << 16);
                JsonParser p = factory.createParser(in)) {
            JsonToken t;
            int depth = 0;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) rows++;
                    }
                    case VALUE_STRING -> {
                        strings++;
                        chars += p.getTextLength();
                    }
                    default -> {}
                }
            }
        }
        String digest = sha == null ? "" : ", \"sha256\": \"" + HexFormat.of().formatHex(sha.digest()) + "\"";
        System.out.printf(
                "{\"rows\": %d, \"strings\": %d, \"chars\": %d%s, \"seconds\": %.3f}%n",
                rows, strings, chars, digest, (System.nanoTime() - t0) / 1e9);
    }
}
