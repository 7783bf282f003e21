package dev.tunegate.dataops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small workspaces built in a test's temp folder. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SYSTEM = "Route the ticket to one queue.";

    private Fixtures() {}

    /** A chat row: system, user input, assistant output, metadata. */
    public static Map<String, Object> row(String input, String output, String provenance, String status, String era) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(
                "messages",
                List.of(
                        Map.of("role", "system", "content", SYSTEM),
                        Map.of("role", "user", "content", input),
                        Map.of("role", "assistant", "content", output)));
        Map<String, Object> m = new LinkedHashMap<>();
        if (provenance != null) m.put("provenance", provenance);
        if (status != null) m.put("status", status);
        if (era != null) m.put("era", era);
        r.put("metadata", m);
        return r;
    }

    public static String jsonl(List<Map<String, Object>> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> r : rows) b.append(JSON.writeValueAsString(r)).append('\n');
        return b.toString();
    }

    /** A workspace with the given training and golden rows (golden may be null), eras 2026 current and old retired. */
    public static Workspace workspace(
            Path dir, List<Map<String, Object>> train, List<Map<String, Object>> golden, String extraYaml)
            throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/train.jsonl"), jsonl(train));
        StringBuilder y =
                new StringBuilder("useCase:\n  name: test\n  taskType: routing\ndata:\n  train: data/train.jsonl\n");
        if (golden != null) {
            Files.writeString(dir.resolve("data/golden.jsonl"), jsonl(golden));
            y.append("  golden: data/golden.jsonl\n");
        }
        y.append("  currentEras: [\"2026\"]\n  retiredEras: [\"old\"]\n");
        if (extraYaml != null) y.append(extraYaml);
        Files.writeString(dir.resolve("tunegate.yaml"), y.toString());
        return open(dir);
    }

    public static Workspace open(Path dir) {
        return Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
    }

    /** A varied ticket text for row i (no two share a five-word window). */
    public static String ticket(int i) {
        String[] w = {
            "invoice",
            "refund",
            "crash",
            "login",
            "parcel",
            "label",
            "password",
            "export",
            "screen",
            "order",
            "card",
            "address"
        };
        StringBuilder b = new StringBuilder("ticket " + i);
        long x = i * 2654435761L + 17;
        for (int k = 0; k < 9; k++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b.append(' ').append(w[(int) ((x >>> 33) % w.length)]).append(i * 31 + k);
        }
        return b.toString();
    }
}
