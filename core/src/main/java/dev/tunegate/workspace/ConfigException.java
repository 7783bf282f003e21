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
}
