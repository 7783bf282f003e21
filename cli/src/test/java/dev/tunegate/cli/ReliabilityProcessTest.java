package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 rows 1, 2, 3 and 10 with the real CLI as child processes (the test's own classpath, so the code under
 * test): concurrent writers on one workspace, kill -9 at seeded random moments, a full disk on a small tmpfs.
 * Counts are bounded so the class stays within about half a minute on a loaded 2-core machine.
 */
class ReliabilityProcessTest {
    @TempDir
    Path tmp;

    static Path miniWorkspace(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tunegate.yaml"), "useCase:\n  name: mini\n  taskType: classification\n");
        return dir;
    }

    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TunegateCommand.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static int await(Process p) throws InterruptedException {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();
        return p.exitValue();
    }

    /** Every log line names a record whose JSON matches its sha256; ids are unique; returns the ids. */
    static List<String> assertLogMatchesRecords(Path ws) throws IOException {
        Path dir = ws.resolve("decisions");
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("log.jsonl"))) {
            JsonNode n = Json.mapper().readTree(l);
            Path json = dir.resolve(n.get("json").asText());
            assertThat(json).as(l).exists();
            assertThat(dir.resolve(n.get("record").asText())).as(l).exists();
            assertThat(Digests.sha256(Files.readString(json)))
                    .as("sha256 of " + json)
                    .isEqualTo(n.get("sha256").asText());
            ids.add(n.get("id").asText());
        }
        assertThat(new HashSet<>(ids)).as("record numbers are unique").hasSameSizeAs(ids);
        return ids;
    }

    static List<String> tempFiles(Path ws) throws IOException {
        try (Stream<Path> s = Files.walk(ws)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    void concurrentAssessRunsAllSucceedWithUniqueNumbersAndMatchingDigests() throws Exception {
        Path ws = miniWorkspace(tmp.resolve("ws"));
        int runs = 4; // two pairs at once (the machine has 2 cores)
        List<Process> ps = new ArrayList<>();
        // --force: identical inputs would otherwise give one record ("unchanged since"); here every run must write
        for (int i = 0; i < runs; i++)
            ps.add(start(tmp.resolve("out" + i + ".txt"), "assess", ws.toString(), "--force"));
        for (int i = 0; i < runs; i++) {
            assertThat(await(ps.get(i)))
                    .as(Files.readString(tmp.resolve("out" + i + ".txt")))
                    .isZero();
        }
        List<String> ids = assertLogMatchesRecords(ws);
        assertThat(ids).hasSize(runs);
        assertThat(ids).containsExactlyInAnyOrder("0001", "0002", "0003", "0004");
        assertThat(tempFiles(ws)).isEmpty();

        // without --force, concurrent identical runs all exit 0 and add no record: the check runs under the lock
        ps.clear();
        for (int i = 0; i < 2; i++) ps.add(start(tmp.resolve("same" + i + ".txt"), "assess", ws.toString()));
        for (int i = 0; i < 2; i++) {
            assertThat(await(ps.get(i)))
                    .as(Files.readString(tmp.resolve("same" + i + ".txt")))
                    .isZero();
            assertThat(Files.readString(tmp.resolve("same" + i + ".txt"))).contains("unchanged since 0004");
        }
        assertThat(assertLogMatchesRecords(ws)).hasSize(runs);
    }

    @Test
    void twoConcurrentPromotesToDifferentEnvironmentsBothLand() throws Exception {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        Process a = start(
                tmp.resolve("a.txt"), "adapter", "promote", ws.toString(), "ticket-router@1.0.0", "--env", "staging");
        Process b = start(
                tmp.resolve("b.txt"), "adapter", "promote", ws.toString(), "ticket-router@1.0.0", "--env", "canary");
        assertThat(await(a)).as(Files.readString(tmp.resolve("a.txt"))).isZero();
        assertThat(await(b)).as(Files.readString(tmp.resolve("b.txt"))).isZero();
        JsonNode envs =
                Json.mapper().readTree(ws.resolve("adapters.lock").toFile()).get("environments");
        assertThat(envs.has("staging")).isTrue();
        assertThat(envs.has("canary")).isTrue();
        assertThat(envs.has("prod")).isTrue();
    }

    @Test
    void killedAssessRunsLeaveNothingDoctorCannotRepairAndTheNextRunIsClean() throws Exception {
        long seed = Long.getLong("tunegate.killSeed", 19L);
        System.out.println("kill test seed: " + seed + " (rerun with -Dtunegate.killSeed=" + seed + ")");
        Random rnd = new Random(seed);
        Path ws = miniWorkspace(tmp.resolve("ws"));
        assertThat(await(start(tmp.resolve("first.txt"), "assess", ws.toString())))
                .isZero();
        long full = 0;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            Process p = start(tmp.resolve("k" + k + ".txt"), "assess", ws.toString());
            // kill at a random point of a run: between JVM start and past the usual end of the writes
            long delay = 400 + rnd.nextInt(k == 0 ? 4000 : (int) Math.max(1000, full));
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor();
            }
            full = Math.max(full, (System.nanoTime() - t0) / 1_000_000);
            // whatever the kill left: every logged record is whole
            assertLogMatchesRecords(ws);
        }
        CliRun doctor = CliRun.of("doctor", ws.toString());
        assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
        assertThat(CliRun.of("doctor", ws.toString(), "--dry-run").out()).contains("healthy");
        assertThat(tempFiles(ws)).isEmpty();
        // every numbered file in decisions/ has its log line now
        Set<String> logged = new HashSet<>(assertLogMatchesRecords(ws));
        try (Stream<Path> s = Files.list(ws.resolve("decisions"))) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}-.*"))
                    .forEach(n -> assertThat(logged).as(n + " has a log line").contains(n.substring(0, 4)));
        }
        assertThat(CliRun.of("assess", ws.toString()).exitCode()).isZero();
        assertLogMatchesRecords(ws);
    }

    @Test
    void doctorMovesARecordWithoutItsLogLineAndRemovesTempFiles() throws IOException {
        Path ws = miniWorkspace(tmp.resolve("ws"));
        assertThat(CliRun.of("assess", ws.toString()).exitCode()).isZero();
        Path d = ws.resolve("decisions");
        Files.writeString(d.resolve("0002-mini-improve-prompt.json"), "{\"half\": ");
        Files.writeString(d.resolve(".0002-mini-improve-prompt.md.1234.tmp"), "half");
        Files.writeString(
                d.resolve("log.jsonl"),
                "{\"kind\":\"decision\",\"id\":\"0003\"",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        CliRun dry = CliRun.of("doctor", ws.toString(), "--dry-run");
        assertThat(dry.exitCode()).isEqualTo(1);
        assertThat(dry.out()).contains("orphan temp file", "record without its log line", "torn last line");
        assertThat(d.resolve("0002-mini-improve-prompt.json")).exists();
        CliRun fix = CliRun.of("doctor", ws.toString());
        assertThat(fix.exitCode()).as(fix.out()).isZero();
        assertThat(d.resolve("0002-mini-improve-prompt.json")).doesNotExist();
        assertThat(ws.resolve("decisions/incomplete/0002-mini-improve-prompt.json"))
                .exists();
        assertThat(tempFiles(ws)).isEmpty();
        assertThat(Files.readString(d.resolve("log.jsonl"))).endsWith("\n");
        assertThat(CliRun.of("doctor", ws.toString(), "--dry-run").exitCode()).isZero();
    }

    @Test
    void doctorsDryRunListsAnOldOrphanTempFileAndRemovesNothing() throws IOException {
        Path ws = miniWorkspace(tmp.resolve("ws"));
        Path d = Files.createDirectories(ws.resolve("decisions"));
        Path temp = Files.writeString(d.resolve(".0005-x.md.999.tmp"), "x\n");
        // older than this JVM: the write lock's start-up sweep would remove it on the first acquisition
        Files.setLastModifiedTime(
                temp, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        CliRun dry = CliRun.of("doctor", ws.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.out()).isEqualTo(1);
        assertThat(dry.out())
                .contains("decisions/.0005-x.md.999.tmp: orphan temp file of a killed write (2 bytes); would remove it")
                .contains("1 to repair, 0 cannot be repaired (dry run: nothing changed)")
                .doesNotContain("repaired,");
        assertThat(temp).exists();

        CliRun fix = CliRun.of("doctor", ws.toString());
        assertThat(fix.exitCode()).as(fix.out()).isZero();
        assertThat(fix.out()).contains("orphan temp file").contains("1 repaired, 0 left");
        assertThat(temp).doesNotExist();
    }

    @Test
    void aNoteIsNeverCountedAsRepairedOrFound() throws IOException {
        Path ws = miniWorkspace(tmp.resolve("ws"));
        assertThat(CliRun.of("assess", ws.toString()).exitCode()).isZero();
        Path log = ws.resolve("decisions/log.jsonl");
        Files.writeString(
                log, "{\"id\":\"0009\",\"rec", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(CliRun.of("doctor", ws.toString()).exitCode()).isZero();
        // the torn line, terminated, is now a note: readers skip it, nothing is left to do
        CliRun dry = CliRun.of("doctor", ws.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.out()).isZero();
        assertThat(dry.out()).contains("note: not a JSON object").contains("healthy: nothing to repair");
        // beside something to repair, the note is still not counted (it was counted as "1 repaired" in a dry run)
        Files.writeString(ws.resolve("decisions/.0002-mini.md.77.tmp"), "half");
        dry = CliRun.of("doctor", ws.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.out()).isEqualTo(1);
        assertThat(dry.out())
                .contains("note: not a JSON object")
                .contains("1 to repair, 0 cannot be repaired (dry run: nothing changed)")
                .doesNotContain("repaired,");
    }

    @Test
    void onAFullDiskAssessExitsWithTheIoCodeAndLeavesNoTruncatedFile() throws Exception {
        Path ws = miniWorkspace(tmp.resolve("ws"));
        Path decisions = Files.createDirectories(ws.resolve("decisions"));
        // 96 KB: room for the JSON and the Markdown, not for the HTML page (Chart.js inlined, ~250 KB)
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", decisions.toString())
                .redirectErrorStream(true)
                .start();
        String mountOut = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean mounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted)
            System.out.println("full-disk test skipped: cannot mount a tmpfs here (" + mountOut.strip() + ")");
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs (needs root)");
        try {
            CliRun run = CliRun.of("assess", ws.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(TunegateCommand.IO_FAILURE);
            assertThat(run.err()).contains("no space left on device").contains(".html");
            try (Stream<Path> s = Files.list(decisions)) {
                assertThat(s.map(Path::getFileName).map(Path::toString).toList())
                        .as("nothing half-written, no record without a log line")
                        .isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", decisions.toString())
                    .inheritIO()
                    .start()
                    .waitFor(20, TimeUnit.SECONDS);
        }
    }
}
