package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Alpaca: {@code {"instruction": …, "input": …, "output": …}} (the instruction may be absent: plain
 * {@code {"input", "output"}} rows read the same way) with optional {@code system} and
 * {@code history} (pairs of earlier turns). The user message is the instruction, a blank line and
 * the input (when not empty).
 */
public final class AlpacaRowParser extends JsonRowParser {
    private static final Set<String> TOP = Set.of("instruction", "input", "output", "system", "history");

    private static final ShallowScan.Shape SHAPE = ShallowScan.Shape.of(
            List.of("instruction", "input", "output", "system"), "output", List.of(), List.of("instruction", "input"));

    public AlpacaRowParser(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    protected Set<String> knownKeys() {
        return TOP;
    }

    @Override
    protected Example stream(JsonParser p, List<RowProblem> problems) throws IOException {
        String instruction = null, input = null, output = null, system = null;
        RowMetadata metadata = RowMetadata.NONE;
        boolean sawMetadata = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (k.equals("metadata")) {
                if (sawMetadata) return null;
                sawMetadata = true;
                metadata = streamMetadata(p, problems);
                if (metadata == null) return null;
                continue;
            }
            if (v != JsonToken.VALUE_STRING) return null;
            switch (k) {
                case "instruction" -> {
                    if (instruction != null) return null;
                    instruction = p.getText();
                }
                case "input" -> {
                    if (input != null) return null;
                    input = p.getText();
                }
                case "output" -> {
                    if (output != null) return null;
                    output = p.getText();
                }
                case "system" -> {
                    if (system != null) return null;
                    system = p.getText();
                }
                default -> {
                    return null; // history, unknown keys: the tree path
                }
            }
        }
        if (t != JsonToken.END_OBJECT || output == null || (instruction == null && input == null)) return null;
        if (instruction == null) instruction = ""; // plain {"input", "output"}, as interpret reads it
        return example(instruction, input, output, system, List.of(), metadata);
    }

    @Override
    ShallowScan.Shape shallowShape() {
        return SHAPE; // history and unknown keys take the general path
    }

    private static Example example(
            String instruction,
            String input,
            String output,
            String system,
            List<Message> history,
            RowMetadata metadata) {
        List<Message> msgs = new ArrayList<>(history.size() + 3);
        if (system != null && !system.isBlank()) msgs.add(new Message(Role.SYSTEM, system));
        msgs.addAll(history);
        String user = input == null || input.isBlank()
                ? instruction
                : instruction.isEmpty() ? input : instruction + "\n\n" + input;
        msgs.add(new Message(Role.USER, user));
        msgs.add(new Message(Role.ASSISTANT, output));
        return new Example(msgs, metadata);
    }

    @Override
    protected Example interpret(ObjectNode row, RowMetadata metadata, List<RowProblem> problems) {
        checkKeys(row, problems);
        String input = text(row.get("input"));
        // plain {"input", "output"} rows are Alpaca without an instruction
        String instruction = row.has("instruction") || input == null
                ? PromptCompletionRowParser.field(row, "instruction", problems, false)
                : "";
        String output = PromptCompletionRowParser.field(row, "output", problems, true);
        if (instruction == null || output == null) return null;
        List<Message> msgs = new ArrayList<>();
        String system = text(row.get("system"));
        JsonNode history = row.get("history");
        if (history != null && history.isArray()) {
            for (JsonNode turn : history) {
                if (turn.isArray() && turn.size() == 2) {
                    msgs.add(new Message(Role.USER, text(turn.get(0))));
                    msgs.add(new Message(Role.ASSISTANT, text(turn.get(1))));
                }
            }
        }
        return example(instruction, input, output, system, msgs, metadata);
    }
}
