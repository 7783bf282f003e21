package dev.tunegate.evals.read;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks the reader of an eval file and applies the rules common to every format. */
public final class EvalReaders {
    private EvalReaders() {}

    /**
     * Reads one file. Records without a pass/fail outcome get one from comparing expected and output
     * (trimmed, exact) when both are present; records with neither an outcome, a score, nor both
     * expected and output are findings.
     *
     * @param format the format, or {@link EvalFormat#AUTO} to detect it
     * @param columns the CSV column mapping (ignored by the other formats)
     */
    public static List<EvalRecord> read(
            Path file, String displayName, EvalFormat format, Map<String, String> columns, Findings findings) {
        return read(file, displayName, format, columns, findings, null);
    }

    /**
     * As {@link #read(Path, String, EvalFormat, Map, Findings)}, hashing the file while it is read and handing its
     * digest to {@code digests} (null: not hashed), so a command that names the file by its digest reads it once.
     */
    public static List<EvalRecord> read(
            Path file,
            String displayName,
            EvalFormat format,
            Map<String, String> columns,
            Findings findings,
            FileDigests digests) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    displayName, 0, "not a file; expected an eval results file (native JSONL, promptfoo JSON or CSV)");
        }
        EvalFormat f = format == EvalFormat.AUTO ? detect(file, displayName) : format;
        EvalReader reader =
                switch (f) {
                    case NATIVE -> new NativeJsonlReader();
                    case PROMPTFOO -> new PromptfooReader();
                    case CSV -> new CsvEvalReader(columns);
                    case AUTO -> throw new IllegalStateException("detect never answers AUTO");
                };
        MessageDigest md = digests == null ? null : Digests.newSha256();
        List<EvalRecord> read = reader.read(file, displayName, findings, md);
        if (md != null) digests.remember(file, Digests.hex(md.digest()));
        List<EvalRecord> out = new ArrayList<>();
        for (EvalRecord r : read) {
            if (r.passed() == null && r.score() == null) {
                if (r.expected() != null && r.output() != null) {
                    out.add(r.withPassed(r.expected().trim().equals(r.output().trim())));
                } else {
                    findings.add(
                            r,
                            EvalRowIssue.MISSING_FIELD,
                            "passed",
                            "item " + Values.shorten(r.item())
                                    + ": expected \"passed\", \"score\", or both \"expected\" and \"output\", found none");
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The format of a file from its extension, then its first non-blank character. */
    public static EvalFormat detect(Path file, String displayName) {
        String name = displayName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) return EvalFormat.CSV;
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return EvalFormat.NATIVE;
        String head = head(file);
        if (head.startsWith("[")) return EvalFormat.PROMPTFOO;
        if (head.startsWith("{")) {
            // A whole-file JSON document (promptfoo) spans lines; native JSONL has one object per line.
            int nl = head.indexOf('\n');
            String firstLine = nl < 0 ? head : head.substring(0, nl);
            return firstLine.trim().endsWith("}")
                            && !firstLine.contains("\"evalId\"")
                            && !firstLine.contains("\"results\":{")
                    ? EvalFormat.NATIVE
                    : EvalFormat.PROMPTFOO;
        }
        throw new InvalidInputException(
                displayName,
                1,
                "expected an eval results file (.jsonl native, promptfoo .json, or .csv), found "
                        + Values.shorten(head.lines().findFirst().orElse("")));
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(4096);
            String s = new String(buf, StandardCharsets.UTF_8);
            if (s.startsWith("\uFEFF")) s = s.substring(1);
            return s.stripLeading();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
