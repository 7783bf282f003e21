package dev.tunegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMemoTest {
    private static final RunMemo.Key<String> TEXT = RunMemo.Key.of("text");
    private static final RunMemo.Key<Integer> LENGTH = RunMemo.Key.of("length");

    @Test
    void aValueIsComputedOncePerFileAndKeyAndAgainWhenTheFileChanges(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("log.jsonl");
        Files.writeString(f, "a\n");
        RunMemo memo = new RunMemo();
        AtomicInteger reads = new AtomicInteger();
        java.util.function.Supplier<String> read = () -> {
            reads.incrementAndGet();
            try {
                return Files.readString(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(memo.get(TEXT, f, read)).isEqualTo("a\n");
        assertThat(memo.get(TEXT, dir.resolve(".").resolve("log.jsonl"), read)).isEqualTo("a\n");
        assertThat(reads).hasValue(1);
        assertThat(memo.computed(TEXT)).isEqualTo(1);
        // another key of the same file is its own value
        assertThat(memo.get(LENGTH, f, () -> 2)).isEqualTo(2);
        assertThat(memo.computed(LENGTH)).isEqualTo(1);
        // appended to (another size): read anew
        Files.writeString(f, "a\nb\n");
        assertThat(memo.get(TEXT, f, read)).isEqualTo("a\nb\n");
        assertThat(reads).hasValue(2);
        // a missing file is a value too, computed once
        Path missing = dir.resolve("none");
        assertThat(memo.get(TEXT, missing, () -> "")).isEmpty();
        assertThat(memo.get(TEXT, missing, () -> "again")).isEmpty();
        assertThat(memo.computed(TEXT)).isEqualTo(3);
    }
}
