package dev.tunegate.audit.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A thread of its own that digests a file's bytes (SHA-256) in the order the reading thread hands them over, so
 * the file is read once for its rows and its digest and the reader does not wait for the digest. The digest is
 * {@link dev.tunegate.io.Digests#newBulkSha256()} (OpenSSL's where the JVM can call it), made on this thread so
 * that binding libcrypto the first time does not hold up the reader. Ranges are digested in 64 KB slices (with
 * the JDK's digest, 5-8 % faster than one 2 MB update: the JIT compiles its update path, whose multi-block loop is
 * the SHA-NI intrinsic, sooner; a native call per slice costs nothing measurable). Used by the row reader's counting
 * stream and by the block reader ({@link LineBlocks}).
 */
final class HashingThread {
    private record Range(byte[] bytes, int from, int to, Runnable done) {}

    private static final Range END = new Range(null, 0, 0, null);
    private static final int SLICE = 64 << 10;
    /** Made on the hashing thread (binding libcrypto the first time is done there, not on the reader's). */
    private MessageDigest digest;

    private final BlockingQueue<Range> ranges;
    private final Thread thread;
    private volatile Throwable failure;

    /** @param inFlight how many handed ranges may wait for the thread before {@link #hash} blocks */
    HashingThread(int inFlight) {
        ranges = new ArrayBlockingQueue<>(inFlight);
        thread = new Thread(this::run, "tunegate-sha256");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            digest = dev.tunegate.io.Digests.newBulkSha256();
            while (true) {
                Range r = ranges.take();
                if (r == END) return;
                for (int s = r.from(); s < r.to(); s += SLICE) {
                    digest.update(r.bytes(), s, Math.min(SLICE, r.to() - s));
                }
                r.done().run();
            }
        } catch (InterruptedException e) {
            // stopped: the audit ended early, nobody asks for the digest
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * Hands {@code bytes[from, to)} over (the caller must not change them until {@code done} runs, on the hashing
     * thread, once they are digested); blocks while {@code inFlight} ranges wait.
     */
    void hash(byte[] bytes, int from, int to, Runnable done) throws IOException {
        put(new Range(bytes, from, to, done));
    }

    private void put(Range r) throws IOException {
        try {
            ranges.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the file");
        }
    }

    /** The digest of everything handed over; call it once, after the last {@link #hash}. */
    byte[] finish() throws IOException {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the file");
        }
        if (failure != null) throw new IllegalStateException("hashing the file failed", failure);
        return digest.digest();
    }

    /** Stops the thread (nobody will ask for the digest). */
    void stop() {
        thread.interrupt();
    }
}
