package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFailedExceptionTest {
    @TempDir
    Path tmp;

    @Test
    void theReasonComesFromTheExceptionsTypeAndTheSystemsReasonNeverOnlyThePath() {
        // a NoSuchFileException's message is only its file: the reason was the path of the temp file
        assertThat(WriteFailedException.reason(new NoSuchFileException("/proc/.r.html.72.tmp")))
                .isEqualTo("no such file or directory");
        assertThat(WriteFailedException.reason(new AccessDeniedException("/etc/x")))
                .isEqualTo("permission denied");
        assertThat(WriteFailedException.reason(new FileSystemException("/mnt/ro/x", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(WriteFailedException.reason(new FileSystemException("/mnt/full/x", null, "No space left on device")))
                .isEqualTo("no space left on device");
        assertThat(WriteFailedException.reason(new IOException("No space left on device")))
                .isEqualTo("no space left on device");
    }

    @Test
    void aWriteIntoAFolderThatCannotBeCreatedNamesTheCause() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        // its folder would have to be a file's child: nothing can be created there
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("sub/r.html"), "page"))
                .isInstanceOf(WriteFailedException.class)
                .hasMessageStartingWith("cannot ")
                .hasMessageNotContaining(".tmp");
    }
}
