package dev.tunegate.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SHA-256 by OpenSSL's libcrypto (its {@code EVP} digest API), called through the Foreign Function & Memory API
 * (JDK 22+): native code from the first byte (no JIT warm-up) at the hardware's speed (SHA-NI: measured 1.7 GB/s
 * against the JDK's 1.2 GB/s on this project's CI machine, docs/PERFORMANCE.md). The bytes are passed to OpenSSL
 * where they lie in the Java heap, without a copy ({@link Linker.Option#critical(boolean)}).
 *
 * <p>This class is compiled for Java 22 (the rest of core for 21) and loaded only by {@link Digests} on a JDK 22
 * or newer; {@link #factory()} returns null — and {@link Digests} falls back to the JDK's SHA-256 — when the JVM
 * does not allow native access to this code (no {@code --enable-native-access}: the JDK would print a warning),
 * on an operating system other than Linux (macOS aborts a process that loads its unversioned libcrypto), when no
 * libcrypto 3 or 1.1 is installed, or when the library fails a known-answer test.
 */
final class OpenSslSha256 extends MessageDigest {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String[] LIBRARIES = {"libcrypto.so.3", "libcrypto.so.1.1"};
    /** FIPS 180-2, appendix B.1: SHA-256("abc"). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private final Native lib;
    private final MemorySegment ctx;
    private final byte[] one = new byte[1];

    private OpenSslSha256(Native lib) {
        super("SHA-256");
        this.lib = lib;
        this.ctx = lib.newContext();
        MemorySegment c = ctx;
        CLEANER.register(this, () -> lib.free(c));
        lib.init(ctx);
    }

    /** A source of OpenSSL SHA-256 digests, or null when they cannot be used here (see the class comment). */
    static Supplier<MessageDigest> factory() {
        if (!OpenSslSha256.class.getModule().isNativeAccessEnabled()) return null;
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) return null;
        Native lib = Native.load().orElse(null);
        if (lib == null) return null;
        OpenSslSha256 test = new OpenSslSha256(lib);
        test.update("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!HexFormat.of().formatHex(test.digest()).equals(ABC)) return null;
        return () -> new OpenSslSha256(lib);
    }

    @Override
    protected void engineUpdate(byte input) {
        one[0] = input;
        try {
            lib.update(ctx, one, 0, 1);
        } finally {
            Reference.reachabilityFence(this); // the cleaner must not free the context during the call
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (len == 0) return; // MessageDigest.update has checked the slice
        try {
            lib.update(ctx, input, offset, len);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[32];
        try {
            lib.finish(ctx, out);
            lib.init(ctx);
        } finally {
            Reference.reachabilityFence(this);
        }
        return out;
    }

    @Override
    protected void engineReset() {
        try {
            lib.init(ctx);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    public String toString() {
        return "SHA-256 (OpenSSL libcrypto)";
    }

    /** The libcrypto functions this digest calls, bound once per JVM. */
    private record Native(
            MethodHandle newCtx,
            MethodHandle freeCtx,
            MethodHandle initEx,
            MethodHandle update,
            MethodHandle finalEx,
            MemorySegment sha256) {

        static Optional<Native> load() {
            Linker linker = Linker.nativeLinker();
            for (String name : LIBRARIES) {
                SymbolLookup lookup;
                try {
                    lookup = SymbolLookup.libraryLookup(name, Arena.global());
                } catch (IllegalArgumentException absent) {
                    continue;
                }
                try {
                    MethodHandle evpSha256 = linker.downcallHandle(
                            symbol(lookup, "EVP_sha256"), FunctionDescriptor.of(ValueLayout.ADDRESS));
                    MemorySegment md = (MemorySegment) evpSha256.invokeExact();
                    if (md.equals(MemorySegment.NULL)) continue;
                    return Optional.of(new Native(
                            linker.downcallHandle(
                                    symbol(lookup, "EVP_MD_CTX_new"), FunctionDescriptor.of(ValueLayout.ADDRESS)),
                            linker.downcallHandle(
                                    symbol(lookup, "EVP_MD_CTX_free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)),
                            linker.downcallHandle(
                                    symbol(lookup, "EVP_DigestInit_ex"),
                                    FunctionDescriptor.of(
                                            ValueLayout.JAVA_INT,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.ADDRESS)),
                            // critical: no safepoint during the call, so OpenSSL may read the Java array in place
                            linker.downcallHandle(
                                    symbol(lookup, "EVP_DigestUpdate"),
                                    FunctionDescriptor.of(
                                            ValueLayout.JAVA_INT,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.JAVA_LONG),
                                    Linker.Option.critical(true)),
                            linker.downcallHandle(
                                    symbol(lookup, "EVP_DigestFinal_ex"),
                                    FunctionDescriptor.of(
                                            ValueLayout.JAVA_INT,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.ADDRESS,
                                            ValueLayout.ADDRESS),
                                    Linker.Option.critical(true)),
                            md));
                } catch (Throwable unusable) {
                    // a libcrypto without the EVP API (or one that fails to bind): try the next, then the JDK's
                }
            }
            return Optional.empty();
        }

        private static MemorySegment symbol(SymbolLookup lookup, String name) {
            return lookup.find(name).orElseThrow(() -> new IllegalStateException("libcrypto has no " + name));
        }

        MemorySegment newContext() {
            try {
                MemorySegment c = (MemorySegment) newCtx.invokeExact();
                if (c.equals(MemorySegment.NULL)) throw new OutOfMemoryError("EVP_MD_CTX_new returned NULL");
                return c;
            } catch (Throwable t) {
                throw rethrow("EVP_MD_CTX_new", t);
            }
        }

        void free(MemorySegment c) {
            try {
                freeCtx.invokeExact(c);
            } catch (Throwable t) {
                throw rethrow("EVP_MD_CTX_free", t);
            }
        }

        void init(MemorySegment c) {
            int ok;
            try {
                ok = (int) initEx.invokeExact(c, sha256, MemorySegment.NULL);
            } catch (Throwable t) {
                throw rethrow("EVP_DigestInit_ex", t);
            }
            if (ok != 1) throw new IllegalStateException("OpenSSL EVP_DigestInit_ex failed");
        }

        void update(MemorySegment c, byte[] bytes, int offset, int len) {
            int ok;
            try {
                ok = (int) update.invokeExact(c, MemorySegment.ofArray(bytes).asSlice(offset, len), (long) len);
            } catch (Throwable t) {
                throw rethrow("EVP_DigestUpdate", t);
            }
            if (ok != 1) throw new IllegalStateException("OpenSSL EVP_DigestUpdate failed");
        }

        void finish(MemorySegment c, byte[] out) {
            int ok;
            try {
                ok = (int) finalEx.invokeExact(c, MemorySegment.ofArray(out), MemorySegment.NULL);
            } catch (Throwable t) {
                throw rethrow("EVP_DigestFinal_ex", t);
            }
            if (ok != 1) throw new IllegalStateException("OpenSSL EVP_DigestFinal_ex failed");
        }

        private static RuntimeException rethrow(String call, Throwable t) {
            if (t instanceof RuntimeException r) return r;
            if (t instanceof Error e) throw e;
            return new IllegalStateException("OpenSSL " + call + " failed", t);
        }
    }
}
