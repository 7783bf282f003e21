package dev.tunegate.server;

import static dev.tunegate.server.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.dataops.review.ReviewBoard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many reviewers at once over loopback: every decision lands in the review log exactly once, no row is ever
 * handed to two reviewers, and a server killed with SIGKILL mid-load loses no decision it acknowledged.
 * Bounded (a fixed number of rows and reviewers); no timing is asserted.
 */
class ReviewLoadTest {
    static final int REVIEWERS = 8;
    static final int ROWS = 2000;

    @TempDir
    Path dir;

    /** Every row needs one decision (no second reviews), so "exactly once" is exact. */
    static ServeOptions singleReview(Path dir) {
        return new ServeOptions(dir, ServeOptions.LOOPBACK, 0, new ReviewBoard.Settings(Duration.ofMinutes(10), 0, 42));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void eightReviewersDecideTwoThousandRowsEachExactlyOnce() throws Exception {
        Path ws = Fixture.workspace(dir, 5, ROWS, List.of());
        Reviewers reviewers = new Reviewers(dir);
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < REVIEWERS; i++) tokens.put("r" + i, reviewers.add("r" + i));
        String name = dir.getFileName().toString();
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try (TunegateServer server = TunegateServer.start(singleReview(dir))) {
            String base = "http://127.0.0.1:" + server.port() + "/api/workspaces/" + name + "/review/";
            ExecutorService pool = Executors.newFixedThreadPool(REVIEWERS);
            List<Future<Integer>> done = new ArrayList<>();
            for (String who : tokens.keySet()) {
                done.add(pool.submit(() -> {
                    int n = 0;
                    while (true) {
                        Fixture.Reply c = post(base + "claim", tokens.get(who), Map.of());
                        if (c.status() == 204) return n;
                        assertThat(c.status()).as(c.body()).isEqualTo(200);
                        JsonNode row = c.json();
                        if (!handedOut.add(row.path("id").asText()))
                            twice.add(row.path("id").asText());
                        Fixture.Reply d = post(
                                base + row.path("id").asText(),
                                tokens.get(who),
                                Map.of(
                                        "claim",
                                        row.path("claim").asText(),
                                        "action",
                                        n % 7 == 0 ? "reject" : "approve"));
                        assertThat(d.status()).as(d.body()).isEqualTo(200);
                        n++;
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) total += f.get();
            pool.shutdown();
            assertThat(total).isEqualTo(ROWS);
        }
        System.out.printf(
                "review load: %d reviewers, %d decisions in %.1f s over loopback%n",
                REVIEWERS, ROWS, (System.nanoTime() - t0) / 1e9);
        assertThat(twice).as("rows handed to two reviewers").isEmpty();
        List<JsonNode> log = Fixture.log(ws);
        assertThat(log).hasSize(ROWS).doesNotContainNull();
        Set<String> rows = new HashSet<>();
        for (JsonNode e : log)
            assertThat(rows.add(e.path("row").asText()))
                    .as("decided once: " + e)
                    .isTrue();
        assertThat(rows).isEqualTo(handedOut);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killingTheServerMidLoadLosesNoAcknowledgedDecision() throws Exception {
        int rows = 200;
        Path ws = Fixture.workspace(dir, 5, rows, List.of());
        Reviewers reviewers = new Reviewers(dir);
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < 4; i++) tokens.put("k" + i, reviewers.add("k" + i));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        javaBin,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServerChild.class.getName(),
                        dir.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger ackCount = new AtomicInteger();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("tunegate serve: http://127.0.0.1:");
            String base =
                    line.substring("tunegate serve: ".length()) + "api/workspaces/" + dir.getFileName() + "/review/";
            ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
            for (String who : tokens.keySet()) {
                pool.submit(() -> {
                    try {
                        while (true) {
                            Fixture.Reply c = post(base + "claim", tokens.get(who), Map.of());
                            if (c.status() != 200) return;
                            String id = c.json().path("id").asText();
                            Fixture.Reply d = post(
                                    base + id,
                                    tokens.get(who),
                                    Map.of("claim", c.json().path("claim").asText(), "action", "approve"));
                            if (d.status() == 200) {
                                acked.add(id);
                                ackCount.incrementAndGet();
                            }
                        }
                    } catch (RuntimeException connectionGone) {
                        // the server was killed under this reviewer
                    }
                });
            }
            while (ackCount.get() < rows / 4 && child.isAlive()) Thread.sleep(5);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            child.waitFor(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked)
                .as(java.nio.file.Files.readString(dir.resolve("child.err")))
                .hasSizeGreaterThanOrEqualTo(rows / 4);
        Set<String> logged = new HashSet<>();
        for (JsonNode e : Fixture.log(ws))
            if (e != null)
                assertThat(logged.add(e.path("row").asText())).as("once: " + e).isTrue();
        assertThat(logged).as("every acknowledged decision survived the kill").containsAll(acked);

        // a new server picks up where the dead one stopped: each reviewer gets back the row they held
        try (TunegateServer again = TunegateServer.start(singleReview(dir))) {
            String base = "http://127.0.0.1:" + again.port() + "/api/workspaces/" + dir.getFileName() + "/review/";
            for (String who : tokens.keySet()) {
                while (true) {
                    Fixture.Reply c = post(base + "claim", tokens.get(who), Map.of());
                    if (c.status() == 204) break;
                    assertThat(post(
                                            base + c.json().path("id").asText(),
                                            tokens.get(who),
                                            Map.of(
                                                    "claim",
                                                    c.json().path("claim").asText(),
                                                    "action",
                                                    "approve"))
                                    .status())
                            .isEqualTo(200);
                }
            }
        }
        List<JsonNode> finalLog =
                Fixture.log(ws).stream().filter(java.util.Objects::nonNull).toList();
        assertThat(finalLog)
                .extracting(e -> e.path("row").asText())
                .doesNotHaveDuplicates()
                .hasSize(rows);
    }
}
