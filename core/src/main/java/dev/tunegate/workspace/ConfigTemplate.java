package dev.tunegate.workspace;

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
        StringBuilder b = new StringBuilder();
        b.append("# tunegate.yaml — the workspace configuration of tunegate.\n")
                .append("# Paths are relative to this folder. Keys left commented out take their default;\n")
                .append("# a rule whose evidence is missing is reported as UNKNOWN, and the decision names\n")
                .append("# the artifact that would settle it. Rules: see docs/RULES.md (rule ids in brackets).\n\n");
        render(b, ConfigSchema.root(), 0, thresholds);
        return b.toString();
    }

    private static void render(StringBuilder b, Section s, int depth, Map<String, Double> thresholds) {
        String indent = "  ".repeat(depth);
        for (Key k : s.keys().values()) {
            if (k.type() instanceof Section sub) {
                b.append(indent).append("# ").append(k.doc()).append('\n');
                b.append(indent).append(k.name()).append(":\n");
                render(b, sub, depth + 1, thresholds);
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
                b.append(indent)
                        .append(k.name())
                        .append(": ")
                        .append(k.example())
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

    private static String show(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue());
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }
}
