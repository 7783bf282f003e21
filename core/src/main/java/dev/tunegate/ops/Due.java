package dev.tunegate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.cost.ModelPrice;
import dev.tunegate.cost.PriceCatalog;
import dev.tunegate.cost.PriceCatalogReader;
import dev.tunegate.dataops.adapter.AdapterRegistry;
import dev.tunegate.evals.RegressionLog;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tunegate due}: what is overdue in a workspace — a decision past its review date, a quarter
 * without a golden-set regression (a pilot record, an adapter promotion or a check in {@code evals/regress-log.jsonl}), a newer base model in the price catalog than the candidate (or the
 * current model), stale prices, backlog entries open for more than two weeks. Reads only.
 */
public final class Due {
    /** A quarter, in days: the golden-set regression's cadence. */
    public static final int REGRESSION_EVERY_DAYS = 91;
    /** How long a backlog entry may stay open. */
    public static final int BACKLOG_DAYS = 14;

    private Due() {}

    /**
     * One overdue item.
     *
     * @param workspace the workspace folder as given
     * @param what what is overdue, in a sentence
     * @param since the day it became overdue ({@code never} when it never happened)
     * @param kind {@code review}, {@code regression}, {@code base-model}, {@code prices} or {@code backlog}
     */
    public record Overdue(String workspace, String what, String since, String kind) {}

    /** What {@code due} found in the workspaces. */
    public record Report(String asOf, List<String> workspaces, List<Overdue> overdue, List<String> notes) {}

    public static Report check(List<Workspace> workspaces, List<String> shown, LocalDate today) {
        List<Overdue> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < workspaces.size(); i++) {
            Workspace ws = workspaces.get(i);
            String name = shown.get(i);
            OpsSettings s = OpsSettings.of(ws);
            LocalDate lastDecision = decisions(ws, name, today, out, notes);
            regression(ws, name, today, lastDecision, out, notes);
            catalog(ws, name, s, today, out);
            backlog(ws, name, today, out, notes);
        }
        return new Report(today.toString(), List.copyOf(shown), out, notes);
    }

    /** The latest decision record's review date; returns the latest decision's date (or null). */
    private static LocalDate decisions(
            Workspace ws, String name, LocalDate today, List<Overdue> out, List<String> notes) {
        Path log = ws.root().resolve("decisions/log.jsonl");
        if (!Files.exists(log)) return null;
        ObjectNode[] latest = {null};
        try {
            JsonlLines.read(log, new JsonlLines.Visitor() {
                @Override
                public void object(long line, ObjectNode node) {
                    if ("decision".equals(node.path("kind").asText())) latest[0] = node;
                }

                @Override
                public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                    notes.add(name + "/decisions/log.jsonl:" + line + ": expected a JSON object; line skipped");
                }
            });
        } catch (IOException e) {
            notes.add(name + "/decisions/log.jsonl: cannot read: " + e.getMessage());
            return null;
        }
        if (latest[0] == null) return null;
        LocalDate decided = date(latest[0].path("date").asText());
        Path record =
                ws.root().resolve("decisions").resolve(latest[0].path("json").asText(""));
        try {
            JsonNode r = Json.mapper().readTree(record.toFile());
            LocalDate next = date(r.path("nextReview").asText());
            if (next != null && next.isBefore(today)) {
                out.add(new Overdue(
                        name,
                        "decision " + latest[0].path("id").asText() + " ("
                                + latest[0].path("decision").asText()
                                + ") is past its review date: run tunegate assess again",
                        next.toString(),
                        "review"));
            }
        } catch (IOException e) {
            notes.add(name + "/decisions/" + latest[0].path("json").asText() + ": cannot read the decision record: "
                    + e.getMessage());
        }
        return decided;
    }

    /**
     * The latest golden-set regression on record: a pilot record (it runs the regression), an adapter
     * promotion (adapters.lock) or a check {@code tunegate regress --workspace} logged ({@link RegressionLog}). Only
     * for workspaces that have a golden-set comparison to run.
     */
    private static void regression(
            Workspace ws, String name, LocalDate today, LocalDate lastDecision, List<Overdue> out, List<String> notes) {
        boolean hasGoldenRuns = ws.settings().evals().hasGoldenRuns();
        Path lockFile = ws.root().resolve(AdapterRegistry.LOCK);
        if (!hasGoldenRuns && !Files.exists(lockFile)) return;
        LocalDate last = null;
        Path log = ws.root().resolve("decisions/log.jsonl");
        if (Files.exists(log)) {
            try {
                List<LocalDate> dates = new ArrayList<>();
                JsonlLines.read(log, new JsonlLines.Visitor() {
                    @Override
                    public void object(long line, ObjectNode node) {
                        if ("pilot".equals(node.path("kind").asText())) {
                            LocalDate d = date(node.path("date").asText());
                            if (d != null) dates.add(d);
                        }
                    }

                    @Override
                    public void notAnObject(long line, String text, JsonNode parsed, String parseError) {}
                });
                for (LocalDate d : dates) if (last == null || d.isAfter(last)) last = d;
            } catch (IOException e) {
                // reported by decisions()
            }
        }
        if (Files.exists(lockFile)) {
            try {
                for (JsonNode env : Json.mapper().readTree(lockFile.toFile()).path("environments")) {
                    LocalDate d = date(env.path("promotedAt").asText());
                    if (d != null && (last == null || d.isAfter(last))) last = d;
                }
            } catch (IOException e) {
                // an unreadable lock is adapter lock's to report
            }
        }
        LocalDate checked = RegressionLog.latest(ws, name + "/" + RegressionLog.FILE, notes);
        if (checked != null && (last == null || checked.isAfter(last))) last = checked;
        if (last == null) {
            out.add(new Overdue(
                    name,
                    "no golden-set regression on record (no pilot record, no adapter promotion, no logged check): run tunegate regress --workspace "
                            + name + ", tunegate pilot, or promote an adapter",
                    lastDecision == null ? "never" : lastDecision.toString(),
                    "regression"));
        } else if (last.plusDays(REGRESSION_EVERY_DAYS).isBefore(today)) {
            out.add(new Overdue(
                    name,
                    "a quarter without a golden-set regression (last " + last
                            + "): rerun the golden set against the baseline",
                    last.plusDays(REGRESSION_EVERY_DAYS).toString(),
                    "regression"));
        }
    }

    private static void catalog(Workspace ws, String name, OpsSettings s, LocalDate today, List<Overdue> out) {
        PriceCatalog catalog = PriceCatalogReader.withOverrides(PriceCatalog.shipped(), ws);
        for (String[] role : new String[][] {{"candidate", s.candidateModel()}, {"current model", s.currentModel()}}) {
            String id = role[1];
            if (id == null) continue;
            ModelPrice m = catalog.model(id).orElse(null);
            if (m == null) continue;
            for (ModelPrice other : catalog.models().values()) {
                if (other.hosting() == m.hosting() && newer(other.id(), id)) {
                    out.add(new Overdue(
                            name,
                            "the price catalog has " + other.id() + ", newer than the " + role[0] + " " + id
                                    + ": re-evaluate on the golden set",
                            other.asOf() == null ? "unknown" : other.asOf().toString(),
                            "base-model"));
                }
            }
            if (PriceCatalog.stale(m, today)) {
                out.add(new Overdue(
                        name,
                        "the prices of the " + role[0] + " " + id + " are older than " + PriceCatalog.STALE_AFTER_DAYS
                                + " days (as of " + m.asOf() + ", " + m.origin()
                                + "): check them and override under prices: in tunegate.yaml",
                        m.asOf().plusDays(PriceCatalog.STALE_AFTER_DAYS).toString(),
                        "prices"));
            }
        }
    }

    /**
     * Whether catalog id {@code a} is a newer version of the same model line as {@code b}: the same family
     * (first token) and the same other tokens (size, tier), and a higher version (the first token starting
     * with a digit: {@code 3.1} &lt; {@code 3.3}, {@code 4o} &lt; {@code 4.1}).
     */
    static boolean newer(String a, String b) {
        String[] ta = a.toLowerCase(Locale.ROOT).split("-");
        String[] tb = b.toLowerCase(Locale.ROOT).split("-");
        if (ta.length != tb.length || ta.length < 2 || !ta[0].equals(tb[0])) return false;
        int va = versionIndex(ta), vb = versionIndex(tb);
        if (va < 0 || va != vb) return false;
        for (int i = 1; i < ta.length; i++) if (i != va && !ta[i].equals(tb[i])) return false;
        return compareVersions(ta[va], tb[vb]) > 0;
    }

    private static int versionIndex(String[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            if (!tokens[i].isEmpty()
                    && Character.isDigit(tokens[i].charAt(0))
                    && !tokens[i].matches("\\d+(\\.\\d+)?[bm]")) return i;
        }
        return -1;
    }

    private static int compareVersions(String a, String b) {
        String[] pa = a.replaceAll("[^0-9.].*$", "").split("\\.");
        String[] pb = b.replaceAll("[^0-9.].*$", "").split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            int x = i < pa.length && !pa[i].isEmpty() ? Integer.parseInt(pa[i]) : 0;
            int y = i < pb.length && !pb[i].isEmpty() ? Integer.parseInt(pb[i]) : 0;
            if (x != y) return Integer.compare(x, y);
        }
        return 0;
    }

    private static void backlog(Workspace ws, String name, LocalDate today, List<Overdue> out, List<String> notes) {
        Backlog.Contents c = new Backlog(ws.root().resolve(Backlog.FILE)).read();
        c.problems().forEach(p -> notes.add(p));
        for (Backlog.Entry e : c.entries()) {
            LocalDate first = date(e.firstSeen());
            if (!e.open() || first == null) continue;
            if (first.plusDays(BACKLOG_DAYS).isBefore(today)) {
                out.add(new Overdue(
                        name,
                        "backlog " + e.id() + " (" + e.type().label() + ", owner " + e.owner() + ") open since " + first
                                + ": \"" + e.topic() + "\"",
                        first.plusDays(BACKLOG_DAYS).toString(),
                        "backlog"));
            }
        }
    }

    private static LocalDate date(String s) {
        if (s == null || s.length() < 10) return null;
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
