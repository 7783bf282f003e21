package dev.tunegate.audit;

import dev.tunegate.audit.neardup.Cluster;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the row results of the training file in row order (single-threaded) and computes the
 * groups at the end. Per row it keeps three 64-bit fingerprints, a few bits, a field-set id and the
 * near-duplicate indexes' entries; nothing else grows with the file.
 */
final class TrainingAccumulator {
    /** Distinct labels above which data is not classification-like. */
    static final int MAX_LABELS = 200;
    /** Distinct output field sets tracked; the rest are counted together. */
    static final int MAX_FIELD_SETS = 10_000;

    private final AuditRequest request;
    private final String file;
    private final FindingCollector findings;
    private final NearDuplicateIndex wholeIndex;
    private final NearDuplicateIndex inputIndex;

    private final LongColumn inputHash = new LongColumn();
    private final LongColumn outputHash = new LongColumn();
    private final LongColumn pairHash = new LongColumn();
    private final BitSet valid = new BitSet();
    private final BitSet eligible = new BitSet();
    private final BitSet candidate = new BitSet();
    private final BitSet conforming = new BitSet();
    private final IntColumn fieldSet = new IntColumn();
    private final IntColumn lines = new IntColumn();
    private int rows;
    private long validRows, approved, gold, llmApproved, llmNotApproved, retired, unknownEra, noReview, formatErrorRows;
    private final Map<String, Long> byProvenance = new TreeMap<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, Long> byEra = new TreeMap<>();

    // tokens
    private final TokenHistogram[] roleHist = {
        new TokenHistogram(), new TokenHistogram(), new TokenHistogram(), new TokenHistogram()
    };
    private final TokenHistogram exampleHist = new TokenHistogram();
    private final TokenHistogram inputHist = new TokenHistogram();
    private final TokenHistogram outputHist = new TokenHistogram();
    private long overLimit, billing;

    // outputs
    private long jsonRows, objectRows, schemaChecked, schemaConforming;
    private final Map<String, Long> violations = new HashMap<>();
    private final Map<String, Integer> fieldSetIds = new HashMap<>();
    private final List<String> fieldSetNames = new ArrayList<>();
    private final List<Long> fieldSetCounts = new ArrayList<>();
    private final Map<String, long[]> labels = new LinkedHashMap<>(); // label → {count, first row}
    private boolean labelsOverflow;

    // pii
    private final EnumMap<PiiKind, Long> piiCount = new EnumMap<>(PiiKind.class);
    private final EnumMap<PiiKind, Long> piiRows = new EnumMap<>(PiiKind.class);
    private final EnumMap<PiiKind, List<Integer>> piiSamples = new EnumMap<>(PiiKind.class);
    private long rowsWithPii;

    private RowResult firstFormatError;

    TrainingAccumulator(AuditRequest request, String file, FindingCollector findings, NearDuplicateParams params) {
        this.request = request;
        this.file = file;
        this.findings = findings;
        this.wholeIndex = request.runs(AuditCheck.NEAR_DUPLICATES) ? new NearDuplicateIndex(params) : null;
        this.inputIndex = request.runs(AuditCheck.CONFLICTS) || request.runs(AuditCheck.LEAKAGE)
                ? new NearDuplicateIndex(params)
                : null;
    }

    void add(RowResult r) {
        int i = rows++;
        for (Finding f : r.findings()) findings.add(f);
        if (r.formatError()) {
            formatErrorRows++;
            if (firstFormatError == null) firstFormatError = r;
            if (request.maxErrors() > 0 && formatErrorRows > request.maxErrors()) {
                Finding first = firstFormatError.findings().stream()
                        .filter(f -> f.severity().equals("error"))
                        .findFirst()
                        .orElse(firstFormatError.findings().get(0));
                throw new InvalidInputException(
                        file,
                        r.line(),
                        "stopped after " + formatErrorRows + " rows with format errors (more than --max-errors "
                                + request.maxErrors() + "); the first, at line " + firstFormatError.line() + ": "
                                + first.kind() + ": " + first.message()
                                + ". Is the format right? Set it with --data-format and --column (data.format, data.columns)");
            }
        }
        inputHash.add(r.inputHash());
        outputHash.add(r.outputHash());
        pairHash.add(r.pairHash());
        lines.add((int) Math.min(Integer.MAX_VALUE, r.line()));
        if (!r.valid()) {
            fieldSet.add(-1);
            return;
        }
        valid.set(i);
        validRows++;
        RowMetadata m = r.metadata();
        byProvenance.merge(m.provenance() == null ? "(none)" : m.provenance(), 1L, Long::sum);
        byStatus.merge(m.status() == null ? "(none)" : m.status(), 1L, Long::sum);
        byEra.merge(m.era() == null ? "(none)" : m.era(), 1L, Long::sum);
        if (m.provenance() == null && m.status() == null) noReview++;
        if (m.approved()) approved++;
        if (m.gold()) gold++;
        if (m.llmDraft()) {
            if (m.approved()) llmApproved++;
            else {
                llmNotApproved++;
                findings.add(AuditFindings.row(
                        FindingKind.LLM_DRAFT_NOT_APPROVED,
                        file,
                        r.line(),
                        i,
                        "LLM-drafted row with status " + (m.status() == null ? "(none)" : m.status())
                                + ": not usable until a human approves it"));
            }
        }
        boolean eraOk = true;
        if (m.era() != null && request.retiredEras().contains(m.era())) {
            retired++;
            eraOk = false;
            findings.add(AuditFindings.row(
                    FindingKind.RETIRED_ERA,
                    file,
                    r.line(),
                    i,
                    "era \"" + m.era() + "\" is retired: never train on this row"));
        } else if (m.era() != null
                && !request.currentEras().isEmpty()
                && !request.currentEras().contains(m.era())) {
            unknownEra++;
            eraOk = false;
            findings.add(AuditFindings.row(
                    FindingKind.UNKNOWN_ERA,
                    file,
                    r.line(),
                    i,
                    "era \"" + m.era() + "\" is neither current (" + String.join(", ", request.currentEras())
                            + ") nor retired"));
        }
        if ((m.approved() || m.gold()) && eraOk && !r.placeholder()) eligible.set(i);
        if (eraOk && !"rejected".equals(m.status())) candidate.set(i);

        if (wholeIndex != null && r.wholeSignature() != null) wholeIndex.add(i, r.wholeSignature());
        if (inputIndex != null && r.inputSignature() != null) inputIndex.add(i, r.inputSignature());

        if (r.roleTokens() != null) {
            int[] t = r.roleTokens();
            for (int k = 0; k < 4; k++) if (t[k] > 0) roleHist[k].add(t[k]);
            exampleHist.add(r.rowTokens());
            inputHist.add(t[0] + t[1]);
            outputHist.add(t[2]);
            if (r.rowTokens() > request.contextLimit()) overLimit++;
            billing += Math.min(request.contextLimit(), r.rowTokens());
        }

        RowResult.OutputFacts o = r.output();
        int fs = -1;
        if (o != null) {
            if (o.json()) jsonRows++;
            if (o.schemaChecked()) {
                schemaChecked++;
                if (o.violations().isEmpty()) {
                    schemaConforming++;
                    conforming.set(i);
                }
                for (String v : o.violations()) {
                    if (violations.size() < 1000 || violations.containsKey(v)) violations.merge(v, 1L, Long::sum);
                }
            }
            if (o.fields() != null) {
                objectRows++;
                Integer id = fieldSetIds.get(o.fields());
                if (id == null && fieldSetNames.size() < MAX_FIELD_SETS) {
                    id = fieldSetNames.size();
                    fieldSetIds.put(o.fields(), id);
                    fieldSetNames.add(o.fields());
                    fieldSetCounts.add(0L);
                }
                if (id != null) {
                    fs = id;
                    fieldSetCounts.set(id, fieldSetCounts.get(id) + 1);
                } else {
                    fs = Integer.MAX_VALUE; // an untracked field set: drifting
                }
            }
            if (!labelsOverflow) {
                if (o.label() == null || o.json()) labelsOverflow = true;
                else {
                    long[] c = labels.get(o.label());
                    if (c == null) {
                        if (labels.size() >= MAX_LABELS) labelsOverflow = true;
                        else labels.put(o.label(), new long[] {1, i});
                    } else c[0]++;
                }
            }
        }
        fieldSet.add(fs);

        if (!r.pii().isEmpty()) {
            rowsWithPii++;
            Set<PiiKind> kinds = java.util.EnumSet.noneOf(PiiKind.class);
            for (PiiHit h : r.pii()) {
                piiCount.merge(h.kind(), 1L, Long::sum);
                kinds.add(h.kind());
            }
            for (PiiKind k : kinds) {
                piiRows.merge(k, 1L, Long::sum);
                List<Integer> s = piiSamples.computeIfAbsent(k, x -> new ArrayList<>());
                if (s.size() < 10) s.add(i);
            }
        }
    }

    int rows() {
        return rows;
    }

    long validRows() {
        return validRows;
    }

    NearDuplicateIndex inputIndex() {
        return inputIndex;
    }

    long inputHash(int row) {
        return inputHash.get(row);
    }

    boolean isValid(int row) {
        return valid.get(row);
    }

    /** Whether a row counts for FT-CONSISTENT (approved or gold, current era, no unfilled placeholder). */
    boolean isEligible(int row) {
        return eligible.get(row);
    }

    /** The training inputs' fingerprints, sorted (for exact leakage lookups). */
    long[] sortedInputHashes() {
        long[] h = new long[(int) validRows];
        int k = 0;
        for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) h[k++] = inputHash.get(i);
        Arrays.sort(h);
        return h;
    }

    /** Bytes of per-row state outside the near-duplicate indexes. */
    long perRowStateBytes() {
        return inputHash.bytes()
                + outputHash.bytes()
                + pairHash.bytes()
                + fieldSet.bytes()
                + lines.bytes()
                + valid.size() / 8
                + eligible.size() / 8;
    }

    /** Groups of valid rows sharing a fingerprint, ordered by first row. */
    private List<List<Integer>> groups(LongColumn h) {
        long[] sorted = new long[(int) validRows];
        int k = 0;
        for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) sorted[k++] = h.get(i);
        Arrays.sort(sorted);
        Set<Long> dup = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) if (sorted[i] == sorted[i - 1]) dup.add(sorted[i]);
        if (dup.isEmpty()) return List.of();
        Map<Long, List<Integer>> g = new LinkedHashMap<>();
        for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) {
            long v = h.get(i);
            if (dup.contains(v)) g.computeIfAbsent(v, x -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(g.values());
    }

    /** Everything computed at the end; group findings are emitted here, in a fixed order. */
    Partial finish() {
        Partial p = new Partial();
        UnionFind collapse = new UnionFind(rows);
        BitSet inConflict = new BitSet();
        if (request.runs(AuditCheck.EXACT_DUPLICATES)) {
            List<List<Integer>> pairs = groups(pairHash);
            p.exactGroups = (long) pairs.size();
            p.rowsInExact = pairs.stream().mapToLong(List::size).sum();
            p.exactInputGroups = (long) groups(inputHash).size();
            for (List<Integer> g : pairs) {
                collapse.unionAll(g);
                findings.add(AuditFindings.group(
                        FindingKind.EXACT_DUPLICATE,
                        file,
                        g,
                        g.size() + " rows with the same normalised input and output"));
            }
        }
        if (wholeIndex != null) {
            List<Cluster> clusters = wholeIndex.clusters();
            p.nearClusters = (long) clusters.size();
            p.rowsInNear = clusters.stream().mapToLong(c -> c.rows().size()).sum();
            for (Cluster c : clusters) {
                collapse.unionAll(c.rows());
                findings.add(AuditFindings.group(
                        FindingKind.NEAR_DUPLICATE_CLUSTER,
                        file,
                        c.rows(),
                        AuditFindings.nearDuplicateCluster(c.rows().size(), c.minEstimatedJaccard(), c.exact())));
            }
            p.largest = clusters.stream()
                    .sorted(Comparator.comparingInt((Cluster c) -> -c.rows().size())
                            .thenComparing(c -> c.rows().get(0)))
                    .limit(5)
                    .map(c -> new AuditReport.ClusterSample(
                            c.rows().size(),
                            c.minEstimatedJaccard(),
                            c.exact(),
                            c.rows().subList(0, Math.min(5, c.rows().size()))))
                    .toList();
            p.indexBytes = wholeIndex.bytesUsed();
        }
        if (request.runs(AuditCheck.CONFLICTS)) {
            UnionFind same = new UnionFind(rows);
            for (List<Integer> g : groups(inputHash)) same.unionAll(g);
            for (Cluster c : inputIndex.clusters()) same.unionAll(c.rows());
            // only rows of components of two or more are listed: memory follows the repeated rows, not the file
            int[] size = new int[rows];
            for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) size[same.find(i)]++;
            Map<Integer, List<Integer>> comps = new LinkedHashMap<>();
            for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) {
                int root = same.find(i);
                if (size[root] > 1)
                    comps.computeIfAbsent(root, x -> new ArrayList<>()).add(i);
            }
            long repeated = 0,
                    conflicts = 0,
                    conflictRows = 0,
                    candRepeated = 0,
                    candConflicts = 0,
                    candRowsInConflict = 0;
            List<List<Integer>> eligibleConflicts = new ArrayList<>();
            for (List<Integer> g : comps.values()) {
                if (g.size() < 2) continue;
                List<Integer> cand = g.stream().filter(candidate::get).toList();
                if (cand.size() >= 2) {
                    candRepeated++;
                    if (cand.stream().map(outputHash::get).distinct().count() > 1) {
                        candConflicts++;
                        candRowsInConflict += cand.size();
                    }
                }
                // FT-CONSISTENT: approved (or gold), current-era rows of the group with rival outputs
                List<Integer> elig = g.stream().filter(eligible::get).toList();
                if (elig.size() >= 2
                        && elig.stream().map(outputHash::get).distinct().count() > 1) eligibleConflicts.add(elig);
                repeated++;
                Map<Long, Integer> outputs = new LinkedHashMap<>();
                for (int row : g) outputs.merge(outputHash.get(row), 1, Integer::sum);
                if (outputs.size() > 1) {
                    conflicts++;
                    conflictRows += g.size();
                    for (int row : g) inConflict.set(row);
                    findings.add(AuditFindings.group(
                            FindingKind.CONFLICT,
                            file,
                            g,
                            g.size() + " rows with the same or near-duplicate input and " + outputs.size()
                                    + " different outputs"));
                }
            }
            p.repeatedInputGroups = repeated;
            p.conflictGroups = conflicts;
            p.rowsInConflict = conflictRows;
            p.disagreement = repeated == 0 ? 0.0 : (double) conflicts / repeated;
            p.candidateRepeatedInputGroups = candRepeated;
            p.candidateConflictGroups = candConflicts;
            p.candidateDisagreement = candRepeated == 0 ? 0.0 : (double) candConflicts / candRepeated;
            p.consistency = AuditReport.Consistency.of(
                    eligible.cardinality(), eligibleConflicts, candidate.cardinality(), candRowsInConflict);
        }
        if (request.runs(AuditCheck.EXACT_DUPLICATES)
                && request.runs(AuditCheck.NEAR_DUPLICATES)
                && request.runs(AuditCheck.CONFLICTS)) {
            BitSet roots = new BitSet(rows);
            for (int i = eligible.nextSetBit(0); i >= 0; i = eligible.nextSetBit(i + 1)) {
                if (!inConflict.get(i)) roots.set(collapse.find(i));
            }
            p.usable = (long) roots.cardinality();
        }
        if (request.runs(AuditCheck.SCHEMA)) p.outputs = outputs();
        return p;
    }

    private AuditReport.Outputs outputs() {
        double rate = validRows == 0 ? 0 : (double) jsonRows / validRows;
        boolean structured = rate >= 0.9 || request.outputSchema() != null;
        AuditReport.SchemaConformance conf = null;
        if (request.outputSchema() != null) {
            List<AuditReport.Counted> top = violations.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(10)
                    .map(e -> new AuditReport.Counted(e.getKey(), e.getValue()))
                    .toList();
            long candChecked = candidate.cardinality();
            BitSet cc = (BitSet) conforming.clone();
            cc.and(candidate);
            long candConforming = cc.cardinality();
            conf = new AuditReport.SchemaConformance(
                    request.outputSchema().getFileName().toString(),
                    schemaChecked,
                    schemaConforming,
                    schemaChecked == 0 ? 0 : (double) schemaConforming / schemaChecked,
                    candChecked,
                    candConforming,
                    candChecked == 0 ? 0 : (double) candConforming / candChecked,
                    top);
        }
        AuditReport.InferredSchema inferred = null;
        if (objectRows > 0) {
            int dom = 0;
            for (int k = 1; k < fieldSetCounts.size(); k++) {
                long a = fieldSetCounts.get(k), b = fieldSetCounts.get(dom);
                if (a > b || (a == b && fieldSetNames.get(k).compareTo(fieldSetNames.get(dom)) < 0)) dom = k;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String name = fieldSetNames.get(dom);
            if (!name.isEmpty()) {
                for (String f : name.split(",")) {
                    int c = f.lastIndexOf(':');
                    fields.put(f.substring(0, c), f.substring(c + 1));
                }
            }
            long drifting = 0, candDominant = 0;
            for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) {
                int id = fieldSet.get(i);
                if (id == dom && candidate.get(i)) candDominant++;
                if (id >= 0 && id != dom) {
                    drifting++;
                    findings.add(AuditFindings.row(
                            FindingKind.SCHEMA_DRIFT,
                            file,
                            lines.get(i),
                            i,
                            "output fields {" + (id == Integer.MAX_VALUE ? "…" : fieldSetNames.get(id))
                                    + "} differ from the dominant {" + name + "}"));
                } else if (id < 0 && structured && objectRows * 2 > validRows) {
                    findings.add(AuditFindings.row(
                            FindingKind.OUTPUT_NOT_JSON,
                            file,
                            lines.get(i),
                            i,
                            "the output is not a JSON object while most outputs are"));
                }
            }
            final int d = dom;
            List<AuditReport.Counted> others = new ArrayList<>();
            for (int k = 0; k < fieldSetNames.size(); k++)
                if (k != d) others.add(new AuditReport.Counted(fieldSetNames.get(k), fieldSetCounts.get(k)));
            others.sort(Comparator.comparingLong((AuditReport.Counted c) -> -c.count())
                    .thenComparing(AuditReport.Counted::text));
            long dominantRows = fieldSetCounts.get(dom);
            long cands = candidate.cardinality();
            inferred = new AuditReport.InferredSchema(
                    fields,
                    dominantRows,
                    objectRows,
                    (double) dominantRows / objectRows,
                    cands == 0 ? 0 : (double) candDominant / cands,
                    drifting,
                    fieldSetNames.size(),
                    others.subList(0, Math.min(5, others.size())));
        }
        AuditReport.Classification cls = null;
        if (!labelsOverflow && !structured && labels.size() >= 2 && labels.size() * 2L <= validRows) {
            double mean = (double) validRows / labels.size();
            List<AuditReport.LabelCount> list = new ArrayList<>();
            List<String> rare = new ArrayList<>();
            List<String> once = new ArrayList<>();
            labels.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> {
                        long c = e.getValue()[0];
                        list.add(new AuditReport.LabelCount(e.getKey(), c, (double) c / validRows));
                        if (c < Math.max(2, mean / 10)) rare.add(e.getKey());
                        if (c == 1) {
                            once.add(e.getKey());
                            int row = (int) e.getValue()[1];
                            findings.add(AuditFindings.row(
                                    FindingKind.LABEL_SEEN_ONCE,
                                    file,
                                    lines.get(row),
                                    row,
                                    "label \"" + e.getKey() + "\" appears in this row only"));
                        }
                    });
            long max = list.get(0).rows(), min = list.get(list.size() - 1).rows();
            cls = new AuditReport.Classification(labels.size(), list, rare, once, (double) max / min);
        }
        return new AuditReport.Outputs(jsonRows, rate, structured, conf, inferred, cls);
    }

    AuditReport.Tokens tokens(String tokenizer) {
        if (!request.runs(AuditCheck.TOKENS)) return null;
        Map<String, AuditReport.TokenStats> byRole = new LinkedHashMap<>();
        String[] names = {"system", "user", "assistant", "tool"};
        for (int k = 0; k < 4; k++) if (roleHist[k].count() > 0) byRole.put(names[k], roleHist[k].stats());
        int epochs = epochs(validRows);
        return new AuditReport.Tokens(
                tokenizer,
                exampleHist.total(),
                byRole,
                exampleHist.stats(),
                inputHist.stats(),
                outputHist.stats(),
                request.contextLimit(),
                overLimit,
                billing,
                epochs,
                billing * epochs,
                "exact nearest-rank quantiles from a histogram of per-row counts; example tokens = Σ(content + role + 3 per message) + 3");
    }

    /**
     * The epoch heuristic of OpenAI's fine-tuning data-prep notebook: 3 epochs, raised so that at
     * least 100 examples are seen (at most 25 epochs), lowered so that at most 25,000 are (at least 1).
     */
    static int epochs(long n) {
        final int target = 3, minExamples = 100, maxExamples = 25_000, minEpochs = 1, maxEpochs = 25;
        if (n <= 0) return target;
        if (n * target < minExamples) return (int) Math.min(maxEpochs, minExamples / n);
        if (n * target > maxExamples) return (int) Math.max(minEpochs, maxExamples / n);
        return target;
    }

    AuditReport.Pii pii() {
        if (!request.runs(AuditCheck.PII)) return null;
        Map<String, Long> byKind = new LinkedHashMap<>();
        Map<String, Long> rowsByKind = new LinkedHashMap<>();
        Map<String, List<Integer>> samples = new LinkedHashMap<>();
        piiCount.forEach((k, v) -> byKind.put(k.key(), v));
        piiRows.forEach((k, v) -> rowsByKind.put(k.key(), v));
        piiSamples.forEach((k, v) -> samples.put(k.key(), List.copyOf(v)));
        return new AuditReport.Pii(byKind, rowsByKind, rowsWithPii, samples);
    }

    long formatErrors() {
        return formatErrorRows;
    }

    AuditReport.Memory memory() {
        long state = perRowStateBytes();
        long whole = wholeIndex == null ? 0 : wholeIndex.bytesUsed();
        long input = inputIndex == null ? 0 : inputIndex.bytesUsed();
        return new AuditReport.Memory(state, whole, input, rows == 0 ? 0 : (double) (state + whole + input) / rows);
    }

    long candidateRows() {
        return candidate.cardinality();
    }

    long approved() {
        return approved;
    }

    long gold() {
        return gold;
    }

    long llmApproved() {
        return llmApproved;
    }

    long llmNotApproved() {
        return llmNotApproved;
    }

    long retired() {
        return retired;
    }

    long unknownEra() {
        return unknownEra;
    }

    long noReview() {
        return noReview;
    }

    Map<String, Long> byProvenance() {
        return byProvenance;
    }

    Map<String, Long> byStatus() {
        return byStatus;
    }

    Map<String, Long> byEra() {
        return byEra;
    }

    /** Results computed by {@link #finish()}; null fields belong to checks that did not run. */
    static final class Partial {
        Long exactGroups,
                rowsInExact,
                exactInputGroups,
                nearClusters,
                rowsInNear,
                repeatedInputGroups,
                conflictGroups,
                rowsInConflict,
                usable;
        Double disagreement, candidateDisagreement;
        AuditReport.Consistency consistency;
        Long candidateRepeatedInputGroups, candidateConflictGroups;
        List<AuditReport.ClusterSample> largest;
        long indexBytes;
        AuditReport.Outputs outputs;
    }
}
