package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.picocli.model.SpecDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Each command's model as the build generated it from its annotations (module picocli-model) is the model picocli's
 * reflection builds from them: every attribute of the command, of each option, positional parameter, mixin and
 * subcommand, and the whole usage help, compared as text ({@link SpecDescription}). The reflective model is the oracle:
 * it is picocli's own reading of the same annotations.
 */
class CommandModelTest {
    static Stream<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>();
        all.add(TunegateCommand.class);
        all.addAll(TunegateCommand.SUBCOMMANDS.values());
        all.add(FormatOption.class);
        all.add(ThreadsOption.class);
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theGeneratedModelIsTheOneReflectionBuilds(Class<?> type) throws Exception {
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        CommandSpec generated = CommandModels.spec(type, factory);
        assertThat(generated).as("a generated model of " + type.getName()).isNotNull();
        CommandSpec reflected = CommandSpec.forAnnotatedObject(factory.create(type), factory);
        new CommandLine(generated, factory);
        new CommandLine(reflected, factory);
        String expected = SpecDescription.of(reflected);
        assertThat(expected).contains("usage:");
        // line by line, so that a difference is shown as the lines missing and those in excess
        assertThat(SpecDescription.of(generated).lines())
                .containsExactlyElementsOf(expected.lines().toList());
    }

    /**
     * What the generated models are for: a command's run spins no annotation proxy. A JVM of its own runs an audit (its
     * text report: the JSON one is written by Jackson's reflection) with the JVM's class-loading log, which names each
     * dynamic proxy class it defines ({@code source: __dynamic_proxy__}); picocli's reflection defined eight.
     */
    @Test
    void anAuditRunReadsNoAnnotationByReflection(@TempDir Path dir) throws Exception {
        Path rows = dir.resolve("rows.jsonl");
        Files.writeString(
                rows, "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": \"c\", \"completion\": \"d\"}\n");
        Path log = dir.resolve("classes.log");
        Process run = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:file=" + log,
                        "-cp",
                        System.getProperty("java.class.path"),
                        TunegateCommand.class.getName(),
                        "audit",
                        rows.toString(),
                        "--only",
                        "counts")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("2 rows");
        List<String> classes = Files.readAllLines(log);
        assertThat(classes).anyMatch(l -> l.contains("dev.tunegate.cli.AuditCommandModel "));
        assertThat(classes).noneMatch(l -> l.contains("__dynamic_proxy__"));
    }
}
