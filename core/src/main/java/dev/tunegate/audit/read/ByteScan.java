package dev.tunegate.audit.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte scans of the JSONL hot path, eight bytes at a time (a long read from the byte array):
 * where a line ends, and the word constants {@link ShallowScan} reads strings with. A byte of {@code x
 * = word ^ PATTERN} is zero where the word holds that byte, and {@code (x - ONES) & ~x & HIGHS} is
 * non-zero exactly when some byte of {@code x} is zero, with the high bit of the lowest zero byte
 * set (bits above it may be set by the borrow, never bits below): the trailing zeros of a
 * little-endian word give its position.
 */
final class ByteScan {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    static final long BRACES = 0x7B7B7B7B7B7B7B7BL;
    static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private ByteScan() {}

    /** The high bit of each zero byte of {@code x} (exact for the lowest; see the class comment). */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The first {@code \n} in {@code b[from, to)}, or -1. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = zeros((long) LONGS.get(b, i) ^ NEWLINES);
            if (t != 0) return i + (Long.numberOfTrailingZeros(t) >>> 3);
        }
        for (; i < to; i++) if (b[i] == '\n') return i;
        return -1;
    }
}
