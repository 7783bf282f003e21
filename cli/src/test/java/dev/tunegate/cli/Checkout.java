package dev.tunegate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the checkout the tests run in (the launcher's scripts), found upwards from the working folder. */
final class Checkout {
    private Checkout() {}

    /** {@code relative} (e.g. {@code scripts/find-java.sh}) in the nearest folder above the working one that has it. */
    static Path file(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve(relative);
            if (Files.isRegularFile(f)) return f;
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
