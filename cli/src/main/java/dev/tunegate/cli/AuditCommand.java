package dev.tunegate.cli;

import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditJson;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.AuditText;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingSink;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.semantic.SemanticAudit;
import dev.tunegate.audit.semantic.SemanticReport;
import dev.tunegate.audit.semantic.SemanticRequest;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.io.WriteFailedException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code tunegate audit FILE}: the dataset audit on its own. */
@Command(
        mixinStandardHelpOptions = true,
        name = "audit",
        header = "Audit a fine-tuning dataset in one streaming pass.",
        description = {
            "Audit a fine-tuning dataset in one streaming pass on all cores: format "
                    + "errors, counts by provenance, review status and policy era, exact and near "
                    + "duplicates, conflicting outputs, output schema, tokens, PII and golden-set "
                    + "leakage. Formats: OpenAI chat JSONL, prompt/completion, Alpaca (JSONL or a "
                    + "JSON array), ShareGPT, CSV/TSV; plain, .gz or .zst."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate audit data/train.jsonl --golden data/golden.jsonl",
            "  tunegate audit train.csv --column input=text --column output=category",
            "  tunegate audit big.jsonl.zst --only near-duplicates --findings dups.jsonl",
            "  tunegate audit data/train.jsonl --golden data/golden.jsonl --semantic \\",
            "      --findings f.jsonl"
        })
final class AuditCommand extends FormattedCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The training dataset.")
    Path file;

    @Option(
            names = "--golden",
            paramLabel = "FILE",
            description =
                    "The golden (held-out) set, in any of the formats (detected from the file; CSV columns as --column): reports its rows whose input leaks into training, as an exact or a near copy.")
    Path golden;

    @Option(names = "--schema", paramLabel = "FILE", description = "A JSON Schema every output must conform to.")
    Path schema;

    @Option(
            names = "--data-format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description =
                    "Format of FILE: auto, openai-chat, prompt-completion, alpaca, sharegpt, csv, tsv (default: ${DEFAULT-VALUE}). The golden file's is detected on its own. A file with rows, none of them valid, is invalid input (exit 3).")
    String dataFormat;

    @Option(
            names = "--findings",
            paramLabel = "FILE",
            description = "Write every finding to FILE as JSONL (kind, rows, file, line, message).")
    Path findings;

    @Option(
            names = "--only",
            paramLabel = "CHECKS",
            description =
                    "Run only these checks (comma list): counts, exact-duplicates, near-duplicates, conflicts, schema, tokens, pii, leakage.")
    String only;

    @Option(
            names = "--max-errors",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N rows with format errors (0: never stop; default: ${DEFAULT-VALUE}).")
    long maxErrors;

    @Option(
            names = "--allow-partial",
            description = {
                "Audit a damaged file (a truncated .gz/.zst, a CSV quote never closed) up to the damage: "
                        + "a truncated_file finding, a note and \"partial\" in the JSON say so. Without it, damage is an error."
            })
    boolean allowPartial;

    @Mixin
    ThreadsOption threads;

    @Option(
            names = "--tokenizer",
            paramLabel = "NAME",
            defaultValue = AuditRequest.DEFAULT_TOKENIZER,
            description = "o200k_base or cl100k_base (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Option(
            names = "--context-limit",
            paramLabel = "TOKENS",
            defaultValue = "" + AuditRequest.DEFAULT_CONTEXT_LIMIT,
            description = "Tokens per example above which a row is flagged and truncated (default: ${DEFAULT-VALUE}).")
    int contextLimit;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + AuditRequest.DEFAULT_SEED,
            description = "Seed of the near-duplicate hash functions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threshold",
            paramLabel = "J",
            defaultValue = "" + AuditRequest.DEFAULT_THRESHOLD,
            description = "Jaccard threshold of near-duplicates (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(
            names = "--column",
            paramLabel = "ROLE=NAME",
            description =
                    "CSV/TSV column mapping, repeatable: input, output, system, provenance, status, reviewer, era.")
    List<String> columns = new ArrayList<>();

    @Option(
            names = "--current-eras",
            split = ",",
            paramLabel = "ERA",
            description = "Eras whose rows may be trained on (comma list).")
    List<String> currentEras = new ArrayList<>();

    @Option(
            names = "--retired-eras",
            split = ",",
            paramLabel = "ERA",
            description = "Eras never to train on (comma list).")
    List<String> retiredEras = new ArrayList<>();

    @Option(
            names = "--semantic",
            description = {
                "Also embed the rows with an in-process sentence-embedding model (CPU) and report "
                        + "paraphrase leaks of the golden set, semantic near-duplicate clusters and semantic conflicts."
            })
    boolean semantic;

    @Option(
            names = "--embedding-model",
            paramLabel = "MODEL",
            defaultValue = "all-minilm-l6-v2-q",
            description =
                    "all-minilm-l6-v2-q, all-minilm-l6-v2, or an .onnx sentence-embedding model with tokenizer.json beside it (default: ${DEFAULT-VALUE}).")
    String embeddingModel;

    @Option(
            names = "--semantic-threshold",
            paramLabel = "COSINE",
            defaultValue = "0.65",
            description =
                    "Cosine at or above which a golden input leaks (default: ${DEFAULT-VALUE}; chosen on MRPC, see docs/formats/audit-report.md).")
    double semanticThreshold;

    @Option(
            names = "--semantic-duplicate-threshold",
            paramLabel = "COSINE",
            defaultValue = "0.90",
            description =
                    "Cosine at or above which training rows are semantic near-duplicates (default: ${DEFAULT-VALUE}).")
    double semanticDuplicateThreshold;

    @Option(
            names = "--embedding-cache",
            paramLabel = "DIR",
            description =
                    "Where vectors are cached per text and model (default: .tunegate/embeddings beside FILE; 'none' disables).")
    String embeddingCache;

    @Option(
            names = "--engine",
            paramLabel = "local|spark",
            defaultValue = "local",
            description = {
                "local (this process, all cores) or spark: the same audit as an Apache Spark job (module "
                        + "spark, built on first use by the ./tunegate launcher, which runs it instead of this command)."
            })
    String engine;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "With --engine spark: the Spark master, e.g. local[4] or spark://HOST:7077.")
    String master;

    @Override
    public Integer call() {
        if (!engine.equals("local")) {
            throw new InvalidInputException(
                    "--engine " + engine
                            + ": this program runs the local engine; the spark engine runs through the ./tunegate launcher (tunegate audit FILE --engine spark) or spark-submit (docs/SCALE.md)");
        }
        // a bad option value is a usage error (exit 2), as picocli's own are: the request checks the values it takes
        DatasetFormat df;
        AuditRequest request;
        try {
            try {
                df = DatasetFormat.of(dataFormat);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--data-format: expected one of "
                        + java.util.Arrays.stream(DatasetFormat.values())
                                .map(DatasetFormat::id)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + ", found \"" + dataFormat + "\"");
            }
            request = AuditRequest.of(file)
                    .withGolden(golden)
                    .withOutputSchema(schema)
                    .withFormat(df, ColumnMapping.parse(columns))
                    .withEras(currentEras, retiredEras)
                    .withChecks(AuditCheck.parse(only))
                    .withMaxErrors(maxErrors)
                    .withTokenizer(tokenizer)
                    .withNearDuplicates(seed, threshold)
                    .withContextLimit(contextLimit)
                    .withAllowPartial(allowPartial);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            request.requireGoldenMatchesChecks(only, semantic);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int n = threads.count();
        SemanticRequest semanticRequest = semantic ? semanticRequest(df) : null;
        AuditReport report;
        SemanticReport[] sem = new SemanticReport[1];
        if (findings != null) {
            report = withFindingsFile(findings, sink -> {
                AuditReport r = runAudit(request, n, sink::accept);
                if (semanticRequest != null) sem[0] = runSemantic(semanticRequest, r, n, sink::accept);
                return r;
            });
        } else {
            report = runAudit(request, n, null);
            if (semanticRequest != null) sem[0] = runSemantic(semanticRequest, report, n, f -> {});
        }
        java.util.function.Consumer<PrintWriter> text = o -> {
            AuditText.write(o, report, null, findings == null ? null : findings.toString());
            if (sem[0] != null) printSemantic(o, sem[0]);
        };
        Integer ok;
        if (sem[0] != null) {
            com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().valueToTree(report);
            node.set("semantic", Json.mapper().valueToTree(sem[0]));
            ok = print(node, text);
        } else {
            // the report as Jackson's databind would write it, without its reflection (AuditJson)
            ok = printJson(() -> AuditJson.pretty(report), text);
        }
        report.requireValidRows();
        return ok;
    }

    /** Golden rows the lexical leakage check flagged, collected from its findings for the semantic audit. */
    private final java.util.Set<Integer> lexicalLeaks = new java.util.HashSet<>();

    private AuditReport runAudit(AuditRequest request, int n, FindingSink target) {
        if (!semantic && target == null) return DatasetAudit.run(request, TerminalProgress.forStderr(), n);
        return DatasetAudit.run(request, TerminalProgress.forStderr(), n, f -> {
            if (f.kind().equals("golden_leak") && !f.rows().isEmpty())
                lexicalLeaks.add(f.rows().get(0));
            if (target != null) target.accept(f);
        });
    }

    private SemanticReport runSemantic(
            SemanticRequest req, AuditReport lexical, int n, java.util.function.Consumer<Finding> sink) {
        // under an --only without leakage the lexical check did not run: nothing is set apart as its
        java.util.Set<Integer> flagged = lexical.checks().contains(AuditCheck.LEAKAGE.id()) ? lexicalLeaks : null;
        return SemanticAudit.run(req, flagged, TerminalProgress.forStderr(), n, sink, Path::toString);
    }

    private SemanticRequest semanticRequest(DatasetFormat df) {
        Path cache = embeddingCache == null
                ? SemanticRequest.defaultCacheDir(file)
                : embeddingCache.equals("none") ? null : Path.of(embeddingCache);
        return SemanticRequest.of(file, golden)
                .withFormat(df, ColumnMapping.parse(columns))
                .withModel(embeddingModel)
                .withThresholds(semanticThreshold, semanticDuplicateThreshold)
                .withCacheDir(cache);
    }

    static void printSemantic(PrintWriter out, SemanticReport s) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Semantic (%s, %s search; %,d texts: %,d embedded at %,.0f/s, %,d cached):%n",
                s.model(),
                s.run().search(),
                s.run().texts(),
                s.run().embedded(),
                s.run().textsPerSecond(),
                s.run().cached());
        if (s.leakedGoldenRows() != null && s.alsoLexicalLeaks() == null) {
            out.printf(
                    Locale.ROOT,
                    "  paraphrase leaks: %,d of %,d golden rows have a training input at cosine ≥ %.2f (exact and near copies among them: the exact/MinHash leakage check did not run, --only leaves it out)%n",
                    s.leakedGoldenRows(),
                    s.goldenRows(),
                    s.threshold());
        } else if (s.leakedGoldenRows() != null) {
            out.printf(
                    Locale.ROOT,
                    "  paraphrase leaks: %,d of %,d golden rows have a training input at cosine ≥ %.2f that the exact/MinHash check missed (%,d more it flagged too)%n",
                    s.leakedGoldenRows(),
                    s.goldenRows(),
                    s.threshold(),
                    s.alsoLexicalLeaks());
        }
        if (s.leakedGoldenRows() != null) {
            s.leaks().stream()
                    .limit(3)
                    .forEach(l -> out.printf(
                            Locale.ROOT,
                            "    golden %d ~ training %d (%.3f): \"%s\" ~ \"%s\"%n",
                            l.goldenRow(),
                            l.trainingRow(),
                            l.cosine(),
                            shorten(l.goldenText()),
                            shorten(l.trainingText())));
        }
        out.printf(
                Locale.ROOT,
                "  near-duplicates: %,d semantic clusters (%,d rows, %.1f%% of the dataset) at cosine ≥ %.2f, apart from the MinHash clusters%n",
                s.nearDuplicateClusters(),
                s.rowsInNearDuplicateClusters(),
                100 * s.nearDuplicateShare(),
                s.duplicateThreshold());
        out.printf(
                Locale.ROOT,
                "  conflicts: %,d groups of paraphrased inputs with different outputs (%,d rows)%n",
                s.conflictGroups(),
                s.rowsInConflictGroups());
        out.println("  nearest-neighbour cosine (training rows"
                + (s.histogram().golden().isEmpty() ? "" : " | golden rows") + "):");
        long max = 1;
        for (long c : s.histogram().training()) max = Math.max(max, c);
        for (long c : s.histogram().golden()) max = Math.max(max, c);
        for (int b = 0; b < s.histogram().training().size(); b++) {
            long t = s.histogram().training().get(b);
            long g = s.histogram().golden().isEmpty()
                    ? 0
                    : s.histogram().golden().get(b);
            if (t == 0 && g == 0) continue;
            double lo = s.histogram().from() + b * s.histogram().width();
            out.printf(
                    Locale.ROOT,
                    "    %.2f–%.2f %8d %-30s%s%n",
                    lo,
                    lo + s.histogram().width(),
                    t,
                    "#".repeat((int) Math.ceil(30.0 * t / max)),
                    s.histogram().golden().isEmpty()
                            ? ""
                            : String.format(Locale.ROOT, " %6d %s", g, "#".repeat((int) Math.ceil(30.0 * g / max))));
        }
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= 70 ? one : one.substring(0, 69) + "…";
    }

    /** Exit 5 with the cause in words (no space left, permission denied…), as every other write of tunegate's own. */
    private static WriteFailedException findingsNotWritten(Path target, IOException e) {
        return new WriteFailedException(
                target,
                "cannot write " + target + ": " + WriteFailedException.reason(e)
                        + "; the previous state of the file is intact",
                e);
    }

    /** Streams findings (the audit's, then the semantic audit's: one shape) into a temp file beside the target, then publishes it atomically. */
    private static AuditReport withFindingsFile(
            Path target, java.util.function.Function<java.util.function.Consumer<Finding>, AuditReport> audit) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw findingsNotWritten(target, e);
        }
        try {
            AuditReport report;
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                report = audit.apply(f -> {
                    try {
                        w.write(Json.line(f));
                        w.write('\n');
                    } catch (IOException e) {
                        throw findingsNotWritten(target, e);
                    }
                });
            }
            AtomicFiles.write(target, out -> Files.copy(tmp, out));
            return report;
        } catch (IOException e) {
            throw findingsNotWritten(target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover hidden .part file is harmless
            }
        }
    }
}
