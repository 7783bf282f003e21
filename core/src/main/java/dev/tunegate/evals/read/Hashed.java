package dev.tunegate.evals.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * An eval file opened for a reader that hashes it while it reads: every byte read goes to the digest, and closing the
 * stream reads what the parser left (a promptfoo file past its results, a CSV's trailing bytes) into it, so the digest
 * is the whole file's from one read.
 */
final class Hashed extends FilterInputStream {
    private final MessageDigest digest;
    private boolean closed;

    private Hashed(InputStream in, MessageDigest digest) {
        super(new DigestInputStream(in, digest));
        this.digest = digest;
    }

    /** The file's stream, hashed into {@code digest} (null: a plain stream). */
    static InputStream open(Path file, MessageDigest digest) throws IOException {
        InputStream in = Files.newInputStream(file);
        return digest == null ? in : new Hashed(in, digest);
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            in.transferTo(OutputStream.nullOutputStream()); // the rest of the file, into the digest
        } finally {
            super.close();
        }
    }

    @Override
    public String toString() {
        return "hashed stream (" + digest.getAlgorithm() + ")";
    }
}
