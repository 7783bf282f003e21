package dev.tunegate.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/** SHA-256 digests of files and bytes, as lowercase hex: the provenance every record carries. */
public final class Digests {
    private Digests() {}

    public static String sha256(Path file) {
        MessageDigest md = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A finished digest as lowercase hex (for a digest computed while the bytes streamed past). */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * A SHA-256 digest for hashing many megabytes (a training file as it is read): OpenSSL's, through the FFM API,
     * when this JVM can use it (JDK 22+, native access enabled, Linux with libcrypto 3 or 1.1, a known answer
     * checked once), else the JDK's. Both give the same digest; OpenSSL's runs native from the first byte at the
     * hardware's speed, where the JDK's is interpreted until the JIT compiles its SHA-NI loop and then runs ≈ 30 %
     * slower (docs/PERFORMANCE.md). {@code -Dtunegate.sha256=jdk} forces the JDK's.
     */
    public static MessageDigest newBulkSha256() {
        Supplier<MessageDigest> bulk = Bulk.SOURCE;
        return bulk != null ? bulk.get() : newSha256();
    }

    /** Which implementation {@link #newBulkSha256()} uses: {@code "openssl"} or {@code "jdk"}. */
    public static String bulkSha256Implementation() {
        return Bulk.SOURCE != null ? "openssl" : "jdk";
    }

    /** Looked up once, on first use (lazily: small commands never bind libcrypto). */
    private static final class Bulk {
        static final Supplier<MessageDigest> SOURCE = load();

        @SuppressWarnings("unchecked")
        private static Supplier<MessageDigest> load() {
            if (Runtime.version().feature() < 22 || "jdk".equals(System.getProperty("tunegate.sha256"))) return null;
            try {
                // compiled for Java 22 from src/main/java22 when the build runs on a JDK 22+; absent otherwise
                Class<?> c = Class.forName("dev.tunegate.io.OpenSslSha256");
                java.lang.reflect.Method factory = c.getDeclaredMethod("factory");
                factory.setAccessible(true);
                return (Supplier<MessageDigest>) factory.invoke(null);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
                return null;
            }
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
