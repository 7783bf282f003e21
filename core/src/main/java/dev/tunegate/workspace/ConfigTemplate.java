package dev.tunegate.workspace;

import dev.tunegate.io.Json;
import dev.tunegate.workspace.ConfigSchema.Key;
import dev.tunegate.workspace.ConfigSchema.Section;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the fully commented {@code tunegate.yaml} that {@code tunegate init} writes. */
public final class ConfigTemplate {
    private ConfigTemplate() {}

    /**
     * The template: every key with its meaning, type, default and the rule it feeds. Required keys
     * get an example value; optional keys without a default are commented out.
     *
     * @param thresholds the policy's thresholds (name → default), listed under policy.thresholds
     */
    public static String render(Map<String, Double> thresholds) {
        return render(thresholds, Map.of());
    }

    /**
     * The template with some required keys already filled in: {@code values} maps dotted keys ({@code
     * useCase.name}) to the text to write in place of the key's example (quoted as YAML needs it).
     */
    public static String render(Map<String, Double> thresholds, Map<String, String> values) {
        for (String key : values.keySet())
            if (!ConfigSchema.key(key).required())
                throw new IllegalArgumentException(key + ": only a required key's example is replaced");
        StringBuilder b = new StringBuilder();
        b.append("# tunegate.yaml — the workspace configuration of tunegate.\n")
                .append("# Paths are relative to this folder. Keys left commented out take their default;\n")
                .append("# a rule whose evidence is missing is reported as UNKNOWN, and the decision names\n")
                .append("# the artifact that would settle it. Rules: see docs/RULES.md (rule ids in brackets).\n\n");
        render(b, ConfigSchema.root(), "", thresholds, values);
        return b.toString();
    }

    private static void render(
            StringBuilder b, Section s, String path, Map<String, Double> thresholds, Map<String, String> values) {
        int depth = path.isEmpty() ? 0 : path.split("\\.").length;
        String indent = "  ".repeat(depth);
        for (Key k : s.keys().values()) {
            if (k.type() instanceof Section sub) {
                b.append(indent).append("# ").append(k.doc()).append('\n');
                b.append(indent).append(k.name()).append(":\n");
                render(b, sub, path + k.name() + ".", thresholds, values);
                if (depth == 0) b.append('\n');
                continue;
            }
            b.append(indent).append("# ").append(k.doc());
            b.append(" Type: ").append(k.type().describe()).append('.');
            if (k.defaultValue() != null)
                b.append(" Default: ").append(show(k.defaultValue())).append('.');
            if (k.required()) b.append(" Required.");
            if (!k.feeds().isEmpty()) b.append(" Feeds: ").append(k.feeds()).append('.');
            b.append('\n');
            if (k.name().equals("thresholds")) {
                b.append(indent).append("thresholds:\n");
                for (Map.Entry<String, Double> t : thresholds.entrySet()) {
                    b.append(indent)
                            .append("  # ")
                            .append(t.getKey())
                            .append(": ")
                            .append(show(t.getValue()))
                            .append('\n');
                }
                b.append(indent).append("  {}\n");
                continue;
            }
            if (k.required()) {
                String given = values.get(path + k.name());
                b.append(indent)
                        .append(k.name())
                        .append(": ")
                        .append(given != null ? scalar(given) : k.example())
                        .append('\n');
            } else if (k.defaultValue() != null) {
                b.append(indent)
                        .append("# ")
                        .append(k.name())
                        .append(": ")
                        .append(show(k.defaultValue()))
                        .append('\n');
            } else {
                b.append(indent)
                        .append("# ")
                        .append(k.name())
                        .append(": ")
                        .append(k.example())
                        .append('\n');
            }
        }
    }

    /**
     * {@code text} as a YAML scalar: as it is when YAML reads it back as that same string, else double-quoted with
     * JSON's escapes (which YAML's double-quoted style shares).
     */
    static String scalar(String text) {
        boolean plain = text.matches("[A-Za-z][A-Za-z0-9._/ -]*")
                && !text.endsWith(" ")
                && !text.matches("(?i)y|n|yes|no|true|false|on|off|null|~");
        return plain ? text : Json.line(text);
    }

    private static String show(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }
}
