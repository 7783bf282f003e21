package dev.tunegate.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded test datasets with planted problems: exact duplicates (including ones that only normalisation
 * makes equal), near duplicates (one word of a long example changed), conflicts (the same input with
 * another output), golden leaks (exact and near), format errors, placeholders, personal data, JSON
 * outputs with a drifting field set, LLM drafts and eras.
 */
final class AuditData {
    private AuditData() {}

    private static final String[] WORDS = ("account balance card bank refund transfer password reset login limit "
                    + "payment invoice branch loan rate savings deposit cheque statement fee fraud alert pin "
                    + "mobile app travel currency overdraft mortgage interest credit debit chargeback dispute")
            .split(" ");

    record Planted(int rows, int exactDuplicates, int nearDuplicates, int conflicts) {}

    static String text(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        return b.toString();
    }

    static String row(String input, String output, String provenance, String status, String era) {
        ObjectNode n = Json.mapper().createObjectNode();
        var msgs = n.putArray("messages");
        msgs.addObject().put("role", "user").put("content", input);
        msgs.addObject().put("role", "assistant").put("content", output);
        ObjectNode m = n.putObject("metadata");
        if (provenance != null) m.put("provenance", provenance);
        if (status != null) m.put("status", status);
        if (era != null) m.put("era", era);
        return Json.line(n);
    }

    /** Writes train and golden chat JSONL under {@code dir}; returns what was planted. */
    static Planted chat(Path dir, long seed, int base) {
        Random r = new Random(seed);
        String[] prov = {"expert", "gold", "llm_draft", "imported"};
        String[] status = {"approved", "approved", "pending", "rejected"};
        String[] era = {"v1", "v2", "v3"};
        List<String> lines = new ArrayList<>();
        List<String[]> originals = new ArrayList<>();
        int exact = 0, near = 0, conflicts = 0;
        for (int i = 0; i < base; i++) {
            String in = text(r, 12 + r.nextInt(30));
            String out = r.nextInt(10) == 0
                    ? (r.nextBoolean()
                            ? "{\"intent\": \"" + WORDS[r.nextInt(5)] + "\", \"score\": " + r.nextInt(9) + "}"
                            : "{\"intent\": \"refund\"}")
                    : text(r, 6 + r.nextInt(20));
            if (i % 97 == 0) in = in + " contact me at jane.doe" + i + "@example.com";
            if (i % 131 == 0) in = in + " dear {{name}}";
            String p = prov[r.nextInt(prov.length)],
                    s = status[r.nextInt(status.length)],
                    e = era[r.nextInt(era.length)];
            lines.add(row(in, out, p, s, e));
            originals.add(new String[] {in, out});
            if (i % 40 == 7) { // exact duplicate, equal only after normalisation
                lines.add(row("  " + in.toUpperCase(java.util.Locale.ROOT) + "?! ", out, p, "approved", e));
                exact++;
            }
            if (i % 45 == 11) { // near duplicate: one word of a long example changed
                String[] w = (in + " " + out).split(" ");
                w[w.length / 2] = "zebra";
                String changed = String.join(" ", w);
                lines.add(row(changed.substring(0, in.length()), out, p, s, e));
                near++;
                if (i % 90 == 11) { // and a second variant (the last word changed): a cluster of three whose
                    // pairs differ in their estimates, so its minEstimatedJaccard depends on the order of the unions
                    lines.add(row(changed.substring(0, in.length()), out.replaceAll("\\S+$", "yak"), p, s, e));
                }
            }
            if (i % 60 == 23) { // conflict: the same input, another output
                lines.add(row(in, text(r, 8), p, "approved", e));
                conflicts++;
            }
            if (i == 5) lines.add("{\"messages\": [ broken json");
            if (i == 9) lines.add("   ");
            if (i == 13) lines.add(row("a question without an answer", "", null, null, null));
        }
        // a golden row with an exact copy of its input in training and a near copy (the last word changed) too:
        // both training rows leak, and one finding names both
        String leaked = text(r, 30), leakedOut = text(r, 8);
        lines.add(row(leaked, leakedOut, "expert", "approved", "v2"));
        lines.add(row(leaked.replaceAll("\\S+$", "zebra"), leakedOut, "expert", "approved", "v2"));
        near++;
        write(dir.resolve("train.jsonl"), lines);
        List<String> golden = new ArrayList<>();
        golden.add(row(leaked, leakedOut, "gold", "approved", "v3"));
        for (int i = 0; i < 30; i++) {
            String[] o = originals.get(r.nextInt(originals.size()));
            if (i % 3 == 0) golden.add(row(o[0], o[1], "gold", "approved", "v3")); // exact leak
            else if (i % 3 == 1) golden.add(row(o[0].replaceFirst("^\\S+", "walrus"), o[1], "gold", "approved", "v3"));
            else golden.add(row(text(r, 25), text(r, 10), "gold", "approved", "v3"));
        }
        write(dir.resolve("golden.jsonl"), golden);
        return new Planted(lines.size(), exact, near, conflicts);
    }

    /** A classification-like CSV: five labels, one rare and one seen once. */
    static void labels(Path file, long seed, int rows) {
        Random r = new Random(seed);
        String[] labels = {"billing", "card", "fraud", "login", "transfer"};
        List<String> lines = new ArrayList<>();
        lines.add("text,category,status");
        for (int i = 0; i < rows; i++) {
            String label = i == rows / 2 ? "escalate" : i % 50 == 3 ? "travel" : labels[r.nextInt(labels.length)];
            lines.add("\"" + text(r, 8 + r.nextInt(10)) + ", please\"," + label + ","
                    + (i % 3 == 0 ? "approved" : "pending"));
            if (i % 30 == 0) lines.add("\"" + text(r, 10) + "\"," + label + ",approved");
        }
        write(file, lines);
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
