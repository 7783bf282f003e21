package dev.tunegate.cli;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.ConfigSchema;
import dev.tunegate.workspace.ConfigTemplate;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate init DIR}: a fully commented tunegate.yaml to fill in. */
@Command(
        mixinStandardHelpOptions = true,
        name = "init",
        header = "Write a commented tunegate.yaml to fill in.",
        description = {
            "Write a fully commented tunegate.yaml (every key, its default and the rule it feeds) into DIR. "
                    + "The use case is named after DIR unless --name says otherwise; its task type is "
                    + "--task-type, or an example to check."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate init my-use-case",
            "  tunegate init .   # in the current folder",
            "  tunegate init support-bot --name \"Support bot\" --task-type question-answering"
        })
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder (created if missing).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The use case's name (default: DIR's name).")
    String name;

    @Option(
            names = "--task-type",
            paramLabel = "TYPE",
            description = "What the model does: ${COMPLETION-CANDIDATES} (default: classification, as an example).",
            completionCandidates = TaskTypes.class)
    String taskType;

    @Spec
    CommandSpec spec;

    /** The task types tunegate.yaml accepts, as its schema lists them. */
    static final class TaskTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return values().iterator();
        }

        static List<String> values() {
            return ((ConfigSchema.Choice) ConfigSchema.key(TASK_TYPE).type()).values();
        }
    }

    private static final String TASK_TYPE = "useCase.taskType";

    @Override
    public Integer call() {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new ParameterException(spec.commandLine(), "DIR: expected a folder, found the file " + dir);
        Path target = dir.resolve(Workspace.CONFIG_FILE);
        if (Files.exists(target)) {
            throw new InvalidInputException(
                    target + ": exists already; tunegate never overwrites a file you own (move it away first)");
        }
        if (taskType != null && !TaskTypes.values().contains(taskType))
            throw new ParameterException(
                    spec.commandLine(),
                    "--task-type: expected one of " + String.join(", ", TaskTypes.values()) + ", found \"" + taskType
                            + "\"");
        Map<String, String> values = new LinkedHashMap<>();
        Path folder = dir.toAbsolutePath().normalize().getFileName();
        String useCase = name != null ? name : folder != null ? folder.toString() : null;
        if (useCase != null && !useCase.isBlank()) values.put("useCase.name", useCase.strip());
        if (taskType != null) values.put(TASK_TYPE, taskType);
        AtomicFiles.write(target, ConfigTemplate.render(Policy.standard().defaults(), values));
        spec.commandLine()
                .getOut()
                .println("wrote " + target + " — "
                        + (taskType == null ? "check useCase.taskType (classification is an example), " : "")
                        + "point data/evals/retrieval at your files, then run: tunegate assess " + dir);
        return TunegateCommand.OK;
    }
}
