package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bulk SHA-256 ({@link Digests#newBulkSha256()}: OpenSSL's through the FFM API where the JVM allows it) is
 * checked against values derived independently of it: the FIPS 180-2 known answers, and the JDK's own SHA-256
 * implementation on random bytes fed in random slices.
 */
class BulkSha256Test {
    // FIPS 180-2 appendix B (and `printf '' | sha256sum` for the empty message)
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    /**
     * Where OpenSSL can be used, it is: a JDK 22+ running these tests (the surefire JVM has native access), on
     * Linux, with a libcrypto 3 or 1.1 in the usual places. Elsewhere the JDK's is used. So the fast path cannot
     * silently fall back on the CI machine without this test failing.
     */
    @Test
    void openSslIsUsedWhereverItCanBe() {
        boolean linux =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        boolean libcrypto = List.of(
                        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib")
                .stream()
                .anyMatch(d ->
                        Files.exists(Path.of(d, "libcrypto.so.3")) || Files.exists(Path.of(d, "libcrypto.so.1.1")));
        boolean built22 = Digests.class.getResource("OpenSslSha256.class") != null;
        boolean expectOpenSsl = Runtime.version().feature() >= 22 && built22 && linux && libcrypto;
        assertThat(Digests.bulkSha256Implementation()).isEqualTo(expectOpenSsl ? "openssl" : "jdk");
        if (expectOpenSsl) assertThat(Digests.newBulkSha256().toString()).contains("OpenSSL");
    }

    @Test
    void knownAnswers() {
        assertThat(bulkHex(new byte[0])).isEqualTo(EMPTY);
        assertThat(bulkHex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(bulkHex(
                        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(TWO_BLOCKS);
        MessageDigest md = Digests.newBulkSha256();
        byte[] thousand = "a".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1000; i++) md.update(thousand);
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(MILLION_A);
    }

    /** Random bytes in random slices (single bytes, offsets inside a larger array, empty updates) against the JDK's. */
    @Test
    void equalsTheJdksDigestOnRandomSlices() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261206);
        for (int round = 0; round < 40; round++) {
            byte[] data = new byte[rnd.nextInt(0, 1 << 20)];
            rnd.nextBytes(data);
            MessageDigest bulk = Digests.newBulkSha256();
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            int at = 0;
            while (at < data.length) {
                int len = Math.min(data.length - at, rnd.nextInt(0, 200_000));
                if (rnd.nextInt(8) == 0) {
                    bulk.update(data[at]);
                    jdk.update(data[at]);
                    at++;
                    continue;
                }
                bulk.update(data, at, len);
                jdk.update(data, at, len);
                at += len;
            }
            assertThat(HexFormat.of().formatHex(bulk.digest()))
                    .as("round %d, %d bytes", round, data.length)
                    .isEqualTo(HexFormat.of().formatHex(jdk.digest()));
        }
    }

    /** digest() leaves the digest ready for a new message, and reset() drops what was fed. */
    @Test
    void digestAndResetStartAgain() {
        MessageDigest md = Digests.newBulkSha256();
        md.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(EMPTY);
        md.update("some bytes that are dropped".getBytes(StandardCharsets.US_ASCII));
        md.reset();
        md.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(ABC);
        assertThat(md.getDigestLength()).isEqualTo(32);
    }

    @Test
    void badSlicesAreRefusedNotRead() {
        MessageDigest md = Digests.newBulkSha256();
        byte[] b = new byte[10];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> md.update(b, 5, 6))
                .isInstanceOf(RuntimeException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> md.update(b, -1, 2))
                .isInstanceOf(RuntimeException.class);
    }

    private static String bulkHex(byte[] b) {
        return HexFormat.of().formatHex(Digests.newBulkSha256().digest(b));
    }
}
