package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/find-java.sh}, which the launcher sources on every run: a {@code java} on the PATH that links into
 * a JDK is recognised from that JDK's release file, without starting it; any other {@code java} is still asked for
 * its home. The fake JDKs here write a marker when their {@code java} is run, which is how the test tells.
 */
class FindJavaScriptTest {
    private static final Path SCRIPT = Checkout.file("scripts/find-java.sh");

    @Test
    void aJavaLinkedIntoAJdkIsReadFromItsReleaseFileWithoutStartingIt(@TempDir Path dir) throws Exception {
        Path jdk = fakeJdk(dir.resolve("jdk-25"), "25.0.1", dir.resolve("ran"));
        Path bin = Files.createDirectories(dir.resolve("path"));
        Path hop = Files.createDirectories(dir.resolve("alternatives"));
        Files.createSymbolicLink(hop.resolve("java"), jdk.resolve("bin/java"));
        Files.createSymbolicLink(bin.resolve("java"), hop.resolve("java")); // two links, as Debian's alternatives

        assertThat(findJdk(bin)).isEqualTo(jdk.toRealPath().toString());
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void aJavaThatIsNoLinkIntoAJdkIsAskedForItsHome(@TempDir Path dir) throws Exception {
        Path jdk = fakeJdk(dir.resolve("jdk-21"), "21.0.4", dir.resolve("ran"));
        Path bin = Files.createDirectories(dir.resolve("wrapper/bin"));
        // a wrapper script (no release file beside it) that runs the JDK's java, as a version manager's shim does
        executable(bin.resolve("java"), "#!/bin/sh\nexec " + jdk.resolve("bin/java") + " \"$@\"\n");

        assertThat(findJdk(bin)).isEqualTo(jdk.toString());
        assertThat(dir.resolve("ran")).exists();
    }

    /** A JDK's layout as the script reads it: bin/java (answering -XshowSettings), bin/javac and the release file. */
    private static Path fakeJdk(Path home, String version, Path marker) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        executable(
                home.resolve("bin/java"),
                "#!/bin/sh\ntouch " + marker + "\n"
                        + "echo '    java.home = " + home + "' >&2\n"
                        + "echo '    java.specification.version = " + version.split("\\.")[0] + "' >&2\n");
        executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        return home;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What the script prints with only {@code bin} and the system's tools on the PATH, and no JAVA_HOME. */
    private static String findJdk(Path bin) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder("bash", SCRIPT.toString()); // run as a program, it prints find_jdk21's answer
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
