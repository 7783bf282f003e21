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
 * {@code scripts/jvm-mode.sh}, which the launcher sources on every run to choose the JVM's mode: quick (C1 alone, the
 * serial collector) unless the command serves, or a large input (a file over 32 MiB, named or in a named folder) meets
 * more work than counting. Large files
 * here are sparse (their length set, no bytes written): {@code find -size} reads the length, as it does of a real one.
 */
class JvmModeScriptTest {
    private static final Path SCRIPT = Checkout.file("scripts/jvm-mode.sh");
    private static final String QUICK = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @Test
    void shortRunsAreQuick(@TempDir Path dir) throws Exception {
        Path small = Files.writeString(dir.resolve("train.jsonl"), "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
        assertThat(option(Map.of(), "--version")).isEqualTo(QUICK);
        assertThat(option(Map.of(), "audit", small.toString())).isEqualTo(QUICK);
        assertThat(option(Map.of(), "assess", dir.toString())).isEqualTo(QUICK);
        assertThat(option(Map.of(), "audit", "/no/such/file", "--only", "tokens"))
                .isEqualTo(QUICK);
    }

    @Test
    void serveAndLargeInputsGetTheJvmDefaults(@TempDir Path dir) throws Exception {
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
    void linksAreFollowedAndTheCommandIsFoundAfterTunegatesOwnOption(@TempDir Path dir) throws Exception {
        Path big = sparse(Files.createDirectories(dir.resolve("cache/blobs")).resolve("abc123"), 33L << 20);
        // a dataset as a link into a cache (the Hugging Face hub's snapshots, DVC), and a folder that is a link
        Path link = Files.createSymbolicLink(dir.resolve("train.jsonl"), big);
        Path folder = Files.createSymbolicLink(dir.resolve("snapshot"), big.getParent());
        assertThat(option(Map.of(), "audit", link.toString())).isEmpty();
        assertThat(option(Map.of(), "assess", folder.toString())).isEmpty();

        assertThat(option(Map.of(), "--stacktrace", "serve", dir.toString())).isEmpty();
        assertThat(option(Map.of(), "--stacktrace", "audit", link.toString(), "--only", "counts"))
                .isEqualTo(QUICK);
        // the list as the CLI reads it: any case, blanks around the names
        assertThat(option(Map.of(), "audit", link.toString(), "--only", "COUNTS"))
                .isEqualTo(QUICK);
        assertThat(option(Map.of(), "audit", link.toString(), "--only", "counts, tokens"))
                .isEmpty();
    }

    @Test
    void aFileWhoseNameStartsWithADashIsStillMeasured(@TempDir Path dir) throws Exception {
        sparse(dir.resolve("-big.jsonl"), 33L << 20);
        Result r = runIn(dir, Map.of(), "audit", "--", "-big.jsonl");
        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out).isEmpty();
    }

    @Test
    void anAuditThatOnlyCountsALargeFileIsQuick(@TempDir Path dir) throws Exception {
        Path big = sparse(dir.resolve("big.jsonl"), 33L << 20);
        assertThat(option(Map.of(), "audit", big.toString(), "--only", "counts", "--format", "json"))
                .isEqualTo(QUICK);
        assertThat(option(Map.of(), "audit", "--only=counts", big.toString())).isEqualTo(QUICK);
        // 32 MiB exactly is not over the line; a byte more is
        assertThat(option(
                        Map.of(),
                        "audit",
                        sparse(dir.resolve("edge.jsonl"), 32L << 20).toString()))
                .isEqualTo(QUICK);
        assertThat(option(
                        Map.of(),
                        "audit",
                        sparse(dir.resolve("over.jsonl"), (32L << 20) + 1).toString()))
                .isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheChoiceAndANameOutsideTheThreeIsRefused(@TempDir Path dir) throws Exception {
        Path big = sparse(dir.resolve("big.jsonl"), 33L << 20);
        assertThat(option(Map.of("TUNEGATE_JVM_MODE", "quick"), "audit", big.toString()))
                .isEqualTo(QUICK);
        assertThat(option(Map.of("TUNEGATE_JVM_MODE", "full"), "--version")).isEmpty();
        assertThat(option(Map.of("TUNEGATE_JVM_MODE", "auto"), "--version")).isEqualTo(QUICK);

        // a collector the user names is kept: the JVM refuses two; other options that merely end in GC are no choice
        assertThat(option(Map.of("TUNEGATE_JAVA_OPTS", "-Xmx2g -XX:+UseParallelGC"), "--version"))
                .isEqualTo("-XX:TieredStopAtLevel=1");
        assertThat(option(Map.of("TUNEGATE_JAVA_OPTS", "-XX:+UseCompressedOops -XX:+DisableExplicitGC"), "--version"))
                .isEqualTo(QUICK);

        Result r = run(Map.of("TUNEGATE_JVM_MODE", "fast"), "--version");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.out).isEqualTo("error: TUNEGATE_JVM_MODE is 'fast'; expected auto, quick or full.");
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

    /** What the script prints, run as a program (it prints jvm_mode_options' answer for its arguments). */
    private static Result run(Map<String, String> env, String... args) throws Exception {
        return runIn(null, env, args);
    }

    private static Result runIn(Path workingDirectory, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workingDirectory != null) pb.directory(workingDirectory.toFile());
        pb.environment().remove("TUNEGATE_JVM_MODE");
        pb.environment().remove("TUNEGATE_JAVA_OPTS");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
