package dev.tunegate.dataops.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dataset with the review log applied: every valid row of {@code data.train} (a pending row approved,
 * edited or rejected in the log takes that decision) plus every review-queue row the log approves or edits.
 * It is written, for export to read, as a scratch OpenAI chat JSONL with metadata, one row a line, training rows
 * first in file order, then queue rows in queue order. The user's files are never changed. {@code assess} and the
 * conflict listing ({@link ConflictReview}) do not write it: the audit's one pass audits the same rows through the log
 * as its overlay ({@link ReviewOverlay}, the same rules).
 */
public final class ReviewedDataset {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReviewedDataset() {}

    /**
     * The built dataset.
     *
     * @param file the scratch JSONL (delete it when done)
     * @param sources where each of its rows comes from ({@code file:line}), by row index
     * @param trainRows rows of the training file
     * @param invalidTrainRows training rows that cannot be used (format errors, empty output)
     * @param decisionsApplied training or queue rows a log decision changed
     * @param queueApproved queue rows the log approves (or edits) and that are included
     * @param resolvedAway rows left out because they lose a conflict resolution of the log
     * @param log the review log's state that was applied (its first {@code log.length()} bytes)
     * @param trainFormat the training file's format
     * @param trainSha256 the training file's digest (hashed while its rows were read)
     * @param queueSha256 the review queue's digest (hashed while it was read); null when there is no queue file
     * @param notes what a person should know (log lines ignored, a truncated file)
     */
    public record Built(
            Path file,
            List<String> sources,
            long trainRows,
            long invalidTrainRows,
            long decisionsApplied,
            long queueApproved,
            long resolvedAway,
            ReviewLog.Snapshot log,
            DatasetFormat trainFormat,
            String trainSha256,
            String queueSha256,
            List<String> notes) {
        public Built {
            sources = List.copyOf(sources);
            notes = List.copyOf(notes);
        }
    }

    /** The review log replayed, in a run's memo: read and replayed once per run, whichever analyzer asks. */
    public static final RunMemo.Key<ReviewLog.State> LOG_STATE = RunMemo.Key.of("review log read and replayed");
    /** The review queue read (and hashed while read), in a run's memo. */
    public static final RunMemo.Key<ReviewQueue.Contents> QUEUE_CONTENTS = RunMemo.Key.of("review queue read");

    /** The review log of a workspace. */
    public static ReviewLog log(Workspace ws) {
        return new ReviewLog(ws.root().resolve(ReviewLog.FILE));
    }

    /** The review log read and replayed once in this run ({@code memo}: the run's per-run state). */
    public static ReviewLog.State logState(Workspace ws, RunMemo memo) {
        ReviewLog log = log(ws);
        return memo.get(LOG_STATE, log.file(), log::state);
    }

    /** The review queue read once in this run. */
    public static ReviewQueue.Contents queueContents(Workspace ws, RunMemo memo) {
        ReviewQueue q = queue(ws);
        return memo.get(QUEUE_CONTENTS, q.file(), q::read);
    }

    /** The review queue of a workspace. */
    public static ReviewQueue queue(Workspace ws) {
        Path q = ws.data().reviewQueue(); // the schema's default when not configured
        return new ReviewQueue(q, ws.relative(q));
    }

    /** A row with a decision applied: approve/edit make it approved by the reviewer (edit replaces the output); reject rejects it. */
    public static Example apply(Example ex, ReviewLog.Entry e) {
        RowMetadata m = ex.metadata();
        if ("reject".equals(e.action()))
            return new Example(ex.messages(), new RowMetadata(m.provenance(), "rejected", e.reviewer(), m.era()));
        List<Message> msgs = new ArrayList<>(ex.messages());
        if ("edit".equals(e.action())) {
            for (int i = msgs.size() - 1; i >= 0; i--) {
                if (msgs.get(i).role() == Role.ASSISTANT) {
                    msgs.set(i, new Message(Role.ASSISTANT, e.output()));
                    break;
                }
            }
        }
        return new Example(msgs, new RowMetadata(m.provenance(), "approved", e.reviewer(), m.era()));
    }

    /** Builds the reviewed dataset of a workspace with {@code data.train} into {@code scratch}. */
    public static Built build(Workspace ws, Path scratch) {
        return build(ws, scratch, log(ws).snapshot());
    }

    /**
     * As {@link #build(Workspace, Path)}, applying exactly the log's bytes in {@code snapshot} (read once: what is
     * applied is what {@link Built#log()} names, however much reviewers append meanwhile).
     */
    public static Built build(Workspace ws, Path scratch, ReviewLog.Snapshot snapshot) {
        return build(
                ws,
                scratch,
                new ReviewLog.State(snapshot, log(ws).replay(snapshot)),
                queue(ws).read());
    }

    /**
     * As {@link #build(Workspace, Path, ReviewLog.Snapshot)}, with the log already replayed and the queue already
     * read (a run reads and replays each once: {@link #logState}, {@link #queueContents}).
     */
    public static Built build(Workspace ws, Path scratch, ReviewLog.State logState, ReviewQueue.Contents queue) {
        ReviewLog.Snapshot snapshot = logState.snapshot();
        ReviewLog.Replay replay = logState.replay();
        Path train = ws.data()
                .trainFile()
                .orElseThrow(() -> new dev.tunegate.io.InvalidInputException(
                        ws.configFile() + ": data.train is not set: there is no dataset"));
        List<String> notes = new ArrayList<>(replay.warnings());
        queue.findings().forEach(f -> notes.add("review queue: " + f));
        Map<String, ReviewLog.Entry> decisions = replay.latest();
        List<String> sources = new ArrayList<>();
        Map<String, ReviewLog.Resolution> dropped = replay.dropped();
        long[] counts = new long[4]; // invalid, applied, queueApproved, resolvedAway
        String trainName = ws.relative(train);
        DatasetRows.Read read;
        try (BufferedWriter w = Files.newBufferedWriter(scratch, StandardCharsets.UTF_8)) {
            read = DatasetRows.read(ws, train, r -> {
                if (!r.valid()) {
                    counts[0]++;
                    return;
                }
                Example ex = r.example();
                ReviewLog.Entry e = decisions.isEmpty() ? null : decisions.get(RowDigests.content(ex));
                if (e != null && "pending".equals(ex.metadata().status())) {
                    ex = apply(ex, e);
                    counts[1]++;
                }
                if (!dropped.isEmpty() && dropped.containsKey(RowDigests.content(ex))) {
                    counts[3]++;
                    return;
                }
                write(w, ex);
                sources.add(trainName + ":" + r.line());
            });
            for (QueueRow q : queue.rows()) {
                ReviewLog.Entry e = decisions.get(q.digest());
                if (e == null || !e.approves()) continue;
                Example ex = apply(q.example(), e);
                if (!dropped.isEmpty() && dropped.containsKey(RowDigests.content(ex))) {
                    counts[3]++;
                    continue;
                }
                write(w, ex);
                sources.add(q.source());
                counts[1]++;
                counts[2]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + scratch + ": " + e.getMessage(), e);
        }
        if (read.truncated() != null) notes.add(read.truncated());
        return new Built(
                scratch,
                sources,
                read.rows(),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                snapshot,
                read.format(),
                read.sha256(),
                queue.sha256(),
                notes);
    }

    private static void write(BufferedWriter w, Example ex) {
        try {
            w.write(MAPPER.writeValueAsString(RowDigests.tree(ex, true)));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
