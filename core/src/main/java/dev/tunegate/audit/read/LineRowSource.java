package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * JSONL: one row per non-blank line; {@code \r\n} and a leading BOM are accepted. A line longer
 * than the cap is skipped to its end and becomes an {@link RawRow.Unreadable} row, so a 100 MB
 * line costs no more memory than the cap.
 */
final class LineRowSource implements RowSource {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long line;
    private int index;
    private boolean eof;
    private byte[] acc = new byte[1024];

    LineRowSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public RawRow next() throws IOException {
        while (true) {
            int len = 0;
            long skipped = 0;
            boolean sawAny = false;
            boolean endOfLine = false;
            while (!endOfLine) {
                if (pos >= limit) {
                    if (eof || !fill()) break;
                }
                sawAny = true;
                int start = pos;
                while (pos < limit && buf[pos] != '\n') pos++;
                int n = pos - start;
                if (pos < limit) {
                    pos++;
                    endOfLine = true;
                }
                if (skipped > 0 || len + n > maxLineBytes) {
                    skipped += (skipped == 0 ? len : 0) + n;
                    len = 0;
                } else {
                    if (len + n > acc.length) acc = Arrays.copyOf(acc, Math.max(acc.length * 2, len + n));
                    System.arraycopy(buf, start, acc, len, n);
                    len += n;
                }
            }
            if (!sawAny) return null;
            line++;
            if (skipped > 0) {
                return new RawRow.Unreadable(
                        index++,
                        line,
                        FindingKind.LINE_TOO_LONG,
                        "line of " + skipped + " bytes is longer than the cap of " + maxLineBytes + " bytes; skipped",
                        skipped + 1);
            }
            int from = 0;
            if (line == 1 && len >= 3 && (acc[0] & 0xFF) == 0xEF && (acc[1] & 0xFF) == 0xBB && (acc[2] & 0xFF) == 0xBF)
                from = 3;
            int to = len;
            if (to > from && acc[to - 1] == '\r') to--;
            if (blank(acc, from, to)) continue;
            return new RawRow.JsonLine(index++, line, Arrays.copyOfRange(acc, from, to));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        return true;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
