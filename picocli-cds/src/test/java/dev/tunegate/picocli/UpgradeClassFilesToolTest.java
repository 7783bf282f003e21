package dev.tunegate.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The build-time tool on jars made here, run as the build runs it ({@code java -cp asm.jar UpgradeClassFiles.java}):
 * the common superclass of two of the jar's own types comes from their class files (these types exist nowhere else,
 * so a tool that loaded them could not have computed the frames), a type found nowhere and a JSR each fail with one
 * line that names the class and the method.
 */
class UpgradeClassFilesToolTest {
    private static final Path TOOL = Path.of(System.getProperty("tunegate.upgrade.tool"));
    private static final Path ASM = Path.of(System.getProperty("tunegate.asm.jar"));

    @Test
    void aMergeOfTwoOfTheJarsOwnTypesGetsTheirCommonSuperclass(@TempDir Path dir) throws Exception {
        // pick(flag) returns new A() or new B(): the frame where the branches meet holds t/Base, the superclass
        // both extend, which only the jar knows
        Path jar = jar(
                dir.resolve("in.jar"),
                Map.of(
                        "t/Base.class", type("t/Base", "java/lang/Object"),
                        "t/A.class", type("t/A", "t/Base"),
                        "t/B.class", type("t/B", "t/Base"),
                        "t/User.class", user("t/A", "t/B", "t/Base"),
                        "t/readme.txt", "kept".getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("out");
        Run run = runTool(jar, out, dir.resolve("MANIFEST.MF"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("in.jar: 4 class files upgraded to version 52", "1 files copied unchanged");
        assertThat(Files.readString(out.resolve("t/readme.txt"))).isEqualTo("kept");
        assertThat(Files.readString(dir.resolve("MANIFEST.MF"))).contains("Manifest-Version: 1.0");

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> user = Class.forName("t.User", true, loader); // verified: version 52, frames required
            Object a = user.getMethod("pick", boolean.class).invoke(null, true);
            Object b = user.getMethod("pick", boolean.class).invoke(null, false);
            assertThat(a.getClass().getName()).isEqualTo("t.A");
            assertThat(b.getClass().getName()).isEqualTo("t.B");
            byte[] bytes = Files.readAllBytes(out.resolve("t/User.class"));
            assertThat(bytes[7]).isEqualTo((byte) 52);
        }
    }

    @Test
    void aTypeInNeitherTheJarNorTheJdkFailsNamingIt(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("in.jar"), Map.of("t/User.class", user("t/Gone1", "t/Gone2", "java/lang/Object")));
        Run run = runTool(jar, dir.resolve("out"), dir.resolve("MANIFEST.MF"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: in.jar: t/User.class: computing stack map frames needs the type t/Gone")
                .contains("expected in in.jar or the JDK, found in neither");
    }

    @Test
    void aSubroutineFailsNamingTheMethod(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("in.jar"), Map.of("t/Old.class", withSubroutine()));
        Run run = runTool(jar, dir.resolve("out"), dir.resolve("MANIFEST.MF"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: in.jar: t/Old.class: method run()V: expected code without subroutines, found JSR");
    }

    private record Run(int exit, String out, String err) {}

    private static Run runTool(Path jar, Path out, Path manifest) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        ASM.toString(),
                        TOOL.toString(),
                        jar.toString(),
                        out.toString(),
                        manifest.toString())
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), stdout, stderr);
    }

    private static Path jar(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(os, new java.util.jar.Manifest(manifest()))) {
            for (String name : entries.keySet().stream().sorted().toList()) {
                jar.putNextEntry(new JarEntry(name));
                jar.write(entries.get(name));
                jar.closeEntry();
            }
        }
        return file;
    }

    private static java.io.InputStream manifest() {
        return new java.io.ByteArrayInputStream("Manifest-Version: 1.0\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A Java 5 class with a public no-argument constructor. */
    private static byte[] type(String name, String superName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, superName, null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code t/User}, Java 5: {@code static R pick(boolean f) { return f ? new A() : new B(); }}. */
    private static byte[] user(String a, String b, String returned) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "t/User", null, "java/lang/Object", null);
        MethodVisitor m =
                cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(Z)L" + returned + ";", null, null);
        m.visitCode();
        Label second = new Label();
        Label join = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, second);
        m.visitTypeInsn(Opcodes.NEW, a);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, a, "<init>", "()V", false);
        m.visitJumpInsn(Opcodes.GOTO, join);
        m.visitLabel(second);
        m.visitTypeInsn(Opcodes.NEW, b);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, b, "<init>", "()V", false);
        m.visitLabel(join);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code t/Old}, Java 5, whose {@code run()} calls a subroutine (JSR/RET, as javac 1.4 compiled finally). */
    private static byte[] withSubroutine() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "t/Old", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitCode();
        Label sub = new Label();
        m.visitJumpInsn(Opcodes.JSR, sub);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(sub);
        m.visitVarInsn(Opcodes.ASTORE, 0);
        m.visitVarInsn(Opcodes.RET, 0);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
