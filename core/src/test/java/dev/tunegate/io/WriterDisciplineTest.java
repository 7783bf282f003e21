package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer discipline of issue #19 inside one JVM: permissions, symlinks, folders, the lock, the sweep. */
class WriterDisciplineTest {
    @TempDir
    Path dir;

    @Test
    void filesGetTheUmaskPermissionsOfAnyNewFileNotOnly0600() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path ours = dir.resolve("ours.json");
        AtomicFiles.write(ours, "{}");
        Path log = dir.resolve("log.jsonl");
        AtomicFiles.appendLine(log, "{}");
        // the reference is a file the JDK creates with the process's umask; ours must match it
        assertThat(Files.getPosixFilePermissions(ours)).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aSymlinkedLogIsRefusedAndItsTargetUntouched() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep\n");
        Path log = dir.resolve("log.jsonl");
        Files.createSymbolicLink(log, victim);
        assertThatThrownBy(() -> AtomicFiles.appendLine(log, "{}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("keep\n");
    }

    @Test
    void aFolderWhereTheFileShouldBeSaysSo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("train.jsonl/x"));
        assertThatThrownBy(() -> AtomicFiles.write(folder.getParent(), "x"))
                .isInstanceOf(WriteFailedException.class)
                .hasMessageContaining("a folder is there, expected a file");
        assertThatThrownBy(() -> AtomicFiles.appendLine(folder.getParent(), "x"))
                .isInstanceOf(WriteFailedException.class)
                .hasMessageContaining("a folder is there");
    }

    @Test
    void aReadOnlyFolderSaysPermissionDenied() throws IOException {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        ro.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(
                    Files.isWritable(ro), "running as a user who may write anywhere");
            assertThatThrownBy(() -> AtomicFiles.write(ro.resolve("a.json"), "x"))
                    .isInstanceOf(WriteFailedException.class)
                    .hasMessageContaining("permission denied")
                    .hasMessageContaining("a.json");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void theLockIsReentrantAndExcludesOtherThreadsDuringAReadModifyWrite() throws Exception {
        Files.writeString(dir.resolve("tunegate.yaml"), "useCase: {name: x}\n");
        Path counter = dir.resolve("decisions/counter.txt");
        AtomicFiles.write(counter, "0");
        int threads = 4, rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++) {
                    try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(dir)) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        int n = Integer.parseInt(Files.readString(counter));
                        AtomicFiles.write(counter, Integer.toString(n + 1)); // takes the lock again: reentrant
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertThat(Files.readString(counter)).isEqualTo(Integer.toString(threads * rounds));
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(WorkspaceWriteLock.heldByCurrentThread(dir)).isFalse();
    }

    @Test
    void aSymlinkedLockFileIsRefused() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws/.tunegate"));
        Path victim = Files.writeString(dir.resolve("victim"), "keep");
        Files.createSymbolicLink(ws.resolve("write.lock"), victim);
        assertThatThrownBy(() -> WorkspaceWriteLock.acquire(ws.getParent()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("keep");
    }

    @Test
    void orphanTempFilesOlderThanTheRunAreFoundButNotFreshOnesOrOtherDotFiles() throws IOException {
        Path old = Files.writeString(
                Files.createDirectories(dir.resolve("decisions")).resolve(".0001-x.json.123456789.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        Path fresh = Files.writeString(dir.resolve("decisions/.0002-x.json.987.tmp"), "in flight");
        Path notOurs = Files.writeString(dir.resolve("decisions/.notes.tmp"), "user's");
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(WorkspaceWriteLock.orphanTemps(dir, Instant.now().minusSeconds(60)))
                .containsExactly(old);
        assertThat(fresh).exists();
    }
}
