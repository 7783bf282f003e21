package dev.tunegate.audit;

import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.evidence.Finding;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The dataset audit's report as text, one summary whichever engine computed it ({@code tunegate audit} in this
 * process or as a Spark job): the JSON ({@code --format json}) has everything, the text is what a person reads first.
 */
public final class AuditText {
    private AuditText() {}

    /**
     * Writes the report's summary: the counts, each check's line, the first findings of each kind and the notes.
     *
     * @param engine the engine when it is not this process ("spark"), named in the first line; null otherwise
     * @param findingsFile where every finding was written, or null
     */
    public static void write(PrintWriter out, AuditReport r, String engine, String findingsFile) {
        out.printf(
                Locale.ROOT,
                "%s (%s%s, %,d rows%s): %,d valid · %,d approved · %,d gold%s%n",
                r.file(),
                r.format(),
                r.compression().equals("none") ? "" : ", " + r.compression(),
                r.rows(),
                engine == null ? "" : "; engine " + engine,
                r.validRows(),
                r.approvedRows(),
                r.goldRows(),
                r.usableRows() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " · %,d usable (reviewed, current era, deduplicated, no conflicts)",
                                r.usableRows()));
        if (r.llmDraftedNotApprovedRows() + r.llmDraftedApprovedRows() + r.retiredEraRows() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  provenance: LLM-drafted %,d approved, %,d not approved · retired era %,d rows%n",
                    r.llmDraftedApprovedRows(),
                    r.llmDraftedNotApprovedRows(),
                    r.retiredEraRows());
        }
        if (r.exactDuplicateGroups() != null || r.nearDuplicateClusters() != null) {
            StringBuilder b = new StringBuilder("  duplicates:");
            if (r.exactDuplicateGroups() != null)
                b.append(String.format(
                        Locale.ROOT,
                        " %,d exact groups (%,d rows)",
                        r.exactDuplicateGroups(),
                        r.rowsInExactDuplicateGroups()));
            if (r.nearDuplicateClusters() != null)
                b.append(String.format(
                        Locale.ROOT,
                        "%s %,d near-duplicate clusters (%,d rows; largest %s)",
                        r.exactDuplicateGroups() != null ? " ·" : "",
                        r.nearDuplicateClusters(),
                        r.rowsInNearDuplicateClusters(),
                        r.largestClusters() == null || r.largestClusters().isEmpty()
                                ? "-"
                                : r.largestClusters().get(0).size() + " rows"));
            out.println(b);
        }
        if (r.conflictGroups() != null) {
            out.printf(
                    Locale.ROOT,
                    "  conflicts: %,d group(s) of the same or near-duplicate input with different outputs (%,d rows); label disagreement %.1f%% of %,d repeated-input groups%n",
                    r.conflictGroups(),
                    r.rowsInConflictGroups(),
                    100 * r.labelDisagreementRate(),
                    r.repeatedInputGroups());
        }
        if (r.outputs() != null) {
            AuditReport.Outputs o = r.outputs();
            StringBuilder b = new StringBuilder(String.format(
                    Locale.ROOT,
                    "  outputs: %.1f%% parse as JSON (%s)",
                    100 * o.jsonParseRate(),
                    o.structured() ? "structured" : "not structured"));
            if (o.schema() != null)
                b.append(String.format(
                        Locale.ROOT,
                        " · %.1f%% conform to %s",
                        100 * o.schema().conformance(),
                        o.schema().file()));
            if (o.inferred() != null)
                b.append(String.format(
                        Locale.ROOT,
                        " · dominant fields {%s} in %.1f%%, %,d rows drift",
                        String.join(", ", o.inferred().dominantFields().keySet()),
                        100 * o.inferred().dominantShare(),
                        o.inferred().driftingRows()));
            if (o.classification() != null)
                b.append(String.format(
                        Locale.ROOT,
                        " · classification-like: %d labels, largest/smallest class %.1f×, %d rare, %d seen once",
                        o.classification().labelCount(),
                        o.classification().imbalanceRatio(),
                        o.classification().rareLabels().size(),
                        o.classification().labelsSeenOnce().size()));
            out.println(b);
            if (o.schema() != null)
                o.schema().topViolations().stream()
                        .limit(3)
                        .forEach(v -> out.printf(Locale.ROOT, "    %,d× %s%n", v.count(), v.text()));
        }
        if (r.tokens() != null) {
            AuditReport.Tokens t = r.tokens();
            out.printf(
                    Locale.ROOT,
                    "  tokens (%s): %,d in all; per example p50 %,d · p95 %,d · max %,d; input p50 %,d, output p50 %,d; %,d rows over %,d%n",
                    t.tokenizer(),
                    t.total(),
                    t.perExample().p50(),
                    t.perExample().p95(),
                    t.perExample().max(),
                    t.inputPerCall().p50(),
                    t.outputPerCall().p50(),
                    t.rowsOverContextLimit(),
                    t.contextLimit());
            out.printf(
                    Locale.ROOT,
                    "  training: %,d tokens per epoch × %d epochs = %,d tokens%n",
                    t.billingTokensPerEpoch(),
                    t.epochs(),
                    t.trainingTokens());
        }
        if (r.pii() != null) {
            out.println(
                    r.pii().rowsWithPii() == 0
                            ? "  pii: none found"
                            : String.format(
                                    Locale.ROOT,
                                    "  pii: %,d rows (%s)",
                                    r.pii().rowsWithPii(),
                                    String.join(
                                            ", ",
                                            r.pii().byKind().entrySet().stream()
                                                    .map(e -> e.getValue() + " " + e.getKey())
                                                    .toList())));
        }
        if (r.leakage() != null && r.leakage().goldenRows() > 0 && r.leakage().validGoldenRows() == 0) {
            out.printf(
                    Locale.ROOT,
                    "  leakage: not checked: none of the %,d golden rows is valid (see the findings)%n",
                    r.leakage().goldenRows());
        } else if (r.leakage() != null) {
            out.printf(
                    Locale.ROOT,
                    "  leakage: %,d of %,d golden rows have an input that is in training (%,d exact, %,d near-duplicate)%n",
                    r.leakage().leakedRows(),
                    r.leakage().goldenRows(),
                    r.leakage().exactLeaks(),
                    r.leakage().nearLeaks());
        }
        var nd = r.nearDuplicateParams();
        if (nd != null && (r.nearDuplicateClusters() != null || r.conflictGroups() != null || r.leakage() != null))
            out.printf(
                    Locale.ROOT,
                    "  near-duplicates: MinHash %d permutations, %d bands, %s %d-shingles, Jaccard ≥ %.2f (±%.3f for"
                            + " texts of %d+ shingles, ±%.3f at %d: a text of n shingles fills about n bins; texts of"
                            + " ≤ %d compared exactly), seed %d%n",
                    nd.permutations(),
                    nd.bands(),
                    nd.shingles(),
                    nd.shingleSize(),
                    nd.threshold(),
                    nd.estimateStandardError(),
                    nd.permutations(),
                    // the same binomial standard error, with the bins the shortest estimated text fills
                    Math.sqrt(nd.threshold() * (1 - nd.threshold()) / (MinHasher.SHORT + 1)),
                    MinHasher.SHORT + 1,
                    MinHasher.SHORT,
                    nd.seed());
        if (!r.findingsByKind().isEmpty()) {
            out.println();
            out.println("Findings: "
                    + String.join(
                            " · ",
                            r.findingsByKind().entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .toList()));
            Map<String, Integer> shown = new java.util.HashMap<>();
            for (Finding f : r.findings()) {
                if (shown.merge(f.kind(), 1, Integer::sum) > 2) continue;
                String rows = f.rows().isEmpty()
                        ? ""
                        : " rows "
                                + String.join(
                                        ", ",
                                        f.rows().stream()
                                                .limit(6)
                                                .map(String::valueOf)
                                                .toList()) + (f.rows().size() > 6 ? ", …" : "");
                out.println("  " + f.location() + ": " + f.kind() + ": " + f.message() + (f.line() > 0 ? "" : rows));
            }
            if (findingsFile != null) out.println("All findings: " + findingsFile);
            else out.println("All findings: run again with --findings FILE.jsonl");
        }
        r.notes().forEach(n -> out.println("Note: " + n));
    }
}
