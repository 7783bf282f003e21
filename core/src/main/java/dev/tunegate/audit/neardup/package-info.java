/**
 * Near-duplicate detection for the dataset audit: word (or character) shingles hashed in one scan,
 * one-permutation MinHash with optimal densification, b-bit signatures packed in primitive chunks,
 * LSH banding chosen for a Jaccard threshold, candidates verified by their (corrected) estimated
 * Jaccard, and union-find clusters.
 * {@link dev.tunegate.audit.neardup.MinHasher} signs (pure, thread-safe);
 * {@link dev.tunegate.audit.neardup.NearDuplicateIndex} accumulates signatures and clusters them.
 * See docs/PERFORMANCE.md for the speed, accuracy and bytes per row measured.
 *
 * <p>Must not import: assess, cost, dataops, evals, retrieval, record, report, pilot. Checked by {@code
 * ArchitectureTest}.
 */
package dev.tunegate.audit.neardup;
