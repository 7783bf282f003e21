package dev.tunegate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.assess.Assessment;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of core, checked on its compiled classes: no file-level dependency cycle (two source files that
 * use each other, directly or through others), and the arrows between packages that docs/ARCHITECTURE.md
 * draws. A class's dependencies are every {@code dev/tunegate/...} name in its constant pool (class
 * references, field and method descriptors, generic signatures); nested classes count as their file.
 */
class ArchitectureTest {

    /** File (top-level class, dotted) → the core files it uses. */
    static Map<String, Set<String>> fileGraph() throws IOException, URISyntaxException {
        Path classes = Path.of(Assessment.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        file(classes.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", ""));
                Set<String> deps = graph.computeIfAbsent(name, k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(f)) {
                    for (String ref : references(in)) {
                        String to = file(ref);
                        if (!to.equals(name)) deps.add(to);
                    }
                }
            }
        }
        graph.values().forEach(s -> s.retainAll(graph.keySet()));
        return graph;
    }

    private static String file(String internalName) {
        int dollar = internalName.indexOf('$');
        return (dollar < 0 ? internalName : internalName.substring(0, dollar)).replace('/', '.');
    }

    private static final Pattern CORE_NAME = Pattern.compile("dev/tunegate/[A-Za-z0-9_/$]+");

    /** Every core class name mentioned by a class file's constant pool (JVMS §4.4). */
    static Set<String> references(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Set<String> out = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    Matcher m = CORE_NAME.matcher(in.readUTF());
                    while (m.find()) out.add(m.group());
                }
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return out;
    }

    /** The strongly connected components of more than one file (Tarjan's algorithm, iterative). */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String root : graph.keySet()) {
            if (index.containsKey(root)) continue;
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            work.push(Map.entry(root, graph.getOrDefault(root, Set.of()).iterator()));
            while (!work.isEmpty()) {
                String v = work.peek().getKey();
                java.util.Iterator<String> it = work.peek().getValue();
                if (it.hasNext()) {
                    String w = it.next();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(Map.entry(w, graph.getOrDefault(w, Set.of()).iterator()));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1) {
                        component.sort(null);
                        out.add(component);
                    }
                }
            }
        }
        return out;
    }

    /**
     * An import cycle: files that use each other, directly or through others, across packages. Files of one
     * package may use each other (a package is one unit, its files need no imports to see each other); a
     * cycle that leaves the package and comes back is what makes two packages one.
     */
    @Test
    void noTwoFilesOfCoreImportEachOtherDirectlyOrThroughOthers() throws Exception {
        Map<String, Set<String>> graph = fileGraph();
        assertThat(graph).hasSizeGreaterThan(200).containsKey("dev.tunegate.assess.Assessment");
        List<List<String>> acrossPackages = cycles(graph).stream()
                .filter(c -> c.stream()
                                .map(f -> f.substring(0, f.lastIndexOf('.')))
                                .distinct()
                                .count()
                        > 1)
                .toList();
        assertThat(acrossPackages).as("import cycles between files of core").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycleThroughOthersAndNotADiamond() {
        Map<String, Set<String>> cyclic =
                Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
        assertThat(cycles(cyclic)).containsExactly(List.of("a", "b", "c"));
        Map<String, Set<String>> diamond =
                Map.of("a", Set.of("b", "c"), "b", Set.of("d"), "c", Set.of("d"), "d", Set.of());
        assertThat(cycles(diamond)).isEmpty();
    }

    /** Every package of core, by its name below dev.tunegate ("" is dev.tunegate itself: {@code ToolVersion}). */
    static final Set<String> PACKAGES = Set.of(
            "",
            "analysis",
            "assess",
            "audit",
            "cost",
            "dataops",
            "evals",
            "evidence",
            "io",
            "ops",
            "pilot",
            "policy",
            "record",
            "report",
            "retrieval",
            "tokens",
            "workspace");

    /** Every package but {@code allowed} (and the package itself). */
    private static Set<String> allBut(String self, String... allowed) {
        Set<String> out = new TreeSet<>(PACKAGES);
        out.remove(self);
        out.removeAll(List.of(allowed));
        return out;
    }

    /**
     * Package (below dev.tunegate) → packages it must not use; sub-packages count as their parent. The arrows of
     * docs/ARCHITECTURE.md, as the packages each one may use.
     */
    static final Map<String, Set<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("", allBut("")),
            Map.entry("io", allBut("io")),
            Map.entry("tokens", allBut("tokens", "io")),
            Map.entry("evidence", allBut("evidence", "io")),
            Map.entry("policy", allBut("policy", "evidence")),
            Map.entry("workspace", allBut("workspace", "io")),
            Map.entry("analysis", allBut("analysis", "evidence", "io", "policy", "workspace")),
            // analyzers: the contract, the shared values, the tokenizer and the policy's value types
            Map.entry("audit", allBut("audit", "analysis", "evidence", "io", "policy", "tokens", "workspace")),
            Map.entry("evals", allBut("evals", "analysis", "evidence", "io", "policy", "tokens", "workspace")),
            Map.entry("retrieval", allBut("retrieval", "analysis", "evidence", "io", "policy", "tokens", "workspace")),
            Map.entry("cost", allBut("cost", "analysis", "evidence", "io", "policy", "tokens", "workspace")),
            Map.entry(
                    "dataops",
                    allBut(
                            "dataops",
                            "",
                            "analysis",
                            "audit",
                            "evals",
                            "evidence",
                            "io",
                            "policy",
                            "tokens",
                            "workspace")),
            // values and renderers: compute nothing, never call an analyzer or the composition root
            Map.entry("record", allBut("record", "", "analysis", "evidence", "io", "policy", "workspace")),
            Map.entry("report", allBut("report", "", "io", "record")),
            // the composition root may assemble everything but what is built on it
            Map.entry("assess", Set.of("ops", "pilot")),
            Map.entry("pilot", Set.of("audit", "dataops", "ops", "retrieval", "tokens")),
            Map.entry("ops", Set.of("assess", "pilot", "policy", "record", "report")));

    static String topPackage(String file) {
        String rest = file.substring("dev.tunegate.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }

    @Test
    void everyPackageHasItsRules() throws Exception {
        Set<String> found = new TreeSet<>();
        fileGraph().keySet().forEach(f -> found.add(topPackage(f)));
        assertThat(PACKAGES).containsExactlyInAnyOrderElementsOf(found);
        assertThat(FORBIDDEN.keySet()).containsExactlyInAnyOrderElementsOf(PACKAGES);
    }

    @Test
    void packagesUseOnlyThePackagesTheirArrowsAllow() throws Exception {
        List<String> violations = new ArrayList<>();
        fileGraph().forEach((from, deps) -> {
            Set<String> forbidden = FORBIDDEN.getOrDefault(topPackage(from), Set.of());
            for (String to : deps) if (forbidden.contains(topPackage(to))) violations.add(from + " → " + to);
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void noAnalyzerUsesAnotherAnalyzer() throws Exception {
        // what one analyzer needs from another it reads from the evidence so far (docs/ARCHITECTURE.md)
        List<String> violations = new ArrayList<>();
        fileGraph().forEach((from, deps) -> {
            if (!from.endsWith("Analyzer") || from.endsWith(".Analyzer")) return;
            for (String to : deps)
                if (to.endsWith("Analyzer") && !to.endsWith(".Analyzer")) violations.add(from + " → " + to);
        });
        assertThat(violations).isEmpty();
    }

    /**
     * Workspace's string-keyed getters: a setting is read from the typed {@code Settings} sections, whose defaults
     * come from the schema alone. {@code line(key)} (where a key is written, for messages) and {@code effective()}
     * (the configuration as written, for provenance) are not settings reads and stay.
     */
    static final Set<String> KEYED_GETTERS =
            Set.of("has", "string", "requireString", "bool", "integer", "number", "strings", "path", "paths", "map");

    /** The methods of {@code owner} (internal name) a class file calls: name of every Methodref to it. */
    static Set<String> methodsCalled(InputStream raw, String owner) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] ref = new int[count][]; // Methodref / InterfaceMethodref: class index, name-and-type index
        int[] natName = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 10, 11 -> ref[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 9, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> out = new TreeSet<>();
        for (int[] r : ref) {
            if (r != null && owner.equals(utf8[classNameIndex[r[0]]])) out.add(utf8[natName[r[1]]]);
        }
        return out;
    }

    @Test
    void settingsAreReadFromTypedSectionsNotByStringKey() throws Exception {
        Path classes = Path.of(Assessment.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                if (name.startsWith("dev/tunegate/workspace/")) continue;
                scanned++;
                try (InputStream in = Files.newInputStream(f)) {
                    for (String m : methodsCalled(in, "dev/tunegate/workspace/Workspace"))
                        if (KEYED_GETTERS.contains(m)) violations.add(name + " calls Workspace." + m);
                }
            }
        }
        assertThat(scanned).isGreaterThan(200);
        assertThat(violations)
                .as("settings read by string key outside workspace/")
                .isEmpty();
    }

    @Test
    void theMethodScanSeesAKeyedCall() throws Exception {
        // the check above must be able to fail: the workspace's own Settings reads keys, and the scan finds them
        try (InputStream in = Files.newInputStream(Path.of(Assessment.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve("dev/tunegate/workspace/Settings.class"))) {
            assertThat(methodsCalled(in, "dev/tunegate/workspace/Workspace")).contains("strings", "paths", "map");
        }
    }
}
