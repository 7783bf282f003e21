package dev.tunegate.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.AuditText;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tunegate audit FILE --engine spark} and {@code spark-submit --class dev.tunegate.spark.SparkAuditCommand
 * tunegate-spark.jar FILE --out DIR}: the dataset audit as a Spark job. The entry point of this module.
 */
@Command(
        name = "audit",
        header = "Audit a fine-tuning dataset as an Apache Spark job.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        parameterListHeading = "%n",
        optionListHeading = "%nOptions:%n",
        mixinStandardHelpOptions = true,
        description = {
            "The dataset audit on Apache Spark: the same report as 'tunegate audit' (engine: spark), from any "
                    + "path Spark reads (local, HDFS, S3 through your Hadoop configuration): JSONL, CSV/TSV, JSON arrays, "
                    + "Parquet; plain, .gz or .zst."
        })
public final class SparkAuditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The training dataset (a path or a URI).")
    String file;

    @Option(names = "--golden", paramLabel = "FILE", description = "The golden set: its rows that leak into training.")
    String golden;

    @Option(names = "--schema", paramLabel = "FILE", description = "A JSON Schema every output must conform to.")
    Path schema;

    @Option(
            names = "--engine",
            defaultValue = "spark",
            description = "spark (this program); 'local' is tunegate audit.")
    String engine;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master: local[N], spark://HOST:7077, yarn, k8s://… (default: spark.master, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions for shuffles (default: 4 × cores).")
    Integer partitions;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format.")
    String format;

    @Option(names = "--data-format", defaultValue = "auto", paramLabel = "FORMAT", description = "Dataset format.")
    String dataFormat;

    @Option(names = "--findings", paramLabel = "FILE", description = "Write every finding to FILE as JSONL.")
    String findings;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write report.json and findings.jsonl to DIR (any path Hadoop writes: local, HDFS, S3).")
    String out;

    @Option(names = "--only", paramLabel = "CHECKS", description = "Run only these checks (comma list).")
    String only;

    @Option(names = "--max-errors", defaultValue = "0", paramLabel = "N", description = "Stop after N format errors.")
    long maxErrors;

    @Option(names = "--threads", paramLabel = "N", description = "Ignored: Spark's executors set the parallelism.")
    Integer threads;

    @Option(
            names = "--tokenizer",
            defaultValue = AuditRequest.DEFAULT_TOKENIZER,
            paramLabel = "NAME",
            description = "o200k_base or cl100k_base.")
    String tokenizer;

    @Option(
            names = "--context-limit",
            defaultValue = "" + AuditRequest.DEFAULT_CONTEXT_LIMIT,
            paramLabel = "TOKENS",
            description = "Context limit.")
    int contextLimit;

    @Option(
            names = "--seed",
            defaultValue = "" + AuditRequest.DEFAULT_SEED,
            paramLabel = "N",
            description = "Seed of the near-duplicate hashes.")
    long seed;

    @Option(
            names = "--threshold",
            defaultValue = "" + AuditRequest.DEFAULT_THRESHOLD,
            paramLabel = "J",
            description = "Jaccard threshold.")
    double threshold;

    @Option(names = "--column", paramLabel = "ROLE=NAME", description = "CSV/TSV column mapping, repeatable.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--current-eras", split = ",", paramLabel = "ERA", description = "Eras that may be trained on.")
    List<String> currentEras = new ArrayList<>();

    @Option(names = "--retired-eras", split = ",", paramLabel = "ERA", description = "Eras never to train on.")
    List<String> retiredEras = new ArrayList<>();

    @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The local audit's options this engine does not have, and why: given here, they are a one-line error naming
     * the option (exit 2), not picocli's "Unknown option" and the whole usage.
     */
    static final Map<String, String> LOCAL_ONLY = Map.of(
            "--allow-partial",
            "the Spark job reads every file whole or stops at damaged input; to audit a damaged file up to the damage,"
                    + " run without --engine spark",
            "--semantic",
            "the semantic checks (sentence embeddings) run on one machine: run them without --engine spark",
            "--embedding-model",
            "the semantic checks run on one machine: run them without --engine spark",
            "--embedding-cache",
            "the semantic checks run on one machine: run them without --engine spark",
            "--semantic-threshold",
            "the semantic checks run on one machine: run them without --engine spark",
            "--semantic-duplicate-threshold",
            "the semantic checks run on one machine: run them without --engine spark");

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line this program runs: its error handling, and the local-only options said as such. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkAuditCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            SparkAuditCommand c = cmd.getCommand();
            if (c.stacktrace) e.printStackTrace();
            Throwable root = e;
            while (!(root instanceof InvalidInputException) && root.getCause() != null) root = root.getCause();
            if (root instanceof InvalidInputException) {
                cmd.getErr().println("error: " + root.getMessage());
                return 3;
            }
            cmd.getErr().println("error: " + e + (c.stacktrace ? "" : " (run with --stacktrace for details)"));
            return 1;
        });
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u)
                for (String arg : u.getUnmatched()) {
                    String option = arg.split("=", 2)[0];
                    if (LOCAL_ONLY.containsKey(option)) {
                        ex.getCommandLine()
                                .getErr()
                                .println("error: " + option + " is not available with --engine spark: "
                                        + LOCAL_ONLY.get(option) + ".");
                        return 2;
                    }
                }
            return usage.handleParseException(ex, args);
        });
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        if (!engine.equals("spark"))
            throw new InvalidInputException("--engine: expected spark, found \"" + engine + "\"");
        if (!format.equals("text") && !format.equals("json"))
            throw new InvalidInputException("--format: expected text or json, found \"" + format + "\"");
        // a bad option value is a usage error (exit 2), as in the local audit: the request checks the values it takes
        AuditRequest request;
        try {
            DatasetFormat df;
            try {
                df = DatasetFormat.of(dataFormat);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--data-format: " + e.getMessage());
            }
            request = AuditRequest.of(Path.of(file))
                    .withGolden(golden == null ? null : Path.of(golden))
                    .withOutputSchema(schema)
                    .withFormat(df, ColumnMapping.parse(columns))
                    .withEras(currentEras, retiredEras)
                    .withChecks(AuditCheck.parse(only))
                    .withMaxErrors(maxErrors)
                    .withTokenizer(tokenizer)
                    .withNearDuplicates(seed, threshold)
                    .withContextLimit(contextLimit);
            request.requireGoldenMatchesChecks(only, false);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SparkSession spark = session(master);
        try {
            int parts =
                    partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
            spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(parts));
            SparkAudit.Result result = SparkAudit.run(spark, request, file, golden, parts);
            String json = reportJson(result.report());
            if (findings != null)
                writeLocal(Path.of(findings), result.orderedFindings().toLocalIterator());
            if (out != null) writeOut(spark, out, json, result);
            PrintWriter o = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            if (format.equals("json")) o.print(json);
            else AuditText.write(o, result.report(), "spark", findings);
            o.flush();
            result.report().requireValidRows();
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** A session for {@code master} (or the one spark-submit configured), quiet, without the UI. */
    static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("tunegate audit");
        if (master != null) b.master(master);
        else if (System.getProperty("spark.master") == null) b.master("local[*]");
        b.config("spark.ui.enabled", "false");
        b.config("spark.ui.showConsoleProgress", "false");
        return b.getOrCreate();
    }

    /** The report's JSON, as {@code tunegate audit --format json} prints it, with {@code "engine": "spark"}. */
    static String reportJson(AuditReport report) {
        ObjectNode node = Json.mapper().valueToTree(report);
        ObjectNode withEngine = Json.mapper().createObjectNode();
        withEngine.set("schemaVersion", node.get("schemaVersion"));
        withEngine.put("engine", "spark");
        node.properties().forEach(e -> {
            if (!e.getKey().equals("schemaVersion")) withEngine.set(e.getKey(), e.getValue());
        });
        return Json.pretty(withEngine);
    }

    private static void writeLocal(Path target, Iterator<Row> lines) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(w, lines);
            }
            AtomicFiles.write(target, o -> Files.copy(tmp, o));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(Writer w, Iterator<Row> lines) throws IOException {
        while (lines.hasNext()) {
            w.write(lines.next().getString(0));
            w.write('\n');
        }
    }

    /** {@code DIR/report.json} and {@code DIR/findings.jsonl} through Hadoop (HDFS, S3, local). */
    private static void writeOut(SparkSession spark, String dir, String json, SparkAudit.Result result)
            throws IOException {
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = d.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.mkdirs(d);
        try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(d, "report.json"), true)) {
            o.write(json.getBytes(StandardCharsets.UTF_8));
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                fs.create(new org.apache.hadoop.fs.Path(d, "findings.jsonl"), true), StandardCharsets.UTF_8))) {
            write(w, result.orderedFindings().toLocalIterator());
        }
    }
}
