package dev.tunegate.audit.neardup;

/** 64-bit mixing (the finaliser of SplitMix64 / MurmurHash3). */
final class Hashing {
    private Hashing() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
