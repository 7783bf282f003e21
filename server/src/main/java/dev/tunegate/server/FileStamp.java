package dev.tunegate.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size and modification time of input files: a cached result stays valid while the stamp of its inputs is unchanged. */
final class FileStamp {
    private FileStamp() {}

    static String of(Path... files) {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            if (sb.length() > 0) sb.append('|');
            try {
                sb.append(
                        f == null || !Files.exists(f)
                                ? "-"
                                : Files.size(f) + "@"
                                        + Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                sb.append('?');
            }
        }
        return sb.toString();
    }
}
