package dev.tunegate.workspace;

import dev.tunegate.workspace.ConfigSchema.Bool;
import dev.tunegate.workspace.ConfigSchema.Choice;
import dev.tunegate.workspace.ConfigSchema.FreeMap;
import dev.tunegate.workspace.ConfigSchema.Int;
import dev.tunegate.workspace.ConfigSchema.Key;
import dev.tunegate.workspace.ConfigSchema.Num;
import dev.tunegate.workspace.ConfigSchema.PathList;
import dev.tunegate.workspace.ConfigSchema.PathValue;
import dev.tunegate.workspace.ConfigSchema.Section;
import dev.tunegate.workspace.ConfigSchema.Str;
import dev.tunegate.workspace.ConfigSchema.StrList;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code tunegate.yaml} against {@link ConfigSchema}. Every problem is reported as
 * {@code tunegate.yaml:LINE: key "a.b": expected …, found …}, with the closest valid key suggested
 * for an unknown one; all problems of a file are reported at once.
 */
public final class ConfigLoader {
    private final String fileLabel;
    private final Set<String> thresholdNames;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, ConfigValue> values = new LinkedHashMap<>();
    /** Keys given a value, valid or not (a required key with a wrong value is reported once, as wrong). */
    private final Set<String> given = new java.util.HashSet<>();
    /** The line each key of the schema is written on (1-based), keys left empty included. */
    private final Map<String, Integer> keyLines = new java.util.HashMap<>();

    private ConfigLoader(String fileLabel, Set<String> thresholdNames) {
        this.fileLabel = fileLabel;
        this.thresholdNames = thresholdNames;
    }

    /** A value read from the file, with its 1-based line (0 for defaults). */
    public record ConfigValue(Object value, int line) {}

    /**
     * Loads and validates a config file.
     *
     * @param file the YAML file
     * @param thresholdNames valid names under {@code policy.thresholds}
     * @return the validated values, by dotted path, with defaults filled in
     * @throws ConfigException listing every problem
     */
    public static Map<String, ConfigValue> load(Path file, Set<String> thresholdNames) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(List.of(file.getFileName() + ": not valid UTF-8"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(file.getFileName().toString(), text, thresholdNames);
    }

    /** Validates config text; {@code label} names the file in messages. */
    public static Map<String, ConfigValue> parse(String label, String text, Set<String> thresholdNames) {
        ConfigLoader loader = new ConfigLoader(label, thresholdNames);
        return loader.run(new StringReader(text));
    }

    private Map<String, ConfigValue> run(Reader reader) {
        Node root;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            root = new Yaml(
                            new SafeConstructor(opts),
                            new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                            new org.yaml.snakeyaml.DumperOptions(),
                            opts)
                    .compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new ConfigException(List.of(fileLabel + ":" + line + ": invalid YAML: " + problem));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of(fileLabel + ": invalid YAML: " + e.getMessage()));
        }
        if (root == null) {
            problems.add(fileLabel + ":1: the file is empty; run `tunegate init DIR` for a commented template");
        } else if (!(root instanceof MappingNode map)) {
            problems.add(
                    at(root) + "expected a mapping of sections (useCase, requirements, data, …), found " + kind(root));
        } else {
            duplicateKeys(map);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            section("", ConfigSchema.root(), map);
        }
        fillDefaults("", ConfigSchema.root());
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return values;
    }

    /** A key given twice in one mapping is an error naming both lines (YAML would keep only one of them silently). */
    private void duplicateKeys(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Integer> first = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k) {
                    int line = k.getStartMark() == null ? 0 : k.getStartMark().getLine() + 1;
                    Integer before = first.putIfAbsent(k.getValue(), line);
                    if (before != null) {
                        problems.add(fileLabel + ":" + line + ": duplicate key \"" + k.getValue() + "\" (first at line "
                                + before + "); YAML would silently keep only one of them: merge the two");
                    }
                }
                duplicateKeys(t.getValueNode());
            }
        } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            for (Node n : seq.getValue()) duplicateKeys(n);
        }
    }

    private void section(String prefix, Section schema, MappingNode node) {
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(at(t.getKeyNode()) + "expected a key name, found " + kind(t.getKeyNode()));
                continue;
            }
            String name = keyNode.getValue();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            Key key = schema.keys().get(name);
            if (key == null) {
                String allowed = String.join(", ", schema.keys().keySet());
                String suggestion = closest(name, schema.keys().keySet());
                problems.add(at(keyNode) + "unknown key \"" + path + "\""
                        + (suggestion == null
                                ? ""
                                : " (did you mean \"" + (prefix.isEmpty() ? "" : prefix + ".") + suggestion + "\"?)")
                        + "; allowed " + (prefix.isEmpty() ? "sections" : "keys in " + prefix) + ": " + allowed);
                continue;
            }
            keyLines.putIfAbsent(path, keyNode.getStartMark().getLine() + 1);
            if (!(t.getValueNode() instanceof ScalarNode v && v.getTag().equals(Tag.NULL))) given.add(path);
            value(path, key, t.getValueNode());
        }
    }

    private void value(String path, Key key, Node node) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return; // an explicit null is the same as absent
        }
        switch (key.type()) {
            case Section sub -> {
                if (node instanceof MappingNode m) section(path, sub, m);
                else mismatch(path, key, node);
            }
            case Str ignored -> scalarText(path, key, node);
            case PathValue ignored -> scalarText(path, key, node);
            case Bool ignored -> {
                if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL))
                    put(path, Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT)), node);
                else mismatch(path, key, node);
            }
            case Int range -> {
                if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                    try {
                        long v = Long.parseLong(s.getValue().replace("_", ""));
                        if (v < range.min() || v > range.max()) mismatch(path, key, node);
                        else put(path, v, node);
                    } catch (NumberFormatException e) {
                        mismatch(path, key, node);
                    }
                } else mismatch(path, key, node);
            }
            case Num range -> {
                if (node instanceof ScalarNode s
                        && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                    try {
                        double v = Double.parseDouble(s.getValue().replace("_", ""));
                        if (Double.isNaN(v) || v < range.min() || v > range.max()) mismatch(path, key, node);
                        else put(path, v, node);
                    } catch (NumberFormatException e) {
                        mismatch(path, key, node);
                    }
                } else mismatch(path, key, node);
            }
            case Choice choice -> {
                if (node instanceof ScalarNode s && choice.values().contains(s.getValue()))
                    put(path, s.getValue(), node);
                else if (node instanceof ScalarNode s) {
                    String suggestion = closest(s.getValue(), choice.values());
                    problems.add(at(node) + "key \"" + path + "\": expected " + choice.describe() + ", found \""
                            + s.getValue() + "\""
                            + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)"));
                } else mismatch(path, key, node);
            }
            case StrList ignored -> list(path, key, node);
            case PathList ignored -> list(path, key, node);
            case FreeMap ignored -> {
                if (node instanceof MappingNode m) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (NodeTuple t : m.getValue()) {
                        String k = t.getKeyNode() instanceof ScalarNode ks
                                ? ks.getValue()
                                : String.valueOf(t.getKeyNode());
                        map.put(k, plain(t.getValueNode()));
                    }
                    if (path.equals("policy.thresholds")) checkThresholds(m);
                    put(path, java.util.Collections.unmodifiableMap(map), node);
                } else mismatch(path, key, node);
            }
        }
    }

    private void checkThresholds(MappingNode m) {
        for (NodeTuple t : m.getValue()) {
            String name = ((ScalarNode) t.getKeyNode()).getValue();
            if (!thresholdNames.contains(name)) {
                String suggestion = closest(name, thresholdNames);
                problems.add(at(t.getKeyNode()) + "unknown threshold \"policy.thresholds." + name + "\""
                        + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)")
                        + "; allowed: " + String.join(", ", new java.util.TreeSet<>(thresholdNames)));
            } else if (!(t.getValueNode() instanceof ScalarNode s)
                    || !(s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                problems.add(at(t.getValueNode()) + "key \"policy.thresholds." + name + "\": expected a number, found "
                        + kind(t.getValueNode()));
            }
        }
    }

    private static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.INT)) {
                try {
                    return Long.parseLong(s.getValue().replace("_", ""));
                } catch (NumberFormatException e) {
                    return s.getValue();
                }
            }
            if (s.getTag().equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(s.getValue().replace("_", ""));
                } catch (NumberFormatException e) {
                    return s.getValue();
                }
            }
            if (s.getTag().equals(Tag.BOOL))
                return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
            if (s.getTag().equals(Tag.NULL)) return null;
            return s.getValue();
        }
        if (n instanceof SequenceNode q) {
            List<Object> out = new ArrayList<>();
            for (Node c : q.getValue()) out.add(plain(c));
            return java.util.Collections.unmodifiableList(out);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            map.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private void scalarText(String path, Key key, Node node) {
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
            String v = s.getValue().trim();
            // an absolute path is judged as any other by PathConfinement: outside the workspace only under allowOutside
            put(path, v, node);
        } else mismatch(path, key, node);
    }

    private void list(String path, Key key, Node node) {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
            // not taken as a one-element list: "labels: data/categories.json" is a file name, not the one label
            problems.add(
                    at(node) + "key \"" + path + "\": expected " + key.type().describe() + ", found a single value, "
                            + kind(node) + " (write a list as [a, b], or one \"- a\" line per value)");
            return;
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !s.getValue().isBlank())
                    out.add(s.getValue().trim());
                else {
                    problems.add(at(item) + "key \"" + path + "\": expected "
                            + key.type().describe() + ", found " + kind(item) + " in the list");
                    return;
                }
            }
        } else {
            mismatch(path, key, node);
            return;
        }
        put(path, List.copyOf(out), node);
    }

    private void mismatch(String path, Key key, Node node) {
        problems.add(at(node) + "key \"" + path + "\": expected " + key.type().describe() + ", found " + kind(node));
    }

    private void put(String path, Object v, Node node) {
        values.put(path, new ConfigValue(v, node.getStartMark().getLine() + 1));
    }

    private void fillDefaults(String prefix, Section s) {
        for (Key k : s.keys().values()) {
            String path = prefix.isEmpty() ? k.name() : prefix + "." + k.name();
            if (k.type() instanceof Section sub) {
                fillDefaults(path, sub);
            } else if (!values.containsKey(path)) {
                if (k.required() && !given.contains(path)) {
                    // a key written without a value is reported on its own line; an absent one in its section
                    Integer own = keyLines.get(path);
                    int line = own != null ? own : sectionLine(prefix);
                    problems.add(fileLabel + ":" + line + ": missing required key \"" + path + "\" ("
                            + k.type().describe() + (own != null ? ", written here without a value" : "") + "): "
                            + k.doc());
                } else if (k.defaultValue() != null) {
                    values.put(path, new ConfigValue(k.defaultValue(), 0));
                }
            }
        }
    }

    private int sectionLine(String prefix) {
        for (Map.Entry<String, ConfigValue> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix + ".")) return e.getValue().line();
        }
        return 1;
    }

    private String at(Node node) {
        return fileLabel + ":" + (node.getStartMark().getLine() + 1) + ": ";
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) node;
        String v = s.getValue();
        if (s.getTag().equals(Tag.NULL) || v.isBlank()) return "nothing";
        String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        if (s.getTag().equals(Tag.BOOL)) return "the boolean " + shown;
        if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) return "the number " + shown;
        return "\"" + shown + "\"";
    }

    /** The candidate closest to {@code name} by edit distance (case-insensitive), if close enough to be a typo. */
    static String closest(String name, java.util.Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .map(c -> Map.entry(c, distance(lower, c.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, e.getKey().length() / 3))
                .min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
