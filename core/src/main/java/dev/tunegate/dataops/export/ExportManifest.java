package dev.tunegate.dataops.export;

import java.util.List;
import java.util.Map;

/**
 * {@code OUT/manifest.json} (docs/formats/export-manifest.md). Contains no timestamp: the same inputs give
 * the same manifest byte for byte.
 *
 * @param schemaVersion 1
 * @param tool {@code tunegate}
 * @param toolVersion the version that wrote it
 * @param format the export format
 * @param files the files written, with their SHA-256 and rows
 * @param rows rows read and written
 * @param removed rows not exported, by the first rule that removed each (every rule is present, 0 included)
 * @param heldBack the conflict groups held back for review
 * @param split how train and validation were split
 * @param audit the near-duplicate parameters of the audit that found duplicates, conflicts and leaks
 * @param seed the split's seed
 * @param sourceDigests SHA-256 of every input file, by workspace-relative path
 * @param datasetVersion the newest dataset version (tunegate data snapshot) of the training file's bytes, or null
 * @param review the review log's contribution
 * @param notes what a person should know
 */
public record ExportManifest(
        int schemaVersion,
        String tool,
        String toolVersion,
        String format,
        List<FileEntry> files,
        Rows rows,
        Map<String, Long> removed,
        HeldBack heldBack,
        Split split,
        AuditParams audit,
        long seed,
        Map<String, String> sourceDigests,
        String datasetVersion,
        Review review,
        List<String> notes) {
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE = "manifest.json";

    public ExportManifest {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    /** A file of the export: its path relative to the export folder, digest, rows (lines) and role. */
    public record FileEntry(String path, String sha256, long rows, String role) {}

    /** @param source rows of the training file; @param reviewed rows of the reviewed dataset (valid rows + approved queue rows) */
    public record Rows(long source, long reviewed, long exported, long train, long validation) {}

    /** Conflict groups held back: {@code file} lists them (one group a line) for a person to settle. */
    public record HeldBack(String file, long conflictGroups, long rows) {}

    /**
     * The split.
     *
     * @param validation the validation fraction asked for
     * @param stratified whether it was stratified by label (classification-like data)
     * @param strata labels (strata) when stratified
     * @param method how rows were assigned
     */
    public record Split(double validation, boolean stratified, int strata, String method) {}

    /** The audit's near-duplicate parameters. */
    public record AuditParams(
            double nearDuplicateThreshold, long seed, int permutations, int bands, String shingles, int shingleSize) {}

    /**
     * The review log's contribution.
     *
     * @param decisionsApplied rows a review-log decision changed
     * @param queueRowsApproved review-queue rows included
     * @param rowsResolvedAway rows left out because they lose a conflict resolution ({@code review --conflicts})
     * @param logBytes how many bytes of the review log were applied (it is append-only: its first {@code logBytes}
     *     bytes reproduce this export even after reviewers appended more)
     * @param logSha256 the SHA-256 of those bytes, or null without a log
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Review(
            long decisionsApplied, long queueRowsApproved, long rowsResolvedAway, long logBytes, String logSha256) {}
}
