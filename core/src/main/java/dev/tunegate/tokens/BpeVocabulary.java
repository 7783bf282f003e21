package dev.tunegate.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A byte-pair vocabulary as compact open-addressing tables. Tokens of up to {@value #PACKED} bytes — what most
 * lookups of the merges ask for — are a key (their bytes and length in one long) beside their rank, in a table
 * where a probe reads one cache line; longer ones have their bytes in one pool and a table of ranks probed by a
 * hash of the bytes. Read from a {@code .tiktoken} file (one {@code base64 rank} per line). Immutable, so shared by every
 * thread.
 */
final class BpeVocabulary {
    /** What {@link #rank} returns for bytes that are no token. */
    static final int NONE = Integer.MAX_VALUE;

    private final byte[] pool;
    private final int[] offset;
    private final int[] length;
    /** Rank + 1 per slot, 0 for an empty slot. */
    private final int[] slots;

    private final int[] slotHash;
    private final int mask;
    private final int size;

    /** Longest token kept packed: its bytes (56 bits) and its length (3) are one long key. */
    static final int PACKED = 7;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Slot i is {@code [2i]} the {@link #packed} key (0 when empty: a key holds its length, never 0) and
     * {@code [2i + 1]} the rank: side by side, in the same cache line.
     */
    private final long[] packedSlots;

    private final int packedMask;

    private BpeVocabulary(byte[] pool, int[] offset, int[] length, int size) {
        this.pool = pool;
        this.offset = offset;
        this.length = length;
        this.size = size;
        int shortTokens = 0;
        for (int r = 0; r < offset.length; r++) if (length[r] > 0 && length[r] <= PACKED) shortTokens++;
        int cap = Integer.highestOneBit(Math.max(16, (size - shortTokens) * 3)) << 1;
        this.slots = new int[cap];
        this.slotHash = new int[cap];
        this.mask = cap - 1;
        for (int r = 0; r < offset.length; r++) {
            if (length[r] <= PACKED) continue; // none, or in the packed table
            int h = hash(pool, offset[r], offset[r] + length[r]);
            int i = h & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = r + 1;
            slotHash[i] = h;
        }
        int packedCap = Integer.highestOneBit(Math.max(16, shortTokens * 2)) << 1; // a quarter to half full
        this.packedSlots = new long[2 * packedCap];
        this.packedMask = packedCap - 1;
        for (int r = 0; r < offset.length; r++) {
            if (length[r] == 0 || length[r] > PACKED) continue;
            long key = packed(pool, offset[r], offset[r] + length[r]);
            int i = packedHash(key) & packedMask;
            while (packedSlots[2 * i] != 0) i = (i + 1) & packedMask;
            packedSlots[2 * i] = key;
            packedSlots[2 * i + 1] = r;
        }
    }

    /**
     * The bytes {@code b[from, to)} (1 to {@value #PACKED} of them, byte j at bits 8j) and their number (bits 56 to
     * 58) as one key; eight bytes read at once when the array has them.
     */
    private static long packed(byte[] b, int from, int to) {
        int n = to - from;
        long bytes;
        if (from + 8 <= b.length) bytes = (long) LONGS.get(b, from) & ((1L << (n << 3)) - 1);
        else {
            bytes = 0;
            for (int i = from; i < to; i++) bytes |= (long) (b[i] & 0xff) << ((i - from) << 3);
        }
        return bytes | (long) n << 56;
    }

    private static int packedHash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) ^ (int) h;
    }

    /** Tokens in the vocabulary. */
    int size() {
        return size;
    }

    /**
     * Reads a {@code .tiktoken} resource from the jtokkit jar, e.g.
     * {@code /com/knuddels/jtokkit/o200k_base.tiktoken}.
     */
    static BpeVocabulary fromResource(String resource) {
        try (InputStream in = com.knuddels.jtokkit.Encodings.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException(
                        "vocabulary " + resource + " is missing from the jtokkit jar on the class path");
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("reading vocabulary " + resource, e);
        }
    }

    /** Parses {@code base64 rank} lines. */
    static BpeVocabulary parse(byte[] file, String name) {
        int lines = 0;
        for (byte b : file) if (b == '\n') lines++;
        byte[] pool = new byte[file.length];
        int[] ranks = new int[lines + 1];
        int[] offs = new int[lines + 1];
        int[] lens = new int[lines + 1];
        int count = 0;
        int maxRank = -1;
        int poolLen = 0;
        int p = 0;
        int lineNo = 0;
        while (p < file.length) {
            lineNo++;
            int eol = p;
            while (eol < file.length && file[eol] != '\n') eol++;
            int sp = p;
            while (sp < eol && file[sp] != ' ') sp++;
            if (sp == eol) {
                if (eol > p && !(eol == p + 1 && file[p] == '\r')) {
                    throw new IllegalStateException(name + ":" + lineNo + ": expected \"base64 rank\", found no space");
                }
                p = eol + 1;
                continue;
            }
            int start = poolLen;
            poolLen = decodeBase64(file, p, sp, pool, poolLen, name, lineNo);
            int rank = 0;
            for (int q = sp + 1; q < eol && file[q] != '\r'; q++) {
                int d = file[q] - '0';
                if (d < 0 || d > 9)
                    throw new IllegalStateException(name + ":" + lineNo + ": expected a rank, found a non-digit");
                rank = rank * 10 + d;
            }
            ranks[count] = rank;
            offs[count] = start;
            lens[count] = poolLen - start;
            maxRank = Math.max(maxRank, rank);
            count++;
            p = eol + 1;
        }
        int[] offset = new int[maxRank + 1];
        int[] length = new int[maxRank + 1];
        for (int i = 0; i < count; i++) {
            offset[ranks[i]] = offs[i];
            length[ranks[i]] = lens[i];
        }
        return new BpeVocabulary(Arrays.copyOf(pool, poolLen), offset, length, count);
    }

    private static int decodeBase64(byte[] src, int from, int to, byte[] dst, int at, String name, int lineNo) {
        int acc = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int c = src[i];
            int v;
            if (c >= 'A' && c <= 'Z') v = c - 'A';
            else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
            else if (c >= '0' && c <= '9') v = c - '0' + 52;
            else if (c == '+') v = 62;
            else if (c == '/') v = 63;
            else if (c == '=') break;
            else throw new IllegalStateException(name + ":" + lineNo + ": expected base64, found '" + (char) c + "'");
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                dst[at++] = (byte) (acc >>> bits);
            }
        }
        return at;
    }

    /** The hash the table is probed with. */
    static int hash(byte[] b, int from, int to) {
        int h = 0x9E3779B9 * (to - from + 1);
        for (int i = from; i < to; i++) h = (h ^ (b[i] & 0xff)) * 0x01000193;
        return h ^ (h >>> 16);
    }

    /** The rank of {@code b[from, to)}, or {@link #NONE}. */
    int rank(byte[] b, int from, int to) {
        return to - from <= PACKED ? packedRank(b, from, to) : poolRank(b, from, to, hash(b, from, to));
    }

    private int packedRank(byte[] b, int from, int to) {
        if (to <= from) return NONE;
        long key = packed(b, from, to);
        int i = packedHash(key) & packedMask;
        while (true) {
            long k = packedSlots[2 * i];
            if (k == key) return (int) packedSlots[2 * i + 1];
            if (k == 0) return NONE;
            i = (i + 1) & packedMask;
        }
    }

    /** The rank of {@code b[from, to)}, longer than {@value #PACKED} bytes, whose {@link #hash} is {@code h}. */
    private int poolRank(byte[] b, int from, int to, int h) {
        int len = to - from;
        int i = h & mask;
        while (true) {
            int r = slots[i];
            if (r == 0) return NONE;
            if (slotHash[i] == h) {
                r--;
                if (length[r] == len && Arrays.equals(pool, offset[r], offset[r] + len, b, from, to)) return r;
            }
            i = (i + 1) & mask;
        }
    }
}
