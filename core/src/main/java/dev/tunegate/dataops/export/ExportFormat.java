package dev.tunegate.dataops.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats {@code tunegate export} writes, one JSON object per line, with only the fields the
 * format defines (no metadata: trainers reject unknown keys):
 * <ul>
 *   <li>{@code openai-chat}: {@code {"messages":[{"role":…,"content":…},…]}};</li>
 *   <li>{@code sharegpt}: {@code {"conversations":[{"from":"system"|"human"|"gpt"|"tool","value":…},…]}};</li>
 *   <li>{@code alpaca}: {@code {"instruction":…,"input":"","output":…}} with {@code system} and {@code history}
 *       (earlier user/assistant pairs) when the example has them;</li>
 *   <li>{@code prompt-completion}: {@code {"prompt":…,"completion":…}}, the prompt being every message
 *       before the last assistant turn joined by blank lines.</li>
 * </ul>
 * Each reads back, with the audit's readers, to the same input and output.
 */
public enum ExportFormat {
    OPENAI_CHAT("openai-chat"),
    ALPACA("alpaca"),
    SHAREGPT("sharegpt"),
    PROMPT_COMPLETION("prompt-completion");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String id;

    ExportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ExportFormat of(String s) {
        for (ExportFormat f : values()) if (f.id.equals(s.trim().toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("expected one of "
                + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", ")) + ", found \"" + s
                + "\"");
    }

    /** The example as one line's JSON object. */
    public ObjectNode render(Example ex) {
        ObjectNode o = MAPPER.createObjectNode();
        List<Message> msgs = ex.messages();
        int last = msgs.size() - 1;
        while (last >= 0 && msgs.get(last).role() != Role.ASSISTANT) last--;
        switch (this) {
            case OPENAI_CHAT -> {
                ArrayNode a = o.putArray("messages");
                for (int i = 0; i <= last; i++) {
                    ObjectNode m = a.addObject();
                    m.put("role", msgs.get(i).role().key());
                    m.put("content", msgs.get(i).content());
                }
            }
            case SHAREGPT -> {
                ArrayNode a = o.putArray("conversations");
                for (int i = 0; i <= last; i++) {
                    ObjectNode m = a.addObject();
                    m.put(
                            "from",
                            switch (msgs.get(i).role()) {
                                case SYSTEM -> "system";
                                case USER -> "human";
                                case ASSISTANT -> "gpt";
                                case TOOL -> "tool";
                            });
                    m.put("value", msgs.get(i).content());
                }
            }
            case ALPACA -> {
                String system = null;
                List<String[]> history = new ArrayList<>();
                StringBuilder pendingUser = new StringBuilder();
                for (int i = 0; i < last; i++) {
                    Message m = msgs.get(i);
                    switch (m.role()) {
                        case SYSTEM -> system = system == null ? m.content() : system + "\n\n" + m.content();
                        case ASSISTANT -> {
                            history.add(new String[] {pendingUser.toString(), m.content()});
                            pendingUser.setLength(0);
                        }
                        default ->
                            pendingUser
                                    .append(pendingUser.isEmpty() ? "" : "\n\n")
                                    .append(m.content());
                    }
                }
                o.put("instruction", pendingUser.toString());
                o.put("input", "");
                o.put("output", ex.output());
                if (system != null) o.put("system", system);
                if (!history.isEmpty()) {
                    ArrayNode h = o.putArray("history");
                    for (String[] t : history) h.addArray().add(t[0]).add(t[1]);
                }
            }
            case PROMPT_COMPLETION -> {
                StringBuilder p = new StringBuilder();
                for (int i = 0; i < last; i++)
                    p.append(p.isEmpty() ? "" : "\n\n").append(msgs.get(i).content());
                o.put("prompt", p.toString());
                o.put("completion", ex.output());
            }
        }
        return o;
    }
}
