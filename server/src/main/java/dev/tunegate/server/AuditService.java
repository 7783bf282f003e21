package dev.tunegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditAnalyzer;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit's findings of a workspace's training file, computed once by the audit itself
 * ({@link DatasetAudit}) and kept as its findings JSONL in {@code DIR/.tunegate/serve/audit-findings.jsonl}
 * (written atomically) with the stamp of the inputs it saw; pages are served from that file and the audit
 * runs again only when the training file, golden set or config changed.
 */
final class AuditService {
    static final String FINDINGS = ".tunegate/serve/audit-findings.jsonl";
    static final String STAMP = ".tunegate/serve/audit-findings.stamp";
    static final int ROWS_SHOWN = 6;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private record Cached(String stamp, List<Finding> findings, Map<Integer, ObjectNode> rows) {}

    private final WorkspaceCatalog catalog;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AuditService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    /** One page of findings, optionally of one kind, with the rows of each group side by side. */
    ObjectNode page(String name, String kind, int page, int size) {
        Cached c = load(name);
        List<Finding> sel = kind == null || kind.isBlank()
                ? c.findings()
                : c.findings().stream().filter(f -> f.kind().equals(kind)).toList();
        int per = Math.max(1, Math.min(size, 200));
        int from = Math.max(0, page) * per;
        ObjectNode o = F.objectNode();
        o.put("total", sel.size());
        o.put("page", Math.max(0, page));
        o.put("size", per);
        ObjectNode kinds = o.putObject("kinds");
        Map<String, Integer> counts = new TreeMap<>();
        c.findings().forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        counts.forEach(kinds::put);
        ArrayNode items = o.putArray("findings");
        for (Finding f : sel.subList(Math.min(from, sel.size()), Math.min(from + per, sel.size()))) {
            ObjectNode n = Json.mapper().valueToTree(f);
            ArrayNode rows = n.putArray("rowTexts");
            for (Integer r : f.rows().subList(0, Math.min(ROWS_SHOWN, f.rows().size()))) {
                ObjectNode t = c.rows().get(r);
                if (t != null) rows.add(t);
            }
            items.add(n);
        }
        return o;
    }

    private synchronized Cached load(String name) {
        Workspace ws = catalog.open(name);
        Path train = ws.data()
                .trainFile()
                .orElseThrow(() ->
                        new NotFoundException(name + ": no data.train in tunegate.yaml, so there is no audit to show"));
        if (!Files.isRegularFile(train))
            throw new NotFoundException(name + ": " + ws.relative(train) + " does not exist");
        String stamp = FileStamp.of(ws.configFile(), train, ws.data().golden());
        Cached c = cache.get(name);
        if (c != null && c.stamp().equals(stamp)) return c;
        Path file = ws.root().resolve(FINDINGS);
        Path stampFile = ws.root().resolve(STAMP);
        List<Finding> findings = null;
        try {
            if (Files.exists(file)
                    && Files.exists(stampFile)
                    && Files.readString(stampFile).strip().equals(stamp)) findings = read(file);
        } catch (IOException e) {
            findings = null;
        }
        if (findings == null) {
            AuditRequest request = AuditAnalyzer.request(ws);
            List<Finding> found = java.util.Collections.synchronizedList(new ArrayList<>());
            AuditReport ignored = DatasetAudit.run(
                    request,
                    Progress.SILENT,
                    Math.max(1, Runtime.getRuntime().availableProcessors()),
                    found::add,
                    ws::relative);
            StringBuilder sb = new StringBuilder();
            for (Finding f : found) sb.append(Json.line(f)).append('\n');
            AtomicFiles.write(file, sb.toString());
            AtomicFiles.write(stampFile, stamp + "\n");
            findings = found;
        }
        Set<Integer> wanted = new HashSet<>();
        String trainName = ws.relative(train);
        for (Finding f : findings) {
            if (f.file() != null && f.file().equals(trainName))
                wanted.addAll(f.rows().subList(0, Math.min(ROWS_SHOWN, f.rows().size())));
        }
        Map<Integer, ObjectNode> rows = new HashMap<>();
        DatasetRows.read(ws, train, r -> {
            if (!wanted.contains(r.index()) || r.example() == null) return;
            ObjectNode t = F.objectNode();
            t.put("row", r.index());
            t.put("line", r.line());
            t.put("input", r.example().input());
            t.put("output", r.example().output());
            rows.put(r.index(), t);
        });
        Cached fresh = new Cached(stamp, List.copyOf(findings), rows);
        cache.put(name, fresh);
        return fresh;
    }

    private static List<Finding> read(Path file) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = Json.mapper().readTree(line);
                List<Integer> rows = new ArrayList<>();
                n.path("rows").forEach(x -> rows.add(x.asInt()));
                List<Integer> tr = new ArrayList<>();
                n.path("trainingRows").forEach(x -> tr.add(x.asInt()));
                out.add(new Finding(
                        n.path("kind").asText(),
                        n.path("severity").asText(),
                        n.path("file").asText(null),
                        n.path("line").asLong(),
                        rows,
                        tr,
                        n.path("message").asText()));
            }
        }
        return out;
    }
}
