package dev.tunegate.audit;

import java.util.Arrays;

/** A growable array of ints, one per row. */
final class IntColumn {
    private int[] values = new int[1024];
    private int size;

    void add(int v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    long bytes() {
        return 4L * values.length;
    }
}
