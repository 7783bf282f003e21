package dev.tunegate.retrieval;

import java.util.List;

/**
 * Who a search runs as: the groups the user belongs to. An {@link #UNRESTRICTED} principal sees
 * every document (it is how the audit measures what an index without filtering would return).
 *
 * @param groups the principal's groups
 * @param unrestricted whether results are not filtered at all
 */
public record Principal(List<String> groups, boolean unrestricted) {
    public Principal {
        groups = List.copyOf(groups);
    }

    /** Sees every document: the search is not filtered. */
    public static final Principal UNRESTRICTED = new Principal(List.of(), true);

    /** A user with no groups: sees only documents declared public. */
    public static final Principal ANONYMOUS = new Principal(List.of(), false);

    public static Principal of(List<String> groups) {
        return new Principal(groups, false);
    }

    /**
     * Whether this principal may read a document with {@code documentGroups}: it shares a group with
     * it, or the document has no groups and documents without groups are public.
     */
    public boolean mayRead(List<String> documentGroups, boolean publicDocuments) {
        if (unrestricted) return true;
        if (documentGroups.isEmpty()) return publicDocuments;
        for (String g : documentGroups) if (groups.contains(g)) return true;
        return false;
    }
}
