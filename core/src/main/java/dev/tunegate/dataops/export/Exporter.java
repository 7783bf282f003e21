package dev.tunegate.dataops.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.ToolVersion;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.audit.Fingerprint;
import dev.tunegate.audit.TextNormalizer;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.dataops.review.ReviewLog;
import dev.tunegate.dataops.review.ReviewedDataset;
import dev.tunegate.dataops.version.DatasetVersions;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code tunegate export DIR --format F -o OUT}: writes the training set a trainer accepts.
 *
 * <p>The rows are those of the reviewed dataset ({@link ReviewedDataset}: the training file with the review
 * log applied, plus the queue rows the log approves), judged by the audit's engine in one run
 * ({@link DatasetAudit}: exact and near duplicates, conflicts, golden leakage). A row is exported when it is
 * approved (or gold), of a current era (never a retired one), has no unfilled placeholder, is not in a
 * conflict group (those are held back and listed in {@code held-back.jsonl}), and no row of its duplicate
 * group leaks into the golden set; each group of exact or near duplicates gives one representative — a gold
 * row if there is one, else the row whose exported line has the smallest SHA-256, so the choice does not
 * depend on the input's row order. The same rule set is what the audit counts as reviewed pairs (FT-DATA),
 * leaks aside.
 *
 * <p>The exported lines are sorted by their SHA-256 and split by {@link Split}; the output is
 * byte-identical for the same inputs, seed and fraction, whatever the input's row order.
 */
public final class Exporter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The removal rules, in the order they are applied (a row counts under the first that removes it). */
    public static final List<String> RULES = List.of(
            "invalid",
            "lostConflict",
            "notApproved",
            "retiredEra",
            "unknownEra",
            "placeholder",
            "conflict",
            "goldenLeak",
            "exactDuplicate",
            "nearDuplicate");
    /** Labels above which data is not classification-like (the audit's limit). */
    static final int MAX_LABELS = 200;

    private Exporter() {}

    /**
     * How to export.
     *
     * @param format the output format
     * @param out the export folder
     * @param validation the validation fraction, in [0, 0.5]
     * @param seed the split's seed
     * @param threads worker threads of the audit
     * @param semanticLeaks also drop training rows a golden row paraphrases (the semantic audit, default model and threshold)
     */
    public record Options(
            ExportFormat format, Path out, double validation, long seed, int threads, boolean semanticLeaks) {
        public Options {
            if (!(validation >= 0 && validation <= 0.5))
                throw new InvalidInputException(
                        "--validation: expected a fraction between 0 and 0.5, found " + validation);
        }

        public Options(ExportFormat format, Path out, double validation, long seed, int threads) {
            this(format, out, validation, seed, threads, false);
        }
    }

    public static ExportManifest export(Workspace ws, Options opt, Progress progress) {
        Path train = ws.data()
                .trainFile()
                .orElseThrow(() -> new InvalidInputException(ws.configFile()
                        + ": data.train is not set: there is no dataset to export (and no audit of one)"));
        if (!Files.isRegularFile(train))
            throw InvalidInputException.at(Path.of(ws.relative(train)), 0, "no such file (data.train)");
        Path scratch = null;
        try {
            scratch = Files.createTempFile("tunegate-export-", ".jsonl");
            return run(ws, opt, progress, train, scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch file: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a scratch file in the temp folder; the OS cleans it up
                }
            }
        }
    }

    private static ExportManifest run(Workspace ws, Options opt, Progress progress, Path train, Path scratch) {
        // the review log is read once: its length and digest in the manifest are those of the bytes applied, however
        // much reviewers append while the export runs (replaying the first `logBytes` bytes reproduces the rows)
        ReviewLog.State logState = ReviewedDataset.log(ws).state();
        ReviewedDataset.Built built = ReviewedDataset.build(
                ws, scratch, logState, ReviewedDataset.queue(ws).read());
        List<String> notes = new ArrayList<>(built.notes());
        Path configuredGolden = ws.data().golden();
        Path golden = configuredGolden != null && Files.isRegularFile(configuredGolden) ? configuredGolden : null;
        if (configuredGolden != null && golden == null)
            notes.add(
                    "data.golden " + ws.relative(configuredGolden) + " does not exist: golden leaks were not checked");
        if (golden == null) notes.add("no golden set: golden-set leaks were not checked");
        List<DatasetRows.Row> rows = built.sources().isEmpty()
                ? List.of()
                : DatasetRows.readAll(scratch, DatasetFormat.OPENAI_CHAT, ColumnMapping.none());
        int n = rows.size();

        // one audit run over the reviewed rows: duplicates, conflicts, leaks
        String scratchName = scratch.toString();
        Map<FindingKind, List<Finding>> found = new HashMap<>();
        Set<FindingKind> wanted = EnumSet.of(
                FindingKind.EXACT_DUPLICATE,
                FindingKind.NEAR_DUPLICATE_CLUSTER,
                FindingKind.CONFLICT,
                FindingKind.GOLDEN_LEAK,
                FindingKind.UNFILLED_PLACEHOLDER);
        AuditRequest req = AuditRequest.of(scratch)
                .withGolden(golden)
                .withFormat(DatasetFormat.OPENAI_CHAT, ColumnMapping.none())
                .withEras(ws.data().currentEras(), ws.data().retiredEras())
                .withChecks(
                        golden == null
                                ? EnumSet.of(
                                        AuditCheck.COUNTS,
                                        AuditCheck.EXACT_DUPLICATES,
                                        AuditCheck.NEAR_DUPLICATES,
                                        AuditCheck.CONFLICTS)
                                : EnumSet.of(
                                        AuditCheck.COUNTS,
                                        AuditCheck.EXACT_DUPLICATES,
                                        AuditCheck.NEAR_DUPLICATES,
                                        AuditCheck.CONFLICTS,
                                        AuditCheck.LEAKAGE));
        AuditReport report = null;
        if (n > 0) {
            report = DatasetAudit.run(
                    req,
                    progress,
                    Math.max(1, opt.threads()),
                    f -> {
                        FindingKind k = FindingKind.valueOf(f.kind().toUpperCase(Locale.ROOT));
                        if (!wanted.contains(k)) return;
                        if (k != FindingKind.GOLDEN_LEAK && !f.file().equals(scratchName))
                            return; // findings about golden rows
                        found.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
                    },
                    Path::toString);
        }

        // per-row facts
        ExportFormat fmt = opt.format();
        String[] line = new String[n];
        String[] digest = new String[n];
        for (int i = 0; i < n; i++) {
            line[i] = json(fmt.render(rows.get(i).example()));
            digest[i] = Digests.sha256(line[i]);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int[] exactGroup = new int[n];
        java.util.Arrays.fill(exactGroup, -1);
        int g = 0;
        for (Finding f : found.getOrDefault(FindingKind.EXACT_DUPLICATE, List.of())) {
            for (int r : f.rows()) {
                exactGroup[r] = g;
                union(parent, f.rows().get(0), r);
            }
            g++;
        }
        for (Finding f : found.getOrDefault(FindingKind.NEAR_DUPLICATE_CLUSTER, List.of())) {
            for (int r : f.rows()) union(parent, f.rows().get(0), r);
        }
        BitSet conflict = new BitSet();
        List<List<Integer>> conflictGroups = new ArrayList<>();
        for (Finding f : found.getOrDefault(FindingKind.CONFLICT, List.of())) {
            f.rows().forEach(conflict::set);
            conflictGroups.add(f.rows());
        }
        BitSet placeholder = new BitSet();
        for (Finding f : found.getOrDefault(FindingKind.UNFILLED_PLACEHOLDER, List.of()))
            f.rows().forEach(placeholder::set);
        BitSet leak = new BitSet();
        for (Finding f : found.getOrDefault(FindingKind.GOLDEN_LEAK, List.of()))
            f.trainingRows().forEach(leak::set);
        if (golden != null) {
            // exact leaks in full (the audit's findings name at most five training rows per golden row)
            Set<Long> goldenInputs = new HashSet<>();
            DatasetRows.read(ws, golden, r -> {
                if (r.valid())
                    goldenInputs.add(
                            Fingerprint.of(TextNormalizer.normalize(r.example().input())));
            });
            for (int i = 0; i < n; i++) {
                if (goldenInputs.contains(Fingerprint.of(
                        TextNormalizer.normalize(rows.get(i).example().input())))) leak.set(i);
            }
        }
        if (golden != null && opt.semanticLeaks() && n > 0) {
            // paraphrases: the training rows nearest to each golden row the semantic audit flags (lexical leaks are set
            // above)
            var sr = dev.tunegate.audit.semantic.SemanticRequest.of(scratch, golden)
                    .withFormat(DatasetFormat.OPENAI_CHAT, ColumnMapping.none())
                    .withCacheDir(ws.root().resolve(".tunegate").resolve("embeddings"));
            long[] rowsDropped = {0};
            var s = dev.tunegate.audit.semantic.SemanticAudit.run(
                    sr,
                    Set.of(),
                    progress,
                    Math.max(1, opt.threads()),
                    f -> {
                        if (!f.kind().equals(dev.tunegate.audit.semantic.SemanticAudit.LEAK)) return;
                        for (int r : f.trainingRows())
                            if (!leak.get(r)) {
                                leak.set(r);
                                rowsDropped[0]++;
                            }
                    },
                    Path::toString);
            notes.add(String.format(
                    Locale.ROOT,
                    "semantic leaks: %d golden rows paraphrase training rows (%s, cosine ≥ %.2f); %d more training rows count as golden leaks",
                    s.leakedGoldenRows() == null
                            ? 0
                            : s.leakedGoldenRows() + (s.alsoLexicalLeaks() == null ? 0 : s.alsoLexicalLeaks()),
                    s.model(),
                    s.threshold(),
                    rowsDropped[0]));
        }
        Set<Integer> leakingGroups = new HashSet<>();
        for (int i = leak.nextSetBit(0); i >= 0; i = leak.nextSetBit(i + 1)) leakingGroups.add(find(parent, i));

        // the rules, in order
        Set<String> current = new HashSet<>(ws.data().currentEras());
        Set<String> retired = new HashSet<>(ws.data().retiredEras());
        Map<String, Long> removed = new LinkedHashMap<>();
        RULES.forEach(r -> removed.put(r, 0L));
        removed.put("invalid", built.invalidTrainRows());
        removed.put("lostConflict", built.resolvedAway());
        BitSet candidate = new BitSet();
        for (int i = 0; i < n; i++) {
            RowMetadata m = rows.get(i).example().metadata();
            String rule;
            if (!(m.approved() || m.gold())) rule = "notApproved";
            else if (m.era() != null && retired.contains(m.era())) rule = "retiredEra";
            else if (m.era() != null && !current.isEmpty() && !current.contains(m.era())) rule = "unknownEra";
            else if (placeholder.get(i)) rule = "placeholder";
            else if (conflict.get(i)) rule = "conflict";
            else if (leakingGroups.contains(find(parent, i))) rule = "goldenLeak";
            else rule = null;
            if (rule == null) candidate.set(i);
            else removed.merge(rule, 1L, Long::sum);
        }
        // one representative per duplicate group: gold first, then the smallest line digest
        Map<Integer, Integer> rep = new HashMap<>();
        for (int i = candidate.nextSetBit(0); i >= 0; i = candidate.nextSetBit(i + 1)) {
            rep.merge(find(parent, i), i, (a, b) -> better(rows, digest, a, b) ? a : b);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = candidate.nextSetBit(0); i >= 0; i = candidate.nextSetBit(i + 1)) {
            int r = rep.get(find(parent, i));
            if (r == i) kept.add(i);
            else if (exactGroup[i] >= 0 && exactGroup[i] == exactGroup[r])
                removed.merge("exactDuplicate", 1L, Long::sum);
            else removed.merge("nearDuplicate", 1L, Long::sum);
        }
        kept.sort(Comparator.comparing(i -> digest[i]));

        // the split
        Map<String, Long> labels = new TreeMap<>();
        for (int i : kept)
            labels.merge(TextNormalizer.normalize(rows.get(i).example().output()), 1L, Long::sum);
        boolean stratified = labels.size() >= 2 && labels.size() <= MAX_LABELS && labels.size() * 2L <= kept.size();
        List<Split.Item> items = new ArrayList<>();
        for (int i : kept)
            items.add(new Split.Item(
                    digest[i],
                    stratified ? TextNormalizer.normalize(rows.get(i).example().output()) : null));
        Split.Result split = Split.split(items, opt.validation(), opt.seed(), stratified);
        StringBuilder trainOut = new StringBuilder(), valOut = new StringBuilder();
        long nTrain = 0, nVal = 0;
        for (int k = 0; k < kept.size(); k++) {
            String l = line[kept.get(k)] + "\n";
            if (split.validation()[k]) {
                valOut.append(l);
                nVal++;
            } else {
                trainOut.append(l);
                nTrain++;
            }
        }
        // held back: conflict groups with at least one row that would otherwise be exported
        StringBuilder held = new StringBuilder();
        List<String> heldLines = new ArrayList<>();
        long heldRows = 0;
        for (List<Integer> grp : conflictGroups) {
            boolean eligible = false;
            for (int r : grp) {
                RowMetadata m = rows.get(r).example().metadata();
                if ((m.approved() || m.gold()) && (m.era() == null || !retired.contains(m.era()))) eligible = true;
            }
            if (!eligible) continue;
            ObjectNode o = MAPPER.createObjectNode();
            ArrayNode arr = o.putArray("rows");
            List<Integer> ordered = new ArrayList<>(grp);
            ordered.sort(Comparator.comparing((Integer r) -> digest[r]));
            for (int r : ordered) {
                Example ex = rows.get(r).example();
                ObjectNode e = arr.addObject();
                e.put("source", built.sources().get(r));
                e.put("input", ex.input());
                e.put("output", ex.output());
                e.set("metadata", dev.tunegate.dataops.RowDigests.metadata(ex.metadata()));
            }
            heldLines.add(json(o));
            heldRows += grp.size();
        }
        heldLines.sort(null);
        heldLines.forEach(l -> held.append(l).append('\n'));

        Path out = opt.out();
        List<ExportManifest.FileEntry> files = new ArrayList<>();
        files.add(writeFile(out, "train.jsonl", trainOut.toString(), nTrain, "train"));
        files.add(writeFile(out, "validation.jsonl", valOut.toString(), nVal, "validation"));
        files.add(writeFile(out, "held-back.jsonl", held.toString(), heldLines.size(), "held-back"));

        Map<String, String> sources = new TreeMap<>();
        sources.put(ws.relative(train), built.trainSha256());
        if (golden != null)
            sources.put(
                    ws.relative(golden),
                    report != null && report.leakage() != null
                            ? report.leakage().sha256() // hashed by the audit while it read the golden rows
                            : Digests.sha256(golden));
        if (built.queueSha256() != null)
            sources.put(ws.relative(ReviewedDataset.queue(ws).file()), built.queueSha256());
        if (built.log().length() > 0) sources.put(ReviewLog.FILE, built.log().sha256());
        AuditReport.NearDuplicateSettings nd = report == null ? null : report.nearDuplicateParams();
        var params = dev.tunegate.audit.neardup.NearDuplicateParams.forThreshold(req.threshold(), req.seed());
        ExportManifest.AuditParams ap = new ExportManifest.AuditParams(
                req.threshold(),
                req.seed(),
                params.permutations(),
                params.bands(),
                nd == null ? params.mode().name().toLowerCase(Locale.ROOT) : nd.shingles(),
                params.shingleSize());
        String method = stratified
                ? "stratified by label (the normalised output, " + labels.size()
                        + " labels): each label gives round-by-largest-remainder(n_label × fraction) of its rows ranked by SHA-256(seed + \"\\n\" + line digest)"
                : "rows ranked by SHA-256(seed + \"\\n\" + line digest); the first round(n × fraction) go to validation";
        String version = new DatasetVersions(ws)
                .latestOfFile(built.trainSha256())
                .map(v -> v.id())
                .orElse(null);
        if (version == null)
            notes.add("no dataset version records these training rows: run tunegate data snapshot to name them");
        ExportManifest m = new ExportManifest(
                ExportManifest.SCHEMA_VERSION,
                "tunegate",
                ToolVersion.get(),
                fmt.id(),
                files,
                new ExportManifest.Rows(built.trainRows(), n, kept.size(), nTrain, nVal),
                removed,
                new ExportManifest.HeldBack("held-back.jsonl", heldLines.size(), heldRows),
                new ExportManifest.Split(opt.validation(), stratified, stratified ? split.strata() : 0, method),
                ap,
                opt.seed(),
                sources,
                version,
                new ExportManifest.Review(
                        built.decisionsApplied(),
                        built.queueApproved(),
                        built.resolvedAway(),
                        built.log().length(),
                        built.log().length() > 0 ? built.log().sha256() : null),
                notes);
        AtomicFiles.write(out.resolve(ExportManifest.FILE), Json.pretty(m));
        return m;
    }

    private static boolean better(List<DatasetRows.Row> rows, String[] digest, int a, int b) {
        boolean ga = rows.get(a).example().metadata().gold(),
                gb = rows.get(b).example().metadata().gold();
        if (ga != gb) return ga;
        return digest[a].compareTo(digest[b]) <= 0;
    }

    private static ExportManifest.FileEntry writeFile(Path dir, String name, String content, long rows, String role) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(name), bytes);
        return new ExportManifest.FileEntry(name, Digests.sha256(bytes), rows, role);
    }

    private static String json(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
