package dev.tunegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Workspaces and an HTTP client for the server's tests. */
final class Fixture {
    private Fixture() {}

    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A ticket the generator below makes distinct per i (different words, so no two rows are near duplicates). */
    static String ticket(int i) {
        String[] w = {
            "invoice",
            "refund",
            "password",
            "parcel",
            "upgrade",
            "login",
            "charge",
            "delivery",
            "account",
            "return",
            "coupon",
            "address"
        };
        StringBuilder sb = new StringBuilder("ticket " + i + ":");
        int x = i;
        for (int k = 0; k < 6; k++) {
            sb.append(' ').append(w[Math.floorMod(x, w.length)]).append(Integer.toString(x * 7919 + k, 36));
            x = x / w.length + k * 31 + 1;
        }
        return sb.toString();
    }

    static String row(String input, String output, String provenance, String status) {
        return Json.line(Map.of(
                "messages",
                List.of(Map.of("role", "user", "content", input), Map.of("role", "assistant", "content", output)),
                "metadata",
                Map.of("provenance", provenance, "status", status, "era", "2026")));
    }

    /** A workspace with {@code approved} approved rows and {@code pending} LLM drafts awaiting review in data/train.jsonl. */
    static Path workspace(Path dir, int approved, int pending, List<String> extraPendingInputs) {
        try {
            Files.createDirectories(dir.resolve("data"));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < approved; i++)
                lines.add(row(ticket(100_000 + i), "{\"queue\": \"billing\"}", "expert", "approved"));
            for (int i = 0; i < pending; i++)
                lines.add(row(
                        ticket(i),
                        "{\"queue\": \"" + (i % 2 == 0 ? "billing" : "account") + "\"}",
                        "llm_draft",
                        "pending"));
            for (String s : extraPendingInputs) lines.add(row(s, s, "llm_draft", "pending"));
            Files.write(dir.resolve("data/train.jsonl"), lines);
            Files.writeString(
                    dir.resolve("tunegate.yaml"),
                    "useCase:\n  name: " + dir.getFileName()
                            + "\n  taskType: routing\ndata:\n  train: data/train.jsonl\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row approved (status "approved") by {@code reviewer}. */
    static String approved(String input, String output, String reviewer) {
        return Json.line(Map.of(
                "messages",
                List.of(Map.of("role", "user", "content", input), Map.of("role", "assistant", "content", output)),
                "metadata",
                Map.of("provenance", "expert", "status", "approved", "reviewer", reviewer, "era", "2026")));
    }

    /**
     * A workspace with two planted conflict groups among its approved rows: ticket 500 (lines 1–3: billing by ana,
     * billing by bo, account by cy; the larger group, number 1) and ticket 501 (lines 4–5: billing by ana, then
     * {@code hostile} by bo), and 12 clean approved rows.
     */
    static Path conflicts(Path dir, String hostile) {
        try {
            Files.createDirectories(dir.resolve("data"));
            List<String> lines = new ArrayList<>();
            lines.add(approved(ticket(500), "{\"queue\": \"billing\"}", "ana"));
            lines.add(approved(ticket(500), "{\"queue\": \"billing\"}", "bo"));
            lines.add(approved(ticket(500), "{\"queue\": \"account\"}", "cy"));
            lines.add(approved(ticket(501), "{\"queue\": \"billing\"}", "ana"));
            lines.add(approved(ticket(501), hostile, "bo"));
            for (int i = 0; i < 12; i++) lines.add(approved(ticket(200 + i), "{\"queue\": \"billing\"}", "ana"));
            Files.write(dir.resolve("data/train.jsonl"), lines);
            Files.writeString(
                    dir.resolve("tunegate.yaml"),
                    "useCase:\n  name: " + dir.getFileName()
                            + "\n  taskType: routing\ndata:\n  train: data/train.jsonl\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Reply post(String url, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.line(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b);
    }

    static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The review log's entries (action, reviewer, row) as read from disk. */
    static List<JsonNode> log(Path ws) throws IOException {
        Path f = ws.resolve("data/review-log.jsonl");
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        for (String l : Files.readAllLines(f)) {
            if (l.isBlank()) continue;
            try {
                out.add(Json.mapper().readTree(l));
            } catch (IOException partial) {
                out.add(null);
            }
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
