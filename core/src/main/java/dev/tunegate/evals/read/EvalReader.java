package dev.tunegate.evals.read;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.Findings;
import java.nio.file.Path;
import java.util.List;

/** Reads one eval results file into records; bad rows go to the findings. */
public interface EvalReader {

    /**
     * Reads {@code file}.
     *
     * @param file the file
     * @param displayName how findings and records name the file
     * @param findings where row problems go
     * @return the usable records, in file order
     * @throws dev.tunegate.io.InvalidInputException when the file cannot be used at all
     */
    List<EvalRecord> read(Path file, String displayName, Findings findings);
}
