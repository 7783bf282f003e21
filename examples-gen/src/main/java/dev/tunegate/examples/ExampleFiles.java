package dev.tunegate.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the files of one example workspace (UTF-8, {@code \n} line ends). */
final class ExampleFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    ExampleFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    void write(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    /** One JSON object per line. */
    void writeJsonl(String relative, List<?> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Object r : rows) b.append(json(r)).append('\n');
        write(relative, b.toString());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
