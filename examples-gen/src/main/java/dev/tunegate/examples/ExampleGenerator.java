package dev.tunegate.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the shipped example workspaces under {@code examples/}, byte for byte reproducibly:
 * every random choice comes from a {@link java.util.Random} seeded per example and per artifact
 * (its algorithm is specified by the JDK, so the output does not depend on the JDK version).
 *
 * <p>Run: {@code ./scripts/generate-examples} (or {@code mvn -pl examples-gen exec:java}).
 */
public final class ExampleGenerator {

    /** The artifact generators, each writing one kind of artifact into every example. */
    static List<ArtifactGenerator> artifacts() {
        return List.of(
                new DatasetGenerator(),
                new PromptGenerator(),
                new EvalHistoryGenerator(),
                new CorpusGenerator(),
                new DataOpsGenerator(),
                new PilotCheckpointGenerator(),
                new OpsLogGenerator());
    }

    /** The examples. */
    static List<Example> examples() {
        return List.of(Example.ticketRouting(), Example.policyQa(), Example.supportKb());
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples");
        generate(out);
        System.out.println("generated " + examples().size() + " example workspaces under " + out);
    }

    /** Writes every example into {@code examplesDir/<name>/}. */
    public static void generate(Path examplesDir) throws IOException {
        for (Example ex : examples()) {
            ExampleFiles files = new ExampleFiles(examplesDir.resolve(ex.name()));
            files.write("tunegate.yaml", ex.config());
            for (ArtifactGenerator a : artifacts()) a.generate(ex, files);
            Files.createDirectories(examplesDir.resolve(ex.name()));
        }
    }
}
