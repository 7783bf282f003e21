package dev.tunegate.audit.read;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

/**
 * Opens a file that may be gzip- or zstd-compressed, detected from its magic bytes (not its name).
 * Shared by the dataset readers and the production-log readers ({@code dev.tunegate.ops.read}).
 */
public final class Decompression {
    private Decompression() {}

    /**
     * A decompressed stream.
     *
     * @param stream the decompressed bytes (close it)
     * @param compression {@code none}, {@code gzip} or {@code zstd}
     * @param compressedBytesRead bytes of the file read so far (for progress and MB/s)
     */
    public record Opened(InputStream stream, String compression, LongSupplier compressedBytesRead) {}

    /** Detects the compression of {@code file} and opens it; the header of a compressed stream is read here. */
    public static Opened open(java.nio.file.Path file) throws IOException {
        CountingInputStream counter = new CountingInputStream(java.nio.file.Files.newInputStream(file));
        BufferedInputStream raw = new BufferedInputStream(counter, 1 << 16);
        String compression = compressionOf(raw);
        try {
            InputStream in =
                    switch (compression) {
                        case "gzip" -> new GZIPInputStream(raw, 1 << 16);
                        case "zstd" -> new ZstdInputStream(raw);
                        default -> raw;
                    };
            return new Opened(in, compression, counter::count);
        } catch (IOException e) {
            raw.close();
            throw new IOException("cannot read the " + compression + " header: " + e.getMessage(), e);
        }
    }

    /** {@code gzip}, {@code zstd} or {@code none}, from the first four bytes (the stream is reset). */
    static String compressionOf(BufferedInputStream raw) throws IOException {
        raw.mark(4);
        byte[] magic = raw.readNBytes(4);
        raw.reset();
        if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) return "gzip";
        if (magic.length == 4
                && (magic[0] & 0xFF) == 0x28
                && (magic[1] & 0xFF) == 0xB5
                && (magic[2] & 0xFF) == 0x2F
                && (magic[3] & 0xFF) == 0xFD) return "zstd";
        return "none";
    }
}
