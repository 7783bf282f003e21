package dev.tunegate.audit.semantic;

import dev.tunegate.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors on disk, one file per model ({@code <dir>/<model id>.emb}), keyed by the first 16 bytes of
 * the SHA-256 of the embedded text: a second audit of a grown dataset embeds only the new texts.
 * The file is rewritten whole and atomically ({@link AtomicFiles}) after an audit that embedded
 * something new; a damaged or foreign file is ignored (and replaced), never trusted.
 *
 * <p>Layout: {@code TGEMB1}, the model id (UTF), the dimension (int), the count (int), then per
 * vector the 16-byte key and {@code dim} float16 components (big-endian).
 */
final class EmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final String MAGIC = "TGEMB1";

    /** A text's key: 128 bits of its SHA-256. */
    record Key(long hi, long lo) {
        static Key of(String text) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                long hi = 0, lo = 0;
                for (int i = 0; i < 8; i++) hi = (hi << 8) | (h[i] & 0xff);
                for (int i = 8; i < 16; i++) lo = (lo << 8) | (h[i] & 0xff);
                return new Key(hi, lo);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path file;
    private final String modelId;
    private final int dim;
    private final Map<Key, short[]> vectors = new HashMap<>();
    private boolean dirty;

    private EmbeddingCache(Path file, String modelId, int dim) {
        this.file = file;
        this.modelId = modelId;
        this.dim = dim;
    }

    /** The cache of {@code modelId} in {@code dir} (null: no cache, nothing is read or written). */
    static EmbeddingCache open(Path dir, String modelId, int dim) {
        EmbeddingCache c = new EmbeddingCache(
                dir == null ? null : dir.resolve(modelId.replaceAll("[^A-Za-z0-9._-]", "_") + ".emb"), modelId, dim);
        if (c.file != null) c.load();
        return c;
    }

    Path file() {
        return file;
    }

    int size() {
        return vectors.size();
    }

    short[] get(Key k) {
        return vectors.get(k);
    }

    void put(Key k, short[] half) {
        if (vectors.put(k, half) == null) dirty = true;
    }

    private void load() {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || !modelId.equals(in.readUTF()) || in.readInt() != dim) {
                LOG.warn("{} is not a cache of {}: ignored", file, modelId);
                return;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Key k = new Key(in.readLong(), in.readLong());
                short[] v = new short[dim];
                for (int d = 0; d < dim; d++) v[d] = in.readShort();
                vectors.put(k, v);
            }
        } catch (NoSuchFileException e) {
            // first audit of this dataset with this model
        } catch (EOFException e) {
            LOG.warn("{} is truncated: ignored", file);
            vectors.clear();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            vectors.clear();
        }
    }

    /** Writes the cache when something was added (atomically). */
    void save() {
        if (file == null || !dirty) return;
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            d.writeUTF(MAGIC);
            d.writeUTF(modelId);
            d.writeInt(dim);
            d.writeInt(vectors.size());
            for (var e : vectors.entrySet()) {
                d.writeLong(e.getKey().hi());
                d.writeLong(e.getKey().lo());
                for (short s : e.getValue()) d.writeShort(s);
            }
            d.flush();
        });
        dirty = false;
    }
}
