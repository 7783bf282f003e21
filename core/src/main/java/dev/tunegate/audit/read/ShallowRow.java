package dev.tunegate.audit.read;

import java.util.List;

/**
 * What a row says when no check reads its texts ({@code audit --only counts}): its metadata and
 * problems, read without decoding a single message. Only a clean row whose output is certainly not
 * blank and whose texts certainly hold no {@code {{placeholder}}} is read this way (see {@link
 * JsonRowParser#shallow}), so it stands for exactly the {@link ParsedRow} the full parse would give:
 * an example (valid unless a problem is an error) with these metadata and problems.
 *
 * @param metadata provenance, status, reviewer, era
 * @param problems the metadata's problems (empty when none)
 */
public record ShallowRow(RowMetadata metadata, List<RowProblem> problems) {
    public ShallowRow {
        problems = List.copyOf(problems);
    }
}
