package dev.tunegate.cost;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.yaml.snakeyaml.DumperOptions;
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
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the price catalog YAML and the {@code prices:} overrides of {@code tunegate.yaml}, from
 * SnakeYAML nodes so that every problem names its file and line:
 * {@code price-catalog.yaml:31: field "models.gpt-4o.inputPerMTok": expected a number ≥ 0, found "cheap"}.
 */
public final class PriceCatalogReader {
    private static final Set<String> MODEL_FIELDS = Set.of(
            "hosting",
            "provider",
            "inputPerMTok",
            "outputPerMTok",
            "paramsB",
            "contextWindow",
            "fineTuning",
            "asOf",
            "source");
    private static final Set<String> FINE_TUNING_FIELDS =
            Set.of("status", "trainingPerMTok", "tunedInputPerMTok", "tunedOutputPerMTok", "note");
    private static final Set<String> GPU_FIELDS = Set.of("memoryGb", "bf16Tflops", "usdPerHour", "asOf", "source");

    private final String label;
    private final ToIntFunction<Node> lineOf;
    private final boolean override;

    private PriceCatalogReader(String label, ToIntFunction<Node> lineOf, boolean override) {
        this.label = label;
        this.lineOf = lineOf;
        this.override = override;
    }

    /**
     * Reads a complete catalog.
     *
     * @param label the file name used in messages
     * @param text the YAML text
     * @throws InvalidInputException at the first problem, with file and line
     */
    public static PriceCatalog read(String label, String text) {
        PriceCatalogReader r =
                new PriceCatalogReader(label, n -> n.getStartMark().getLine() + 1, false);
        Node root = r.compose(text);
        if (!(root instanceof MappingNode map)) {
            throw r.problem(
                    root, "catalog", "a mapping with keys models and gpus", root == null ? "nothing" : kind(root));
        }
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        Map<String, GpuPrice> gpus = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = r.keyName(t, "catalog");
            switch (key) {
                case "models" -> {
                    for (NodeTuple e : r.mapping(t.getValueNode(), "models").getValue()) {
                        String id = r.keyName(e, "models");
                        r.checkFresh(id, e.getKeyNode(), models, gpus);
                        models.put(id, r.model(id, r.mapping(e.getValueNode(), "models." + id), null));
                    }
                }
                case "gpus" -> {
                    for (NodeTuple e : r.mapping(t.getValueNode(), "gpus").getValue()) {
                        String id = r.keyName(e, "gpus");
                        r.checkFresh(id, e.getKeyNode(), models, gpus);
                        gpus.put(id, r.gpu(id, r.mapping(e.getValueNode(), "gpus." + id), null));
                    }
                }
                default -> throw r.problem(t.getKeyNode(), key, "one of models, gpus", "an unknown key");
            }
        }
        return new PriceCatalog(models, gpus);
    }

    /**
     * The catalog with the workspace's {@code prices:} overrides applied. Lines come from the
     * config file's nodes when it can be read, else {@code Workspace.line("prices")}.
     *
     * @throws InvalidInputException with {@code tunegate.yaml:LINE} on the first invalid override
     */
    public static PriceCatalog withOverrides(PriceCatalog base, Workspace workspace) {
        if (workspace.settings().prices().isEmpty()) return base;
        Node prices = null;
        if (Files.isRegularFile(workspace.configFile())) {
            try {
                Node root = new PriceCatalogReader(Workspace.CONFIG_FILE, n -> 0, true)
                        .compose(Files.readString(workspace.configFile(), StandardCharsets.UTF_8));
                if (root instanceof MappingNode m) {
                    for (NodeTuple t : m.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode k
                                && k.getValue().equals("prices")) prices = t.getValueNode();
                    }
                }
            } catch (IOException e) {
                prices = null;
            }
        }
        if (prices != null) {
            return withOverrides(
                    base, Workspace.CONFIG_FILE, prices, n -> n.getStartMark().getLine() + 1);
        }
        int line = workspace.line("prices");
        DumperOptions d = new DumperOptions();
        Node fromMap = new PriceCatalogReader(Workspace.CONFIG_FILE, n -> line, true)
                .compose(new Yaml(d)
                        .dump(new java.util.LinkedHashMap<>(workspace.settings().prices())));
        return withOverrides(base, Workspace.CONFIG_FILE, fromMap, n -> line);
    }

    /**
     * The catalog with the overrides of a {@code prices:} mapping applied: a known id has the given
     * fields replaced, an unknown id is a new entry and must be complete.
     */
    public static PriceCatalog withOverrides(PriceCatalog base, String label, Node prices, ToIntFunction<Node> lineOf) {
        PriceCatalogReader r = new PriceCatalogReader(label, lineOf, true);
        Map<String, ModelPrice> models = new LinkedHashMap<>(base.models());
        Map<String, GpuPrice> gpus = new LinkedHashMap<>(base.gpus());
        for (NodeTuple e : r.mapping(prices, "prices").getValue()) {
            String id = r.keyName(e, "prices");
            MappingNode fields = r.mapping(e.getValueNode(), "prices." + id);
            boolean gpu = gpus.containsKey(id)
                    || (!models.containsKey(id)
                            && fields.getValue().stream()
                                    .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                                            && Set.of("usdPerHour", "memoryGb", "bf16Tflops")
                                                    .contains(k.getValue())));
            if (gpu) gpus.put(id, r.gpu(id, fields, gpus.get(id)));
            else models.put(id, r.model(id, fields, models.get(id)));
        }
        return new PriceCatalog(models, gpus);
    }

    private Node compose(String text) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(opts), new Representer(new DumperOptions()), new DumperOptions(), opts)
                    .compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidInputException(
                    label, line, "invalid YAML: " + (e.getProblem() == null ? "unreadable" : e.getProblem()));
        } catch (RuntimeException e) {
            throw new InvalidInputException(label, 0, "invalid YAML: " + e.getMessage());
        }
    }

    private void checkFresh(String id, Node at, Map<String, ModelPrice> models, Map<String, GpuPrice> gpus) {
        if (models.containsKey(id) || gpus.containsKey(id)) {
            throw problem(at, id, "an id used once across models and gpus", "a second entry \"" + id + "\"");
        }
    }

    private ModelPrice model(String id, MappingNode node, ModelPrice base) {
        String path = (override ? "prices." : "models.") + id;
        Map<String, Node> f = fields(node, path, MODEL_FIELDS);
        Node at = node;
        ModelPrice.Hosting hosting = f.containsKey("hosting")
                ? hosting(f.get("hosting"), path + ".hosting")
                : base == null ? null : base.hosting();
        if (hosting == null) throw problem(at, path + ".hosting", "provider or self-hosted", "nothing");
        String provider = f.containsKey("provider")
                ? text(f.get("provider"), path + ".provider")
                : base == null ? "" : base.provider();
        BigDecimal in = f.containsKey("inputPerMTok")
                ? money(f.get("inputPerMTok"), path + ".inputPerMTok")
                : base == null ? null : base.inputPerMTok();
        BigDecimal out = f.containsKey("outputPerMTok")
                ? money(f.get("outputPerMTok"), path + ".outputPerMTok")
                : base == null ? null : base.outputPerMTok();
        Double params = f.containsKey("paramsB")
                ? positive(f.get("paramsB"), path + ".paramsB")
                : base == null ? null : base.paramsB();
        Long window = f.containsKey("contextWindow")
                ? count(f.get("contextWindow"), path + ".contextWindow")
                : base == null ? null : base.contextWindow();
        FineTuningPrice ft = f.containsKey("fineTuning")
                ? fineTuning(f.get("fineTuning"), path + ".fineTuning", base == null ? null : base.fineTuning())
                : base == null ? null : base.fineTuning();
        if (hosting == ModelPrice.Hosting.PROVIDER) {
            if (in == null)
                throw problem(
                        at, path + ".inputPerMTok", "USD per million input tokens for a provider model", "nothing");
            if (out == null)
                throw problem(
                        at, path + ".outputPerMTok", "USD per million output tokens for a provider model", "nothing");
            if (ft == null)
                throw problem(
                        at,
                        path + ".fineTuning",
                        "a fineTuning mapping (status: offered, not-offered or withdrawn)",
                        "nothing");
        } else if (params == null) {
            throw problem(at, path + ".paramsB", "the parameter count in billions for a self-hosted model", "nothing");
        }
        Dated dated = dated(f, path, at, base);
        return new ModelPrice(
                id,
                hosting,
                provider,
                in,
                out,
                params,
                window,
                ft,
                dated.asOf,
                dated.source,
                label + ":" + lineOf.applyAsInt(node));
    }

    private GpuPrice gpu(String id, MappingNode node, GpuPrice base) {
        String path = (override ? "prices." : "gpus.") + id;
        Map<String, Node> f = fields(node, path, GPU_FIELDS);
        Double mem = f.containsKey("memoryGb")
                ? positive(f.get("memoryGb"), path + ".memoryGb")
                : base == null ? null : base.memoryGb();
        Double tflops = f.containsKey("bf16Tflops")
                ? positive(f.get("bf16Tflops"), path + ".bf16Tflops")
                : base == null ? null : base.bf16Tflops();
        BigDecimal usd = f.containsKey("usdPerHour")
                ? money(f.get("usdPerHour"), path + ".usdPerHour")
                : base == null ? null : base.usdPerHour();
        if (mem == null) throw problem(node, path + ".memoryGb", "the memory of one GPU in GB", "nothing");
        if (tflops == null)
            throw problem(node, path + ".bf16Tflops", "the peak dense bf16 TFLOPS of one GPU", "nothing");
        if (usd == null) throw problem(node, path + ".usdPerHour", "the USD price of one GPU-hour", "nothing");
        Dated dated = dated(f, path, node, base);
        return new GpuPrice(id, mem, tflops, usd, dated.asOf, dated.source, label + ":" + lineOf.applyAsInt(node));
    }

    private record Dated(LocalDate asOf, String source) {}

    private Dated dated(Map<String, Node> f, String path, Node at, CatalogEntry base) {
        LocalDate asOf = f.containsKey("asOf") ? date(f.get("asOf"), path + ".asOf") : null;
        String source = f.containsKey("source") ? text(f.get("source"), path + ".source") : null;
        if (!override) {
            if (asOf == null)
                throw problem(at, path + ".asOf", "the date the figures were read (YYYY-MM-DD)", "nothing");
            if (source == null) throw problem(at, path + ".source", "where the figures were read", "nothing");
            return new Dated(asOf, source);
        }
        // An override is the user's figure: dated only if the user dates it.
        String src = source != null
                ? source
                : "user override in " + label + ":" + lineOf.applyAsInt(at)
                        + (base == null ? "" : " (shipped entry: " + base.source() + ")");
        return new Dated(asOf, src);
    }

    private FineTuningPrice fineTuning(Node node, String path, FineTuningPrice base) {
        Map<String, Node> f = fields(mapping(node, path), path, FINE_TUNING_FIELDS);
        FineTuningStatus status = base == null ? null : base.status();
        if (f.containsKey("status")) {
            String s = text(f.get("status"), path + ".status");
            status = FineTuningStatus.parse(s);
            if (status == null)
                throw problem(
                        f.get("status"), path + ".status", "one of offered, not-offered, withdrawn", "\"" + s + "\"");
        }
        if (status == null) throw problem(node, path + ".status", "one of offered, not-offered, withdrawn", "nothing");
        BigDecimal train = f.containsKey("trainingPerMTok")
                ? money(f.get("trainingPerMTok"), path + ".trainingPerMTok")
                : base == null ? null : base.trainingPerMTok();
        BigDecimal tin = f.containsKey("tunedInputPerMTok")
                ? money(f.get("tunedInputPerMTok"), path + ".tunedInputPerMTok")
                : base == null ? null : base.tunedInputPerMTok();
        BigDecimal tout = f.containsKey("tunedOutputPerMTok")
                ? money(f.get("tunedOutputPerMTok"), path + ".tunedOutputPerMTok")
                : base == null ? null : base.tunedOutputPerMTok();
        String note = f.containsKey("note") ? text(f.get("note"), path + ".note") : base == null ? "" : base.note();
        if (status == FineTuningStatus.OFFERED) {
            if (train == null)
                throw problem(
                        node,
                        path + ".trainingPerMTok",
                        "USD per million training tokens when fine-tuning is offered",
                        "nothing");
            if (tin == null)
                throw problem(
                        node,
                        path + ".tunedInputPerMTok",
                        "USD per million input tokens on the tuned model",
                        "nothing");
            if (tout == null)
                throw problem(
                        node,
                        path + ".tunedOutputPerMTok",
                        "USD per million output tokens on the tuned model",
                        "nothing");
            return new FineTuningPrice(status, train, tin, tout, note);
        }
        return new FineTuningPrice(status, null, null, null, note); // never priced: never offered
    }

    private Map<String, Node> fields(MappingNode node, String path, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String k = keyName(t, path);
            if (!allowed.contains(k)) {
                throw problem(
                        t.getKeyNode(),
                        path + "." + k,
                        "one of " + String.join(", ", allowed.stream().sorted().toList()),
                        "an unknown field");
            }
            out.put(k, t.getValueNode());
        }
        return out;
    }

    private String keyName(NodeTuple t, String path) {
        if (t.getKeyNode() instanceof ScalarNode s && !s.getValue().isBlank()) return s.getValue();
        throw problem(t.getKeyNode(), path, "a key name", kind(t.getKeyNode()));
    }

    private MappingNode mapping(Node node, String path) {
        if (node instanceof MappingNode m) return m;
        throw problem(node, path, "a mapping", kind(node));
    }

    private ModelPrice.Hosting hosting(Node node, String path) {
        String s = text(node, path);
        ModelPrice.Hosting h = ModelPrice.Hosting.parse(s);
        if (h == null) throw problem(node, path, "provider or self-hosted", "\"" + s + "\"");
        return h;
    }

    private String text(Node node, String path) {
        if (node instanceof ScalarNode s
                && !s.getValue().isBlank()
                && !s.getTag().equals(Tag.NULL)) return s.getValue().trim();
        throw problem(node, path, "a text", kind(node));
    }

    private BigDecimal money(Node node, String path) {
        if (node instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                BigDecimal v = new BigDecimal(s.getValue().replace("_", ""));
                if (v.signum() >= 0) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw problem(node, path, "a number ≥ 0 (USD)", kind(node));
    }

    private Double positive(Node node, String path) {
        if (node instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double v = Double.parseDouble(s.getValue().replace("_", ""));
                if (v > 0 && Double.isFinite(v)) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw problem(node, path, "a number > 0", kind(node));
    }

    private Long count(Node node, String path) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                long v = Long.parseLong(s.getValue().replace("_", ""));
                if (v > 0) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw problem(node, path, "an integer > 0", kind(node));
    }

    private LocalDate date(Node node, String path) {
        if (node instanceof ScalarNode s) {
            try {
                return LocalDate.parse(s.getValue().trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw problem(node, path, "a date YYYY-MM-DD", kind(node));
    }

    private InvalidInputException problem(Node node, String field, String expected, String found) {
        int line = node == null ? 0 : lineOf.applyAsInt(node);
        return new InvalidInputException(
                label, line, "field \"" + field + "\": expected " + expected + ", found " + found);
    }

    private static String kind(Node node) {
        if (node == null) return "nothing";
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) node;
        if (s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) return "nothing";
        String v = s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "…" : s.getValue();
        if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) return "the number " + v;
        if (s.getTag().equals(Tag.BOOL)) return "the boolean " + v;
        return "\"" + v + "\"";
    }
}
