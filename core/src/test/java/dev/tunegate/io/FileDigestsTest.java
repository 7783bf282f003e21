package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
    // SHA-256("abc") and SHA-256("abcd"): the FIPS 180-2 example and a value from `printf abcd | sha256sum`
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String ABCD = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589";

    @TempDir
    Path dir;

    @Test
    void aFileIsHashedOncePerRun() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        FileDigests d = new FileDigests();
        assertThat(d.sha256(f)).isEqualTo(ABC);
        assertThat(d.sha256(dir.resolve("./a.txt"))).isEqualTo(ABC); // the same file by another spelling
        assertThat(d.filesHashed()).isEqualTo(1);
    }

    @Test
    void aFileRewrittenDuringTheRunIsHashedAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        FileDigests d = new FileDigests();
        assertThat(d.sha256(f)).isEqualTo(ABC);
        Files.writeString(f, "abcd");
        Files.setLastModifiedTime(
                f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        assertThat(d.sha256(f)).isEqualTo(ABCD);
        assertThat(d.filesHashed()).isEqualTo(2);
    }

    @Test
    void aDigestHandedInByAReaderSavesTheRead() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        FileDigests d = new FileDigests();
        assertThat(d.remember(f, "abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
        assertThat(d.sha256(f)).isEqualTo(ABC);
        assertThat(d.filesHashed()).isZero();
    }
}
