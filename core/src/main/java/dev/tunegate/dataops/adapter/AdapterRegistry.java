package dev.tunegate.dataops.adapter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tunegate.dataops.version.DatasetVersions;
import dev.tunegate.evals.EvalRun;
import dev.tunegate.evals.EvalRuns;
import dev.tunegate.evals.EvalSettings;
import dev.tunegate.evals.Findings;
import dev.tunegate.evals.Regression;
import dev.tunegate.evals.RegressionReport;
import dev.tunegate.evals.Verdict;
import dev.tunegate.evals.read.EvalFormat;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The adapter registry of a workspace ({@code DIR/adapters/registry.json}) and its lock file
 * ({@code DIR/adapters.lock}), both written atomically (docs/formats/adapter-registry.md). Adding an adapter
 * records its provenance; promoting one to an environment is allowed only when its golden-set run passes
 * {@link Regression} against the environment's current adapter (or, for a first promotion, the base model's
 * run, {@code evals.baseline}).
 */
public final class AdapterRegistry {
    public static final String REGISTRY = "adapters/registry.json";
    public static final String LOCK = "adapters.lock";
    private static final ObjectMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Workspace ws;

    public AdapterRegistry(Workspace ws) {
        this.ws = ws;
    }

    /** The registry file's content. */
    public record Registry(int schemaVersion, List<AdapterEntry> adapters) {
        public Registry {
            adapters = adapters == null ? List.of() : List.copyOf(adapters);
        }
    }

    /** The lock file's content: environment → the adapter it uses. */
    public record Lock(int schemaVersion, Map<String, LockEntry> environments) {
        public Lock {
            environments = environments == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new TreeMap<>(environments));
        }
    }

    /**
     * The adapter an environment uses and why it was allowed there.
     *
     * @param adapter {@code name@version}
     * @param goldenRun its golden run (relative) and {@code goldenRunSha256} the run's digest when promoted
     * @param promotedAt when (ISO-8601 UTC)
     * @param baseline what it was compared with ({@code name@version} or {@code base model})
     * @param verdict the regression verdict (PASS)
     * @param reason the regression's one-sentence reason
     */
    public record LockEntry(
            String adapter,
            String goldenRun,
            String goldenRunSha256,
            String promotedAt,
            String baseline,
            String verdict,
            String reason) {}

    /** What {@code adapter add} registers. Paths are resolved against the workspace. */
    public record Addition(
            String name,
            String version,
            String baseModel,
            String datasetVersion,
            Path trainingConfig,
            Path goldenRun) {}

    /**
     * The outcome of a promotion.
     *
     * @param allowed whether the lock now points at the candidate
     * @param adapter the candidate {@code name@version}
     * @param environment the environment
     * @param baseline what it was compared with
     * @param previous the adapter the environment used before, or null
     * @param reason why it was allowed or refused
     * @param regression the golden-set regression check
     */
    public record Promotion(
            boolean allowed,
            String adapter,
            String environment,
            String baseline,
            String previous,
            String reason,
            RegressionReport regression) {}

    public Path registryFile() {
        return ws.root().resolve(REGISTRY);
    }

    public Path lockFile() {
        return ws.root().resolve(LOCK);
    }

    /** The registry (empty when there is none). */
    public Registry registry() {
        Path p = registryFile();
        if (!Files.exists(p)) return new Registry(1, List.of());
        return read(p, Registry.class, "an adapter registry");
    }

    /** The lock (empty when there is none). */
    public Lock lock() {
        Path p = lockFile();
        if (!Files.exists(p)) return new Lock(1, Map.of());
        return read(p, Lock.class, "an adapter lock file");
    }

    private <T> T read(Path p, Class<T> type, String what) {
        try {
            return READER.readValue(p.toFile(), type);
        } catch (IOException e) {
            throw InvalidInputException.at(
                    Path.of(ws.relative(p)),
                    0,
                    "not " + what + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Registers an adapter; refuses a duplicate {@code name@version}, a bad version, an unknown dataset version or a missing file. */
    public AdapterEntry add(Addition a, Clock clock) {
        // read-modify-write of adapters.json under the workspace's write lock: concurrent adds all land
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws.root())) {
            return addLocked(a, clock);
        }
    }

    private AdapterEntry addLocked(Addition a, Clock clock) {
        if (a.name() == null || !a.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidInputException(
                    "--name: expected letters, digits, '.', '_' or '-', found \"" + a.name() + "\"");
        }
        SemVer v;
        try {
            v = SemVer.parse(a.version());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--version: " + e.getMessage());
        }
        if (a.baseModel() == null || a.baseModel().isBlank())
            throw new InvalidInputException("--base: expected the base model's name, found nothing");
        String dataset = null;
        if (a.datasetVersion() != null)
            dataset = new DatasetVersions(ws).resolve(a.datasetVersion()).id();
        requireFile(a.trainingConfig(), "--config");
        requireFile(a.goldenRun(), "--golden-run");
        Registry reg = registry();
        for (AdapterEntry e : reg.adapters()) {
            if (e.name().equals(a.name()) && SemVer.parse(e.version()).compareTo(v) == 0) {
                throw new InvalidInputException(ws.relative(registryFile()) + ": " + e.ref()
                        + " is registered already; an adapter version is immutable: register a new version");
            }
        }
        AdapterEntry entry = new AdapterEntry(
                a.name(),
                v.toString(),
                a.baseModel().strip(),
                dataset,
                ws.relative(a.trainingConfig()),
                Digests.sha256(a.trainingConfig()),
                ws.relative(a.goldenRun()),
                Digests.sha256(a.goldenRun()),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        List<AdapterEntry> all = new ArrayList<>(reg.adapters());
        all.add(entry);
        all.sort(Comparator.comparing(AdapterEntry::name).thenComparing(e -> SemVer.parse(e.version())));
        AtomicFiles.write(registryFile(), Json.pretty(new Registry(1, all)));
        return entry;
    }

    private void requireFile(Path p, String option) {
        if (p == null) throw new InvalidInputException(option + ": expected a file, found nothing");
        if (!Files.isRegularFile(p)) throw new InvalidInputException(option + " " + ws.relative(p) + ": no such file");
    }

    /** The entry for {@code name@version}, or an error naming the registered versions. */
    public AdapterEntry find(String ref) {
        int at = ref.lastIndexOf('@');
        if (at <= 0 || at == ref.length() - 1)
            throw new InvalidInputException("expected NAME@VERSION (e.g. ticket-router@1.2.0), found \"" + ref + "\"");
        String name = ref.substring(0, at);
        SemVer v;
        try {
            v = SemVer.parse(ref.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ref + ": " + e.getMessage());
        }
        List<AdapterEntry> all = registry().adapters();
        for (AdapterEntry e : all)
            if (e.name().equals(name) && SemVer.parse(e.version()).compareTo(v) == 0) return e;
        List<String> known = all.stream()
                .filter(e -> e.name().equals(name))
                .map(AdapterEntry::ref)
                .toList();
        throw new InvalidInputException(ws.relative(registryFile()) + ": unknown adapter " + ref + "; "
                + (known.isEmpty()
                        ? "registered: "
                                + (all.isEmpty()
                                        ? "none (tunegate adapter add)"
                                        : String.join(
                                                ", ",
                                                all.stream()
                                                        .map(AdapterEntry::ref)
                                                        .toList()))
                        : "versions of " + name + ": " + String.join(", ", known)));
    }

    /**
     * Promotes {@code ref} to {@code env} if its golden run passes the regression check against the
     * environment's current adapter (or the base model's run). A refusal writes nothing.
     *
     * @param margin the non-inferiority margin ({@code pilot.nonInferiorityMargin})
     */
    public Promotion promote(String ref, String env, double margin, Clock clock) {
        // read-modify-write of adapters.lock under the workspace's write lock: concurrent promotes all land, in some
        // order
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws.root())) {
            return promoteLocked(ref, env, margin, clock);
        }
    }

    private Promotion promoteLocked(String ref, String env, double margin, Clock clock) {
        if (env == null || !env.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
            throw new InvalidInputException("--env: expected a name such as prod or staging, found \"" + env + "\"");
        AdapterEntry cand = find(ref);
        Lock lock = lock();
        LockEntry current = lock.environments().get(env);
        if (current != null && current.adapter().equals(cand.ref())) {
            throw new InvalidInputException(ws.relative(lockFile()) + ": " + env + " uses " + cand.ref() + " already");
        }
        String baselineName;
        Path baselineRun;
        if (current != null) {
            AdapterEntry prev = find(current.adapter());
            baselineName = prev.ref();
            baselineRun = ws.root().resolve(prev.goldenRun());
        } else {
            baselineRun = java.util.Optional.ofNullable(ws.settings().evals().baseline())
                    .orElseThrow(() -> new InvalidInputException(ws.configFile() + ": no adapter is promoted to " + env
                            + " and evals.baseline (the base model's golden-set run) is not set: there is nothing to compare "
                            + cand.ref() + " with"));
            baselineName = "base model (evals.baseline)";
        }
        Path candRun = ws.root().resolve(cand.goldenRun());
        verifyDigest(cand, candRun);
        Findings findings = new Findings();
        EvalSettings settings = EvalSettings.defaults()
                .withFormat(EvalFormat.of(ws.settings().evals().format()))
                .withColumns(stringMap(ws.settings().evals().columns()));
        EvalRun base = onlyRun(baselineRun, settings, findings);
        EvalRun next = onlyRun(candRun, settings, findings);
        RegressionReport rep = Regression.compare(base, next, margin);
        boolean ok = rep.verdict() == Verdict.PASS;
        String reason = ok
                ? cand.ref() + " passes the golden-set regression check against " + baselineName + ": " + rep.reason()
                : "refused: " + cand.ref() + " does not pass the golden-set regression check against " + baselineName
                        + " (" + rep.verdict() + "): " + rep.reason();
        if (ok) {
            Map<String, LockEntry> envs = new LinkedHashMap<>(lock.environments());
            envs.put(
                    env,
                    new LockEntry(
                            cand.ref(),
                            cand.goldenRun(),
                            cand.goldenRunSha256(),
                            clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                            baselineName,
                            rep.verdict().name(),
                            rep.reason()));
            AtomicFiles.write(lockFile(), Json.pretty(new Lock(1, envs)));
        }
        return new Promotion(
                ok, cand.ref(), env, baselineName, current == null ? null : current.adapter(), reason, rep);
    }

    private void verifyDigest(AdapterEntry e, Path run) {
        if (!Files.isRegularFile(run))
            throw new InvalidInputException(e.goldenRun() + ": the golden run of " + e.ref() + " is missing");
        String now = Digests.sha256(run);
        if (!now.equals(e.goldenRunSha256())) {
            throw new InvalidInputException(e.goldenRun() + ": the golden run of " + e.ref()
                    + " changed since it was registered (sha256 " + now.substring(0, 12) + "…, registered "
                    + e.goldenRunSha256().substring(0, 12) + "…); register a new version instead");
        }
    }

    private EvalRun onlyRun(Path file, EvalSettings settings, Findings findings) {
        if (!Files.isRegularFile(file))
            throw InvalidInputException.at(Path.of(ws.relative(file)), 0, "no such file (a golden-set run)");
        List<EvalRun> runs = EvalRuns.load(List.of(file), ws::relative, settings, findings);
        if (runs.isEmpty())
            throw InvalidInputException.at(Path.of(ws.relative(file)), 0, "no eval records: expected a golden-set run");
        return runs.get(runs.size() - 1);
    }

    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Problems of the lock: an adapter it names that the registry lacks, or a golden run changed since promotion. */
    public List<String> verifyLock() {
        List<String> problems = new ArrayList<>();
        Registry reg = registry();
        lock().environments().forEach((env, e) -> {
            boolean known = reg.adapters().stream().anyMatch(a -> a.ref().equals(e.adapter()));
            if (!known) problems.add(LOCK + ": " + env + " uses " + e.adapter() + ", which is not in " + REGISTRY);
            Path run = ws.root().resolve(e.goldenRun());
            if (!Files.isRegularFile(run))
                problems.add(LOCK + ": " + env + ": the golden run " + e.goldenRun() + " is missing");
            else if (!Digests.sha256(run).equals(e.goldenRunSha256()))
                problems.add(LOCK + ": " + env + ": the golden run " + e.goldenRun() + " changed since " + e.adapter()
                        + " was promoted");
        });
        return problems;
    }
}
