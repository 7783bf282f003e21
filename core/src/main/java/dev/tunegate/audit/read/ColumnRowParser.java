package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSV/TSV records through a resolved column mapping: the input column is the user message, the
 * output column the assistant message. An empty output cell is {@code empty_output}; a cell that
 * reads {@code null}, {@code none}, {@code nan} or {@code n/a} is {@code null_label}.
 */
public final class ColumnRowParser implements RowParser {
    private static final Set<String> NULLS = Set.of("null", "none", "nan", "n/a", "nil");
    private final Map<String, Integer> columns;

    /** @param columns role → column index, from {@link ColumnMapping#resolve} */
    public ColumnRowParser(Map<String, Integer> columns) {
        this.columns = Map.copyOf(columns);
    }

    @Override
    public ParsedRow parse(RawRow row) {
        if (row instanceof RawRow.Unreadable u) return ParsedRow.failed(u.kind(), u.message());
        if (!(row instanceof RawRow.Fields f))
            return ParsedRow.failed(FindingKind.NOT_AN_OBJECT, "expected a CSV record");
        List<RowProblem> problems = new ArrayList<>(0);
        for (String v : f.values()) {
            if (v.indexOf('\uFFFD') >= 0) {
                problems.add(
                        new RowProblem(FindingKind.INVALID_UTF8, "the record contains bytes that are not valid UTF-8"));
                break;
            }
        }
        String input = cell(f, "input");
        String output = cell(f, "output");
        if (input == null) {
            problems.add(new RowProblem(
                    FindingKind.MISSING_CONTENT,
                    "column \"" + f.header().get(columns.get("input"))
                            + "\" (input): expected a value, found a short record of "
                            + f.values().size() + " fields"));
            return new ParsedRow(null, problems);
        }
        if (output == null) {
            problems.add(new RowProblem(
                    FindingKind.MISSING_CONTENT,
                    "column \"" + f.header().get(columns.get("output"))
                            + "\" (output): expected a value, found a short record of "
                            + f.values().size() + " fields"));
            return new ParsedRow(null, problems);
        }
        if (NULLS.contains(output.trim().toLowerCase(Locale.ROOT))) {
            problems.add(new RowProblem(
                    FindingKind.NULL_LABEL,
                    "column \"" + f.header().get(columns.get("output")) + "\" (output): expected a label, found \""
                            + output.trim() + "\""));
        }
        List<Message> msgs = new ArrayList<>(3);
        String system = cell(f, "system");
        if (system != null && !system.isBlank()) msgs.add(new Message(Role.SYSTEM, system));
        msgs.add(new Message(Role.USER, input));
        msgs.add(new Message(Role.ASSISTANT, output));
        RowMetadata meta = RowMetadataCheck.check(
                cell(f, "provenance"), cell(f, "status"), cell(f, "reviewer"), cell(f, "era"), problems);
        return new ParsedRow(new Example(msgs, meta), problems);
    }

    private String cell(RawRow.Fields f, String role) {
        Integer i = columns.get(role);
        if (i == null || i >= f.values().size()) return null;
        return f.values().get(i);
    }
}
