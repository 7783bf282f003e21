package dev.tunegate.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks of the audit, selectable with {@code --only}. Format findings are always reported. */
public enum AuditCheck {
    COUNTS("counts"),
    EXACT_DUPLICATES("exact-duplicates"),
    NEAR_DUPLICATES("near-duplicates"),
    CONFLICTS("conflicts"),
    SCHEMA("schema"),
    TOKENS("tokens"),
    PII("pii"),
    LEAKAGE("leakage");

    private final String id;

    AuditCheck(String id) {
        this.id = id;
    }

    /** The id used by {@code --only}. */
    public String id() {
        return id;
    }

    /**
     * Parses a comma list such as {@code near-duplicates,tokens}; {@code all}, or null (no {@code --only}), means every
     * check. A list that names none ({@code --only ""}, {@code --only ,}) is refused: it used to run every check.
     */
    public static Set<AuditCheck> parse(String list) {
        if (list == null || list.trim().equalsIgnoreCase("all")) return EnumSet.allOf(AuditCheck.class);
        EnumSet<AuditCheck> out = EnumSet.noneOf(AuditCheck.class);
        for (String part : list.split(",")) {
            String k = part.trim().toLowerCase(Locale.ROOT);
            if (k.isEmpty()) continue;
            AuditCheck found = null;
            for (AuditCheck c : values())
                if (c.id.equals(k) || c.name().equalsIgnoreCase(k.replace('-', '_'))) found = c;
            if (found == null) {
                throw new dev.tunegate.io.InvalidInputException(
                        "--only \"" + part.trim() + "\": expected a comma list of "
                                + Arrays.stream(values()).map(AuditCheck::id).collect(Collectors.joining(", "))
                                + ", found \"" + part.trim() + "\"");
            }
            out.add(found);
        }
        if (out.isEmpty())
            throw new dev.tunegate.io.InvalidInputException("--only: expected a comma list of "
                    + Arrays.stream(values()).map(AuditCheck::id).collect(Collectors.joining(", "))
                    + ", found " + (list.isEmpty() ? "nothing" : "\"" + list + "\""));
        return out;
    }
}
