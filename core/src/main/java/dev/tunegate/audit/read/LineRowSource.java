package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * JSONL: one row per non-blank line; {@code \r\n} and a leading BOM are accepted. A line longer
 * than the cap is skipped to its end and becomes an {@link RawRow.Unreadable} row, so a 100 MB
 * line costs no more memory than the cap. The reader thread only finds the line ends and copies
 * each line once; decoding and parsing happen on the workers. A stream that fails mid-file (a
 * truncated gzip or zstd stream) is a {@link TruncatedInputException} at the line it cuts.
 */
final class LineRowSource implements RowSource {
    private final InputStream in;
    private final int maxLineBytes;
    private final String damaged;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long line;
    private int index;
    private boolean eof;
    private byte[] acc = new byte[1024];
    /** Bytes of the content before {@code buf[0]}. */
    private long bufStart;

    /** @param damaged what a stream that fails mid-file is called, e.g. "the gzip stream is truncated or corrupt" */
    LineRowSource(InputStream in, int maxLineBytes, String damaged) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.damaged = damaged;
    }

    @Override
    public RawRow next() throws IOException {
        while (true) {
            long lineStart = bufStart + pos;
            if (pos < limit) {
                // the common case: the whole line is in the buffer; copy it once
                int start = pos;
                int end = ByteScan.indexOfNewline(buf, start, limit);
                if (end >= 0 && end - start <= maxLineBytes) {
                    pos = end + 1;
                    line++;
                    RawRow r = row(buf, start, end);
                    if (r != null) return r;
                    continue;
                }
            }
            int len = 0;
            long skipped = 0;
            boolean sawAny = false;
            boolean endOfLine = false;
            while (!endOfLine) {
                if (pos >= limit) {
                    if (eof || !fill(lineStart)) break;
                }
                sawAny = true;
                int start = pos;
                int nl = ByteScan.indexOfNewline(buf, start, limit);
                pos = nl < 0 ? limit : nl;
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
            RawRow r = row(acc, 0, len);
            if (r != null) return r;
        }
    }

    /** The row of {@code b[from, to)} (a line without its newline), or null when it is blank. */
    private RawRow row(byte[] b, int from, int to) {
        if (line == 1
                && to - from >= 3
                && (b[from] & 0xFF) == 0xEF
                && (b[from + 1] & 0xFF) == 0xBB
                && (b[from + 2] & 0xFF) == 0xBF) from += 3;
        if (to > from && b[to - 1] == '\r') to--;
        if (blank(b, from, to)) return null;
        return new RawRow.JsonLine(index++, line, Arrays.copyOfRange(b, from, to));
    }

    private boolean fill(long lineStart) throws IOException {
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            eof = true;
            throw new TruncatedInputException(line + 1, lineStart, damaged, TruncatedInputException.firstLineOf(e), e);
        }
        bufStart += limit;
        if (n <= 0) {
            eof = true;
            pos = limit = 0;
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
