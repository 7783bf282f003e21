package dev.tunegate.server;

import dev.tunegate.dataops.review.ConflictReview;
import dev.tunegate.dataops.review.ReviewBoard;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspaces served: DIR itself when it holds a {@code tunegate.yaml}, else each sub-folder that does.
 * Requests name a workspace only by its folder name, looked up here, so no request can reach a path
 * outside DIR; the review board of each workspace is kept for the server's life.
 */
public final class WorkspaceCatalog {
    private final Path root;
    private final Map<String, Path> dirs;
    private final ReviewBoard.Settings review;
    private final Clock clock;
    private final Map<String, ReviewBoard> boards = new ConcurrentHashMap<>();

    public WorkspaceCatalog(Path root, ReviewBoard.Settings review, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.review = review;
        this.clock = clock;
        Map<String, Path> found = new LinkedHashMap<>();
        for (Path p : Workspace.folders(root)) found.put(p.getFileName().toString(), p);
        this.dirs = Collections.unmodifiableMap(found);
    }

    public Path root() {
        return root;
    }

    public List<String> names() {
        return new ArrayList<>(dirs.keySet());
    }

    /** The workspace's folder, or 404. */
    public Path dir(String name) {
        Path p = dirs.get(name);
        if (p == null) throw new NotFoundException("no workspace named \"" + name + "\" is served here");
        return p;
    }

    /** The workspace, its tunegate.yaml read now (so edits show without a restart). */
    public Workspace open(String name) {
        return Workspace.open(
                dir(name), Policy.standard().thresholdDefinitions().keySet());
    }

    public ReviewBoard board(String name) {
        Path d = dir(name);
        return boards.computeIfAbsent(
                name,
                n -> new ReviewBoard(
                        Workspace.open(
                                d, Policy.standard().thresholdDefinitions().keySet()),
                        clock,
                        review));
    }

    /**
     * The conflict review of a workspace (its tunegate.yaml read now), whose group claims last as long as the row
     * review's claims.
     */
    public ConflictReview conflicts(String name) {
        return new ConflictReview(
                open(name), clock, Math.max(1, Runtime.getRuntime().availableProcessors()), review.lease());
    }

    /** How long a claim (of a row or a conflict group) lasts, in seconds. */
    public long leaseSeconds() {
        return review.lease().toSeconds();
    }
}
