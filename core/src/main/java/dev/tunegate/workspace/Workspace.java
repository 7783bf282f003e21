package dev.tunegate.workspace;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.ConfigLoader.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A workspace: a folder with a validated {@code tunegate.yaml}. Paths in the config are resolved
 * against the folder. {@link #settings()} is the configuration typed by section (what analyzers and commands
 * read); the key accessors below remain for where a key is written ({@link #line}) and for provenance.
 */
public final class Workspace {
    public static final String CONFIG_FILE = "tunegate.yaml";

    private final Path root;
    private final Map<String, ConfigValue> values;
    private volatile Settings settings;

    private Workspace(Path root, Map<String, ConfigValue> values) {
        this.root = root;
        this.values = Map.copyOf(values);
    }

    /**
     * Opens the workspace in {@code dir}.
     *
     * @param thresholdNames names valid under {@code policy.thresholds}
     * @throws InvalidInputException when the folder or its config is missing
     * @throws ConfigException when the config is invalid
     */
    public static Workspace open(Path dir, Set<String> thresholdNames) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(dir + ": not a folder; expected a workspace folder with a " + CONFIG_FILE);
        }
        Path config = root.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            throw new InvalidInputException(dir + ": no " + CONFIG_FILE + " here; run `tunegate init " + dir
                    + "` to write a commented template");
        }
        Map<String, ConfigValue> values = ConfigLoader.load(config, thresholdNames);
        PathConfinement.check(root, values);
        return new Workspace(root, values);
    }

    /**
     * The workspaces {@code dir} stands for: {@code dir} itself when it holds a {@code tunegate.yaml}, else each of
     * its sub-folders that does, in name order ({@code serve} and {@code due} take either).
     *
     * @throws InvalidInputException when {@code dir} is no folder, or neither it nor a sub-folder is a workspace
     */
    public static List<Path> folders(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root))
            throw new InvalidInputException(dir + ": expected a workspace or a folder of workspaces, found no folder");
        if (Files.isRegularFile(root.resolve(CONFIG_FILE))) return List.of(root);
        List<Path> found;
        try (java.util.stream.Stream<Path> s = Files.list(root)) {
            found = s.filter(p -> Files.isRegularFile(p.resolve(CONFIG_FILE)))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.isEmpty())
            throw new InvalidInputException(
                    dir + ": expected a workspace (a folder with " + CONFIG_FILE + ") or a folder of them, found none");
        return found;
    }

    /** A workspace from already-validated values (tests, and commands run without a folder). */
    public static Workspace of(Path root, Map<String, ConfigValue> values) {
        return new Workspace(root.toAbsolutePath().normalize(), values);
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The 1-based line of a key in tunegate.yaml, or 0 for a default or absent key. */
    public int line(String key) {
        ConfigValue v = values.get(key);
        return v == null ? 0 : v.line();
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> (String) v.value());
    }

    public String requireString(String key) {
        return string(key).orElseThrow(() -> new IllegalStateException("required key " + key + " was validated"));
    }

    public Optional<Boolean> bool(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> (Boolean) v.value());
    }

    public Optional<Long> integer(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> ((Number) v.value()).longValue());
    }

    public Optional<Double> number(String key) {
        return Optional.ofNullable(values.get(key)).map(v -> ((Number) v.value()).doubleValue());
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        ConfigValue v = values.get(key);
        return v == null ? List.of() : (List<String>) v.value();
    }

    /** A path key resolved against the workspace. */
    public Optional<Path> path(String key) {
        return string(key).map(root::resolve).map(Path::normalize);
    }

    /** A path-list key resolved against the workspace. */
    public List<Path> paths(String key) {
        return strings(key).stream().map(root::resolve).map(Path::normalize).toList();
    }

    /**
     * {@code e} told as this config's problem when it is about a whole file that a path key of tunegate.yaml names (a
     * missing, empty or unreadable input): {@code tunegate.yaml:LINE: key "data.train": FILE: no such file}, so the
     * user sees which line sent tunegate there. Otherwise {@code e} itself.
     */
    public InvalidInputException attribute(InvalidInputException e) {
        if (e.file() == null || e.line() > 0) return e;
        Path named, file;
        try {
            named = Path.of(e.file());
            file = named.toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException notAPath) {
            return e;
        }
        Path inWorkspace = root.resolve(named).normalize(); // readers may name a file relative to the workspace
        for (Map.Entry<String, ConfigSchema.Key> leaf : ConfigSchema.leaves()) {
            ConfigSchema.Type type = leaf.getValue().type();
            if (!(type instanceof ConfigSchema.PathValue || type instanceof ConfigSchema.PathList)) continue;
            ConfigValue v = values.get(leaf.getKey());
            if (v == null || v.line() == 0 || v.value() == null) continue; // a default, not a line the user wrote
            List<?> given = v.value() instanceof List<?> l ? l : List.of(v.value());
            for (Object p : given)
                if (root.resolve((String) p).normalize().equals(file)
                        || root.resolve((String) p).normalize().equals(inWorkspace))
                    return new InvalidInputException(
                            CONFIG_FILE, v.line(), "key \"" + leaf.getKey() + "\": " + e.getMessage(), e);
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        ConfigValue v = values.get(key);
        return v == null ? Map.of() : (Map<String, Object>) v.value();
    }

    /** A key's value, else the schema's default (null when it has none). */
    Object valueOrDefault(String key) {
        ConfigValue v = values.get(key);
        return v != null ? v.value() : ConfigSchema.defaultValue(key);
    }

    /** The whole configuration, typed: one record per section, built once per workspace. */
    public Settings settings() {
        Settings s = settings;
        if (s == null) settings = s = Settings.of(this);
        return s;
    }

    /** The {@code pilot} section, typed. */
    public PilotSettings pilot() {
        return settings().pilot();
    }

    /** The {@code data} section (and {@code requirements.outputSchema}), typed. */
    public DataSettings data() {
        return settings().data();
    }

    /** The effective configuration (every key with its value, defaults included), sorted, for provenance. */
    public Map<String, Object> effective() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** A workspace-relative display name of a file. */
    public String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
    }
}
