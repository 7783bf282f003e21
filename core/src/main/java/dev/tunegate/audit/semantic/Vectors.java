package dev.tunegate.audit.semantic;

/**
 * Unit vectors held as float16 (two bytes a component: 768 bytes a row for a 384-dimension model)
 * in one flat array. Every vector the audit compares goes through float16, whether it was just
 * embedded or read from the cache, so a report does not depend on what was cached.
 */
public final class Vectors {
    private final int dim;
    private final short[] data;
    private final int size;

    public Vectors(int dim, int size) {
        this.dim = dim;
        this.size = size;
        this.data = new short[Math.multiplyExact(dim, size)];
    }

    int dim() {
        return dim;
    }

    public int size() {
        return size;
    }

    public void set(int i, float[] v) {
        int o = i * dim;
        for (int d = 0; d < dim; d++) data[o + d] = Float.floatToFloat16(v[d]);
    }

    void setRaw(int i, short[] half) {
        System.arraycopy(half, 0, data, i * dim, dim);
    }

    short[] raw(int i) {
        short[] out = new short[dim];
        System.arraycopy(data, i * dim, out, 0, dim);
        return out;
    }

    float[] get(int i) {
        float[] v = new float[dim];
        int o = i * dim;
        for (int d = 0; d < dim; d++) v[d] = Float.float16ToFloat(data[o + d]);
        return v;
    }

    /** Bytes held per vector. */
    int bytesPerVector() {
        return 2 * dim;
    }
}
