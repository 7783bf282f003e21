package dev.tunegate.cli;

import dev.tunegate.ToolVersion;
import dev.tunegate.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code tunegate} command: the only place that calls {@link System#exit}. */
@Command(
        name = "tunegate",
        header = "Decide whether to prompt, structure, retrieve or fine-tune.",
        mixinStandardHelpOptions = true,
        versionProvider = TunegateCommand.Version.class,
        description = {
            "Decides, from an AI team's own artifacts, whether an LLM use case should keep improving its prompt, "
                    + "configure structured output, build or fix retrieval (RAG), or fine-tune — and later whether a pilot "
                    + "should scale, improve or stop. Every decision is explained rule by rule and written down."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate init my-use-case          write a commented tunegate.yaml to fill in",
            "  tunegate assess examples/ticket-routing",
            "  tunegate assess examples/policy-qa --format json",
            "  tunegate audit examples/ticket-routing/data/train.jsonl \\",
            "      --golden examples/ticket-routing/data/golden.jsonl",
            "  tunegate evals examples/ticket-routing",
            "  tunegate regress --baseline evals/baseline.jsonl \\",
            "      --candidate evals/candidate.jsonl",
            "  tunegate pilot examples/ticket-routing  scale, improve or stop (exit 1: stop)",
            "  tunegate report examples/policy-qa -o report.html one self-contained HTML page",
            "  tunegate cost examples/ticket-routing",
            "  tunegate doctor examples/ticket-routing --dry-run  what a run left behind",
            "",
            "Docs: README.md, docs/RULES.md, docs/ARCHITECTURE.md, docs/formats/"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:a gate said no (regression, stop, refused promotion)",
            "2:usage error",
            "3:invalid input (the message names file, line and field)",
            "4:internal error (run again with --stacktrace and report it)",
            "5:I/O failure writing tunegate's own files (full disk, permission denied; the message names the file, the previous state is intact)"
        })
public final class TunegateCommand implements Runnable {
    public static final int OK = 0;
    public static final int GATE = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int INTERNAL = 4;
    public static final int IO_FAILURE = 5;

    /**
     * The subcommands by name, in the order the help lists them. Registered here rather than in the annotation so
     * that a run builds picocli's model of the one command it runs (17 commands' models cost a third of a second of
     * start-up when picocli read them by reflection, more than an audit of 100k rows reads; docs/PERFORMANCE.md).
     * {@code HelpTest} checks each name is its class's {@code @Command} name.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            InitCommand.class,
            AssessCommand.class,
            AuditCommand.class,
            EvalsCommand.class,
            RegressCommand.class,
            RetrievalCommand.class,
            CostCommand.class,
            PilotCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            DataCommand.class,
            ReviewCommand.class,
            AdapterCommand.class,
            DoctorCommand.class,
            ServeCommand.class,
            OpsCommand.class,
            DueCommand.class);

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Jackson's first ObjectMapper costs about 0.1 s (its classes, the locale data of a date format): when a
        // command runs (not for --version or --help), it is set up on another core while picocli reads the
        // arguments; whoever needs it first waits for its class initialisation
        if (invoked(args) != null) {
            Thread warmUp = new Thread(Json::mapper, "tunegate-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this; main exits with it). */
    public static int execute(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command tree: every subcommand (help, the tests that walk the tree). */
    public static CommandLine newCommandLine() {
        return build(null);
    }

    /**
     * The command line that runs {@code args}: when they name a subcommand, the tree holds that one only (its
     * own subcommands included); otherwise (no command, {@code help}, {@code --help}, a misspelt name that picocli
     * answers with suggestions) the whole tree.
     */
    public static CommandLine newCommandLine(String... args) {
        return build(invoked(args));
    }

    /** The subcommand {@code args} run: the first argument that is not an option of {@code tunegate} itself, when it names one. */
    static String invoked(String... args) {
        for (String a : args) {
            if (a.equals("--stacktrace")) continue; // tunegate's only option that takes no part in choosing
            return SUBCOMMANDS.containsKey(a) ? a : null;
        }
        return null;
    }

    private static CommandLine build(String only) {
        // each command's model as the build wrote it from its annotations (module picocli-model): the same picocli
        // reflection would build, without reading an annotation (the JDK makes each one a dynamic proxy, which no
        // start-up cache holds: 25-45 ms of a 0.2 s run, docs/PERFORMANCE.md)
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(CommandModels.spec(TunegateCommand.class, factory), factory);
        if (only != null)
            cl.addSubcommand(only, new CommandLine(CommandModels.spec(SUBCOMMANDS.get(only), factory), factory));
        else {
            SUBCOMMANDS.forEach((name, type) ->
                    cl.addSubcommand(name, new CommandLine(CommandModels.spec(type, factory), factory)));
            cl.addSubcommand("help", CommandLine.HelpCommand.class);
        }
        // an empty path ("--golden ''") would be the current folder, and its message "expected a file, found a
        // folder" would name nothing: said as the usage error it is, for every command (after the subcommands are
        // added: picocli hands a converter to the commands it has)
        cl.registerConverter(Path.class, value -> {
            if (value.isBlank()) throw new CommandLine.TypeConversionException("expected a path, found an empty value");
            return Path.of(value);
        });
        layOut(cl);
        shareVersion(cl, cl.getCommandSpec().versionProvider());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler.UsageHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cl;
    }

    /**
     * Every command's help the same shape: its one-line header (what the command lists show), then the synopsis, the
     * description's paragraphs (picocli wraps each at the help's width), the arguments, the options and the
     * subcommands, a blank line between each.
     */
    private static void layOut(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .synopsisHeading("%nUsage: ")
                .descriptionHeading("%n")
                .parameterListHeading("%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        cl.getSubcommands().values().forEach(TunegateCommand::layOut);
    }

    /** Every subcommand's {@code -V} prints tunegate's version, as {@code tunegate -V} does (not an empty line). */
    private static void shareVersion(CommandLine cl, CommandLine.IVersionProvider version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null)
                sub.getCommandSpec().versionProvider(version);
            shareVersion(sub, version);
        }
    }

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> c : commands)
            m.put(c.getSimpleName().replace("Command", "").toLowerCase(Locale.ROOT), c);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The version with the runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "tunegate " + ToolVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"
            };
        }
    }
}
