package dev.tunegate.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's byte-level helpers against their plain definitions: the eight-bytes-at-a-time
 * newline search and string scan against byte loops, and the digest hashed on its own thread (in 1 MB chunks)
 * against {@link MessageDigest} over the same bytes in one call.
 */
class ReaderBytesTest {
    /**
     * {@code ShallowScan.string} reads a string sixteen and eight bytes at a time to the next byte that needs a
     * look: every byte value, at every place of two words and of the tail, and next to a second such byte, must
     * end the string where a byte-at-a-time reading of the same rules ends it (written here from the rules: JSON's
     * escapes, no control character, no {@code "{{"}, well-formed UTF-8 by {@code ShallowScan.utf8}, tested on its
     * own). A byte the word test missed would be read past.
     */
    @Test
    void theWordAtATimeStringScanEndsWhereAByteLoopEnds() {
        int[] seconds = {'a', '"', '\\', '{', 0x1F, 0x7F, 0x80, 0xBF, 0xC3};
        for (int v = 0; v < 256; v++)
            for (int second : seconds)
                for (int at = 0; at < 26; at++)
                    for (int len : new int[] {at + 1, at + 2, 20, 27}) {
                        if (len <= at) continue;
                        byte[] b = new byte[len + 1];
                        java.util.Arrays.fill(b, (byte) 'a');
                        b[at] = (byte) v;
                        if (at + 1 < len) b[at + 1] = (byte) second;
                        b[len] = '"';
                        assertThat(ShallowScan.string(b, 0, b.length))
                                .as("%s", HexFormat.of().formatHex(b))
                                .isEqualTo(byteAtATime(b, 0, b.length));
                    }
    }

    /** The end of the string starting at {@code i} (after its closing quote), or -1: the rules, one byte at a time. */
    private static int byteAtATime(byte[] b, int i, int to) {
        while (i < to) {
            int c = b[i];
            if (c == '"') return i + 1;
            if (c == '\\') {
                if (i + 1 >= to) return -1;
                int e = b[i + 1];
                if ("\"\\/bfnrt".indexOf(e) >= 0) i += 2;
                else if (e == 'u') {
                    if (i + 6 > to) return -1;
                    String hex = new String(b, i + 2, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (!hex.matches("[0-9A-Fa-f]{4}") || Integer.parseInt(hex, 16) == '{') return -1;
                    i += 6;
                } else return -1;
            } else if (c == '{' && i + 1 < to && b[i + 1] == '{') return -1;
            else if (c < 0) {
                int n = ShallowScan.utf8(b, i, to);
                if (n < 0) return -1;
                i += n;
            } else if (c < 0x20) return -1;
            else i++;
        }
        return -1;
    }

    @Test
    void theWordAtATimeNewlineSearchFindsWhatAByteLoopFinds() {
        Random rnd = new Random(7);
        // bytes around '\n' (0x0A) and those a borrow could confuse: 0x00, 0x01, 0x0B, 0x8A, 0xFF
        byte[] alphabet = {'\n', 0x00, 0x01, 0x09, 0x0B, (byte) 0x8A, (byte) 0xFF, 'a', ' ', (byte) 0x80};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            int density = 1 + rnd.nextInt(20);
            for (int i = 0; i < b.length; i++)
                b[i] = rnd.nextInt(density) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++)
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            assertThat(ByteScan.indexOfNewline(b, from, to))
                    .as("%s [%d, %d)", HexFormat.of().formatHex(b), from, to)
                    .isEqualTo(expected);
        }
    }

    @Test
    void formatDetectionSeesTheKeysTheTreeSees() throws Exception {
        // the streamed key scan of format detection against readTree: the same keys, and null
        // exactly when readTree fails or gives no object (seeded lines: nesting, cuts, trailing
        // text, duplicate keys, bad escapes, invalid UTF-8, non-objects)
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        DatasetReader reader = new DatasetReader(mapper, 1 << 20);
        String[] values = {
            "1",
            "\"s\"",
            "null",
            "[1, {\"a\": [2]}]",
            "{\"x\": {\"y\": 1}}",
            "\"bad \\q\"",
            "01",
            "tru",
            // valid, but not for the shallow reading: Jackson answers these
            "\"café\"",
            "\"{{name}}\"",
            "\"\\u007b\""
        };
        Random rnd = new Random(10);
        int objects = 0, shallow = 0;
        for (int round = 0; round < 3_000; round++) {
            StringBuilder b = new StringBuilder(rnd.nextInt(15) == 0 ? "[" : "{");
            int fields = rnd.nextInt(4);
            for (int f = 0; f < fields; f++) {
                if (f > 0) b.append(", ");
                b.append('"').append((char) ('a' + rnd.nextInt(4))).append("\": ");
                b.append(values[rnd.nextInt(values.length)]);
            }
            b.append(rnd.nextInt(15) == 0 ? "]" : "}");
            if (rnd.nextInt(10) == 0) b.append(" tail");
            if (rnd.nextInt(10) == 0) b.setLength(Math.max(0, b.length() - 1 - rnd.nextInt(3)));
            byte[] line = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (rnd.nextInt(20) == 0 && line.length > 3) line[line.length / 2] = (byte) 0xC3; // broken UTF-8
            java.util.Set<String> expected;
            try {
                var n = mapper.readTree(line);
                if (n != null && n.isObject()) {
                    expected = new java.util.LinkedHashSet<>();
                    n.fieldNames().forEachRemaining(expected::add);
                } else expected = null;
            } catch (java.io.IOException e) {
                expected = null;
            }
            if (expected != null) objects++;
            if (ShallowScan.topLevelKeys(line) != null) shallow++;
            assertThat(reader.topLevelKeys(line))
                    .as(new String(line, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
        assertThat(objects).as("objects among the lines").isBetween(500, 2_900);
        // the shallow reading answers the plain lines itself (Jackson only the others): both paths are exercised
        assertThat(shallow).as("lines ShallowScan read").isBetween(200, objects - 100);
    }

    @Test
    void theDigestHashedOnItsOwnThreadIsTheSha256OfTheBytes() throws Exception {
        Random rnd = new Random(8);
        for (int size : new int[] {0, 1, CountingInputStream.CHUNK - 1, CountingInputStream.CHUNK, 2_500_001}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            String expected = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            try (CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data), true)) {
                // mixed reads: single bytes, small and large buffers; the rest is read by sha256()
                byte[] buf = new byte[3 * CountingInputStream.CHUNK];
                long read = 0;
                while (read < size / 2) {
                    int n =
                            switch (rnd.nextInt(3)) {
                                case 0 -> in.read() < 0 ? -1 : 1;
                                case 1 -> in.read(buf, 0, 1 + rnd.nextInt(100));
                                default -> in.read(buf, 7, 1 + rnd.nextInt(buf.length - 7));
                            };
                    if (n < 0) break;
                    read += n;
                }
                assertThat(in.sha256()).as("%d bytes", size).isEqualTo(expected);
                assertThat(in.count()).isEqualTo(size);
            }
        }
    }
}
