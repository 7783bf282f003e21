package dev.tunegate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.neardup.Match;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.OutputSchemaFile;
import dev.tunegate.tokens.TokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dataset audit service: the single entry point used by the {@code audit} command and by
 * {@link AuditAnalyzer}. One streaming pass over the training file (and one over the golden file
 * for leakage) on {@code threads} workers; the report is identical whatever the thread count.
 */
public final class DatasetAudit {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetAudit() {}

    /** Runs the audit; findings go only to the report's samples and counts. */
    public static AuditReport run(AuditRequest request, Progress progress, int threads) {
        return run(request, progress, threads, FindingSink.NONE);
    }

    /**
     * Runs the audit.
     *
     * @param request what to audit
     * @param progress where to report rows/s and MB/s
     * @param threads worker threads (the reader and the merger are two more, mostly idle)
     * @param sink receives every finding, in a deterministic order
     * @throws InvalidInputException when a file cannot be used at all (missing, empty, undetectable
     *         format, too many format errors, unreadable schema)
     */
    public static AuditReport run(AuditRequest request, Progress progress, int threads, FindingSink sink) {
        return run(request, progress, threads, sink, Path::toString);
    }

    /**
     * Runs the audit, naming files in the report and findings with {@code display} (e.g. relative
     * to a workspace, so that reports do not depend on where the workspace lives).
     */
    public static AuditReport run(
            AuditRequest request,
            Progress progress,
            int threads,
            FindingSink sink,
            java.util.function.Function<Path, String> display) {
        NearDuplicateParams params = NearDuplicateParams.forThreshold(request.threshold(), request.seed());
        MinHasher hasher = new MinHasher(params);
        TokenCounter encoding = request.runs(AuditCheck.TOKENS) ? TokenCounter.forEncoding(request.tokenizer()) : null;
        JsonSchema schema = request.outputSchema() != null && request.runs(AuditCheck.SCHEMA)
                ? OutputSchemaFile.load(
                        request.outputSchema(), request.outputSchema().toString())
                : null;
        DatasetReader reader = new DatasetReader(MAPPER, request.maxLineBytes());
        FindingCollector findings = new FindingCollector(sink);
        List<String> notes = new ArrayList<>();
        String trainName = display.apply(request.train());

        DatasetReader.Opened opened = reader.open(request.train(), request.format(), request.columns());
        notes.addAll(opened.notes());
        TrainingAccumulator acc = new TrainingAccumulator(request, trainName, findings, params);
        RowAnalysis analysis = new RowAnalysis(
                trainName, opened.parser(), request.checks(), hasher, encoding, request.contextLimit(), MAPPER, schema);
        try (RowSource src = opened.source();
                Progress.Task task = progress.start("audit " + request.train().getFileName(), -1, "rows")) {
            RowPipeline.End end = RowPipeline.run(src, analysis::analyze, acc::add, threads, task);
            truncation(end, trainName, acc.rows(), findings, notes);
        } catch (IOException e) {
            notes.add("closing " + trainName + ": " + e.getMessage());
        }
        if (acc.rows() == 0) throw InvalidInputException.at(request.train(), 0, "the file has no rows");
        TrainingAccumulator.Partial partial = acc.finish();

        AuditReport.Leakage leakage = null;
        if (request.golden() != null && request.runs(AuditCheck.LEAKAGE)) {
            leakage = leakage(
                    request, reader, hasher, acc, findings, progress, threads, notes, display.apply(request.golden()));
        }
        if (acc.formatErrors() > 0) {
            notes.add(acc.formatErrors() + " of " + acc.rows() + " rows of " + trainName
                    + " have format errors and are not used");
        }
        if (acc.noReview() == acc.validRows() && acc.validRows() > 0) {
            notes.add("no row has review metadata (metadata.status / provenance): no row counts as reviewed");
        }
        List<String> checks = request.checks().stream().map(AuditCheck::id).toList();
        double se = Math.sqrt(params.threshold() * (1 - params.threshold()) / params.permutations());
        AuditReport.NearDuplicateSettings nd = new AuditReport.NearDuplicateSettings(
                params.seed(),
                params.permutations(),
                params.bands(),
                params.threshold(),
                params.mode().name().toLowerCase(Locale.ROOT),
                params.shingleSize(),
                partial.indexBytes,
                acc.validRows() == 0 ? 0 : (double) partial.indexBytes / acc.validRows(),
                se);
        return new AuditReport(
                AuditReport.SCHEMA_VERSION,
                trainName,
                Digests.sha256(request.train()),
                opened.format().id(),
                opened.compression(),
                opened.layout(),
                checks,
                acc.rows(),
                acc.validRows(),
                acc.approved(),
                acc.gold(),
                acc.llmApproved(),
                acc.llmNotApproved(),
                acc.retired(),
                acc.noReview(),
                acc.byProvenance(),
                acc.byStatus(),
                acc.byEra(),
                partial.usable,
                partial.exactGroups,
                partial.rowsInExact,
                partial.exactInputGroups,
                partial.nearClusters,
                partial.rowsInNear,
                partial.largest,
                nd,
                partial.repeatedInputGroups,
                partial.conflictGroups,
                partial.rowsInConflict,
                partial.disagreement,
                acc.candidateRows(),
                partial.candidateRepeatedInputGroups,
                partial.candidateConflictGroups,
                partial.candidateDisagreement,
                partial.outputs,
                acc.tokens(encoding == null ? null : request.tokenizer()),
                acc.pii(),
                leakage,
                leakage == null ? null : leakage.leakedRows(),
                acc.memory(),
                findings.byKind(),
                findings.samples(),
                notes,
                partial.consistency);
    }

    private static void truncation(
            RowPipeline.End end, String file, int rows, FindingCollector findings, List<String> notes) {
        if (end.failure() == null) return;
        String msg = end.failure().getMessage() == null
                ? end.failure().getClass().getSimpleName()
                : end.failure().getMessage();
        int nl = msg.indexOf('\n');
        if (nl > 0) msg = msg.substring(0, nl);
        findings.add(new Finding(
                FindingKind.TRUNCATED_FILE.key(),
                "error",
                file,
                Math.max(1, end.failureLine()),
                List.of(),
                List.of(),
                "the file is truncated or corrupt after " + rows + " rows: " + msg
                        + "; rows after this point were not read"));
        notes.add(file + " is truncated or corrupt: only its first " + rows + " rows were audited");
    }

    private static AuditReport.Leakage leakage(
            AuditRequest request,
            DatasetReader reader,
            MinHasher hasher,
            TrainingAccumulator train,
            FindingCollector findings,
            Progress progress,
            int threads,
            List<String> notes,
            String goldenName) {
        DatasetReader.Opened opened = reader.open(request.golden(), request.format(), request.columns());
        RowAnalysis analysis = new RowAnalysis(
                goldenName,
                opened.parser(),
                EnumSet.of(AuditCheck.LEAKAGE),
                hasher,
                null,
                request.contextLimit(),
                MAPPER,
                null);
        long[] sorted = train.sortedInputHashes();
        var index = train.inputIndex();
        Map<Long, List<Integer>> exactByHash = new LinkedHashMap<>(); // input hash → golden rows
        Map<Integer, Finding> leaks = new TreeMap<>();
        long[] counts = new long[3]; // rows, valid, near
        List<Finding> goldenFormat = new ArrayList<>();
        try (RowSource src = opened.source();
                Progress.Task task =
                        progress.start("leakage " + request.golden().getFileName(), -1, "rows")) {
            RowPipeline.End end = RowPipeline.run(
                    src,
                    analysis::analyze,
                    r -> {
                        counts[0]++;
                        goldenFormat.addAll(r.findings());
                        if (!r.valid()) return;
                        counts[1]++;
                        if (Arrays.binarySearch(sorted, r.inputHash()) >= 0) {
                            exactByHash
                                    .computeIfAbsent(r.inputHash(), k -> new ArrayList<>())
                                    .add(r.index());
                            leaks.put(
                                    r.index(),
                                    new Finding(
                                            FindingKind.GOLDEN_LEAK.key(),
                                            "warning",
                                            goldenName,
                                            r.line(),
                                            List.of(r.index()),
                                            List.of(),
                                            "exact"));
                        } else if (index != null && r.inputSignature() != null) {
                            List<Match> m = index.query(r.inputSignature());
                            if (!m.isEmpty()) {
                                counts[2]++;
                                List<Integer> trainRows =
                                        m.stream().limit(5).map(Match::row).toList();
                                leaks.put(
                                        r.index(),
                                        new Finding(
                                                FindingKind.GOLDEN_LEAK.key(),
                                                "warning",
                                                goldenName,
                                                r.line(),
                                                List.of(r.index()),
                                                trainRows,
                                                String.format(
                                                        Locale.ROOT,
                                                        "the input is a near duplicate (estimated Jaccard %.2f) of training row %d",
                                                        m.get(0).estimatedJaccard(),
                                                        m.get(0).row())));
                            }
                        }
                    },
                    threads,
                    task);
            if (end.failure() != null) {
                goldenFormat.add(new Finding(
                        FindingKind.TRUNCATED_FILE.key(),
                        "error",
                        goldenName,
                        Math.max(1, end.failureLine()),
                        List.of(),
                        List.of(),
                        "the golden file is truncated or corrupt after " + counts[0] + " rows: "
                                + end.failure().getMessage()));
            }
        } catch (IOException e) {
            notes.add("closing " + goldenName + ": " + e.getMessage());
        }
        // training rows of each exactly leaked input: one pass over the per-row fingerprints
        Map<Long, List<Integer>> trainRows = new LinkedHashMap<>();
        for (int i = 0; i < train.rows(); i++) {
            if (!train.isValid(i)) continue;
            List<Integer> g = exactByHash.get(train.inputHash(i));
            if (g != null) {
                List<Integer> t = trainRows.computeIfAbsent(train.inputHash(i), k -> new ArrayList<>());
                if (t.size() < 5) t.add(i);
            }
        }
        exactByHash.forEach((h, goldenRows) -> {
            List<Integer> t = trainRows.getOrDefault(h, List.of());
            for (int g : goldenRows) {
                Finding f = leaks.get(g);
                leaks.put(
                        g,
                        new Finding(
                                f.kind(),
                                f.severity(),
                                f.file(),
                                f.line(),
                                f.rows(),
                                t,
                                "the input is an exact (normalised) duplicate of training row"
                                        + (t.size() > 1 ? "s " : " ")
                                        + String.join(
                                                ", ",
                                                t.stream().map(String::valueOf).toList())));
            }
        });
        goldenFormat.forEach(findings::add);
        leaks.values().forEach(findings::add);
        long exact = exactByHash.values().stream().mapToLong(List::size).sum();
        if (counts[0] == 0) notes.add("the golden file has no rows");
        return new AuditReport.Leakage(
                goldenName,
                Digests.sha256(request.golden()),
                counts[0],
                counts[1],
                leaks.size(),
                exact,
                counts[2],
                leaks.keySet().stream().limit(20).toList());
    }
}
