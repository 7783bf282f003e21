package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ShareGPT: {@code {"conversations": [{"from": "human"|"gpt"|"system"|…, "value": …}]}}, with an
 * optional top-level {@code system}. {@code human}/{@code user} read as user, {@code gpt}/
 * {@code assistant}/{@code function_call} as assistant, {@code observation}/{@code tool} as tool.
 */
public final class ShareGptRowParser extends JsonRowParser {
    private static final Set<String> TOP = Set.of("conversations", "system", "tools", "id");

    private static final ShallowScan.Shape SHAPE = ShallowScan.Shape.turns(
            List.of("system"),
            ShallowScan.Turns.of(
                    "conversations",
                    "from",
                    "value",
                    List.of(
                            "system",
                            "human",
                            "user",
                            "gpt",
                            "assistant",
                            "function_call",
                            "chatgpt",
                            "bing",
                            "bard",
                            "observation",
                            "tool",
                            "function"),
                    List.of("gpt", "assistant", "function_call", "chatgpt", "bing", "bard")));

    public ShareGptRowParser(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected Set<String> knownKeys() {
        return TOP;
    }

    /** The role a ShareGPT {@code from} reads as, or null when unknown. */
    private static Role role(String from) {
        return switch (from) {
            case "system" -> Role.SYSTEM;
            case "human", "user" -> Role.USER;
            case "gpt", "assistant", "function_call", "chatgpt", "bing", "bard" -> Role.ASSISTANT;
            case "observation", "tool", "function" -> Role.TOOL;
            default -> null;
        };
    }

    @Override
    ShallowScan.Shape shallowShape() {
        return SHAPE; // as stream reads it: a clean conversation and an optional system text
    }

    @Override
    protected Example stream(JsonParser p, List<RowProblem> problems) throws java.io.IOException {
        List<Message> conv = null;
        String system = null;
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
            } else if (k.equals("conversations") && conv == null && v == JsonToken.START_ARRAY) {
                conv = ChatRowParser.streamMessages(p, "from", "value", ShareGptRowParser::role);
                if (conv == null) return null;
            } else if (k.equals("system") && system == null && v == JsonToken.VALUE_STRING) {
                system = p.getText();
            } else {
                return null; // unknown or repeated keys: the tree path
            }
        }
        if (t != JsonToken.END_OBJECT || conv == null) return null;
        if (system == null || system.isBlank()) return new Example(conv, metadata);
        List<Message> out = new ArrayList<>(conv.size() + 1);
        out.add(new Message(Role.SYSTEM, system));
        out.addAll(conv);
        return new Example(out, metadata);
    }

    @Override
    protected Example interpret(ObjectNode row, RowMetadata metadata, List<RowProblem> problems) {
        checkKeys(row, problems);
        JsonNode conv = row.get("conversations");
        if (conv == null || !conv.isArray() || conv.isEmpty()) {
            problems.add(new RowProblem(
                    FindingKind.MISSING_MESSAGES,
                    "field \"conversations\": expected a non-empty array, found " + describe(conv)));
            return null;
        }
        List<Message> out = new ArrayList<>();
        String system = text(row.get("system"));
        if (system != null && !system.isBlank()) out.add(new Message(Role.SYSTEM, system));
        int i = 0;
        for (JsonNode m : conv) {
            String where = "conversations[" + i++ + "]";
            if (!m.isObject()) {
                problems.add(new RowProblem(
                        FindingKind.NOT_AN_OBJECT,
                        "field \"" + where + "\": expected an object, found " + describe(m)));
                continue;
            }
            JsonNode from = m.get("from");
            if (from == null || !from.isTextual()) {
                problems.add(new RowProblem(
                        FindingKind.MISSING_ROLE,
                        "field \"" + where + ".from\": expected a string, found " + describe(from)));
                continue;
            }
            Role role = role(from.asText());
            if (role == null) {
                problems.add(new RowProblem(
                        FindingKind.UNKNOWN_ROLE,
                        "field \"" + where + ".from\": expected human, gpt, system or tool, found \"" + from.asText()
                                + "\""));
                continue;
            }
            String value = text(m.get("value"));
            if (value == null) {
                problems.add(new RowProblem(
                        FindingKind.MISSING_CONTENT,
                        "field \"" + where + ".value\": expected a string, found " + describe(m.get("value"))));
                continue;
            }
            out.add(new Message(role, value));
        }
        if (out.stream().noneMatch(m -> m.role() == Role.ASSISTANT)
                && problems.stream().noneMatch(p -> p.kind().severity() == FindingKind.Severity.ERROR)) {
            problems.add(new RowProblem(
                    FindingKind.NO_ASSISTANT_TURN,
                    "field \"conversations\": expected at least one gpt turn, found none"));
        }
        return new Example(out, metadata);
    }
}
