package dev.tunegate.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Reads a small JSONL file (eval runs, golden questions, documents, checkpoints) line by line:
 * a leading BOM is dropped, blank lines are skipped, and each line is either a JSON object or a
 * line the caller reports as a finding — the run goes on. (The dataset audit has its own streaming,
 * parallel reader for files larger than memory.)
 */
public final class JsonlLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlLines() {}

    /** What to do with each non-blank line. */
    public interface Visitor {
        /** A line holding a JSON object. */
        void object(long line, ObjectNode node);

        /**
         * A line that is not a JSON object.
         *
         * @param text the line
         * @param parsed the JSON value it holds (an array, a string…), or null when it is not JSON
         * @param parseError the parser's message when it is not JSON, else null
         */
        void notAnObject(long line, String text, JsonNode parsed, String parseError);
    }

    /** Lines read, non-blank lines, and JSON objects among them. */
    public record Counts(long lines, long nonBlank, long objects) {}

    /** Visits every non-blank line of {@code file} (UTF-8). */
    public static Counts read(Path file, Visitor visitor) throws IOException {
        return read(file, visitor, null);
    }

    /**
     * As {@link #read(Path, Visitor)}, feeding every byte of the file to {@code digest} while it is read (null: none),
     * so a caller that names the file with its digest reads it once.
     */
    public static Counts read(Path file, Visitor visitor, MessageDigest digest) throws IOException {
        long lineNo = 0;
        long nonBlank = 0;
        long objects = 0;
        InputStream raw = Files.newInputStream(file);
        if (digest != null) raw = new DigestInputStream(raw, digest);
        // a decoder that reports malformed input, as Files.newBufferedReader's does
        try (BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                nonBlank++;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    visitor.notAnObject(lineNo, line, null, Json.parseError(e));
                    continue;
                }
                if (node instanceof ObjectNode o) {
                    objects++;
                    visitor.object(lineNo, o);
                } else {
                    visitor.notAnObject(lineNo, line, node, null);
                }
            }
        }
        return new Counts(lineNo, nonBlank, objects);
    }
}
