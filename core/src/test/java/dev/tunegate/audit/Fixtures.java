package dev.tunegate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small datasets for the audit tests. */
final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** One OpenAI chat row as JSON. */
    static String chat(String user, String assistant, Map<String, String> metadata) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(
                "messages",
                List.of(Map.of("role", "user", "content", user), Map.of("role", "assistant", "content", assistant)));
        if (metadata != null && !metadata.isEmpty()) row.put("metadata", metadata);
        try {
            return MAPPER.writeValueAsString(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String chat(String user, String assistant) {
        return chat(user, assistant, Map.of());
    }

    static Path write(Path dir, String name, List<String> lines) {
        return write(dir, name, String.join("\n", lines) + "\n");
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
