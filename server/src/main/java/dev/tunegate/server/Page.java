package dev.tunegate.server;

import java.util.List;

/**
 * A page of the web workspace: its id (the renderer {@code app.js} looks up), title and path. Workspace
 * pages live under {@code /w/{name}/…}. Adding a page is one entry in {@link #ALL} and one renderer in
 * {@code app.js}'s {@code PAGES}.
 *
 * @param id the renderer's key
 * @param title the navigation label
 * @param path the path ({@code ""} for a workspace's own page), relative to {@code /w/{name}/}; null for the home page
 */
public record Page(String id, String title, String path) {
    /** The page registry, in navigation order. */
    public static final List<Page> ALL = List.of(
            new Page("workspaces", "Workspaces", null),
            new Page("decision", "Decision", ""),
            new Page("audit", "Audit findings", "audit"),
            new Page("review", "Review", "review"),
            new Page("conflicts", "Conflicts", "conflicts"),
            new Page("regression", "Regression", "regression"),
            new Page("pilot", "Pilot", "pilot"),
            new Page("weekly", "Weekly ops", "weekly"));

    public boolean perWorkspace() {
        return path != null;
    }
}
