package dev.tunegate.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Reads a small text file (JSONL, TREC runs and qrels) line by line, each line decoded as UTF-8 on its own
 * ({@link Utf8Line}), so a line that is not valid UTF-8 is that line's problem and the lines after it are read. Lines
 * end at {@code \n}, {@code \r\n} or {@code \r} (as {@link java.io.BufferedReader#readLine} has them); a leading BOM
 * is dropped.
 */
public final class TextLines {
    private TextLines() {}

    /** What to do with each line. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param number the line's number, from 1
         * @param line the line decoded, or where it stops being UTF-8
         */
        void line(long number, Utf8Line line);
    }

    /**
     * Visits every line of {@code file}, feeding every byte of it to {@code digest} while it is read (null: none).
     *
     * @return the number of lines
     */
    public static long read(Path file, Visitor visitor, MessageDigest digest) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (digest != null) raw = new DigestInputStream(raw, digest);
        long n = 0;
        try (InputStream in = new BufferedInputStream(raw)) {
            LineBytes bytes = new LineBytes();
            while (bytes.next(in)) {
                n++;
                int from = n == 1 && bytes.startsWithBom() ? 3 : 0;
                visitor.line(n, Utf8Line.decode(bytes.buf, from, bytes.length));
            }
        }
        return n;
    }

    /** The bytes of one line at a time, without its terminator. */
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

        boolean startsWithBom() {
            return length >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF;
        }
    }
}
