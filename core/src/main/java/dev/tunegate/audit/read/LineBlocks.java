package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain (uncompressed) JSONL file read in blocks of whole lines, for the audit's fast path: the
 * reader thread only reads big blocks ({@link #BLOCK} bytes, pooled) and finds the last newline of
 * each (the partial line after it is carried into the next block); the very same array goes,
 * without a copy, to the SHA-256 thread (the digest of every byte read, in order) and to a worker,
 * and returns to the pool when both are done. Workers split their block into lines themselves
 * ({@link Block#split}) with exactly the rules of {@link LineRowSource}: a leading BOM, {@code \r\n}
 * and blank lines, and a line longer than the cap becomes a {@code line_too_long} row (a line longer
 * than a block is skipped by the reader to its end and handed over as {@link Block#tooLong}).
 */
public final class LineBlocks implements AutoCloseable {
    /** Bytes per block. */
    public static final int BLOCK = 2 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private final int blockBytes;
    private final BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(64);
    /** Digests the arrays in read order, each without a copy (an array is held until digested). */
    private final HashingThread hasher = new HashingThread(6);
    /** The array being filled, the bytes in it ({@code [0, filled)}), and whether the file ended. */
    private Buf cur;

    private int filled;
    private boolean eof;
    /** Bytes of the file before {@code cur.bytes[0]}. */
    private long curStart;

    private boolean first = true;
    /** A read that failed: thrown once the whole lines before it were handed out. */
    private IOException failure;

    /** What a read failure of a plain file is called (as {@link LineRowSource} names it). */
    public static final String DAMAGED = "the file cannot be read";

    private LineBlocks(InputStream in, int maxLineBytes, int blockBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.blockBytes = blockBytes;
        this.cur = new Buf(take());
    }

    /** Opens {@code file} for block reading; its digest is computed as it is read. */
    public static LineBlocks open(Path file, int maxLineBytes) throws IOException {
        return open(file, maxLineBytes, BLOCK);
    }

    /** {@link #open(Path, int)} with blocks of {@code blockBytes} (small ones in tests, to cross block ends often). */
    public static LineBlocks open(Path file, int maxLineBytes, int blockBytes) throws IOException {
        return new LineBlocks(Files.newInputStream(file), maxLineBytes, Math.max(16, blockBytes));
    }

    /**
     * The next block: whole lines ({@link Block#bytes} from {@link Block#from} to {@link Block#to}, the last
     * line without its newline only at the end of the file), or a line too long to hold ({@link
     * Block#tooLong} &gt; 0); null at the end. An {@link IOException} is a read failure.
     */
    public Block next() throws IOException {
        while (true) {
            if (failure != null) {
                // the whole lines read before the failure first, then the failure
                int nl = lastNewline(cur.bytes, 0, filled);
                if (nl >= 0) {
                    Block b = new Block(cur, 0, nl + 1, 0, curStart, first);
                    first = false;
                    carry(nl + 1);
                    return b;
                }
                IOException e = failure;
                failure = null;
                filled = 0;
                throw e;
            }
            if (filled == cur.bytes.length && !eof) {
                // no newline in a whole array: a line longer than a block
                if (filled > maxLineBytes) return skipLongLine();
                grow();
            }
            if (!eof) {
                try {
                    fill();
                } catch (IOException e) {
                    failure = e;
                    eof = true;
                    continue;
                }
            }
            int nl = lastNewline(cur.bytes, 0, filled);
            if (nl >= 0 || (eof && filled > 0)) {
                int end = nl >= 0 && !eof ? nl + 1 : filled;
                Block b = new Block(cur, 0, end, 0, curStart, first);
                first = false;
                carry(end);
                return b;
            }
            if (eof) return null;
        }
    }

    /** The file's byte offset of the first line not handed out yet. */
    public long offset() {
        return curStart;
    }

    /** Reads until the array is full or the file ends; hands the new bytes to the hashing thread. */
    private void fill() throws IOException {
        int start = filled;
        byte[] a = cur.bytes;
        while (filled < a.length) {
            int n = in.read(a, filled, a.length - filled);
            if (n < 0) {
                eof = true;
                break;
            }
            filled += n;
        }
        if (filled > start) {
            Buf hashed = cur;
            hashed.retain();
            hasher.hash(hashed.bytes, start, filled, hashed::release);
        }
    }

    /** Starts a new array holding {@code cur[end, filled)}, the partial line after the block's end. */
    private void carry(int end) {
        Buf next = new Buf(take());
        int rest = filled - end;
        if (rest > next.bytes.length) next = new Buf(new byte[Math.max(rest, blockBytes)]);
        System.arraycopy(cur.bytes, end, next.bytes, 0, rest);
        curStart += end;
        cur.release();
        cur = next;
        filled = rest;
    }

    private void grow() {
        Buf next = new Buf(new byte[(int) Math.min(Integer.MAX_VALUE - 16, 2L * cur.bytes.length)]);
        System.arraycopy(cur.bytes, 0, next.bytes, 0, filled);
        cur.release();
        cur = next;
    }

    /** The line in {@code cur} is longer than the cap: reads to its end, keeping only the count. */
    private Block skipLongLine() throws IOException {
        long skipped = filled;
        long start = curStart;
        while (true) {
            // reuse the array: its bytes were hashed (the hashing thread holds its own reference)
            Buf next = new Buf(take());
            curStart += filled;
            cur.release();
            cur = next;
            filled = 0;
            fill();
            int nl = ByteScan.indexOfNewline(cur.bytes, 0, filled);
            if (nl >= 0) {
                skipped += nl;
                carry(nl + 1);
                break;
            }
            skipped += filled;
            if (eof) {
                carry(filled);
                break;
            }
        }
        Block b = new Block(null, 0, 0, skipped, start, first);
        first = false;
        return b;
    }

    private static int lastNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) if (b[i] == '\n') return i;
        return -1;
    }

    private byte[] take() {
        byte[] a = pool.poll();
        return a != null ? a : new byte[blockBytes];
    }

    /** The SHA-256 of the whole file as lowercase hex; call it once, after {@link #next} returned null. */
    public String sha256() throws IOException {
        while (!eof) {
            filled = 0;
            fill();
        }
        return HexFormat.of().formatHex(hasher.finish());
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            hasher.stop();
        }
    }

    /** An array shared by the reader, the hashing thread and a worker: back to the pool when all let go. */
    private final class Buf {
        final byte[] bytes;
        private final AtomicInteger refs = new AtomicInteger(1);

        Buf(byte[] bytes) {
            this.bytes = bytes;
        }

        void retain() {
            refs.incrementAndGet();
        }

        void release() {
            if (refs.decrementAndGet() == 0 && bytes.length == blockBytes) pool.offer(bytes);
        }
    }

    /**
     * Whole lines of the file (or one line too long to hold). Its array is shared: read it, then
     * {@link #release} it, once.
     */
    public final class Block {
        private final Buf buf;
        /** The array (null for a line too long). */
        public final byte[] bytes;
        /** Where the block's lines start and end in {@link #bytes}. */
        public final int from, to;
        /** A line longer than the cap, skipped: its length (without its newline); 0 for lines. */
        public final long tooLong;
        /** The file's byte offset of {@code from}. */
        public final long offset;
        /** Whether the block starts the file (its first line may start with a BOM). */
        public final boolean fileStart;

        private Block(Buf buf, int from, int to, long tooLong, long offset, boolean fileStart) {
            this.buf = buf;
            this.bytes = buf == null ? null : buf.bytes;
            this.from = from;
            this.to = to;
            this.tooLong = tooLong;
            this.offset = offset;
            this.fileStart = fileStart;
            if (buf != null) buf.retain();
        }

        /** Gives the array back (to the pool once the digest has it too). */
        public void release() {
            if (buf != null) buf.release();
        }

        /**
         * Splits the block into its lines as {@link LineRowSource} does: the ranges of its rows (a
         * row's line is stripped of a leading BOM on the file's first line and of one trailing
         * {@code \r}; blank lines are no rows), written to {@code out} as (line within the block,
         * 1-based; from; to; the row's kind: 0 a line, else too long) quadruples.
         *
         * @return the lines of the block
         */
        public int split(Lines out) {
            return split(out, null);
        }

        /**
         * {@link #split(Lines)}, reading each row at once with {@code fast}'s one-pass read ({@link
         * JsonRowParser#shallow(byte[], int, int)}) when it is given: that pass finds the line's end
         * too, so a block of rows read that way is gone over once. Rows read so have their {@link
         * Lines#shallow}; the others are split as {@link #split(Lines)} splits them.
         */
        public int split(Lines out, JsonRowParser fast) {
            out.clear();
            if (bytes == null) {
                out.add(1, 0, 0, true, null);
                return 1;
            }
            ShallowScan.Shape shape = fast == null ? null : fast.shallowShape();
            int[] found = out.end;
            int line = 0;
            int pos = from;
            while (pos < to) {
                if (shape != null && !(line == 0 && fileStart)) {
                    ShallowRow r = ShallowScan.scanLine(bytes, pos, to, shape, found);
                    if (r != null && found[0] - pos <= maxLineBytes) {
                        int e = found[0];
                        line++;
                        out.add(line, pos, e > pos && bytes[e - 1] == '\r' ? e - 1 : e, false, r);
                        pos = e < to ? e + 1 : to;
                        continue;
                    }
                }
                int nl = ByteScan.indexOfNewline(bytes, pos, to);
                int end = nl < 0 ? to : nl;
                line++;
                int s = pos, e = end;
                pos = nl < 0 ? to : nl + 1;
                if (e - s > maxLineBytes) {
                    out.add(line, s, e, true, null);
                    continue;
                }
                if (line == 1
                        && fileStart
                        && e - s >= 3
                        && (bytes[s] & 0xFF) == 0xEF
                        && (bytes[s + 1] & 0xFF) == 0xBB
                        && (bytes[s + 2] & 0xFF) == 0xBF) s += 3;
                if (e > s && bytes[e - 1] == '\r') e--;
                if (blank(bytes, s, e)) continue;
                out.add(line, s, e, false, null);
            }
            return line;
        }

        /** The {@code line_too_long} row of a line {@code length} bytes long. */
        public RawRow.Unreadable tooLongRow(int index, long line, long length) {
            return new RawRow.Unreadable(
                    index,
                    line,
                    FindingKind.LINE_TOO_LONG,
                    "line of " + length + " bytes is longer than the cap of " + maxLineBytes + " bytes; skipped",
                    length + 1);
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        return true;
    }

    /** The rows of a block, as {@link Block#split} finds them (reused from block to block). */
    public static final class Lines {
        private int n;
        private long[] a = new long[1024];
        private ShallowRow[] shallow = new ShallowRow[256];
        final int[] end = new int[1];

        void clear() {
            java.util.Arrays.fill(shallow, 0, n, null);
            n = 0;
        }

        void add(int line, int from, int to, boolean tooLong, ShallowRow row) {
            if (4 * n + 4 > a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            if (n == shallow.length) shallow = java.util.Arrays.copyOf(shallow, n * 2);
            shallow[n] = row;
            a[4 * n] = line;
            a[4 * n + 1] = from;
            a[4 * n + 2] = to;
            a[4 * n + 3] = tooLong ? 1 : 0;
            n++;
        }

        /** Rows found. */
        public int size() {
            return n;
        }

        /** The 1-based line of row {@code i} within the block. */
        public int line(int i) {
            return (int) a[4 * i];
        }

        public int from(int i) {
            return (int) a[4 * i + 1];
        }

        public int to(int i) {
            return (int) a[4 * i + 2];
        }

        /** Row {@code i} as the one-pass read gave it, or null when it was only split off. */
        public ShallowRow shallow(int i) {
            return shallow[i];
        }

        /** Whether row {@code i} is a line over the cap (its length: {@code to - from}). */
        public boolean tooLong(int i) {
            return a[4 * i + 3] != 0;
        }
    }
}
