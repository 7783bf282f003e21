package dev.tunegate.assess;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.policy.Decision;
import dev.tunegate.policy.DecisionEngine;
import dev.tunegate.policy.Policy;
import dev.tunegate.policy.Thresholds;
import dev.tunegate.record.DecisionRecord;
import dev.tunegate.record.MarkdownRecord;
import dev.tunegate.record.RecordWriter;
import dev.tunegate.report.HtmlReport;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code tunegate assess}: workspace → analyzers → evidence → policy → decision → record.
 * The one entry point of the main job, and the composition root: it assembles the pipeline
 * ({@link StandardPipeline}), builds the record ({@link DecisionRecords}) and hands it to the writers.
 */
public final class Assessment {
    private final Policy policy;
    private final Pipeline pipeline;

    public Assessment(Policy policy, Pipeline pipeline) {
        this.policy = policy;
        this.pipeline = pipeline;
    }

    public static Assessment standard() {
        return new Assessment(Policy.standard(), StandardPipeline.create());
    }

    /**
     * The outcome of an assessment, and where its record and its HTML page were written (null when not written).
     * {@code unchangedSince}: the JSON twin of the latest record when its inputs and configuration equal this run's
     * and nothing was written; else null.
     */
    public record Result(
            Workspace workspace,
            Pipeline.Run run,
            Decision decision,
            DecisionRecord record,
            Path markdown,
            Path json,
            Path html,
            Path unchangedSince) {
        public Result(
                Workspace workspace,
                Pipeline.Run run,
                Decision decision,
                DecisionRecord record,
                Path markdown,
                Path json,
                Path html) {
            this(workspace, run, decision, record, markdown, json, html, null);
        }
    }

    /** Opens the workspace in {@code dir} (validating its config) and assesses it. */
    public Result run(Path dir, AssessOptions options) {
        Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
        return run(ws, options);
    }

    public Result run(Workspace ws, AssessOptions options) {
        Thresholds thresholds = policy.thresholds(ws.settings().thresholds());
        LocalDate today = LocalDate.now(options.clock());
        // one digest memo per run: every analyzer that names an input file in the record asks it, so no file is
        // hashed twice (the audit hands in the training file's digest it computed)
        FileDigests digests = new FileDigests();
        // and one memo of what the run derives from an input (the review log replayed): derived once per run
        AnalysisContext ctx = new AnalysisContext(
                EvidenceSet.empty(), thresholds, options.progress(), options.threads(), today, digests, new RunMemo());
        Pipeline.Run run = pipeline.run(ws, ctx);
        Decision decision = new DecisionEngine(policy, thresholds).decide(run.evidence());
        RecordWriter writer = new RecordWriter(ws);
        if (!options.write()) {
            return new Result(
                    ws,
                    run,
                    decision,
                    DecisionRecords.build(ws, run, decision, thresholds, today, writer.nextNumber()),
                    null,
                    null,
                    null);
        }
        // the number is allocated, the "unchanged" check made and the record written under the workspace's write
        // lock: two runs never share one number, and two identical runs write one record
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws.root())) {
            DecisionRecord record = DecisionRecords.build(ws, run, decision, thresholds, today, writer.nextNumber());
            if (!options.force()) {
                java.util.Optional<Path> same = writer.latestDecision().filter(latest -> sameInputs(latest, record));
                if (same.isPresent()) return new Result(ws, run, decision, record, null, null, null, same.get());
            }
            RecordWriter.Written w = writer.write(
                    record,
                    MarkdownRecord.render(record),
                    (md, json) -> HtmlReport.write(
                            md.resolveSibling(record.id() + "-" + record.slug() + ".html"), record, null));
            return new Result(ws, run, decision, record, w.markdown(), w.json(), w.extra());
        }
    }

    /**
     * The JSON twin of the workspace's latest decision record when it was decided from the same inputs as
     * {@code record} (an unwritten assessment's), else empty: the record that stands for {@code record}.
     */
    public static java.util.Optional<Path> recordedAs(Workspace ws, DecisionRecord record) {
        return new RecordWriter(ws).latestDecision().filter(latest -> sameInputs(latest, record));
    }

    /**
     * Whether a stored record was decided from the same inputs: every input digest, the effective configuration,
     * the thresholds and the tool version equal this run's. A record that cannot be read counts as different.
     */
    static boolean sameInputs(Path latestJson, DecisionRecord record) {
        try {
            com.fasterxml.jackson.databind.JsonNode old =
                    dev.tunegate.io.Json.mapper().readTree(latestJson.toFile()).path("provenance");
            com.fasterxml.jackson.databind.JsonNode now = dev.tunegate.io.Json.mapper()
                    .readTree(dev.tunegate.io.Json.pretty(record))
                    .path("provenance");
            for (String field : java.util.List.of("inputs", "config", "thresholds", "toolVersion")) {
                if (!old.path(field).equals(now.path(field))) return false;
            }
            return !old.isMissingNode();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
