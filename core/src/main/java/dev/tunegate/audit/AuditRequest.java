package dev.tunegate.audit;

import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.workspace.DataSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to audit and how.
 *
 * @param train the training file
 * @param golden the golden (held-out) file for the leakage check, or null
 * @param outputSchema a JSON Schema every output must conform to, or null
 * @param format the format of both files ({@link DatasetFormat#AUTO} detects it)
 * @param columns the CSV/TSV column mapping
 * @param currentEras eras whose rows may be trained on (empty: every era not retired)
 * @param retiredEras eras never to train on
 * @param checks the checks to run
 * @param tokenizer {@code o200k_base} or {@code cl100k_base}
 * @param contextLimit tokens per example above which a row is flagged (and billing is capped)
 * @param seed seed of the near-duplicate hash functions
 * @param threshold Jaccard threshold of near-duplicates
 * @param maxErrors stop after this many rows with format errors (0: never stop)
 * @param maxLineBytes longest line read; longer lines are findings
 * @param allowPartial when a file is damaged (a truncated gzip/zstd stream, a CSV quote never closed),
 *     audit the rows before the damage and say so (a finding, a note and the report's {@code partial})
 *     instead of failing
 */
public record AuditRequest(
        Path train,
        Path golden,
        Path outputSchema,
        DatasetFormat format,
        ColumnMapping columns,
        List<String> currentEras,
        List<String> retiredEras,
        Set<AuditCheck> checks,
        String tokenizer,
        int contextLimit,
        long seed,
        double threshold,
        long maxErrors,
        int maxLineBytes,
        boolean allowPartial) {
    /** The context limit of OpenAI's data-prep notebook (MAX_TOKENS_PER_EXAMPLE). */
    public static final int DEFAULT_CONTEXT_LIMIT = 16_385;
    /** The tokenizer of OpenAI's current models (the other one the audit knows: {@code cl100k_base}). */
    public static final String DEFAULT_TOKENIZER = "o200k_base";
    /** The seed of the near-duplicate hash functions. */
    public static final long DEFAULT_SEED = 42;
    /** The Jaccard similarity of two rows' shingles from which they are near duplicates. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** 16 MiB: the longest line the audit reads. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

    public AuditRequest {
        if (train == null) throw new IllegalArgumentException("train file is required");
        format = format == null ? DatasetFormat.AUTO : format;
        columns = columns == null ? ColumnMapping.none() : columns;
        currentEras = List.copyOf(currentEras == null ? List.of() : currentEras);
        retiredEras = List.copyOf(retiredEras == null ? List.of() : retiredEras);
        checks = checks == null || checks.isEmpty() ? EnumSet.allOf(AuditCheck.class) : EnumSet.copyOf(checks);
        tokenizer = tokenizer == null ? DEFAULT_TOKENIZER : tokenizer;
        if (!tokenizer.equals("o200k_base") && !tokenizer.equals("cl100k_base")) {
            throw new dev.tunegate.io.InvalidInputException(
                    "--tokenizer: expected o200k_base or cl100k_base, found \"" + tokenizer + "\"");
        }
        if (!(threshold > 0 && threshold <= 1)) { // NaN too
            throw new dev.tunegate.io.InvalidInputException(
                    "--threshold: expected a number in (0, 1], found " + threshold);
        }
        // a count that means nothing is refused, not replaced by a default: every request is built through here
        if (contextLimit < 1)
            throw new dev.tunegate.io.InvalidInputException(
                    "--context-limit: expected a number of tokens ≥ 1, found " + contextLimit);
        if (maxErrors < 0)
            throw new dev.tunegate.io.InvalidInputException(
                    "--max-errors: expected a number ≥ 0 (0: never stop), found " + maxErrors);
        if (maxLineBytes < 1) maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    }

    /** Every check, defaults for everything else. */
    public static AuditRequest of(Path train) {
        return new AuditRequest(
                train,
                null,
                null,
                DatasetFormat.AUTO,
                ColumnMapping.none(),
                List.of(),
                List.of(),
                EnumSet.allOf(AuditCheck.class),
                DEFAULT_TOKENIZER,
                DEFAULT_CONTEXT_LIMIT,
                DEFAULT_SEED,
                DEFAULT_THRESHOLD,
                0,
                DEFAULT_MAX_LINE_BYTES,
                false);
    }

    /** The full audit of a workspace's training file, as its {@code data} section configures it. */
    public static AuditRequest of(DataSettings data) {
        Path train = data.trainFile().orElseThrow(() -> new IllegalStateException("data.train is not configured"));
        return of(train)
                .withGolden(data.golden())
                .withOutputSchema(data.outputSchema())
                .withFormat(DatasetFormat.of(data.format()), ColumnMapping.fromConfig(data.columns()))
                .withEras(data.currentEras(), data.retiredEras())
                .withChecks(EnumSet.allOf(AuditCheck.class));
    }

    public AuditRequest withGolden(Path g) {
        return new AuditRequest(
                train,
                g,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withOutputSchema(Path s) {
        return new AuditRequest(
                train,
                golden,
                s,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withFormat(DatasetFormat f, ColumnMapping c) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                f,
                c,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withEras(List<String> current, List<String> retired) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                current,
                retired,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withChecks(Set<AuditCheck> c) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                c,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withMaxErrors(long n) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                n,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withNearDuplicates(long s, double t) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                s,
                t,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withTokenizer(String t) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                t,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withContextLimit(int tokens) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                tokens,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allowPartial);
    }

    public AuditRequest withMaxLineBytes(int n) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                n,
                allowPartial);
    }

    /** The same request with damaged input audited up to the damage (see {@code allowPartial}). */
    public AuditRequest withAllowPartial(boolean allow) {
        return new AuditRequest(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes,
                allow);
    }

    public boolean runs(AuditCheck c) {
        return checks.contains(c);
    }

    /**
     * Refuses an {@code --only} that leaves the golden set and the leakage check apart (both engines call this, and
     * say it as a usage error): the leakage check without a golden set has nothing to look for, and a golden set
     * beside checks that never read it would go unread, its file not even opened, without a word.
     *
     * @param only the {@code --only} list as given; null when every check runs, where neither can happen
     * @param goldenReadElsewhere whether another part of the command reads the golden set (the local audit's
     *     {@code --semantic})
     * @throws dev.tunegate.io.InvalidInputException naming the option, what was expected and what was found
     */
    public void requireGoldenMatchesChecks(String only, boolean goldenReadElsewhere) {
        if (only == null) return;
        String named = "--only " + only.trim();
        if (runs(AuditCheck.LEAKAGE) && golden == null)
            throw new dev.tunegate.io.InvalidInputException(
                    named + ": the leakage check expected --golden FILE (the held-out set), found no --golden");
        if (!runs(AuditCheck.LEAKAGE) && golden != null && !goldenReadElsewhere)
            throw new dev.tunegate.io.InvalidInputException(named + ": --golden " + golden
                    + " is read by the leakage check only, which the list does not name; add leakage to --only, or"
                    + " drop --golden");
    }

    /** Whether a check that compares MinHash signatures runs: near duplicates, conflicts, or leakage of a golden set. */
    public boolean comparesSignatures() {
        return runs(AuditCheck.NEAR_DUPLICATES)
                || runs(AuditCheck.CONFLICTS)
                || (golden != null && runs(AuditCheck.LEAKAGE));
    }
}
