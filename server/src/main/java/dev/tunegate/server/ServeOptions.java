package dev.tunegate.server;

import dev.tunegate.dataops.review.ReviewBoard;
import java.nio.file.Path;

/**
 * How {@code tunegate serve} runs.
 *
 * @param dir a workspace, or a folder whose sub-folders are workspaces
 * @param bind the address to listen on (127.0.0.1 unless said otherwise)
 * @param port the port (0: any free one)
 * @param review how the review shares rows (lease, share reviewed twice, seed)
 */
public record ServeOptions(Path dir, String bind, int port, ReviewBoard.Settings review) {
    public static final String LOOPBACK = "127.0.0.1";

    public static ServeOptions loopback(Path dir, int port) {
        return new ServeOptions(dir, LOOPBACK, port, ReviewBoard.Settings.defaults());
    }
}
