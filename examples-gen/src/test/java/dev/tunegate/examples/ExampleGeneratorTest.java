package dev.tunegate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleGeneratorTest {
    @TempDir
    Path tmp;

    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.contains("/decisions/") || rel.contains("/.tunegate/") || rel.contains("/reports/")) continue;
                out.put(
                        rel,
                        Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))) + ":" + Files.size(p));
            }
        }
        return out;
    }

    @Test
    void generatingTwiceGivesTheSameBytes() throws IOException {
        ExampleGenerator.generate(tmp.resolve("a"));
        ExampleGenerator.generate(tmp.resolve("b"));
        assertThat(digests(tmp.resolve("b"))).isEqualTo(digests(tmp.resolve("a")));
    }

    @Test
    void theCheckedInExamplesAreExactlyWhatTheGeneratorWrites() throws IOException {
        ExampleGenerator.generate(tmp.resolve("gen"));
        Map<String, String> shipped = digests(Path.of("examples"));
        assertThat(digests(tmp.resolve("gen")))
                .as("examples/ differ from the generator's output: run ./scripts/generate-examples and commit")
                .isEqualTo(shipped);
    }
}
