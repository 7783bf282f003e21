package dev.tunegate.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
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

        /**
         * A line that is not valid UTF-8 (it is not parsed). By default it is a line that is not JSON, whose parse
         * error names the first bad byte.
         *
         * @param text the line with each malformed sequence replaced by U+FFFD
         * @param firstBadByte where the line stops being UTF-8, as {@link Utf8Line} words it ("byte 5 of the line is
         *     0xFF")
         */
        default void notUtf8(long line, String text, String firstBadByte) {
            notAnObject(line, text, null, "the line is not valid UTF-8: " + firstBadByte);
        }
    }

    /** Lines read, non-blank lines, and JSON objects among them. */
    public record Counts(long lines, long nonBlank, long objects) {}

    /** Visits every non-blank line of {@code file} (UTF-8). */
    public static Counts read(Path file, Visitor visitor) throws IOException {
        return read(file, visitor, null);
    }

    /**
     * As {@link #read(Path, Visitor)}, feeding every byte of the file to {@code digest} while it is read (null: none),
     * so a caller that names the file with its digest reads it once. Each line is decoded on its own, so a line that
     * is not valid UTF-8 is that line's finding ({@link Visitor#notUtf8}) and the lines after it are read.
     */
    public static Counts read(Path file, Visitor visitor, MessageDigest digest) throws IOException {
        long[] nonBlank = {0};
        long[] objects = {0};
        long lines = TextLines.read(
                file,
                (lineNo, decoded) -> {
                    if (!decoded.valid()) {
                        nonBlank[0]++;
                        visitor.notUtf8(lineNo, decoded.lossy(), decoded.firstBadByte());
                        return;
                    }
                    String line = decoded.text();
                    if (line.isBlank()) return;
                    nonBlank[0]++;
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        visitor.notAnObject(lineNo, line, null, Json.parseError(e));
                        return;
                    }
                    if (node instanceof ObjectNode o) {
                        objects[0]++;
                        visitor.object(lineNo, o);
                    } else {
                        visitor.notAnObject(lineNo, line, node, null);
                    }
                },
                digest);
        return new Counts(lines, nonBlank[0], objects[0]);
    }
}
