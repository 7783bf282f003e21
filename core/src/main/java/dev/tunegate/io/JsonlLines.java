package dev.tunegate.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        long lineNo = 0;
        long nonBlank = 0;
        long objects = 0;
        InputStream raw = Files.newInputStream(file);
        if (digest != null) raw = new DigestInputStream(raw, digest);
        try (InputStream in = new BufferedInputStream(raw)) {
            LineBytes bytes = new LineBytes();
            while (bytes.next(in)) {
                lineNo++;
                Utf8Line decoded = Utf8Line.decode(bytes.buf, 0, bytes.length);
                if (!decoded.valid()) {
                    nonBlank++;
                    visitor.notUtf8(
                            lineNo,
                            new String(bytes.buf, 0, bytes.length, StandardCharsets.UTF_8),
                            decoded.firstBadByte());
                    continue;
                }
                String line = decoded.text();
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

    /** The bytes of one line at a time, without its terminator ({@code \n}, {@code \r\n} or {@code \r}). */
    private static final class LineBytes {
        byte[] buf = new byte[8192];
        int length;
        private int pending = -1; // a byte read past a lone \r

        /** Reads the next line; false at the end of the input. */
        boolean next(InputStream in) throws IOException {
            length = 0;
            int c = pending >= 0 ? pending : in.read();
            pending = -1;
            if (c < 0) return false;
            while (c >= 0 && c != '\n' && c != '\r') {
                if (length == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                buf[length++] = (byte) c;
                c = in.read();
            }
            if (c == '\r') {
                int after = in.read();
                if (after != '\n') pending = after;
            }
            return true;
        }
    }
}
