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
}
