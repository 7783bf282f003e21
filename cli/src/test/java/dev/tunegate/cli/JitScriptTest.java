package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/jit.sh}, which the launcher sources on every run to choose the JIT: C1 alone unless the command
 * serves, or a large input (a file over 32 MiB, named or in a named folder) meets more work than counting. Large files
 * here are sparse (their length set, no bytes written): {@code find -size} reads the length, as it does of a real one.
 */
class JitScriptTest {
    private static final Path SCRIPT = Checkout.file("scripts/jit.sh");
    private static final String C1 = "-XX:TieredStopAtLevel=1";

    @Test
    void shortRunsGetC1Alone(@TempDir Path dir) throws Exception {
        Path small = Files.writeString(dir.resolve("train.jsonl"), "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
        assertThat(option(Map.of(), "--version")).isEqualTo(C1);
        assertThat(option(Map.of(), "audit", small.toString())).isEqualTo(C1);
        assertThat(option(Map.of(), "assess", dir.toString())).isEqualTo(C1);
        assertThat(option(Map.of(), "audit", "/no/such/file", "--only", "tokens"))
                .isEqualTo(C1);
    }

    @Test
    void serveAndLargeInputsGetTheDefault(@TempDir Path dir) throws Exception {
        Path big = sparse(dir.resolve("big.jsonl"), 33L << 20);
        Path workspace = Files.createDirectories(dir.resolve("ws/data/raw"));
        sparse(workspace.resolve("calls.csv"), 40L << 20);

        assertThat(option(Map.of(), "serve")).isEmpty();
        assertThat(option(Map.of(), "audit", big.toString())).isEmpty();
        assertThat(option(Map.of(), "audit", big.toString(), "--only", "counts,tokens"))
                .isEmpty();
        assertThat(option(
                        Map.of(),
                        "audit",
                        "--golden=" + big,
                        dir.resolve("none").toString()))
                .isEmpty();
        assertThat(option(Map.of(), "ops", "weekly", dir.resolve("ws").toString()))
                .isEmpty();
    }

    @Test
    void anAuditThatOnlyCountsALargeFileGetsC1Alone(@TempDir Path dir) throws Exception {
        Path big = sparse(dir.resolve("big.jsonl"), 33L << 20);
        assertThat(option(Map.of(), "audit", big.toString(), "--only", "counts", "--format", "json"))
                .isEqualTo(C1);
        assertThat(option(Map.of(), "audit", "--only=counts", big.toString())).isEqualTo(C1);
        // 32 MiB exactly is not over the line; a byte more is
        assertThat(option(
                        Map.of(),
                        "audit",
                        sparse(dir.resolve("edge.jsonl"), 32L << 20).toString()))
                .isEqualTo(C1);
        assertThat(option(
                        Map.of(),
                        "audit",
                        sparse(dir.resolve("over.jsonl"), (32L << 20) + 1).toString()))
                .isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheChoiceAndANameOutsideTheThreeIsRefused(@TempDir Path dir) throws Exception {
        Path big = sparse(dir.resolve("big.jsonl"), 33L << 20);
        assertThat(option(Map.of("TUNEGATE_JIT", "quick"), "audit", big.toString()))
                .isEqualTo(C1);
        assertThat(option(Map.of("TUNEGATE_JIT", "full"), "--version")).isEmpty();
        assertThat(option(Map.of("TUNEGATE_JIT", "auto"), "--version")).isEqualTo(C1);

        Result r = run(Map.of("TUNEGATE_JIT", "fast"), "--version");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.out).isEqualTo("error: TUNEGATE_JIT is 'fast'; expected auto, quick or full.");
    }

    private static Path sparse(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
        return file;
    }

    private static String option(Map<String, String> env, String... args) throws Exception {
        Result r = run(env, args);
        assertThat(r.code).as(r.out).isZero();
        return r.out;
    }

    private record Result(int code, String out) {}

    /** What the script prints, run as a program (it prints jit_option's answer for its arguments). */
    private static Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("TUNEGATE_JIT");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
