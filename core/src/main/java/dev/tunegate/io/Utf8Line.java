package dev.tunegate.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One line of a text file decoded as strict UTF-8 (the JDK's decoder, reporting malformed input), or where it stops
 * being UTF-8: the byte and its place, counted in bytes, since the user's editor may not show the byte at all. The
 * words are those of the dataset audit's {@code invalid_utf8} finding ("byte 5 of the line is 0xFF"), so every
 * reader that skips such a line says it the same way.
 *
 * @param text the decoded line, or null when it is not valid UTF-8
 * @param firstBadByte where it stops being UTF-8, or null when it is valid
 * @param lossy the line with each malformed sequence replaced by U+FFFD (the text when it is valid)
 */
public record Utf8Line(String text, String firstBadByte, String lossy) {

    /** Decodes {@code b[from, to)}. */
    public static Utf8Line decode(byte[] b, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from); // UTF-8 never decodes to more chars than bytes
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position(); // the decoder stops at the first byte of the malformed sequence
            return new Utf8Line(
                    null,
                    String.format(Locale.ROOT, "byte %d of the line is 0x%02X", at - from + 1, b[at] & 0xFF),
                    new String(b, from, to - from, StandardCharsets.UTF_8));
        }
        String text = out.flip().toString();
        return new Utf8Line(text, null, text);
    }

    /** Whether the line is valid UTF-8. */
    public boolean valid() {
        return text != null;
    }
}
