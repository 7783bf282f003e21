package dev.tunegate.retrieval;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One corpus document.
 *
 * @param id its stable id (judgments and runs refer to it)
 * @param title its title ("" when none)
 * @param text its plain text; Markdown headings ({@code # …}) are kept, they drive chunking
 * @param groups the groups allowed to read it (empty: no access control)
 * @param updated the dates it was changed, oldest first (its change history; may be empty)
 * @param source where it comes from (a URL or system name; "" when none)
 * @param file the file it was read from
 * @param line the 1-based line it starts on (1 for a whole file)
 */
public record Document(
        String id,
        String title,
        String text,
        List<String> groups,
        List<LocalDate> updated,
        String source,
        String file,
        long line) {
    public Document {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        groups = List.copyOf(groups);
        updated = updated.stream().distinct().sorted().toList();
        source = source == null ? "" : source;
    }
}
