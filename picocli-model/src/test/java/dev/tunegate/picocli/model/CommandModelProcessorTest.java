package dev.tunegate.picocli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The processor on commands written for the test, compiled by the JDK's compiler: each generated model is the model
 * picocli's reflection builds from the same annotations (the oracle: picocli's own reading of them), a command line
 * parsed with it sets the same values, and what it cannot do is a compile error naming the member.
 */
class CommandModelProcessorTest {
    @TempDir
    Path dir;

    /** Every kind of member the processor supports, in one command tree. */
    private static final Map<String, String> FIXTURE = Map.of(
            "fx/Base.java",
            """
            package fx;
            import picocli.CommandLine.*;
            import picocli.CommandLine.Model.CommandSpec;
            abstract class Base {
                @Mixin Common common;
                @Spec CommandSpec spec;
                @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Say more.") boolean verbose;
            }
            """,
            "fx/Common.java",
            """
            package fx;
            import picocli.CommandLine.*;
            import picocli.CommandLine.Model.CommandSpec;
            public final class Common {
                @Spec(Spec.Target.MIXEE) CommandSpec mixee;
                int threads = -1;
                @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads.")
                void setThreads(int n) {
                    if (n < 1) throw new ParameterException(mixee.commandLine(), "--threads: at least 1, found " + n);
                    threads = n;
                }
                @Option(names = "--format", defaultValue = "text", description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
                Fmt format = Fmt.text;
            }
            """,
            "fx/Fmt.java",
            "package fx; public enum Fmt { text, json }",
            "fx/Upper.java",
            """
            package fx;
            public final class Upper implements picocli.CommandLine.ITypeConverter<String> {
                public String convert(String value) { return value.toUpperCase(java.util.Locale.ROOT); }
            }
            """,
            "fx/Colours.java",
            """
            package fx;
            public final class Colours extends java.util.ArrayList<String> {
                public Colours() { super(java.util.List.of("red", "green")); }
            }
            """,
            "fx/Top.java",
            """
            package fx;
            import java.nio.file.Path;
            import java.util.*;
            import picocli.CommandLine.*;
            @Command(name = "top", mixinStandardHelpOptions = true, versionProvider = Top.Version.class,
                     header = "The top.", description = {"First paragraph.", "Second."}, subcommands = Sub.class,
                     footerHeading = "%nExamples:%n", footer = {"  top x"}, exitCodeListHeading = "%nExit codes:%n",
                     exitCodeList = {"0:ok", "2:usage"})
            public class Top extends Base implements Runnable {
                @Parameters(index = "0", paramLabel = "FILE", description = "A file.") Path file;
                @Parameters(index = "1..*", arity = "0..*", description = "More.") List<String> rest;
                @Option(names = "--name", required = true, description = "Required.") String name;
                @Option(names = "--count", defaultValue = "3", description = "Default ${DEFAULT-VALUE}.") int count;
                @Option(names = "--ratio", defaultValue = "0.5") double ratio;
                @Option(names = "--seed") long seed = 42L;
                @Option(names = "--col", split = ",", paramLabel = "K=V", description = "Repeatable.") List<String> cols = new ArrayList<>();
                @Option(names = "--tag", description = "An array.") String[] tags;
                @Option(names = "--weight") Map<String, Integer> weights;
                @Option(names = "--upper", converter = Upper.class) String upper;
                @Option(names = "--colour", completionCandidates = Colours.class, description = "${COMPLETION-CANDIDATES}") String colour;
                @Option(names = "--maybe", arity = "0..1", fallbackValue = "yes") String maybe;
                @Option(names = "--secret", hidden = true) String secret;
                @Option(names = "--no-cache", negatable = true) boolean cache = true;
                public void run() {}
                public static final class Version implements IVersionProvider {
                    public String[] getVersion() { return new String[] {"top 1"}; }
                }
            }
            """,
            "fx/Sub.java",
            """
            package fx;
            import picocli.CommandLine.*;
            @Command(name = "sub", header = "A subcommand.", mixinStandardHelpOptions = true)
            class Sub implements Runnable {
                @Option(names = "--level", defaultValue = "1") int level;
                public void run() {}
            }
            """);

    @Test
    void theGeneratedModelsAreTheOnesReflectionBuilds() throws Exception {
        try (URLClassLoader loader = compile(FIXTURE)) {
            for (String name : List.of("fx.Top", "fx.Sub", "fx.Common")) {
                Class<?> type = loader.loadClass(name);
                CommandSpec generated = generated(loader, type);
                CommandSpec reflected = CommandSpec.forAnnotatedObject(create(type), CommandLine.defaultFactory());
                new CommandLine(generated);
                new CommandLine(reflected);
                assertThat(SpecDescription.of(generated).lines())
                        .as(name)
                        .containsExactlyElementsOf(
                                SpecDescription.of(reflected).lines().toList());
            }
        }
    }

    @Test
    void aCommandLineParsedWithAGeneratedModelSetsTheValuesReflectionSets() throws Exception {
        String[] args = {
            "in.txt",
            "a",
            "b",
            "--name",
            "n",
            "--col",
            "x=1,y=2",
            "--col",
            "z=3",
            "--tag",
            "t1",
            "--tag",
            "t2",
            "--weight",
            "w=7",
            "--upper",
            "shout",
            "--maybe",
            "-t",
            "4",
            "--format",
            "json",
            "--verbose",
            "--no-cache"
        };
        try (URLClassLoader loader = compile(FIXTURE)) {
            Class<?> type = loader.loadClass("fx.Top");
            Object viaReflection = create(type);
            Method spec =
                    loader.loadClass("fx.CommandModels").getMethod("spec", Class.class, CommandLine.IFactory.class);
            CommandSpec model = (CommandSpec) spec.invoke(null, type, CommandLine.defaultFactory());
            // the registry makes its own object: parse into it, and into one picocli reflects on
            new CommandLine(model).parseArgs(args);
            new CommandLine(viaReflection).parseArgs(args);
            Object viaModel = model.userObject();
            for (String field : List.of(
                    "file", "rest", "name", "count", "ratio", "seed", "cols", "tags", "weights", "upper", "maybe",
                    "verbose", "cache")) {
                assertThat(render(read(viaModel, type, field)))
                        .as(field)
                        .isEqualTo(render(read(viaReflection, type, field)));
            }
            assertThat(read(viaModel, type, "upper")).isEqualTo("SHOUT");
            assertThat(read(viaModel, type, "cols")).isEqualTo(List.of("x=1", "y=2", "z=3"));
            Object common = read(viaModel, type, "common");
            assertThat(read(common, common.getClass(), "threads")).isEqualTo(4);
            assertThat(read(common, common.getClass(), "format")).hasToString("json");
            // the mixin's @Spec(MIXEE) is the command's spec, as reflection injects it
            assertThat(read(common, common.getClass(), "mixee")).isSameAs(model);
            assertThat(read(viaModel, type, "spec")).isSameAs(model);
        }
    }

    @Test
    void aSetterMethodThatRefusesAValueIsAUsageErrorAsUnderReflection() throws Exception {
        try (URLClassLoader loader = compile(FIXTURE)) {
            Class<?> type = loader.loadClass("fx.Top");
            CommandSpec model = generated(loader, type);
            StringWriter viaModel = new StringWriter();
            StringWriter viaReflection = new StringWriter();
            int a = new CommandLine(model)
                    .setErr(new java.io.PrintWriter(viaModel))
                    .execute("f", "--name", "n", "-t", "0");
            int b = new CommandLine(create(type))
                    .setErr(new java.io.PrintWriter(viaReflection))
                    .execute("f", "--name", "n", "-t", "0");
            assertThat(a).isEqualTo(b).isEqualTo(2);
            assertThat(viaModel.toString())
                    .contains("--threads: at least 1, found 0")
                    .isEqualTo(viaReflection.toString());
        }
    }

    @Test
    void whatTheGeneratedModelCannotDoIsACompileErrorNamingTheMember() throws Exception {
        assertThat(compileErrors(Map.of("bad/Private.java", """
                        package bad;
                        import picocli.CommandLine.*;
                        @Command(name = "p") class Private { @Option(names = "--x") private String x; }
                        """)))
                .anyMatch(e -> e.contains("@Option on a private field") && e.contains("package-private"));
        assertThat(compileErrors(Map.of("bad/Group.java", """
                        package bad;
                        import picocli.CommandLine.*;
                        @Command(name = "g") class Group {
                            static class G { @Option(names = "--y") String y; }
                            @ArgGroup G group;
                        }
                        """)))
                .anyMatch(e -> e.contains("@ArgGroup is not supported by the generated model"));
    }

    private static CommandSpec generated(ClassLoader loader, Class<?> type) throws Exception {
        Method spec = loader.loadClass("fx.CommandModels").getMethod("spec", Class.class, CommandLine.IFactory.class);
        return (CommandSpec) spec.invoke(null, type, CommandLine.defaultFactory());
    }

    private static Object create(Class<?> type) throws Exception {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Object read(Object o, Class<?> type, String field) throws Exception {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                var f = c.getDeclaredField(field);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // a superclass's
            }
        }
        throw new NoSuchFieldException(field);
    }

    private static String render(Object value) {
        return value instanceof Object[] a ? java.util.Arrays.toString(a) : String.valueOf(value);
    }

    private URLClassLoader compile(Map<String, String> sources) throws IOException {
        List<String> errors = new ArrayList<>();
        Path out = compile(sources, errors);
        assertThat(errors).isEmpty();
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
    }

    private List<String> compileErrors(Map<String, String> sources) throws IOException {
        List<String> errors = new ArrayList<>();
        compile(sources, errors);
        return errors;
    }

    private Path compile(Map<String, String> sources, List<String> errors) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path out = Files.createTempDirectory(dir, "out");
        List<File> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path p = src.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
            files.add(p.toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "-classpath", System.getProperty("java.class.path"),
                    "-processor", CommandModelProcessor.class.getName(),
                    "-d", out.toString(),
                    "-s", out.toString());
            javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files))
                    .call();
        }
        for (var d : diagnostics.getDiagnostics()) {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) errors.add(d.getMessage(Locale.ROOT));
        }
        return out;
    }
}
