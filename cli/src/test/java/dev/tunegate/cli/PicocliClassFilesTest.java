package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI runs on picocli as module picocli-cds upgrades it (class files of version 52 with stack map frames, which
 * the JVM's start-up cache can hold; docs/PERFORMANCE.md), and on no other copy of picocli: this fails when cli
 * depends on {@code info.picocli:picocli} again, directly or through another module.
 */
class PicocliClassFilesTest {
    @Test
    void picocliIsOnTheClassPathOnceAsJava8ClassFiles() throws Exception {
        List<URL> copies =
                Collections.list(ClassLoader.getSystemClassLoader().getResources("picocli/CommandLine.class"));
        assertThat(copies).as("copies of picocli on the class path").hasSize(1);

        Path where = Path.of(CommandLine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> older = new ArrayList<>();
        int classes = 0;
        for (var e : classFiles(where)) {
            classes++;
            if (e.major() < 52) {
                older.add(e.name() + " (" + e.major() + ")");
            }
        }
        assertThat(classes).as("picocli classes in " + where).isGreaterThan(150);
        assertThat(older)
                .as("picocli class files older than Java 8 in " + where)
                .isEmpty();
    }

    private record ClassFile(String name, int major) {}

    /** picocli's class files in a jar (the module's artifact) or a folder (its target/classes, in `mvn test`). */
    private static List<ClassFile> classFiles(Path where) throws IOException {
        List<ClassFile> found = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where.resolve("picocli"))) {
                for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    found.add(new ClassFile(where.relativize(p).toString(), major(Files.readAllBytes(p))));
                }
            }
            return found;
        }
        try (ZipFile jar = new ZipFile(where.toFile())) {
            for (ZipEntry e : jar.stream().toList()) {
                if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        found.add(new ClassFile(e.getName(), major(in.readNBytes(8))));
                    }
                }
            }
        }
        return found;
    }

    private static int major(byte[] head) {
        return ((head[6] & 0xFF) << 8) | (head[7] & 0xFF);
    }
}
