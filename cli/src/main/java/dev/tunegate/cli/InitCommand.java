package dev.tunegate.cli;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.ConfigTemplate;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate init DIR}: a fully commented tunegate.yaml to fill in. */
@Command(
        mixinStandardHelpOptions = true,
        name = "init",
        header = "Write a commented tunegate.yaml to fill in.",
        description = "Write a fully commented tunegate.yaml (every key, its default and the rule it feeds) into DIR.",
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate init my-use-case", "  tunegate init .   # in the current folder"})
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder (created if missing).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = dir.resolve(Workspace.CONFIG_FILE);
        if (Files.exists(target)) {
            throw new InvalidInputException(
                    target + ": exists already; tunegate never overwrites a file you own (move it away first)");
        }
        AtomicFiles.write(target, ConfigTemplate.render(Policy.standard().defaults()));
        spec.commandLine()
                .getOut()
                .println("wrote " + target
                        + " — fill in useCase.name and useCase.taskType, point data/evals/retrieval at your files, then run: tunegate assess "
                        + dir);
        return TunegateCommand.OK;
    }
}
