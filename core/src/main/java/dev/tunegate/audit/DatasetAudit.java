package dev.tunegate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.neardup.Match;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.LineBlocks;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.audit.read.TruncatedInputException;
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
import java.util.Map;
import java.util.Optional;
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
        return audit(request, null, progress, threads, sink, display).report();
    }

    /**
     * The report of an audit and the report of its overlaid view.
     *
     * @param overlaid the view's report (counts, duplicates, conflicts: {@link RowOverlay#CHECKS}); empty when the
     *     overlay changes nothing, so the audit's report stands for it
     */
    public record Overlaid(AuditReport report, Optional<AuditReport> overlaid) {}

    /**
     * Runs the audit and, in the same pass over the training file, the audit of the file as {@code overlay} leaves it
     * (see {@link RowOverlay}): the file is read once.
     */
    public static Overlaid run(
            AuditRequest request,
            RowOverlay overlay,
            Progress progress,
            int threads,
            FindingSink sink,
            java.util.function.Function<Path, String> display) {
        return audit(request, java.util.Objects.requireNonNull(overlay), progress, threads, sink, display);
    }

    private static Overlaid audit(
            AuditRequest request,
            RowOverlay overlay,
            Progress progress,
            int threads,
            FindingSink sink,
            java.util.function.Function<Path, String> display) {
        NearDuplicateParams params = NearDuplicateParams.forThreshold(request.threshold(), request.seed());
        // signatures only for the checks that compare them (its tables take a while to build); an overlay's view
        // compares them (RowOverlay.CHECKS)
        MinHasher hasher = request.runs(AuditCheck.NEAR_DUPLICATES)
                        || request.runs(AuditCheck.CONFLICTS)
                        || request.runs(AuditCheck.LEAKAGE)
                        || overlay != null
                ? new MinHasher(params)
                : null;
        TokenCounter encoding = request.runs(AuditCheck.TOKENS) ? TokenCounter.forEncoding(request.tokenizer()) : null;
        JsonSchema schema = request.outputSchema() != null && request.runs(AuditCheck.SCHEMA)
                ? OutputSchemaFile.load(
                        request.outputSchema(), request.outputSchema().toString())
                : null;
        // the reader reports damage as a TruncatedInputException after the rows before it; whether
        // that is an error or a partial audit is decided here (request.allowPartial())
        DatasetReader reader = new DatasetReader(MAPPER, request.maxLineBytes(), true);
        List<AuditReport.Partial> partials = new ArrayList<>();
        FindingCollector findings = new FindingCollector(sink);
        List<String> notes = new ArrayList<>();
        String trainName = display.apply(request.train());

        DatasetReader.Opened opened = reader.open(request.train(), request.format(), request.columns());
        notes.addAll(opened.notes());
        TrainingAccumulator acc = new TrainingAccumulator(request, trainName, findings, params);
        RowAnalysis analysis = new RowAnalysis(
                trainName, opened.parser(), request.checks(), hasher, encoding, request.contextLimit(), MAPPER, schema);
        // an overlay's view is merged beside the file's rows, in the same pass (OverlayPass)
        OverlayPass view =
                overlay == null ? null : new OverlayPass(request, overlay, analysis, opened.parser(), hasher, params);
        java.util.function.Function<dev.tunegate.audit.read.RawRow, RowResult> work =
                view == null ? analysis::analyze : view::work;
        java.util.function.Consumer<RowResult> merge = view == null
                ? acc::add
                : r -> {
                    acc.add(r);
                    view.merge(r);
                };
        String sha256 = null;
        try (RowSource src = opened.source();
                Progress.Task task = progress.start("audit " + request.train().getFileName(), -1, "rows")) {
            // a plain JSONL file is read in blocks, split into rows and read in place on the workers; with an overlay,
            // row by row (its view starts from each row's example, which the block path does not keep)
            LineBlocks blocks = view == null ? reader.blocks(opened, request.train()) : null;
            if (blocks != null) {
                src.close(); // its first rows (read to detect the format) are read again from the blocks
                try (blocks) {
                    RowPipeline.End end = RowPipeline.runBlocks(blocks, analysis, acc::add, threads, task);
                    damage(
                            request,
                            request.train(),
                            opened,
                            end,
                            trainName,
                            acc.rows(),
                            findings,
                            notes,
                            partials,
                            false);
                    sha256 = blocks.sha256(); // hashed while the blocks streamed through: one read of the file
                }
            } else {
                RowPipeline.End end = RowPipeline.run(src, work, merge, threads, task);
                damage(request, request.train(), opened, end, trainName, acc.rows(), findings, notes, partials, false);
                sha256 = opened.sha256().get(); // hashed while the rows streamed through: one read of the file
            }
        } catch (IOException e) {
            notes.add("closing " + trainName + ": " + e.getMessage());
        }
        if (acc.rows() == 0) throw InvalidInputException.at(request.train(), 0, "the file has no rows");
        if (sha256 == null) sha256 = Digests.sha256(request.train());
        TrainingAccumulator.Partial partial = acc.finish();

        AuditReport.Leakage leakage = null;
        if (request.golden() != null && request.runs(AuditCheck.LEAKAGE)) {
            leakage = leakage(
                    request,
                    reader,
                    hasher,
                    acc,
                    findings,
                    progress,
                    threads,
                    notes,
                    partials,
                    display.apply(request.golden()));
        }
        if (acc.formatErrors() > 0) {
            notes.add(acc.formatErrors() + " of " + acc.rows() + " rows of " + trainName
                    + " have format errors and are not used");
        }
        if (acc.noReview() == acc.validRows() && acc.validRows() > 0) {
            notes.add("no row has review metadata (metadata.status / provenance): no row counts as reviewed");
        }
        AuditReport report = report(
                request,
                trainName,
                sha256,
                opened.format().id(),
                opened.compression(),
                opened.layout(),
                acc,
                partial,
                acc.tokens(encoding == null ? null : request.tokenizer()),
                acc.pii(),
                leakage,
                findings,
                notes,
                partials);
        Optional<AuditReport> overlaid = view == null
                ? Optional.empty()
                : view.finish(sha256, opened.format().id(), opened.compression(), opened.layout());
        return new Overlaid(report, overlaid);
    }

    /** The report of an accumulated audit (the file's, or an overlaid view's). */
    static AuditReport report(
            AuditRequest request,
            String trainName,
            String sha256,
            String format,
            String compression,
            String layout,
            TrainingAccumulator acc,
            TrainingAccumulator.Partial partial,
            AuditReport.Tokens tokens,
            AuditReport.Pii pii,
            AuditReport.Leakage leakage,
            FindingCollector findings,
            List<String> notes,
            List<AuditReport.Partial> partials) {
        NearDuplicateParams params = NearDuplicateParams.forThreshold(request.threshold(), request.seed());
        List<String> checks = request.checks().stream().map(AuditCheck::id).toList();
        AuditReport.NearDuplicateSettings nd =
                AuditReport.NearDuplicateSettings.of(request, params, partial.indexBytes, acc.validRows());
        return new AuditReport(
                AuditReport.SCHEMA_VERSION,
                trainName,
                sha256,
                format,
                compression,
                layout,
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
                tokens,
                pii,
                leakage,
                leakage == null ? null : leakage.leakedRows(),
                acc.memory(),
                findings.byKind(),
                findings.samples(),
                notes,
                partial.consistency,
                partials.isEmpty() ? null : partials);
    }

    /**
     * What a damaged file (a truncated gzip/zstd stream, a CSV quote never closed) means: an error
     * naming the file, line and byte offset, unless {@code --allow-partial}; then a finding, a note and
     * an entry in the report's {@code partial}, so a partial read is never silent.
     */
    private static void damage(
            AuditRequest request,
            Path path,
            DatasetReader.Opened opened,
            RowPipeline.End end,
            String file,
            long rows,
            FindingCollector findings,
            List<String> notes,
            List<AuditReport.Partial> partials,
            boolean golden) {
        if (end.failure() == null) return;
        TruncatedInputException t = end.failure() instanceof TruncatedInputException x
                ? x
                : new TruncatedInputException(
                        Math.max(1, end.failureLine() + 1),
                        -1,
                        "the file cannot be read",
                        TruncatedInputException.firstLineOf(end.failure()),
                        end.failure());
        if (!request.allowPartial()) throw DatasetReader.damaged(path, opened.compression(), t, rows);
        String where = t.byteOffset() < 0
                ? ""
                : " at byte " + t.byteOffset()
                        + (opened.compression().equals("none") ? "" : " of the decompressed content");
        findings.add(new Finding(
                FindingKind.TRUNCATED_FILE.key(),
                "error",
                file,
                t.line(),
                List.of(),
                List.of(),
                (golden ? "the golden file: " : "") + t.what() + where
                        + (t.decoderMessage() == null ? "" : " (" + t.decoderMessage() + ")") + "; only the " + rows
                        + " rows before it were read (--allow-partial)"));
        notes.add(file + " is damaged from line " + t.line() + where + ": only its first " + rows + " rows were audited"
                + " (--allow-partial); the figures are of a partial file");
        partials.add(new AuditReport.Partial(file, t.line(), t.byteOffset(), rows, t.what()));
    }

    /**
     * Opens the golden file in its own format: detected from the file, since {@code --data-format} (data.format) names
     * the training file's format and the golden set is often kept in another (a CSV test split beside chat JSONL). The
     * given format is used only when the golden file's cannot be detected.
     */
    private static DatasetReader.Opened openGolden(DatasetReader reader, AuditRequest request) {
        try {
            return reader.open(request.golden(), DatasetFormat.AUTO, request.columns());
        } catch (InvalidInputException undetected) {
            if (request.format() == null || request.format() == DatasetFormat.AUTO) throw undetected;
            try {
                return reader.open(request.golden(), request.format(), request.columns());
            } catch (InvalidInputException e) {
                throw undetected;
            }
        }
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
            List<AuditReport.Partial> partials,
            String goldenName) {
        DatasetReader.Opened opened = openGolden(reader, request);
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
        Map<Integer, List<Match>> nearOfExact = new TreeMap<>(); // golden row → its near, not exact, training copies
        long[] counts = new long[3]; // rows, valid, near
        List<Finding> goldenFormat = new ArrayList<>();
        String goldenSha256 = null;
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
                        boolean exactLeak = Arrays.binarySearch(sorted, r.inputHash()) >= 0;
                        // near duplicates are looked for whether or not the input also has an exact copy: a golden
                        // row can be an exact copy of one training row and a near copy of others, and every one of
                        // them leaks (export removes the training rows a finding names)
                        List<Match> m = index != null && r.inputSignature() != null
                                ? index.query(r.inputSignature())
                                : List.of();
                        if (exactLeak) {
                            exactByHash
                                    .computeIfAbsent(r.inputHash(), k -> new ArrayList<>())
                                    .add(r.index());
                            List<Match> near = m.stream()
                                    .filter(x -> train.inputHash(x.row()) != r.inputHash())
                                    .toList();
                            if (!near.isEmpty()) nearOfExact.put(r.index(), near);
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
                        } else if (!m.isEmpty()) {
                            counts[2]++;
                            leaks.put(
                                    r.index(),
                                    AuditFindings.goldenLeak(
                                            goldenName,
                                            r.line(),
                                            r.index(),
                                            List.of(),
                                            m.stream().map(Match::row).toList(),
                                            m.get(0).estimatedJaccard(),
                                            m.get(0).exact()));
                        }
                    },
                    threads,
                    task);
            FindingCollector goldenDamage = new FindingCollector(goldenFormat::add);
            damage(request, request.golden(), opened, end, goldenName, counts[0], goldenDamage, notes, partials, true);
            goldenSha256 = opened.sha256().get();
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
                List<Match> near = nearOfExact.getOrDefault(g, List.of());
                leaks.put(
                        g,
                        AuditFindings.goldenLeak(
                                f.file(),
                                f.line(),
                                g,
                                t,
                                near.stream().map(Match::row).toList(),
                                near.isEmpty() ? Double.NaN : near.get(0).estimatedJaccard(),
                                !near.isEmpty() && near.get(0).exact()));
            }
        });
        goldenFormat.forEach(findings::add);
        leaks.values().forEach(findings::add);
        long exact = exactByHash.values().stream().mapToLong(List::size).sum();
        if (counts[0] == 0) notes.add("the golden file has no rows");
        else if (counts[1] == 0)
            notes.add("none of the " + counts[0] + " rows of the golden file " + goldenName + " (read as "
                    + opened.format().id() + ") is valid: leakage was not checked");
        return new AuditReport.Leakage(
                goldenName,
                goldenSha256 != null ? goldenSha256 : Digests.sha256(request.golden()),
                counts[0],
                counts[1],
                leaks.size(),
                exact,
                counts[2],
                leaks.keySet().stream().limit(20).toList());
    }
}
