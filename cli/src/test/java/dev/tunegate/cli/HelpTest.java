package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand renders its help cleanly, with examples. */
class HelpTest {
    @Test
    void everyCommandHasHelpWithExamplesAndNoFormatWarnings() {
        Deque<CommandLine> todo = new ArrayDeque<>(TunegateCommand.newCommandLine().getSubcommands().values());
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            if (cl.getCommandName().equals("help")) continue;
            todo.addAll(cl.getSubcommands().values());
            String help = cl.getUsageMessage();
            assertThat(help).as(cl.getCommandSpec().qualifiedName()).doesNotContain("%n").doesNotContain("Could not format");
            if (cl.getSubcommands().isEmpty()) {
                assertThat(help).as(cl.getCommandSpec().qualifiedName() + " has examples").contains("Examples:");
            }
        }
    }
}
