package dev.tunegate.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a jar's class files older than Java 8 as version 52 class files with stack map frames, into a folder;
 * every other file of the jar is copied unchanged, its manifest to a file of its own (the jar plugin's input).
 *
 * <p>Why: the JVM's start-up cache (JDK 25's AOT cache, CDS) does not hold classes verified by the old verifier, that
 * is class files of version 49 (picocli's: Java 5) or 50 without a {@code StackMapTable}. Version 52 makes the
 * type-checking verifier mandatory (no fall-back), so a class that loads is one whose frames are right.
 *
 * <p>How: ASM reads each class without frames ({@link ClassReader#SKIP_FRAMES}), the version is raised to 52 and a
 * {@link ClassWriter} with {@link ClassWriter#COMPUTE_FRAMES} writes it: frames and max stack/locals computed from the
 * code, the code itself unchanged. Computing frames needs the common superclass of two types; {@link Hierarchy}
 * answers it from the jar's own class files (read, never loaded) and, for the JDK's types, from the running JDK.
 * JSR/RET (subroutines, which frames cannot describe and version 51+ forbids) fail the build with the method named:
 * javac never emitted them for Java 5, so meeting one means the input is not what this tool was written for.
 *
 * <p>A build-time tool, never shipped: one source file that the build of module picocli-cds runs as a source-file
 * program ({@code java -cp asm.jar UpgradeClassFiles.java …}, JEP 330), so no class of it is ever written, let alone
 * packaged; it imports ASM and the JDK only, and nothing imports it.
 *
 * <pre>java -cp asm.jar UpgradeClassFiles.java IN.jar OUT-FOLDER MANIFEST-OUT</pre>
 */
public final class UpgradeClassFiles {
    /** The class file version written: Java 8, the oldest whose classes the AOT cache takes with certainty. */
    static final int TARGET = Opcodes.V1_8;

    private UpgradeClassFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println(
                    "usage: UpgradeClassFiles IN.jar OUT-FOLDER MANIFEST-OUT (got " + args.length + " arguments)");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Result result;
        try {
            result = upgrade(jar, Path.of(args[1]), Path.of(args[2]));
        } catch (IllegalStateException e) {
            // the build's error: one line that names the file, the class and the method
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf(
                "%s: %d class files upgraded to version %d with stack map frames, %d files copied unchanged%n",
                jar.getFileName(), result.upgraded(), TARGET, result.copied());
    }

    /** What {@link #upgrade} did: class files rewritten, other files (newer class files, resources) copied. */
    record Result(int upgraded, int copied) {}

    static Result upgrade(Path jar, Path out, Path manifestOut) throws IOException {
        Map<String, byte[]> entries = read(jar);
        clearPrevious(entries.keySet(), out);
        Hierarchy hierarchy = new Hierarchy(jar.getFileName().toString(), entries);
        int upgraded = 0;
        int copied = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            byte[] bytes = e.getValue();
            if (name.equals("META-INF/MANIFEST.MF")) {
                write(manifestOut, bytes);
                continue;
            }
            if (name.endsWith(".class") && majorVersion(name, bytes) < TARGET) {
                write(out.resolve(name), upgradeClass(jar.getFileName() + ": " + name, bytes, hierarchy));
                upgraded++;
            } else {
                write(out.resolve(name), bytes);
                copied++;
            }
        }
        if (upgraded == 0) {
            throw new IllegalStateException(jar + ": no class file older than version " + TARGET
                    + " found; nothing to upgrade (a new picocli may no longer need this module)");
        }
        return new Result(upgraded, copied);
    }

    /** One class: version raised to {@link #TARGET}, frames and max stack/locals computed, code unchanged. */
    static byte[] upgradeClass(String where, byte[] bytes, Hierarchy hierarchy) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return hierarchy.commonSuperClass(where, type1, type2);
            }
        };
        reader.accept(new RaiseVersion(where, writer), ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    static int majorVersion(String where, byte[] bytes) {
        if (bytes.length < 8 || (bytes[0] & 0xFF) != 0xCA || (bytes[1] & 0xFF) != 0xFE) {
            throw new IllegalStateException(where + ": not a class file (no 0xCAFEBABE header)");
        }
        return ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    }

    /** Sets the version and, on the way to the writer, refuses subroutines. */
    private static final class RaiseVersion extends ClassVisitor {
        private final String where;

        RaiseVersion(String where, ClassVisitor next) {
            super(Opcodes.ASM9, next);
            this.where = where;
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            super.visit(TARGET, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = where + ": method " + name + descriptor;
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (opcode == Opcodes.JSR) {
                        throw subroutine(method, "JSR");
                    }
                    super.visitJumpInsn(opcode, label);
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    if (opcode == Opcodes.RET) {
                        throw subroutine(method, "RET");
                    }
                    super.visitVarInsn(opcode, varIndex);
                }
            };
        }

        private static IllegalStateException subroutine(String method, String opcode) {
            return new IllegalStateException(method + ": expected code without subroutines, found " + opcode
                    + " (a class file of version 51 or newer cannot hold JSR/RET, and stack map frames cannot"
                    + " describe them); this class cannot be upgraded");
        }
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getName().startsWith("/") || entry.getName().contains("..")) {
                    throw new IllegalStateException(jar + ": entry " + entry.getName()
                            + ": expected a relative path inside the jar, found one that leaves it");
                }
                try (var in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** Removes what an earlier run wrote from a jar of the same layout (a new picocli version drops classes). */
    private static void clearPrevious(Iterable<String> names, Path out) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (String name : names) {
            int slash = name.indexOf('/');
            Path root = name.startsWith("META-INF/versions/")
                    ? out.resolve("META-INF/versions")
                    : slash > 0 && !name.startsWith("META-INF/") ? out.resolve(name.substring(0, slash)) : null;
            if (root != null && !roots.contains(root)) {
                roots.add(root);
            }
        }
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
    }

    /**
     * The class hierarchy that computing stack map frames asks about ({@code ClassWriter.getCommonSuperClass}): the
     * jar's own types from their class files, read and never loaded (loading picocli here would run nothing of use and
     * could see another picocli on Maven's class path), and the JDK's types from the running JDK's platform class loader
     * (not initialised). A type that is in neither fails the build, naming the class being upgraded.
     */
    static final class Hierarchy {
        private static final String OBJECT = "java/lang/Object";

        /** What frames need of a type: its superclass (null for Object), its interfaces, whether it is an interface. */
        private record TypeInfo(String superName, List<String> interfaces, boolean isInterface) {}

        private final String jarName;
        private final Map<String, byte[]> jarEntries;
        private final Map<String, TypeInfo> known = new HashMap<>();

        Hierarchy(String jarName, Map<String, byte[]> jarEntries) {
            this.jarName = jarName;
            this.jarEntries = jarEntries;
        }

        /**
         * The most specific class both types are assignable to, as the JVM's verifier merges them: one of the two when it
         * is a supertype of the other, {@code java/lang/Object} when either is an interface (the verifier treats
         * interfaces as Object), else the nearest common superclass.
         */
        String commonSuperClass(String where, String type1, String type2) {
            if (isSubtype(where, type2, type1)) {
                return type1;
            }
            if (isSubtype(where, type1, type2)) {
                return type2;
            }
            if (info(where, type1).isInterface() || info(where, type2).isInterface()) {
                return OBJECT;
            }
            String common = type1;
            do {
                common = info(where, common).superName();
            } while (!isSubtype(where, type2, common));
            return common;
        }

        /** Whether {@code sub} is {@code sup} or extends or implements it, directly or not. */
        boolean isSubtype(String where, String sub, String sup) {
            if (sub.equals(sup) || sup.equals(OBJECT)) {
                return true;
            }
            TypeInfo info = info(where, sub);
            if (info.superName() != null && isSubtype(where, info.superName(), sup)) {
                return true;
            }
            for (String i : info.interfaces()) {
                if (isSubtype(where, i, sup)) {
                    return true;
                }
            }
            return false;
        }

        private TypeInfo info(String where, String type) {
            TypeInfo cached = known.get(type);
            if (cached != null) {
                return cached;
            }
            TypeInfo info = fromJar(type);
            if (info == null) {
                info = fromJdk(where, type);
            }
            known.put(type, info);
            return info;
        }

        private TypeInfo fromJar(String type) {
            byte[] bytes = jarEntries.get(type + ".class");
            if (bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            return new TypeInfo(
                    reader.getSuperName(),
                    List.of(reader.getInterfaces()),
                    (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
        }

        private TypeInfo fromJdk(String where, String type) {
            Class<?> c;
            try {
                c = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(where + ": computing stack map frames needs the type " + type
                        + ", expected in " + jarName + " or the JDK, found in neither (" + e + ")");
            }
            List<String> interfaces =
                    Arrays.stream(c.getInterfaces()).map(Type::getInternalName).toList();
            return new TypeInfo(
                    c.getSuperclass() == null ? null : Type.getInternalName(c.getSuperclass()),
                    interfaces,
                    c.isInterface());
        }
    }
}
