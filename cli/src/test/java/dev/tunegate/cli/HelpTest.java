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
        Deque<CommandLine> todo = new ArrayDeque<>(
                TunegateCommand.newCommandLine().getSubcommands().values());
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            if (cl.getCommandName().equals("help")) continue;
            todo.addAll(cl.getSubcommands().values());
            String help = cl.getUsageMessage();
            assertThat(help)
                    .as(cl.getCommandSpec().qualifiedName())
                    .doesNotContain("%n")
                    .doesNotContain("Could not format");
            if (cl.getSubcommands().isEmpty()) {
                assertThat(help)
                        .as(cl.getCommandSpec().qualifiedName() + " has examples")
                        .contains("Examples:");
            }
        }
    }

    /** The lazily built tree names each command as its class's annotation does, and a run builds its command alone. */
    @Test
    void eachRunBuildsTheCommandItRunsUnderItsAnnotatedName() {
        TunegateCommand.SUBCOMMANDS.forEach((name, type) -> assertThat(
                        type.getAnnotation(CommandLine.Command.class).name())
                .as(type.getSimpleName())
                .isEqualTo(name));
        assertThat(TunegateCommand.newCommandLine().getSubcommands().keySet())
                .containsExactlyElementsOf(java.util.stream.Stream.concat(
                                TunegateCommand.SUBCOMMANDS.keySet().stream(), java.util.stream.Stream.of("help"))
                        .toList());
        assertThat(TunegateCommand.newCommandLine("--stacktrace", "audit", "f.jsonl")
                        .getSubcommands()
                        .keySet())
                .containsExactly("audit");
        assertThat(TunegateCommand.newCommandLine("data", "diff")
                        .getSubcommands()
                        .get("data")
                        .getSubcommands())
                .containsKey("diff");
        for (String[] whole : new String[][] {{}, {"--help"}, {"help", "audit"}, {"audti"}, {"-V"}}) {
            assertThat(TunegateCommand.newCommandLine(whole).getSubcommands())
                    .as(String.join(" ", whole))
                    .hasSize(TunegateCommand.SUBCOMMANDS.size() + 1);
        }
    }

    /** Walks picocli's command tree and runs {@code tunegate … NAME --help} for every command: exit 0 and a usage text. */
    @Test
    void everySubcommandAnswersHelp() {
        Deque<java.util.List<String>> todo = new ArrayDeque<>();
        todo.add(java.util.List.of());
        int seen = 0;
        while (!todo.isEmpty()) {
            java.util.List<String> path = todo.pop();
            CommandLine cl = TunegateCommand.newCommandLine();
            for (String name : path) cl = cl.getSubcommands().get(name);
            for (String name : cl.getSubcommands().keySet()) {
                if (name.equals("help")) continue;
                java.util.List<String> next = new java.util.ArrayList<>(path);
                next.add(name);
                todo.add(next);
            }
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode())
                    .as("tunegate " + String.join(" ", args) + ": " + run.err())
                    .isZero();
            assertThat(run.out()).as("tunegate " + String.join(" ", args)).startsWith("Usage: tunegate");
            seen++;
        }
        assertThat(seen).isGreaterThan(15);
    }
}
