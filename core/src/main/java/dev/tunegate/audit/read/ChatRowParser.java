package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.FindingKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * OpenAI chat fine-tuning JSONL: {@code {"messages": [{"role": …, "content": …}, …]}} with
 * {@code tool_calls}, {@code weight} and optional {@code tools}. Checks the same things as OpenAI's
 * data-prep notebook (missing messages, missing role or content, unknown keys and roles, no
 * assistant turn). {@code developer} reads as system and {@code function} as tool.
 */
public final class ChatRowParser extends JsonRowParser {
    private static final Set<String> TOP = Set.of("messages", "tools", "functions", "parallel_tool_calls");
    private static final Set<String> MESSAGE_KEYS =
            Set.of("role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight", "refusal");

    /**
     * An example written as a row of this format: {@code {"messages": [{"role", "content"}, …]}} with its first
     * {@code turns} messages and, when {@code withMetadata}, {@code "metadata"} with its non-null fields. The one
     * writer of the format: the review log's overlay analyses edited rows as such lines, and dataset digests and the
     * reviewed dataset are made of these trees.
     */
    public static ObjectNode row(Example ex, int turns, boolean withMetadata) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("messages");
        for (int i = 0; i < turns; i++) {
            Message m = ex.messages().get(i);
            ObjectNode mo = a.addObject();
            mo.put("role", m.role().key());
            mo.put("content", m.content());
        }
        if (withMetadata) o.set("metadata", metadata(ex.metadata()));
        return o;
    }

    /** Row metadata as this format's {@code "metadata"} object: its non-null fields. */
    public static ObjectNode metadata(RowMetadata m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (m.provenance() != null) o.put("provenance", m.provenance());
        if (m.status() != null) o.put("status", m.status());
        if (m.reviewer() != null) o.put("reviewer", m.reviewer());
        if (m.era() != null) o.put("era", m.era());
        return o;
    }

    private static final ShallowScan.Shape SHAPE = ShallowScan.Shape.turns(
            List.of(),
            ShallowScan.Turns.of(
                    "messages",
                    "role",
                    "content",
                    List.of("system", "developer", "user", "assistant", "tool", "function"),
                    List.of("assistant")));

    public ChatRowParser(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected Set<String> knownKeys() {
        return TOP;
    }

    /** The role a chat role name reads as, or null when unknown. */
    private static Role role(String name) {
        return switch (name) {
            case "system", "developer" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool", "function" -> Role.TOOL;
            default -> null;
        };
    }

    @Override
    ShallowScan.Shape shallowShape() {
        return SHAPE; // as stream reads it: messages of exactly a known role and a string content
    }

    @Override
    protected Example stream(JsonParser p, List<RowProblem> problems) throws java.io.IOException {
        List<Message> out = null;
        RowMetadata metadata = RowMetadata.NONE;
        boolean sawMetadata = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (k.equals("metadata") && !sawMetadata) {
                sawMetadata = true;
                metadata = streamMetadata(p, problems);
                if (metadata == null) return null;
            } else if (k.equals("messages") && out == null && v == JsonToken.START_ARRAY) {
                out = streamMessages(p, "role", "content", ChatRowParser::role);
                if (out == null) return null;
            } else {
                return null; // tools, unknown or repeated keys: the tree path
            }
        }
        if (t != JsonToken.END_OBJECT || out == null) return null;
        return new Example(out, metadata);
    }

    /**
     * A clean array of messages (the parser is on its {@code START_ARRAY}): objects of exactly a known
     * role and a string content, at least one of them the assistant's; null otherwise.
     */
    static List<Message> streamMessages(
            JsonParser p, String roleKey, String contentKey, java.util.function.Function<String, Role> roles)
            throws java.io.IOException {
        List<Message> out = new ArrayList<>(4);
        boolean assistant = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            Role role = null;
            String content = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) return null;
                if (k.equals(roleKey) && role == null) {
                    role = roles.apply(p.getText());
                    if (role == null) return null;
                } else if (k.equals(contentKey) && content == null) {
                    content = p.getText();
                } else return null;
            }
            if (t != JsonToken.END_OBJECT || role == null || content == null) return null;
            assistant |= role == Role.ASSISTANT;
            out.add(new Message(role, content));
        }
        return t == JsonToken.END_ARRAY && assistant ? out : null;
    }

    @Override
    protected Example interpret(ObjectNode row, RowMetadata metadata, List<RowProblem> problems) {
        checkKeys(row, problems);
        JsonNode msgs = row.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty()) {
            problems.add(new RowProblem(
                    FindingKind.MISSING_MESSAGES,
                    "field \"messages\": expected a non-empty array, found " + describe(msgs)));
            return null;
        }
        List<Message> out = new ArrayList<>(msgs.size());
        int i = 0;
        for (JsonNode m : msgs) {
            String where = "messages[" + i++ + "]";
            if (!m.isObject()) {
                problems.add(new RowProblem(
                        FindingKind.NOT_AN_OBJECT,
                        "field \"" + where + "\": expected an object, found " + describe(m)));
                continue;
            }
            Iterator<String> keys = m.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!MESSAGE_KEYS.contains(k))
                    problems.add(new RowProblem(
                            FindingKind.UNKNOWN_KEY, "field \"" + where + "." + k + "\" is not part of the format"));
            }
            JsonNode roleNode = m.get("role");
            if (roleNode == null || !roleNode.isTextual()) {
                problems.add(new RowProblem(
                        FindingKind.MISSING_ROLE,
                        "field \"" + where + ".role\": expected a string, found " + describe(roleNode)));
                continue;
            }
            Role role = role(roleNode.asText());
            if (role == null) {
                problems.add(new RowProblem(
                        FindingKind.UNKNOWN_ROLE,
                        "field \"" + where + ".role\": expected system, user, assistant or tool, found \""
                                + roleNode.asText() + "\""));
                continue;
            }
            JsonNode weight = m.get("weight");
            if (weight != null && !(weight.isNumber() && (weight.asDouble() == 0 || weight.asDouble() == 1))) {
                problems.add(new RowProblem(
                        FindingKind.INVALID_METADATA,
                        "field \"" + where + ".weight\": expected 0 or 1, found " + weight));
            }
            JsonNode content = m.get("content");
            JsonNode calls = m.has("tool_calls") ? m.get("tool_calls") : m.get("function_call");
            boolean hasCalls = calls != null && !calls.isNull();
            String text = text(content);
            if (text == null && !hasCalls) {
                problems.add(new RowProblem(
                        FindingKind.MISSING_CONTENT,
                        "field \"" + where + ".content\": expected a string, found " + describe(content)));
                continue;
            }
            String body = text == null ? "" : text;
            if (hasCalls) body = body.isEmpty() ? calls.toString() : body + "\n" + calls;
            out.add(new Message(role, body));
        }
        if (out.stream().noneMatch(m -> m.role() == Role.ASSISTANT)
                && problems.stream().noneMatch(p -> p.kind().severity() == FindingKind.Severity.ERROR)) {
            problems.add(new RowProblem(
                    FindingKind.NO_ASSISTANT_TURN,
                    "field \"messages\": expected at least one assistant message, found none"));
        }
        return new Example(out, metadata);
    }
}
