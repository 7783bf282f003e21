package dev.tunegate.dataops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.read.ChatRowParser;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Role;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.io.Digests;

/**
 * The canonical forms and SHA-256 digests of a row (docs/formats/dataset-version.md):
 * <ul>
 *   <li>{@link #content} — the messages only ({@code {"messages":[{"content":…,"role":…},…]}}): the row's
 *       identity in the review queue and log, whatever its review status;</li>
 *   <li>{@link #input} — the messages before the last assistant turn: "the same input" in a diff;</li>
 *   <li>{@link #row} — messages and metadata (provenance, status, reviewer, era; absent fields omitted):
 *       what a dataset version's digest is made of.</li>
 * </ul>
 * Every form is canonical JSON ({@link CanonicalJson}), so key order, whitespace and Unicode composition
 * of the source file do not change a digest, nor does the source format (a row read from CSV and the same
 * row read from OpenAI chat JSONL have the same digests).
 */
public final class RowDigests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RowDigests() {}

    /** The canonical JSON tree of an example's messages (and, when {@code withMetadata}, its metadata). */
    public static ObjectNode tree(Example ex, boolean withMetadata) {
        return ChatRowParser.row(ex, ex.messages().size(), withMetadata);
    }

    /** The metadata as a JSON object with its non-null fields. */
    public static ObjectNode metadata(RowMetadata m) {
        return ChatRowParser.metadata(m);
    }

    /** SHA-256 of the canonical messages. */
    public static String content(Example ex) {
        return Digests.sha256(CanonicalJson.of(tree(ex, false)));
    }

    /** SHA-256 of the canonical messages and metadata. */
    public static String row(Example ex) {
        return Digests.sha256(CanonicalJson.of(tree(ex, true)));
    }

    /** SHA-256 of the canonical messages before the last assistant turn. */
    public static String input(Example ex) {
        int end = ex.messages().size();
        for (int i = end - 1; i >= 0; i--) {
            if (ex.messages().get(i).role() == Role.ASSISTANT) {
                end = i;
                break;
            }
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.set("input", ChatRowParser.row(ex, end, false).get("messages"));
        return Digests.sha256(CanonicalJson.of((JsonNode) o));
    }
}
