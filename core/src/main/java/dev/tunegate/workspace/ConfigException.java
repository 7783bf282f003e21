package dev.tunegate.workspace;

import dev.tunegate.io.InvalidInputException;
import java.util.List;

/** {@code tunegate.yaml} is invalid. Each problem is one line: {@code tunegate.yaml:LINE: …}. */
public final class ConfigException extends InvalidInputException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * The same problems, their file named within {@code folder} ({@code examples/qa/tunegate.yaml:4: …}): for a
     * command that reads many workspaces, where "tunegate.yaml:4" alone does not say which.
     */
    public ConfigException within(String folder) {
        String prefix = Workspace.CONFIG_FILE + ":";
        return new ConfigException(problems.stream()
                .map(p -> p.startsWith(prefix) ? folder + "/" + p : folder + ": " + p)
                .toList());
    }
}
