package dev.tunegate.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The eval histories of the examples (several prompt iterations on one held-out eval set) and a
 * baseline and a candidate golden-set run:
 * <ul>
 *   <li>ticket-routing, native JSONL: six prompt iterations that climb, then plateau at about 80 %
 *       while the same confusion (billing tickets routed to account) tops every iteration's errors;
 *       the candidate (a LoRA adapter) fixes most of that confusion on the golden set;</li>
 *   <li>policy-qa, promptfoo {@code results.json} files: five prompt iterations still improving by
 *       several points each; the candidate (a cheaper model) regresses on the golden set.</li>
 * </ul>
 * support-kb has no eval history (its team never ran one).
 */
final class EvalHistoryGenerator implements ArtifactGenerator {

    static final String[] QUEUES = DatasetGenerator.QUEUES;
    private static final String[] PRIORITIES = {"low", "normal", "high"};
    private static final String[] CHANNELS = {"email", "chat", "web-form"};

    @Override
    public void generate(Example ex, ExampleFiles files) throws IOException {
        Random rnd = new Random(ex.seedFor("evals"));
        switch (ex.name()) {
            case "ticket-routing" -> ticketRouting(rnd, files);
            case "policy-qa" -> policyQa(rnd, files);
            default -> {
                /* no eval history */
            }
        }
    }

    /** A map in the order given (Map.of's iteration order changes from one JVM run to the next). */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ ticket routing

    private record Ticket(String id, String queue, String priority, String channel) {
        String expected() {
            return route(queue, priority);
        }
    }

    private static String route(String queue, String priority) {
        return "{\"queue\":\"" + queue + "\",\"priority\":\"" + priority + "\"}";
    }

    private static List<Ticket> tickets(Random rnd, String prefix, int n) {
        List<Ticket> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String q = i < n * 0.3 ? "billing" : QUEUES[rnd.nextInt(QUEUES.length)];
            t.add(new Ticket(
                    String.format(Locale.ROOT, "%s-%03d", prefix, i + 1),
                    q,
                    PRIORITIES[rnd.nextInt(3)],
                    CHANNELS[rnd.nextInt(3)]));
        }
        Collections.shuffle(t, rnd);
        return t;
    }

    private void ticketRouting(Random rnd, ExampleFiles files) throws IOException {
        List<Ticket> items = tickets(rnd, "rt", 240);
        // Billing tickets about account charges that every prompt iteration routes to "account".
        Set<String> hard = new HashSet<>();
        for (Ticket t : items) if (t.queue.equals("billing") && hard.size() < 22) hard.add(t.id);
        int[] passing = {150, 178, 192, 194, 193, 194};
        String[] prompts = {
            "v1-baseline",
            "v2-queue-definitions",
            "v3-few-shot",
            "v4-more-few-shot",
            "v5-chain-of-thought",
            "v6-reordered-examples"
        };
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int it = 0; it < passing.length; it++) {
            List<Ticket> others = new ArrayList<>(
                    items.stream().filter(t -> !hard.contains(t.id)).toList());
            Collections.shuffle(others, rnd);
            Set<String> failing = new HashSet<>(hard);
            for (Ticket t : others) {
                if (failing.size() >= items.size() - passing[it]) break;
                failing.add(t.id);
            }
            for (Ticket t : items) {
                boolean fail = failing.contains(t.id);
                String output =
                        !fail ? t.expected() : hard.contains(t.id) ? route("account", t.priority) : wrongRoute(rnd, t);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("run", prompts[it]);
                r.put("iteration", it + 1);
                r.put("timestamp", String.format(Locale.ROOT, "2026-0%d-%02dT09:00:00Z", 1 + it / 3, 5 + 7 * (it % 3)));
                r.put("item", t.id);
                r.put("passed", !fail);
                r.put("expected", t.expected());
                r.put("output", output);
                r.put("latencyMs", 380 + rnd.nextInt(420));
                r.put("tokens", 2900 + it * 350 + rnd.nextInt(200));
                r.put("tags", ordered("channel", t.channel, "queue", t.queue));
                rows.add(r);
            }
        }
        files.writeJsonl("evals/history.jsonl", rows);

        // Golden-set runs: the best prompt (baseline) and a LoRA adapter candidate that fixes most billing→account
        // confusions.
        List<Ticket> golden = tickets(rnd, "gold", 200);
        List<Map<String, Object>> base = new ArrayList<>(), cand = new ArrayList<>();
        int hardLeft = 18;
        for (Ticket t : golden) {
            boolean billingTrap = t.queue.equals("billing") && hardLeft-- > 0;
            boolean baseFail = billingTrap || rnd.nextDouble() < 0.12;
            boolean candFail =
                    billingTrap ? rnd.nextDouble() < 0.25 : baseFail ? rnd.nextDouble() < 0.6 : rnd.nextDouble() < 0.03;
            String baseOut = !baseFail ? t.expected() : billingTrap ? route("account", t.priority) : wrongRoute(rnd, t);
            String candOut = !candFail ? t.expected() : billingTrap ? route("account", t.priority) : wrongRoute(rnd, t);
            base.add(goldenRow("v6-reordered-examples", t, !baseFail, baseOut));
            cand.add(goldenRow("lora-llama-3.1-8b-r16", t, !candFail, candOut));
        }
        files.writeJsonl("evals/baseline.jsonl", base);
        files.writeJsonl("evals/candidate.jsonl", cand);
    }

    private static Map<String, Object> goldenRow(String run, Ticket t, boolean passed, String output) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", run);
        r.put("item", t.id);
        r.put("passed", passed);
        r.put("expected", t.expected());
        r.put("output", output);
        r.put("tags", ordered("channel", t.channel));
        return r;
    }

    /** A failure other than the recurring confusion: another queue, a plain-text answer, or a cut-off JSON. */
    private static String wrongRoute(Random rnd, Ticket t) {
        double u = rnd.nextDouble();
        if (u < 0.08) return "Queue: " + t.queue + " (priority " + t.priority + ")";
        if (u < 0.12) return "{\"queue\":\"" + t.queue + "\",\"prio";
        if (u < 0.20) return route(t.queue, PRIORITIES[(List.of(PRIORITIES).indexOf(t.priority) + 1) % 3]);
        String q;
        do {
            q = QUEUES[rnd.nextInt(QUEUES.length)];
        } while (q.equals(t.queue) || (t.queue.equals("billing") && q.equals("account")));
        return route(q, t.priority);
    }

    // ------------------------------------------------------------------ policy QA

    private static final String[] TOPICS = {
        "parental leave",
        "remote work abroad",
        "client dinners",
        "home-office budget",
        "travel class on long flights",
        "overtime compensation",
        "sabbatical eligibility",
        "gift acceptance",
        "notice period",
        "bike leasing"
    };
    private static final String[] SECTIONS = {
        "Leave Policy §2.3",
        "Remote Work Policy §5.1",
        "Expense Policy §4.1",
        "Equipment Policy §3.2",
        "Travel Policy §6.4",
        "Working Time Policy §7.2",
        "Leave Policy §9.1",
        "Code of Conduct §3.4",
        "Employment Terms §11.2",
        "Benefits Guide §8.5"
    };
    private static final String[] CITIES = {"Warsaw", "Lisbon", "Berlin", "Austin", "Singapore", "Nairobi"};

    private void policyQa(Random rnd, ExampleFiles files) throws IOException {
        int n = 150;
        List<String[]> questions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = rnd.nextInt(TOPICS.length);
            String city = CITIES[rnd.nextInt(CITIES.length)];
            String era = rnd.nextDouble() < 0.8 ? "2026" : "pre-2025-handbook";
            questions.add(new String[] {
                String.format(Locale.ROOT, "pq-%03d", i + 1),
                "What does the policy say about " + TOPICS[t] + " for staff in " + city + "?",
                "For staff in " + city + ", " + TOPICS[t] + " follows the rule in force since January [" + SECTIONS[t]
                        + "].",
                era
            });
        }
        String[] prompts = {
            "v1-plain", "v2-cite-sections", "v3-retrieved-excerpts", "v4-excerpts-with-dates", "v5-answer-then-cite"
        };
        double[] passRate = {0.46, 0.55, 0.63, 0.71, 0.79};
        for (int it = 0; it < prompts.length; it++) {
            List<Object> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String[] q = questions.get(i);
                boolean pass = rnd.nextDouble() < passRate[it] + (q[3].equals("2026") ? 0.03 : -0.12);
                double score = pass ? 0.7 + 0.3 * rnd.nextDouble() : 0.65 * rnd.nextDouble();
                String output = pass ? q[2] : failedAnswer(rnd, q);
                Map<String, Object> vars = new LinkedHashMap<>();
                vars.put("id", q[0]);
                vars.put("question", q[1]);
                vars.put("expected", q[2]);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("promptIdx", 0);
                r.put("testIdx", i);
                r.put(
                        "prompt",
                        ordered(
                                "label",
                                prompts[it],
                                "raw",
                                "Answer from the handbook and cite the section: {{question}}"));
                r.put("provider", ordered("id", "openai:gpt-4o-mini", "label", "gpt-4o-mini"));
                r.put("vars", vars);
                r.put(
                        "testCase",
                        ordered(
                                "vars",
                                vars,
                                "metadata",
                                ordered("era", q[3]),
                                "assert",
                                List.of(ordered(
                                        "type", "llm-rubric", "value", "states the rule and cites the section"))));
                r.put(
                        "response",
                        ordered(
                                "output",
                                output,
                                "finishReason",
                                "stop",
                                "tokenUsage",
                                ordered("total", 900 + rnd.nextInt(300))));
                r.put("success", pass);
                r.put("score", Math.round(score * 1000) / 1000.0);
                r.put("latencyMs", 900 + rnd.nextInt(1500));
                r.put("cost", Math.round((0.0009 + rnd.nextDouble() * 0.0004) * 1e6) / 1e6);
                r.put(
                        "gradingResult",
                        ordered(
                                "pass",
                                pass,
                                "score",
                                Math.round(score * 1000) / 1000.0,
                                "reason",
                                pass ? "Cites the right section" : "Missing or wrong citation"));
                results.add(r);
            }
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("version", 3);
            inner.put("timestamp", String.format(Locale.ROOT, "2026-02-%02dT10:00:00.000Z", 2 + 5 * it));
            inner.put("prompts", List.of(ordered("label", prompts[it])));
            inner.put("results", results);
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("evalId", "eval-policy-qa-" + prompts[it]);
            root.put("results", inner);
            root.put("config", ordered("description", "policy-qa held-out questions"));
            files.write("evals/promptfoo/" + prompts[it] + ".json", ExampleFiles.json(root) + "\n");
        }

        // Golden-set runs: the best prompt on gpt-4o-mini (baseline) and the same prompt on a cheaper model
        // (candidate).
        List<Map<String, Object>> base = new ArrayList<>(), cand = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String[] q = {
                String.format(Locale.ROOT, "gold-%03d", i + 1),
                "",
                "For staff in " + CITIES[i % CITIES.length] + ", " + TOPICS[i % TOPICS.length]
                        + " follows the rule in force since January [" + SECTIONS[i % TOPICS.length] + "].",
                i % 5 == 0 ? "pre-2025-handbook" : "2026"
            };
            boolean bp = rnd.nextDouble() < 0.8;
            boolean cp = bp ? rnd.nextDouble() < 0.78 : rnd.nextDouble() < 0.15;
            base.add(qaRow("v5-answer-then-cite@gpt-4o-mini", q, bp, rnd));
            cand.add(qaRow("v5-answer-then-cite@small-model", q, cp, rnd));
        }
        files.writeJsonl("evals/baseline.jsonl", base);
        files.writeJsonl("evals/candidate.jsonl", cand);
    }

    private static Map<String, Object> qaRow(String run, String[] q, boolean pass, Random rnd) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", run);
        r.put("item", q[0]);
        r.put("passed", pass);
        r.put("expected", q[2]);
        r.put("output", pass ? q[2] : failedAnswer(rnd, q));
        r.put("tags", ordered("era", q[3]));
        return r;
    }

    private static String failedAnswer(Random rnd, String[] q) {
        double u = rnd.nextDouble();
        if (u < 0.10) return "I'm sorry, I can't find a policy that covers this question.";
        if (u < 0.15) return "";
        String answer = q[2];
        int cite = answer.indexOf(" [");
        String bare = cite > 0 ? answer.substring(0, cite) + "." : answer;
        if (u < 0.55) return bare;
        if (u < 0.80) return bare.replace("since January", "under the 2023 handbook") + " [Employee Handbook 2023 §4]";
        return "It depends on your manager's approval; please ask HR.";
    }
}
