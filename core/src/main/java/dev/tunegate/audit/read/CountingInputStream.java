package dev.tunegate.audit.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Counts the bytes read from the underlying (possibly compressed) file and, when asked to, hashes
 * them with SHA-256 as they stream through, so the file is read once for its rows and its digest.
 * Read from one thread.
 */
final class CountingInputStream extends FilterInputStream {
    private volatile long count;
    private final MessageDigest digest;
    private boolean eof;

    CountingInputStream(InputStream in) {
        this(in, false);
    }

    CountingInputStream(InputStream in, boolean sha256) {
        super(in);
        this.digest = sha256 ? dev.tunegate.io.Digests.newSha256() : null;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            if (digest != null) digest.update((byte) b);
        } else eof = true;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count += n;
            if (digest != null) digest.update(buf, off, n);
        } else if (n < 0) eof = true;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (digest == null) {
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

    /**
     * The SHA-256 of the whole file as lowercase hex: reads (and hashes) whatever the readers above
     * have not consumed yet, e.g. the rest of a file whose compressed stream ended early. Call it
     * once, before closing.
     */
    String sha256() throws IOException {
        if (digest == null) throw new IllegalStateException("not hashing");
        if (!eof) {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) >= 0) {
                // read() hashes
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
