package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLinesTest {
    @TempDir
    Path dir;

    @Test
    void objectsAreVisitedWithTheirLineAndEverythingElseIsReportedNotDropped() throws IOException {
        Path f = dir.resolve("x.jsonl");
        Files.writeString(f, "\uFEFF{\"a\":1}\r\n\n[1,2]\n{not json\n  \n{\"b\":2}\n", StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        JsonlLines.Counts c = JsonlLines.read(f, new JsonlLines.Visitor() {
            @Override
            public void object(long line, ObjectNode node) {
                seen.add(line + ":" + node);
            }

            @Override
            public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                seen.add(line + ":" + (parsed != null ? "value " + parsed.getNodeType() : "error"));
            }
        });
        assertThat(seen).containsExactly("1:{\"a\":1}", "3:value ARRAY", "4:error", "6:{\"b\":2}");
        assertThat(c).isEqualTo(new JsonlLines.Counts(6, 4, 2));
    }

    @Test
    void aLineThatIsNotUtf8IsThatLinesFindingNamingItsFirstBadByteAndTheLinesAfterItAreRead() throws IOException {
        Path f = dir.resolve("x.jsonl");
        // line 2: "é" written as Latin-1 (0xE9, a lead byte that "x" cannot continue) at byte 10 of the line;
        // line 3 ends with a lone \r, which ends a line as BufferedReader.readLine's rules say
        byte[] bad = "{\"a\":\"caf".getBytes(StandardCharsets.US_ASCII);
        Files.write(
                f,
                concat(
                        "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8),
                        bad,
                        new byte[] {(byte) 0xE9},
                        "x\"}\n{\"b\":\"é\"}\r{\"c\":3}".getBytes(StandardCharsets.UTF_8)));
        List<String> seen = new ArrayList<>();
        JsonlLines.Counts c = JsonlLines.read(f, new JsonlLines.Visitor() {
            @Override
            public void object(long line, ObjectNode node) {
                seen.add(line + ":" + node);
            }

            @Override
            public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                seen.add(line + ":" + parseError);
            }
        });
        assertThat(seen)
                .containsExactly(
                        "1:{\"a\":1}",
                        "2:the line is not valid UTF-8: byte " + (bad.length + 1) + " of the line is 0xE9",
                        "3:{\"b\":\"é\"}",
                        "4:{\"c\":3}");
        assertThat(bad.length + 1).isEqualTo(10);
        assertThat(c).isEqualTo(new JsonlLines.Counts(4, 4, 3));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void aBomIsDroppedAndTheLastLineNeedsNoTerminator() throws IOException {
        Path f = dir.resolve("t.txt");
        Files.write(f, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "a\r\nb".getBytes()));
        List<String> seen = new ArrayList<>();
        long n = TextLines.read(f, (line, decoded) -> seen.add(line + ":" + decoded.text()), null);
        assertThat(seen).containsExactly("1:a", "2:b");
        assertThat(n).isEqualTo(2);
    }
}
