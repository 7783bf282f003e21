package dev.tunegate.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An invalid_utf8 finding says where the line stops being UTF-8. The places are counted by hand from the bytes
 * below (1-based, in bytes), and the rules are the Unicode standard's table 3-7.
 */
class MalformedUtf8MessageTest {
    private static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = (byte) b[i];
        return r;
    }

    @Test
    void aStrayByteAfterWellFormedText() {
        // a b é(C3 A9) then FF: bytes 1-4 are well-formed, byte 5 can start nothing
        assertThat(JsonRowParser.firstMalformed(bytes('a', 'b', 0xC3, 0xA9, 0xFF)))
                .isEqualTo("byte 5 of the line is 0xFF");
    }

    @Test
    void anOverlongFormAndACutSequenceAreNamedAtTheirFirstByte() {
        // C0 80 is an overlong NUL: C0 starts no well-formed sequence
        assertThat(JsonRowParser.firstMalformed(bytes('{', 0xC0, 0x80))).isEqualTo("byte 2 of the line is 0xC0");
        // x then the first two bytes of € (E2 82 AC): the sequence starting at byte 2 is cut by the end of the line
        assertThat(JsonRowParser.firstMalformed(bytes('x', 0xE2, 0x82))).isEqualTo("byte 2 of the line is 0xE2");
        // ED A0 80 would be a surrogate (U+D800)
        assertThat(JsonRowParser.firstMalformed(bytes(0xED, 0xA0, 0x80))).isEqualTo("byte 1 of the line is 0xED");
    }
}
