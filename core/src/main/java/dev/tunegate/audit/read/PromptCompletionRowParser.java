package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.FindingKind;
import java.util.List;
import java.util.Set;

/** Legacy prompt/completion JSONL: {@code {"prompt": …, "completion": …}}, read as one user and one assistant message. */
public final class PromptCompletionRowParser extends JsonRowParser {
    private static final Set<String> TOP = Set.of("prompt", "completion");

    public PromptCompletionRowParser(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected Set<String> knownKeys() {
        return TOP;
    }

    @Override
    protected Example stream(JsonParser p, List<RowProblem> problems) throws java.io.IOException {
        String prompt = null, completion = null;
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
            } else if (k.equals("prompt") && prompt == null && v == JsonToken.VALUE_STRING) {
                prompt = p.getText();
            } else if (k.equals("completion") && completion == null && v == JsonToken.VALUE_STRING) {
                completion = p.getText();
            } else {
                return null; // a repeated or unknown key, a value that is not a string: the tree path
            }
        }
        if (t != JsonToken.END_OBJECT || prompt == null || completion == null) return null;
        return new Example(List.of(new Message(Role.USER, prompt), new Message(Role.ASSISTANT, completion)), metadata);
    }

    private static final ShallowScan.Shape SHAPE = ShallowScan.Shape.of(
            List.of("prompt", "completion"), "completion", List.of("prompt", "completion"), List.of());

    @Override
    ShallowScan.Shape shallowShape() {
        return SHAPE;
    }

    @Override
    protected Example interpret(ObjectNode row, RowMetadata metadata, List<RowProblem> problems) {
        checkKeys(row, problems);
        String prompt = field(row, "prompt", problems, false);
        String completion = field(row, "completion", problems, true);
        if (prompt == null || completion == null) return null;
        return new Example(List.of(new Message(Role.USER, prompt), new Message(Role.ASSISTANT, completion)), metadata);
    }

    /** A required text field; a null output is {@code null_label}, a missing one {@code missing_content}. */
    static String field(ObjectNode row, String name, List<RowProblem> problems, boolean output) {
        JsonNode v = row.get(name);
        if (v != null && v.isNull() && output) {
            problems.add(new RowProblem(FindingKind.NULL_LABEL, "field \"" + name + "\": expected text, found null"));
            return null;
        }
        String t = text(v);
        if (t == null) {
            problems.add(new RowProblem(
                    FindingKind.MISSING_CONTENT, "field \"" + name + "\": expected a string, found " + describe(v)));
        }
        return t;
    }
}
