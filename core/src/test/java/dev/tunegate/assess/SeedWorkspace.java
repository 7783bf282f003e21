package dev.tunegate.assess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a whole workspace for the seed's scenarios into a folder: tunegate.yaml, a reviewed training set, an eval
 * history of five prompt iterations, prompts and traffic for the cost model, and (when asked) a retrieval corpus.
 * The healthy baseline is a support-ticket router that should fine-tune with LoRA; each setter changes one thing.
 * Everything is generated from a fixed seed, so a scenario is byte-for-byte reproducible.
 */
final class SeedWorkspace {
    static final List<String> QUEUES = List.of("billing", "technical", "account", "shipping", "returns", "security");
    static final long SEED = 20_260_105L;

    /** How the prompt iterations went. */
    enum Evals {
        PLATEAU_RECURRING,
        PLATEAU_SPREAD,
        IMPROVING,
        FORMAT_ERRORS,
        NONE
    }

    /** The retrieval corpus, if any. */
    enum Corpus {
        NONE,
        GOOD,
        UNGROUPED,
        LOW_RECALL
    }

    String taskType = "routing";
    boolean describable = true;
    String factsChange = "quarterly";
    boolean citations = false;
    boolean onPrem = false;
    boolean mayLeave = false;
    boolean structuredConfigured = true;
    boolean labelingPipeline = true;
    boolean jsonOutputs = true;
    String costOfFailure = "medium";
    int approvedRows = 800;
    double conflictShare = 0;
    Evals evals = Evals.PLATEAU_RECURRING;
    Corpus corpus = Corpus.NONE;
    String hosting = "self-hosted";
    String current = "gpt-4o";
    String candidate = "llama-3.1-8b";
    double paramsB = 8;
    int contextWindow = 8192;
    String training = "";

    SeedWorkspace with(java.util.function.Consumer<SeedWorkspace> change) {
        change.accept(this);
        return this;
    }

    Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("prompts"));
            Files.writeString(dir.resolve("tunegate.yaml"), yaml());
            Files.writeString(dir.resolve("data/train.jsonl"), train());
            Files.writeString(dir.resolve("prompts/system.md"), systemPrompt());
            Files.writeString(dir.resolve("prompts/tuned.md"), "Route the ticket. Answer with the queue.\n");
            if (evals != Evals.NONE) {
                Files.createDirectories(dir.resolve("evals"));
                Files.writeString(dir.resolve("evals/history.jsonl"), history());
            }
            if (corpus != Corpus.NONE) {
                Files.createDirectories(dir.resolve("kb"));
                Files.writeString(dir.resolve("kb/docs.jsonl"), corpusDocs());
                Files.writeString(dir.resolve("kb/questions.jsonl"), questions());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("useCase:\n  name: seed-scenario\n  taskType: ")
                .append(taskType)
                .append("\n  describableAsPairs: ")
                .append(describable)
                .append("\n  costOfFailure: ")
                .append(costOfFailure)
                .append('\n');
        y.append("requirements:\n  factsChange: ")
                .append(factsChange)
                .append("\n  citationsRequired: ")
                .append(citations)
                .append("\n  dataMayLeavePerimeter: ")
                .append(mayLeave)
                .append("\n  onPremInference: ")
                .append(onPrem)
                .append("\n  structuredOutputConfigured: ")
                .append(structuredConfigured)
                .append('\n');
        y.append("data:\n  train: data/train.jsonl\n  labelingPipeline: ")
                .append(labelingPipeline)
                .append("\n  currentEras: [\"2025\"]\n");
        if (evals != Evals.NONE) {
            y.append("evals:\n  history: [evals/history.jsonl]\n  labels: [")
                    .append(String.join(", ", QUEUES))
                    .append("]\n");
        }
        if (corpus != Corpus.NONE)
            y.append("retrieval:\n  corpus: kb/docs.jsonl\n  golden: kb/questions.jsonl\n  k: 3\n");
        y.append("model:\n  current: ")
                .append(current)
                .append("\n  hosting: ")
                .append(hosting)
                .append("\n  candidate:\n    name: ")
                .append(candidate)
                .append("\n    paramsB: ")
                .append(fmt(paramsB))
                .append("\n    contextWindow: ")
                .append(contextWindow)
                .append('\n');
        y.append("traffic:\n  callsPerDay: 40000\n");
        y.append("prompts:\n  system: prompts/system.md\n  tuned: prompts/tuned.md\n");
        y.append("training:\n  retrainEveryWeeks: 13\n  evaluationCostUsd: 2500\n")
                .append(training);
        return y.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private String output(String queue) {
        return jsonOutputs ? "{\"queue\": \"" + queue + "\"}" : queue;
    }

    /** Approved, current-era rows with distinct inputs; a conflict share duplicates inputs with a rival output. */
    private String train() {
        Random rnd = new Random(SEED);
        StringBuilder b = new StringBuilder();
        int conflictPairs = (int) Math.round(approvedRows * conflictShare / 2);
        int i = 0;
        int written = 0;
        while (written < approvedRows) {
            String input = sentence(rnd, 18);
            String queue = QUEUES.get(i % QUEUES.size());
            b.append(row(input, output(queue))).append('\n');
            written++;
            if (i < conflictPairs && written < approvedRows) {
                b.append(row(input, output(QUEUES.get((i + 1) % QUEUES.size()))))
                        .append('\n');
                written++;
            }
            i++;
        }
        return b.toString();
    }

    private static String row(String input, String output) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + input + "\"},{\"role\":\"assistant\",\"content\":\""
                + esc(output)
                + "\"}],\"metadata\":{\"provenance\":\"human\",\"status\":\"approved\",\"era\":\"2025\"}}";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Random words from a large syllable vocabulary: inputs that are neither exact nor near duplicates. */
    static String sentence(Random rnd, int words) {
        String[] syl = {
            "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe", "gu", "ha", "ji", "be", "co", "xu",
            "ya", "wi"
        };
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) b.append(' ');
            int n = 2 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) b.append(syl[rnd.nextInt(syl.length)]);
        }
        return b.toString();
    }

    /** Five iterations over the same 200 golden items. */
    private String history() {
        int items = 200;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < items; i++) expected.add(QUEUES.get(i % QUEUES.size()));
        StringBuilder b = new StringBuilder();
        for (int it = 1; it <= 5; it++) {
            for (int i = 0; i < items; i++) {
                String exp = expected.get(i);
                String out = predicted(it, i, exp);
                b.append(String.format(
                        Locale.ROOT,
                        "{\"run\":\"v%d\",\"iteration\":%d,\"item\":\"gold-%03d\",\"passed\":%b,\"expected\":\"%s\",\"output\":\"%s\"}%n",
                        it,
                        it,
                        i,
                        out.equals(output(exp)),
                        esc(output(exp)),
                        esc(out)));
            }
        }
        return b.toString();
    }

    /**
     * The prediction of iteration {@code it} on item {@code i}. The last iterations miss 40 items ("late" errors);
     * with a recurring class, 30 of them are billing tickets sent to account (75 % of the errors). A plateau misses
     * 40 more items in iteration 1 only; an improving history misses 30 × (5 − it) more, fixing 30 items an iteration.
     */
    private String predicted(int it, int i, String exp) {
        int k = i / QUEUES.size(); // the k-th item of its queue
        boolean late = evals == Evals.PLATEAU_SPREAD
                ? (exp.equals("security") ? k < 5 : k < 7)
                : exp.equals("billing") && k < 30 || exp.equals("technical") && k < 10;
        boolean extra =
                switch (evals) {
                    case PLATEAU_RECURRING, PLATEAU_SPREAD, FORMAT_ERRORS ->
                        it == 1 && !late && (exp.equals("returns") || exp.equals("shipping") && k < 7);
                    case IMPROVING -> !late && rankAmongOthers(i) < 30 * (5 - it);
                    case NONE -> false;
                };
        if (!late && !extra) return output(exp);
        if (evals == Evals.FORMAT_ERRORS && it == 5 && !exp.equals("technical")) return "queue=" + exp;
        String to =
                switch (exp) {
                    case "billing" -> "account";
                    case "technical", "returns" -> "shipping";
                    case "shipping" -> "returns";
                    case "account" -> "security";
                    default -> "billing";
                };
        if (evals == Evals.PLATEAU_SPREAD) to = QUEUES.get((QUEUES.indexOf(exp) + 1 + k % 2) % QUEUES.size());
        return output(to);
    }

    /** The position of item {@code i} among the items without a late error (billing k ≥ 30 and technical k ≥ 10 included). */
    private static int rankAmongOthers(int i) {
        int r = 0;
        for (int j = 0; j < i; j++) {
            String e = QUEUES.get(j % QUEUES.size());
            int k = j / QUEUES.size();
            if (!(e.equals("billing") && k < 30 || e.equals("technical") && k < 10)) r++;
        }
        return r;
    }

    private String systemPrompt() {
        StringBuilder b = new StringBuilder("You route customer support tickets to one queue.\n\n");
        Random rnd = new Random(SEED + 1);
        for (int i = 1; i <= 120; i++)
            b.append(i).append(". Rule: ").append(sentence(rnd, 14)).append('\n');
        return b.toString();
    }

    private String corpusDocs() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < QUEUES.size(); i++) {
            String q = QUEUES.get(i);
            String groups = corpus == Corpus.UNGROUPED && i < 2 ? "[]" : "[\"support-agents\"]";
            b.append("{\"id\":\"rg-")
                    .append(i)
                    .append("\",\"title\":\"")
                    .append(q)
                    .append(" queue\",\"text\":\"# ")
                    .append(q)
                    .append(" queue\\n\\nTickets about ")
                    .append(q)
                    .append(" problems go to the ")
                    .append(q)
                    .append(" queue.\\n\",\"groups\":")
                    .append(groups)
                    .append("}\n");
        }
        return b.toString();
    }

    private String questions() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < QUEUES.size(); i++) {
            String q = QUEUES.get(i);
            // low recall: each question names another queue than the document it needs
            String asked = corpus == Corpus.LOW_RECALL ? QUEUES.get((i + 1) % QUEUES.size()) : q;
            b.append("{\"id\":\"q-")
                    .append(i)
                    .append("\",\"question\":\"Which queue handles ")
                    .append(asked)
                    .append(" problems?\",\"relevant\":[\"rg-")
                    .append(i)
                    .append("\"],\"groups\":[\"support-agents\"]}\n");
        }
        return b.toString();
    }
}
