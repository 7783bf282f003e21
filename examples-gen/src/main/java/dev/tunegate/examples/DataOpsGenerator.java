package dev.tunegate.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The data-operations artifacts of the examples (docs/formats/review-queue.md, review-log.md, adapter-registry.md):
 * <ul>
 *   <li>{@code data/production-failures.jsonl} to ingest with {@code tunegate data ingest-failures} — misrouted
 *       tickets (ticket-routing) and answers citing a superseded policy (policy-qa), some with a corrected output,
 *       one line malformed;</li>
 *   <li>{@code data/review-queue.jsonl}: LLM-drafted rows waiting for {@code tunegate review};</li>
 *   <li>ticket-routing only: {@code data/review-log.jsonl}, last week's review session (approvals, an edit, a
 *       rejection — the approved rows count as reviewed pairs), and an adapter history: three versions of the
 *       ticket-router LoRA in {@code adapters/registry.json} with their training configs and golden-set runs
 *       (native eval JSONL on the items of {@code evals/baseline.jsonl}), 1.0.0 promoted to prod in
 *       {@code adapters.lock}; 1.1.0 passes the regression check against it, 1.2.0-rc.1 does not.</li>
 * </ul>
 * Runs after {@link EvalHistoryGenerator}: the adapter runs are derived from the baseline run it wrote.
 */
final class DataOpsGenerator implements ArtifactGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUEUES = DatasetGenerator.QUEUES;
    private static final String[] PRIORITIES = {"low", "normal", "high"};
    private static final String[][] TICKETS = {
        {"billing", "I was billed for two seats after removing one from workspace %s"},
        {"billing", "The annual discount is missing from invoice %s"},
        {"security", "Someone reset my password without asking, account %s"},
        {"security", "I see API calls from an IP I do not know on project %s"},
        {"technical", "The mobile app logs me out every few minutes since build %s"},
        {"shipping", "Tracking for order %s has not moved for a week"},
        {"returns", "The return label for order %s says the address is invalid"},
        {"account", "Please transfer ownership of workspace %s to my colleague"},
    };

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("dataops"));
        switch (ex.name()) {
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "policy-qa" -> policyQa(rnd, files);
            default -> {
                /* support-kb: no production traffic yet */
            }
        }
    }

    // ------------------------------------------------------------------ ticket routing

    private void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            String[] t = TICKETS[rnd.nextInt(TICKETS.length)];
            String text = String.format(Locale.ROOT, t[1], "#A" + (20000 + rnd.nextInt(70000))) + ".";
            String priority = "security".equals(t[0]) ? "high" : PRIORITIES[rnd.nextInt(PRIORITIES.length)];
            String wrong = QUEUES[(indexOf(QUEUES, t[0]) + 1 + rnd.nextInt(QUEUES.length - 1)) % QUEUES.length];
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("input", text);
            f.put("output", route(wrong, priority));
            if (i % 3 != 2) f.put("correctedOutput", route(t[0], priority));
            f.put(
                    "when",
                    String.format(
                            Locale.ROOT, "2026-11-%02dT%02d:%02d:00Z", 2 + i, 8 + rnd.nextInt(10), rnd.nextInt(60)));
            f.put("why", "agent re-routed the ticket from " + wrong + " to " + t[0]);
            failures.append(ExampleFiles.json(f)).append('\n');
            if (i == 11) failures.append("{\"input\": \"the export cut this line short\n");
        }
        files.write("data/production-failures.jsonl", failures.toString());

        List<String> queue = new ArrayList<>();
        List<List<Map<String, Object>>> drafted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String[] t = TICKETS[rnd.nextInt(TICKETS.length)];
            String text = String.format(Locale.ROOT, t[1], "ACME-" + (100 + rnd.nextInt(900))) + ". "
                    + (i % 2 == 0 ? "Thanks." : "Please help today.");
            String queueName =
                    rnd.nextInt(5) == 0 ? QUEUES[rnd.nextInt(QUEUES.length)] : t[0]; // drafts are sometimes wrong
            List<Map<String, Object>> msgs = List.of(
                    msg("system", DatasetGenerator.ROUTING_SYSTEM),
                    msg("user", text),
                    msg("assistant", route(queueName, "security".equals(t[0]) ? "high" : "normal")));
            drafted.add(msgs);
            queue.add(queueLine(msgs, "llm_draft", "2026", "drafted by gpt-4o from an unlabeled ticket"));
        }
        files.write("data/review-queue.jsonl", String.join("\n", queue) + "\n");

        // last week's review session: four approvals, one edit, one rejection
        StringBuilder log = new StringBuilder();
        String[] actions = {"approve", "approve", "reject", "approve", "edit", "approve"};
        for (int i = 0; i < actions.length; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("v", 1);
            e.put("at", String.format(Locale.ROOT, "2026-11-20T14:%02d:%02dZ", 5 + 3 * i, rnd.nextInt(60)));
            e.put("reviewer", i < 3 ? "m.okafor" : "s.lindqvist");
            e.put("action", actions[i]);
            e.put("row", contentDigest(drafted.get(i)));
            e.put("source", "data/review-queue.jsonl:" + (i + 1));
            if (actions[i].equals("edit")) e.put("output", route("security", "high"));
            log.append(ExampleFiles.json(e)).append('\n');
        }
        files.write("data/review-log.jsonl", log.toString());

        adapters(rnd, files);
    }

    private void adapters(Random rnd, ExampleFiles files) throws IOException {
        List<JsonNode> base = new ArrayList<>();
        for (String line : Files.readAllLines(files.root().resolve("evals/baseline.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) base.add(JSON.readTree(line));
        }
        String[] versions = {"1.0.0", "1.1.0", "1.2.0-rc.1"};
        double[] fix = {0.35, 0.5, 0.2};
        double[] brk = {0.01, 0.01, 0.25};
        boolean[] prev = new boolean[base.size()];
        for (int i = 0; i < base.size(); i++)
            prev[i] = base.get(i).get("passed").asBoolean();
        List<Map<String, Object>> registry = new ArrayList<>();
        int basePassed = count(prev);
        int firstPassed = 0;
        for (int v = 0; v < versions.length; v++) {
            String ref = "ticket-router@" + versions[v];
            boolean[] now = new boolean[base.size()];
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < base.size(); i++) {
                JsonNode b = base.get(i);
                now[i] = prev[i] ? rnd.nextDouble() >= brk[v] : rnd.nextDouble() < fix[v];
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("run", ref);
                r.put("item", b.get("item").asText());
                r.put("passed", now[i]);
                r.put("expected", b.get("expected").asText());
                r.put(
                        "output",
                        now[i]
                                ? b.get("expected").asText()
                                : wrongRoute(rnd, b.get("expected").asText()));
                if (b.has("tags")) r.put("tags", JSON.convertValue(b.get("tags"), Map.class));
                run.append(ExampleFiles.json(r)).append('\n');
            }
            if (v == 0) firstPassed = count(now);
            if (v < 2) prev = now; // the release candidate is trained from 1.1.0's recipe with a bad data mix
            String runPath = "adapters/runs/ticket-router-" + versions[v] + ".jsonl";
            String configPath = "adapters/configs/ticket-router-" + versions[v] + ".yaml";
            String config = String.format(
                    Locale.ROOT, """
                    # LoRA fine-tune of the ticket router (training config, digested into adapters/registry.json)
                    baseModel: llama-3.1-8b
                    lora: {r: %d, alpha: %d, dropout: 0.05, targetModules: [q_proj, k_proj, v_proj, o_proj]}
                    learningRate: %s
                    epochs: %d
                    data: export/openai-chat/train.jsonl
                    validation: export/openai-chat/validation.jsonl
                    seed: 42
                    """, v == 0 ? 8 : 16, v == 0 ? 16 : 32, v == 2 ? "0.0005" : "0.0002", v == 2 ? 6 : 3);
            files.write(runPath, run.toString());
            files.write(configPath, config);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", "ticket-router");
            e.put("version", versions[v]);
            e.put("baseModel", "llama-3.1-8b");
            e.put("datasetVersion", null);
            e.put("trainingConfig", configPath);
            e.put("trainingConfigSha256", sha256(config));
            e.put("goldenRun", runPath);
            e.put("goldenRunSha256", sha256(run.toString()));
            e.put("addedAt", String.format(Locale.ROOT, "2026-%02d-14T08:00:00Z", 8 + v));
            registry.add(e);
        }
        Map<String, Object> reg = new LinkedHashMap<>();
        reg.put("schemaVersion", 1);
        reg.put("adapters", registry);
        files.write("adapters/registry.json", pretty(reg));
        Map<String, Object> prod = new LinkedHashMap<>();
        prod.put("adapter", "ticket-router@1.0.0");
        prod.put("goldenRun", registry.get(0).get("goldenRun"));
        prod.put("goldenRunSha256", registry.get(0).get("goldenRunSha256"));
        prod.put("promotedAt", "2026-08-15T09:00:00Z");
        prod.put("baseline", "base model (evals.baseline)");
        prod.put("verdict", "PASS");
        prod.put(
                "reason",
                String.format(
                        Locale.ROOT,
                        "non-inferior on the golden set: %d of %d items passed against the base model's %d (+%.1f points)",
                        firstPassed,
                        base.size(),
                        basePassed,
                        100.0 * (firstPassed - basePassed) / base.size()));
        Map<String, Object> envs = new LinkedHashMap<>();
        envs.put("prod", prod);
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("schemaVersion", 1);
        lock.put("environments", envs);
        files.write("adapters.lock", pretty(lock));
    }

    // ------------------------------------------------------------------ policy QA

    private static final String[][] OUTDATED = {
        {
            "Can I expense a co-working day pass in %s?",
            "Yes, up to 25 EUR a day [Expense Policy 2019 §7.2].",
            "Co-working passes in %s are reimbursable up to the monthly cap with manager approval [Expense Policy §4.3]."
        },
        {
            "How many remote days a week can I take in %s?",
            "Two remote days a week [Handbook 2019 §3.1].",
            "Remote work in %s follows your team's agreement, at most three days a week [Remote Work Policy §2.1]."
        },
        {
            "Do I need approval for a conference trip to %s?",
            "No approval is needed below 1,000 EUR [Travel Policy 2020 §1.4].",
            "Every conference trip to %s needs your director's approval before booking [Travel Policy §1.2]."
        },
    };
    private static final String[] PLACES = {"Berlin", "Lisbon", "Toronto", "Seoul", "Madrid", "Nairobi"};

    private void policyQa(Random rnd, ExampleFiles files) throws IOException {
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            String[] p = OUTDATED[rnd.nextInt(OUTDATED.length)];
            String place = PLACES[rnd.nextInt(PLACES.length)];
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("input", String.format(Locale.ROOT, p[0], place));
            f.put("output", p[1]);
            if (i % 2 == 0) f.put("correctedOutput", String.format(Locale.ROOT, p[2], place));
            f.put("when", String.format(Locale.ROOT, "2026-10-%02dT10:00:00Z", 5 + 2 * i));
            f.put("why", "cited a superseded policy (reported by People Operations)");
            failures.append(ExampleFiles.json(f)).append('\n');
        }
        files.write("data/production-failures.jsonl", failures.toString());
        List<String> queue = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String[] p = OUTDATED[rnd.nextInt(OUTDATED.length)];
            String place = PLACES[rnd.nextInt(PLACES.length)];
            List<Map<String, Object>> msgs = List.of(
                    msg("system", DatasetGenerator.POLICY_SYSTEM),
                    msg("user", String.format(Locale.ROOT, p[0], place)),
                    msg("assistant", String.format(Locale.ROOT, p[2], place)));
            queue.add(queueLine(msgs, "llm_draft", "2026", "drafted by gpt-4o-mini from the 2026 handbook"));
        }
        files.write("data/review-queue.jsonl", String.join("\n", queue) + "\n");
    }

    // ------------------------------------------------------------------ helpers

    private static String queueLine(List<Map<String, Object>> msgs, String provenance, String era, String why) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("messages", msgs);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("provenance", provenance);
        meta.put("status", "pending");
        meta.put("era", era);
        row.put("metadata", meta);
        row.put("review", Map.of("why", why));
        return ExampleFiles.json(row);
    }

    /** The row's content digest as tunegate computes it: SHA-256 of canonical {"messages":[{"content","role"}…]}. */
    static String contentDigest(List<Map<String, Object>> msgs) throws IOException {
        StringBuilder b = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < msgs.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"content\":")
                    .append(JSON.writeValueAsString(msgs.get(i).get("content")))
                    .append(",\"role\":")
                    .append(JSON.writeValueAsString(msgs.get(i).get("role")))
                    .append('}');
        }
        return sha256(b.append("]}").toString());
    }

    private static Map<String, Object> msg(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static String route(String queue, String priority) {
        return "{\"queue\": \"" + queue + "\", \"priority\": \"" + priority + "\"}";
    }

    private static String wrongRoute(Random rnd, String expected) throws IOException {
        JsonNode e = JSON.readTree(expected);
        String q = e.path("queue").asText();
        String other = QUEUES[(Math.max(0, indexOf(QUEUES, q)) + 1 + rnd.nextInt(QUEUES.length - 1)) % QUEUES.length];
        return "{\"queue\":\"" + other + "\",\"priority\":\""
                + e.path("priority").asText() + "\"}";
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }

    private static int indexOf(String[] a, String v) {
        for (int i = 0; i < a.length; i++) if (a[i].equals(v)) return i;
        return -1;
    }

    private static String pretty(Object o) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
