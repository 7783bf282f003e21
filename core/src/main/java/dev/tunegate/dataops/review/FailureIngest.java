package dev.tunegate.dataops.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.JsonlLines;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tunegate data ingest-failures DIR FILE}: production failures (JSONL, docs/formats/review-queue.md)
 * become candidate rows with provenance {@code production_failure} and status {@code pending}, appended to
 * the review queue. Never written into the training file. A failure already queued (same content digest)
 * is not queued twice, so ingesting the same file again adds nothing.
 */
public final class FailureIngest {
    /** The provenance of ingested rows. */
    public static final String PROVENANCE = "production_failure";

    private FailureIngest() {}

    /**
     * What the ingest did.
     *
     * @param file the failures file
     * @param queue the review queue file appended to
     * @param lines non-blank lines read
     * @param added rows appended to the queue
     * @param alreadyQueued failures whose row was already in the queue
     * @param withCorrection added rows whose draft is the corrected output given with the failure
     * @param findings lines that could not be used ({@code file:line: field "x": expected …, found …})
     */
    public record Report(
            String file,
            String queue,
            long lines,
            long added,
            long alreadyQueued,
            long withCorrection,
            List<String> findings) {
        public Report {
            findings = List.copyOf(findings);
        }
    }

    /**
     * A production failure to queue.
     *
     * @param where {@code file:line} it came from
     * @param input the user's input
     * @param badOutput the output that failed
     * @param correctedOutput a corrected output, or null
     * @param system the system prompt, or null for the training rows' common one
     * @param era the policy era, or null for the newest current era
     * @param why why it is queued, or null
     * @param when when it happened, or null
     */
    public record Failure(
            String where,
            String input,
            String badOutput,
            String correctedOutput,
            String system,
            String era,
            String why,
            String when) {}

    /** What {@link #queue} did: rows appended, failures already queued, of those appended the ones with a correction, the queue file. */
    public record Queued(long added, long alreadyQueued, long withCorrection, String queue) {}

    public static Report ingest(Workspace ws, Path failures) {
        String shown = ws.relative(failures);
        if (!Files.isRegularFile(failures))
            throw InvalidInputException.at(
                    Path.of(shown),
                    0,
                    Files.isDirectory(failures) ? "expected a file, found a folder" : "no such file");
        List<String> findings = new ArrayList<>();
        List<Failure> read = new ArrayList<>();
        long lines;
        try {
            lines = JsonlLines.read(failures, new JsonlLines.Visitor() {
                        @Override
                        public void object(long n, ObjectNode node) {
                            String where = shown + ":" + n;
                            String input = text(node, "input");
                            String bad = text(node, "output", "badOutput");
                            if (input == null || input.isBlank()) {
                                findings.add(where + ": field \"input\": expected a non-empty string, found "
                                        + describe(node.get("input")));
                                return;
                            }
                            if (bad == null) {
                                findings.add(where + ": field \"output\": expected the bad output as a string, found "
                                        + describe(node.has("output") ? node.get("output") : node.get("badOutput")));
                                return;
                            }
                            read.add(new Failure(
                                    where,
                                    input,
                                    bad,
                                    text(node, "correctedOutput", "corrected"),
                                    text(node, "system"),
                                    text(node, "era"),
                                    text(node, "why"),
                                    text(node, "when")));
                        }

                        @Override
                        public void notAnObject(long n, String text, JsonNode parsed, String parseError) {
                            findings.add(shown + ":" + n + ": "
                                    + (parseError != null
                                            ? "not valid JSON: " + parseError
                                            : "expected a JSON object, found "
                                                    + parsed.getNodeType()
                                                            .name()
                                                            .toLowerCase(java.util.Locale.ROOT)));
                        }

                        @Override
                        public void notUtf8(long n, String text, String firstBadByte) {
                            findings.add(shown + ":" + n + ": the line is not valid UTF-8: " + firstBadByte);
                        }
                    })
                    .nonBlank();
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(Path.of(shown), 0, "no such file");
        } catch (IOException e) {
            throw InvalidInputException.at(Path.of(shown), 0, "cannot read: " + e.getMessage());
        }
        Queued q = queue(ws, read);
        return new Report(shown, q.queue(), lines, q.added(), q.alreadyQueued(), q.withCorrection(), findings);
    }

    /**
     * Appends failures to the review queue as candidate rows (provenance {@code production_failure}, status
     * {@code pending}); a failure whose row is already queued is skipped. Used by {@code data ingest-failures}
     * and by the weekly review for calls with negative feedback.
     */
    public static Queued queue(Workspace ws, List<Failure> failures) {
        return queue(ws, failures, true);
    }

    /**
     * {@link #queue(Workspace, List)}, or with {@code append} false what it would do: the same counts, nothing
     * written (a dry run).
     */
    public static Queued queue(Workspace ws, List<Failure> failures, boolean append) {
        ReviewQueue queue = ReviewedDataset.queue(ws);
        Path queuePath = queue.file();
        Set<String> queued = new HashSet<>();
        for (QueueRow r : queue.read().rows()) queued.add(r.digest());
        String system = failures.isEmpty() ? null : commonSystemPrompt(ws);
        List<String> eras = ws.data().currentEras();
        String defaultEra = eras.isEmpty() ? null : eras.get(eras.size() - 1);
        List<String> out = new ArrayList<>();
        long already = 0, corrected = 0;
        for (Failure f : failures) {
            String sys = f.system() == null ? system : f.system();
            String era = f.era() == null ? defaultEra : f.era();
            List<Message> msgs = new ArrayList<>();
            if (sys != null && !sys.isBlank()) msgs.add(new Message(Role.SYSTEM, sys));
            msgs.add(new Message(Role.USER, f.input()));
            boolean hasFix = f.correctedOutput() != null && !f.correctedOutput().isBlank();
            msgs.add(new Message(Role.ASSISTANT, hasFix ? f.correctedOutput() : f.badOutput()));
            Example ex = new Example(msgs, new RowMetadata(PROVENANCE, "pending", null, era));
            QueueRow row = QueueRow.of(f.where(), ex, null, null, f.badOutput());
            if (!queued.add(row.digest())) {
                already++;
                continue;
            }
            if (hasFix) corrected++;
            out.add(ReviewQueue.line(
                    ex, f.why() == null ? "production failure" : f.why(), f.when(), f.badOutput(), f.where()));
        }
        if (append) queue.append(out);
        return new Queued(out.size(), already, corrected, ws.relative(queuePath));
    }

    /** The system prompt most training rows carry (the first 1,000 valid rows), or null. */
    static String commonSystemPrompt(Workspace ws) {
        Path train = ws.data().train();
        if (train == null || !Files.isRegularFile(train)) return null;
        Map<String, Integer> counts = new HashMap<>();
        int[] seen = {0};
        try {
            DatasetRows.read(ws, train, r -> {
                if (seen[0] >= 1000 || !r.valid()) return;
                seen[0]++;
                for (Message m : r.example().messages()) {
                    if (m.role() == Role.SYSTEM) {
                        counts.merge(m.content(), 1, Integer::sum);
                        break;
                    }
                }
            });
        } catch (InvalidInputException e) {
            return null;
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.<String>reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static String text(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isTextual()) return v.asText();
        }
        return null;
    }

    private static String describe(JsonNode v) {
        if (v == null) return "nothing";
        if (v.isTextual()) return "an empty string";
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
