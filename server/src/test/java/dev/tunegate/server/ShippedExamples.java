package dev.tunegate.server;

import dev.tunegate.evals.RegressionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The shipped examples as the tests use them: copied, so that no test writes into the checkout. */
public final class ShippedExamples {
    private ShippedExamples() {}

    /**
     * Copies the example folder {@code from} to {@code to} without what tunegate's own runs write into it
     * (records, reports, ops reviews, the regress log, its cache): a developer who ran the README's commands on
     * the example has them in the checkout, and a test must start from the example as shipped.
     */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("decisions")
                        || rel.startsWith("reports")
                        || rel.startsWith("ops")
                        || rel.startsWith(".tunegate")
                        || rel.equals(Path.of(RegressionLog.FILE))) continue;
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
