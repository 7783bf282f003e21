package dev.tunegate.ops;

import java.util.List;
import java.util.Locale;

/** {@code tunegate due} as text, Markdown or JUnit XML (one test case per workspace and check kind). Renders only. */
public final class DueText {
    private static final List<String> KINDS = List.of("review", "regression", "base-model", "prices", "backlog");

    private DueText() {}

    public static String text(Due.Report r) {
        StringBuilder b = new StringBuilder();
        b.append(r.overdue().isEmpty() ? "nothing overdue" : r.overdue().size() + " overdue")
                .append(" in ")
                .append(r.workspaces().size())
                .append(r.workspaces().size() == 1 ? " workspace" : " workspaces")
                .append(" as of ")
                .append(r.asOf())
                .append('\n');
        for (Due.Overdue o : r.overdue())
            b.append("  ")
                    .append(o.workspace())
                    .append(": ")
                    .append(o.what())
                    .append(" (since ")
                    .append(o.since())
                    .append(")\n");
        for (String n : r.notes()) b.append("  note: ").append(n).append('\n');
        return b.toString();
    }

    public static String markdown(Due.Report r) {
        StringBuilder b = new StringBuilder("# What is due (").append(r.asOf()).append(")\n\n");
        if (r.overdue().isEmpty())
            b.append("Nothing overdue in ")
                    .append(String.join(", ", r.workspaces()))
                    .append(".\n");
        else {
            b.append("| workspace | overdue | since |\n|---|---|---|\n");
            for (Due.Overdue o : r.overdue())
                b.append("| ")
                        .append(cell(o.workspace()))
                        .append(" | ")
                        .append(cell(o.what()))
                        .append(" | ")
                        .append(o.since())
                        .append(" |\n");
        }
        if (!r.notes().isEmpty()) {
            b.append('\n');
            for (String n : r.notes()) b.append("- note: ").append(cell(n)).append('\n');
        }
        return b.toString();
    }

    public static String junit(Due.Report r) {
        int tests = r.workspaces().size() * KINDS.size();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(
                Locale.ROOT,
                "<testsuite name=\"tunegate due\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" timestamp=\"%sT00:00:00\">%n",
                tests,
                r.workspaces().stream()
                        .mapToLong(w -> KINDS.stream()
                                .filter(k -> r.overdue().stream()
                                        .anyMatch(o -> o.workspace().equals(w)
                                                && o.kind().equals(k)))
                                .count())
                        .sum(),
                r.asOf()));
        for (String w : r.workspaces()) {
            for (String k : KINDS) {
                b.append("  <testcase classname=\"tunegate.due.")
                        .append(xml(w))
                        .append("\" name=\"")
                        .append(k)
                        .append(" is not overdue\">\n");
                for (Due.Overdue o : r.overdue()) {
                    if (o.workspace().equals(w) && o.kind().equals(k)) {
                        b.append("    <failure type=\"OVERDUE\" message=\"")
                                .append(xml(o.what() + " (since " + o.since() + ")"))
                                .append("\"/>\n");
                    }
                }
                b.append("  </testcase>\n");
            }
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "&lt;")
                .replace("*", "\\*")
                .replace("_", "\\_");
    }

    private static String xml(String s) {
        return dev.tunegate.evals.RegressionRenderer.xml(s);
    }
}
