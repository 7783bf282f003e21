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

    /** {@code -V} prints tunegate's version wherever it is given, as {@code tunegate -V} does. */
    @Test
    void everyCommandsVersionOptionPrintsTunegatesVersion() {
        CliRun top = CliRun.of("-V");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).startsWith("tunegate ");
        for (String[] args :
                new String[][] {{"audit", "-V"}, {"data", "-V"}, {"data", "diff", "-V"}, {"ops", "weekly", "-V"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).isEqualTo(top.out());
        }
    }

    /**
     * Help that reads well at picocli's 80 columns: each command has a one-line header, the line the command lists
     * show (a long first paragraph there would be cut or run on); each element of a description is a paragraph that
     * picocli wraps, ending a sentence (an element broken by hand mid-sentence is wrapped on its own and leaves a
     * stub line); each example fits a line, so no command is broken mid-word.
     */
    @Test
    void everyHelpIsParagraphsAndExamplesThatFitEightyColumns() {
        Deque<CommandLine> todo = new ArrayDeque<>(java.util.List.of(TunegateCommand.newCommandLine()));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            if (cl.getCommand() instanceof CommandLine.HelpCommand) continue; // picocli's own
            todo.addAll(cl.getSubcommands().values());
            String name = cl.getCommandSpec().qualifiedName();
            CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
            assertThat(usage.header()).as(name + ": header").hasSize(1);
            assertThat(usage.header()[0].length()).as(name + ": header").isLessThanOrEqualTo(60);
            java.util.List<String> paragraphs = new java.util.ArrayList<>(java.util.List.of(usage.description()));
            cl.getCommandSpec().options().forEach(o -> paragraphs.addAll(java.util.List.of(o.description())));
            cl.getCommandSpec()
                    .positionalParameters()
                    .forEach(p -> paragraphs.addAll(java.util.List.of(p.description())));
            for (String p : paragraphs)
                assertThat(p.strip())
                        .as(name + ": a paragraph ends a sentence (or is a blank line)")
                        .matches("(?s)(.*[.:)?!])?");
            for (String line : String.join("%n", usage.footer()).split("%n"))
                assertThat(line.length()).as(name + ": example fits: " + line).isLessThanOrEqualTo(80);
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
            String header = cl.getCommandSpec().usageMessage().header()[0];
            assertThat(run.out())
                    .as("tunegate " + String.join(" ", args))
                    .startsWith(header + System.lineSeparator() + System.lineSeparator() + "Usage: tunegate");
            seen++;
        }
        assertThat(seen).isGreaterThan(15);
    }
}
