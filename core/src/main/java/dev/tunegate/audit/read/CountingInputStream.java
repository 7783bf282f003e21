package dev.tunegate.audit.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Counts the bytes read from the underlying (possibly compressed) file and, when asked to, hashes
 * them with SHA-256 as they stream through, so the file is read once for its rows and its digest.
 * The hashing runs on a thread of its own, fed 1 MB chunks copied from the reads (so the digest's
 * multi-block loop, a CPU intrinsic once compiled, does the work, and the reader thread that splits
 * the rows does not wait for it). Read from one thread; {@link #close} stops the hashing thread.
 */
final class CountingInputStream extends FilterInputStream {
    /** Bytes per chunk handed to the hashing thread. */
    static final int CHUNK = 1 << 20;

    private volatile long count;
    private final Hasher hasher;
    private boolean eof;

    CountingInputStream(InputStream in) {
        this(in, false);
    }

    CountingInputStream(InputStream in, boolean sha256) {
        super(in);
        this.hasher = sha256 ? new Hasher() : null;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            if (hasher != null) hasher.add(new byte[] {(byte) b}, 0, 1);
        } else eof = true;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count += n;
            if (hasher != null) hasher.add(buf, off, n);
        } else if (n < 0) eof = true;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (hasher == null) {
            long s = super.skip(n);
            count += s;
            return s;
        }
        byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r <= 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (hasher != null) hasher.stop();
        }
    }

    /**
     * The SHA-256 of the whole file as lowercase hex: reads (and hashes) whatever the readers above
     * have not consumed yet, e.g. the rest of a file whose compressed stream ended early. Call it
     * once, before closing.
     */
    String sha256() throws IOException {
        if (hasher == null) throw new IllegalStateException("not hashing");
        if (!eof) {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) >= 0) {
                // read() hashes
            }
        }
        return HexFormat.of().formatHex(hasher.finish());
    }

    /**
     * The chunks on their way to the hashing thread: reads are copied into 1 MB chunks (at most 8 MB in flight). The
     * thread starts with the first full chunk, so a stream closed before (the audit's format detection, whose rows
     * the block reader reads again) starts none and hashes nothing.
     */
    private static final class Hasher {
        private HashingThread thread;
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(10);
        private byte[] pending = new byte[CHUNK];
        private int pendingLength;

        void add(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - pendingLength);
                System.arraycopy(b, off, pending, pendingLength, n);
                pendingLength += n;
                off += n;
                len -= n;
                if (pendingLength == CHUNK) hand();
            }
        }

        private void hand() throws IOException {
            byte[] full = pending;
            thread().hash(full, 0, pendingLength, () -> free.offer(full));
            byte[] next = free.poll();
            pending = next != null ? next : new byte[CHUNK];
            pendingLength = 0;
        }

        byte[] finish() throws IOException {
            if (pendingLength > 0) hand();
            return thread().finish();
        }

        private HashingThread thread() {
            if (thread == null) thread = new HashingThread(8);
            return thread;
        }

        void stop() {
            if (thread != null) thread.stop();
        }
    }
}
