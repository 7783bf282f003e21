package dev.tunegate.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The module's output ({@code target/classes}, what its jar packages and what the reactor hands cli) against
 * picocli's own jar: every class is there, as a version 52 class file that the JVM's type-checking verifier accepts,
 * with the same code. The original jar is read by its path only: surefire keeps it off this test's class path, so
 * the picocli these tests run is the upgraded one.
 */
class UpgradedPicocliTest {
    private static final Path ORIGINAL = Path.of(System.getProperty("tunegate.picocli.original"));
    private static final Path UPGRADED = Path.of(System.getProperty("tunegate.picocli.upgraded"));
    private static final String MODULE_INFO = "META-INF/versions/9/module-info.class";

    @Test
    void everyClassFileOfPicocliIsThereAsVersion52() throws IOException {
        Map<String, byte[]> original = jarEntries(ORIGINAL);
        Map<String, byte[]> upgraded = filesUnder(UPGRADED);
        List<String> classes = picocliClasses(original);
        assertThat(classes).hasSizeGreaterThan(150); // picocli 4.7.7 has 228
        assertThat(picocliClasses(upgraded)).isEqualTo(classes);
        for (String name : classes) {
            // the input is what the upgrade is for (Java 5), and the output is Java 8
            assertThat(major(original.get(name))).as(name).isEqualTo(49);
            assertThat(major(upgraded.get(name))).as(name).isEqualTo(52);
        }
        // newer class files are copied as they are
        assertThat(upgraded.get(MODULE_INFO)).isEqualTo(original.get(MODULE_INFO));
    }

    @Test
    void picocliLicenceAndTheNoticeOfTheChangeAreCarried() throws IOException {
        Map<String, byte[]> upgraded = filesUnder(UPGRADED);
        assertThat(new String(upgraded.get("META-INF/picocli/LICENSE"), StandardCharsets.UTF_8))
                .contains("Apache License", "Version 2.0, January 2004");
        assertThat(new String(upgraded.get("META-INF/picocli/NOTICE"), StandardCharsets.UTF_8))
                .contains("picocli " + CommandLine.VERSION, "Remko Popma", "rewritten as class file version 52");
    }

    @Test
    void everyUpgradedClassPassesTheTypeCheckingVerifier() throws Exception {
        // version 52 has no fall-back to the old verifier: a class that links here has correct stack map frames
        // (and the verifier is on in this JVM: aVersion52ClassWithoutFramesIsRejected). A fresh loader over the
        // output folder, so that each class is defined (and verified) anew.
        List<String> classes = picocliClasses(filesUnder(UPGRADED));
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {UPGRADED.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                Class<?> c = Class.forName(binaryName(name), true, loader); // initialised, so linked and verified
                assertThat(c.getClassLoader()).as(name).isSameAs(loader);
            }
        }
    }

    @Test
    void aVersion52ClassWithoutFramesIsRejected() throws Exception {
        // the check above can fail: picocli's own Range class (it branches) with only its version raised to 52 is
        // refused by the same verifier, and the upgraded Range of this module is accepted in the same set-up
        String name = "picocli/CommandLine$Range.class";
        byte[] versionOnly = jarEntries(ORIGINAL).get(name).clone();
        versionOnly[7] = 52;
        assertThatThrownBy(() -> defineAndLink(name, versionOnly))
                .isInstanceOf(VerifyError.class)
                .hasMessageContaining("stackmap");
        assertThat(defineAndLink(name, filesUnder(UPGRADED).get(name))).isNotNull();
    }

    @Test
    void theCodeIsUnchangedOnlyFramesAndTheVersionAreNew() throws IOException {
        // each class printed instruction by instruction by ASM's Textifier, frames skipped: the same text but for the
        // version line (max stack and max locals, recomputed by ASM, are compared too)
        Map<String, byte[]> original = jarEntries(ORIGINAL);
        Map<String, byte[]> upgraded = filesUnder(UPGRADED);
        for (String name : picocliClasses(original)) {
            String before = text(original.get(name));
            assertThat(before).as(name).contains("// class version 49.0");
            assertThat(text(upgraded.get(name)))
                    .as(name)
                    .isEqualTo(before.replace("// class version 49.0 (49)", "// class version 52.0 (52)"));
        }
    }

    @Test
    void theUpgradedPicocliParsesAndPrintsUsage() {
        assertThat(CommandLine.class.getProtectionDomain().getCodeSource().getLocation())
                .as("the picocli these tests run")
                .isEqualTo(toUrl(UPGRADED));
        Probe probe = new Probe();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(probe).setOut(new PrintWriter(out));
        assertThat(cli.execute("--count", "3", "a.jsonl", "b.jsonl")).isEqualTo(3);
        assertThat(probe.files).containsExactly("a.jsonl", "b.jsonl");
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: probe", "--count=<count>", "FILE...");
        assertThat(new CommandLine(new Probe()).execute("--count", "x")).isEqualTo(2); // a usage error
    }

    @Command(name = "probe", mixinStandardHelpOptions = true, version = "probe 1")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--count", description = "how many")
        int count;

        @Parameters(paramLabel = "FILE", description = "files")
        List<String> files;

        @Override
        public Integer call() {
            return count;
        }
    }

    private static Class<?> defineAndLink(String name, byte[] bytes) throws Exception {
        try (URLClassLoader rest =
                new URLClassLoader(new URL[] {ORIGINAL.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> c = new DefiningLoader(rest).define(binaryName(name), bytes);
            return Class.forName(c.getName(), true, c.getClassLoader());
        }
    }

    private static final class DefiningLoader extends ClassLoader {
        DefiningLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    private static String text(byte[] bytes) {
        StringWriter text = new StringWriter();
        new ClassReader(bytes)
                .accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), ClassReader.SKIP_FRAMES);
        return text.toString();
    }

    private static List<String> picocliClasses(Map<String, byte[]> files) {
        return files.keySet().stream()
                .filter(n -> n.startsWith("picocli/") && n.endsWith(".class"))
                .sorted()
                .toList();
    }

    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    private static URL toUrl(Path folder) {
        try {
            return folder.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> jarEntries(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Map<String, byte[]> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(
                            p -> folder.relativize(p).toString().replace('\\', '/'),
                            p -> {
                                try {
                                    return Files.readAllBytes(p);
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            (a, b) -> a,
                            TreeMap::new));
        }
    }
}
