package dev.tunegate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.ChatRowParser;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.evidence.Finding;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overlaid view's side of the one audit pass ({@link RowOverlay}): on the worker threads, each valid row the
 * audit read is handed to the overlay; in row order, on the merging thread, the row as the overlay leaves it goes to
 * an accumulator of its own. A row the overlay leaves with its messages unchanged reuses the audit's work on it
 * (fingerprints, MinHash signatures, placeholder) with the overlay's metadata; a changed row is written as an OpenAI
 * chat JSONL line and analysed as such — exactly what auditing the view written out as a dataset would do — and so are
 * the appended rows. The overlay's listener, if it has one, is told each row of the view as it is added and the view's
 * findings.
 */
final class OverlayPass {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the overlay did to one valid row of the file, kept from its worker until the merger reaches the row. */
    private sealed interface Fate {
        boolean changed();
    }

    /** The row stays (its messages unchanged): the audit's work on it is reused, with this metadata. */
    private record Kept(RowMetadata metadata, boolean changed) implements Fate {}

    /** The row's messages changed: its work done anew. */
    private record Redone(RowResult result) implements Fate {
        public boolean changed() {
            return true;
        }
    }

    private record Dropped() implements Fate {
        public boolean changed() {
            return true;
        }
    }

    private final AuditRequest request;
    private final RowOverlay overlay;
    private final RowAnalysis analysis;
    private final RowParser parser;
    private final RowAnalysis redo;
    /** Whether the audit's work on a row holds everything the view's checks read (else every row is done anew). */
    private final boolean reuse;

    /** Who follows the view (its rows and findings), or null. */
    private final RowOverlay.Listener listener;

    private final FindingCollector findings;
    private final TrainingAccumulator acc;
    private final ConcurrentHashMap<Integer, Fate> pending = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long changed;

    /**
     * @param request the audit's request (eras, seed and threshold are the view's too)
     * @param analysis the audit's per-row work on the file
     * @param parser the file's parser (for a row the audit read for its shape only)
     */
    OverlayPass(
            AuditRequest request,
            RowOverlay overlay,
            RowAnalysis analysis,
            RowParser parser,
            MinHasher hasher,
            NearDuplicateParams params) {
        this.request = viewRequest(request, overlay.checks());
        this.overlay = overlay;
        this.analysis = analysis;
        this.parser = parser;
        this.redo = new RowAnalysis(
                overlay.name(),
                new ChatRowParser(MAPPER),
                this.request.checks(),
                hasher,
                null,
                this.request.contextLimit(),
                MAPPER,
                null);
        this.reuse = (!this.request.runs(AuditCheck.NEAR_DUPLICATES) || request.runs(AuditCheck.NEAR_DUPLICATES))
                && (!this.request.runs(AuditCheck.CONFLICTS) || request.runs(AuditCheck.CONFLICTS));
        this.listener = overlay.listener();
        this.findings = new FindingCollector(listener == null ? FindingSink.NONE : listener);
        this.acc = new TrainingAccumulator(this.request, overlay.name(), findings, params);
    }

    /** The view's own request: the audit's eras and near-duplicate settings, the view's checks, defaults otherwise. */
    static AuditRequest viewRequest(AuditRequest r, java.util.Set<AuditCheck> checks) {
        return AuditRequest.of(r.train())
                .withEras(r.currentEras(), r.retiredEras())
                .withNearDuplicates(r.seed(), r.threshold())
                .withChecks(checks);
    }

    /** The audit's work on a row (a worker thread), and the overlay's on a valid one. */
    RowResult work(RawRow raw) {
        RowAnalysis.Analyzed a = analysis.analyzeKeeping(raw);
        RowResult r = a.result();
        if (!r.valid()) return r; // a row the file cannot use is not in the view
        Example ex = a.example() != null ? a.example() : parser.parse(raw).example();
        Example out = overlay.apply(ex, raw.index(), raw.line());
        Fate f;
        if (out == null) f = new Dropped();
        else if (reuse && out.messages().equals(ex.messages())) f = new Kept(out.metadata(), out != ex);
        else f = new Redone(analyse(out, raw.index(), raw.line()));
        pending.put(raw.index(), f);
        return r;
    }

    /** Adds the view of a row the audit merged (the merging thread, in row order). */
    void merge(RowResult r) {
        Fate f = pending.remove(r.index());
        if (f == null) return;
        if (f.changed()) changed++;
        switch (f) {
            case Dropped d -> {
                return;
            }
            case Redone d -> acc.add(d.result());
            case Kept k -> acc.add(kept(r, k.metadata()));
        }
        told(r.index(), r.line());
    }

    /** Tells the listener, if any, of the row just added to the view. */
    private void told(int fileRow, long line) {
        if (listener == null) return;
        int index = acc.rows() - 1;
        listener.row(index, fileRow, line, acc.isValid(index), acc.isEligible(index));
    }

    /** The report of the view, or empty when the overlay changes nothing (the audit's report stands for it). */
    Optional<AuditReport> finish(String sha256, String format, String compression, String layout) {
        for (RowOverlay.Extra x : overlay.extras()) {
            changed++;
            if (x.example() == null) continue;
            RowResult r = analyse(x.example(), acc.rows(), acc.rows() + 1L);
            if (!r.valid()) {
                notes.add(x.source() + ": the row as " + overlay.name() + " leaves it cannot be used ("
                        + r.findings().stream()
                                .filter(g -> g.severity().equals("error"))
                                .map(g -> g.kind() + ": " + g.message())
                                .findFirst()
                                .orElse("invalid")
                        + ")");
            }
            acc.add(r);
            told(-1, 0);
        }
        // a view nobody follows is finished only when it differs from the file (else the file's report stands)
        if (changed == 0 && listener == null) return Optional.empty();
        TrainingAccumulator.Partial partial = acc.finish();
        if (changed == 0) return Optional.empty();
        if (acc.formatErrors() > 0) {
            notes.add(acc.formatErrors() + " of " + acc.rows() + " rows of " + overlay.name()
                    + " have format errors and are not used");
        }
        if (acc.noReview() == acc.validRows() && acc.validRows() > 0) {
            notes.add("no row has review metadata (metadata.status / provenance): no row counts as reviewed");
        }
        return Optional.of(DatasetAudit.report(
                request,
                overlay.name(),
                sha256,
                format,
                compression,
                layout,
                acc,
                partial,
                null,
                null,
                null,
                findings,
                notes,
                List.of()));
    }

    /** A row whose messages the overlay left alone: the audit's work on it, with the overlay's metadata. */
    private static RowResult kept(RowResult r, RowMetadata metadata) {
        List<Finding> placeholder = r.placeholder()
                ? r.findings().stream()
                        .filter(g -> g.kind().equals(FindingKind.UNFILLED_PLACEHOLDER.key()))
                        .toList()
                : List.of();
        return new RowResult(
                r.index(),
                r.line(),
                r.bytes(),
                true,
                false,
                placeholder,
                metadata,
                r.inputHash(),
                r.outputHash(),
                r.pairHash(),
                r.wholeSignature(),
                r.inputSignature(),
                null,
                0,
                null,
                List.of(),
                r.placeholder());
    }

    /** A row of the view analysed as an OpenAI chat JSONL line of a dataset written out. */
    private RowResult analyse(Example ex, int index, long line) {
        return redo.analyze(new RawRow.JsonLine(index, line, chatLine(ex)));
    }

    /** The example as an OpenAI chat JSONL line with its metadata (its non-null fields). */
    static byte[] chatLine(Example ex) {
        try {
            return MAPPER.writeValueAsBytes(ChatRowParser.row(ex, ex.messages().size(), true));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
