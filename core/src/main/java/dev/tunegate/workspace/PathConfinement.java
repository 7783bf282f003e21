package dev.tunegate.workspace;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.ConfigLoader.ConfigValue;
import dev.tunegate.workspace.ConfigSchema.Key;
import dev.tunegate.workspace.ConfigSchema.PathList;
import dev.tunegate.workspace.ConfigSchema.PathValue;
import dev.tunegate.workspace.ConfigSchema.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every path in tunegate.yaml resolves inside the workspace folder, after {@code ../} is normalised and symbolic
 * links are resolved (an absolute path too: it is judged by where it leads, as a relative one), unless its key is listed under {@code workspace.allowOutside} (the user's per-path opt-in).
 * A path that leaves the workspace otherwise is refused with {@code tunegate.yaml:LINE} (exit 3): a crafted
 * config must not make tunegate read, index or record files from elsewhere on the machine.
 */
final class PathConfinement {
    static final String OPT_IN = "workspace.allowOutside";

    private PathConfinement() {}

    /** Throws on the first path (in key order) that leaves {@code root} without the opt-in. */
    @SuppressWarnings("unchecked")
    static void check(Path root, Map<String, ConfigValue> values) {
        ConfigValue opt = values.get(OPT_IN);
        List<String> allowed = opt == null ? List.of() : (List<String>) opt.value();
        List<String> keys = pathKeys("", ConfigSchema.root());
        // a misspelt opt-in would allow nothing and say nothing: each entry must name a path key of the schema
        for (String a : allowed) {
            if (keys.contains(a)) continue;
            String suggestion = ConfigLoader.closest(a, keys);
            throw new InvalidInputException(
                    Workspace.CONFIG_FILE,
                    opt.line(),
                    "key \"" + OPT_IN + "\": expected a key of this schema that holds a path, found \"" + a + "\""
                            + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)") + "; allowed: "
                            + String.join(", ", keys));
        }
        Path realRoot = real(root);
        for (String key : keys) {
            ConfigValue v = values.get(key);
            if (v == null || v.value() == null || allowed.contains(key)) continue;
            List<String> paths = v.value() instanceof List<?> l ? (List<String>) l : List.of((String) v.value());
            for (String p : paths) {
                String why = leaves(root, realRoot, p);
                if (why != null) {
                    throw new InvalidInputException(
                            Workspace.CONFIG_FILE,
                            v.line(),
                            "key \"" + key + "\": expected a path inside the workspace, found \"" + p + "\", which "
                                    + why + "; to allow it, list the key under " + OPT_IN + " (e.g. allowOutside: ["
                                    + key + "])");
                }
            }
        }
    }

    /** Why {@code value} leaves the workspace, or null when it stays inside. */
    private static String leaves(Path root, Path realRoot, String value) {
        Path resolved = root.resolve(value).normalize();
        if (Path.of(value).isAbsolute()
                && !resolved.startsWith(root.toAbsolutePath().normalize())) return "is an absolute path outside it";
        if (!resolved.startsWith(root)) return "leads out of it through ../";
        // resolve symbolic links of the longest existing prefix: a link inside the workspace may point out of it
        Path existing = resolved;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return null;
        Path real = real(existing);
        if (!real.startsWith(realRoot)) return "leads out of it through a symbolic link (to " + real + ")";
        return null;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<String> pathKeys(String prefix, Section s) {
        List<String> out = new ArrayList<>();
        for (Key k : s.keys().values()) {
            String name = prefix.isEmpty() ? k.name() : prefix + "." + k.name();
            if (k.type() instanceof Section sub) out.addAll(pathKeys(name, sub));
            else if (k.type() instanceof PathValue || k.type() instanceof PathList) out.add(name);
        }
        return out;
    }
}
