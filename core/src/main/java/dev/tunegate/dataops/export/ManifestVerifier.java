package dev.tunegate.dataops.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tunegate export --verify OUT}: checks that every file the manifest lists is there with the digest
 * and row count it was written with. The first mismatch is an error naming the file.
 */
public final class ManifestVerifier {
    private static final ObjectMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ManifestVerifier() {}

    /** Returns the manifest when every file matches; throws {@link InvalidInputException} naming the first file that does not. */
    public static ExportManifest verify(Path out) {
        Path mf = out.resolve(ExportManifest.FILE);
        if (!Files.isRegularFile(mf))
            throw InvalidInputException.at(
                    mf, 0, "no export manifest here (expected the folder tunegate export wrote)");
        ExportManifest m;
        try {
            m = READER.readValue(mf.toFile(), ExportManifest.class);
        } catch (IOException e) {
            throw InvalidInputException.at(
                    mf,
                    0,
                    "not an export manifest: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (m.files() == null || m.files().isEmpty())
            throw InvalidInputException.at(mf, 0, "field \"files\": expected the exported files, found none");
        for (ExportManifest.FileEntry f : m.files()) {
            Path p = out.resolve(f.path());
            if (!Files.isRegularFile(p)) throw InvalidInputException.at(p, 0, "listed in the manifest but missing");
            String sha = Digests.sha256(p);
            if (!sha.equals(f.sha256())) {
                throw InvalidInputException.at(
                        p,
                        0,
                        "sha256 " + sha.substring(0, 16) + "… does not match the manifest's "
                                + f.sha256().substring(0, 16)
                                + "…: the file was changed after export (re-run tunegate export)");
            }
            long lines;
            try (var s = Files.lines(p)) {
                lines = s.count();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw InvalidInputException.at(p, 0, "cannot read: " + e.getMessage());
            }
            if (lines != f.rows())
                throw InvalidInputException.at(p, 0, "has " + lines + " rows, the manifest says " + f.rows());
        }
        return m;
    }
}
