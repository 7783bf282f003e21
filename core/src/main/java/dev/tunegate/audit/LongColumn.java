package dev.tunegate.audit;

import java.util.Arrays;

/** A growable array of longs, one per row: the audit's per-row fixed-size state. */
final class LongColumn {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    long bytes() {
        return 8L * values.length;
    }
}
