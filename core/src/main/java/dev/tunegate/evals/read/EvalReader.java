package dev.tunegate.evals.read;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.Findings;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/** Reads one eval results file into records; bad rows go to the findings. */
public interface EvalReader {

    /**
     * Reads {@code file}.
     *
     * @param file the file
     * @param displayName how findings and records name the file
     * @param findings where row problems go
     * @param digest fed every byte of the file while it is read (to its end, even when the records end earlier), so
     *     a caller that names the file by its digest reads it once; null: none
     * @return the usable records, in file order
     * @throws dev.tunegate.io.InvalidInputException when the file cannot be used at all
     */
    List<EvalRecord> read(Path file, String displayName, Findings findings, MessageDigest digest);
}
