package dev.tunegate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of the audit's speed: one thread parses every row of a JSONL file with Jackson's
 * streaming parser and reads every string value (nothing else). Prints rows, strings and chars so
 * the work cannot be optimised away.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.JacksonFloor F.jsonl</pre>
 */
public final class JacksonFloor {
    private JacksonFloor() {}

    /** Parses the file named by {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        long rows = 0, strings = 0, chars = 0;
        JsonFactory factory = new JsonFactory();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16);
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
        System.out.printf(
                "{\"rows\": %d, \"strings\": %d, \"chars\": %d, \"seconds\": %.3f}%n",
                rows, strings, chars, (System.nanoTime() - t0) / 1e9);
    }
}
