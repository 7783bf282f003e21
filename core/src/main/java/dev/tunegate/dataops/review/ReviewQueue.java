package dev.tunegate.dataops.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review queue file ({@code data.reviewQueue}, {@code DataSettings.reviewQueue()}: its default is the schema's;
 * docs/formats/review-queue.md): OpenAI chat JSONL rows with {@code metadata} and a {@code review} object
 * saying why the row is there. Rows are only ever appended; decisions go to the {@link ReviewLog}, never
 * into this file.
 */
public final class ReviewQueue {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final String display;

    /** @param display how the file is named in sources and messages (workspace-relative) */
    public ReviewQueue(Path file, String display) {
        this.file = file;
        this.display = display;
    }

    public Path file() {
        return file;
    }

    /**
     * The rows read, and the lines that could not be read ({@code file:line: …}).
     *
     * @param sha256 the SHA-256 of the bytes read (hashed while they were read); null when there is no file
     */
    public record Contents(List<QueueRow> rows, List<String> findings, String sha256) {
        public Contents {
            rows = List.copyOf(rows);
            findings = List.copyOf(findings);
        }
    }

    /** Reads the queue; a missing file is an empty queue; a bad line is a finding. */
    public Contents read() {
        List<QueueRow> rows = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        if (!Files.exists(file)) return new Contents(rows, findings, null);
        MessageDigest sha = Digests.newSha256();
        // a decoder that reports malformed input, as Files.newBufferedReader's does
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new DigestInputStream(Files.newInputStream(file), sha), StandardCharsets.UTF_8.newDecoder()))) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                String where = display + ":" + n;
                try {
                    rows.add(parse(line, where));
                } catch (IllegalArgumentException e) {
                    findings.add(where + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
        return new Contents(rows, findings, Digests.hex(sha.digest()));
    }

    private static QueueRow parse(String line, String where) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("expected a JSON object");
        JsonNode msgs = n.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty())
            throw new IllegalArgumentException("field \"messages\": expected a non-empty array");
        List<Message> list = new ArrayList<>();
        for (JsonNode m : msgs) {
            String role = m.path("role").asText("");
            Role r;
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "field \"messages[].role\": expected system, user, assistant or tool, found \"" + role + "\"");
            }
            if (!m.path("content").isTextual())
                throw new IllegalArgumentException("field \"messages[].content\": expected a string");
            list.add(new Message(r, m.get("content").asText()));
        }
        if (list.get(list.size() - 1).role() != Role.ASSISTANT)
            throw new IllegalArgumentException("field \"messages\": expected a last assistant turn (the draft)");
        JsonNode meta = n.path("metadata");
        RowMetadata md = new RowMetadata(
                text(meta, "provenance"), text(meta, "status"), text(meta, "reviewer"), text(meta, "era"));
        JsonNode rv = n.path("review");
        return QueueRow.of(where, new Example(list, md), text(rv, "why"), text(rv, "when"), text(rv, "badOutput"));
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The queue line of a row (metadata and review fields that are null are left out). */
    public static String line(Example ex, String why, String when, String badOutput, String from) {
        ObjectNode o = RowDigests.tree(ex, true);
        ObjectNode rv = o.putObject("review");
        if (why != null) rv.put("why", why);
        if (when != null) rv.put("when", when);
        if (badOutput != null) rv.put("badOutput", badOutput);
        if (from != null) rv.put("from", from);
        try {
            return MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends rows (one line each, with fsync). */
    public void append(List<String> lines) {
        if (!lines.isEmpty() && !ReviewLog.endsWithNewline(file)) AtomicFiles.appendLine(file, "");
        for (String l : lines) AtomicFiles.appendLine(file, l);
    }
}
